#include "world/world.h"

#include "cli/userland.h"
#include "drivers/net/e1000/e1000.h"
#include "drivers/net/ns3_port.h"
#include "drivers/net/wire.h"
#include "net/core/dev.h"
#include "net/core/net-traces.h"
#include "net/core/net_namespace.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "sim/host.h"
#include "world/event_list.h"
#include "world/world_simulator.h"

namespace linuxnet {

struct World::Machine {
  std::unique_ptr<Host> host;
  ns3::Ptr<NetNs> init_net;
  std::unique_ptr<Userland> user;
};

World::World() {
  if (WorldSimulatorImpl* d = WorldSimulatorImpl::Installed()) events_ = d->NewEventList();
  Enter();
  AddHost("host0");
}

World::~World() {
  Enter();
  for (auto it = machines_.rbegin(); it != machines_.rend(); ++it) {
    Machine& m = **it;
    m.user.reset();  // its jobs end, its named namespaces go (cleanup_net)
    CleanupNet(m.init_net.operator->());
    m.init_net = nullptr;
  }
  machines_.clear();
  if (WorldSimulatorImpl* d = WorldSimulatorImpl::Installed()) {
    if (d->Current() == ns3::PeekPointer(events_)) d->SetCurrent(nullptr);
  }
  if (events_) events_->Dispose();  // the events still pending are dropped, not run
}

void World::Enter() {
  if (!events_) return;
  if (WorldSimulatorImpl* d = WorldSimulatorImpl::Installed())
    if (d->Current() != ns3::PeekPointer(events_)) d->SetCurrent(events_);
}

ns3::Time World::Now() {
  Enter();
  return ns3::Simulator::Now();
}

void World::SetTimeLimit(const ns3::Time& limit) {
  if (auto* list = dynamic_cast<EventList*>(ns3::PeekPointer(events_))) list->SetLimit(limit);
}

void World::SetEventLimit(uint64_t events) {
  if (auto* list = dynamic_cast<EventList*>(ns3::PeekPointer(events_))) list->SetEventLimit(events);
}

bool World::TimeLimitReached() const {
  auto* list = dynamic_cast<EventList*>(ns3::PeekPointer(events_));
  return list && list->LimitReached();
}

Host* World::AddHost(const std::string& name) {
  Enter();
  auto m = std::make_unique<Machine>();
  // each machine's generator: the run's seed (--RngSeed/--RngRun) and the machine's number
  uint32_t seed = ns3::RngSeedManager::GetSeed() * 1000003u + static_cast<uint32_t>(ns3::RngSeedManager::GetRun()) * 7919u +
                  static_cast<uint32_t>(machines_.size());
  m->host = std::make_unique<Host>(name, seed);
  m->host->clock = WorldSimulatorImpl::Installed();
  if (trace_out_) {
    m->host->SetTrace(&NetTraceEvent);
    m->host->trace_out = trace_out_;
  }
  m->init_net = CopyNetNs(m->host.get());
  m->host->init_net = m->init_net.operator->();
  m->user = std::make_unique<Userland>(m->host.get(), m->init_net.operator->());
  machines_.push_back(std::move(m));
  return machines_.back()->host.get();
}

const World::Machine& World::MachineOf(const Host* host) const {
  if (host)
    for (auto& m : machines_)
      if (m->host.get() == host) return *m;
  return *machines_.front();
}

Host* World::default_host() const { return machines_.front()->host.get(); }
NetNs* World::init_net() const { return machines_.front()->init_net.operator->(); }
Userland* World::userland(const Host* host) const { return MachineOf(host).user.get(); }

Host* World::HostAt(int i) const {
  return i >= 0 && static_cast<size_t>(i) < machines_.size() ? machines_[static_cast<size_t>(i)]->host.get() : nullptr;
}

Host* World::FindHost(const std::string& name) const {
  for (auto& m : machines_)
    if (m->host->name() == name) return m->host.get();
  return nullptr;
}

ns3::Ptr<NetNs> World::CreateNetNs(const std::string& name, Host* host) {
  Enter();
  return MachineOf(host).user->AddNetns(name);
}

NetNs* World::FindNetNs(const std::string& name, const Host* host) const {
  return MachineOf(host).user->FindNetns(name);
}

bool World::DeleteNetNs(const std::string& name, const Host* host) {
  Enter();
  return MachineOf(host).user->DelNetns(name);
}

std::vector<std::string> World::NetNsNames(const Host* host) const { return MachineOf(host).user->NetnsNames(); }

namespace {
// a new device's name in `net`: valid and free, else *error as the `#@ wire` line reports it
bool NewDevName(const NetNs* net, const std::string& name, std::string* error) {
  if (!DevValidName(name)) {
    *error = "invalid device name";
    return false;
  }
  if (net->DevGetByName(name)) {
    *error = "device name already in use";
    return false;
  }
  return true;
}
}  // namespace

Wire* World::AddWire(Host* a, const std::string& dev_a, Host* b, const std::string& dev_b, uint64_t rate_bps,
                     int64_t delay_ps, double loss, std::string* error) {
  Enter();
  NetNs* na = MachineOf(a).init_net.operator->();
  NetNs* nb = MachineOf(b).init_net.operator->();
  if (!NewDevName(na, dev_a, error) || !NewDevName(nb, dev_b, error)) return nullptr;
  if (na == nb && dev_a == dev_b) {
    *error = "device name already in use";
    return nullptr;
  }
  if (rate_bps == 0) {
    *error = "rate must be positive";
    return nullptr;
  }
  // the wire's loss draws from the first machine's generator, so a run repeats
  auto wire = std::make_unique<Wire>(rate_bps, delay_ps, loss, a->PrandomU32());
  Wire* w = wire.get();
  wires_.push_back(std::move(wire));
  if (!E1000Probe(na, dev_a, w, 0) || !E1000Probe(nb, dev_b, w, 1)) {
    *error = "cannot register the device";
    return nullptr;
  }
  return w;
}

Ns3Port* World::AddNs3Port(Host* host, const std::string& dev, ns3::Ptr<ns3::NetDevice> device, std::string* error) {
  Enter();
  NetNs* net = MachineOf(host).init_net.operator->();
  if (!NewDevName(net, dev, error)) return nullptr;
  if (!device || !device->GetChannel()) {
    *error = "the ns-3 device is not on a channel";
    return nullptr;
  }
  auto port = std::make_unique<Ns3Port>(device);
  Ns3Port* p = port.get();
  if (p->rate_bps() == 0) {
    *error = "the ns-3 channel has no data rate";
    return nullptr;
  }
  wires_.push_back(std::move(port));
  ns3::Ptr<E1000Dev> e = E1000Probe(net, dev, p, 0);
  if (!e) {
    *error = "cannot register the device";
    return nullptr;
  }
  device->SetAddress(e->GetAddress());
  return p;
}

bool World::RunningJobs() const {
  for (auto& m : machines_)
    if (m->user->RunningJobs()) return true;
  return false;
}

void World::ClearJobs() {
  for (auto& m : machines_) m->user->ClearJobs();
}

void World::SetTrace(std::ostream* out) {
  trace_out_ = out;
  for (auto& m : machines_) {
    m->host->SetTrace(out ? &NetTraceEvent : nullptr);
    m->host->trace_out = out;
  }
}

}  // namespace linuxnet
