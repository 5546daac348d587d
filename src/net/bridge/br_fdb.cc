// net/bridge/br_fdb.c: the forwarding database. Entries are kept on a list with the newest first
// (br->fdb_list, the order a dump walks) and in a hash keyed by address and VLAN; learned entries
// age out after ageing_time (forward_delay during a topology change) in virtual time.
#include <cerrno>

#include "net/bridge/br_private.h"
#include "ns3/simulator.h"

namespace linuxnet {

static uint64_t FdbKey(const MacAddr& addr, uint16_t vid) { return (addr.Key() << 16) | vid; }

// hold_time
ns3::Time HoldTime(const BridgeDev* br) { return br->topology_change ? br->forward_delay : br->ageing_time; }

// has_expired
bool FdbHasExpired(const BridgeDev* br, const NetBridgeFdbEntry& f) {
  return !f.is_static && !f.added_by_external_learn && f.updated + HoldTime(br) <= ns3::Simulator::Now();
}

// fdb_to_nud
uint16_t FdbToNud(const BridgeDev* br, const NetBridgeFdbEntry& f) {
  if (f.is_local) return NUD_PERMANENT;
  if (f.is_static) return NUD_NOARP;
  if (FdbHasExpired(br, f)) return NUD_STALE;
  return NUD_REACHABLE;
}

// br_fdb_find
NetBridgeFdbEntry* BrFdbFind(BridgeDev* br, const MacAddr& addr, uint16_t vid) {
  auto it = br->fdb_hash_tbl.find(FdbKey(addr, vid));
  return it == br->fdb_hash_tbl.end() ? nullptr : &*it->second;
}

// fdb_create: the new entry goes at the head of the list
static NetBridgeFdbEntry* FdbCreate(BridgeDev* br, NetBridgePort* source, const MacAddr& addr, uint16_t vid,
                                    bool is_local, bool is_static) {
  NetBridgeFdbEntry f;
  f.addr = addr;
  f.dst = source;
  f.vlan_id = vid;
  f.is_local = is_local;
  f.is_static = is_static;
  f.updated = f.used = ns3::Simulator::Now();
  br->fdb_list.push_front(f);
  br->fdb_hash_tbl[FdbKey(addr, vid)] = br->fdb_list.begin();
  return &br->fdb_list.front();
}

// fdb_delete
static void FdbDelete(BridgeDev* br, NetBridgeFdbEntry* f) {
  auto it = br->fdb_hash_tbl.find(FdbKey(f->addr, f->vlan_id));
  if (it == br->fdb_hash_tbl.end()) return;
  auto lit = it->second;
  br->fdb_hash_tbl.erase(it);
  br->fdb_list.erase(lit);
}

// fdb_delete_local: a local address another port (or the bridge) still has, in the entry's VLAN,
// moves there instead
static void FdbDeleteLocal(BridgeDev* br, const NetBridgePort* p, NetBridgeFdbEntry* f) {
  uint16_t vid = f->vlan_id;
  for (NetBridgePort* op : br->port_list) {
    if (op != p && op->dev->dev_addr == f->addr && (!vid || BrVlanFind(op->vlgrp.get(), vid))) {
      f->dst = op;
      f->added_by_user = false;
      return;
    }
  }
  NetBridgeVlan* v = BrVlanFind(br->vlgrp.get(), vid);
  if (p && br->dev_addr == f->addr && (!vid || (v && BrVlanShouldUse(v)))) {
    f->dst = nullptr;
    f->added_by_user = false;
    return;
  }
  FdbDelete(br, f);
}

static void BrWarn(BridgeDev* br, const std::string& msg) { (void)br, (void)msg; }  // br_warn (printk)

// fdb_insert: a local (permanent) entry
static int FdbInsert(BridgeDev* br, NetBridgePort* source, const MacAddr& addr, uint16_t vid) {
  if (addr.IsMulticast() || addr.IsZero()) return -EINVAL;  // is_valid_ether_addr
  if (NetBridgeFdbEntry* fdb = BrFdbFind(br, addr, vid)) {
    // it is okay to have multiple ports with the same address, just use the first one
    if (fdb->is_local) return 0;
    BrWarn(br, "adding interface with same address as a received packet");
    FdbDelete(br, fdb);
  }
  FdbCreate(br, source, addr, vid, true, true);
  return 0;
}

// br_fdb_insert
int BrFdbInsert(BridgeDev* br, NetBridgePort* source, const MacAddr& addr, uint16_t vid) {
  return FdbInsert(br, source, addr, vid);
}

// br_fdb_update: learning. A known address moves to the port it was last seen on (unless
// sticky); the bridge's own addresses are never learned.
void BrFdbUpdate(BridgeDev* br, NetBridgePort* source, const MacAddr& addr, uint16_t vid, bool added_by_user) {
  if (HoldTime(br).IsZero()) return;  // some users want to always flood
  if (!(source->state == BR_STATE_LEARNING || source->state == BR_STATE_FORWARDING)) return;
  NetBridgeFdbEntry* fdb = BrFdbFind(br, addr, vid);
  if (fdb) {
    if (fdb->is_local) {
      BrWarn(br, "received packet with own address as source address");
      return;
    }
    if (source != fdb->dst && !fdb->is_sticky) {
      fdb->dst = source;
      fdb->added_by_external_learn = false;
    }
    fdb->updated = ns3::Simulator::Now();
    if (added_by_user) fdb->added_by_user = true;
  } else {
    fdb = FdbCreate(br, source, addr, vid, false, false);
    if (added_by_user) fdb->added_by_user = true;
  }
}

// br_fdb_delete_by_port: p == nullptr with do_all flushes everything
void BrFdbDeleteByPort(BridgeDev* br, const NetBridgePort* p, uint16_t vid, bool do_all) {
  for (auto it = br->fdb_list.begin(); it != br->fdb_list.end();) {
    NetBridgeFdbEntry* f = &*it;
    ++it;
    if (f->dst != p) continue;
    if (!do_all && (f->is_static || (vid && f->vlan_id != vid))) continue;
    if (f->is_local) FdbDeleteLocal(br, p, f);
    else FdbDelete(br, f);
  }
}

// br_fdb_find_delete_local
void BrFdbFindDeleteLocal(BridgeDev* br, const NetBridgePort* p, const MacAddr& addr, uint16_t vid) {
  NetBridgeFdbEntry* f = BrFdbFind(br, addr, vid);
  if (f && f->is_local && !f->added_by_user && f->dst == p) FdbDeleteLocal(br, p, f);
}

// br_fdb_change_mac_address: the bridge's own (port-less) entries follow its address, in every
// VLAN the bridge is a member of
void BrFdbChangeMacAddress(BridgeDev* br, const MacAddr& newaddr) {
  NetBridgeFdbEntry* f = BrFdbFind(br, br->dev_addr, 0);
  if (f && f->is_local && !f->dst && !f->added_by_user) FdbDeleteLocal(br, nullptr, f);
  FdbInsert(br, nullptr, newaddr, 0);
  NetBridgeVlanGroup* vg = br->vlgrp.get();
  if (!vg || !vg->num_vlans) return;
  for (auto& e : vg->vlan_list) {
    NetBridgeVlan* v = &e.second;
    if (!BrVlanShouldUse(v)) continue;
    f = BrFdbFind(br, br->dev_addr, v->vid);
    if (f && f->is_local && !f->dst && !f->added_by_user) FdbDeleteLocal(br, nullptr, f);
    FdbInsert(br, nullptr, newaddr, v->vid);
  }
}

// br_fdb_changeaddr: a port changed its address
void BrFdbChangeaddr(NetBridgePort* p, const MacAddr& newaddr) {
  BridgeDev* br = p->br;
  NetBridgeVlanGroup* vg = p->vlgrp.get();
  for (auto it = br->fdb_list.begin(); it != br->fdb_list.end();) {
    NetBridgeFdbEntry* f = &*it;
    ++it;
    if (f->dst == p && f->is_local && !f->added_by_user) {
      FdbDeleteLocal(br, p, f);  // delete old one
      // if this port has no vlan information configured, we can safely be done at this point
      if (!vg || !vg->num_vlans) break;
    }
  }
  FdbInsert(br, p, newaddr, 0);
  if (!vg || !vg->num_vlans) return;
  // now add entries for every VLAN configured on the port
  for (auto& e : vg->vlan_list) FdbInsert(br, p, newaddr, e.second.vid);
}

// br_fdb_flush
void BrFdbFlush(BridgeDev* br) {
  for (auto it = br->fdb_list.begin(); it != br->fdb_list.end();) {
    NetBridgeFdbEntry* f = &*it;
    ++it;
    if (!f->is_static) FdbDelete(br, f);
  }
}

void BrFdbScheduleGc(BridgeDev* br, ns3::Time delay) {
  br->gc_work.Cancel();
  br->gc_work_at = ns3::Simulator::Now() + delay;
  br->gc_work = ns3::Simulator::Schedule(delay, &BrFdbCleanup, br);
}

// br_fdb_cleanup: the gc work removes expired entries and runs again when the next one expires
void BrFdbCleanup(BridgeDev* br) {
  ns3::Time delay = HoldTime(br);
  ns3::Time work_delay = delay;
  ns3::Time now = ns3::Simulator::Now();
  for (auto it = br->fdb_list.begin(); it != br->fdb_list.end();) {
    NetBridgeFdbEntry* f = &*it;
    ++it;
    if (f->is_static || f->added_by_external_learn) continue;
    ns3::Time this_timer = f->updated + delay;
    if (this_timer > now) {
      if (this_timer - now < work_delay) work_delay = this_timer - now;
    } else {
      FdbDelete(br, f);
    }
  }
  if (work_delay < ns3::MilliSeconds(10)) work_delay = ns3::MilliSeconds(10);  // minimum 10 ms apart
  BrFdbScheduleGc(br, work_delay);
}

// fdb_add_entry (RTM_NEWNEIGH with a state)
static int FdbAddEntry(BridgeDev* br, NetBridgePort* source, const MacAddr& addr, uint16_t state, uint16_t flags,
                       uint16_t vid, uint8_t ndm_flags) {
  bool is_sticky = ndm_flags & NTF_STICKY;
  bool modified = false;
  // if the port cannot learn allow only local and static entries
  if (source && !(state & NUD_PERMANENT) && !(state & NUD_NOARP) &&
      !(source->state == BR_STATE_LEARNING || source->state == BR_STATE_FORWARDING))
    return -EPERM;
  if (!source && !(state & NUD_PERMANENT)) return -EINVAL;
  if (is_sticky && (state & NUD_PERMANENT)) return -EINVAL;
  NetBridgeFdbEntry* fdb = BrFdbFind(br, addr, vid);
  if (!fdb) {
    if (!(flags & NLM_F_CREATE)) return -ENOENT;
    fdb = FdbCreate(br, source, addr, vid, false, false);
    modified = true;
  } else {
    if (flags & NLM_F_EXCL) return -EEXIST;
    if (fdb->dst != source) {
      fdb->dst = source;
      modified = true;
    }
  }
  if (FdbToNud(br, *fdb) != state) {
    if (state & NUD_PERMANENT) {
      fdb->is_local = true;
      fdb->is_static = true;
    } else if (state & NUD_NOARP) {
      fdb->is_local = false;
      fdb->is_static = true;
    } else {
      fdb->is_local = false;
      fdb->is_static = false;
    }
    modified = true;
  }
  if (is_sticky != fdb->is_sticky) {
    fdb->is_sticky = is_sticky;
    modified = true;
  }
  fdb->added_by_user = true;
  fdb->used = ns3::Simulator::Now();
  if (modified) fdb->updated = ns3::Simulator::Now();
  return 0;
}

// br_fdb_add (__br_fdb_add)
int BrFdbAdd(NetDev* dev, const MacAddr& addr, uint16_t vid, uint16_t state, uint8_t ndm_flags, uint16_t nlh_flags) {
  if (!(state & (NUD_PERMANENT | NUD_NOARP | NUD_REACHABLE))) return -EINVAL;  // unknown state
  if (addr.IsMulticast() || addr.IsZero()) return -EINVAL;  // is_valid_ether_addr
  BridgeDev* br = AsBridge(dev);
  NetBridgePort* p = nullptr;
  if (!br) {
    p = BrPortGet(dev);
    if (!p) return -EINVAL;  // not a bridge port
    br = p->br;
  }
  NetBridgeVlanGroup* vg = p ? p->vlgrp.get() : br->vlgrp.get();
  // __br_fdb_add
  auto add = [&](uint16_t v) {
    if (ndm_flags & NTF_USE) {
      if (!p) return -EINVAL;
      BrFdbUpdate(br, p, addr, v, true);
      return 0;
    }
    return FdbAddEntry(br, p, addr, state, nlh_flags, v, ndm_flags);
  };
  // without CONFIG_BRIDGE_VLAN_FILTERING there is no vlan group: br_vlan_find finds nothing, so a
  // vid is an unconfigured vlan (-EINVAL), and no vid adds the one entry
  if (!vg) return vid ? -EINVAL : add(0);
  if (vid) {
    NetBridgeVlan* v = BrVlanFind(vg, vid);
    if (!v || !BrVlanShouldUse(v)) return -EINVAL;  // RTM_NEWNEIGH with unconfigured vlan
    return add(vid);
  }
  int err = add(0);
  if (err || !vg->num_vlans) return err;
  // vlans configured on this port and the user didn't specify one: every vlan of the port
  for (auto& e : vg->vlan_list) {
    if (!BrVlanShouldUse(&e.second)) continue;
    err = add(e.first);
    if (err) return err;
  }
  return 0;
}

// br_fdb_delete (fdb_delete_by_addr_and_port)
int BrFdbDelete(NetDev* dev, const MacAddr& addr, uint16_t vid) {
  BridgeDev* br = AsBridge(dev);
  NetBridgePort* p = nullptr;
  if (!br) {
    p = BrPortGet(dev);
    if (!p) return -EINVAL;
    br = p->br;
  }
  // __br_fdb_delete (fdb_delete_by_addr_and_port)
  auto del = [&](uint16_t v) {
    NetBridgeFdbEntry* fdb = BrFdbFind(br, addr, v);
    if (!fdb || fdb->dst != p) return -ENOENT;
    FdbDelete(br, fdb);
    return 0;
  };
  NetBridgeVlanGroup* vg = p ? p->vlgrp.get() : br->vlgrp.get();
  if (!vg) return vid ? -EINVAL : del(0);  // no vlan group: a vid is an unconfigured vlan
  if (vid) {
    if (!BrVlanFind(vg, vid)) return -EINVAL;  // RTM_DELNEIGH with unconfigured vlan
    return del(vid);
  }
  int err = -ENOENT;
  err &= del(0);
  if (!vg->num_vlans) return err;
  for (auto& e : vg->vlan_list) {
    if (!BrVlanShouldUse(&e.second)) continue;
    err &= del(e.first);
  }
  return err;
}

}  // namespace linuxnet
