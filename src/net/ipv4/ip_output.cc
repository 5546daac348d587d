// net/ipv4/ip_output.c
#include <cerrno>

#include "net/core/dev.h"
#include "net/ipv4/arp.h"
#include "net/ipv4/ipv4.h"
#include "net/netfilter/core.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

// ip_finish_output2: find or create the neighbour for the next hop and hand the packet to it
static int IpFinishOutput2(NetNs* net, SkbPtr skb) {
  KFunc(KF_ip_finish_output2, skb.get());
  NetDev* dev = skb->dst.dev;
  uint32_t nexthop = skb->dst.rt_gw4 ? skb->dst.rt_gw4 : skb->iph.daddr;
  NeighTable& tbl = net->ipv4->arp_tbl;
  Neighbour* n = tbl.Lookup(dev, nexthop);
  if (!n) n = tbl.Create(dev, nexthop);
  return NeighOutput(n, std::move(skb));
}

// ip_skb_dst_mtu: the device MTU, or a smaller path MTU learned for the destination
static uint32_t IpSkbDstMtu(const SkBuff& skb) {
  uint32_t mtu = skb.dst.dev->mtu;
  if (skb.dst.pmtu && skb.dst.pmtu < mtu) mtu = skb.dst.pmtu;
  return mtu;
}

static int IpFinishOutputMtu(NetNs* net, SkbPtr skb, uint32_t mtu);

// ip_finish_output_gso: a GSO packet whose segments fit goes whole; otherwise segmented here and
// each segment fragmented, or refused with DF, as a packet of its size
static int IpFinishOutputGso(NetNs* net, SkbPtr skb, uint32_t mtu) {
  if (SkbGsoValidateNetworkLen(*skb, mtu)) return IpFinishOutput2(net, std::move(skb));
  std::vector<SkbPtr> segs = SkbGsoSegment(*skb);
  KFunc(KF_kfree_skb, skb.get());
  if (segs.empty()) return -ENOMEM;
  int ret = 0;
  for (SkbPtr& seg : segs) {
    int err = IpFinishOutputMtu(net, std::move(seg), mtu);
    if (err && !ret) ret = err;
  }
  return ret;
}

// ip_finish_output / __ip_finish_output → ip_fragment
static int IpFinishOutput(NetNs* net, SkbPtr skb) {
  KFunc(KF_ip_finish_output, skb.get());
  uint32_t mtu = IpSkbDstMtu(*skb);
  if (SkbIsGso(*skb)) return IpFinishOutputGso(net, std::move(skb), mtu);
  return IpFinishOutputMtu(net, std::move(skb), mtu);
}

static int IpFinishOutputMtu(NetNs* net, SkbPtr skb, uint32_t mtu) {
  if (skb->Len() > mtu) {
    if ((skb->iph.frag_off & IP_DF) && !skb->ignore_df) {
      // ip_fragment: a DF packet that does not fit: "fragmentation needed" to its sender
      net->ipv4->mib[IPSTATS_MIB_OutDiscards]++;
      IcmpSend(*skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, mtu);
      return -EMSGSIZE;
    }
    return IpFragment(net, std::move(skb), mtu, &IpFinishOutput2);
  }
  return IpFinishOutput2(net, std::move(skb));
}

int IpOutput(NetNs* net, SkbPtr skb) {
  KFunc(KF_ip_output, skb.get());
  NetDev* dev = skb->dst.dev;
  net->ipv4->mib[IPSTATS_MIB_OutRequests] += 0;
  skb->dev = dev;
  skb->protocol = ETH_P_IP;
  return NfHook(NF_FAM_IPV4, NF_INET_POST_ROUTING, net, std::move(skb), nullptr, dev, &IpFinishOutput);
}

static int DstOutput(NetNs* net, SkbPtr skb) { return IpOutput(net, std::move(skb)); }

// ip_local_out: __ip_local_out sets tot_len and runs LOCAL_OUT; then dst_output
int IpLocalOut(NetNs* net, SkbPtr skb) {
  KFunc(KF_ip_local_out, skb.get());
  skb->iph.tot_len = static_cast<uint16_t>(skb->Len());
  skb->protocol = ETH_P_IP;
  NetDev* out = skb->dst.dev;
  return NfHook(NF_FAM_IPV4, NF_INET_LOCAL_OUT, net, std::move(skb), nullptr, out, &DstOutput);
}

uint16_t IpSelectIdent(NetNs* net) { return net->ipv4->ip_id_next++; }

// The common tail of ip_queue_xmit / ip_push_pending_frames: the IP header in front of an L4
// payload, then ip_local_out
int IpBuildAndSend(NetNs* net, SkbPtr skb, const Flowi4& fl4, const Rtable& rt, uint8_t ttl, uint8_t tos) {
  KFunc(KF_ip_queue_xmit, skb.get());
  skb->dst = rt;
  skb->dev = rt.dev;
  Iphdr& iph = skb->iph;
  iph = Iphdr{};
  iph.tos = tos;
  iph.ttl = ttl;
  iph.protocol = fl4.proto;
  iph.saddr = fl4.saddr;
  iph.daddr = fl4.daddr;
  iph.id = IpSelectIdent(net);
  if (fl4.df) iph.frag_off = IP_DF;
  skb->PushNet();
  net->ipv4->mib[IPSTATS_MIB_OutRequests]++;
  return IpLocalOut(net, std::move(skb));
}

}  // namespace linuxnet
