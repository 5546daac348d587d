// net/bridge/br_stp.c, br_stp_if.c, br_stp_timer.c: port states. Without STP a port that is up
// forwards at once; with the kernel STP this bridge is the root (no BPDUs are exchanged in the
// model) and its ports go listening → learning → forwarding, forward_delay apart.
#include <cerrno>

#include "net/bridge/br_private.h"
#include "net/core/dev.h"
#include "ns3/simulator.h"

namespace linuxnet {

// br_set_state
void BrSetState(NetBridgePort* p, BrPortState state) { p->state = state; }

// br_is_root_bridge
bool BrIsRootBridge(const BridgeDev* br) { return br->designated_root == br->bridge_id; }

// br_is_designated_port
static bool BrIsDesignatedPort(const NetBridgePort* p) {
  return p->designated_bridge == p->br->bridge_id && p->designated_port == p->port_id;
}

// br_become_designated_port
static void BrBecomeDesignatedPort(NetBridgePort* p) {
  BridgeDev* br = p->br;
  p->designated_root = br->designated_root;
  p->designated_cost = br->root_path_cost;
  p->designated_bridge = br->bridge_id;
  p->designated_port = p->port_id;
}

// br_make_port_id
static uint16_t BrMakePortId(uint8_t priority, uint16_t port_no) {
  return static_cast<uint16_t>((priority << 10) | (port_no & 0x3ff));
}

// br_init_port
void BrInitPort(NetBridgePort* p) {
  p->port_id = BrMakePortId(p->priority, p->port_no);
  BrBecomeDesignatedPort(p);
  BrSetState(p, BR_STATE_BLOCKING);
  p->topology_change_ack = false;
  p->config_pending = false;
}

// br_configuration_update (br_root_selection + br_designated_port_selection): with no BPDUs
// received this bridge is the root and every enabled port is designated
static void BrConfigurationUpdate(BridgeDev* br) {
  br->root_port = 0;
  br->designated_root = br->bridge_id;
  br->root_path_cost = 0;
  for (NetBridgePort* p : br->port_list)
    if (p->state != BR_STATE_DISABLED) BrBecomeDesignatedPort(p);
}

static void BrTopologyChangeTimerExpired(BridgeDev* br);

// br_topology_change_detection
static void BrTopologyChangeDetection(BridgeDev* br) {
  if (br->stp_enabled != BR_KERNEL_STP) return;
  if (BrIsRootBridge(br)) {
    br->topology_change = true;  // __br_set_topology_change
    br->topology_change_timer.Cancel();
    br->topology_change_timer = ns3::Simulator::Schedule(br->bridge_forward_delay + br->bridge_max_age,
                                                         &BrTopologyChangeTimerExpired, br);
  }
  br->topology_change_detected = true;
}

// br_topology_change_timer_expired
static void BrTopologyChangeTimerExpired(BridgeDev* br) {
  br->topology_change_detected = false;
  br->topology_change = false;
}

// br_forward_delay_timer_expired
static void BrForwardDelayTimerExpired(NetBridgePort* p) {
  BridgeDev* br = p->br;
  if (p->state == BR_STATE_LISTENING) {
    BrSetState(p, BR_STATE_LEARNING);
    p->forward_delay_timer = ns3::Simulator::Schedule(br->forward_delay, &BrForwardDelayTimerExpired, p);
  } else if (p->state == BR_STATE_LEARNING) {
    BrSetState(p, BR_STATE_FORWARDING);
    BrTopologyChangeDetection(br);  // br_is_designated_for_some_port: the root is
    NetifCarrierOn(br);
    LinkwatchRunQueue();  // the timer runs outside any request
  }
}

// br_make_forwarding
static void BrMakeForwarding(NetBridgePort* p) {
  BridgeDev* br = p->br;
  if (p->state != BR_STATE_BLOCKING) return;
  if (br->stp_enabled == BR_NO_STP || br->forward_delay.IsZero()) {
    BrSetState(p, BR_STATE_FORWARDING);
    BrTopologyChangeDetection(br);
    p->forward_delay_timer.Cancel();
    // the kernel arms the timer after either branch: it runs (and expires doing nothing) on a
    // forwarding port too, and `ip -d link` shows it counting down
    if (!br->forward_delay.IsZero())
      p->forward_delay_timer = ns3::Simulator::Schedule(br->forward_delay, &BrForwardDelayTimerExpired, p);
    return;
  }
  BrSetState(p, br->stp_enabled == BR_KERNEL_STP ? BR_STATE_LISTENING : BR_STATE_LEARNING);
  p->forward_delay_timer.Cancel();
  p->forward_delay_timer = ns3::Simulator::Schedule(br->forward_delay, &BrForwardDelayTimerExpired, p);
}

// br_make_blocking
static void BrMakeBlocking(NetBridgePort* p) {
  if (p->state != BR_STATE_DISABLED && p->state != BR_STATE_BLOCKING) {
    if (p->state == BR_STATE_FORWARDING || p->state == BR_STATE_LEARNING) BrTopologyChangeDetection(p->br);
    BrSetState(p, BR_STATE_BLOCKING);
    p->forward_delay_timer.Cancel();
  }
}

// br_port_state_selection: the bridge has carrier while one of its ports forwards
void BrPortStateSelection(BridgeDev* br) {
  unsigned liveports = 0;
  for (NetBridgePort* p : br->port_list) {
    if (p->state == BR_STATE_DISABLED) continue;
    if (br->stp_enabled != BR_USER_STP) {
      if (p->port_no == br->root_port) {
        p->config_pending = false;
        p->topology_change_ack = false;
        BrMakeForwarding(p);
      } else if (BrIsDesignatedPort(p)) {
        p->message_age_timer.Cancel();
        BrMakeForwarding(p);
      } else {
        p->config_pending = false;
        p->topology_change_ack = false;
        BrMakeBlocking(p);
      }
    }
    if (p->state == BR_STATE_FORWARDING) ++liveports;
  }
  if (liveports == 0) NetifCarrierOff(br);
  else NetifCarrierOn(br);
}

// br_stp_enable_bridge
void BrStpEnableBridge(BridgeDev* br) {
  BrFdbScheduleGc(br, ns3::MilliSeconds(100));  // HZ / 10
  for (NetBridgePort* p : br->port_list) {
    NetDev* d = p->dev.operator->();
    if (d->IsUp() && (d->operstate == IF_OPER_UP || d->operstate == IF_OPER_UNKNOWN)) BrStpEnablePort(p);
  }
}

// br_stp_disable_bridge
void BrStpDisableBridge(BridgeDev* br) {
  for (NetBridgePort* p : br->port_list)
    if (p->state != BR_STATE_DISABLED) BrStpDisablePort(p);
  br->topology_change = false;
  br->topology_change_detected = false;
  br->hello_timer.Cancel();
  br->topology_change_timer.Cancel();
  br->tcn_timer.Cancel();
  br->gc_work.Cancel();
}

// br_stp_enable_port
void BrStpEnablePort(NetBridgePort* p) {
  BrInitPort(p);
  BrPortStateSelection(p->br);
}

// br_stp_disable_port: learned entries behind the port go
void BrStpDisablePort(NetBridgePort* p) {
  BridgeDev* br = p->br;
  bool wasroot = BrIsRootBridge(br);
  BrBecomeDesignatedPort(p);
  BrSetState(p, BR_STATE_DISABLED);
  p->topology_change_ack = false;
  p->config_pending = false;
  p->message_age_timer.Cancel();
  p->forward_delay_timer.Cancel();
  p->hold_timer.Cancel();
  BrFdbDeleteByPort(br, p, 0, false);
  BrConfigurationUpdate(br);
  BrPortStateSelection(br);
  (void)wasroot;  // br_become_root_bridge: this bridge is always the root in the model
}

// br_stp_change_bridge_id
void BrStpChangeBridgeId(BridgeDev* br, const MacAddr& addr) {
  BrFdbChangeMacAddress(br, addr);
  MacAddr oldaddr = br->bridge_id.addr;
  br->bridge_id.addr = addr;
  br->dev_addr = addr;  // eth_hw_addr_set
  for (NetBridgePort* p : br->port_list) {
    if (p->designated_bridge.addr == oldaddr) p->designated_bridge.addr = addr;
    if (p->designated_root.addr == oldaddr) p->designated_root.addr = addr;
  }
  BrConfigurationUpdate(br);
  BrPortStateSelection(br);
}

// br_stp_recalculate_bridge_id: the lowest port address, unless the user set one
bool BrStpRecalculateBridgeId(BridgeDev* br) {
  if (br->addr_assign_type == 3) return false;  // NET_ADDR_SET: keep the user's choice
  const MacAddr* addr = nullptr;
  for (NetBridgePort* p : br->port_list)
    if (!addr || p->dev->dev_addr < *addr) addr = &p->dev->dev_addr;
  MacAddr zero;
  MacAddr a = addr ? *addr : zero;
  if (br->bridge_id.addr == a) return false;  // no change
  BrStpChangeBridgeId(br, a);
  return true;
}

// br_stp_set_enabled (br_stp_start / br_stp_stop, without a user-space helper)
void BrStpSetEnabled(BridgeDev* br, int val) {
  if (val) {
    if (br->stp_enabled == BR_NO_STP) {
      br->stp_enabled = BR_KERNEL_STP;
      BrPortStateSelection(br);
    }
  } else if (br->stp_enabled != BR_NO_STP) {
    br->hello_timer.Cancel();
    br->topology_change_timer.Cancel();
    br->tcn_timer.Cancel();
    br->stp_enabled = BR_NO_STP;
    BrPortStateSelection(br);
  }
}

// br_set_port_state
int BrSetPortState(NetBridgePort* p, uint8_t state) {
  if (state > BR_STATE_BLOCKING) return -EINVAL;
  if (p->br->stp_enabled == BR_KERNEL_STP) return -EBUSY;
  NetDev* d = p->dev.operator->();
  bool oper_up = d->operstate == IF_OPER_UP || d->operstate == IF_OPER_UNKNOWN;
  if (!d->IsUp() || (!oper_up && state != BR_STATE_DISABLED)) return -ENETDOWN;
  BrSetState(p, static_cast<BrPortState>(state));
  BrPortStateSelection(p->br);
  return 0;
}

}  // namespace linuxnet
