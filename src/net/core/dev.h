// net/core/dev.c: the device receive core and transmit entry, the rx_handler slot, packet-type
// handler lists, and device registration/state changes (register_netdevice, dev_open, dev_close,
// dev_change_net_namespace).
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "net/core/netdevice.h"
#include "sim/skbuff.h"

namespace linuxnet {

enum : int { NET_RX_SUCCESS = 0, NET_RX_DROP = 1 };
enum : int { NET_XMIT_SUCCESS = 0, NET_XMIT_DROP = 1, NET_XMIT_CN = 2 };

// struct packet_type: a protocol handler (ptype_base) or a tap (ptype_all, type ETH_P_ALL)
using PacketTypeFn = int (*)(SkbPtr skb, NetDev* dev, NetDev* orig_dev);
using TapFn = std::function<void(const SkBuff& skb, NetDev* dev, bool outgoing)>;

void DevAddPack(uint16_t type, PacketTypeFn fn);   // dev_add_pack for ptype_base (from a registrar)
struct PacketTypeRegistrar {
  PacketTypeRegistrar(uint16_t type, PacketTypeFn fn) { DevAddPack(type, fn); }
};
int DevAddTap(NetNs* net, TapFn fn);               // dev_add_pack(ETH_P_ALL) on a namespace
void DevRemoveTap(NetNs* net, int id);

// rx_handler registration (netdev_rx_handler_register / _unregister): -EBUSY if one is present
int NetdevRxHandlerRegister(NetDev* dev, RxHandlerFn fn, void* data);
void NetdevRxHandlerUnregister(NetDev* dev);

// eth_type_trans (net/ethernet/eth.c): sets dev, pkt_type and protocol, pulls the MAC header
uint16_t EthTypeTrans(SkBuff* skb, NetDev* dev);
// eth_header: builds the MAC header in front of the network header
void EthHeader(SkBuff* skb, NetDev* dev, uint16_t type, const MacAddr& daddr, const MacAddr* saddr);

void NapiSchedule(NapiStruct* n);              // napi_schedule (n->host, n->cpu set)
bool NapiCompleteDone(NapiStruct* n, int work_done);  // napi_complete_done
void NapiDisable(NapiStruct* n);               // napi_disable: off its CPU's poll list

// GRO (net/core/dev.c: napi_gro_receive, dev_gro_receive, napi_gro_complete, napi_gro_flush).
// A protocol's offload (struct packet_offload) looks for the held packet of the new one's flow
// among those still marked same_flow, merges it or decides what must go up now.
enum GroResult { GRO_MERGED, GRO_MERGED_FREE, GRO_HELD, GRO_NORMAL, GRO_DROP, GRO_CONSUMED };
// gro_receive: the held packet to complete now (pp) or nullptr; sets skb->gro.same_flow when it
// merged skb into one, skb->gro.flush when skb must not be held
using GroReceiveFn = SkBuff* (*)(std::deque<SkbPtr>& held, SkBuff* skb);
using GroCompleteFn = void (*)(SkBuff* skb);  // gro_complete: a merged packet's headers fixed
// gso_segment: a GSO packet cut into its segments (empty when it cannot be)
using GsoSegmentFn = std::vector<SkbPtr> (*)(const SkBuff& skb);
void DevAddOffload(uint16_t type, GroReceiveFn receive, GroCompleteFn complete, GsoSegmentFn segment);  // dev_add_offload
GsoSegmentFn FindGsoSegment(uint16_t type);
// GSO (net/core/dev.c: skb_gso_segment, validate_xmit_skb). skb_is_gso: gso_size set
inline bool SkbIsGso(const SkBuff& skb) { return skb.gso_size != 0; }
std::vector<SkbPtr> SkbGsoSegment(const SkBuff& skb);
// skb_gso_validate_network_len: each segment's network-layer length (IP and TCP headers and
// gso_size bytes: skb_gso_network_seglen) fits `mtu`
bool SkbGsoValidateNetworkLen(const SkBuff& skb, uint32_t mtu);
// napi_gro_receive: `gro` is the device's NETIF_F_GRO (netif_elide_gro when off)
GroResult NapiGroReceive(NapiStruct* napi, SkbPtr skb, bool gro);
void NapiGroFlush(NapiStruct* napi);          // napi_gro_flush(napi, false): every held packet up
int NetifRx(SkbPtr skb);                     // enqueue for the softirq on the device's Host
int NetifReceiveSkb(SkbPtr skb);             // netif_receive_skb
int NetifReceiveSkbCore(SkbPtr skb);         // __netif_receive_skb_core
int DevQueueXmit(SkbPtr skb);
NetdevTx DevHardStartXmit(SkbPtr skb);     // xmit_one: the taps, then the driver                // dev_queue_xmit (skb->dev set, MAC header in data)
int DevForwardSkb(NetDev* dev, SkbPtr skb);  // dev_forward_skb: scrub, eth_type_trans, netif_rx

// Device lifecycle (rtnetlink side). All return 0 or -errno.
int RegisterNetdevice(NetNs* net, ns3::Ptr<NetDev> dev, int want_ifindex = 0);
void UnregisterNetdevice(NetDev* dev);       // dellink + unregister; drops the namespace's ref
int DevOpen(NetDev* dev);                    // dev_open / __dev_open
int DevClose(NetDev* dev);                   // dev_close
int DevChangeFlags(NetDev* dev, unsigned flags);
int DevChangeNetNamespace(NetDev* dev, NetNs* net, const std::string& newname = "");
int DevChangeName(NetDev* dev, const std::string& newname);
int DevSetMtu(NetDev* dev, uint32_t mtu);
int DevSetMacAddress(NetDev* dev, const MacAddr& a);
void NetifCarrierOn(NetDev* dev);
void NetifCarrierOff(NetDev* dev);
void DevSetPromiscuity(NetDev* dev, int inc);  // dev_set_promiscuity
void LinkwatchUpdateOperstate(NetDev* dev);    // linkwatch_fire_event
void LinkwatchRunQueue(Host* host);            // __linkwatch_run_queue (after each request)
void LinkwatchForgetDev(NetDev* dev);          // linkwatch_forget_dev
OperState DefaultOperstate(const NetDev* dev);
bool DevValidName(const std::string& name);    // dev_valid_name
// dev_get_flags: the flags rtnetlink reports (IFF_RUNNING, LOWER_UP, DORMANT from the state)
unsigned DevGetFlags(const NetDev* dev);
// dev_uc_add_excl / dev_uc_del (net/core/dev_addr_lists.c): dev->uc, newest first
int DevUcAddExcl(NetDev* dev, const MacAddr& a);  // -EEXIST if present
int DevUcDel(NetDev* dev, const MacAddr& a);      // -ENOENT if absent

}  // namespace linuxnet

namespace linuxnet {
// do_set_master: enslave to `master` (nullptr releases); the master's kind implements it
// (ndo_add_slave / ndo_del_slave). -EOPNOTSUPP when the master cannot take slaves.
int LinkSetMaster(NetDev* dev, NetDev* master);
}  // namespace linuxnet
