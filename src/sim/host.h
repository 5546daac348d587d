// A Host is one machine: its CPUs and their cost table, the per-CPU softnet_data input queue
// (include/linux/netdevice.h struct softnet_data, which net/core/dev.c's enqueue_to_backlog fills
// and net_rx_action drains), the machine-wide lists the kernel keeps once per boot (linkwatch's
// event list), its random generator, its kernel configuration, and its initial namespace. The
// functions that act on this state live in the kernel layers (net/core/dev.cc, link_watch); a
// Host only holds it, so that everything a machine's kernel keeps hangs off one object.
#pragma once
#include <cstdint>
#include <deque>
#include <iosfwd>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "sim/cpu.h"
#include "sim/skbuff.h"
#include "sim/trace.h"

namespace linuxnet {

class NetDev;
class NetNs;

class Host {
 public:
  explicit Host(std::string name, uint32_t seed = 1);
  Host(const Host&) = delete;
  Host& operator=(const Host&) = delete;
  const std::string& name() const { return name_; }
  void SetName(const std::string& n) { name_ = n; }

  // Cost table: a function's CPU time per call is a_ps + b_ps x the skb's length in bytes (copies
  // and checksums grow with size), in picoseconds; zero until calibrated. `slow` sends KFunc off
  // its one-add path: the function has a per-byte cost, or tracing is on.
  struct KCost {
    int64_t a_ps = 0;
    int64_t b_ps = 0;
    bool slow = false;
  };
  KCost kcost[KF_COUNT];
  // The running work's cursor: the simulated moment the work on the stack has reached (the CPU
  // `cur`'s; between work, what configuration calls charge to `idle`). Kept here rather than in
  // the Cpu so that charging a function is one add to the Host it already has in hand.
  int64_t cursor_ps = 0;
  int64_t cost_a_ps(KFn f) const { return kcost[f].a_ps; }
  int64_t cost_b_ps(KFn f) const { return kcost[f].b_ps; }
  void SetCost(KFn f, int64_t a_ps, int64_t b_ps) {
    kcost[f].a_ps = a_ps;
    kcost[f].b_ps = b_ps;
    kcost[f].slow = b_ps != 0 || trace_ != nullptr;
  }

  // The CPUs (num_possible_cpus; the reference machine's 2). `cur` is the CPU whose work is on
  // the stack, or `idle`, a sink that absorbs the cost of work done outside any CPU (a tool's
  // configuration call).
  std::vector<std::unique_ptr<Cpu>> cpus;
  Cpu idle;
  Cpu* cur = &idle;
  InlineClock* clock = nullptr;  // the event list's, for CpuAdvance (none: every step is an event)
  void SetCpus(int n);                 // before any work runs
  int ncpus() const { return static_cast<int>(cpus.size()); }
  Cpu* ThisCpu() { return cur != &idle ? cur : cpus[0].get(); }  // smp_processor_id
  // the CPU a new process runs on: the CPUs in turn, so that a client and a server spread, among
  // those its affinity allows (sched_setaffinity: `allowed[i]` for CPU i; empty: all)
  Cpu* NextProcessCpu(const std::vector<bool>& allowed = {});

  // Tracing (`linuxnet run --trace`, like pwru): when `trace` is set, every KFunc calls it
  // `bytes`: the length the call is charged for (the skb's, or what the function walks)
  using TraceFn = void (*)(Host* host, KFn f, const SkBuff* skb, uint32_t bytes);
  TraceFn trace() const { return trace_; }
  void SetTrace(TraceFn fn) {
    trace_ = fn;
    for (int f = 0; f < KF_COUNT; f++) SetCost(static_cast<KFn>(f), kcost[f].a_ps, kcost[f].b_ps);
  }
  std::ostream* trace_out = nullptr;
  void* trace_ctx = nullptr;  // a TraceFn's own state (the calibration's call counter)

