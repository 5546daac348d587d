// net/core/neighbour.c: the NUD state machine for ARP entries, in virtual time
#include "net/ipv4/neighbour.h"

#include <algorithm>

#include "net/core/dev.h"
#include "net/ipv4/arp.h"
#include "net/ipv4/ipv4.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simulator.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

using ns3::MilliSeconds;
using ns3::Simulator;
using ns3::Time;

static NeighParms& Parms(Neighbour* n) { return n->dev->net->ipv4->arp_tbl.parms; }

// neigh_rand_reach_time: uniform in [base/2, 3*base/2)
static Time NeighRandReachTime(Host* host, int base_ms) {
  return MilliSeconds(base_ms / 2 + static_cast<int64_t>(base_ms > 0 ? host->PrandomU32() % static_cast<uint32_t>(base_ms) : 0));
}

static int NeighMaxProbes(Neighbour* n) {
  NeighParms& p = Parms(n);
  return p.ucast_probes + p.app_probes + ((n->nud_state & NUD_PROBE) ? p.mcast_reprobes : p.mcast_probes);
}

static void NeighTimerHandler(Neighbour* n);

static void NeighAddTimer(Neighbour* n, Time when) {
  n->timer.Cancel();
  Time delay = when - Simulator::Now();
  if (delay < MilliSeconds(10)) delay = MilliSeconds(10);  // HZ/100
  n->timer = Simulator::Schedule(delay, &NeighTimerHandler, n);
}

static void NeighDelTimer(Neighbour* n) { n->timer.Cancel(); }

// neigh_probe: solicit with the newest queued packet as the hint for the source address
static void NeighProbe(Neighbour* n) {
  const SkBuff* hint = n->arp_queue.empty() ? nullptr : n->arp_queue.back().get();
  ArpSolicit(n, hint);
  n->probes++;
}

// neigh_invalidate: every queued packet reports a link failure (arp_error_report →
// ipv4_link_failure → ICMP host unreachable back to its sender)
static void NeighInvalidate(Neighbour* n) {
  std::deque<SkbPtr> q = std::move(n->arp_queue);
  n->arp_queue.clear();
  n->arp_queue_len_bytes = 0;
  for (auto& skb : q) ArpErrorReport(n, std::move(skb));
}

static void NeighTimerHandler(Neighbour* n) {
  uint8_t state = n->nud_state;
  Time now = Simulator::Now();
  NeighParms& p = Parms(n);
  Time next = now + ns3::Seconds(1);
  if (!(state & NUD_IN_TIMER)) return;
  if (state & NUD_REACHABLE) {
    if (now <= n->confirmed + n->reachable_time) {
      next = n->confirmed + n->reachable_time;
    } else if (now <= n->used + MilliSeconds(p.delay_probe_time_ms)) {
      n->nud_state = NUD_DELAY;
      n->updated = now;
      next = now + MilliSeconds(p.delay_probe_time_ms);
    } else {
      n->nud_state = NUD_STALE;
      n->updated = now;
    }
  } else if (state & NUD_DELAY) {
    if (now <= n->confirmed + MilliSeconds(p.delay_probe_time_ms)) {
      n->nud_state = NUD_REACHABLE;
      n->updated = now;
      next = n->confirmed + n->reachable_time;
    } else {
      n->nud_state = NUD_PROBE;
      n->updated = now;
      n->probes = 0;
      next = now + MilliSeconds(p.retrans_time_ms);
    }
  } else {
    next = now + MilliSeconds(p.retrans_time_ms);
  }
  if ((n->nud_state & (NUD_INCOMPLETE | NUD_PROBE)) && n->probes >= NeighMaxProbes(n)) {
    n->nud_state = NUD_FAILED;
    NeighInvalidate(n);
    return;
  }
  if (n->nud_state & NUD_IN_TIMER) NeighAddTimer(n, next);
  if (n->nud_state & (NUD_INCOMPLETE | NUD_PROBE)) NeighProbe(n);
}

// __neigh_event_send: returns 0 when the caller may transmit now, 1 when the skb was queued or
// dropped
static int NeighEventSend(Neighbour* n, SkbPtr& skb) {
  Time now = Simulator::Now();
  n->used = now;
  if (n->nud_state & (NUD_CONNECTED | NUD_DELAY | NUD_PROBE)) return 0;
  if (n->dead) {
    skb.reset();
    return 1;
  }
  NeighParms& p = Parms(n);
  bool immediate_probe = false;
  if (!(n->nud_state & (NUD_STALE | NUD_INCOMPLETE))) {
    if (p.mcast_probes + p.app_probes) {
      n->probes = p.ucast_probes;
      NeighDelTimer(n);
      n->nud_state = NUD_INCOMPLETE;
      n->updated = now;
      NeighAddTimer(n, now + std::max(MilliSeconds(p.retrans_time_ms), MilliSeconds(10)));
      immediate_probe = true;
    } else {
      n->nud_state = NUD_FAILED;
      n->updated = now;
      skb.reset();
      return 1;
    }
  } else if (n->nud_state & NUD_STALE) {
    NeighDelTimer(n);
    n->nud_state = NUD_DELAY;
    n->updated = now;
    NeighAddTimer(n, now + MilliSeconds(p.delay_probe_time_ms));
  }
  int rc = 0;
  if (n->nud_state == NUD_INCOMPLETE) {
    if (skb) {
      uint32_t truesize = skb->Len() + 768;  // SKB_TRUESIZE overhead of the data and struct
      while (!n->arp_queue.empty() && n->arp_queue_len_bytes + truesize > p.queue_len_bytes) {
        n->arp_queue_len_bytes -= n->arp_queue.front()->Len() + 768;
        n->arp_queue.pop_front();  // kfree_skb: NEIGH_CACHE_STAT_INC(unres_discards)
      }
      n->arp_queue_len_bytes += truesize;
      n->arp_queue.push_back(std::move(skb));
    }
    rc = 1;
  }
  if (immediate_probe) NeighProbe(n);
  return rc;
}

