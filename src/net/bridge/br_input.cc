// net/bridge/br_input.c: frames arriving on a bridge port (the port's rx_handler), learning,
// and the decision to forward, flood, or pass up to the bridge device itself.
#include "sim/host.h"
#include "net/bridge/br_private.h"
#include "net/core/dev.h"
#include "net/netfilter/core.h"
#include "ns3/simulator.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

// br_netif_receive_skb: the frame enters the stack again, now on the bridge device
static int BrNetifReceiveSkb(NetNs* net, SkbPtr skb) { return NetifReceiveSkb(std::move(skb)); }

// br_pass_frame_up: count it on the bridge, make the bridge the receiving device, LOCAL_IN
static int BrPassFrameUp(BridgeDev* br, SkbPtr skb) {
  KFunc(KF_br_pass_frame_up, skb.get());
  br->br_rx_packets++;
  br->br_rx_bytes += skb->Len();
  NetBridgeVlanGroup* vg = br->vlgrp.get();
  // the bridge is just like any other port: the frame's VLAN must be one of its own, except in
  // promiscuous mode
  if (!(br->flags & IFF_PROMISC) && !BrAllowedEgress(vg, *skb)) return 0;  // kfree_skb
  NetDev* indev = skb->dev;
  skb->dev = br;
  if (!BrHandleVlan(br, nullptr, vg, skb.get())) return 0;
  return NfHook(NF_FAM_BRIDGE, NF_BR_LOCAL_IN, indev->net, std::move(skb), indev, nullptr, &BrNetifReceiveSkb);
}

// br_handle_frame_finish
int BrHandleFrameFinish(NetNs* net, SkbPtr skb) {
  KFunc(KF_br_handle_frame_finish, skb.get());
  NetBridgePort* p = BrPortGet(skb->dev);
  if (!p || p->state == BR_STATE_DISABLED) return 0;  // drop
  BridgeDev* br = p->br;
  BrPktType pkt_type = BR_PKT_UNICAST;
  uint16_t vid = 0;
  if (!BrAllowedIngress(br, p->vlgrp.get(), skb.get(), &vid)) return 0;  // dropped
  // insert into forwarding database after filtering to avoid spoofing
  if (p->flags & BR_LEARNING) BrFdbUpdate(br, p, skb->eth.h_source, vid, false);
  bool local_rcv = br->flags & IFF_PROMISC;
  const MacAddr dest = skb->eth.h_dest;
  if (dest.IsMulticast()) {
    // by definition the broadcast is also a multicast address
    if (dest.IsBroadcast()) {
      pkt_type = BR_PKT_BROADCAST;
      local_rcv = true;
    } else {
      pkt_type = BR_PKT_MULTICAST;  // br_multicast_rcv: no snooping state in the model
    }
  }
  if (p->state == BR_STATE_LEARNING) return 0;  // drop
  NetBridgeFdbEntry* dst = nullptr;
  switch (pkt_type) {
    case BR_PKT_MULTICAST:
      // no mdb entry and no querier: flooded, and the bridge receives it too
      local_rcv = true;
      br->stats.multicast++;
      break;
    case BR_PKT_UNICAST:
      dst = BrFdbFind(br, dest, vid);
      break;
    default:
      break;
  }
  if (dst) {
    if (dst->is_local) return BrPassFrameUp(br, std::move(skb));
    dst->used = ns3::Simulator::Now();
    if (local_rcv) {
      SkbPtr up = SkbClone(*skb);
      BrForward(dst->dst, std::move(skb), true, false);
      return BrPassFrameUp(br, std::move(up));
    }
    BrForward(dst->dst, std::move(skb), false, false);
    return 0;
  }
  if (local_rcv) {
    SkbPtr up = SkbClone(*skb);
    BrFlood(br, std::move(skb), pkt_type, true, false);
    return BrPassFrameUp(br, std::move(up));
  }
  BrFlood(br, std::move(skb), pkt_type, false, false);
  return 0;
}

