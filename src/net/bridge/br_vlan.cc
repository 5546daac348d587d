// net/bridge/br_vlan.c: bridge VLAN filtering (CONFIG_BRIDGE_VLAN_FILTERING). Each port, and the
// bridge itself, has a VLAN group: the VLANs it is a member of, each possibly egress-untagged,
// and one PVID that untagged frames arriving there are put in. The bridge's group also holds
// the "master" (global) entry of every VLAN a port has; such an entry filters for the bridge
// device only when it is also a "brentry". Tags travel beside the frame (skb->vlan_tci), as
// with hardware VLAN acceleration. Only 802.1Q is modelled (no 802.1ad, no per-VLAN stats, no
// tunnel info, no switchdev).
//
// The reference machine's kernel is built without the option: all of this runs only on a Host
// whose kconfig_bridge_vlan_filtering is on (see sim/host.h).
#include <cerrno>

#include "net/bridge/br_private.h"
#include "sim/host.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

bool BrVlanConfigured(const NetNs* net) { return net && net->host && net->host->kconfig_bridge_vlan_filtering; }

// br_vlan_find
NetBridgeVlan* BrVlanFind(NetBridgeVlanGroup* vg, uint16_t vid) {
  if (!vg) return nullptr;
  auto it = vg->vlan_list.find(vid);
  return it == vg->vlan_list.end() ? nullptr : &it->second;
}

// br_vlan_group / nbp_vlan_group of an entry
static NetBridgeVlanGroup* VlanGroupOf(const NetBridgeVlan* v) {
  return BrVlanIsMaster(v) ? v->br->vlgrp.get() : v->port->vlgrp.get();
}

// __vlan_add_pvid
static bool VlanAddPvid(NetBridgeVlanGroup* vg, uint16_t vid) {
  if (vg->pvid == vid) return false;
  vg->pvid = vid;
  return true;
}

// __vlan_delete_pvid
static bool VlanDeletePvid(NetBridgeVlanGroup* vg, uint16_t vid) {
  if (vg->pvid != vid) return false;
  vg->pvid = 0;
  return true;
}

// __vlan_add_flags: PVID moves to this VLAN or away from it; UNTAGGED is set or cleared
static bool VlanAddFlags(NetBridgeVlan* v, uint16_t flags) {
  NetBridgeVlanGroup* vg = VlanGroupOf(v);
  uint16_t old_flags = v->flags;
  bool ret = (flags & BRIDGE_VLAN_INFO_PVID) ? VlanAddPvid(vg, v->vid) : VlanDeletePvid(vg, v->vid);
  if (flags & BRIDGE_VLAN_INFO_UNTAGGED) v->flags |= BRIDGE_VLAN_INFO_UNTAGGED;
  else v->flags &= ~BRIDGE_VLAN_INFO_UNTAGGED;
  return ret || old_flags != v->flags;
}

// br_vlan_get_master: the bridge's global entry for vid, created (not as a brentry) if missing;
// takes a reference
static NetBridgeVlan* BrVlanGetMaster(BridgeDev* br, uint16_t vid) {
  NetBridgeVlan* masterv = BrVlanFind(br->vlgrp.get(), vid);
  if (!masterv) {
    bool changed;
    if (BrVlanAdd(br, vid, 0, &changed)) return nullptr;  // missing global ctx, create it now
    masterv = BrVlanFind(br->vlgrp.get(), vid);
    if (!masterv) return nullptr;
    masterv->refcnt = 1;
    return masterv;
  }
  masterv->refcnt++;
  return masterv;
}

// br_vlan_put_master: the last reference removes the global entry
static void BrVlanPutMaster(NetBridgeVlan* masterv) {
  if (!BrVlanIsMaster(masterv)) return;
  if (--masterv->refcnt == 0) masterv->br->vlgrp->vlan_list.erase(masterv->vid);
}

