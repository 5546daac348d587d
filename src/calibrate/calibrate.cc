#include "calibrate/calibrate.h"

#include <Eigen/Dense>
#include <nlohmann/json.hpp>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

#include "net/core/net_namespace.h"
#include "net/ipv4/linux-ipv4.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-module.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "scenario/script.h"
#include "sim/cost_table.h"
#include "sim/host.h"
#include "world/world.h"

namespace linuxnet {

namespace {

const char* kServer = "10.0.2.2";
const uint16_t kPort = 5201;

std::string ReadFile(const std::string& path, bool* ok) {
  std::ifstream f(path);
  *ok = static_cast<bool>(f);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// The counting TraceFn: every call of a modelled function while `on`, with the bytes it is charged for;
// with `client` set, it stops after the first netif_rx into the client's namespace (a ping
// reply's receive timestamp)
struct Collector {
  CallProfile* prof = nullptr;
  bool on = false;
  NetNs* client = nullptr;
  Cpu* cpu = nullptr;  // with cpu set, only the work that runs on it (the sender's)
};

void Collect(Host* host, KFn f, const SkBuff* skb, uint32_t bytes) {
  auto* c = static_cast<Collector*>(host->trace_ctx);
  if (!c->on || (c->cpu && host->ThisCpu() != c->cpu)) return;
  c->prof->calls[f] += 1;
  c->prof->bytes[f] += bytes;
  if (c->client && f == KF_netif_rx && skb && skb->dev && skb->dev->net == c->client) c->on = false;
}

// A path whose name ends in -samecpu runs its receiver on the sender's CPU (iperf3 -s -A 0 beside
// a client on CPU 0 in measure-kernel.sh)
bool SameCpu(const std::string& name) {
  const std::string tail = "-samecpu";
  return name.size() > tail.size() && name.compare(name.size() - tail.size(), tail.size(), tail) == 0;
}

// A path instance NAME@RATE is NAME's path under iperf3 -b RATE datagrams/s (measure-kernel.sh
// --load); the calibration's paced instance offers more than any sender reaches
std::string PathScriptName(const std::string& name) { return name.substr(0, name.find('@')); }
long PacedRate(const std::string& name) {
  size_t at = name.find('@');
  return at == std::string::npos ? 0 : std::atol(name.c_str() + at + 1);
}

// A World with the path set up: c and s exist, the sockets on both; with same_cpu, s's processes
// on c's CPU
struct PathWorld {
  std::unique_ptr<World> world = std::make_unique<World>();
  World& w = *world;
  NetNs* c = nullptr;
  NetNs* s = nullptr;
  bool Setup(const std::string& script, bool same_cpu, std::string* error) {
    std::ostringstream os;
    int failed = RunScript(&w, script, false, os);
    c = w.FindNetNs("c");
    s = w.FindNetNs("s");
    if (failed || !c || !s) {
      *error = "the path script failed (" + std::to_string(failed) + " commands) or has no c and s:\n" + os.str();
      return false;
    }
    LinuxIpv4::InstallL4(c);
    LinuxIpv4::InstallL4(s);
    if (same_cpu) s->ns3_ipv4->SetAppCpu(c->ns3_ipv4->AppCpu());
    return true;
  }
  ~PathWorld() {
    world.reset();
    ns3::Simulator::Destroy();
  }
};

ns3::Ptr<ns3::Socket> UdpSocket(NetNs* net) {
  return ns3::Socket::CreateSocket(net->node, ns3::UdpSocketFactory::GetTypeId());
}

// a sink on s that counts the datagrams
struct Sink {
  uint64_t n = 0;
  ns3::Ptr<ns3::Socket> sock;
  void Open(NetNs* s) {
    sock = UdpSocket(s);
    sock->Bind(ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), kPort));
    sock->SetRecvCallback(ns3::MakeCallback(&Sink::Drain, this));
  }
  void Drain(ns3::Ptr<ns3::Socket> so) {
    while (so->Recv()) n++;
  }
};

ns3::Ptr<ns3::Socket> Sender(NetNs* c) {
  ns3::Ptr<ns3::Socket> so = UdpSocket(c);
  so->Connect(ns3::InetSocketAddress(ns3::Ipv4Address(kServer), kPort));
  return so;
}

void SendOne(ns3::Ptr<ns3::Socket> so, int size) { so->Send(ns3::Create<ns3::Packet>(static_cast<uint32_t>(size))); }

// Lawson–Hanson non-negative least squares: min |Ax - y| with x >= 0
Eigen::VectorXd Nnls(const Eigen::MatrixXd& A, const Eigen::VectorXd& y) {
  const int n = static_cast<int>(A.cols());
  Eigen::VectorXd x = Eigen::VectorXd::Zero(n);
  std::vector<bool> in_p(n, false);
  const double tol = 1e-12;
  for (int outer = 0; outer < 3 * n; outer++) {
    Eigen::VectorXd w = A.transpose() * (y - A * x);
    int j = -1;
    double best = tol;
    for (int i = 0; i < n; i++)
      if (!in_p[i] && w[i] > best) best = w[i], j = i;
    if (j < 0) break;
    in_p[j] = true;
    for (int inner = 0; inner < 3 * n; inner++) {
      std::vector<int> p;
      for (int i = 0; i < n; i++)
        if (in_p[i]) p.push_back(i);
      Eigen::MatrixXd Ap(A.rows(), static_cast<Eigen::Index>(p.size()));
      for (size_t k = 0; k < p.size(); k++) Ap.col(static_cast<Eigen::Index>(k)) = A.col(p[k]);
      Eigen::VectorXd sp = Ap.colPivHouseholderQr().solve(y);
      Eigen::VectorXd s = Eigen::VectorXd::Zero(n);
      for (size_t k = 0; k < p.size(); k++) s[p[k]] = sp[static_cast<Eigen::Index>(k)];
      bool feasible = true;
      for (int i : p) feasible = feasible && s[i] > tol;
      if (feasible) {
        x = s;
        break;
      }
      double alpha = 1;
      for (int i : p)
        if (s[i] <= tol) alpha = std::min(alpha, x[i] / (x[i] - s[i]));
      x += alpha * (s - x);
      for (int i : p)
        if (x[i] <= tol) in_p[i] = false, x[i] = 0;
    }
  }
  return x;
}

}  // namespace

