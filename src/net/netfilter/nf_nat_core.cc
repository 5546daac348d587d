// net/netfilter/nf_nat_core.c, nf_nat_proto.c (IPv4 manipulation and hooks), nf_nat_masquerade.c,
// nf_nat_redirect.c
#include "sim/host.h"
#include "net/netfilter/nf_nat.h"

#include <cstring>

#include "net/core/netdev-notifier.h"
#include "net/ipv4/ipv4.h"
#include "net/netfilter/core.h"
#include "net/netfilter/ip_tables.h"
#include "net/netfilter/nf_conntrack_l4.h"
#include "net/netfilter/x_tables.h"
#include "ns3/random-variable-stream.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

namespace {

// HOOK2MANIP
NfNatManipType Hook2Manip(unsigned hook) {
  return (hook != NF_INET_PRE_ROUTING && hook != NF_INET_LOCAL_OUT) ? NF_NAT_MANIP_SRC : NF_NAT_MANIP_DST;
}

bool NatInitialized(const NfConn* ct, NfNatManipType m) {
  return ct->status & (m == NF_NAT_MANIP_SRC ? IPS_SRC_NAT_DONE : IPS_DST_NAT_DONE);
}

// nf_nat_used_tuple: is the reply of this tuple already some other connection's?
bool NfNatUsedTuple(const NfConntrackTuple& t, const NfConn* ignored) {
  NfConntrackTuple reply;
  NfCtInvertTuple(t, &reply);
  return NfConntrackTupleTaken(ignored->net, reply, ignored);
}

bool L4ProtoInRange(const NfConntrackTuple& t, NfNatManipType m, uint16_t min, uint16_t max) {
  uint16_t port;
  if (t.protonum == IPPROTO_ICMP_) port = t.sport;
  else if (t.protonum == IPPROTO_TCP_ || t.protonum == IPPROTO_UDP_) port = m == NF_NAT_MANIP_SRC ? t.sport : t.dport;
  else return true;
  return port >= min && port <= max;
}

// in_range: the tuple's source (address and port) is inside the range
bool InRange(const NfConntrackTuple& t, const NfNatRange& r) {
  if ((r.flags & NF_NAT_RANGE_MAP_IPS) && (t.src < r.min_addr || t.src > r.max_addr)) return false;
  if (!(r.flags & NF_NAT_RANGE_PROTO_SPECIFIED)) return true;
  return L4ProtoInRange(t, NF_NAT_MANIP_SRC, r.min_proto, r.max_proto);
}


// find_best_ips_proto: an address from the range, chosen from a hash of the flow's addresses
void FindBestIpsProto(NfConntrackTuple* t, const NfNatRange& r, NfNatManipType m) {
  if (!(r.flags & NF_NAT_RANGE_MAP_IPS)) return;
  uint32_t* var = m == NF_NAT_MANIP_SRC ? &t->src : &t->dst;
  if (r.min_addr == r.max_addr) {
    *var = r.min_addr;
    return;
  }
  uint32_t dist = r.max_addr - r.min_addr + 1;
  uint32_t j = (r.flags & NF_NAT_RANGE_PERSISTENT) ? t->src * 2654435761u : (t->src ^ t->dst) * 2654435761u;
  *var = r.min_addr + static_cast<uint32_t>((uint64_t(j) * dist) >> 32);
}

// nf_nat_l4proto_unique_tuple
void L4UniqueTuple(NfConntrackTuple* t, const NfNatRange& r, NfNatManipType m, const NfConn* ct) {
  uint32_t min, range_size;
  uint16_t* key;
  if (t->protonum == IPPROTO_ICMP_) {
    key = &t->sport;
    if (!(r.flags & NF_NAT_RANGE_PROTO_SPECIFIED)) {
      min = 0;
      range_size = 65536;
    } else {
      min = r.min_proto;
      range_size = uint32_t(r.max_proto) - r.min_proto + 1;
    }
  } else if (t->protonum == IPPROTO_TCP_ || t->protonum == IPPROTO_UDP_) {
    key = m == NF_NAT_MANIP_SRC ? &t->sport : &t->dport;
    if (!(r.flags & NF_NAT_RANGE_PROTO_SPECIFIED)) {
      if (m == NF_NAT_MANIP_DST) return;  // a destination rewrite keeps its port
      if (*key < 1024) {
        if (*key < 512) { min = 1; range_size = 511; } else { min = 600; range_size = 1023 - 600 + 1; }
      } else {
        min = 1024;
        range_size = 65535 - 1024 + 1;
      }
    } else {
      uint32_t lo = r.min_proto, hi = r.max_proto;
      if (hi < lo) std::swap(lo, hi);
      min = lo;
      range_size = hi - lo + 1;
    }
  } else {
    return;
  }
  uint32_t off;
  if ((r.flags & (NF_NAT_RANGE_PROTO_RANDOM | NF_NAT_RANGE_PROTO_RANDOM_FULLY)) || m != NF_NAT_MANIP_DST)
    off = ct->net->host->PrandomU32();
  else
    off = 0;
  uint32_t attempts = std::min<uint32_t>(range_size, 128);
  for (;;) {
    for (uint32_t i = 0; i < attempts; i++, off++) {
      *key = static_cast<uint16_t>(min + off % range_size);
      if (!NfNatUsedTuple(*t, ct)) return;
    }
    if (attempts >= range_size || attempts < 16) return;
    attempts /= 2;
    off = ct->net->host->PrandomU32();
  }
}

// find_appropriate_src: another connection from the same source already mapped: reuse its map
bool FindAppropriateSrc(NetNs* net, const NfConntrackTuple& orig, NfConntrackTuple* out, const NfNatRange& r) {
  CtNet* cn = net->nf->ct.get();
  auto it = cn->nat_bysource.find(NfNatBysourceKey(orig));
  for (NfConn* ct = it == cn->nat_bysource.end() ? nullptr : it->second; ct; ct = ct->bys_next) {
    const NfConntrackTuple& o = ct->tuple[IP_CT_DIR_ORIGINAL];
    if (o.src != orig.src || o.sport != orig.sport || o.protonum != orig.protonum) continue;
    NfConntrackTuple mapped;
    NfCtInvertTuple(ct->tuple[IP_CT_DIR_REPLY], &mapped);
    NfConntrackTuple cand = orig;
    cand.src = mapped.src;
    cand.sport = mapped.sport;
    if (InRange(cand, r)) {
      *out = cand;
      return true;
    }
  }
  return false;
}

// get_unique_tuple
void GetUniqueTuple(NfConntrackTuple* t, const NfConntrackTuple& orig, const NfNatRange& r, NfConn* ct,
                    NfNatManipType m) {
  if (m == NF_NAT_MANIP_SRC && !(r.flags & NF_NAT_RANGE_PROTO_RANDOM_FULLY)) {
    if (InRange(orig, r)) {
      if (!NfNatUsedTuple(orig, ct)) {
        *t = orig;
        return;
      }
    } else if (FindAppropriateSrc(ct->net, orig, t, r)) {
      if (!NfNatUsedTuple(*t, ct)) return;
    }
  }
  *t = orig;
  FindBestIpsProto(t, r, m);
  if (!(r.flags & NF_NAT_RANGE_PROTO_RANDOM_FULLY)) {
    if (r.flags & NF_NAT_RANGE_PROTO_SPECIFIED) {
      if (!(r.flags & NF_NAT_RANGE_PROTO_OFFSET) && L4ProtoInRange(*t, m, r.min_proto, r.max_proto) &&
          (r.min_proto == r.max_proto || !NfNatUsedTuple(*t, ct)))
        return;
    } else if (!NfNatUsedTuple(*t, ct)) {
      return;
    }
  }
  L4UniqueTuple(t, r, m, ct);
}

}  // namespace