// __vlan_add: `v` is a filled-in entry not yet in its group; on success it is inserted and the
// device's address gets a local fdb entry in that VLAN
static int VlanAdd(NetBridgeVlan v, uint16_t flags) {
  NetBridgePort* p = nullptr;
  BridgeDev* br;
  NetDev* dev;
  NetBridgeVlanGroup* vg;
  if (BrVlanIsMaster(&v)) {
    br = v.br;
    dev = br;
    vg = br->vlgrp.get();
  } else {
    p = v.port;
    br = p->br;
    dev = p->dev.operator->();
    vg = p->vlgrp.get();
  }
  NetBridgeVlan* masterv = nullptr;
  if (p) {
    // (vlan_vid_add: the port's device filter; veth has none) need to work on the master vlan too
    if (flags & BRIDGE_VLAN_INFO_MASTER) {
      bool changed;
      int err = BrVlanAdd(br, v.vid, flags | BRIDGE_VLAN_INFO_BRENTRY, &changed);
      if (err) return err;
    }
    masterv = BrVlanGetMaster(br, v.vid);
    if (!masterv) return -ENOMEM;
    v.brvlan = masterv;
  }
  // add the dev mac and count the vlan only if it's usable
  bool use = BrVlanShouldUse(&v);
  if (use) {
    int err = BrFdbInsert(br, p, dev->dev_addr, v.vid);
    if (err) {
      if (masterv) BrVlanPutMaster(masterv);
      return err;
    }
    vg->num_vlans++;
  }
  NetBridgeVlan* nv = &vg->vlan_list.emplace(v.vid, v).first->second;  // rhashtable + __vlan_add_list
  VlanAddFlags(nv, flags);
  return 0;
}

// __vlan_del
static int VlanDel(NetBridgeVlan* v) {
  NetBridgeVlan* masterv = v;
  NetBridgeVlanGroup* vg = VlanGroupOf(v);
  if (!BrVlanIsMaster(v)) masterv = v->brvlan;
  VlanDeletePvid(vg, v->vid);
  if (BrVlanShouldUse(v)) {
    v->flags &= ~BRIDGE_VLAN_INFO_BRENTRY;
    vg->num_vlans--;
  }
  if (masterv != v) vg->vlan_list.erase(v->vid);  // a port entry goes now, a master one with its last reference
  BrVlanPutMaster(masterv);
  return 0;
}

// __vlan_flush
static void VlanFlush(NetBridgeVlanGroup* vg) {
  VlanDeletePvid(vg, vg->pvid);
  for (auto it = vg->vlan_list.begin(); it != vg->vlan_list.end();) {
    NetBridgeVlan* v = &it->second;
    ++it;  // __vlan_del may erase v (and, for a port's group, nothing else of this group)
    VlanDel(v);
  }
}

// br_vlan_add_existing
static int BrVlanAddExisting(BridgeDev* br, NetBridgeVlanGroup* vg, NetBridgeVlan* vlan, uint16_t flags,
                             bool* changed) {
  if (!BrVlanIsBrentry(vlan)) {
    // trying to change flags of non-existent bridge vlan
    if (!(flags & BRIDGE_VLAN_INFO_BRENTRY)) return -EINVAL;
    // it was only kept for port vlans, now make it real
    int err = BrFdbInsert(br, nullptr, br->dev_addr, vlan->vid);
    if (err) return err;
    vlan->refcnt++;
    vlan->flags |= BRIDGE_VLAN_INFO_BRENTRY;
    vg->num_vlans++;
    *changed = true;
  }
  if (VlanAddFlags(vlan, flags)) *changed = true;
  return 0;
}

// br_vlan_add: a VLAN of the bridge (its global entry; a brentry when flags say so)
int BrVlanAdd(BridgeDev* br, uint16_t vid, uint16_t flags, bool* changed) {
  *changed = false;
  NetBridgeVlanGroup* vg = br->vlgrp.get();
  if (!vg) return -EOPNOTSUPP;
  if (NetBridgeVlan* vlan = BrVlanFind(vg, vid)) return BrVlanAddExisting(br, vg, vlan, flags, changed);
  NetBridgeVlan v;
  v.vid = vid;
  v.flags = static_cast<uint16_t>((flags | BRIDGE_VLAN_INFO_MASTER) & ~BRIDGE_VLAN_INFO_PVID);
  v.br = br;
  if (flags & BRIDGE_VLAN_INFO_BRENTRY) v.refcnt = 1;
  int ret = VlanAdd(v, flags);
  if (!ret) *changed = true;
  return ret;
}

// br_vlan_delete: the bridge stops being a member of vid
int BrVlanDelete(BridgeDev* br, uint16_t vid) {
  NetBridgeVlan* v = BrVlanFind(br->vlgrp.get(), vid);
  if (!v || !BrVlanIsBrentry(v)) return -ENOENT;
  BrFdbFindDeleteLocal(br, nullptr, br->dev_addr, vid);
  BrFdbDeleteByPort(br, nullptr, vid, false);
  return VlanDel(v);
}

