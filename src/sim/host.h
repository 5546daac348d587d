// A Host is one machine: the namespaces on it share its CPUs and its softirq backlog (the per-CPU
// softnet_data input queue that netif_rx feeds and process_backlog drains in net_rx_action).
#pragma once
#include <cstdint>
#include <deque>
#include <string>

#include "ns3/event-id.h"
#include "sim/skbuff.h"
#include "sim/trace.h"

namespace linuxnet {

struct SkBuff;

class Host {
 public:
  explicit Host(std::string name) : name_(std::move(name)) {}
  const std::string& name() const { return name_; }

  // Cost table in nanoseconds per call, indexed by kernel function; zero until calibrated.
  double cost_ns[KF_COUNT] = {};
  uint64_t calls[KF_COUNT] = {};
  double busy_ns = 0;  // CPU time charged so far

  void Charge(KFn f) {
    calls[f]++;
    busy_ns += cost_ns[f];
  }

  // enqueue_to_backlog + ____napi_schedule: the skb waits for net_rx_action on this Host's CPU
  void EnqueueBacklog(SkbPtr skb);
  uint32_t netdev_max_backlog = 1000;
  // CONFIG_BRIDGE_VLAN_FILTERING: whether this machine's kernel was built with bridge VLAN
  // filtering (net/bridge/br_vlan.c). The reference machine's kernel was not, so the default is
  // false: vlan_filtering and `bridge vlan add` are refused. A C++/Python user, or a script's
  // `#@ kconfig CONFIG_BRIDGE_VLAN_FILTERING=y` line, turns it on; bridges created afterwards
  // get a VLAN group (br_vlan_init) and their ports default_pvid 1.
  bool kconfig_bridge_vlan_filtering = false;
  uint64_t backlog_dropped = 0;
  static constexpr int kNapiWeight = 64;  // weight_p / dev_rx_weight

 private:
  void NetRxAction();
  std::string name_;
  std::deque<SkbPtr> backlog_;
  bool scheduled_ = false;
};

// Tracing: global switch read on the hot path; off by default.
extern bool g_trace;
void TraceEvent(KFn f, const SkBuff* skb, const char* detail = nullptr);

// One call per modelled function: cost, counters, trace.
void KFunc(KFn f, const SkBuff* skb);

}  // namespace linuxnet
