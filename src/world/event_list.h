// One World's event list: ns-3's event semantics for a single-threaded run (the order of
// DefaultSimulatorImpl: by time, then by the order events were scheduled), plus one thing the
// timing model needs (sim/cpu.h's CpuAdvance): running work may move the clock forward to a moment
// when no event is due before it, and go on inline, instead of scheduling the rest of itself as an
// event at that moment. The outcome is the same event for event; only the event count differs.
#pragma once
#include <cstdint>
#include <list>

#include "ns3/event-id.h"
#include "ns3/scheduler.h"
#include "ns3/simulator-impl.h"

namespace linuxnet {

class EventList : public ns3::SimulatorImpl {
 public:
  static ns3::TypeId GetTypeId();
  EventList();

  // The clock moves to `at` (not before now) when no event is due at or before it and the run
  // has not been stopped; false (and nothing changes) otherwise
  bool AdvanceTo(const ns3::Time& at);
  // The run's end in virtual time: no event after `limit` runs (Run returns as if the list were
  // empty there, the events left in place) and the clock never moves past it
  void SetLimit(const ns3::Time& limit) { limit_ts_ = static_cast<uint64_t>(limit.GetTimeStep()); }
  // ... and no more than this many events in all (the clock stops where the last one ran)
  void SetEventLimit(uint64_t n) { max_events_ = n; }
  bool LimitReached() const { return limit_reached_; }

  void Destroy() override;
  bool IsFinished() const override;
  void Stop() override;
  void Stop(const ns3::Time& delay) override;
  ns3::EventId Schedule(const ns3::Time& delay, ns3::EventImpl* event) override;
  void ScheduleWithContext(uint32_t context, const ns3::Time& delay, ns3::EventImpl* event) override;
  ns3::EventId ScheduleNow(ns3::EventImpl* event) override;
  ns3::EventId ScheduleDestroy(ns3::EventImpl* event) override;
  void Remove(const ns3::EventId& id) override;
  void Cancel(const ns3::EventId& id) override;
  bool IsExpired(const ns3::EventId& id) const override;
  void Run() override;
  ns3::Time Now() const override;
  ns3::Time GetDelayLeft(const ns3::EventId& id) const override;
  ns3::Time GetMaximumSimulationTime() const override;
  void SetScheduler(ns3::ObjectFactory schedulerFactory) override;
  uint32_t GetSystemId() const override;
  uint32_t GetContext() const override;
  uint64_t GetEventCount() const override;

 protected:
  void DoDispose() override;

 private:
  ns3::EventId Insert(uint64_t ts, uint32_t context, ns3::EventImpl* event);
  ns3::Ptr<ns3::Scheduler> events_;
  std::list<ns3::EventId> destroy_;
  uint32_t uid_;
  uint32_t current_uid_;
  uint64_t current_ts_ = 0;
  uint32_t current_context_;
  uint64_t event_count_ = 0;
  bool stop_ = false;
  uint64_t limit_ts_ = UINT64_MAX;
  uint64_t max_events_ = UINT64_MAX;
  bool limit_reached_ = false;
};

}  // namespace linuxnet