// nbp_vlan_add: a port joins vid, or changes its flags there
int NbpVlanAdd(NetBridgePort* port, uint16_t vid, uint16_t flags, bool* changed) {
  *changed = false;
  if (NetBridgeVlan* vlan = BrVlanFind(port->vlgrp.get(), vid)) {
    *changed = VlanAddFlags(vlan, flags);
    return 0;
  }
  NetBridgeVlan v;
  v.vid = vid;
  v.port = port;
  int ret = VlanAdd(v, flags);
  if (!ret) *changed = true;
  return ret;
}

// nbp_vlan_delete: the port leaves vid, with its local and learned entries there
int NbpVlanDelete(NetBridgePort* port, uint16_t vid) {
  NetBridgeVlan* v = BrVlanFind(port->vlgrp.get(), vid);
  if (!v) return -ENOENT;
  BrFdbFindDeleteLocal(port->br, port, port->dev->dev_addr, vid);
  BrFdbDeleteByPort(port->br, port, vid, false);
  return VlanDel(v);
}

// br_vlan_init (from br_dev_init): the bridge's group, default_pvid 1, and the bridge a member
// of VLAN 1, PVID, egress untagged
int BrVlanInit(BridgeDev* br) {
  br->vlgrp = std::make_unique<NetBridgeVlanGroup>();
  br->default_pvid = 1;
  bool changed;
  return BrVlanAdd(br, 1, BRIDGE_VLAN_INFO_PVID | BRIDGE_VLAN_INFO_UNTAGGED | BRIDGE_VLAN_INFO_BRENTRY, &changed);
}

// nbp_vlan_init (from br_add_if): the port's group, and the default_pvid, PVID untagged
int NbpVlanInit(NetBridgePort* p) {
  p->vlgrp = std::make_unique<NetBridgeVlanGroup>();
  if (p->br->default_pvid) {
    bool changed;
    return NbpVlanAdd(p, p->br->default_pvid, BRIDGE_VLAN_INFO_PVID | BRIDGE_VLAN_INFO_UNTAGGED, &changed);
  }
  return 0;
}

// br_vlan_flush (br_dev_uninit)
void BrVlanFlush(BridgeDev* br) {
  if (!br->vlgrp) return;
  // delete auto-added default pvid local fdb before flushing vlans
  BrFdbDeleteByPort(br, nullptr, 0, true);
  VlanFlush(br->vlgrp.get());
  br->vlgrp.reset();
}

// nbp_vlan_flush (del_nbp)
void NbpVlanFlush(NetBridgePort* p) {
  if (!p->vlgrp) return;
  VlanFlush(p->vlgrp.get());
  p->vlgrp.reset();
}

// __br_vlan_filter_toggle
int BrVlanFilterToggle(BridgeDev* br, unsigned long val) {
  if (br->vlan_enabled == !!val) return 0;
  br->vlan_enabled = !!val;
  BrManagePromisc(br);
  // recalculate_group_addr, br_recalculate_fwd_mask: unchanged for 802.1Q
  return 0;
}

// br_vlan_get_tag
static int BrVlanGetTag(const SkBuff& skb, uint16_t* vid) {
  if (skb.vlan_present) {
    *vid = skb.vlan_tci & VLAN_VID_MASK;
    return 0;
  }
  *vid = 0;
  return -EINVAL;
}

// __allowed_ingress: an untagged (or priority-tagged) frame takes the PVID; the port must be a
// member of the frame's VLAN
static bool AllowedIngress(NetBridgeVlanGroup* vg, SkBuff* skb, uint16_t* vid) {
  skb->br_vlan_filtered = true;
  bool tagged = BrVlanGetTag(*skb, vid) == 0;  // tagged frame (always br->vlan_proto here)
  if (!*vid) {
    uint16_t pvid = BrGetPvid(vg);
    // frame had a tag with VID 0 or did not have a tag: the PVID says where it belongs
    if (!pvid) return false;
    *vid = pvid;
    if (!tagged) {
      skb->vlan_present = true;  // __vlan_hwaccel_put_tag
      skb->vlan_tci = pvid;
    } else {
      skb->vlan_tci |= pvid;  // priority-tagged: keep the PCP, set the VID
    }
    return true;  // stats are disabled: no lookup
  }
  NetBridgeVlan* v = BrVlanFind(vg, *vid);
  return v && BrVlanShouldUse(v);
}

