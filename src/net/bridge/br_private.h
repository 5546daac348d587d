// net/bridge/br_private.h: struct net_bridge (the bridge device), struct net_bridge_port, struct
// net_bridge_fdb_entry, and the functions of net/bridge/*.c the model has, named after them.
#pragma once
#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "net/core/netdevice.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"

namespace linuxnet {

// port STP states (include/uapi/linux/if_bridge.h BR_STATE_*)
enum BrPortState : uint8_t { BR_STATE_DISABLED = 0, BR_STATE_LISTENING = 1, BR_STATE_LEARNING = 2,
                             BR_STATE_FORWARDING = 3, BR_STATE_BLOCKING = 4 };
// br->stp_enabled
enum BrStpMode : uint8_t { BR_NO_STP = 0, BR_KERNEL_STP = 1, BR_USER_STP = 2 };

// net_bridge_port->flags (include/linux/if_bridge.h)
enum : uint32_t {
  BR_HAIRPIN_MODE = 1u << 0, BR_BPDU_GUARD = 1u << 1, BR_ROOT_BLOCK = 1u << 2,
  BR_MULTICAST_FAST_LEAVE = 1u << 3, BR_ADMIN_COST = 1u << 4, BR_LEARNING = 1u << 5, BR_FLOOD = 1u << 6,
  BR_PROMISC = 1u << 7, BR_PROXYARP = 1u << 8, BR_LEARNING_SYNC = 1u << 9, BR_PROXYARP_WIFI = 1u << 10,
  BR_MCAST_FLOOD = 1u << 11, BR_MULTICAST_TO_UNICAST = 1u << 12, BR_VLAN_TUNNEL = 1u << 13,
  BR_BCAST_FLOOD = 1u << 14, BR_NEIGH_SUPPRESS = 1u << 15, BR_ISOLATED = 1u << 16,
};

// netfilter bridge hook numbers (include/uapi/linux/netfilter_bridge.h)
enum NfBrHook : uint8_t { NF_BR_PRE_ROUTING = 0, NF_BR_LOCAL_IN = 1, NF_BR_FORWARD = 2, NF_BR_LOCAL_OUT = 3,
                          NF_BR_POST_ROUTING = 4 };

enum BrPktType { BR_PKT_UNICAST, BR_PKT_MULTICAST, BR_PKT_BROADCAST };

// neighbour states the fdb reports (include/uapi/linux/neighbour.h)
enum : uint16_t { NUD_REACHABLE = 0x02, NUD_STALE = 0x04, NUD_NOARP = 0x40, NUD_PERMANENT = 0x80 };
// ndm_flags
enum : uint8_t { NTF_USE = 0x01, NTF_SELF = 0x02, NTF_MASTER = 0x04, NTF_EXT_LEARNED = 0x10,
                 NTF_OFFLOADED = 0x20, NTF_STICKY = 0x40 };
// nlmsg_flags of an RTM_NEWNEIGH request
enum : uint16_t { NLM_F_REPLACE = 0x100, NLM_F_EXCL = 0x200, NLM_F_CREATE = 0x400, NLM_F_APPEND = 0x800 };

class BridgeDev;
struct NetBridgePort;

// bridge_vlan_info.flags (include/uapi/linux/if_bridge.h BRIDGE_VLAN_INFO_*)
enum : uint16_t {
  BRIDGE_VLAN_INFO_MASTER = 1u << 0, BRIDGE_VLAN_INFO_PVID = 1u << 1, BRIDGE_VLAN_INFO_UNTAGGED = 1u << 2,
  BRIDGE_VLAN_INFO_RANGE_BEGIN = 1u << 3, BRIDGE_VLAN_INFO_RANGE_END = 1u << 4, BRIDGE_VLAN_INFO_BRENTRY = 1u << 5,
};
// IFLA_BRIDGE_FLAGS
enum : uint16_t { BRIDGE_FLAGS_MASTER = 1, BRIDGE_FLAGS_SELF = 2 };
constexpr uint16_t VLAN_VID_MASK = 0x0fff;

// struct net_bridge_vlan: a VLAN of a port, or of the bridge (a "master" entry, the global
// context; a "brentry" when the bridge device itself is a member)
struct NetBridgeVlan {
  uint16_t vid = 0;
  uint16_t flags = 0;                // BRIDGE_VLAN_INFO_*
  BridgeDev* br = nullptr;           // master entries
  NetBridgePort* port = nullptr;     // port entries
  NetBridgeVlan* brvlan = nullptr;   // a port entry's master entry
  uint32_t refcnt = 0;               // master entries: the port entries using it (+1 as brentry)
};

// struct net_bridge_vlan_group: vlan_hash and vlan_list in one ordered map (the list is kept
// sorted by vid, as __vlan_add_list keeps it); map nodes do not move, so pointers stay valid
struct NetBridgeVlanGroup {
  std::map<uint16_t, NetBridgeVlan> vlan_list;
  uint16_t num_vlans = 0;  // entries that br_vlan_should_use
  uint16_t pvid = 0;
};

// struct bridge_id
struct BridgeId {
  uint8_t prio[2] = {0x80, 0x00};
  MacAddr addr;
  bool operator==(const BridgeId& o) const { return prio[0] == o.prio[0] && prio[1] == o.prio[1] && addr == o.addr; }
  std::string Str() const;  // "8000.2:0:0:0:1:1" as iproute2 prints it
};

// struct net_bridge_port
struct NetBridgePort {
  BridgeDev* br = nullptr;
  ns3::Ptr<NetDev> dev;
  uint32_t flags = 0;
  BrPortState state = BR_STATE_DISABLED;
  uint16_t port_no = 0;
  uint8_t priority = 0;
  uint16_t port_id = 0;
  uint32_t path_cost = 0;
  BridgeId designated_root, designated_bridge;
  uint32_t designated_cost = 0;
  uint16_t designated_port = 0;
  ns3::Time designated_age;  // when the recorded BPDU left the root (jiffies - message_age)
  bool topology_change_ack = false, config_pending = false;
  ns3::EventId forward_delay_timer, message_age_timer, hold_timer;
  std::unique_ptr<NetBridgeVlanGroup> vlgrp;  // nbp_vlan_group: null without CONFIG_BRIDGE_VLAN_FILTERING
};

// struct net_bridge_fdb_entry
struct NetBridgeFdbEntry {
  NetBridgePort* dst = nullptr;  // nullptr: the bridge device's own address
  MacAddr addr;
  uint16_t vlan_id = 0;
  ns3::Time updated, used;
  bool is_local = false, is_static = false, is_sticky = false;
  bool added_by_user = false, added_by_external_learn = false, offloaded = false;
};

// struct net_bridge: the bridge device and its private state
class BridgeDev : public NetDev {
 public:
  static ns3::TypeId GetTypeId();
  BridgeDev();
  ~BridgeDev() override;

