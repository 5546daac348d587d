// net/bridge/br_netfilter_hooks.c: br_netfilter. Bridged IPv4 frames are handed to the IPv4
// netfilter hooks (so iptables chains and conntrack see them) from bridge hooks registered on a
// namespace's first bridge: br_nf_pre_routing (IPv4 PRE_ROUTING with in = the bridge),
// br_nf_forward_ip (IPv4 FORWARD, in and out = the bridge) and br_nf_post_routing (IPv4
// POST_ROUTING, out = the bridge). The bridge ports the frame crossed are kept in the skb
// (nf_bridge->physindev / physoutdev) for -m physdev. ip_sabotage_in keeps a bridged frame that
// is passed up to the bridge device from crossing IPv4 PRE_ROUTING a second time.
// Whether bridged frames go through at all is the namespace's net.bridge.bridge-nf-call-iptables
// sysctl (1 by default). ARP (arptables) and IPv6 have no tables in the model: they pass.
#include <cerrno>

#include "net/bridge/br_private.h"
#include "net/core/dev.h"
#include "net/netfilter/core.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

// net/ipv4/route.c (ipv4.h is not included: its neighbour states clash with the fdb's NUD_* here)
int IpRouteInputNoref(SkBuff* skb, uint32_t daddr, uint32_t saddr, uint8_t tos, NetDev* dev);
// br_netfilter_ipv4.cc
bool BrNfNeighConnected(NetNs* net, const SkBuff& skb, NetDev* dev, MacAddr* ha);