  // the conntrack an untracked skb points to (nf_ct_set(skb, NULL, IP_CT_UNTRACKED)); never
  // freed, and declared before the queues so that it outlives the skbs they hold
  NfConntrack untracked_ct{1u << 30, nullptr};
  int netdev_max_backlog = 1000;                // net.core.netdev_max_backlog
  int netdev_budget = 300;                      // net.core.netdev_budget
  int netdev_budget_usecs = 8000;               // net.core.netdev_budget_usecs (2 * USEC_PER_SEC / HZ)
  static constexpr int64_t kHz = 250;           // CONFIG_HZ of the reference machine's kernel
  std::vector<NetDev*> linkwatch_events;        // lweventlist (link_watch.c)
  NetNs* init_net = nullptr;                    // &init_net of this machine's kernel
  // net/core/sock.c's sysctls (net.core.*mem_*, init_net only in v5.3): SK_RMEM_MAX / SK_WMEM_MAX
  int sysctl_rmem_default = 212992, sysctl_rmem_max = 212992;
  int sysctl_wmem_default = 212992, sysctl_wmem_max = 212992;
  // tcp_cong.c's tcp_cong_list: the congestion controls registered, in order (indices into
  // TcpCongestionNames(): reno and cubic are built in), and which are TCP_CONG_NON_RESTRICTED
  std::vector<int> tcp_cong_registered{0, 1};
  uint32_t tcp_cong_allowed = 0x3;

  // CONFIG_BRIDGE_VLAN_FILTERING: whether this machine's kernel was built with bridge VLAN
  // filtering (net/bridge/br_vlan.c). The reference machine's kernel was not, so the default is
  // false: vlan_filtering and `bridge vlan add` are refused. A C++/Python user, or a script's
  // `#@ kconfig CONFIG_BRIDGE_VLAN_FILTERING=y` line, turns it on; bridges created afterwards
  // get a VLAN group (br_vlan_init) and their ports default_pvid 1.
  bool kconfig_bridge_vlan_filtering = false;

  // get_random_u32 / prandom_u32: the machine's own generator, seeded from the Host's seed, so a
  // run repeats and two Worlds built alike draw alike
  uint32_t PrandomU32() { return static_cast<uint32_t>(rng_()); }

 private:
  TraceFn trace_ = nullptr;
  std::string name_;
  std::mt19937 rng_;
  size_t next_process_cpu_ = 0;
};

// eth_random_addr: locally administered, unicast, from the machine's generator
MacAddr EthRandomAddr(Host* host);

// One call per modelled function: charges its cost to the CPU running it (the cursor of the work
// on the stack), and traces it when tracing is on (a TraceFn also counts, where counts are wanted:
// the calibration, tests). Inline, and on the common path one add and one test: a function with
// a per-byte cost, or any function while tracing, takes the out-of-line KFuncSlow.
// `bytes`: what the call is charged for per byte; kSkbLen for the skb's length (only read there).
constexpr int64_t kSkbLen = -1;
void KFuncSlow(KFn f, Host* host, const SkBuff* skb, int64_t bytes);
inline void KFunc(KFn f, Host* host, const SkBuff* skb, uint32_t bytes) {
#ifdef LINUXNET_NO_KFUNC_HOOK
  return;  // results/bench_hook.sh's comparison build
#endif
  const Host::KCost& c = host->kcost[f];
  if (__builtin_expect(c.slow, 0)) KFuncSlow(f, host, skb, bytes);
  else host->cursor_ps += c.a_ps;
}
inline void KFunc(KFn f, Host* host, const SkBuff* skb) {
#ifdef LINUXNET_NO_KFUNC_HOOK
  return;
#endif
  const Host::KCost& c = host->kcost[f];
  if (__builtin_expect(c.slow, 0)) KFuncSlow(f, host, skb, kSkbLen);
  else host->cursor_ps += c.a_ps;
}
inline void KFunc(KFn f, const SkBuff* skb) { KFunc(f, skb->host, skb); }

}  // namespace linuxnet
