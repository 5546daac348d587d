// pybind11 module `linuxnet`: the same names as C++ and scripts (DESIGN.md principle 5).
//   import linuxnet
//   w = linuxnet.World()
//   print(w.run("ip netns add a\nip -n a link show\n", echo=True))
//   rc, out = w.command("a", ["ping", "-c", "1", "127.0.0.1"])
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <fstream>
#include <sstream>

#include "cli/cmd.h"
#include "net/core/netdevice.h"
#include "net/ipv4/linux-ipv4.h"
#include "ns3/simulator.h"
#include "scenario/script.h"
#include "sim/cost_table.h"
#include "sim/host.h"
#include "world/world.h"

namespace py = pybind11;
using linuxnet::World;

namespace {

// Each World has its own clock and events; every call enters it first, so that several Worlds
// can be driven in turn from one interpreter
struct PyWorld {
  std::unique_ptr<World> w = std::make_unique<World>();
  std::ostringstream trace;
  std::string Run(const std::string& script, bool echo) {
    std::ostringstream os;
    linuxnet::RunScript(w.get(), script, echo, os);
    return os.str();
  }
  std::pair<int, std::string> Command(const std::string& ns, const std::vector<std::string>& argv,
                                      const std::string& input) {
    w->Enter();
    linuxnet::CmdCtx ctx;
    ctx.user = w->userland();
    ctx.net = ns.empty() ? w->init_net() : w->FindNetNs(ns);
    if (!ctx.net) throw py::value_error("no such namespace: " + ns);
    ctx.in = input;
    int rc = linuxnet::RunCommand(ctx, argv);
    return {rc, ctx.Transcript()};
  }
  std::vector<std::string> Namespaces() const { return w->NetNsNames(); }
  // the machine's CPUs and cost table, as `#@ host cpus=N` and `#@ costs FILE` set them
  void SetCpus(int n) {
    if (n < 1 || n > 4096) throw py::value_error("cpus must be 1 to 4096");
    w->default_host()->SetCpus(n);
  }
  void LoadCosts(const std::string& path) {
    std::ifstream f(path);
    if (!f) throw py::value_error("cannot open cost table " + path);
    std::string err;
    if (!linuxnet::LoadCostTable(w->default_host(), f, path, &err)) throw py::value_error(err);
  }
  void ClearCosts() { linuxnet::ClearCostTable(w->default_host()); }
  std::string Costs() const { return linuxnet::FormatCostTable(w->default_host()); }
  double Now() { return w->Now().GetSeconds(); }
  void SetTrace(bool on) { w->SetTrace(on ? &trace : nullptr); }
  std::string TakeTrace() {
    std::string s = trace.str();
    trace.str("");
    return s;
  }
  py::dict LinkStats(const std::string& ns, const std::string& dev) {
    linuxnet::NetNs* net = ns.empty() ? w->init_net() : w->FindNetNs(ns);
    if (!net) throw py::value_error("no such namespace: " + ns);
    linuxnet::NetDev* d = net->DevGetByName(dev);
    if (!d) throw py::value_error("no such device: " + dev);
    linuxnet::LinkStats s = d->GetStats64();
    py::dict r;
    r["rx_packets"] = s.rx_packets;
    r["rx_bytes"] = s.rx_bytes;
    r["rx_dropped"] = s.rx_dropped;
    r["tx_packets"] = s.tx_packets;
    r["tx_bytes"] = s.tx_bytes;
    r["tx_dropped"] = s.tx_dropped;
    return r;
  }
  // `#@ host NAME [cpus=N]` and `#@ wire A:DEV1 B:DEV2 rate= delay= loss=`
  void AddHost(const std::string& name, int cpus) {
    if (w->FindHost(name)) throw py::value_error("host exists: " + name);
    linuxnet::Host* h = w->AddHost(name);
    if (cpus) h->SetCpus(cpus);
  }
  std::vector<std::string> Hosts() const {
    std::vector<std::string> v;
    for (int i = 0;; i++) {
      linuxnet::Host* h = w->HostAt(i);
      if (!h) break;
      v.push_back(h->name());
    }
    return v;
  }
  void AddWire(const std::string& host_a, const std::string& dev_a, const std::string& host_b,
               const std::string& dev_b, double rate_bps, double delay_s, double loss) {
    linuxnet::Host* a = w->FindHost(host_a);
    linuxnet::Host* b = w->FindHost(host_b);
    if (!a || !b) throw py::value_error("no such host: " + (a ? host_b : host_a));
    if (!(rate_bps >= 1) || !(delay_s >= 0) || !(loss >= 0 && loss <= 1)) throw py::value_error("bad rate, delay or loss");
    std::string err;
    if (!w->AddWire(a, dev_a, b, dev_b, static_cast<uint64_t>(rate_bps), static_cast<int64_t>(delay_s * 1e12 + 0.5), loss, &err))
      throw py::value_error(err);
  }
  void InstallL4(const std::string& ns) {
    linuxnet::NetNs* net = w->FindNetNs(ns);
    if (!net) throw py::value_error("no such namespace: " + ns);
    w->Enter();
    linuxnet::LinuxIpv4::InstallL4(net);
  }
};

}  // namespace

PYBIND11_MODULE(linuxnet, m) {
  m.doc() = "linuxnet: the Linux packet path in ns-3 virtual time";
  py::class_<PyWorld>(m, "World")
      .def(py::init<>())
      .def("run", &PyWorld::Run, py::arg("script"), py::arg("echo") = false,
           "Run scenario-script lines; returns what the commands printed (as `linuxnet run`).")
      .def("command", &PyWorld::Command, py::arg("ns"), py::arg("argv"), py::arg("input") = "",
           "Run one command in namespace `ns` ('' = the initial one); returns (exit status, output).")
      .def("namespaces", &PyWorld::Namespaces)
      .def("set_cpus", &PyWorld::SetCpus, py::arg("n"), "The machine's CPU count (before anything runs).")
      .def("load_costs", &PyWorld::LoadCosts, py::arg("path"),
           "The machine's cost table from a file (FUNCTION A_NS [B_NS_PER_BYTE] lines).")
      .def("clear_costs", &PyWorld::ClearCosts, "No costs: no time passes in the kernel.")
      .def("costs", &PyWorld::Costs, "The machine's cost table, as load_costs reads it.")
      .def("now", &PyWorld::Now, "This World's virtual time in seconds.")
      .def("set_trace", &PyWorld::SetTrace, py::arg("on"),
           "Record each kernel function a packet passes (read with take_trace()).")
      .def("take_trace", &PyWorld::TakeTrace, "The trace recorded since the last call.")
      .def("link_stats", &PyWorld::LinkStats, py::arg("ns"), py::arg("dev"))
      .def("add_host", &PyWorld::AddHost, py::arg("name"), py::arg("cpus") = 0,
           "A machine of its own (`#@ host NAME cpus=N`); scripts address it with `#@ host NAME`.")
      .def("hosts", &PyWorld::Hosts, "The machines' names, the first one first.")
      .def("add_wire", &PyWorld::AddWire, py::arg("host_a"), py::arg("dev_a"), py::arg("host_b"), py::arg("dev_b"),
           py::arg("rate_bps"), py::arg("delay_s"), py::arg("loss") = 0.0,
           "An e1000 on each machine joined by a wire (`#@ wire A:DEV1 B:DEV2 rate= delay= loss=`).")
      .def("install_l4", &PyWorld::InstallL4, py::arg("ns"),
           "Aggregate ns-3's UDP and TCP on the namespace's node.");
}
