// net/ipv4/icmp.c: receiving ICMP (echo), sending replies and errors, with the kernel's rate limits
#include <algorithm>
#include <vector>

#include "net/ipv4/ipv4.h"
#include "net/ipv4/l4.h"
#include "ns3/simulator.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

static bool IcmpIsError(uint8_t type) {
  switch (type) {
    case ICMP_DEST_UNREACH: case 4 /*SOURCE_QUENCH*/: case ICMP_REDIRECT: case ICMP_TIME_EXCEEDED:
    case ICMP_PARAMETERPROB:
      return true;
    default:
      return type > 18;  // unknown types count as errors
  }
}

static int64_t NowMs() { return ns3::Simulator::Now().GetMilliSeconds(); }

static Ipv4Net::Peer& GetPeer(NetNs* net, uint32_t addr) {
  auto it = net->ipv4->peers.find(addr);
  if (it != net->ipv4->peers.end()) return it->second;
  Ipv4Net::Peer& p = net->ipv4->peers[addr];
  p.rate_last_ms = NowMs() - 60000;  // "the first calculation of tokens is at its maximum"
  return p;
}

// inet_peer_xrlim_allow (XRLIM_BURST_FACTOR 6)
static bool XrlimAllow(Ipv4Net::Peer& p, int timeout_ms) {
  int64_t now = NowMs();
  int64_t token = p.rate_tokens + (now - p.rate_last_ms);
  p.rate_last_ms = now;
  if (token > 6 * static_cast<int64_t>(timeout_ms)) token = 6 * static_cast<int64_t>(timeout_ms);
  bool rc = false;
  if (token >= timeout_ms) {
    token -= timeout_ms;
    rc = true;
  }
  p.rate_tokens = token;
  return rc;
}

bool IpErrorRateAllow(NetNs* net, uint32_t saddr) {
  // ip_rt_error_cost = HZ, ip_rt_error_burst = 5 * HZ
  Ipv4Net::Peer& p = GetPeer(net, saddr);
  int64_t now = NowMs();
  p.rate_tokens += now - p.rate_last_ms;
  if (p.rate_tokens > 5000) p.rate_tokens = 5000;
  p.rate_last_ms = now;
  if (p.rate_tokens >= 1000) {
    p.rate_tokens -= 1000;
    return true;
  }
  return false;
}

// icmpv4_xrlim_allow
static bool IcmpXrlimAllow(NetNs* net, const Rtable& rt, uint32_t daddr, uint8_t type, uint8_t code) {
  if (type > 18) return true;
  if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED) return true;
  if (!((1 << type) & net->ipv4->sysctl_icmp_ratemask)) return true;
  if (rt.dev && (rt.dev->flags & IFF_LOOPBACK)) return true;
  return XrlimAllow(GetPeer(net, daddr), net->ipv4->sysctl_icmp_ratelimit);
}

// The bytes of the offending packet from its IP header on, at most `room` of them
static ns3::Ptr<ns3::Packet> QuotePacket(const SkBuff& skb, uint32_t room) {
  uint8_t hdr[20];
  Iphdr ih = skb.iph;
  ih.Write(hdr);
  uint32_t payload = skb.data->GetSize();
  uint32_t take = std::min<uint32_t>(payload, room > 20 ? room - 20 : 0);
  std::vector<uint8_t> buf(20 + take);
  std::copy(hdr, hdr + 20, buf.begin());
  if (take) skb.data->CopyData(buf.data() + 20, take);
  return ns3::Create<ns3::Packet>(buf.data(), static_cast<uint32_t>(buf.size()));
}

// __icmp_send
// icmp_xmit_lock: the ICMP socket is held while icmp_reply / __icmp_send push their packet through
// LOCAL_OUT and POST_ROUTING; an error about that packet raised on the way (an iptables REJECT of
// an echo reply or of an ICMP error) finds the socket busy (spin_trylock fails) and is not sent.
struct IcmpXmitLock {
  explicit IcmpXmitLock(NetNs* net) : net_(net) { net->ipv4->icmp_sk_busy = true; }
  ~IcmpXmitLock() { if (net_->ipv4) net_->ipv4->icmp_sk_busy = false; }
  NetNs* net_;
};

