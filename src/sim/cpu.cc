#include "sim/cpu.h"

#include <algorithm>

#include "ns3/simulator.h"
#include "sim/host.h"

namespace linuxnet {

namespace {

int64_t ClockPs() { return ns3::Simulator::Now().GetPicoSeconds(); }

void Begin(Host* host, Cpu* cpu) {
  cpu->running = true;
  // work that waited for this CPU starts where the previous ended, to the picosecond, although
  // ns-3's clock (nanoseconds) rounded that moment up
  int64_t now = ClockPs();
  host->cursor_ps = cpu->busy_until_ps > now - 1000 ? cpu->busy_until_ps : now;
  host->cur = cpu;
}

void Dispatch(Host* host, Cpu* cpu);

void ScheduleDispatch(Host* host, Cpu* cpu) {
  if (cpu->dispatch_scheduled || cpu->waiting.empty()) return;
  cpu->dispatch_scheduled = true;
  ns3::Simulator::Schedule(Until(cpu->busy_until_ps), &Dispatch, host, cpu);
}

void RunNow(Host* host, Cpu* cpu, const std::function<void()>& work);

// the end of a piece of work: the CPU is busy until the cursor. A softirq the work raised runs
// next, at the cursor, before anything else gets the CPU (irq_exit, local_bh_enable); it runs as
// an event of its own, because the work may have been called from code that is still on the
// stack (an ns-3 socket) and must not see packets arrive inside its own call.
void End(Host* host, Cpu* cpu, int64_t start_ps) {
  cpu->busy_ps += host->cursor_ps - start_ps;
  cpu->busy_until_ps = host->cursor_ps;
  cpu->running = false;
  host->cur = &host->idle;
  if (SoftirqFn fn = cpu->softirq) {
    cpu->softirq = nullptr;
    cpu->held = true;
    ns3::Simulator::Schedule(Until(cpu->busy_until_ps), [host, cpu, fn] {
      cpu->held = false;
      RunNow(host, cpu, [host, cpu, fn] { fn(host, cpu); });
    });
    return;
  }
  if (!cpu->held) ScheduleDispatch(host, cpu);  // else the continuation's own end does
}

void RunNow(Host* host, Cpu* cpu, const std::function<void()>& work) {
  Begin(host, cpu);
  int64_t start = host->cursor_ps;
  work();
  End(host, cpu, start);
}

void Dispatch(Host* host, Cpu* cpu) {
  cpu->dispatch_scheduled = false;
  if (cpu->running || cpu->held || cpu->waiting.empty()) return;  // End or the continuation re-arms it
  if (cpu->busy_until_ps > ClockPs()) {
    ScheduleDispatch(host, cpu);
    return;
  }
  std::function<void()> work = std::move(cpu->waiting.front());
  cpu->waiting.pop_front();
  RunNow(host, cpu, work);
}

// Work for `cpu` asked for from work running on another CPU of the Host becomes visible at that
// work's cursor: `again` (CpuRun or CpuQueue) is called then. False when there is nothing to hand over.
bool HandOver(Host* host, Cpu* cpu, std::function<void()>* work,
              void (*again)(Host*, Cpu*, std::function<void()>)) {
  if (host->cur == &host->idle || host->cur == cpu) return false;
  ns3::Simulator::Schedule(Until(host->cursor_ps), [host, cpu, again, w = std::move(*work)]() mutable {
    again(host, cpu, std::move(w));
  });
  return true;
}

}  // namespace

ns3::Time Until(int64_t at_ps) {
  int64_t d = at_ps - ClockPs();
  return ns3::NanoSeconds(d > 0 ? (d + 999) / 1000 : 0);
}

bool CpuFree(const Cpu* cpu) {
  return !cpu->running && !cpu->held && cpu->waiting.empty() && cpu->busy_until_ps <= ClockPs();
}

int64_t NowPs(const Host* host) { return host->cur != &host->idle ? host->cursor_ps : ClockPs(); }

void CpuRun(Host* host, Cpu* cpu, std::function<void()> work) {
  if (host->cur == cpu) {
    work();
    return;
  }
  if (HandOver(host, cpu, &work, &CpuRun)) return;
  if (CpuFree(cpu)) {
    RunNow(host, cpu, work);
    return;
  }
  cpu->waiting.push_back(std::move(work));
  ScheduleDispatch(host, cpu);
}

void CpuQueue(Host* host, Cpu* cpu, std::function<void()> work) {
  if (HandOver(host, cpu, &work, &CpuQueue)) return;
  cpu->waiting.push_back(std::move(work));
  if (!cpu->running && !cpu->held) ScheduleDispatch(host, cpu);  // else End re-arms it
}

void CpuContinue(Host* host, std::function<void()> rest) {
  Cpu* cpu = host->cur;
  if (cpu == &host->idle || host->cursor_ps <= ClockPs()) {
    rest();
    return;
  }
  cpu->held = true;
  ns3::Simulator::Schedule(Until(host->cursor_ps), [host, cpu, r = std::move(rest)]() {
    cpu->held = false;
    RunNow(host, cpu, r);
  });
}

bool CpuAdvance(Host* host) {
  Cpu* cpu = host->cur;
  // work waiting for the CPU does not stop it: the continuation would run first (it holds the
  // CPU); a dispatch already scheduled is an event, which AdvanceTo sees
  if (cpu == &host->idle || !host->clock || cpu->softirq) return false;
  return host->clock->AdvanceTo(ns3::Simulator::Now() + Until(host->cursor_ps));
}

void CpuRaiseSoftirq(Host* host, Cpu* cpu, SoftirqFn fn) {
  if (host->cur == cpu) {
    cpu->softirq = fn;
    return;
  }
  CpuQueue(host, cpu, [host, cpu, fn]() { fn(host, cpu); });
}

}  // namespace linuxnet