// neigh_resolve_output
int NeighResolveOutput(Neighbour* n, SkbPtr skb) {
  KFunc(KF_neigh_resolve_output, skb.get());
  if (NeighEventSend(n, skb) != 0) return 0;
  EthHeader(skb.get(), n->dev, ETH_P_IP, n->ha, nullptr);
  return DevQueueXmit(std::move(skb));
}

// neigh_output: a connected entry sends with the cached header, others resolve first
int NeighOutput(Neighbour* n, SkbPtr skb) {
  if (n->nud_state & NUD_CONNECTED) {
    EthHeader(skb.get(), n->dev, ETH_P_IP, n->ha, nullptr);
    return DevQueueXmit(std::move(skb));
  }
  return NeighResolveOutput(n, std::move(skb));
}

// __neigh_update
void NeighUpdate(Neighbour* n, const MacAddr* lladdr, uint8_t nstate, unsigned flags) {
  uint8_t old = n->nud_state;
  Time now = Simulator::Now();
  NeighParms& p = Parms(n);
  if (!(flags & NEIGH_UPDATE_F_ADMIN) && (old & (NUD_NOARP | NUD_PERMANENT))) return;
  if (n->dead) return;
  if (!(nstate & NUD_VALID)) {
    NeighDelTimer(n);
    n->nud_state = nstate;
    if ((old & (NUD_INCOMPLETE | NUD_PROBE)) && (nstate & NUD_FAILED)) NeighInvalidate(n);
    return;
  }
  MacAddr addr;
  if (lladdr) {
    addr = (old & NUD_VALID) && *lladdr == n->ha ? n->ha : *lladdr;
  } else {
    if (!(old & NUD_VALID)) return;  // -EINVAL
    addr = n->ha;
  }
  if (nstate & NUD_CONNECTED) n->confirmed = now;
  if (old & NUD_VALID) {
    if (addr != n->ha && !(flags & NEIGH_UPDATE_F_OVERRIDE)) {
      if ((flags & NEIGH_UPDATE_F_WEAK_OVERRIDE) && (old & NUD_CONNECTED)) {
        addr = n->ha;
        nstate = NUD_STALE;
      } else {
        return;
      }
    } else {
      if (addr == n->ha && nstate == NUD_STALE && !(flags & NEIGH_UPDATE_F_ADMIN)) nstate = old;
    }
  }
  if (nstate != old || addr != n->ha) n->updated = now;
  if (nstate != old) {
    NeighDelTimer(n);
    if (nstate & NUD_PROBE) n->probes = 0;
    if (nstate & NUD_IN_TIMER)
      NeighAddTimer(n, now + ((nstate & NUD_REACHABLE) ? n->reachable_time : Time(0)));
    n->nud_state = nstate;
  }
  if (addr != n->ha) {
    n->ha = addr;
    if (!(nstate & NUD_CONNECTED)) n->confirmed = now - MilliSeconds(2 * p.base_reachable_time_ms);
  }
  if (nstate == old) return;
  if (!(old & NUD_VALID)) {
    // the packets that waited for resolution go out now
    std::deque<SkbPtr> q = std::move(n->arp_queue);
    n->arp_queue.clear();
    n->arp_queue_len_bytes = 0;
    for (auto& skb : q) {
      if (!(n->nud_state & NUD_VALID)) break;
      NeighOutput(n, std::move(skb));
    }
  }
}

// neigh_event_ns: the sender of a request we answer is put (or refreshed) as STALE
Neighbour* NeighEventNs(NeighTable* tbl, const MacAddr& lladdr, uint32_t saddr, NetDev* dev) {
  Neighbour* n = tbl->Lookup(dev, saddr);
  if (!n) n = tbl->Create(dev, saddr);
  if (n) NeighUpdate(n, &lladdr, NUD_STALE, NEIGH_UPDATE_F_OVERRIDE);
  return n;
}

void NeighConfirm(Neighbour* n) {
  if (n->confirmed != ns3::Simulator::Now()) n->confirmed = ns3::Simulator::Now();
}

Neighbour* NeighTable::Lookup(const NetDev* dev, uint32_t key) const {
  auto it = map_.find(Key(dev, key));
  return it == map_.end() ? nullptr : it->second.get();
}

Neighbour* NeighTable::Create(NetDev* dev, uint32_t key) {
  auto n = std::make_unique<Neighbour>();
  n->primary_key = key;
  n->dev = dev;
  n->reachable_time = NeighRandReachTime(dev->net->host, parms.base_reachable_time_ms);
  n->updated = n->used = ns3::Simulator::Now();
  n->confirmed = ns3::Simulator::Now() - MilliSeconds(2 * parms.base_reachable_time_ms);
  ArpConstructor(n.get());
  Neighbour* raw = n.get();
  map_[Key(dev, key)] = std::move(n);
  order_.insert(order_.begin(), raw);
  return raw;
}

void NeighTable::Remove(Neighbour* n) {
  n->timer.Cancel();
  order_.erase(std::remove(order_.begin(), order_.end(), n), order_.end());
  map_.erase(Key(n->dev, n->primary_key));
}

// neigh_flush_dev: entries of the device go (their queued packets are dropped)
void NeighTable::FlushDev(const NetDev* dev) {
  std::vector<Neighbour*> gone;
  for (Neighbour* n : order_)
    if (n->dev == dev) gone.push_back(n);
  for (Neighbour* n : gone) Remove(n);
}

}  // namespace linuxnet
