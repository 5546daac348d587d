#include "world/world_simulator.h"

#include "ns3/default-simulator-impl.h"
#include "ns3/global-value.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "world/event_list.h"

namespace linuxnet {

NS_OBJECT_ENSURE_REGISTERED(WorldSimulatorImpl);

ns3::TypeId WorldSimulatorImpl::GetTypeId() {
  static ns3::TypeId tid = ns3::TypeId("linuxnet::WorldSimulatorImpl")
                               .SetParent<ns3::SimulatorImpl>()
                               .SetGroupName("Linuxnet")
                               .AddConstructor<WorldSimulatorImpl>();
  return tid;
}

namespace {
// Loading the library makes the dispatcher the process's default SimulatorImpl; a program that
// chooses another one (--SimulatorImplementationType) keeps its choice.
struct BindDispatcher {
  BindDispatcher() {
    ns3::GlobalValue::Bind("SimulatorImplementationType", ns3::StringValue("linuxnet::WorldSimulatorImpl"));
  }
} bind_dispatcher;
}  // namespace

WorldSimulatorImpl::WorldSimulatorImpl() {
  scheduler_.SetTypeId("ns3::MapScheduler");
  base_ = ns3::CreateObject<ns3::DefaultSimulatorImpl>();
  base_->SetScheduler(scheduler_);
  cur_ = ns3::PeekPointer(base_);
}

WorldSimulatorImpl::~WorldSimulatorImpl() = default;

WorldSimulatorImpl* WorldSimulatorImpl::Installed() {
  return dynamic_cast<WorldSimulatorImpl*>(ns3::PeekPointer(ns3::Simulator::GetImplementation()));
}

ns3::Ptr<ns3::SimulatorImpl> WorldSimulatorImpl::NewEventList() const {
  ns3::Ptr<ns3::SimulatorImpl> impl = ns3::CreateObject<EventList>();
  impl->SetScheduler(scheduler_);
  return impl;
}

void WorldSimulatorImpl::SetCurrent(ns3::Ptr<ns3::SimulatorImpl> impl) {
  current_ = impl;
  cur_ = impl ? ns3::PeekPointer(impl) : ns3::PeekPointer(base_);
  cur_list_ = dynamic_cast<EventList*>(cur_);
}

bool WorldSimulatorImpl::AdvanceTo(const ns3::Time& at) { return cur_list_ && cur_list_->AdvanceTo(at); }

// Destroy events live on the base list, whatever World was current when they were scheduled
ns3::SimulatorImpl* WorldSimulatorImpl::For(const ns3::EventId& id) const {
  return id.GetUid() == ns3::EventId::UID::DESTROY ? ns3::PeekPointer(base_) : cur_;
}

void WorldSimulatorImpl::Destroy() {
  SetCurrent(nullptr);
  base_->Destroy();
}
bool WorldSimulatorImpl::IsFinished() const { return cur_->IsFinished(); }
void WorldSimulatorImpl::Stop() { cur_->Stop(); }
void WorldSimulatorImpl::Stop(const ns3::Time& delay) { cur_->Stop(delay); }
ns3::EventId WorldSimulatorImpl::Schedule(const ns3::Time& delay, ns3::EventImpl* event) {
  return cur_->Schedule(delay, event);
}
void WorldSimulatorImpl::ScheduleWithContext(uint32_t context, const ns3::Time& delay, ns3::EventImpl* event) {
  cur_->ScheduleWithContext(context, delay, event);
}
ns3::EventId WorldSimulatorImpl::ScheduleNow(ns3::EventImpl* event) { return cur_->ScheduleNow(event); }
ns3::EventId WorldSimulatorImpl::ScheduleDestroy(ns3::EventImpl* event) { return base_->ScheduleDestroy(event); }
void WorldSimulatorImpl::Remove(const ns3::EventId& id) { For(id)->Remove(id); }
void WorldSimulatorImpl::Cancel(const ns3::EventId& id) { For(id)->Cancel(id); }
bool WorldSimulatorImpl::IsExpired(const ns3::EventId& id) const { return For(id)->IsExpired(id); }
void WorldSimulatorImpl::Run() { cur_->Run(); }
ns3::Time WorldSimulatorImpl::Now() const { return cur_->Now(); }
ns3::Time WorldSimulatorImpl::GetDelayLeft(const ns3::EventId& id) const { return For(id)->GetDelayLeft(id); }
ns3::Time WorldSimulatorImpl::GetMaximumSimulationTime() const { return cur_->GetMaximumSimulationTime(); }
void WorldSimulatorImpl::SetScheduler(ns3::ObjectFactory f) {
  scheduler_ = f;
  base_->SetScheduler(f);
}
uint32_t WorldSimulatorImpl::GetSystemId() const { return cur_->GetSystemId(); }
uint32_t WorldSimulatorImpl::GetContext() const { return cur_->GetContext(); }
uint64_t WorldSimulatorImpl::GetEventCount() const { return cur_->GetEventCount(); }

void WorldSimulatorImpl::DoDispose() {
  SetCurrent(nullptr);
  if (base_) base_->Dispose();
  base_ = nullptr;
  cur_ = nullptr;
  cur_list_ = nullptr;
  ns3::SimulatorImpl::DoDispose();
}

}  // namespace linuxnet
