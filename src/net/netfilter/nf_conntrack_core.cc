// net/netfilter/nf_conntrack_core.c and the IPv4 hooks of nf_conntrack_proto.c:
// nf_conntrack_in (PRE_ROUTING / LOCAL_OUT at -200), __nf_conntrack_confirm (LOCAL_IN /
// POST_ROUTING at the last priority), the hash, timeouts in virtual time.
#include "sim/host.h"
#include "net/netfilter/nf_conntrack.h"

#include <algorithm>

#include "net/netfilter/core.h"
#include "net/netfilter/nf_conntrack_l4.h"
#include "ns3/simulator.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

using ns3::Simulator;

CtNet::~CtNet() {
  gc_event.Cancel();
  for (NfConn* ct : entries) {
    ct->in_table = false;
    NfConntrackPut(ct);
  }
}

static void NfConntrackDestroy(NfConntrack* c) { delete static_cast<NfConn*>(c); }

NfConn* NfCtGet(const SkBuff& skb, IpConntrackInfo* ctinfo) {
  *ctinfo = static_cast<IpConntrackInfo>(skb.ctinfo);
  if (!skb.nfct || skb.ctinfo == IP_CT_UNTRACKED) return nullptr;
  return static_cast<NfConn*>(skb.nfct.get());
}

uint32_t NfCtRemainingSeconds(const NfConn* ct) {
  ns3::Time left = ct->timeout - Simulator::Now();
  return left.IsStrictlyPositive() ? static_cast<uint32_t>(left.GetSeconds()) : 0;
}

static void Unhash(CtNet* cn, NfConn* ct) {
  for (int d = 0; d < 2; d++) {
    auto it = cn->hash.find(ct->tuple[d]);
    if (it != cn->hash.end() && it->second.first == ct) cn->hash.erase(it);
  }
}

// nf_ct_delete: out of the table; the skbs still holding it keep it alive
void NfCtDelete(NfConn* ct) {
  if (!ct->in_table) return;
  CtNet* cn = ct->net->nf->ct.get();
  Unhash(cn, ct);
  cn->entries.erase(ct->entry);
  if (ct->in_bysource) {
    if (ct->bys_next) ct->bys_next->bys_prev = ct->bys_prev;
    if (ct->bys_prev) {
      ct->bys_prev->bys_next = ct->bys_next;
    } else {
      uint64_t key = NfNatBysourceKey(ct->tuple[IP_CT_DIR_ORIGINAL]);
      if (ct->bys_next) cn->nat_bysource[key] = ct->bys_next;
      else cn->nat_bysource.erase(key);
    }
    ct->bys_prev = ct->bys_next = nullptr;
    ct->in_bysource = false;
  }
  cn->count--;
  ct->in_table = false;
  ct->status |= IPS_DYING;
  NfConntrackPut(ct);
}

// gc_worker: expired entries leave the table
void NfConntrackGc(NetNs* net) {
  CtNet* cn = net->nf->ct.get();
  if (!cn) return;
  ns3::Time now = Simulator::Now();
  std::vector<NfConn*> dead;
  for (NfConn* ct : cn->entries)
    if (ct->timeout <= now) dead.push_back(ct);
  for (NfConn* ct : dead) NfCtDelete(ct);
}

bool NfCtInvertTuple(const NfConntrackTuple& o, NfConntrackTuple* inv) {
  inv->src = o.dst;
  inv->dst = o.src;
  inv->protonum = o.protonum;
  if (o.protonum == IPPROTO_ICMP_) return IcmpInvertTuple(o, inv);
  inv->sport = o.dport;
  inv->dport = o.sport;
  return true;
}

// nf_conntrack_find_get: a hit on an expired entry is reaped and misses
static NfConn* Find(CtNet* cn, const NfConntrackTuple& t, CtDir* dir) {
  auto it = cn->hash.find(t);
  if (it == cn->hash.end()) return nullptr;
  NfConn* ct = it->second.first;
  if (ct->timeout <= Simulator::Now()) {
    NfCtDelete(ct);
    return nullptr;
  }
  *dir = it->second.second;
  return ct;
}

uint64_t NfNatBysourceKey(const NfConntrackTuple& o) {
  return (uint64_t(o.src) << 24) | (uint64_t(o.sport) << 8) | o.protonum;
}