  std::list<NetBridgePort*> port_list;  // list_add_rcu at the head, as br_add_if does
  std::list<NetBridgeFdbEntry> fdb_list;  // hlist_add_head: newest first, the dump order
  std::unordered_map<uint64_t, std::list<NetBridgeFdbEntry>::iterator> fdb_hash_tbl;

  BridgeId bridge_id, designated_root;
  uint32_t root_path_cost = 0;
  uint16_t root_port = 0;
  BrStpMode stp_enabled = BR_NO_STP;
  // times as the kernel keeps them in jiffies, here in virtual time
  ns3::Time max_age, bridge_max_age, hello_time, bridge_hello_time, forward_delay, bridge_forward_delay;
  ns3::Time ageing_time, bridge_ageing_time;
  bool topology_change = false, topology_change_detected = false;
  uint16_t group_fwd_mask = 0;
  MacAddr group_addr;
  bool mtu_set_by_user = false;  // BROPT_MTU_SET_BY_USER
  bool vlan_enabled = false;     // BROPT_VLAN_ENABLED
  std::unique_ptr<NetBridgeVlanGroup> vlgrp;  // br_vlan_group: null without CONFIG_BRIDGE_VLAN_FILTERING
  uint16_t default_pvid = 0;     // br->default_pvid (1 once br_vlan_init ran)
  bool no_ll_learn = false;      // BROPT_NO_LL_LEARN
  bool nf_call_iptables = false, nf_call_ip6tables = false, nf_call_arptables = false;  // BROPT_NF_CALL_*
  ns3::EventId gc_work, hello_timer, tcn_timer, topology_change_timer;
  ns3::Time gc_work_at;          // when gc_work is due (for ip -d link's gc_timer)
  uint64_t br_rx_packets = 0, br_rx_bytes = 0, br_tx_packets = 0, br_tx_bytes = 0;  // br->stats