void IcmpSend(const SkBuff& skb_in, uint8_t type, uint8_t code, uint32_t info) {
  KFunc(KF_icmp_send, &skb_in);
  const Rtable& rt = skb_in.dst;
  if (!rt.valid() || !skb_in.dev) return;
  NetNs* net = skb_in.dev->net;
  const Iphdr& iph = skb_in.iph;
  if (skb_in.pkt_type != PACKET_HOST) return;
  if (rt.rt_type == RTN_BROADCAST || rt.rt_type == RTN_MULTICAST) return;
  if (iph.frag_off & IP_OFFSET) return;
  if (IcmpIsError(type) && iph.protocol == IPPROTO_ICMP_) {
    uint8_t inner_type = 0;
    if (skb_in.data->GetSize() < 1) return;
    skb_in.data->CopyData(&inner_type, 1);
    if (IcmpIsError(inner_type)) return;
  }
  if (net->ipv4->icmp_sk_busy) return;  // icmp_xmit_lock failed
  uint32_t saddr = iph.daddr;
  if (rt.rt_type != RTN_LOCAL) saddr = 0;  // !(rt->rt_flags & RTCF_LOCAL)
  uint8_t tos = IcmpIsError(type) ? static_cast<uint8_t>((iph.tos & 0x1e) | 0xc0) : iph.tos;
  Flowi4 fl4;
  fl4.daddr = iph.saddr;
  fl4.saddr = saddr;
  fl4.tos = tos & 0x1e;
  fl4.proto = IPPROTO_ICMP_;
  Rtable ort;
  if (IpRouteOutputKey(net, &fl4, &ort) != 0) return;
  if (!IcmpXrlimAllow(net, ort, fl4.daddr, type, code)) return;
  uint32_t room = std::min<uint32_t>(ort.dev->mtu, 576) - 20 - 8;
  ns3::Ptr<ns3::Packet> p = QuotePacket(skb_in, room);
  IcmpHdr h;
  h.type = type;
  h.code = code;
  if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED) {
    h.id = 0;
    h.sequence = static_cast<uint16_t>(info);
  } else {
    h.id = static_cast<uint16_t>(info >> 16);
    h.sequence = static_cast<uint16_t>(info);
  }
  p->AddHeader(h);
  SkbPtr skb = AllocSkb(net->host, p);
  IcmpXmitLock lock(net);
  IpBuildAndSend(net, std::move(skb), fl4, ort, static_cast<uint8_t>(net->ipv4->sysctl_ip_default_ttl), tos);
}

// icmp_echo → icmp_reply
static void IcmpEcho(SkbPtr skb) {
  KFunc(KF_icmp_echo, skb.get());
  NetNs* net = skb->dev->net;
  if (net->ipv4->sysctl_icmp_echo_ignore_all) return;
  IcmpHdr h;
  skb->data->RemoveHeader(h);
  h.type = ICMP_ECHOREPLY;
  ns3::Ptr<ns3::Packet> p = skb->data;  // the echoed data, shared
  p->AddHeader(h);
  Flowi4 fl4;
  fl4.daddr = skb->iph.saddr;
  // fib_compute_spec_dst: the address the request was sent to, for a local destination
  fl4.saddr = skb->dst.rt_type == RTN_LOCAL ? skb->iph.daddr : InetSelectAddr(skb->dev, skb->iph.saddr, RT_SCOPE_UNIVERSE);
  fl4.tos = skb->iph.tos & 0x1e;
  fl4.proto = IPPROTO_ICMP_;
  fl4.mark = 0;
  Rtable rt;
  if (IpRouteOutputKey(net, &fl4, &rt) != 0) return;
  if (!IcmpXrlimAllow(net, rt, fl4.daddr, ICMP_ECHOREPLY, 0)) return;
  SkbPtr reply = AllocSkb(net->host, p);
  if (net->ipv4->icmp_sk_busy) return;  // icmp_xmit_lock failed
  IcmpXmitLock lock(net);
  IpBuildAndSend(net, std::move(reply), fl4, rt, static_cast<uint8_t>(net->ipv4->sysctl_ip_default_ttl), skb->iph.tos);
}

int IcmpRcv(SkbPtr skb) {
  KFunc(KF_icmp_rcv, skb.get());
  NetNs* net = skb->dev->net;
  if (skb->data->GetSize() < 8) return 0;
  IcmpHdr h;
  skb->data->PeekHeader(h);
  if (h.type > 18) return 0;
  if (skb->dst.rt_type == RTN_BROADCAST || skb->dst.rt_type == RTN_MULTICAST) {
    if ((h.type == ICMP_ECHO || h.type == 13) && net->ipv4->sysctl_icmp_echo_ignore_broadcasts) return 0;
    if (h.type != ICMP_ECHO && h.type != 13 && h.type != 17 && h.type != 18) return 0;
  }
  if (h.type == ICMP_ECHO) IcmpEcho(std::move(skb));
  // errors and echo replies reached the raw sockets in raw_local_deliver; errors for ns-3
  // sockets are passed up by the L4 glue
  else if (IcmpIsError(h.type)) {
    // icmp_unreach: "fragmentation needed" teaches the path MTU of the quoted destination
    if (h.type == ICMP_DEST_UNREACH && h.code == ICMP_FRAG_NEEDED && skb->data->GetSize() >= 8 + 20) {
      uint8_t b[28];
      skb->data->CopyData(b, 28);
      Iphdr inner;
      if (inner.Read(b + 8, 20) && h.sequence >= 68) Ipv4UpdatePmtu(net, inner.daddr, h.sequence);
    }
    IcmpErrorToL4(net, *skb, h);
  }
  return 0;
}

}  // namespace linuxnet
