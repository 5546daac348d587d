// net/ipv4/ip_input.c
#include <cerrno>

#include "net/core/dev.h"
#include "net/ipv4/ipv4.h"
#include "net/ipv4/l4.h"
#include "net/netfilter/core.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

// ip_local_deliver_finish → ip_protocol_deliver_rcu: raw sockets get a copy, then the protocol
static int IpLocalDeliverFinish(NetNs* net, SkbPtr skb) {
  KFunc(KF_ip_local_deliver_finish, skb.get());
  skb->PullNet();  // __skb_pull(skb, skb_network_header_len(skb))
  uint8_t protocol = skb->iph.protocol;
  bool raw = RawLocalDeliver(net, *skb, protocol);
  switch (protocol) {
    case IPPROTO_ICMP_:
      net->ipv4->mib[IPSTATS_MIB_InDelivers]++;
      return IcmpRcv(std::move(skb));
    default:
      break;
  }
  int r = L4Deliver(net, skb, protocol);
  if (r == L4_DELIVERED) {
    net->ipv4->mib[IPSTATS_MIB_InDelivers]++;
    return 0;
  }
  if (r == L4_PORT_UNREACH) {
    net->ipv4->mib[IPSTATS_MIB_InDelivers]++;
    skb->PushNet();
    IcmpSend(*skb, ICMP_DEST_UNREACH, ICMP_PORT_UNREACH, 0);
    return 0;
  }
  if (!raw) {
    net->ipv4->mib[IPSTATS_MIB_InUnknownProtos]++;
    skb->PushNet();
    IcmpSend(*skb, ICMP_DEST_UNREACH, ICMP_PROT_UNREACH, 0);
  } else {
    net->ipv4->mib[IPSTATS_MIB_InDelivers]++;
  }
  return 0;
}

// ip_local_deliver (reassembly is not modelled: fragments are dropped and counted)
int IpLocalDeliver(SkbPtr skb) {
  KFunc(KF_ip_local_deliver, skb.get());
  NetNs* net = skb->dev->net;
  if (skb->iph.frag_off & (IP_MF | IP_OFFSET)) {
    skb = IpDefrag(net, std::move(skb));  // ip_defrag(IP_DEFRAG_LOCAL_DELIVER)
    if (!skb) return 0;
  }
  NetDev* in = skb->dev;
  return NfHook(NF_FAM_IPV4, NF_INET_LOCAL_IN, net, std::move(skb), in, nullptr, &IpLocalDeliverFinish);
}

// dst_input
static int DstInput(SkbPtr skb) {
  switch (skb->dst.input) {
    case Rtable::IN_LOCAL: return IpLocalDeliver(std::move(skb));
    case Rtable::IN_FORWARD: return IpForward(std::move(skb));
    case Rtable::IN_ERROR: return IpError(std::move(skb));
    default: return NET_RX_DROP;
  }
}

// ip_rcv_finish
static int IpRcvFinish(NetNs* net, SkbPtr skb) {
  KFunc(KF_ip_rcv_finish, skb.get());
  if (!skb->dst.valid()) {
    int err = IpRouteInputNoref(skb.get(), skb->iph.daddr, skb->iph.saddr, skb->iph.tos, skb->dev);
    if (err) {
      if (err == -EXDEV) net->ipv4->mib[IPSTATS_MIB_InDiscards] += 0;  // LINUX_MIB_IPRPFILTER
      KFunc(KF_kfree_skb, skb.get());
      return NET_RX_DROP;
    }
  }
  if (skb->dst.rt_type != RTN_BROADCAST && skb->dst.rt_type != RTN_MULTICAST &&
      (skb->pkt_type == PACKET_BROADCAST || skb->pkt_type == PACKET_MULTICAST)) {
    InDevice* in = InDevGet(skb->dev);
    if (in && (in->cnf.drop_unicast_in_l2_multicast || net->ipv4->devconf_all.drop_unicast_in_l2_multicast))
      return NET_RX_DROP;
  }
  return DstInput(std::move(skb));
}

// ip_rcv / ip_rcv_core
int IpRcv(SkbPtr skb, NetDev* dev, NetDev*) {
  KFunc(KF_ip_rcv, skb.get());
  NetNs* net = dev->net;
  if (skb->pkt_type == PACKET_OTHERHOST) return NET_RX_DROP;
  net->ipv4->mib[IPSTATS_MIB_InReceives]++;
  skb->PushNet();  // the IP header is at skb->data now
  skb->owner.Orphan();  // ip_rcv_core: the socket is dropped now (tproxy)
  const Iphdr& iph = skb->iph;
  if (iph.ihl < 5) {
    net->ipv4->mib[IPSTATS_MIB_InHdrErrors]++;
    return NET_RX_DROP;
  }
  uint32_t len = iph.tot_len;
  if (skb->Len() < len) {
    net->ipv4->mib[IPSTATS_MIB_InTruncatedPkts]++;
    return NET_RX_DROP;
  }
  if (len < iph.ihl * 4u) {
    net->ipv4->mib[IPSTATS_MIB_InHdrErrors]++;
    return NET_RX_DROP;
  }
  if (skb->Len() > len) skb->data->RemoveAtEnd(skb->Len() - len);  // pskb_trim_rcsum (padding)
  return NfHook(NF_FAM_IPV4, NF_INET_PRE_ROUTING, net, std::move(skb), dev, nullptr, &IpRcvFinish);
}

// ip_error: a packet the routing said cannot go anywhere
int IpError(SkbPtr skb) {
  KFunc(KF_ip_error, skb.get());
  NetNs* net = skb->dev->net;
  InDevice* in = InDevGet(skb->dev);
  if (!in) return 0;
  int error = skb->dst.error;
  if (!in->cnf.forwarding) {
    if (error == EHOSTUNREACH) net->ipv4->mib[IPSTATS_MIB_InAddrErrors]++;
    else if (error == ENETUNREACH) net->ipv4->mib[IPSTATS_MIB_InNoRoutes]++;
    return 0;
  }
  uint8_t code;
  switch (error) {
    case EHOSTUNREACH: code = ICMP_HOST_UNREACH; break;
    case ENETUNREACH:
      code = ICMP_NET_UNREACH;
      net->ipv4->mib[IPSTATS_MIB_InNoRoutes]++;
      break;
    case EACCES: code = ICMP_PKT_FILTERED; break;
    default: return 0;
  }
  if (IpErrorRateAllow(net, skb->iph.saddr)) IcmpSend(*skb, ICMP_DEST_UNREACH, code, 0);
  return 0;
}

}  // namespace linuxnet
