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
#include <random>
#include <string>
#include <vector>

#include "sim/skbuff.h"
#include "sim/trace.h"

namespace linuxnet {

class NetDev;
class NetNs;

// struct softnet_data: the backlog NAPI instance of one CPU
struct SoftnetData {
  std::deque<SkbPtr> input_pkt_queue;
  bool scheduled = false;        // the backlog NAPI is on the poll list (____napi_schedule)
  uint64_t processed = 0;        // /proc/net/softnet_stat column 1
  uint64_t dropped = 0;          // column 2: netdev_max_backlog overflow
  uint64_t time_squeeze = 0;     // column 3
};

class Host {
 public:
  explicit Host(std::string name, uint32_t seed = 1);
  Host(const Host&) = delete;
  Host& operator=(const Host&) = delete;
  const std::string& name() const { return name_; }

  // Cost table in nanoseconds per call, indexed by kernel function; zero until calibrated.
  double cost_ns[KF_COUNT] = {};
  uint64_t calls[KF_COUNT] = {};
  double busy_ns = 0;  // CPU time charged so far

  // Tracing (`linuxnet run --trace`, like pwru): when `trace` is set, every KFunc calls it
  using TraceFn = void (*)(Host* host, KFn f, const SkBuff* skb);
  TraceFn trace = nullptr;
  std::ostream* trace_out = nullptr;

  // the conntrack an untracked skb points to (nf_ct_set(skb, NULL, IP_CT_UNTRACKED)); never
  // freed, and declared before the queues so that it outlives the skbs they hold
  NfConntrack untracked_ct{1u << 30, nullptr};
  SoftnetData softnet;
  uint32_t netdev_max_backlog = 1000;           // net.core.netdev_max_backlog
  static constexpr int kNapiWeight = 64;        // weight_p / dev_rx_weight
  std::vector<NetDev*> linkwatch_events;        // lweventlist (link_watch.c)
  NetNs* init_net = nullptr;                    // &init_net of this machine's kernel
  int ncpus = 2;                                // num_possible_cpus (the reference machine's 2)

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
  std::string name_;
  std::mt19937 rng_;
};

// eth_random_addr: locally administered, unicast, from the machine's generator
MacAddr EthRandomAddr(Host* host);

// One call per modelled function: its CPU cost and counter, and the trace when tracing is on.
// Inline and without a test on the common path but the one for tracing.
inline void KFunc(KFn f, Host* host, const SkBuff* skb) {
#ifdef LINUXNET_NO_KFUNC_HOOK
  return;  // results/bench_hook.sh's comparison build
#endif
  host->calls[f]++;
  host->busy_ns += host->cost_ns[f];
  if (__builtin_expect(host->trace != nullptr, 0)) host->trace(host, f, skb);
}
inline void KFunc(KFn f, const SkBuff* skb) { KFunc(f, skb->host, skb); }

}  // namespace linuxnet
