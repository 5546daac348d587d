// net/bridge/br_stp.c, br_stp_if.c, br_stp_timer.c: the kernel's 802.1D spanning tree. Root
// election by bridge id, root and designated port selection by path cost, port states
// (disabled/listening/learning/forwarding/blocking) with forward_delay and max_age, topology change
// notification, message age. BPDUs are built and parsed in br_stp_bpdu.cc; all timers run in
// virtual time (jiffies at HZ 250; round_jiffies rounds to a whole second of virtual time).
#include <cerrno>

#include "net/bridge/br_private.h"
#include "net/core/dev.h"
#include "net/core/net_namespace.h"
#include "ns3/simulator.h"

namespace linuxnet {

using ns3::Simulator;
using ns3::Time;

static const Time kJiffy = ns3::MilliSeconds(4);       // 1/HZ, HZ = 250
static const Time kMessageAgeIncr = kJiffy;             // MESSAGE_AGE_INCR: HZ / 256 + 1 jiffies
static const Time kHoldTime = ns3::Seconds(1);          // BR_HOLD_TIME

// round_jiffies: to the nearest whole second (down when less than a quarter past), never earlier
// than now
Time BrRoundJiffies(Time t) {
  int64_t j = t.GetNanoSeconds() / kJiffy.GetNanoSeconds();
  int64_t hz = 250, rem = j % hz;
  int64_t r = rem < hz / 4 ? j - rem : j - rem + hz;
  Time rt = kJiffy * r;
  if (rt <= Simulator::Now()) return t;
  return rt;
}

// mod_timer for a bridge timer: re-arm at an absolute time
template <typename F, typename A>
static void ModTimer(ns3::EventId& timer, Time expires, F fn, A arg) {
  timer.Cancel();
  Time d = expires - Simulator::Now();
  if (d.IsNegative()) d = Time(0);
  timer = Simulator::Schedule(d, fn, arg);
}

// memcmp of two struct bridge_id (priority, then address)
static int BridgeIdCmp(const BridgeId& a, const BridgeId& b) {
  if (a.prio[0] != b.prio[0]) return a.prio[0] < b.prio[0] ? -1 : 1;
  if (a.prio[1] != b.prio[1]) return a.prio[1] < b.prio[1] ? -1 : 1;
  for (int i = 0; i < 6; i++)
    if (a.addr.b[i] != b.addr.b[i]) return a.addr.b[i] < b.addr.b[i] ? -1 : 1;
  return 0;
}

// br_set_state
void BrSetState(NetBridgePort* p, BrPortState state) { p->state = state; }

// br_get_port
NetBridgePort* BrGetPort(BridgeDev* br, uint16_t port_no) {
  for (NetBridgePort* p : br->port_list)
    if (p->port_no == port_no) return p;
  return nullptr;
}

// br_is_root_bridge
bool BrIsRootBridge(const BridgeDev* br) { return br->designated_root == br->bridge_id; }

// br_is_designated_port
static bool BrIsDesignatedPort(const NetBridgePort* p) {
  return p->designated_bridge == p->br->bridge_id && p->designated_port == p->port_id;
}

// br_should_become_root_port: better root, then lower cost, designated bridge, port, own port id
static bool BrShouldBecomeRootPort(const NetBridgePort* p, uint16_t root_port) {
  BridgeDev* br = p->br;
  if (p->state == BR_STATE_DISABLED || BrIsDesignatedPort(p)) return false;
  if (BridgeIdCmp(br->bridge_id, p->designated_root) <= 0) return false;
  if (!root_port) return true;
  NetBridgePort* rp = BrGetPort(br, root_port);
  int t = BridgeIdCmp(p->designated_root, rp->designated_root);
  if (t != 0) return t < 0;
  uint32_t c = p->designated_cost + p->path_cost, rc = rp->designated_cost + rp->path_cost;
  if (c != rc) return c < rc;
  t = BridgeIdCmp(p->designated_bridge, rp->designated_bridge);
  if (t != 0) return t < 0;
  if (p->designated_port != rp->designated_port) return p->designated_port < rp->designated_port;
  return p->port_id < rp->port_id;
}

// br_root_port_block: root_block keeps the port from becoming root port
static void BrRootPortBlock(BridgeDev* br, NetBridgePort* p) {
  BrSetState(p, BR_STATE_LISTENING);
  if (!br->forward_delay.IsZero())
    ModTimer(p->forward_delay_timer, Simulator::Now() + br->forward_delay, &BrForwardDelayTimerExpired, p);
}

// br_root_selection
static void BrRootSelection(BridgeDev* br) {
  uint16_t root_port = 0;
  for (NetBridgePort* p : br->port_list) {
    if (!BrShouldBecomeRootPort(p, root_port)) continue;
    if (p->flags & BR_ROOT_BLOCK) BrRootPortBlock(br, p);
    else root_port = p->port_no;
  }
  br->root_port = root_port;
  if (!root_port) {
    br->designated_root = br->bridge_id;
    br->root_path_cost = 0;
  } else {
    NetBridgePort* p = BrGetPort(br, root_port);
    br->designated_root = p->designated_root;
    br->root_path_cost = p->designated_cost + p->path_cost;
  }
}

// br_become_root_bridge: own timer values, a topology change, BPDUs now and every hello_time
void BrBecomeRootBridge(BridgeDev* br) {
  br->max_age = br->bridge_max_age;
  br->hello_time = br->bridge_hello_time;
  br->forward_delay = br->bridge_forward_delay;
  BrTopologyChangeDetection(br);
  br->tcn_timer.Cancel();
  if (br->flags & IFF_UP) {
    BrConfigBpduGeneration(br);
    ModTimer(br->hello_timer, Simulator::Now() + br->hello_time, &BrHelloTimerExpired, br);
  }
}

// br_transmit_config: a configuration BPDU on a port, at most one per hold time
void BrTransmitConfig(NetBridgePort* p) {
  if (p->hold_timer.IsRunning()) {
    p->config_pending = true;
    return;
  }
  BridgeDev* br = p->br;
  BrConfigBpdu bpdu;
  bpdu.topology_change = br->topology_change;
  bpdu.topology_change_ack = p->topology_change_ack;
  bpdu.root = br->designated_root;
  bpdu.root_path_cost = br->root_path_cost;
  bpdu.bridge_id = br->bridge_id;
  bpdu.port_id = p->port_id;
  if (BrIsRootBridge(br)) {
    bpdu.message_age = Time(0);
  } else {
    NetBridgePort* root = BrGetPort(br, br->root_port);
    bpdu.message_age = (Simulator::Now() - root->designated_age) + kMessageAgeIncr;
  }
  bpdu.max_age = br->max_age;
  bpdu.hello_time = br->hello_time;
  bpdu.forward_delay = br->forward_delay;
  if (bpdu.message_age < br->max_age) {
    BrSendConfigBpdu(p, bpdu);
    p->topology_change_ack = false;
    p->config_pending = false;
    if (br->stp_enabled == BR_KERNEL_STP)
      ModTimer(p->hold_timer, BrRoundJiffies(Simulator::Now() + kHoldTime), &BrHoldTimerExpired, p);
  }
}

// br_record_config_information: the port's view of the segment's designated bridge
static void BrRecordConfigInformation(NetBridgePort* p, const BrConfigBpdu& bpdu) {
  p->designated_root = bpdu.root;
  p->designated_cost = bpdu.root_path_cost;
  p->designated_bridge = bpdu.bridge_id;
  p->designated_port = bpdu.port_id;
  p->designated_age = Simulator::Now() - bpdu.message_age;
  ModTimer(p->message_age_timer, Simulator::Now() + (bpdu.max_age - bpdu.message_age), &BrMessageAgeTimerExpired, p);
}

// br_record_config_timeout_values: a non-root bridge takes the root's timers
static void BrRecordConfigTimeoutValues(BridgeDev* br, const BrConfigBpdu& bpdu) {
  br->max_age = bpdu.max_age;
  br->hello_time = bpdu.hello_time;
  br->forward_delay = bpdu.forward_delay;
  BrSetTopologyChange(br, bpdu.topology_change);
}

// br_transmit_tcn: a topology change notification towards the root
void BrTransmitTcn(BridgeDev* br) {
  if (NetBridgePort* p = BrGetPort(br, br->root_port)) BrSendTcnBpdu(p);
}

// br_should_become_designated_port
static bool BrShouldBecomeDesignatedPort(const NetBridgePort* p) {
  BridgeDev* br = p->br;
  if (BrIsDesignatedPort(p)) return true;
  if (!(p->designated_root == br->designated_root)) return true;
  if (br->root_path_cost != p->designated_cost) return br->root_path_cost < p->designated_cost;
  int t = BridgeIdCmp(br->bridge_id, p->designated_bridge);
  if (t != 0) return t < 0;
  return p->port_id < p->designated_port;
}

// br_designated_port_selection
static void BrDesignatedPortSelection(BridgeDev* br) {
  for (NetBridgePort* p : br->port_list)
    if (p->state != BR_STATE_DISABLED && BrShouldBecomeDesignatedPort(p)) BrBecomeDesignatedPort(p);
}

// br_supersedes_port_info: is the received BPDU better than what the port holds
static bool BrSupersedesPortInfo(const NetBridgePort* p, const BrConfigBpdu& bpdu) {
  int t = BridgeIdCmp(bpdu.root, p->designated_root);
  if (t != 0) return t < 0;
  if (bpdu.root_path_cost != p->designated_cost) return bpdu.root_path_cost < p->designated_cost;
  t = BridgeIdCmp(bpdu.bridge_id, p->designated_bridge);
  if (t != 0) return t < 0;
  if (!(bpdu.bridge_id == p->br->bridge_id)) return true;
  return bpdu.port_id <= p->designated_port;
}

// br_topology_change_acknowledged
static void BrTopologyChangeAcknowledged(BridgeDev* br) {
  br->topology_change_detected = false;
  br->tcn_timer.Cancel();
}

// __br_set_topology_change: during a topology change the fdb ages in 2 * forward_delay
void BrSetTopologyChange(BridgeDev* br, bool val) {
  if (br->stp_enabled == BR_KERNEL_STP && br->topology_change != val)
    br->ageing_time = val ? br->forward_delay * 2 : br->bridge_ageing_time;
  br->topology_change = val;
}

// br_topology_change_detection: the root flags it, another bridge notifies the root
void BrTopologyChangeDetection(BridgeDev* br) {
  bool isroot = BrIsRootBridge(br);
  if (br->stp_enabled != BR_KERNEL_STP) return;
  if (isroot) {
    BrSetTopologyChange(br, true);
    ModTimer(br->topology_change_timer, Simulator::Now() + br->bridge_forward_delay + br->bridge_max_age,
             &BrTopologyChangeTimerExpired, br);
  } else if (!br->topology_change_detected) {
    BrTransmitTcn(br);
    ModTimer(br->tcn_timer, Simulator::Now() + br->bridge_hello_time, &BrTcnTimerExpired, br);
  }
  br->topology_change_detected = true;
}

// br_config_bpdu_generation: a configuration BPDU on every designated port
void BrConfigBpduGeneration(BridgeDev* br) {
  for (NetBridgePort* p : br->port_list)
    if (p->state != BR_STATE_DISABLED && BrIsDesignatedPort(p)) BrTransmitConfig(p);
}

// br_reply
static void BrReply(NetBridgePort* p) { BrTransmitConfig(p); }

// br_configuration_update
void BrConfigurationUpdate(BridgeDev* br) {
  BrRootSelection(br);
  BrDesignatedPortSelection(br);
}

// br_become_designated_port
void BrBecomeDesignatedPort(NetBridgePort* p) {
  BridgeDev* br = p->br;
  p->designated_root = br->designated_root;
  p->designated_cost = br->root_path_cost;
  p->designated_bridge = br->bridge_id;
  p->designated_port = p->port_id;
}

// br_make_blocking
static void BrMakeBlocking(NetBridgePort* p) {
  if (p->state != BR_STATE_DISABLED && p->state != BR_STATE_BLOCKING) {
    if (p->state == BR_STATE_FORWARDING || p->state == BR_STATE_LEARNING) BrTopologyChangeDetection(p->br);
    BrSetState(p, BR_STATE_BLOCKING);
    p->forward_delay_timer.Cancel();
  }
}

// br_make_forwarding: a blocking port starts listening (kernel STP) or forwards at once (no STP)
static void BrMakeForwarding(NetBridgePort* p) {
  BridgeDev* br = p->br;
  if (p->state != BR_STATE_BLOCKING) return;
  if (br->stp_enabled == BR_NO_STP || br->forward_delay.IsZero()) {
    BrSetState(p, BR_STATE_FORWARDING);
    BrTopologyChangeDetection(br);
    p->forward_delay_timer.Cancel();
  } else if (br->stp_enabled == BR_KERNEL_STP) {
    BrSetState(p, BR_STATE_LISTENING);
  } else {
    BrSetState(p, BR_STATE_LEARNING);
  }
  // armed after either branch: it runs (and expires doing nothing) on a forwarding port too
  if (!br->forward_delay.IsZero())
    ModTimer(p->forward_delay_timer, Simulator::Now() + br->forward_delay, &BrForwardDelayTimerExpired, p);
}

// br_port_state_selection: root and designated ports forward, the others block; the bridge has
// carrier while one of its ports forwards
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

// br_topology_change_acknowledge
static void BrTopologyChangeAcknowledge(NetBridgePort* p) {
  p->topology_change_ack = true;
  BrTransmitConfig(p);
}

// br_received_config_bpdu
void BrReceivedConfigBpdu(NetBridgePort* p, const BrConfigBpdu& bpdu) {
  BridgeDev* br = p->br;
  bool was_root = BrIsRootBridge(br);
  if (BrSupersedesPortInfo(p, bpdu)) {
    BrRecordConfigInformation(p, bpdu);
    BrConfigurationUpdate(br);
    BrPortStateSelection(br);
    if (!BrIsRootBridge(br) && was_root) {
      br->hello_timer.Cancel();
      if (br->topology_change_detected) {
        br->topology_change_timer.Cancel();
        BrTransmitTcn(br);
        ModTimer(br->tcn_timer, Simulator::Now() + br->bridge_hello_time, &BrTcnTimerExpired, br);
      }
    }
    if (p->port_no == br->root_port) {
      BrRecordConfigTimeoutValues(br, bpdu);
      BrConfigBpduGeneration(br);
      if (bpdu.topology_change_ack) BrTopologyChangeAcknowledged(br);
    }
  } else if (BrIsDesignatedPort(p)) {
    BrReply(p);
  }
}

// br_received_tcn_bpdu
void BrReceivedTcnBpdu(NetBridgePort* p) {
  if (BrIsDesignatedPort(p)) {
    BrTopologyChangeDetection(p->br);
    BrTopologyChangeAcknowledge(p);
  }
}

// ---- br_stp_timer.c ----

// br_is_designated_for_some_port
static bool BrIsDesignatedForSomePort(const BridgeDev* br) {
  for (NetBridgePort* p : br->port_list)
    if (p->state != BR_STATE_DISABLED && p->designated_bridge == br->bridge_id) return true;
  return false;
}

// br_hello_timer_expired
void BrHelloTimerExpired(BridgeDev* br) {
  if (br->flags & IFF_UP) {
    BrConfigBpduGeneration(br);
    if (br->stp_enabled == BR_KERNEL_STP)
      ModTimer(br->hello_timer, BrRoundJiffies(Simulator::Now() + br->hello_time), &BrHelloTimerExpired, br);
  }
}

// br_message_age_timer_expired: the designated bridge on this segment went silent
void BrMessageAgeTimerExpired(NetBridgePort* p) {
  BridgeDev* br = p->br;
  if (p->state == BR_STATE_DISABLED) return;
  bool was_root = BrIsRootBridge(br);
  BrBecomeDesignatedPort(p);
  BrConfigurationUpdate(br);
  BrPortStateSelection(br);
  if (BrIsRootBridge(br) && !was_root) BrBecomeRootBridge(br);
  LinkwatchRunQueue(br->net->host);  // the timer runs outside any request
}

// br_forward_delay_timer_expired: listening -> learning -> forwarding
void BrForwardDelayTimerExpired(NetBridgePort* p) {
  BridgeDev* br = p->br;
  if (p->state == BR_STATE_LISTENING) {
    BrSetState(p, BR_STATE_LEARNING);
    ModTimer(p->forward_delay_timer, Simulator::Now() + br->forward_delay, &BrForwardDelayTimerExpired, p);
  } else if (p->state == BR_STATE_LEARNING) {
    BrSetState(p, BR_STATE_FORWARDING);
    if (BrIsDesignatedForSomePort(br)) BrTopologyChangeDetection(br);
    NetifCarrierOn(br);
    LinkwatchRunQueue(br->net->host);
  }
}

// br_tcn_timer_expired: repeat the notification until the root acknowledges it
void BrTcnTimerExpired(BridgeDev* br) {
  if (!BrIsRootBridge(br) && (br->flags & IFF_UP)) {
    BrTransmitTcn(br);
    ModTimer(br->tcn_timer, Simulator::Now() + br->bridge_hello_time, &BrTcnTimerExpired, br);
  }
}

// br_topology_change_timer_expired
void BrTopologyChangeTimerExpired(BridgeDev* br) {
  br->topology_change_detected = false;
  BrSetTopologyChange(br, false);
}

// br_hold_timer_expired: send what the hold time kept back
void BrHoldTimerExpired(NetBridgePort* p) {
  if (p->config_pending) BrTransmitConfig(p);
}

// ---- br_stp_if.c ----

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

// br_stp_enable_bridge
void BrStpEnableBridge(BridgeDev* br) {
  if (br->stp_enabled == BR_KERNEL_STP)
    ModTimer(br->hello_timer, Simulator::Now() + br->hello_time, &BrHelloTimerExpired, br);
  BrFdbScheduleGc(br, ns3::MilliSeconds(100));  // HZ / 10
  BrConfigBpduGeneration(br);
  for (NetBridgePort* p : br->port_list) {
    NetDev* d = p->dev.operator->();
    if (d->IsUp() && (d->operstate == IF_OPER_UP || d->operstate == IF_OPER_UNKNOWN)) BrStpEnablePort(p);
  }
}

// br_stp_disable_bridge
void BrStpDisableBridge(BridgeDev* br) {
  for (NetBridgePort* p : br->port_list)
    if (p->state != BR_STATE_DISABLED) BrStpDisablePort(p);
  BrSetTopologyChange(br, false);
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

// br_stp_disable_port: learned entries behind the port go; the bridge may become root
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
  if (BrIsRootBridge(br) && !wasroot) BrBecomeRootBridge(br);
}

// br_stp_change_bridge_id
void BrStpChangeBridgeId(BridgeDev* br, const MacAddr& addr) {
  BrFdbChangeMacAddress(br, addr);
  bool wasroot = BrIsRootBridge(br);
  MacAddr oldaddr = br->bridge_id.addr;
  br->bridge_id.addr = addr;
  br->dev_addr = addr;  // eth_hw_addr_set
  for (NetBridgePort* p : br->port_list) {
    if (p->designated_bridge.addr == oldaddr) p->designated_bridge.addr = addr;
    if (p->designated_root.addr == oldaddr) p->designated_root.addr = addr;
  }
  BrConfigurationUpdate(br);
  BrPortStateSelection(br);
  if (BrIsRootBridge(br) && !wasroot) BrBecomeRootBridge(br);
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

// br_stp_set_bridge_priority
void BrStpSetBridgePriority(BridgeDev* br, uint16_t newprio) {
  bool wasroot = BrIsRootBridge(br);
  for (NetBridgePort* p : br->port_list) {
    if (p->state != BR_STATE_DISABLED && BrIsDesignatedPort(p)) {
      p->designated_bridge.prio[0] = static_cast<uint8_t>(newprio >> 8);
      p->designated_bridge.prio[1] = static_cast<uint8_t>(newprio & 0xff);
    }
  }
  br->bridge_id.prio[0] = static_cast<uint8_t>(newprio >> 8);
  br->bridge_id.prio[1] = static_cast<uint8_t>(newprio & 0xff);
  BrConfigurationUpdate(br);
  BrPortStateSelection(br);
  if (BrIsRootBridge(br) && !wasroot) BrBecomeRootBridge(br);
}

// br_stp_set_port_priority
int BrStpSetPortPriority(NetBridgePort* p, unsigned long newprio) {
  if (newprio > (0xffffu >> 10)) return -ERANGE;  // BR_MAX_PORT_PRIORITY
  uint16_t new_port_id = BrMakePortId(static_cast<uint8_t>(newprio), p->port_no);
  if (BrIsDesignatedPort(p)) p->designated_port = new_port_id;
  p->port_id = new_port_id;
  p->priority = static_cast<uint8_t>(newprio);
  if (p->br->bridge_id == p->designated_bridge && p->port_id < p->designated_port) {
    BrBecomeDesignatedPort(p);
    BrPortStateSelection(p->br);
  }
  return 0;
}

// br_stp_set_path_cost
int BrStpSetPathCost(NetBridgePort* p, unsigned long path_cost) {
  if (path_cost < 1 || path_cost > 65535) return -ERANGE;  // BR_MIN_PATH_COST, BR_MAX_PATH_COST
  p->flags |= BR_ADMIN_COST;
  p->path_cost = static_cast<uint32_t>(path_cost);
  BrConfigurationUpdate(p->br);
  BrPortStateSelection(p->br);
  return 0;
}

// br_stp_start (no user-space helper in a namespace other than init_net): kernel STP
static void BrStpStart(BridgeDev* br) {
  if (br->bridge_forward_delay < ns3::Seconds(2)) {  // BR_MIN_FORWARD_DELAY
    br->bridge_forward_delay = ns3::Seconds(2);
    if (BrIsRootBridge(br)) br->forward_delay = br->bridge_forward_delay;
  } else if (br->bridge_forward_delay > ns3::Seconds(30)) {  // BR_MAX_FORWARD_DELAY
    br->bridge_forward_delay = ns3::Seconds(30);
    if (BrIsRootBridge(br)) br->forward_delay = br->bridge_forward_delay;
  }
  br->stp_enabled = BR_KERNEL_STP;
  if (br->flags & IFF_UP) ModTimer(br->hello_timer, Simulator::Now() + br->hello_time, &BrHelloTimerExpired, br);
  BrPortStateSelection(br);  // to start timers on any ports left in blocking
}

// br_stp_stop: the ports keep their states; the hello timer stops at its next expiry
static void BrStpStop(BridgeDev* br) { br->stp_enabled = BR_NO_STP; }

// br_stp_set_enabled
void BrStpSetEnabled(BridgeDev* br, int val) {
  if (val) {
    if (br->stp_enabled == BR_NO_STP) BrStpStart(br);
  } else if (br->stp_enabled != BR_NO_STP) {
    BrStpStop(br);
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