bool NfConntrackTupleTaken(NetNs* net, const NfConntrackTuple& t, const NfConn* ignored) {
  CtNet* cn = net->nf->ct.get();
  CtDir dir;
  NfConn* ct = cn ? Find(cn, t, &dir) : nullptr;
  return ct && ct != ignored;
}

void NfConntrackAlterReply(NfConn* ct, const NfConntrackTuple& newreply) { ct->tuple[IP_CT_DIR_REPLY] = newreply; }

// The packet's tuple (nf_ct_get_tuple): addresses, then ports or ICMP id/type/code
static bool GetTuple(const SkBuff& skb, NfConntrackTuple* t) {
  t->src = skb.iph.saddr;
  t->dst = skb.iph.daddr;
  t->protonum = skb.iph.protocol;
  uint8_t b[8];
  switch (skb.iph.protocol) {
    case IPPROTO_TCP_:
    case IPPROTO_UDP_:
      if (skb.data->GetSize() < 4) return false;
      skb.data->CopyData(b, 4);
      t->sport = static_cast<uint16_t>((b[0] << 8) | b[1]);
      t->dport = static_cast<uint16_t>((b[2] << 8) | b[3]);
      return true;
    case IPPROTO_ICMP_:
      if (skb.data->GetSize() < 8) return false;
      skb.data->CopyData(b, 8);
      t->dport = static_cast<uint16_t>((b[0] << 8) | b[1]);
      t->sport = static_cast<uint16_t>((b[4] << 8) | b[5]);
      return true;
    default:
      t->sport = t->dport = 0;  // the generic tracker: addresses and protocol only
      return true;
  }
}

// init_conntrack
static NfConn* InitConntrack(NetNs* net, const NfConntrackTuple& tuple, const SkBuff& skb, bool* table_full) {
  CtNet* cn = net->nf->ct.get();
  NfConntrackTuple repl;
  if (!NfCtInvertTuple(tuple, &repl)) return nullptr;
  if (cn->max && cn->count >= cn->max) {
    NfConntrackGc(net);  // early_drop would evict an unassured entry; the model reaps expired ones
    if (cn->count >= cn->max) {
      *table_full = true;  // "nf_conntrack: table full, dropping packet"
      return nullptr;
    }
  }
  NfConn* ct = new NfConn;
  ct->destroy = &NfConntrackDestroy;
  ct->net = net;
  ct->tuple[IP_CT_DIR_ORIGINAL] = tuple;
  ct->tuple[IP_CT_DIR_REPLY] = repl;
  if (!L4New(ct, skb)) {
    NfConntrackPut(ct);
    return nullptr;
  }
  return ct;
}

// nf_conntrack_in
static unsigned NfConntrackIn(void* priv, SkbPtr& pskb, const NfHookState* state) {
  SkBuff* skb = pskb.get();
  KFunc(KF_nf_conntrack_in, skb);
  NetNs* net = state->net;
  CtNet* cn = net->nf->ct.get();
  if (skb->nfct) return NF_ACCEPT;  // previously seen (loopback or untracked)
  if (skb->iph.frag_off & (IP_MF | IP_OFFSET)) return NF_ACCEPT;  // defrag is not modelled
  if (skb->iph.protocol == IPPROTO_ICMP_) {
    int r = IcmpError(net, skb);  // nf_conntrack_handle_icmp
    if (r <= 0) return static_cast<unsigned>(-r);
    if (skb->nfct) return NF_ACCEPT;
  }
  NfConntrackTuple tuple;
  if (!GetTuple(*skb, &tuple)) {
    cn->stat_invalid++;
    return NF_ACCEPT;
  }
  for (;;) {
    CtDir dir = IP_CT_DIR_ORIGINAL;
    NfConn* ct = Find(cn, tuple, &dir);
    NfConn* fresh = nullptr;
    if (!ct) {
      bool full = false;
      fresh = InitConntrack(net, tuple, *skb, &full);
      if (full) {
        cn->stat_drop++;
        return NF_DROP;
      }
      if (!fresh) {
        cn->stat_invalid++;
        return NF_ACCEPT;
      }
      ct = fresh;
    } else {
      cn->stat_found++;
    }
    IpConntrackInfo ctinfo;
    if (dir == IP_CT_DIR_REPLY) ctinfo = IP_CT_ESTABLISHED_REPLY;
    else if (ct->status & IPS_SEEN_REPLY) ctinfo = IP_CT_ESTABLISHED;
    else if (ct->status & IPS_EXPECTED) ctinfo = IP_CT_RELATED;
    else ctinfo = IP_CT_NEW;
    skb->nfct = ct;
    skb->ctinfo = ctinfo;
    if (fresh) NfConntrackPut(fresh);  // the skb holds the only reference until confirmed
    int ret = L4Packet(ct, *skb, dir, ctinfo);
    if (ret <= 0) {
      skb->nfct = nullptr;
      skb->ctinfo = 0;
      cn->stat_invalid++;
      if (ret == -static_cast<int>(NF_REPEAT)) continue;  // a reopened TCP connection: start afresh
      return static_cast<unsigned>(-ret);
    }
    if (ctinfo == IP_CT_ESTABLISHED_REPLY) ct->status |= IPS_SEEN_REPLY;
    return NF_ACCEPT;
  }
}

