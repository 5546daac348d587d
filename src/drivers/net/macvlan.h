// drivers/net/macvlan.c: devices stacked on a lower Ethernet device, each with its own MAC address.
// The lower device gets a macvlan_port whose rx_handler (MacvlanHandleFrame) demultiplexes by
// destination MAC; broadcasts go through the port's bc_queue to a deferred work item
// (MacvlanProcessBroadcast), as in the kernel. Modes: private, vepa, bridge, passthru, source.
// macvtap (drivers/net/macvtap.c) is a macvlan with a tap_dev (drivers/net/tap.c) on top.
#pragma once
#include <deque>
#include <list>
#include <memory>
#include <string>
#include <vector>

#include "net/core/netdevice.h"

namespace linuxnet {

// enum macvlan_mode (include/uapi/linux/if_link.h)
enum MacvlanMode : uint32_t {
  MACVLAN_MODE_PRIVATE = 1, MACVLAN_MODE_VEPA = 2, MACVLAN_MODE_BRIDGE = 4,
  MACVLAN_MODE_PASSTHRU = 8, MACVLAN_MODE_SOURCE = 16,
};
enum : uint16_t { MACVLAN_FLAG_NOPROMISC = 1, MACVLAN_FLAG_NODST = 2 };
enum MacvlanMacaddrMode : uint32_t {
  MACVLAN_MACADDR_ADD = 0, MACVLAN_MACADDR_DEL, MACVLAN_MACADDR_FLUSH, MACVLAN_MACADDR_SET,
};

constexpr unsigned MACVLAN_HASH_BITS = 8;
constexpr unsigned MACVLAN_HASH_SIZE = 1u << MACVLAN_HASH_BITS;
constexpr uint32_t MACVLAN_DEFAULT_BC_QUEUE_LEN = 1000;

class MacvlanDev;

// struct macvlan_source_entry
struct MacvlanSourceEntry {
  MacAddr addr;
  MacvlanDev* vlan;
};

// one skb on the port's bc_queue with MACVLAN_SKB_CB(skb)->src (held, as dev_hold does)
struct MacvlanBcItem {
  SkbPtr skb;
  ns3::Ptr<MacvlanDev> src;
};

// struct macvlan_port: hangs off the lower device as its rx_handler_data
struct MacvlanPort : std::enable_shared_from_this<MacvlanPort> {
  NetDev* dev = nullptr;
  std::vector<MacvlanDev*> vlan_hash[MACVLAN_HASH_SIZE];  // each bucket newest first (hlist_add_head)
  std::list<MacvlanDev*> vlans;                            // in creation order (list_add_tail)
  std::deque<MacvlanBcItem> bc_queue;
  bool bc_work_scheduled = false;
  uint32_t bc_queue_len_used = MACVLAN_DEFAULT_BC_QUEUE_LEN;  // max of the vlans' requests
  bool passthru = false;
  bool addr_change = false;
  int count = 0;
  MacAddr perm_addr;
  std::vector<MacvlanSourceEntry> vlan_source_hash[MACVLAN_HASH_SIZE];
  // the lower device's secondary unicast list (dev_uc_add) and __dev_set_rx_mode's uc_promisc
  int uc_count = 0;
  bool uc_promisc = false;
  bool dead = false;  // macvlan_port_destroy ran; a pending bc_work finds nothing to do
};

// vlan_pcpu_stats
struct VlanPcpuStats {
  uint64_t rx_packets = 0, rx_bytes = 0, rx_multicast = 0, tx_packets = 0, tx_bytes = 0;
  uint64_t rx_errors = 0, tx_dropped = 0;
};

// struct macvlan_dev
class MacvlanDev : public NetDev {
 public:
  static ns3::TypeId GetTypeId();
  NetDev* lowerdev = nullptr;
  std::shared_ptr<MacvlanPort> port;
  uint32_t mode = MACVLAN_MODE_VEPA;
  uint16_t mflags = 0;           // vlan->flags (MACVLAN_FLAG_*)
  uint32_t macaddr_count = 0;
  uint32_t bc_queue_len_req = MACVLAN_DEFAULT_BC_QUEUE_LEN;
  VlanPcpuStats pcpu;
  bool hashed = false;           // on port->vlan_hash (between open and stop)

  NetdevTx NdoStartXmit(SkbPtr skb) override;   // macvlan_start_xmit
  int NdoOpen() override;                       // macvlan_open
  int NdoStop() override;                       // macvlan_stop
  int NdoChangeMtu(uint32_t new_mtu) override;  // macvlan_change_mtu
  int NdoSetMacAddress(const MacAddr& a) override;  // macvlan_set_mac_address
  int NdoGetIflink() const override;            // macvlan_dev_get_iflink
  NetNs* NdoGetLinkNet() const override;        // macvlan_get_link_net
  LinkStats GetStats64() const override;        // macvlan_dev_get_stats64
  void Uninit() override;                       // macvlan_dellink + macvlan_uninit
};

// The netlink attributes of a macvlan/macvtap newlink or changelink (IFLA_MACVLAN_*)
struct MacvlanParams {
  std::string name;
  bool has_addr = false, has_mtu = false, has_qlen = false;
  MacAddr addr;
  uint32_t mtu = 0, qlen = 0;
  bool has_mode = false;
  uint32_t mode = 0;
  bool has_flags = false;
  uint16_t flags = 0;
  bool has_macaddr_mode = false;
  uint32_t macaddr_mode = 0;
  bool has_macaddr = false;
  MacAddr macaddr;                    // IFLA_MACVLAN_MACADDR (add/del)
  bool has_macaddr_data = false;
  std::vector<MacAddr> macaddr_data;  // IFLA_MACVLAN_MACADDR_DATA (set)
  bool has_bc_queue_len = false;
  uint32_t bc_queue_len = 0;
};

// macvlan_eth_hash: hash_64 of the 6 address bytes, 8 bits
uint32_t MacvlanEthHash(const MacAddr& a);
// netif_is_macvlan
MacvlanDev* NetifIsMacvlan(NetDev* dev);
// macvlan_newlink / macvlan_common_newlink: `lower` is looked up by the caller in the source
// namespace; the device is registered in `net`. Returns 0 or -errno.
int MacvlanNewlink(NetNs* net, NetDev* lower, const MacvlanParams& p);
// macvlan_common_newlink on a device the caller allocated (macvtap)
int MacvlanCommonNewlink(NetNs* net, NetDev* lower, ns3::Ptr<MacvlanDev> dev, const MacvlanParams& p);
// macvlan_changelink
int MacvlanChangelink(MacvlanDev* vlan, const MacvlanParams& p);
// macvlan_fill_info's IFLA_MACVLAN_MACADDR_DATA order: by hash bucket, newest first in each
std::vector<MacAddr> MacvlanSourceAddrs(const MacvlanDev* vlan);
// macvlan_setup / macvlan_common_setup on a freshly allocated device
void MacvlanCommonSetup(MacvlanDev* dev, const LinkKind* kind);
// macvlan_count_rx
void MacvlanCountRx(MacvlanDev* vlan, uint32_t len, bool success, bool multicast);
// the port of a lower device (macvlan_port_get_rtnl), or nullptr
MacvlanPort* MacvlanPortGet(NetDev* lower);
// the bc_work scheduled by MacvlanBroadcastEnqueue runs now (tests)
void MacvlanProcessBroadcast(std::shared_ptr<MacvlanPort> port);

extern const LinkKind kMacvlanKind;

}  // namespace linuxnet
