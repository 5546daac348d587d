#include "world/event_list.h"

#include "ns3/event-impl.h"
#include "ns3/simulator.h"

namespace linuxnet {

NS_OBJECT_ENSURE_REGISTERED(EventList);

ns3::TypeId EventList::GetTypeId() {
  static ns3::TypeId tid = ns3::TypeId("linuxnet::EventList")
                               .SetParent<ns3::SimulatorImpl>()
                               .SetGroupName("Linuxnet")
                               .AddConstructor<EventList>();
  return tid;
}

EventList::EventList()
    : uid_(ns3::EventId::UID::VALID),
      current_uid_(ns3::EventId::UID::INVALID),
      current_context_(ns3::Simulator::NO_CONTEXT) {}

bool EventList::AdvanceTo(const ns3::Time& at) {
  uint64_t ts = static_cast<uint64_t>(at.GetTimeStep());
  if (stop_ || ts < current_ts_ || ts > limit_ts_ || event_count_ >= max_events_) return false;
  if (!events_->IsEmpty() && events_->PeekNext().key.m_ts <= ts) return false;
  current_ts_ = ts;
  return true;
}

ns3::EventId EventList::Insert(uint64_t ts, uint32_t context, ns3::EventImpl* event) {
  ns3::Scheduler::Event ev;
  ev.impl = event;
  ev.key.m_ts = ts;
  ev.key.m_context = context;
  ev.key.m_uid = uid_++;
  events_->Insert(ev);
  return ns3::EventId(event, ts, context, ev.key.m_uid);
}

ns3::EventId EventList::Schedule(const ns3::Time& delay, ns3::EventImpl* event) {
  NS_ASSERT_MSG(delay.IsPositive(), "EventList::Schedule(): negative delay");
  return Insert(current_ts_ + delay.GetTimeStep(), current_context_, event);
}

void EventList::ScheduleWithContext(uint32_t context, const ns3::Time& delay, ns3::EventImpl* event) {
  Insert(current_ts_ + delay.GetTimeStep(), context, event);
}

ns3::EventId EventList::ScheduleNow(ns3::EventImpl* event) { return Schedule(ns3::Time(0), event); }

ns3::EventId EventList::ScheduleDestroy(ns3::EventImpl* event) {
  ns3::EventId id(ns3::Ptr<ns3::EventImpl>(event, false), current_ts_, 0xffffffff, ns3::EventId::UID::DESTROY);
  destroy_.push_back(id);
  uid_++;
  return id;
}

void EventList::Run() {
  stop_ = false;
  while (!events_->IsEmpty() && !stop_) {
    if (events_->PeekNext().key.m_ts > limit_ts_ || event_count_ >= max_events_) {
      limit_reached_ = true;
      break;
    }
    ns3::Scheduler::Event next = events_->RemoveNext();
    event_count_++;
    current_ts_ = next.key.m_ts;
    current_context_ = next.key.m_context;
    current_uid_ = next.key.m_uid;
    next.impl->Invoke();
    next.impl->Unref();
  }
}

bool EventList::IsFinished() const { return events_->IsEmpty() || stop_; }
void EventList::Stop() { stop_ = true; }
void EventList::Stop(const ns3::Time& delay) { ns3::Simulator::Schedule(delay, &ns3::Simulator::Stop); }

void EventList::Remove(const ns3::EventId& id) {
  if (id.GetUid() == ns3::EventId::UID::DESTROY) {
    destroy_.remove(id);
    return;
  }
  if (IsExpired(id)) return;
  ns3::Scheduler::Event ev;
  ev.impl = id.PeekEventImpl();
  ev.key.m_ts = id.GetTs();
  ev.key.m_context = id.GetContext();
  ev.key.m_uid = id.GetUid();
  events_->Remove(ev);
  ev.impl->Cancel();
  ev.impl->Unref();  // the list's reference
}

void EventList::Cancel(const ns3::EventId& id) {
  if (!IsExpired(id)) id.PeekEventImpl()->Cancel();
}

bool EventList::IsExpired(const ns3::EventId& id) const {
  if (id.GetUid() == ns3::EventId::UID::DESTROY) {
    if (!id.PeekEventImpl() || id.PeekEventImpl()->IsCancelled()) return true;
    for (const ns3::EventId& d : destroy_)
      if (d == id) return false;
    return true;
  }
  return !id.PeekEventImpl() || id.GetTs() < current_ts_ || (id.GetTs() == current_ts_ && id.GetUid() <= current_uid_) ||
         id.PeekEventImpl()->IsCancelled();
}

ns3::Time EventList::Now() const { return ns3::TimeStep(current_ts_); }
ns3::Time EventList::GetDelayLeft(const ns3::EventId& id) const {
  return IsExpired(id) ? ns3::TimeStep(0) : ns3::TimeStep(id.GetTs() - current_ts_);
}
ns3::Time EventList::GetMaximumSimulationTime() const { return ns3::TimeStep(0x7fffffffffffffffLL); }

void EventList::SetScheduler(ns3::ObjectFactory factory) {
  ns3::Ptr<ns3::Scheduler> s = factory.Create<ns3::Scheduler>();
  while (events_ && !events_->IsEmpty()) s->Insert(events_->RemoveNext());
  events_ = s;
}

uint32_t EventList::GetSystemId() const { return 0; }
uint32_t EventList::GetContext() const { return current_context_; }
uint64_t EventList::GetEventCount() const { return event_count_; }

void EventList::Destroy() {
  while (!destroy_.empty()) {
    ns3::Ptr<ns3::EventImpl> ev = destroy_.front().PeekEventImpl();
    destroy_.pop_front();
    if (!ev->IsCancelled()) ev->Invoke();
  }
}

void EventList::DoDispose() {
  while (events_ && !events_->IsEmpty()) events_->RemoveNext().impl->Unref();
  events_ = nullptr;
  ns3::SimulatorImpl::DoDispose();
}

}  // namespace linuxnet
