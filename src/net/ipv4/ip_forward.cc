// net/ipv4/ip_forward.c
#include "net/core/dev.h"
#include "net/ipv4/ipv4.h"
#include "net/netfilter/core.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

static int IpForwardFinish(NetNs* net, SkbPtr skb) {
  KFunc(KF_ip_forward_finish, skb.get());
  net->ipv4->mib[IPSTATS_MIB_OutForwDatagrams]++;
  return IpOutput(net, std::move(skb));  // dst_output
}

int IpForward(SkbPtr skb) {
  KFunc(KF_ip_forward, skb.get());
  NetNs* net = skb->dev->net;
  if (skb->pkt_type != PACKET_HOST) return NET_RX_DROP;
  if (skb->sk) return NET_RX_DROP;
  if (skb->iph.ttl <= 1) {
    net->ipv4->mib[IPSTATS_MIB_InHdrErrors]++;
    IcmpSend(*skb, ICMP_TIME_EXCEEDED, ICMP_EXC_TTL, 0);
    return NET_RX_DROP;
  }
  NetDev* out = skb->dst.dev;
  uint32_t mtu = out->mtu;  // ip_dst_mtu_maybe_forward: the device MTU (learned PMTUs are ignored)
  // ip_exceeds_mtu: a GSO packet whose segments fit does not
  if (skb->Len() > mtu && (skb->iph.frag_off & IP_DF) && !skb->ignore_df &&
      !(SkbIsGso(*skb) && SkbGsoValidateNetworkLen(*skb, mtu))) {
    IcmpSend(*skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED, mtu);
    return NET_RX_DROP;
  }
  skb->iph.ttl--;  // ip_decrease_ttl
  if (skb->dst.do_redirect) IpRtSendRedirect(*skb);
  NetDev* in = skb->dev;
  return NfHook(NF_FAM_IPV4, NF_INET_FORWARD, net, std::move(skb), in, out, &IpForwardFinish);
}

}  // namespace linuxnet
