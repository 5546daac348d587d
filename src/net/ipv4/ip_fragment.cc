// net/ipv4/ip_fragment.c (ip_defrag, ip_expire) and the ip_do_fragment slow path of ip_output.c;
// the path MTU exceptions of route.c (__ip_rt_update_pmtu)
#include <algorithm>
#include <map>

#include "net/ipv4/ip_fragment.h"
#include "net/ipv4/ipv4.h"
#include "net/ipv4/udp.h"
#include "ns3/simulator.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

static const int64_t kIpRtMtuExpiresMs = 600000;  // ip_rt_mtu_expires
static const uint32_t kIpRtMinPmtu = 552;          // ip_rt_min_pmtu (512 + 20 + 20)

void Ipv4UpdatePmtu(NetNs* net, uint32_t daddr, uint32_t mtu) {
  if (mtu < kIpRtMinPmtu) mtu = kIpRtMinPmtu;
  Ipv4Net::Pmtu& p = net->ipv4->pmtu[daddr];
  p.mtu = mtu;
  p.expires_ms = ns3::Simulator::Now().GetMilliSeconds() + kIpRtMtuExpiresMs;
}

uint32_t Ipv4PathMtu(NetNs* net, uint32_t daddr, int64_t* expires_ms) {
  auto it = net->ipv4->pmtu.find(daddr);
  if (it == net->ipv4->pmtu.end()) return 0;
  if (it->second.expires_ms <= ns3::Simulator::Now().GetMilliSeconds()) {
    net->ipv4->pmtu.erase(it);
    return 0;
  }
  if (expires_ms) *expires_ms = it->second.expires_ms;
  return it->second.mtu;
}

int IpFragment(NetNs* net, SkbPtr skb, uint32_t mtu, int (*out)(NetNs*, SkbPtr)) {
  uint32_t hlen = skb->iph.ihl * 4u;
  uint32_t left = skb->data->GetSize();
  uint32_t chunk = (mtu - hlen) & ~7u;
  uint32_t base = (skb->iph.frag_off & IP_OFFSET) * 8u;
  bool more_after = skb->iph.frag_off & IP_MF;
  int err = 0;
  for (uint32_t off = 0; off < left;) {
    uint32_t len = std::min(chunk, left - off);
    SkbPtr f(new SkBuff(*skb));
    f->data = skb->data->CreateFragment(off, len);
    f->iph.frag_off = static_cast<uint16_t>(((base + off) / 8) | ((off + len < left || more_after) ? IP_MF : 0));
    f->iph.tot_len = static_cast<uint16_t>(hlen + len);
    // a local datagram's pieces as __ip_append_data allocates them; a forwarded packet's as
    // ip_do_fragment's slow path does (alloc_skb(len + hlen + ll_rs))
    f->truesize = SkbTruesize((skb->skb_iif ? 16 : kUdpAllocExtra) + hlen + len);
    off += len;
    int r = out(net, std::move(f));
    if (r && !err) err = r;
  }
  return err;
}

// ip_expire: the queue timed out (ipfrag_time, 30 s): time exceeded if the first fragment came
static void IpExpire(NetNs* net, std::tuple<uint32_t, uint32_t, uint16_t, uint8_t> key) {
  auto& qs = net->ipv4->frags->q;
  auto it = qs.find(key);
  if (it == qs.end()) return;
  IpFragQueue q = std::move(it->second);
  qs.erase(it);
  net->ipv4->mib[IPSTATS_MIB_InDiscards] += 0;  // IPSTATS_MIB_REASMFAILS
  if (q.have_first && q.first) IcmpSend(*q.first, ICMP_TIME_EXCEEDED, 1 /*ICMP_EXC_FRAGTIME*/, 0);
}

SkbPtr IpDefrag(NetNs* net, SkbPtr skb) {
  if (!net->ipv4->frags) net->ipv4->frags = std::make_unique<IpFragQueues>();
  auto key = std::make_tuple(skb->iph.saddr, skb->iph.daddr, skb->iph.id, skb->iph.protocol);
  auto& qs = net->ipv4->frags->q;
  bool fresh = !qs.count(key);
  IpFragQueue& q = qs[key];
  if (fresh) q.timer = ns3::Simulator::Schedule(ns3::Seconds(30), &IpExpire, net, key);
  uint32_t off = (skb->iph.frag_off & IP_OFFSET) * 8u;
  uint32_t len = skb->data->GetSize();
  bool mf = skb->iph.frag_off & IP_MF;
  if (!mf) {
    q.have_last = true;
    q.len = off + len;
  }
  if (!q.frags.count(off)) {
    q.frags[off] = {skb->data, mf};
    q.meat += len;
    q.truesize += skb->truesize;  // ip_frag_reasm: the head's truesize grows by its fragments'
  }
  if (off == 0) {
    q.have_first = true;
    q.first = std::move(skb);
  }
  if (!(q.have_first && q.have_last && q.meat >= q.len)) return nullptr;
  // ip_frag_reasm: the pieces in order behind the first fragment's header
  ns3::Ptr<ns3::Packet> whole = ns3::Create<ns3::Packet>();
  uint32_t at = 0;
  for (auto& f : q.frags) {
    if (f.first < at) {
      uint32_t skip = at - f.first;
      if (skip < f.second.first->GetSize())
        whole->AddAtEnd(f.second.first->CreateFragment(skip, f.second.first->GetSize() - skip));
    } else {
      whole->AddAtEnd(f.second.first);
    }
    at = whole->GetSize();
  }
  SkbPtr r = std::move(q.first);
  r->truesize = q.truesize;
  q.timer.Cancel();
  qs.erase(key);
  r->data = whole;
  r->iph.frag_off &= IP_DF;
  r->iph.tot_len = static_cast<uint16_t>(r->iph.ihl * 4u + whole->GetSize());
  return r;
}

}  // namespace linuxnet