// __br_handle_local_finish: link-local frames still teach the fdb
static void BrHandleLocalFinishCore(SkBuff* skb) {
  NetBridgePort* p = BrPortGet(skb->dev);
  uint16_t vid = 0;
  // check if vlan is allowed, to avoid spoofing
  if (p && (p->flags & BR_LEARNING) && !p->br->no_ll_learn && BrShouldLearn(p, *skb, &vid))
    BrFdbUpdate(p->br, p, skb->eth.h_source, vid, false);
}

// is_link_local_ether_addr: 01:80:c2:00:00:0X
static bool IsLinkLocalEtherAddr(const MacAddr& a) {
  return a.b[0] == 0x01 && a.b[1] == 0x80 && a.b[2] == 0xc2 && a.b[3] == 0 && a.b[4] == 0 && (a.b[5] & 0xf0) == 0;
}

// br_handle_frame: the rx_handler of every bridge port
RxHandlerResult BrHandleFrame(SkbPtr* pskb) {
  KFunc(KF_br_handle_frame, pskb->get());
  SkBuff* skb = pskb->get();
  if (skb->pkt_type == PACKET_LOOPBACK) return RX_HANDLER_PASS;
  const MacAddr& src = skb->eth.h_source;
  if (src.IsMulticast() || src.IsZero()) {  // !is_valid_ether_addr
    pskb->reset();
    return RX_HANDLER_CONSUMED;
  }
  NetBridgePort* p = static_cast<NetBridgePort*>(skb->dev->rx_handler_data);
  BridgeDev* br = p->br;
  const MacAddr dest = skb->eth.h_dest;
  if (IsLinkLocalEtherAddr(dest)) {
    uint16_t fwd_mask = 0;  // br->group_fwd_mask_required | p->group_fwd_mask
    bool forward = false;
    switch (dest.b[5]) {
      case 0x00:  // Bridge Group Address: without STP, forward to keep loop detection
        if (br->stp_enabled == BR_NO_STP || (fwd_mask & 1u)) {
          forward = true;
          break;
        }
        BrHandleLocalFinishCore(skb);
        return RX_HANDLER_PASS;
      case 0x01:  // IEEE MAC (Pause)
        pskb->reset();
        return RX_HANDLER_CONSUMED;
      case 0x0e:  // 802.1AB LLDP
        fwd_mask |= br->group_fwd_mask;
        if (fwd_mask & (1u << dest.b[5])) {
          forward = true;
          break;
        }
        BrHandleLocalFinishCore(skb);
        return RX_HANDLER_PASS;
      default:
        fwd_mask |= br->group_fwd_mask;
        if (fwd_mask & (1u << dest.b[5])) forward = true;
    }
    if (!forward) {
      NetDev* dev = skb->dev;
      // NF_HOOK(NF_BR_LOCAL_IN, ..., br_handle_local_finish) == 1: the okfn (which only learns)
      // ran and the skb goes on up the stack; nf_hook keeps it in *pskb for that
      if (NfHookNoOkfn(NF_FAM_BRIDGE, NF_BR_LOCAL_IN, dev->net, pskb, dev, nullptr) == 1) {
        BrHandleLocalFinishCore(pskb->get());  // br_handle_local_finish
        return RX_HANDLER_PASS;
      }
      return RX_HANDLER_CONSUMED;
    }
  }
  switch (p->state) {
    case BR_STATE_FORWARDING:
    case BR_STATE_LEARNING: {
      if (br->dev_addr == dest) skb->pkt_type = PACKET_HOST;
      NetDev* dev = skb->dev;
      NfHook(NF_FAM_BRIDGE, NF_BR_PRE_ROUTING, dev->net, std::move(*pskb), dev, nullptr, &BrHandleFrameFinish);
      return RX_HANDLER_CONSUMED;
    }
    default:
      pskb->reset();
      return RX_HANDLER_CONSUMED;
  }
}

}  // namespace linuxnet
