// net/bridge/br_if.c: ports joining and leaving a bridge (br_add_if, br_del_if), port cost, the
// promiscuity the bridge puts its ports in, and the bridge MTU that follows its ports.
#include <algorithm>
#include <cerrno>
#include <cstring>

#include "net/bridge/br_private.h"
#include "net/core/dev.h"
#include "net/core/netdev-notifier.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

// port_cost: from the link speed (ethtool); veth reports 10000 Mb/s
uint32_t PortCost(NetDev* dev) {
  int speed = (dev->kind && std::strcmp(dev->kind->kind, "veth") == 0) ? 10000 : -1;
  switch (speed) {
    case 10000: return 2;
    case 1000: return 4;
    case 100: return 19;
    case 10: return 100;
    default: return 100;  // old and unknown devices: assume 10 Mb/s
  }
}

// find_portno: the lowest free port number, from 1
static uint16_t FindPortno(BridgeDev* br) {
  std::vector<bool> used(1024, false);
  used[0] = true;
  for (NetBridgePort* p : br->port_list) used[p->port_no] = true;
  for (uint16_t i = 1; i < 1024; i++)
    if (!used[i]) return i;
  return 0;
}

// new_nbp
static NetBridgePort* NewNbp(BridgeDev* br, NetDev* dev) {
  uint16_t index = FindPortno(br);
  if (!index) return nullptr;  // -EXFULL
  NetBridgePort* p = new NetBridgePort;
  p->br = br;
  p->dev = dev;
  p->path_cost = PortCost(dev);
  p->priority = 0x8000 >> 10;  // BR_PORT_BITS
  p->port_no = index;
  p->flags = BR_LEARNING | BR_FLOOD | BR_MCAST_FLOOD | BR_BCAST_FLOOD;
  BrInitPort(p);
  BrSetState(p, BR_STATE_DISABLED);
  return p;
}

// br_port_set_promisc / br_port_clear_promisc
static void BrPortSetPromisc(NetBridgePort* p) {
  if (p->flags & BR_PROMISC) return;
  DevSetPromiscuity(p->dev.operator->(), 1);
  p->flags |= BR_PROMISC;
}

static void BrPortClearPromisc(NetBridgePort* p) {
  if (!(p->flags & BR_PROMISC)) return;
  DevSetPromiscuity(p->dev.operator->(), -1);
  p->flags &= ~BR_PROMISC;
}

// br_manage_promisc: without VLAN filtering (or with the bridge promiscuous) every port is
// promiscuous; otherwise only when it must be (one port that does not learn or flood)
void BrManagePromisc(BridgeDev* br) {
  bool set_all = (br->flags & IFF_PROMISC) || !br->vlan_enabled;
  for (NetBridgePort* p : br->port_list) {
    if (set_all) {
      BrPortSetPromisc(p);
    } else {
      if (br->port_list.size() == 1 || !(p->flags & (BR_LEARNING | BR_FLOOD))) BrPortSetPromisc(p);
      else BrPortClearPromisc(p);
    }
  }
}

// nbp_update_port_count
static void NbpUpdatePortCount(BridgeDev* br) { BrManagePromisc(br); }

// br_mtu_min
static uint32_t BrMtuMin(const BridgeDev* br) {
  uint32_t ret = 0;
  for (NetBridgePort* p : br->port_list)
    if (!ret || ret > p->dev->mtu) ret = p->dev->mtu;
  return ret ? ret : 1500;  // ETH_DATA_LEN
}

// br_mtu_auto_adjust
void BrMtuAutoAdjust(BridgeDev* br) {
  if (br->mtu_set_by_user) return;
  DevSetMtu(br, BrMtuMin(br));
  br->mtu_set_by_user = false;
}

// br_set_gso_limits: the bridge offloads no more than its smallest port (TSO_MAX_SIZE with none)
static void BrSetGsoLimits(BridgeDev* br) {
  uint32_t tso_max_size = 524280;  // TSO_MAX_SIZE
  for (NetBridgePort* p : br->port_list) tso_max_size = std::min(tso_max_size, p->dev->tso_max_size);
  br->tso_max_size = tso_max_size;  // netif_set_tso_max_size
}

