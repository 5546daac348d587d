// ns-3 has one Simulator per process. So that several Worlds can live in one process, each with
// its own clock (starting at 0) and its own events, linuxnet installs this SimulatorImpl as the
// process's (SimulatorImplementationType, bound when the library loads): it hands every call to
// the event list of the World that is current, and keeps the process-wide destroy events
// (ns-3's own singletons) on a base list of its own. A World is made current when it is created
// and whenever it is driven (a script, a command, World::Enter); deleting a World drops its
// events without running them, and never touches another World's.
#pragma once
#include "ns3/object-factory.h"
#include "ns3/simulator-impl.h"
#include "sim/cpu.h"

namespace linuxnet {

class EventList;

class WorldSimulatorImpl : public ns3::SimulatorImpl, public InlineClock {
 public:
  static ns3::TypeId GetTypeId();
  WorldSimulatorImpl();
  ~WorldSimulatorImpl() override;

  // The installed dispatcher, or nullptr when the process runs another SimulatorImpl (then
  // every World shares the one event list)
  static WorldSimulatorImpl* Installed();
  // A fresh event list with this process's scheduler type
  ns3::Ptr<ns3::SimulatorImpl> NewEventList() const;
  void SetCurrent(ns3::Ptr<ns3::SimulatorImpl> impl);  // nullptr: the base list
  ns3::SimulatorImpl* Current() const { return cur_; }
  // the current World's clock moved forward from inside running work (EventList::AdvanceTo);
  // false on the base list
  bool AdvanceTo(const ns3::Time& at) override;

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
  ns3::SimulatorImpl* For(const ns3::EventId& id) const;
  ns3::Ptr<ns3::SimulatorImpl> base_;
  ns3::Ptr<ns3::SimulatorImpl> current_;  // holds the current list while it is current
  ns3::SimulatorImpl* cur_ = nullptr;
  EventList* cur_list_ = nullptr;  // cur_ when it is a World's list
  ns3::ObjectFactory scheduler_;
};

}  // namespace linuxnet
