// The top floor: a World is one simulation — the machines (Hosts) with their initial namespaces
// and their user space (/run/netns, files, jobs), and the clock and event list they share. C++,
// Python and scripts all drive one. Nothing below world/ includes it.
//
// Several Worlds can live in one process, one after another or side by side: each has its own
// clock starting at 0 and its own events (world_simulator.h), its own random generators and
// its own state, so the same script gives the same output in each; deleting one leaves the
// others as they were. A World is current from its creation and whenever it is driven; code
// that calls ns3::Simulator directly for a World that is not the newest calls Enter() first.
#pragma once
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "net/core/net_namespace.h"  // what a World hands out
#include "ns3/net-device.h"
#include "ns3/ptr.h"
#include "ns3/simulator-impl.h"
#include "ns3/nstime.h"

namespace linuxnet {

class Host;
class Userland;
class Link;
class Ns3Port;
class Wire;

class World {
 public:
  World();
  ~World();
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  // Makes this World's clock and events the ones ns3::Simulator runs
  void Enter();
  ns3::Time Now();

  NetNs* init_net() const;  // the default Host's initial namespace
  // `ip netns add NAME` on a Host (default: the first): a fresh namespace with lo (down), IPv4
  // defaults and no netfilter tables yet; nullptr if the name exists
  ns3::Ptr<NetNs> CreateNetNs(const std::string& name, Host* host = nullptr);
  NetNs* FindNetNs(const std::string& name, const Host* host = nullptr) const;
  bool DeleteNetNs(const std::string& name, const Host* host = nullptr);
  std::vector<std::string> NetNsNames(const Host* host = nullptr) const;  // newest first, as ip prints

  Host* default_host() const;
  Host* AddHost(const std::string& name);  // a new machine with its own init_net
  Host* FindHost(const std::string& name) const;
  Host* HostAt(int i) const;  // the i-th machine (0: the first), nullptr past the last
  Userland* userland(const Host* host = nullptr) const;

  // A full-duplex wire between two machines (`#@ wire A:DEV1 B:DEV2 rate=R delay=D [loss=P]`): an
  // e1000 named dev_a in a's initial namespace and one named dev_b in b's, joined. rate in bit/s,
  // delay in picoseconds, loss a probability. nullptr and *error set when a name is taken or
  // invalid, or both ends are the same machine's same device.
  Wire* AddWire(Host* a, const std::string& dev_a, Host* b, const std::string& dev_b, uint64_t rate_bps,
                int64_t delay_ps, double loss, std::string* error);

  // An e1000 named `dev` in the machine's initial namespace whose PHY is `device`, an ns-3
  // CsmaNetDevice or PointToPointNetDevice on its channel and on a Node that runs nothing else
  // (drivers/net/ns3_port.h); the device takes the e1000's MAC address. nullptr and *error when
  // the name is taken or invalid.
  Ns3Port* AddNs3Port(Host* host, const std::string& dev, ns3::Ptr<ns3::NetDevice> device, std::string* error);

  // background jobs of every machine's user space
  bool RunningJobs() const;
  void ClearJobs();

  // No event of this World runs after `limit` of virtual time: every command still waiting then
  // returns as if nothing more happened (a bound on a run, for the fuzzers; `linuxnet run
  // --time-limit`). LimitReached: some event was held back by it.
  void SetTimeLimit(const ns3::Time& limit);
  void SetEventLimit(uint64_t events);  // the same bound counted in events run
  bool TimeLimitReached() const;

  // `--trace`: every kernel function a packet passes, printed to `out` (nullptr: off)
  void SetTrace(std::ostream* out);

 private:
  struct Machine;
  const Machine& MachineOf(const Host* host) const;
  ns3::Ptr<ns3::SimulatorImpl> events_;  // nullptr when the process runs another SimulatorImpl
  std::vector<std::unique_ptr<Link>> wires_;  // outlive the machines' devices on them
  std::vector<std::unique_ptr<Machine>> machines_;
  std::ostream* trace_out_ = nullptr;
};

}  // namespace linuxnet