// br_allowed_ingress: everything passes unless the bridge filters
bool BrAllowedIngress(const BridgeDev* br, NetBridgeVlanGroup* vg, SkBuff* skb, uint16_t* vid) {
  if (!br->vlan_enabled) {
    skb->br_vlan_filtered = false;
    return true;
  }
  KFunc(KF_br_allowed_ingress, skb);
  return AllowedIngress(vg, skb, vid);
}

// br_allowed_egress: a filtered frame leaves only where its VLAN is configured
bool BrAllowedEgress(NetBridgeVlanGroup* vg, const SkBuff& skb) {
  if (!skb.br_vlan_filtered) return true;  // not filtered at input: let it pass
  uint16_t vid;
  BrVlanGetTag(skb, &vid);
  NetBridgeVlan* v = BrVlanFind(vg, vid);
  return v && BrVlanShouldUse(v);
}

// br_should_learn: link-local frames teach the fdb only in a VLAN of the port
bool BrShouldLearn(NetBridgePort* p, const SkBuff& skb, uint16_t* vid) {
  if (!p->br->vlan_enabled) return true;  // filtering disabled at input: let it pass
  NetBridgeVlanGroup* vg = p->vlgrp.get();
  if (!vg || !vg->num_vlans) return false;
  BrVlanGetTag(skb, vid);
  if (!*vid) {
    *vid = BrGetPvid(vg);
    return *vid != 0;
  }
  return BrVlanFind(vg, *vid) != nullptr;
}

// br_handle_vlan: egress on port p (or up to the bridge, p null): untagged VLANs lose the tag
bool BrHandleVlan(const BridgeDev* br, const NetBridgePort* p, NetBridgeVlanGroup* vg, SkBuff* skb) {
  if (!skb->br_vlan_filtered) return true;  // not filtered at input: let it pass
  KFunc(KF_br_handle_vlan, skb);
  uint16_t vid;
  BrVlanGetTag(*skb, &vid);
  NetBridgeVlan* v = BrVlanFind(vg, vid);
  // the entry must be configured here; the one exception is a promiscuous bridge receiving it
  if (!v || !BrVlanShouldUse(v)) return (br->flags & IFF_PROMISC) && skb->dev == br;
  if (v->flags & BRIDGE_VLAN_INFO_UNTAGGED) {
    skb->vlan_present = false;  // __vlan_hwaccel_clear_tag
    skb->vlan_tci = 0;
  }
  return true;
}

// br_vlan_info (one VLAN of a RTM_SETLINK/RTM_DELLINK request)
static int BrVlanInfo(BridgeDev* br, NetBridgePort* p, bool add, uint16_t vid, uint16_t flags) {
  bool changed = false;
  // without CONFIG_BRIDGE_VLAN_FILTERING nbp_vlan_add/br_vlan_add are stubs that refuse, and the
  // delete stubs' errors are ignored as below
  if (!br->vlgrp) return add ? -EOPNOTSUPP : 0;
  if (add) {
    if (p) return NbpVlanAdd(p, vid, flags, &changed);  // with MASTER also acts on the global entry
    return BrVlanAdd(br, vid, flags | BRIDGE_VLAN_INFO_BRENTRY, &changed);
  }
  if (p) {
    NbpVlanDelete(p, vid);
    if (flags & BRIDGE_VLAN_INFO_MASTER) BrVlanDelete(p->br, vid);
  } else {
    BrVlanDelete(br, vid);
  }
  return 0;  // a delete of what is not there is not an error
}

// br_afspec → br_process_vlan_info for one vlan info (or a RANGE_BEGIN/RANGE_END pair)
int BrAfspecVlan(BridgeDev* br, NetBridgePort* p, bool add, uint16_t vid, uint16_t vid_end, uint16_t flags) {
  if (p) br = p->br;
  if (!vid || vid >= VLAN_VID_MASK) return -EINVAL;
  if (!vid_end) return BrVlanInfo(br, p, add, vid, flags);
  if (flags & BRIDGE_VLAN_INFO_PVID) return -EINVAL;  // don't allow range of pvids
  if (vid_end >= VLAN_VID_MASK || vid_end <= vid) return -EINVAL;
  for (uint32_t v = vid; v <= vid_end; v++) {
    int err = BrVlanInfo(br, p, add, static_cast<uint16_t>(v), flags);
    if (err) return err;
  }
  return 0;
}

}  // namespace linuxnet