unsigned NfNatSetupInfo(NfConn* ct, const NfNatRange& range, NfNatManipType m) {
  if (ct->Confirmed()) return NF_ACCEPT;
  NfConntrackTuple curr, newt;
  NfCtInvertTuple(ct->tuple[IP_CT_DIR_REPLY], &curr);
  GetUniqueTuple(&newt, curr, range, ct, m);
  if (!(newt == curr)) {
    NfConntrackTuple reply;
    NfCtInvertTuple(newt, &reply);
    NfConntrackAlterReply(ct, reply);
    ct->status |= m == NF_NAT_MANIP_SRC ? IPS_SRC_NAT : IPS_DST_NAT;
  }
  ct->status |= m == NF_NAT_MANIP_SRC ? IPS_SRC_NAT_DONE : IPS_DST_NAT_DONE;
  return NF_ACCEPT;
}

// nf_nat_alloc_null_binding: "no NAT" is a binding too, to the addresses the packet has
static unsigned NfNatAllocNullBinding(NfConn* ct, unsigned hook) {
  NfNatManipType m = Hook2Manip(hook);
  uint32_t ip = m == NF_NAT_MANIP_SRC ? ct->tuple[IP_CT_DIR_REPLY].dst : ct->tuple[IP_CT_DIR_REPLY].src;
  NfNatRange r;
  r.flags = NF_NAT_RANGE_MAP_IPS;
  r.min_addr = r.max_addr = ip;
  return NfNatSetupInfo(ct, r, m);
}