// __nf_conntrack_confirm: the first packet of a flow leaving the stack puts it in the table
static unsigned NfConfirm(void* priv, SkbPtr& pskb, const NfHookState* state) {
  SkBuff* skb = pskb.get();
  IpConntrackInfo ctinfo;
  NfConn* ct = NfCtGet(*skb, &ctinfo);
  if (!ct || ct->Confirmed() || ctinfo >= IP_CT_IS_REPLY) return NF_ACCEPT;
  CtNet* cn = state->net->nf->ct.get();
  if (ct->net != state->net) return NF_ACCEPT;
  if (ct->status & IPS_DYING) return NF_ACCEPT;  // killed before it was confirmed: never listed
  // a clash with an entry confirmed meanwhile (nf_ct_resolve_clash): drop this one
  CtDir d;
  if (Find(cn, ct->tuple[0], &d) || Find(cn, ct->tuple[1], &d)) {
    cn->stat_insert_failed++;
    cn->stat_drop++;
    return NF_DROP;
  }
  ct->status |= IPS_CONFIRMED;
  ct->timeout += Simulator::Now();
  ct->id = cn->next_id++;
  cn->hash[ct->tuple[0]] = {ct, IP_CT_DIR_ORIGINAL};
  cn->hash[ct->tuple[1]] = {ct, IP_CT_DIR_REPLY};
  NfConntrackGet(ct);
  ct->in_table = true;
  ct->entry = cn->entries.insert(cn->entries.end(), ct);
  if (ct->status & IPS_SRC_NAT) {
    NfConn*& head = cn->nat_bysource[NfNatBysourceKey(ct->tuple[IP_CT_DIR_ORIGINAL])];
    ct->bys_prev = nullptr;
    ct->bys_next = head;
    if (head) head->bys_prev = ct;
    head = ct;
    ct->in_bysource = true;
  }
  cn->count++;
  cn->stat_insert++;
  return NF_ACCEPT;
}

// gc_worker: reaps expired entries every GC_SCAN_INTERVAL_MAX (60 s) of virtual time; until then
// an expired entry still counts in nf_conntrack_count, as on the real kernel
static void GcWorker(NetNs* net) {
  CtNet* cn = net->nf && net->nf->ct ? net->nf->ct.get() : nullptr;
  if (!cn) return;
  NfConntrackGc(net);
  cn->gc_event = Simulator::Schedule(ns3::Seconds(60), &GcWorker, net);
}

void NfConntrackNetInit(NetNs* net) {
  if (!net->nf->ct) net->nf->ct = std::make_unique<CtNet>();
  CtNet* cn = net->nf->ct.get();
  if (cn->hooks_registered) return;
  cn->hooks_registered = true;
  cn->gc_event = Simulator::Schedule(ns3::Seconds(60), &GcWorker, net);
  NfHookOps ops;
  ops.pf = NF_FAM_IPV4;
  ops.hook = &NfConntrackIn;
  ops.priority = NF_IP_PRI_CONNTRACK;
  ops.hooknum = NF_INET_PRE_ROUTING;
  NfRegisterNetHook(net, ops);
  ops.hooknum = NF_INET_LOCAL_OUT;
  NfRegisterNetHook(net, ops);
  ops.hook = &NfConfirm;
  ops.priority = NF_IP_PRI_CONNTRACK_CONFIRM;
  ops.hooknum = NF_INET_POST_ROUTING;
  NfRegisterNetHook(net, ops);
  ops.hooknum = NF_INET_LOCAL_IN;
  NfRegisterNetHook(net, ops);
}

}  // namespace linuxnet