  NetdevTx NdoStartXmit(SkbPtr skb) override;   // br_dev_xmit
  int NdoOpen() override;                        // br_dev_open
  int NdoStop() override;                        // br_dev_stop
  int NdoChangeMtu(uint32_t new_mtu) override;   // br_change_mtu
  int NdoSetMacAddress(const MacAddr& a) override;  // br_set_mac_address
  int NdoAddSlave(NetDev* slave) override;       // br_add_slave
  int NdoDelSlave(NetDev* slave) override;       // br_del_slave
  LinkStats GetStats64() const override;         // br_get_stats64
  void Uninit() override;                        // br_dev_delete

 protected:
  void DoDispose() override;
};

// Bridge device creation options (IFLA_BR_*)
struct BrNewlinkParams {
  std::string name;
  const MacAddr* addr = nullptr;
  uint32_t mtu = 0;
  int stp_state = -1;
  int64_t ageing_time = -1, forward_delay = -1, hello_time = -1, max_age = -1;  // clock_t (1/100 s)
  int priority = -1;
  int vlan_filtering = -1;
  int group_fwd_mask = -1;
  int nf_call_iptables = -1, nf_call_ip6tables = -1, nf_call_arptables = -1;
};

// br_device.c
int BrDevNewlink(NetNs* net, const BrNewlinkParams& p);  // br_dev_newlink
BridgeDev* AsBridge(NetDev* dev);                         // netif_is_bridge_master + netdev_priv
NetBridgePort* BrPortGet(const NetDev* dev);              // br_port_get_rtnl
int BrChangeLinkOpts(BridgeDev* br, const BrNewlinkParams& p);  // br_changelink

// br_if.c
int BrAddIf(BridgeDev* br, NetDev* dev);   // br_add_if
int BrDelIf(BridgeDev* br, NetDev* dev);   // br_del_if
void BrMtuAutoAdjust(BridgeDev* br);       // br_mtu_auto_adjust
void BrPortCarrierCheck(NetBridgePort* p, bool* notified);  // br_port_carrier_check
uint32_t PortCost(NetDev* dev);            // port_cost

// br_input.c
RxHandlerResult BrHandleFrame(SkbPtr* pskb);          // br_handle_frame
int BrHandleFrameFinish(NetNs* net, SkbPtr skb);      // br_handle_frame_finish

// br_forward.c
void BrForward(NetBridgePort* to, SkbPtr skb, bool local_rcv, bool local_orig);  // br_forward
void BrFlood(BridgeDev* br, SkbPtr skb, BrPktType pkt_type, bool local_rcv, bool local_orig);  // br_flood
int BrDevQueuePushXmit(NetNs* net, SkbPtr skb);       // br_dev_queue_push_xmit
int BrForwardFinish(NetNs* net, SkbPtr skb);          // br_forward_finish

// br_netfilter_hooks.c: on a namespace's first bridge (brnf_device_event), bridged IPv4 frames
// start crossing the IPv4 PRE_ROUTING, FORWARD and POST_ROUTING hooks
void BrNetfilterEnable(NetNs* net);

// br_fdb.c
NetBridgeFdbEntry* BrFdbFind(BridgeDev* br, const MacAddr& addr, uint16_t vid);  // br_fdb_find
int BrFdbInsert(BridgeDev* br, NetBridgePort* source, const MacAddr& addr, uint16_t vid);  // br_fdb_insert
void BrFdbUpdate(BridgeDev* br, NetBridgePort* source, const MacAddr& addr, uint16_t vid, bool added_by_user);
void BrFdbDeleteByPort(BridgeDev* br, const NetBridgePort* p, uint16_t vid, bool do_all);
void BrFdbChangeMacAddress(BridgeDev* br, const MacAddr& newaddr);  // br_fdb_change_mac_address
void BrFdbChangeaddr(NetBridgePort* p, const MacAddr& newaddr);     // br_fdb_changeaddr
void BrFdbCleanup(BridgeDev* br);                                    // br_fdb_cleanup (gc_work)
void BrFdbScheduleGc(BridgeDev* br, ns3::Time delay);               // mod_delayed_work(&br->gc_work)
void BrFdbFlush(BridgeDev* br);                                      // br_fdb_flush
bool FdbHasExpired(const BridgeDev* br, const NetBridgeFdbEntry& f); // has_expired
uint16_t FdbToNud(const BridgeDev* br, const NetBridgeFdbEntry& f);  // fdb_to_nud
ns3::Time HoldTime(const BridgeDev* br);                             // hold_time
// br_fdb_add / br_fdb_delete: `dev` is a port or the bridge itself
int BrFdbAdd(NetDev* dev, const MacAddr& addr, uint16_t vid, uint16_t state, uint8_t ndm_flags, uint16_t nlh_flags);
int BrFdbDelete(NetDev* dev, const MacAddr& addr, uint16_t vid);

// struct br_config_bpdu (br_private_stp.h); times in virtual time, as jiffies in the kernel
struct BrConfigBpdu {
  bool topology_change = false, topology_change_ack = false;
  BridgeId root;
  uint32_t root_path_cost = 0;
  BridgeId bridge_id;
  uint16_t port_id = 0;
  ns3::Time message_age, max_age, hello_time, forward_delay;
};
enum : uint8_t { BPDU_TYPE_CONFIG = 0, BPDU_TYPE_TCN = 0x80 };

// br_stp.c, br_stp_if.c, br_stp_timer.c, br_stp_bpdu.c
void BrBecomeRootBridge(BridgeDev* br);       // br_become_root_bridge
void BrTransmitConfig(NetBridgePort* p);      // br_transmit_config
void BrTransmitTcn(BridgeDev* br);            // br_transmit_tcn
void BrConfigBpduGeneration(BridgeDev* br);   // br_config_bpdu_generation
void BrConfigurationUpdate(BridgeDev* br);    // br_configuration_update
void BrBecomeDesignatedPort(NetBridgePort* p);  // br_become_designated_port
void BrTopologyChangeDetection(BridgeDev* br);  // br_topology_change_detection
void BrReceivedConfigBpdu(NetBridgePort* p, const BrConfigBpdu& bpdu);  // br_received_config_bpdu
void BrReceivedTcnBpdu(NetBridgePort* p);     // br_received_tcn_bpdu
void BrSetTopologyChange(BridgeDev* br, bool val);  // __br_set_topology_change
void BrStpSetBridgePriority(BridgeDev* br, uint16_t newprio);  // br_stp_set_bridge_priority
int BrStpSetPortPriority(NetBridgePort* p, unsigned long newprio);  // br_stp_set_port_priority
int BrStpSetPathCost(NetBridgePort* p, unsigned long path_cost);    // br_stp_set_path_cost
NetBridgePort* BrGetPort(BridgeDev* br, uint16_t port_no);  // br_get_port
void BrSendConfigBpdu(NetBridgePort* p, const BrConfigBpdu& bpdu);  // br_send_config_bpdu
void BrSendTcnBpdu(NetBridgePort* p);         // br_send_tcn_bpdu
void BrStpRcv(SkbPtr skb, NetDev* dev);       // br_stp_rcv (from llc_rcv / stp_pdu_rcv)
ns3::Time BrRoundJiffies(ns3::Time t);        // round_jiffies: to a whole second of virtual time
void BrHelloTimerExpired(BridgeDev* br);      // br_hello_timer_expired
void BrTcnTimerExpired(BridgeDev* br);        // br_tcn_timer_expired
void BrTopologyChangeTimerExpired(BridgeDev* br);  // br_topology_change_timer_expired
void BrMessageAgeTimerExpired(NetBridgePort* p);   // br_message_age_timer_expired
void BrForwardDelayTimerExpired(NetBridgePort* p); // br_forward_delay_timer_expired
void BrHoldTimerExpired(NetBridgePort* p);         // br_hold_timer_expired
void BrStpEnableBridge(BridgeDev* br);     // br_stp_enable_bridge
void BrStpDisableBridge(BridgeDev* br);    // br_stp_disable_bridge
void BrStpEnablePort(NetBridgePort* p);    // br_stp_enable_port
void BrStpDisablePort(NetBridgePort* p);   // br_stp_disable_port
void BrInitPort(NetBridgePort* p);         // br_init_port
void BrSetState(NetBridgePort* p, BrPortState state);  // br_set_state
void BrPortStateSelection(BridgeDev* br);  // br_port_state_selection
bool BrStpRecalculateBridgeId(BridgeDev* br);  // br_stp_recalculate_bridge_id
void BrStpChangeBridgeId(BridgeDev* br, const MacAddr& addr);  // br_stp_change_bridge_id
void BrStpSetEnabled(BridgeDev* br, int val);  // br_stp_set_enabled
int BrSetPortState(NetBridgePort* p, uint8_t state);  // br_set_port_state (netlink)
bool BrIsRootBridge(const BridgeDev* br);     // br_is_root_bridge

// br_netlink.c: the port attributes `bridge link set` changes (br_setport); -errno
struct BrPortChange {
  int hairpin = -1, guard = -1, root_block = -1, fastleave = -1, learning = -1, flood = -1, mcast_flood = -1,
      bcast_flood = -1, neigh_suppress = -1, isolated = -1, proxy_arp = -1, proxy_arp_wifi = -1,
      mcast_to_unicast = -1, vlan_tunnel = -1;
  int64_t cost = -1;
  int priority = -1;
  int state = -1;
};
int BrSetport(NetBridgePort* p, const BrPortChange& c);


// br_if.c
void BrManagePromisc(BridgeDev* br);  // br_manage_promisc

// br_vlan.c (CONFIG_BRIDGE_VLAN_FILTERING: only when the Host's kconfig_bridge_vlan_filtering is on)
bool BrVlanConfigured(const NetNs* net);  // IS_ENABLED(CONFIG_BRIDGE_VLAN_FILTERING) on this machine
NetBridgeVlan* BrVlanFind(NetBridgeVlanGroup* vg, uint16_t vid);  // br_vlan_find
inline bool BrVlanIsMaster(const NetBridgeVlan* v) { return v->flags & BRIDGE_VLAN_INFO_MASTER; }
inline bool BrVlanIsBrentry(const NetBridgeVlan* v) { return v->flags & BRIDGE_VLAN_INFO_BRENTRY; }
// br_vlan_should_use: a master entry filters only when the bridge itself is a member
inline bool BrVlanShouldUse(const NetBridgeVlan* v) { return !BrVlanIsMaster(v) || BrVlanIsBrentry(v); }
inline uint16_t BrGetPvid(const NetBridgeVlanGroup* vg) { return vg ? vg->pvid : 0; }  // br_get_pvid
int BrVlanInit(BridgeDev* br);                   // br_vlan_init
int NbpVlanInit(NetBridgePort* p);               // nbp_vlan_init
void BrVlanFlush(BridgeDev* br);                 // br_vlan_flush
void NbpVlanFlush(NetBridgePort* p);             // nbp_vlan_flush
int BrVlanAdd(BridgeDev* br, uint16_t vid, uint16_t flags, bool* changed);        // br_vlan_add
int BrVlanDelete(BridgeDev* br, uint16_t vid);                                    // br_vlan_delete
int NbpVlanAdd(NetBridgePort* p, uint16_t vid, uint16_t flags, bool* changed);    // nbp_vlan_add
int NbpVlanDelete(NetBridgePort* p, uint16_t vid);                                // nbp_vlan_delete
int BrVlanFilterToggle(BridgeDev* br, unsigned long val);                         // br_vlan_filter_toggle
bool BrAllowedIngress(const BridgeDev* br, NetBridgeVlanGroup* vg, SkBuff* skb, uint16_t* vid);  // br_allowed_ingress
bool BrAllowedEgress(NetBridgeVlanGroup* vg, const SkBuff& skb);   // br_allowed_egress
bool BrShouldLearn(NetBridgePort* p, const SkBuff& skb, uint16_t* vid);  // br_should_learn
// br_handle_vlan: false when the frame must be dropped; clears the tag where the VLAN is untagged
bool BrHandleVlan(const BridgeDev* br, const NetBridgePort* p, NetBridgeVlanGroup* vg, SkBuff* skb);
// br_netlink.c br_afspec → br_process_vlan_info → br_vlan_info for one `bridge vlan add|del`
// request (vid..vid_end, vid_end 0 for a single VLAN); `dev` is a port or the bridge itself
int BrAfspecVlan(BridgeDev* br, NetBridgePort* p, bool add, uint16_t vid, uint16_t vid_end, uint16_t flags);
// br_fdb.c
void BrFdbFindDeleteLocal(BridgeDev* br, const NetBridgePort* p, const MacAddr& addr, uint16_t vid);

}  // namespace linuxnet