// Replaces the first n bytes of the L4 data without touching a Packet others may hold
static void ReplaceHead(SkBuff* skb, const uint8_t* b, uint32_t n) {
  uint32_t len = skb->data->GetSize();
  ns3::Ptr<ns3::Packet> head = ns3::Create<ns3::Packet>(b, n);
  head->AddAtEnd(skb->data->CreateFragment(n, len - n));
  skb->data = head;
}

// l4 part of nf_nat_ipv4_manip_pkt: rewrite ports / ICMP id in the serialized L4 header
static void ManipL4(SkBuff* skb, uint8_t proto, NfNatManipType m, const NfConntrackTuple& target) {
  uint32_t len = skb->data->GetSize();
  if (proto == IPPROTO_TCP_ || proto == IPPROTO_UDP_) {
    if (len < 4) return;
    uint16_t port = m == NF_NAT_MANIP_SRC ? target.sport : target.dport;
    uint8_t b[4];
    skb->data->CopyData(b, 4);
    size_t off = m == NF_NAT_MANIP_SRC ? 0 : 2;
    if (((b[off] << 8) | b[off + 1]) == port) return;
    b[off] = static_cast<uint8_t>(port >> 8);
    b[off + 1] = static_cast<uint8_t>(port);
    ReplaceHead(skb, b, 4);
  } else if (proto == IPPROTO_ICMP_) {
    if (len < 8) return;
    uint8_t b[8];
    skb->data->CopyData(b, 8);
    if (((b[4] << 8) | b[5]) == target.sport) return;
    b[4] = static_cast<uint8_t>(target.sport >> 8);
    b[5] = static_cast<uint8_t>(target.sport);
    ReplaceHead(skb, b, 8);
  }
}

// nf_nat_manip_pkt
static void NfNatManipPkt(SkBuff* skb, NfConn* ct, NfNatManipType m, CtDir dir) {
  NfConntrackTuple target;
  NfCtInvertTuple(ct->tuple[!dir], &target);
  ManipL4(skb, skb->iph.protocol, m, target);
  if (m == NF_NAT_MANIP_SRC) skb->iph.saddr = target.src;
  else skb->iph.daddr = target.dst;
}

// nf_nat_packet
static unsigned NfNatPacket(NfConn* ct, IpConntrackInfo ctinfo, unsigned hook, SkBuff* skb) {
  NfNatManipType m = Hook2Manip(hook);
  CtDir dir = ctinfo >= IP_CT_IS_REPLY ? IP_CT_DIR_REPLY : IP_CT_DIR_ORIGINAL;
  uint32_t statusbit = m == NF_NAT_MANIP_SRC ? IPS_SRC_NAT : IPS_DST_NAT;
  if (dir == IP_CT_DIR_REPLY) statusbit ^= (IPS_SRC_NAT | IPS_DST_NAT);
  if (ct->status & statusbit) NfNatManipPkt(skb, ct, m, dir);
  return NF_ACCEPT;
}

