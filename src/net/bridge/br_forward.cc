// net/bridge/br_forward.c: sending a frame out of one port (br_forward) or all of them (br_flood)
#include "sim/host.h"
#include "net/bridge/br_private.h"
#include "net/core/dev.h"
#include "net/netfilter/core.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

// br_skb_isolated: isolated ports do not talk to each other
static bool BrSkbIsolated(const NetBridgePort* to, const SkBuff& skb) {
  NetBridgePort* from = BrPortGet(skb.dev);
  return from && (from->flags & BR_ISOLATED) && (to->flags & BR_ISOLATED);
}

// should_deliver: not back where it came from (unless hairpin), and only to forwarding ports
static bool ShouldDeliver(const NetBridgePort* p, const SkBuff& skb) {
  return ((p->flags & BR_HAIRPIN_MODE) || skb.dev != p->dev.operator->()) && BrAllowedEgress(p->vlgrp.get(), skb) &&
         p->state == BR_STATE_FORWARDING && !BrSkbIsolated(p, skb);
}

// br_dev_queue_push_xmit
int BrDevQueuePushXmit(NetNs* net, SkbPtr skb) {
  NetDev* dev = skb->dev;
  // is_skb_forwardable
  if (!dev->IsUp() || (skb->Len() > dev->mtu + 4 /*VLAN_HLEN*/ && !SkbIsGso(*skb))) return 0;  // kfree_skb
  skb->PushMac();  // skb_push(ETH_HLEN)
  DevQueueXmit(std::move(skb));
  return 0;
}

// br_forward_finish
int BrForwardFinish(NetNs* net, SkbPtr skb) {
  NetDev* out = skb->dev;
  return NfHook(NF_FAM_BRIDGE, NF_BR_POST_ROUTING, net, std::move(skb), nullptr, out, &BrDevQueuePushXmit);
}

// __br_forward: FORWARD for a frame that came in on a port, LOCAL_OUT for one the bridge sends
static void BrForwardCore(const NetBridgePort* to, SkbPtr skb, bool local_orig) {
  if (!BrHandleVlan(to->br, to, to->vlgrp.get(), skb.get())) return;  // kfree_skb
  NetDev* indev = skb->dev;
  NetDev* out = to->dev.operator->();
  skb->dev = out;
  if (!local_orig)
    NfHook(NF_FAM_BRIDGE, NF_BR_FORWARD, indev->net, std::move(skb), indev, out, &BrForwardFinish);
  else
    NfHook(NF_FAM_BRIDGE, NF_BR_LOCAL_OUT, out->net, std::move(skb), nullptr, out, &BrForwardFinish);
}

// deliver_clone
static void DeliverClone(const NetBridgePort* prev, const SkBuff& skb, bool local_orig) {
  BrForwardCore(prev, SkbClone(skb), local_orig);
}

// br_forward
void BrForward(NetBridgePort* to, SkbPtr skb, bool local_rcv, bool local_orig) {
  KFunc(KF_br_forward, skb.get());
  if (!to) return;  // the bridge's own address: nothing to send it to (kfree_skb)
  if (ShouldDeliver(to, *skb)) {
    BrForwardCore(to, std::move(skb), local_orig);  // with local_rcv the caller kept its own copy
    return;
  }
}

// maybe_deliver
static NetBridgePort* MaybeDeliver(NetBridgePort* prev, NetBridgePort* p, const SkBuff& skb, bool local_orig) {
  if (!ShouldDeliver(p, skb)) return prev;
  if (prev) DeliverClone(prev, skb, local_orig);
  return p;
}

// br_flood: every port that takes this kind of traffic, the last one getting the original
void BrFlood(BridgeDev* br, SkbPtr skb, BrPktType pkt_type, bool local_rcv, bool local_orig) {
  KFunc(KF_br_flood, skb.get());
  NetBridgePort* prev = nullptr;
  for (NetBridgePort* p : br->port_list) {
    // do not flood unicast traffic to ports that turn it off, nor other traffic if flood off,
    // except for traffic we originate
    switch (pkt_type) {
      case BR_PKT_UNICAST:
        if (!(p->flags & BR_FLOOD)) continue;
        break;
      case BR_PKT_MULTICAST:
        if (!(p->flags & BR_MCAST_FLOOD) && skb->dev != br) continue;
        break;
      case BR_PKT_BROADCAST:
        if (!(p->flags & BR_BCAST_FLOOD) && skb->dev != br) continue;
        break;
    }
    if (p->flags & BR_PROXYARP) continue;  // do not flood to ports that enable proxy ARP
    prev = MaybeDeliver(prev, p, *skb, local_orig);
  }
  if (!prev) return;  // kfree_skb
  BrForwardCore(prev, std::move(skb), local_orig);
}

}  // namespace linuxnet