// br_add_if
int BrAddIf(BridgeDev* br, NetDev* dev) {
  // only Ethernet-like devices with a valid address
  if ((dev->flags & IFF_LOOPBACK) || dev->type != ARPHRD_ETHER || dev->dev_addr.IsMulticast() ||
      dev->dev_addr.IsZero())
    return -EINVAL;
  if (dev->priv_flags & IFF_EBRIDGE) return -ELOOP;  // no bridging of bridges
  if (dev->master) return -EBUSY;                     // device has a master upper dev
  NetBridgePort* p = NewNbp(br, dev);
  if (!p) return -EXFULL;
  dev->allmulti++;  // dev_set_allmulti(dev, 1)
  int err = NetdevRxHandlerRegister(dev, &BrHandleFrame, p);
  if (err) {
    dev->allmulti--;
    delete p;
    return err;
  }
  dev->priv_flags |= IFF_BRIDGE_PORT;
  dev->master = br;  // netdev_master_upper_dev_link
  br->port_list.push_front(p);
  NbpUpdatePortCount(br);
  BrFdbInsert(br, p, dev->dev_addr, 0);
  if (br->vlgrp) NbpVlanInit(p);  // with CONFIG_BRIDGE_VLAN_FILTERING: default_pvid
  bool changed_addr = BrStpRecalculateBridgeId(br);
  if (dev->IsUp() && (dev->operstate == IF_OPER_UP || dev->operstate == IF_OPER_UNKNOWN) && br->IsUp())
    BrStpEnablePort(p);
  if (changed_addr) CallNetdeviceNotifiers(NETDEV_CHANGEADDR, br);
  BrMtuAutoAdjust(br);
  BrSetGsoLimits(br);
  return 0;
}

// del_nbp
static void DelNbp(NetBridgePort* p) {
  BridgeDev* br = p->br;
  NetDev* dev = p->dev.operator->();
  BrPortClearPromisc(p);  // nbp_delete_promisc
  BrStpDisablePort(p);
  br->port_list.remove(p);
  BrFdbDeleteByPort(br, p, 0, true);
  NbpUpdatePortCount(br);
  dev->master = nullptr;  // netdev_upper_dev_unlink
  dev->priv_flags &= ~IFF_BRIDGE_PORT;
  NetdevRxHandlerUnregister(dev);
  NbpVlanFlush(p);
  dev->allmulti--;  // dev_set_allmulti(dev, -1)
  p->forward_delay_timer.Cancel();
  p->message_age_timer.Cancel();
  p->hold_timer.Cancel();
  delete p;
}

// br_del_if
int BrDelIf(BridgeDev* br, NetDev* dev) {
  NetBridgePort* p = BrPortGet(dev);
  if (!p || p->br != br) return -EINVAL;
  DelNbp(p);
  BrMtuAutoAdjust(br);
  BrSetGsoLimits(br);
  bool changed_addr = BrStpRecalculateBridgeId(br);
  if (changed_addr) CallNetdeviceNotifiers(NETDEV_CHANGEADDR, br);
  return 0;
}

// br_port_carrier_check
void BrPortCarrierCheck(NetBridgePort* p, bool* notified) {
  NetDev* dev = p->dev.operator->();
  BridgeDev* br = p->br;
  bool oper_up = dev->operstate == IF_OPER_UP || dev->operstate == IF_OPER_UNKNOWN;  // netif_oper_up
  if (!(p->flags & BR_ADMIN_COST) && dev->IsUp() && oper_up) p->path_cost = PortCost(dev);
  *notified = false;
  if (!br->IsUp()) return;
  if (dev->IsUp() && oper_up) {
    if (p->state == BR_STATE_DISABLED) {
      BrStpEnablePort(p);
      *notified = true;
    }
  } else if (p->state != BR_STATE_DISABLED) {
    BrStpDisablePort(p);
    *notified = true;
  }
}

}  // namespace linuxnet
