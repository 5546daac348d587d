// Netfilter hook lists (net/netfilter/core.c): per namespace, per protocol family and hook point,
// the registered hook functions sorted by priority; NfHook runs them (nf_hook_slow) and calls the
// continuation (okfn) when the packet is accepted.
#pragma once
#include <cstdint>
#include <memory>
#include <vector>

#include "sim/skbuff.h"

namespace linuxnet {

class NetDev;
class NetNs;

enum NfInetHook : uint8_t { NF_INET_PRE_ROUTING, NF_INET_LOCAL_IN, NF_INET_FORWARD,
                            NF_INET_LOCAL_OUT, NF_INET_POST_ROUTING, NF_INET_NUMHOOKS };
// the families this model has hooks for (index into NfNet::hooks)
enum NfFamily : uint8_t { NF_FAM_IPV4 = 0, NF_FAM_BRIDGE = 1, NF_FAM_COUNT = 2 };
enum : unsigned { NF_DROP = 0, NF_ACCEPT = 1, NF_STOLEN = 2, NF_QUEUE = 3, NF_REPEAT = 4, NF_STOP = 5 };
constexpr unsigned NF_VERDICT_MASK = 0xff;

// include/uapi/linux/netfilter_ipv4.h priorities
enum NfIpHookPriorities : int {
  NF_IP_PRI_FIRST = -2147483647 - 1, NF_IP_PRI_RAW_BEFORE_DEFRAG = -450,
  NF_IP_PRI_CONNTRACK_DEFRAG = -400, NF_IP_PRI_RAW = -300, NF_IP_PRI_SELINUX_FIRST = -225,
  NF_IP_PRI_CONNTRACK = -200, NF_IP_PRI_MANGLE = -150, NF_IP_PRI_NAT_DST = -100,
  NF_IP_PRI_FILTER = 0, NF_IP_PRI_SECURITY = 50, NF_IP_PRI_NAT_SRC = 100,
  NF_IP_PRI_SELINUX_LAST = 225, NF_IP_PRI_CONNTRACK_HELPER = 300,
  NF_IP_PRI_CONNTRACK_CONFIRM = 2147483647, NF_IP_PRI_LAST = 2147483647,
};

using OkFn = int (*)(NetNs* net, SkbPtr skb);

struct NfHookState {
  uint8_t hook = 0;
  uint8_t pf = 0;
  NetDev* in = nullptr;
  NetDev* out = nullptr;
  NetNs* net = nullptr;
  OkFn okfn = nullptr;
};

// A hook function gets the skb's owning slot: a hook that steals the packet (NF_STOLEN) moves it
// out, so ownership always reads from the code; every other verdict leaves it in place.
using NfHookFn = unsigned (*)(void* priv, SkbPtr& skb, const NfHookState* state);

struct NfHookOps {
  NfHookFn hook = nullptr;
  void* priv = nullptr;
  int priority = 0;
  uint8_t pf = NF_FAM_IPV4;
  uint8_t hooknum = 0;
};

struct XtNet;   // x_tables state per namespace (net/netfilter/x_tables.cc)
struct CtNet;   // conntrack state per namespace

struct NfNet {
  std::vector<NfHookOps> hooks[NF_FAM_COUNT][NF_INET_NUMHOOKS];
  // struct brnf_net (br_netfilter): the net.bridge.bridge-nf-* sysctls of this namespace, and
  // whether the br_netfilter hooks are registered here (on its first bridge, brnf_device_event)
  struct BrnfNet {
    bool enabled = false;
    int call_iptables = 1, call_ip6tables = 1, call_arptables = 1;
    int filter_vlan_tagged = 0, filter_pppoe_tagged = 0, pass_vlan_indev = 0;
  } brnf;
  std::unique_ptr<XtNet> xt;
  std::unique_ptr<CtNet> ct;
  NfNet();
  ~NfNet();
};

// nf_register_net_hook / nf_unregister_net_hook
int NfRegisterNetHook(NetNs* net, const NfHookOps& ops);
void NfUnregisterNetHook(NetNs* net, const NfHookOps& ops);

// NF_HOOK(): runs the hook list; on accept calls okfn(net, skb) and returns its result; on drop
// frees the skb and returns -EPERM; on stolen returns 0.
int NfHook(uint8_t pf, uint8_t hook, NetNs* net, SkbPtr skb, NetDev* in, NetDev* out, OkFn okfn);
// nf_hook(): the hook list without calling the continuation: 1 when the packet was accepted (it
// is still in *pskb for the caller to go on with), otherwise <= 0 with *pskb consumed (dropped or
// stolen). `okfn` is only handed to the hooks (state->okfn), as nf_hook does.
int NfHookNoOkfn(uint8_t pf, uint8_t hook, NetNs* net, SkbPtr* pskb, NetDev* in, NetDev* out, OkFn okfn = nullptr);
// nf_hook_slow: the verdict loop (returns 1 when okfn should run)
int NfHookSlow(SkbPtr& skb, const NfHookState* state, const std::vector<NfHookOps>& e, size_t start);

}  // namespace linuxnet
