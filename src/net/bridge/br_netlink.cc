// net/bridge/br_netlink.c br_setport: the port attributes `bridge link set` changes
#include <cerrno>

#include "net/bridge/br_private.h"

namespace linuxnet {

// br_set_port_flag
static void BrSetPortFlag(NetBridgePort* p, int val, uint32_t mask) {
  if (val < 0) return;
  if (val) p->flags |= mask;
  else p->flags &= ~mask;
}

// br_setport
int BrSetport(NetBridgePort* p, const BrPortChange& c) {
  uint32_t old_flags = p->flags;
  BrSetPortFlag(p, c.hairpin, BR_HAIRPIN_MODE);
  BrSetPortFlag(p, c.guard, BR_BPDU_GUARD);
  BrSetPortFlag(p, c.fastleave, BR_MULTICAST_FAST_LEAVE);
  BrSetPortFlag(p, c.root_block, BR_ROOT_BLOCK);
  BrSetPortFlag(p, c.learning, BR_LEARNING);
  BrSetPortFlag(p, c.flood, BR_FLOOD);
  BrSetPortFlag(p, c.proxy_arp, BR_PROXYARP);
  BrSetPortFlag(p, c.proxy_arp_wifi, BR_PROXYARP_WIFI);
  BrSetPortFlag(p, c.mcast_flood, BR_MCAST_FLOOD);
  BrSetPortFlag(p, c.mcast_to_unicast, BR_MULTICAST_TO_UNICAST);
  BrSetPortFlag(p, c.bcast_flood, BR_BCAST_FLOOD);
  BrSetPortFlag(p, c.neigh_suppress, BR_NEIGH_SUPPRESS);
  BrSetPortFlag(p, c.isolated, BR_ISOLATED);
  BrSetPortFlag(p, c.vlan_tunnel, BR_VLAN_TUNNEL);
  if (c.cost >= 0) {
    int err = BrStpSetPathCost(p, static_cast<unsigned long>(c.cost));
    if (err) return err;
  }
  if (c.priority >= 0) {
    int err = BrStpSetPortPriority(p, static_cast<unsigned long>(c.priority));
    if (err) return err;
  }
  if (c.state >= 0) {
    int err = BrSetPortState(p, static_cast<uint8_t>(c.state));
    if (err) return err;
  }
  (void)old_flags;  // br_port_flags_change: promiscuity only changes with VLAN filtering on
  return 0;
}

}  // namespace linuxnet