// nf_nat_icmp_reply_translation: an ICMP error about a NATed flow gets its quoted packet and
// its outer header translated
static bool NfNatIcmpReplyTranslation(SkBuff* skb, NfConn* ct, IpConntrackInfo ctinfo, unsigned hook) {
  NfNatManipType m = Hook2Manip(hook);
  CtDir dir = ctinfo >= IP_CT_IS_REPLY ? IP_CT_DIR_REPLY : IP_CT_DIR_ORIGINAL;
  uint32_t statusbit = m == NF_NAT_MANIP_SRC ? IPS_SRC_NAT : IPS_DST_NAT;
  if (dir == IP_CT_DIR_REPLY) statusbit ^= (IPS_SRC_NAT | IPS_DST_NAT);
  if (!(ct->status & statusbit)) return true;
  uint32_t len = skb->data->GetSize();
  if (len < 8 + 20 + 8) return false;
  std::vector<uint8_t> buf(len);
  skb->data->CopyData(buf.data(), len);
  Iphdr inner;
  inner.Read(buf.data() + 8, 20);
  // the quoted packet travels the other way: manipulate it with the reverse manip
  NfConntrackTuple target;
  NfCtInvertTuple(ct->tuple[dir], &target);
  NfNatManipType rm = m == NF_NAT_MANIP_SRC ? NF_NAT_MANIP_DST : NF_NAT_MANIP_SRC;
  uint8_t* l4 = buf.data() + 28;
  if (rm == NF_NAT_MANIP_SRC) inner.saddr = target.src; else inner.daddr = target.dst;
  if (inner.protocol == IPPROTO_TCP_ || inner.protocol == IPPROTO_UDP_) {
    uint16_t port = rm == NF_NAT_MANIP_SRC ? target.sport : target.dport;
    size_t off = rm == NF_NAT_MANIP_SRC ? 0 : 2;
    l4[off] = static_cast<uint8_t>(port >> 8);
    l4[off + 1] = static_cast<uint8_t>(port);
  } else if (inner.protocol == IPPROTO_ICMP_) {
    l4[4] = static_cast<uint8_t>(target.sport >> 8);
    l4[5] = static_cast<uint8_t>(target.sport);
  }
  inner.Write(buf.data() + 8);
  skb->data = ns3::Create<ns3::Packet>(buf.data(), len);
  // then the outer header, with the forward manip
  NfConntrackTuple outer;
  NfCtInvertTuple(ct->tuple[!dir], &outer);
  if (m == NF_NAT_MANIP_SRC) skb->iph.saddr = outer.src; else skb->iph.daddr = outer.dst;
  return true;
}

// nf_nat_ipv4_fn / nf_nat_inet_fn: the nat table decides the first packet of a connection
static unsigned NfNatIpv4Fn(void* priv, SkbPtr& pskb, const NfHookState* state) {
  SkBuff* skb = pskb.get();
  KFunc(KF_nf_nat_ipv4_fn, skb);
  IpConntrackInfo ctinfo;
  NfConn* ct = NfCtGet(*skb, &ctinfo);
  if (!ct) return NF_ACCEPT;
  NfNatManipType m = Hook2Manip(state->hook);
  if (ctinfo == IP_CT_RELATED || ctinfo == IP_CT_RELATED_REPLY) {
    if (skb->iph.protocol == IPPROTO_ICMP_) {
      uint8_t type = 0;
      skb->data->CopyData(&type, 1);
      if (type == ICMP_DEST_UNREACH || type == ICMP_TIME_EXCEEDED || type == ICMP_PARAMETERPROB ||
          type == ICMP_REDIRECT || type == 4)
        return NfNatIcmpReplyTranslation(skb, ct, ctinfo, state->hook) ? NF_ACCEPT : NF_DROP;
    }
  }
  switch (ctinfo) {
    case IP_CT_RELATED:
    case IP_CT_RELATED_REPLY:
    case IP_CT_NEW:
      if (!NatInitialized(ct, m)) {
        XtNet* xt = state->net->nf->xt.get();
        XtTable* t = xt ? xt->Find("nat") : nullptr;
        if (t) {
          unsigned ret = IptDoTable(skb, state, t);
          if (ret != NF_ACCEPT) return ret;
        }
        if (!NatInitialized(ct, m)) {
          unsigned ret = NfNatAllocNullBinding(ct, state->hook);
          if (ret != NF_ACCEPT) return ret;
        }
      }
      break;
    default:
      break;
  }
  return NfNatPacket(ct, ctinfo, state->hook, skb);
}

unsigned NfNatSnatDnat(SkBuff* skb, const NfNatRange& range, NfNatManipType m) {
  IpConntrackInfo ctinfo;
  NfConn* ct = NfCtGet(*skb, &ctinfo);
  if (!ct) return NF_ACCEPT;
  return NfNatSetupInfo(ct, range, m);
}

