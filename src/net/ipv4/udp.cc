// net/ipv4/udp.c (and the parts of af_inet.c, datagram.c and sock.c a UDP socket goes through):
// see udp.h
#include "net/ipv4/udp.h"

#include <algorithm>
#include <cerrno>

#include "net/core/net_namespace.h"
#include "net/ipv4/arp.h"
#include "net/ipv4/ipv4.h"
#include "net/ipv4/l4.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/udp-header.h"
#include "sim/host.h"

namespace linuxnet {

const char* UdpMibName(int i) {
  static const char* const kNames[] = {
#define X(n) #n,
      LINUXNET_UDP_MIB(X)
#undef X
  };
  return i >= 0 && i < UDP_MIB_MAX ? kNames[i] : "";
}

// __alloc_skb on the reference machine's kernel (6.18): the head is SKB_DATA_ALIGN(size) plus
// skb_shared_info (320 on x86-64), from the small-head cache (576-byte objects) when it fits,
// else from the kmalloc bucket kmalloc_size_roundup picks; SKB_TRUESIZE adds the sk_buff (256).
// results/udp_rcvbuf_kernel.sh measures it: 832 for a 64-byte datagram over veth, 1280 for 200,
// 2304 for 1472, 6912 for 4000 (three fragments). (v5.3, before the small-head cache, gave 768
// for 64 bytes: kmalloc-512.)
uint32_t SkbTruesize(uint32_t alloc_len) {
  const uint32_t shinfo = 320, skb = 256, small_head = 576;
  const uint32_t want = ((alloc_len + 63) & ~63u) + shinfo;
  if (want <= small_head) return small_head + skb;
  uint32_t slab = 1024;  // the kmalloc buckets above 576, then whole pages (a power of two)
  while (slab < want) slab *= 2;
  return slab + skb;
}

UdpTable::~UdpTable() {
  for (auto& slot : port)
    for (UdpSock* sk : slot.second) {
      sk->net = nullptr;
      sk->num = 0;
    }
}

UdpTable* UdpTableOf(NetNs* net) {
  std::unique_ptr<UdpTable>& t = net->ipv4->udp;
  if (!t) t = std::make_unique<UdpTable>();
  return t.get();
}

static void UdpInc(NetNs* net, UdpMib m) { UdpTableOf(net)->mib[m]++; }

void UdpInitSock(UdpSock* sk, NetNs* net) {
  sk->net = net;
  sk->rcvbuf = net->host->sysctl_rmem_default;  // sock_init_data
  sk->wmem->sndbuf = net->host->sysctl_wmem_default;
  sk->pmtudisc_dont = net->ipv4->sysctl_ip_no_pmtu_disc != 0;  // inet_create
}

// inet_rcv_saddr_equal(sk, sk2, match_wildcard = true)
static bool RcvSaddrEqual(const UdpSock* a, const UdpSock* b) {
  return !a->rcv_saddr || !b->rcv_saddr || a->rcv_saddr == b->rcv_saddr;
}

// udp_lib_lport_inuse: another socket on `num` that this one may not share it with
static bool LportInuse(UdpTable* t, const UdpSock* sk, uint16_t num) {
  auto it = t->port.find(num);
  if (it == t->port.end()) return false;
  for (const UdpSock* sk2 : it->second)
    if (sk2 != sk && (!sk2->reuse || !sk->reuse) &&
        (!sk2->bound_dev_if || !sk->bound_dev_if || sk2->bound_dev_if == sk->bound_dev_if) && RcvSaddrEqual(sk, sk2))
      return true;
  return false;
}

// udp_lib_get_port: a port given, or an ephemeral one from a random start in ip_local_port_range
static int UdpLibGetPort(UdpSock* sk, uint16_t snum) {
  UdpTable* t = UdpTableOf(sk->net);
  if (!snum) {
    const int low = sk->net->ipv4->sysctl_ip_local_port_range[0], high = sk->net->ipv4->sysctl_ip_local_port_range[1];
    const uint32_t remaining = static_cast<uint32_t>(high - low + 1);
    uint32_t rand = sk->net->host->PrandomU32();
    uint32_t first = static_cast<uint32_t>((static_cast<uint64_t>(rand) * remaining) >> 32);  // reciprocal_scale
    bool found = false;
    for (uint32_t i = 0; i < remaining && !found; i++) {
      uint16_t p = static_cast<uint16_t>(low + (first + i) % remaining);
      if (!LportInuse(t, sk, p)) snum = p, found = true;
    }
    if (!found) return -EAGAIN;
  } else if (LportInuse(t, sk, snum)) {
    return -EADDRINUSE;
  }
  sk->num = snum;
  std::vector<UdpSock*>& slot = t->port[snum];
  slot.insert(slot.begin(), sk);
  return 0;
}

static void UdpLibUnhash(UdpSock* sk) {
  if (!sk->num || !sk->net) return;
  UdpTable* t = UdpTableOf(sk->net);
  auto it = t->port.find(sk->num);
  if (it != t->port.end()) {
    it->second.erase(std::remove(it->second.begin(), it->second.end(), sk), it->second.end());
    if (it->second.empty()) t->port.erase(it);
  }
  sk->num = 0;
}

int UdpBind(UdpSock* sk, uint32_t addr, uint16_t port) {
  if (!sk->net) return -EINVAL;
  NetNs* net = sk->net;
  RtnType type = InetAddrTypeDevTable(net, nullptr, addr);
  if (!net->ipv4->sysctl_ip_nonlocal_bind && addr && type != RTN_LOCAL && type != RTN_MULTICAST &&
      type != RTN_BROADCAST)
    return -EADDRNOTAVAIL;
  if (sk->num) return -EINVAL;  // bound already
  sk->rcv_saddr = sk->saddr = addr;
  if (type == RTN_MULTICAST || type == RTN_BROADCAST) sk->saddr = 0;
  int err = UdpLibGetPort(sk, port);
  if (err) {
    sk->rcv_saddr = sk->saddr = 0;
    return err == -EAGAIN ? -EADDRINUSE : err;
  }
  sk->bindaddr_lock = addr != 0;
  sk->bindport_lock = port != 0;
  return 0;
}

int UdpAutobind(UdpSock* sk) {
  if (!sk->net) return -EINVAL;
  if (sk->num) return 0;
  return UdpLibGetPort(sk, 0) ? -EAGAIN : 0;
}

// flowi4_init_output for the socket's datagrams to daddr
static Flowi4 UdpFlow(const UdpSock* sk, uint32_t daddr) {
  Flowi4 fl4;
  fl4.daddr = daddr;
  fl4.saddr = sk->saddr;
  fl4.oif = sk->bound_dev_if;
  fl4.tos = sk->tos & 0x1e;
  fl4.proto = IPPROTO_UDP_;
  return fl4;
}

// ip4_datagram_connect
int UdpConnect(UdpSock* sk, uint32_t daddr, uint16_t dport) {
  if (!sk->net) return -EINVAL;
  if (!sk->num && UdpAutobind(sk)) return -EAGAIN;  // inet_dgram_connect
  Flowi4 fl4 = UdpFlow(sk, daddr);
  Rtable rt;
  int err = IpRouteOutputKey(sk->net, &fl4, &rt);
  if (err) return err;
  if (rt.rt_type == RTN_BROADCAST && !sk->broadcast) return -EACCES;
  if (!sk->saddr) sk->saddr = fl4.saddr;
  if (!sk->rcv_saddr) sk->rcv_saddr = fl4.saddr;  // udp_v4_rehash
  sk->daddr = fl4.daddr;
  sk->dport = dport;
  sk->established = true;
  return 0;
}

void UdpClose(UdpSock* sk) {
  UdpLibUnhash(sk);
  sk->receive_queue.clear();
  sk->reader_queue.clear();
  sk->rmem_alloc = sk->forward_deficit = 0;
  sk->rx_bytes = 0;
  sk->established = false;
}

void UdpBindToDevice(UdpSock* sk, int ifindex) { sk->bound_dev_if = ifindex; }

// compute_score, within one of __udp4_lib_lookup's two passes (sockets bound to daddr, then
// wildcard sockets): a connected peer and a bound device each count, a mismatch excludes
static int ComputeScore(const UdpSock* sk, uint32_t saddr, uint16_t sport, int dif) {
  int score = 2;  // PF_INET
  if (sk->daddr) {
    if (sk->daddr != saddr) return -1;
    score += 4;
  }
  if (sk->dport) {
    if (sk->dport != sport) return -1;
    score += 4;
  }
  if (sk->bound_dev_if) {
    if (sk->bound_dev_if != dif) return -1;
    score += 4;
  }
  return score;
}

UdpSock* Udp4LibLookup(NetNs* net, uint32_t saddr, uint16_t sport, uint32_t daddr, uint16_t dport, int dif) {
  if (!net->ipv4->udp) return nullptr;
  auto it = net->ipv4->udp->port.find(dport);
  if (it == net->ipv4->udp->port.end()) return nullptr;
  for (uint32_t bound : {daddr, 0u}) {
    UdpSock* result = nullptr;
    int badness = 0;
    for (UdpSock* sk : it->second) {
      if (sk->rcv_saddr != bound) continue;
      int score = ComputeScore(sk, saddr, sport, dif);
      if (score > badness) result = sk, badness = score;
    }
    if (result) return result;
    if (!daddr) break;
  }
  return nullptr;
}

// __udp_enqueue_schedule_skb via udp_queue_rcv_skb / __udp_queue_rcv_skb: the datagram is charged
// to the socket by its truesize, and one that would take the queue past sk_rcvbuf is dropped
// (RcvbufErrors and InErrors) unless the queue is empty. That is the reference machine's kernel
// (6.18: 256 datagrams of 64 bytes in the default 212992, measured by
// results/udp_rcvbuf_kernel.sh); v5.3 dropped only once the queue was already over sk_rcvbuf.
static void UdpQueueRcvSkb(UdpSock* sk, const SkBuff& skb, ns3::Ptr<ns3::Packet> payload, uint16_t sport) {
  NetNs* net = sk->net;
  uint32_t size = skb.truesize ? skb.truesize : SkbTruesize(kUdpAllocExtra + skb.Len() + 8);
  if (sk->rcv_shutdown || (static_cast<int64_t>(sk->rmem_alloc) + size > sk->rcvbuf && sk->rmem_alloc)) {
    sk->drops++;
    UdpInc(net, UDP_MIB_RcvbufErrors);
    UdpInc(net, UDP_MIB_InErrors);
    if (sk->drop_report) sk->drop_report(payload);
    return;
  }
  sk->rmem_alloc += static_cast<int>(size);
  UdpQueued q;
  q.data = payload;
  q.saddr = skb.iph.saddr;
  q.daddr = skb.iph.daddr;
  q.sport = sport;
  q.truesize = size;
  q.tos = skb.iph.tos;
  q.ttl = skb.iph.ttl;
  q.iif = skb.skb_iif ? skb.skb_iif : (skb.dev ? skb.dev->ifindex : 0);
  sk->rx_bytes += payload->GetSize();
  sk->receive_queue.push_back(std::move(q));
  if (sk->data_ready) sk->data_ready();
}

// __udp_is_mcast_sock
static bool IsMcastSock(const UdpSock* sk, uint32_t saddr, uint16_t sport, uint32_t daddr, int dif) {
  return (!sk->daddr || sk->daddr == saddr) && (!sk->dport || sk->dport == sport) &&
         (!sk->rcv_saddr || sk->rcv_saddr == daddr) && (!sk->bound_dev_if || sk->bound_dev_if == dif);
}

int UdpRcv(NetNs* net, SkbPtr& skb) {
  KFunc(KF_udp_rcv, skb.get());
  uint8_t h[8];
  if (skb->data->GetSize() < 8 || skb->data->CopyData(h, 8) < 8) {
    UdpInc(net, UDP_MIB_InErrors);  // no room for the header
    return L4_DELIVERED;
  }
  uint16_t sport = static_cast<uint16_t>(h[0] << 8 | h[1]), dport = static_cast<uint16_t>(h[2] << 8 | h[3]);
  uint16_t ulen = static_cast<uint16_t>(h[4] << 8 | h[5]);
  if (ulen > skb->data->GetSize() || ulen < 8) {
    UdpInc(net, UDP_MIB_InErrors);  // short packet
    return L4_DELIVERED;
  }
  ns3::Ptr<ns3::Packet> payload = skb->data->CreateFragment(8, ulen - 8u);  // pskb_trim_rcsum
  const int dif = skb->dev ? skb->dev->ifindex : 0;
  const uint32_t saddr = skb->iph.saddr, daddr = skb->iph.daddr;
  // the socket sees the datagram at the moment the work reached it: ns-3's clock moves to the
  // cursor when no event is due before it
  if (net->host->cursor_ps > ns3::Simulator::Now().GetPicoSeconds()) CpuAdvance(net->host);
  if (skb->dst.rt_type == RTN_BROADCAST || skb->dst.rt_type == RTN_MULTICAST) {
    // __udp4_lib_mcast_deliver: a copy to every matching socket
    bool any = false;
    if (net->ipv4->udp) {
      auto it = net->ipv4->udp->port.find(dport);
      if (it != net->ipv4->udp->port.end()) {
        std::vector<UdpSock*> socks = it->second;  // a reader may close its socket
        for (UdpSock* sk : socks)
          if (IsMcastSock(sk, saddr, sport, daddr, dif)) {
            UdpQueueRcvSkb(sk, *skb, any ? payload->Copy() : payload, sport);
            any = true;
          }
      }
    }
    if (!any) UdpInc(net, UDP_MIB_IgnoredMulti);
    return L4_DELIVERED;
  }
  UdpSock* sk = Udp4LibLookup(net, saddr, sport, daddr, dport, dif);
  if (sk) {
    UdpQueueRcvSkb(sk, *skb, payload, sport);
    return L4_DELIVERED;
  }
  UdpInc(net, UDP_MIB_NoPorts);
  return L4_PORT_UNREACH;
}

// udp_rmem_release(partial): the uncharge waits until a quarter of sk_rcvbuf has been read or the
// reader's queue is empty, then refills the reader's queue from the receive queue
static void UdpRmemRelease(UdpSock* sk, int size) {
  sk->forward_deficit += size;
  if (sk->forward_deficit < (sk->rcvbuf >> 2) && !sk->reader_queue.empty()) return;
  sk->rmem_alloc -= sk->forward_deficit;
  sk->forward_deficit = 0;
  for (auto& q : sk->receive_queue) sk->reader_queue.push_back(std::move(q));
  sk->receive_queue.clear();
}

bool UdpRecvmsg(UdpSock* sk, UdpQueued* out) {
  if (!sk->net) return false;
  // __skb_recv_udp: the reader's queue, refilled from the receive queue when it runs dry
  if (sk->reader_queue.empty()) {
    if (sk->receive_queue.empty()) return false;
    sk->reader_queue.swap(sk->receive_queue);
  }
  *out = std::move(sk->reader_queue.front());
  sk->reader_queue.pop_front();
  sk->rx_bytes -= out->data->GetSize();
  UdpRmemRelease(sk, static_cast<int>(out->truesize));
  KFunc(KF_udp_recvmsg, sk->net->host, nullptr, out->data->GetSize());
  UdpInc(sk->net, UDP_MIB_InDatagrams);
  return true;
}

int UdpSendmsg(UdpSock* sk, ns3::Ptr<ns3::Packet> payload, uint32_t daddr, uint16_t dport, bool charge) {
  NetNs* net = sk->net;
  if (!net) return -EBADF;
  const uint32_t len = payload->GetSize();
  if (len > 0xffff - 20 - 8) return -EMSGSIZE;  // ip_append_data: 0xFFFF - fragheaderlen
  if (!daddr) {
    if (!sk->established) return -EDESTADDRREQ;
    daddr = sk->daddr;
    dport = sk->dport;
  } else if (!dport) {
    return -EINVAL;
  }
  Flowi4 fl4 = UdpFlow(sk, daddr);
  Rtable rt;
  int err = charge ? IpRouteOutputKey(net, &fl4, &rt) : IpRouteOutputKeyHashRcu(net, &fl4, &rt);
  if (err) {
    if (err == -ENETUNREACH && charge) net->ipv4->mib[IPSTATS_MIB_OutNoRoutes]++;
    return err;
  }
  if (rt.rt_type == RTN_BROADCAST && !sk->broadcast) return -EACCES;
  if (!sk->num && UdpAutobind(sk)) return -EAGAIN;  // inet_autobind in inet_sendmsg
  // sock_alloc_send_skb: no room in the send buffer (the caller, a blocking writer, waits for
  // sk_write_space; ns-3's applications see EAGAIN and GetTxAvailable 0)
  if (sk->wmem->alloc >= sk->wmem->sndbuf) return -EAGAIN;
  if (!charge) return static_cast<int>(len);
  // udp_send_skb: the header (ns-3's checksum when the simulation computes checksums)
  ns3::UdpHeader uh;
  if (ns3::Node::ChecksumEnabled()) {
    uh.EnableChecksums();
    uh.InitializeChecksum(ns3::Ipv4Address(fl4.saddr), ns3::Ipv4Address(fl4.daddr), IPPROTO_UDP_);
  }
  uh.SetSourcePort(sk->num);
  uh.SetDestinationPort(dport);
  ns3::Ptr<ns3::Packet> p = payload->Copy();
  p->AddHeader(uh);
  SkbPtr skb = AllocSkb(net->host, p);
  // __ip_append_data's sock_alloc_send_skb(alloclen + alloc_extra): the IP and UDP headers and
  // the data, plus hh_len + 15 (LL_RESERVED_SPACE is 16 for an Ethernet header)
  skb->truesize = SkbTruesize(kUdpAllocExtra + 20 + p->GetSize());
  skb->owner.Set(sk->wmem, skb->truesize);  // skb_set_owner_w
  KFunc(KF_udp_sendmsg, skb.get());
  // __ip_make_skb: DF on a datagram that fits the route's MTU, unless IP_PMTUDISC_DONT
  uint32_t mtu = rt.pmtu ? rt.pmtu : (rt.dev ? rt.dev->mtu : 1500);
  fl4.df = !sk->pmtudisc_dont && 20 + p->GetSize() <= mtu;
  int ttl = IpIsMulticast(daddr) ? sk->mc_ttl : sk->uc_ttl >= 0 ? sk->uc_ttl : net->ipv4->sysctl_ip_default_ttl;
  err = IpBuildAndSend(net, std::move(skb), fl4, rt, static_cast<uint8_t>(ttl), sk->tos);
  if (err == -ENOBUFS) {
    UdpInc(net, UDP_MIB_SndbufErrors);
    return static_cast<int>(len);
  }
  if (err < 0) return err;
  UdpInc(net, UDP_MIB_OutDatagrams);
  return static_cast<int>(len);
}

void UdpErr(NetNs* net, uint32_t icmp_from, uint8_t icmp_ttl, uint8_t type, uint8_t code, uint32_t info,
            const Iphdr& inner, uint16_t sport, uint16_t dport, int dif) {
  // the quoted datagram went from us (inner.saddr:sport) to inner.daddr:dport
  UdpSock* sk = Udp4LibLookup(net, inner.daddr, dport, inner.saddr, sport, dif);
  if (sk && sk->icmp_report) sk->icmp_report(icmp_from, icmp_ttl, type, code, info);
}

}  // namespace linuxnet