namespace {

// include/uapi/linux/netfilter_bridge.h
constexpr int NF_BR_PRI_BRNF = 0;
constexpr int NF_BR_PRI_LAST = 2147483647;

// brnf_get_logical_dev / bridge_parent: the bridge a port belongs to
NetDev* BridgeParent(const NetDev* dev) {
  NetBridgePort* p = dev ? BrPortGet(dev) : nullptr;
  return p ? static_cast<NetDev*>(p->br) : nullptr;
}

// br_nf_hook_thresh: the bridge hooks after br_netfilter's priority, then okfn
int BrNfHookThresh(uint8_t hook, NetNs* net, SkbPtr skb, NetDev* indev, NetDev* outdev, OkFn okfn) {
  const auto& e = net->nf->hooks[NF_FAM_BRIDGE][hook];
  size_t i = 0;
  while (i < e.size() && e[i].priority <= NF_BR_PRI_BRNF) i++;
  if (i == e.size()) return okfn(net, std::move(skb));
  NfHookState st;
  st.hook = hook;
  st.pf = NF_FAM_BRIDGE;
  st.in = indev;
  st.out = outdev;
  st.net = net;
  st.okfn = okfn;
  int ret = NfHookSlow(skb, &st, e, i);
  if (ret == 1) return okfn(net, std::move(skb));
  return ret;  // dropped: freed here; stolen: the hook moved it out
}

// br_validate_ipv4: the checks of ip_rcv_core (the IPSTATS drop counters are not bumped here)
bool BrValidateIpv4(NetNs*, SkBuff* skb) {
  const Iphdr& iph = skb->iph;
  if (iph.ihl < 5 || iph.tot_len < iph.ihl * 4u || skb->Len() < iph.tot_len) return false;
  if (skb->Len() > iph.tot_len) skb->data->RemoveAtEnd(skb->Len() - iph.tot_len);  // pskb_trim_rcsum
  return true;
}

// br_nf_pre_routing_finish_bridge: a bridged-and-DNATed frame goes on through the bridge to the
// new destination's MAC address, taken from its neighbour entry on the bridge. (Without a
// connected entry the kernel resolves it through neigh->output and br_dev_xmit's bridged_dnat
// hand-back; the model drops the frame instead.)
int BrNfPreRoutingFinishBridge(NetNs* net, SkbPtr skb) {
  NetDev* br = BridgeParent(skb->dev);
  MacAddr ha;
  if (!br || !BrNfNeighConnected(net, *skb, br, &ha)) return 0;  // kfree_skb
  skb->eth.h_dest = ha;  // neigh_hh_bridge
  return BrHandleFrameFinish(net, std::move(skb));
}

// br_nf_pre_routing_finish: back from IPv4 PRE_ROUTING
int BrNfPreRoutingFinish(NetNs* net, SkbPtr skb) {
  NetDev* dev = skb->dev;  // the bridge
  if (skb->brnf_pkt_otherhost) {
    skb->pkt_type = PACKET_OTHERHOST;
    skb->brnf_pkt_otherhost = false;
  }
  skb->brnf_in_prerouting = false;
  if (skb->brnf_ipv4_daddr != skb->iph.daddr) {  // br_nf_ipv4_daddr_was_changed: DNAT took place
    int err = IpRouteInputNoref(skb.get(), skb->iph.daddr, skb->iph.saddr, skb->iph.tos, dev);
    if (err) return 0;  // kfree_skb (the martian/forwarding-off retry through the output route is not modelled)
    if (skb->dst.dev == dev) {
      // bridged_dnat
      NetDev* in = skb->dev = skb->physindev;
      skb->protocol = ETH_P_IP;
      return BrNfHookThresh(NF_BR_PRE_ROUTING, net, std::move(skb), in, nullptr, &BrNfPreRoutingFinishBridge);
    }
    skb->eth.h_dest = dev->dev_addr;  // to the bridge device: it routes the frame
    skb->pkt_type = PACKET_HOST;
  } else {
    skb->dst = Rtable{};  // bridge_parent_rtable: a fake route ip_rcv_finish does not trust
  }
  skb->dev = skb->physindev;
  skb->protocol = ETH_P_IP;  // nf_bridge_update_protocol
  NetDev* in = skb->dev;
  return BrNfHookThresh(NF_BR_PRE_ROUTING, net, std::move(skb), in, nullptr, &BrHandleFrameFinish);
}

// br_nf_pre_routing: NF_BR_PRE_ROUTING at NF_BR_PRI_BRNF
unsigned BrNfPreRouting(void* , SkbPtr& skb, const NfHookState* state) {
  NetBridgePort* p = state->in ? BrPortGet(state->in) : nullptr;
  if (!p) return NF_DROP;
  NetNs* net = state->net;
  if (!net->nf->brnf.call_iptables && !p->br->nf_call_iptables) return NF_ACCEPT;
  if (skb->protocol != ETH_P_IP) return NF_ACCEPT;       // !IS_IP (no VLAN or PPPoE encapsulation modelled)
  if (!BrValidateIpv4(net, skb.get())) return NF_DROP;
  // nf_bridge_alloc + setup_pre_routing
  skb->bridged = true;
  skb->physoutdev = nullptr;
  if (skb->pkt_type == PACKET_OTHERHOST) {
    skb->pkt_type = PACKET_HOST;
    skb->brnf_pkt_otherhost = true;
  }
  skb->brnf_in_prerouting = true;
  skb->physindev = skb->dev;
  skb->dev = p->br;
  skb->sk = nullptr;  // skb_orphan
  skb->brnf_ipv4_daddr = skb->iph.daddr;
  NetDev* br = skb->dev;
  NfHook(NF_FAM_IPV4, NF_INET_PRE_ROUTING, net, std::move(skb), br, nullptr, &BrNfPreRoutingFinish);
  return NF_STOLEN;
}

// br_nf_forward_finish: back from IPv4 FORWARD
int BrNfForwardFinish(NetNs* net, SkbPtr skb) {
  NetDev* in = skb->physindev;
  if (skb->brnf_pkt_otherhost) {
    skb->pkt_type = PACKET_OTHERHOST;
    skb->brnf_pkt_otherhost = false;
  }
  NetDev* out = skb->dev;
  return BrNfHookThresh(NF_BR_FORWARD, net, std::move(skb), in, out, &BrForwardFinish);
}

// br_nf_forward_ip: NF_BR_FORWARD at NF_BR_PRI_BRNF - 1
unsigned BrNfForwardIp(void* , SkbPtr& skb, const NfHookState* state) {
  if (!skb->bridged) return NF_ACCEPT;
  NetDev* parent = BridgeParent(state->out);
  if (!parent) return NF_DROP;
  if (skb->protocol != ETH_P_IP) return NF_ACCEPT;
  if (skb->pkt_type == PACKET_OTHERHOST) {
    skb->pkt_type = PACKET_HOST;
    skb->brnf_pkt_otherhost = true;
  }
  if (!BrValidateIpv4(state->net, skb.get())) return NF_DROP;
  skb->physoutdev = skb->dev;
  NfHook(NF_FAM_IPV4, NF_INET_FORWARD, state->net, std::move(skb), BridgeParent(state->in), parent, &BrNfForwardFinish);
  return NF_STOLEN;
}

// br_nf_dev_queue_xmit: back from IPv4 POST_ROUTING (no fragmentation: frames fit the port's MTU)
int BrNfDevQueueXmit(NetNs* net, SkbPtr skb) {
  if (skb->brnf_pkt_otherhost) {
    skb->pkt_type = PACKET_OTHERHOST;
    skb->brnf_pkt_otherhost = false;
  }
  skb->bridged = false;  // nf_bridge_info_free
  skb->physindev = skb->physoutdev = nullptr;
  return BrDevQueuePushXmit(net, std::move(skb));
}

// br_nf_post_routing: NF_BR_POST_ROUTING at NF_BR_PRI_LAST
unsigned BrNfPostRouting(void* , SkbPtr& skb, const NfHookState* state) {
  // a frame that came in on a bridge, was delivered locally and is now routed had its
  // POST_ROUTING from the IP stack already
  if (!skb->bridged || !skb->physoutdev) return NF_ACCEPT;
  NetDev* realoutdev = BridgeParent(skb->dev);
  if (!realoutdev) return NF_DROP;
  if (skb->protocol != ETH_P_IP) return NF_ACCEPT;
  if (skb->pkt_type == PACKET_OTHERHOST) {
    skb->pkt_type = PACKET_HOST;
    skb->brnf_pkt_otherhost = true;
  }
  NfHook(NF_FAM_IPV4, NF_INET_POST_ROUTING, state->net, std::move(skb), nullptr, realoutdev, &BrNfDevQueueXmit);
  return NF_STOLEN;
}

// ip_sabotage_in: NF_INET_PRE_ROUTING at NF_IP_PRI_FIRST. A bridged frame passed up to the
// bridge device has been through IPv4 PRE_ROUTING already: straight to ip_rcv_finish.
unsigned IpSabotageIn(void* , SkbPtr& skb, const NfHookState* state) {
  if (skb->bridged && !skb->brnf_in_prerouting) {
    state->okfn(state->net, std::move(skb));
    return NF_STOLEN;
  }
  return NF_ACCEPT;
}

// br_nf_ops
NfHookOps Ops(NfHookFn fn, uint8_t pf, uint8_t hook, int prio) {
  NfHookOps o;
  o.hook = fn;
  o.pf = pf;
  o.hooknum = hook;
  o.priority = prio;
  return o;
}

}  // namespace

void BrNetfilterEnable(NetNs* net) {
  if (net->nf->brnf.enabled) return;
  NfRegisterNetHook(net, Ops(&BrNfPreRouting, NF_FAM_BRIDGE, NF_BR_PRE_ROUTING, NF_BR_PRI_BRNF));
  NfRegisterNetHook(net, Ops(&BrNfForwardIp, NF_FAM_BRIDGE, NF_BR_FORWARD, NF_BR_PRI_BRNF - 1));
  NfRegisterNetHook(net, Ops(&BrNfPostRouting, NF_FAM_BRIDGE, NF_BR_POST_ROUTING, NF_BR_PRI_LAST));
  NfRegisterNetHook(net, Ops(&IpSabotageIn, NF_FAM_IPV4, NF_INET_PRE_ROUTING, NF_IP_PRI_FIRST));
  net->nf->brnf.enabled = true;
}

}  // namespace linuxnet
