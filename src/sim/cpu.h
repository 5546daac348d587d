// One CPU of a Host and the rules by which kernel work runs on it in virtual time.
//
// Work (a softirq round, a process's system call, a timer) runs to completion on one CPU. While it
// runs, every modelled kernel function it calls adds its cost to the running work's cursor (KFunc
// and Host::cursor_ps in sim/host.h), so the cursor is the simulated moment the work has reached;
// ns-3's clock stays at the moment the work started. What the work hands on becomes visible at the cursor: a packet
// timestamped on a backlog, a continuation scheduled at the cursor (CpuContinue), a socket woken
// then. A CPU is busy until its work's cursor: work that arrives meanwhile waits in its FIFO and
// starts when the CPU is free. A softirq raised by running work (netif_rx from a system call, as
// the kernel's local_bh_enable / irq_exit) runs when that work ends, on the same CPU.
#pragma once
#include <cstdint>
#include <deque>
#include <functional>

#include "ns3/nstime.h"
#include "sim/skbuff.h"

namespace linuxnet {

class Host;
struct Cpu;

// struct napi_struct: one NAPI instance (a device's, or a CPU's backlog). Its poll (napi->poll)
// runs here one packet per step, so that the clock can move between packets: `step` handles the
// next packet if there is one within the poll and returns true, false when the poll has nothing
// more; `done` is the rest of the driver's poll once the steps are over (napi_complete_done when
// it did less than its weight, the interrupt re-enabled). net_rx_action counts the steps.
struct NapiStruct {
  int weight = 64;               // NAPI_POLL_WEIGHT / dev_weight
  bool scheduled = false;        // NAPI_STATE_SCHED: on its CPU's poll list
  bool polling = false;          // a napi_poll call is under way
  int work = 0;                  // what that call has done so far
  bool (*step)(NapiStruct* n) = nullptr;
  void (*done)(NapiStruct* n) = nullptr;
  void* priv = nullptr;          // the driver's (container_of)
  Host* host = nullptr;
  Cpu* cpu = nullptr;            // the CPU whose poll list it is on
  std::deque<SkbPtr> gro_list;   // the packets GRO holds (gro_hash, one bucket: no rx hash), newest first
};

// struct softnet_data: a CPU's NAPI poll list, its backlog NAPI instance with the input queue, and
// the /proc/net/softnet_stat counters
struct SoftnetData {
  std::deque<NapiStruct*> poll_list;
  std::deque<NapiStruct*> repoll;  // net_rx_action's local repoll list (used its whole weight)
  size_t round_left = 0;         // entries of poll_list the running net_rx_action round took
  NapiStruct backlog;            // process_backlog's instance
  std::deque<SkbPtr> input_pkt_queue;
  uint64_t processed = 0;        // /proc/net/softnet_stat column 1
  uint64_t dropped = 0;          // column 2: netdev_max_backlog overflow
  uint64_t time_squeeze = 0;     // column 3: a net_rx_action round ran out of budget or time
  int budget = 0;                // what is left of the running round's netdev_budget
  int64_t time_limit_ps = 0;     // when the running round's netdev_budget_usecs run out
  int softirq_restart = 0;       // __do_softirq's MAX_SOFTIRQ_RESTART countdown
  int64_t softirq_end_ps = 0;    // __do_softirq's MAX_SOFTIRQ_TIME (2 ms) end
  bool in_rx_action = false;     // net_rx_action is running (or holds the CPU) on this CPU
};

using SoftirqFn = void (*)(Host* host, Cpu* cpu);

struct Cpu {
  int id = 0;
  SoftnetData softnet;
  int64_t busy_until_ps = 0;   // when the work given to this CPU so far ends
  int64_t busy_ps = 0;         // time spent running work, in total
  bool running = false;        // work is on the stack now
  bool held = false;           // the current work continues at its cursor (CpuContinue)
  bool dispatch_scheduled = false;
  SoftirqFn softirq = nullptr;  // raised while work runs: runs when it ends (irq_exit)
  std::deque<std::function<void()>> waiting;  // work that arrived while this CPU was busy
};

// The simulated time now, in picoseconds: the running work's cursor, or ns-3's clock between work.
int64_t NowPs(const Host* host);

// The delay from ns-3's clock to a moment in picoseconds, rounded up to ns-3's nanoseconds (0 for
// a moment already past): what an event for that moment is scheduled with.
ns3::Time Until(int64_t at_ps);

// Nothing runs, waits or holds on `cpu`, and it is not busy now: work given to it runs at once.
bool CpuFree(const Cpu* cpu);

// Runs `work` on `cpu` now if the CPU is free, otherwise when it becomes free (FIFO). Called from
// work running on another CPU of the Host, it is handed over at that work's cursor. Called from
// work already running on `cpu`, it runs inline.
void CpuRun(Host* host, Cpu* cpu, std::function<void()> work);

// Like CpuRun, but always behind the work already waiting (and never inline): for the next round
// of a softirq that ran out of budget (ksoftirqd's turn) and for work raised outside any CPU.
void CpuQueue(Host* host, Cpu* cpu, std::function<void()> work);

// From running work, as its last step: the rest of it (`rest`) runs at the cursor, holding the CPU
// so nothing else runs in between; inline when no time has passed.
void CpuContinue(Host* host, std::function<void()> rest);

// From running work: when nothing else can happen before the cursor (no event is due by then, no
// softirq was raised), ns-3's clock moves to the cursor, true; otherwise false and nothing
// changes. Where the work would end with CpuContinue, it goes on inline instead and sees what the
// continuation would (it is the next thing to run), without an event per step; where it hands
// something to ns-3 (a socket's datagram), ns-3 sees the moment the work reached it.
bool CpuAdvance(Host* host);

// ns-3's clock, moved forward from inside running work when no event is due before the moment
// (the World's event list); what CpuAdvance asks
class InlineClock {
 public:
  virtual bool AdvanceTo(const ns3::Time& at) = 0;

 protected:
  ~InlineClock() = default;
};

// raise_softirq(NET_RX_SOFTIRQ) on `cpu`: from work running on it, `fn` runs when that work ends;
// otherwise it is queued on the CPU (never run inside the caller's stack).
void CpuRaiseSoftirq(Host* host, Cpu* cpu, SoftirqFn fn);

}  // namespace linuxnet
