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
    // br_stp_set_path_cost
    if (c.cost < 1 || c.cost > 65535) return -ERANGE;
    p->flags |= BR_ADMIN_COST;
    p->path_cost = static_cast<uint32_t>(c.cost);
  }
  if (c.priority >= 0) {
    // br_stp_set_port_priority
    if (c.priority >= (1 << 6)) return -ERANGE;
    uint16_t new_port_id = static_cast<uint16_t>((c.priority << 10) | (p->port_no & 0x3ff));
    // br_is_designated_port: a designated port keeps naming itself
    if (p->designated_bridge == p->br->bridge_id && p->designated_port == p->port_id)
      p->designated_port = new_port_id;
    p->priority = static_cast<uint8_t>(c.priority);
    p->port_id = new_port_id;
  }
  if (c.state >= 0) {
    int err = BrSetPortState(p, static_cast<uint8_t>(c.state));
    if (err) return err;
  }
  (void)old_flags;  // br_port_flags_change: promiscuity only changes with VLAN filtering on
  return 0;
}

}  // namespace linuxnet