// nf_nat_masquerade_ipv4: the out device's address for this next hop
unsigned NfNatMasquerade(SkBuff* skb, const NfNatRange& range, const NetDev* out) {
  IpConntrackInfo ctinfo;
  NfConn* ct = NfCtGet(*skb, &ctinfo);
  if (!ct) return NF_ACCEPT;
  if (ct->tuple[IP_CT_DIR_ORIGINAL].src == 0) return NF_ACCEPT;
  uint32_t nh = skb->dst.rt_gw4 ? skb->dst.rt_gw4 : skb->iph.daddr;
  uint32_t newsrc = InetSelectAddr(out, nh, RT_SCOPE_UNIVERSE);
  if (!newsrc) return NF_DROP;  // "%s ate my IP address"
  ct->masq_index = out->ifindex;
  NfNatRange r = range;
  r.flags |= NF_NAT_RANGE_MAP_IPS;
  r.min_addr = r.max_addr = newsrc;
  return NfNatSetupInfo(ct, r, NF_NAT_MANIP_SRC);
}

// nf_nat_redirect_ipv4: to the primary address of the incoming device (127.0.0.1 if local)
unsigned NfNatRedirect(SkBuff* skb, const NfNatRange& range, unsigned hooknum) {
  IpConntrackInfo ctinfo;
  NfConn* ct = NfCtGet(*skb, &ctinfo);
  if (!ct) return NF_ACCEPT;
  uint32_t newdst = 0;
  if (hooknum == NF_INET_LOCAL_OUT) {
    newdst = 0x7f000001;
  } else if (skb->dev) {
    InDevice* in = InDevGet(skb->dev);
    if (in && !in->ifa_list.empty()) newdst = in->ifa_list.front().local;
  }
  if (!newdst) return NF_DROP;
  NfNatRange r = range;
  r.flags |= NF_NAT_RANGE_MAP_IPS;
  r.min_addr = r.max_addr = newdst;
  return NfNatSetupInfo(ct, r, NF_NAT_MANIP_DST);
}

// masq_device_event: a device going down takes the masqueraded connections through it
static void MasqDeviceEvent(unsigned event, NetDev* dev) {
  if (event != NETDEV_DOWN || !dev->net || !dev->net->nf || !dev->net->nf->ct) return;
  CtNet* cn = dev->net->nf->ct.get();
  std::vector<NfConn*> gone;
  for (NfConn* ct : cn->entries)
    if (ct->masq_index == dev->ifindex) gone.push_back(ct);
  for (NfConn* ct : gone) NfCtDelete(ct);
}

// masq_inet_event: an address leaving a device takes the connections masqueraded to it
static void MasqInetEvent(unsigned event, NetDev* dev, const InIfaddr& ifa) {
  if (event != NETDEV_DOWN || !dev->net || !dev->net->nf || !dev->net->nf->ct) return;
  CtNet* cn = dev->net->nf->ct.get();
  std::vector<NfConn*> gone;
  for (NfConn* ct : cn->entries)
    if (ct->masq_index == dev->ifindex && (ct->status & IPS_SRC_NAT) && ct->tuple[IP_CT_DIR_REPLY].dst == ifa.local)
      gone.push_back(ct);
  for (NfConn* ct : gone) NfCtDelete(ct);
}

// nf_nat_masquerade_inet_register_notifiers
static const NetdevNotifierRegistrar masq_dev_notifier(&MasqDeviceEvent, 0, NOTIFIER_ORDER_NAT_MASQ);
static const struct MasqInetRegistrar {
  MasqInetRegistrar() { RegisterInetaddrNotifier(&MasqInetEvent); }
} masq_inet_notifier;

void NfNatNetInit(NetNs* net) {
  NfConntrackNetInit(net);
  CtNet* cn = net->nf->ct.get();
  if (cn->nat_hooks_registered) return;
  cn->nat_hooks_registered = true;
  // nf_nat_ipv4_ops
  const struct { unsigned hook; int prio; } ops[] = {
      {NF_INET_PRE_ROUTING, NF_IP_PRI_NAT_DST}, {NF_INET_POST_ROUTING, NF_IP_PRI_NAT_SRC},
      {NF_INET_LOCAL_OUT, NF_IP_PRI_NAT_DST}, {NF_INET_LOCAL_IN, NF_IP_PRI_NAT_SRC}};
  for (auto& o : ops) {
    NfHookOps h;
    h.pf = NF_FAM_IPV4;
    h.hook = &NfNatIpv4Fn;
    h.hooknum = static_cast<uint8_t>(o.hook);
    h.priority = o.prio;
    NfRegisterNetHook(net, h);
  }
}

}  // namespace linuxnet