bool ReadKernelCsv(const std::string& file, std::vector<KernelPath>* out, std::string* error) {
  std::ifstream f(file);
  if (!f) {
    *error = "cannot read " + file;
    return false;
  }
  std::string line;
  std::vector<std::string> cols;
  auto split = [](const std::string& l) {
    std::vector<std::string> v;
    std::stringstream ss(l);
    std::string x;
    while (std::getline(ss, x, ',')) v.push_back(x);
    return v;
  };
  while (std::getline(f, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::vector<std::string> v = split(line);
    if (cols.empty()) {
      cols = v;
      continue;
    }
    auto get = [&](const std::string& name) -> std::string {
      for (size_t i = 0; i < cols.size() && i < v.size(); i++)
        if (cols[i] == name) return v[i];
      return "";
    };
    KernelPath k;
    k.name = get("path");
    k.size = std::atoi(get("size").c_str());
    // the sender's CPU time per packet (its single-flow send rate) in the runs where the receiver
    // kept up: the whole path runs on the sender's CPU. The receive rate is the receiving
    // process's limit (recvmsg on another CPU), and a receiver that falls behind slows the sender.
    // When no run kept under 1 % lost, the median send rate over all runs stands in if the median
    // loss is under 5 % (a reader that just keeps up barely slows the sender)
    std::string ns = get("clean_tx_ns_per_packet_median");
    if ((ns.empty() || ns == "NA") && std::atof(get("lost_percent_median").c_str()) < 5) ns = get("tx_ns_per_packet_median");
    if (ns.empty()) ns = get("ns_per_packet_median");
    k.ns_per_packet = std::atof(ns.c_str());  // NA reads as 0: the row is left out
    k.tx_ns_per_packet = std::atof(get("tx_ns_per_packet_median").c_str());
    k.rtt_min_us = std::atof(get("rtt_min_us_median").c_str());
    if (PacedRate(k.name)) {  // a saturated paced sender: its rate over all runs; no RTT target
      k.ns_per_packet = k.tx_ns_per_packet;
      k.rtt_min_us = 0;
    }
    if (k.ns_per_packet <= 0) continue;
    if (SameCpu(k.name)) {  // see calibrate.h
      std::fprintf(stderr, "linuxnet fit: %s/%d left out: the reader shares the sender's CPU\n", k.name.c_str(), k.size);
      continue;
    }
    if (k.name.empty() || k.size <= 0) continue;
    out->push_back(k);
  }
  if (out->empty()) {
    *error = file + ": no path rows (path,size,...,ns_per_packet_median,rtt_min_us_median)";
    return false;
  }
  return true;
}

bool ProfileUdp(const std::string& script, bool same_cpu, int size, CallProfile* out, std::string* error) {
  PathWorld pw;
  if (!pw.Setup(script, same_cpu, error)) return false;
  Sink sink;
  sink.Open(pw.s);
  ns3::Ptr<ns3::Socket> so = Sender(pw.c);
  Collector col;
  col.prof = out;
  col.cpu = pw.c->ns3_ipv4->AppCpu();
  Host* host = pw.w.default_host();
  host->trace_ctx = &col;
  host->SetTrace(&Collect);
  const int warm = 3, probes = 10;
  for (int i = 0; i < warm + probes; i++)
    ns3::Simulator::Schedule(ns3::MilliSeconds(1 + i), &SendOne, so, size);
  ns3::Simulator::Schedule(ns3::MilliSeconds(1 + warm) - ns3::MicroSeconds(1), [&col] { col.on = true; });
  ns3::Simulator::Schedule(ns3::MilliSeconds(1 + warm + probes), [&col] { col.on = false; });
  ns3::Simulator::Stop(ns3::MilliSeconds(5 + warm + probes));
  ns3::Simulator::Run();
  if (sink.n != static_cast<uint64_t>(warm + probes)) {
    *error = "the path lost datagrams: " + std::to_string(sink.n) + " of " + std::to_string(warm + probes) + " arrived";
    return false;
  }
  for (int f = 0; f < KF_COUNT; f++) {
    out->calls[f] /= probes;
    out->bytes[f] /= probes;
  }
  return true;
}

bool ProfilePing(const std::string& script, int size, CallProfile* out, std::string* error) {
  PathWorld pw;
  if (!pw.Setup(script, false, error)) return false;
  std::ostringstream os;
  const std::string ping = "ip netns exec c ping -c 1 -W 1 -s " + std::to_string(size) + " " + kServer + "\n";
  if (RunScript(&pw.w, ping, false, os)) {  // warm-up: ARP
    *error = "ping through the path failed:\n" + os.str();
    return false;
  }
  Collector col;
  col.prof = out;
  col.client = pw.c;
  Host* host = pw.w.default_host();
  host->trace_ctx = &col;
  host->SetTrace(&Collect);
  col.on = true;
  if (RunScript(&pw.w, ping, false, os)) {
    *error = "ping through the path failed:\n" + os.str();
    return false;
  }
  return true;
}

double FitCostTable(const std::vector<FitRow>& rows, Host* host) {
  std::vector<int> fns;  // the functions some row calls
  for (int f = 0; f < KF_COUNT; f++)
    for (const FitRow& r : rows)
      if (r.profile.calls[f] > 0) {
        fns.push_back(f);
        break;
      }
  const int nf = static_cast<int>(fns.size()), nr = static_cast<int>(rows.size());
  // relative residuals (each row divided by its target); a small ridge shares a cost among
  // functions that are always called together instead of giving it all to one of them
  const double ridge = 1e-3;
  Eigen::MatrixXd A = Eigen::MatrixXd::Zero(nr + 2 * nf, 2 * nf);
  Eigen::VectorXd y = Eigen::VectorXd::Zero(nr + 2 * nf);
  for (int r = 0; r < nr; r++) {
    double scale = rows[r].weight / rows[r].target_ns;
    for (int k = 0; k < nf; k++) {
      A(r, k) = rows[r].profile.calls[fns[k]] * scale;            // a, ns a call
      A(r, nf + k) = rows[r].profile.bytes[fns[k]] * scale / 100;  // b, in ns per 100 bytes
    }
    y[r] = rows[r].weight;
  }
  // the ridge, per ns of a cost, against rows of about the median target: a cost of 200 ns adds
  // (0.001 x 200 / median)^2 to the sum, next to 1e-4 for a row off by 1 %
  std::vector<double> targets;
  for (const FitRow& r : rows) targets.push_back(r.target_ns);
  std::nth_element(targets.begin(), targets.begin() + targets.size() / 2, targets.end());
  const double median = targets[targets.size() / 2];
  for (int k = 0; k < 2 * nf; k++) A(nr + k, k) = ridge / median;
  Eigen::VectorXd x = Nnls(A, y);
  for (int f = 0; f < KF_COUNT; f++) host->SetCost(static_cast<KFn>(f), 0, 0);
  for (int k = 0; k < nf; k++)
    host->SetCost(static_cast<KFn>(fns[k]), std::llround(x[k] * 1000), std::llround(x[nf + k] * 1000 / 100));
  double sq = 0;
  for (int r = 0; r < nr; r++) {
    double pred = 0;
    for (int f = 0; f < KF_COUNT; f++)
      pred += rows[r].profile.calls[f] * host->kcost[f].a_ps / 1000.0 + rows[r].profile.bytes[f] * host->kcost[f].b_ps / 1000.0;
    double e = pred / rows[r].target_ns - 1;
    sq += e * e;
  }
  return std::sqrt(sq / nr);
}

bool MeasureSimPath(const std::string& script, bool same_cpu, long rate, const std::string& costs_file, int size,
                    SimPath* out, std::string* error) {
  // throughput: the kernel measurement's iperf3 run, on the model's iperf3 (its main loop's
  // select() and writes, the server's select() and read per datagram): the sender's rate
  {
    PathWorld pw;
    std::ifstream cf(costs_file);
    if (!LoadCostTable(pw.w.default_host(), cf, costs_file, error)) return false;
    if (!pw.Setup(script, same_cpu, error)) return false;
    const bool two = pw.w.default_host()->ncpus() >= 2;
    const std::string server_cpu = same_cpu || !two ? "0" : "1";
    std::ostringstream os;
    RunScript(&pw.w,
              "ip netns exec s iperf3 -s -1 -A " + server_cpu + " >/dev/null 2>&1 &\nsleep 0.1\n" +
                  "ip netns exec c iperf3 -c " + kServer + " -u -b " + std::to_string(rate * size * 8) + " -l " +
                  std::to_string(size) + " -t 1 -A 0 -J\n",
              false, os);
    std::string o = os.str();
    size_t a = o.find('{');
    nlohmann::json j = a == std::string::npos ? nlohmann::json() : nlohmann::json::parse(o.substr(a), nullptr, false);
    double packets = 0, seconds = 0;
    if (j.is_object() && j.contains("end") && j["end"].contains("sum_sent")) {
      packets = j["end"]["sum_sent"].value("packets", 0.0);
      seconds = j["end"]["sum_sent"].value("seconds", 0.0);
    }
    if (packets <= 0 || seconds <= 0) {
      *error = "the iperf3 run through the path failed:\n" + o;
      return false;
    }
    out->ns_per_packet = seconds * 1e9 / packets;
  }
  // RTT: ping -c 20, the minimum of the replies' times
  {
    PathWorld pw;
    std::ifstream cf(costs_file);
    if (!LoadCostTable(pw.w.default_host(), cf, costs_file, error)) return false;
    if (!pw.Setup(script, same_cpu, error)) return false;
    std::ostringstream os;
    RunScript(&pw.w, "ip netns exec c ping -c 20 -i 0.005 -q -s " + std::to_string(size) + " " + kServer + "\n", false,
              os);
    std::string o = os.str();
    size_t p = o.find("rtt min/avg/max/mdev = ");
    if (p == std::string::npos) {
      *error = "ping through the path failed:\n" + o;
      return false;
    }
    out->rtt_min_us = std::atof(o.c_str() + p + 23) * 1000;
  }
  return true;
}

int MeasureMain(int argc, char** argv) {
  const char* usage = "usage: linuxnet measure SCRIPT SIZE COSTS\n";
  char* end = nullptr;
  long size = argc == 5 ? std::strtol(argv[3], &end, 10) : 0;
  if (argc != 5 || *end || size < 1 || size > 65507) {
    std::fprintf(stderr, "%s", usage);
    return 2;
  }
  std::ifstream f(argv[2]);
  std::stringstream script;
  script << f.rdbuf();
  std::string err;
  SimPath sp;
  std::string name = argv[2];
  name = name.substr(name.find_last_of('/') + 1);
  if (name.size() > 3 && name.compare(name.size() - 3, 3, ".sh") == 0) name.resize(name.size() - 3);
  if (!f || !MeasureSimPath(script.str(), SameCpu(name), 0, argv[4], static_cast<int>(size), &sp, &err)) {
    std::fprintf(stderr, "linuxnet measure: %s: %s\n", argv[2], f ? err.c_str() : "cannot read");
    return 1;
  }
  std::printf("%.1f,%.2f\n", sp.ns_per_packet, sp.rtt_min_us);
  return 0;
}

int FitMain(int argc, char** argv) {
  if (argc != 6) {
    std::fprintf(stderr, "usage: linuxnet fit KERNEL_CSV PATHS_DIR COSTS_OUT PATHS_CSV_OUT\n");
    return 2;
  }
  const std::string kernel_csv = argv[2], dir = argv[3], costs_out = argv[4], paths_out = argv[5];
  std::vector<KernelPath> kp;
  std::string err;
  if (!ReadKernelCsv(kernel_csv, &kp, &err)) {
    std::fprintf(stderr, "linuxnet fit: %s\n", err.c_str());
    return 1;
  }
  std::map<std::string, std::string> scripts;
  for (const KernelPath& k : kp) {
    const std::string name = PathScriptName(k.name);
    bool ok = false;
    std::string s = ReadFile(dir + "/" + name + ".sh", &ok);
    if (!ok) {
      std::fprintf(stderr, "linuxnet fit: no path script %s/%s.sh\n", dir.c_str(), name.c_str());
      return 1;
    }
    scripts[name] = s;
  }
  std::vector<FitRow> rows;
  for (const KernelPath& k : kp) {
    FitRow r;
    r.label = k.name + "/" + std::to_string(k.size);
    r.target_ns = k.ns_per_packet;
    if (!ProfileUdp(scripts[PathScriptName(k.name)], false, k.size, &r.profile, &err)) {
      std::fprintf(stderr, "linuxnet fit: %s: %s\n", r.label.c_str(), err.c_str());
      return 1;
    }
    // iperf3's select() calls per datagram: the client's main loop, one per ten writes unpaced and
    // one per write paced; the server's, one per read (results/iperf3_main_loop.csv)
    r.profile.calls[KF_do_select] += PacedRate(k.name) ? 1.0 : 0.1;
    rows.push_back(r);
    if (k.rtt_min_us > 0) {  // ping -s SIZE, as the kernel measurement pings
      FitRow p;
      p.label = k.name + "/" + std::to_string(k.size) + "/rtt";
      p.target_ns = k.rtt_min_us * 1000;
      if (!ProfilePing(scripts[PathScriptName(k.name)], k.size, &p.profile, &err)) {
        std::fprintf(stderr, "linuxnet fit: %s: %s\n", p.label.c_str(), err.c_str());
        return 1;
      }
      rows.push_back(p);
    }
  }
  Host fitted("fit");
  double rms = FitCostTable(rows, &fitted);
  {
    std::ofstream o(costs_out);
    o << "# linuxnet cost table (sim/cost_table.h), fitted by `linuxnet fit " << kernel_csv << "`:\n"
      << "# FUNCTION A_NS B_NS_PER_BYTE; rms relative error of the fit " << rms << "\n";
    std::ifstream k(kernel_csv);
    std::string line;
    while (std::getline(k, line))
      if (line.compare(0, 10, "# machine:") == 0) o << line << "\n";
    o << FormatCostTable(&fitted);
  }
  std::ofstream csv(paths_out);
  csv << "path,size,kernel_ns_per_packet,sim_ns_per_packet,error_percent,kernel_rtt_min_us,sim_rtt_min_us,rtt_error_us\n";
  for (const KernelPath& k : kp) {
    SimPath sp;
    if (!MeasureSimPath(scripts[PathScriptName(k.name)], false, PacedRate(k.name), costs_out, k.size, &sp,
                        &err)) {
      std::fprintf(stderr, "linuxnet fit: %s/%d: %s\n", k.name.c_str(), k.size, err.c_str());
      return 1;
    }
    char line[256];
    std::snprintf(line, sizeof line, "%s,%d,%.0f,%.0f,%.1f,%.1f,%.1f,%.1f\n", k.name.c_str(), k.size, k.ns_per_packet,
                  sp.ns_per_packet, 100 * (sp.ns_per_packet / k.ns_per_packet - 1), k.rtt_min_us, sp.rtt_min_us,
                  sp.rtt_min_us - k.rtt_min_us);
    csv << line;
  }
  std::fprintf(stderr, "linuxnet fit: %zu rows, rms relative error %.3f; wrote %s and %s\n", rows.size(), rms,
               costs_out.c_str(), paths_out.c_str());
  return 0;
}

}  // namespace linuxnet
