// struct net_device (include/linux/netdevice.h) as an ns3::NetDevice, so ns-3 sockets and routes can
// point at it. Driver behaviour lives in subclasses (drivers/net/*.cc): NdoStartXmit, NdoOpen, ...
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "net/core/dynamic_queue_limits.h"
#include "ns3/channel.h"
#include "ns3/net-device.h"
#include "sim/host.h"
#include "sim/skbuff.h"

namespace linuxnet {

class NetNs;
struct InDevice;
struct LinkKind;
struct Qdisc;

// dev->flags (include/uapi/linux/if.h)
enum : unsigned {
  IFF_UP = 1u << 0, IFF_BROADCAST = 1u << 1, IFF_DEBUG = 1u << 2, IFF_LOOPBACK = 1u << 3,
  IFF_POINTOPOINT = 1u << 4, IFF_NOTRAILERS = 1u << 5, IFF_RUNNING = 1u << 6, IFF_NOARP = 1u << 7,
  IFF_PROMISC = 1u << 8, IFF_ALLMULTI = 1u << 9, IFF_MASTER = 1u << 10, IFF_SLAVE = 1u << 11,
  IFF_MULTICAST = 1u << 12, IFF_PORTSEL = 1u << 13, IFF_AUTOMEDIA = 1u << 14, IFF_DYNAMIC = 1u << 15,
  IFF_LOWER_UP = 1u << 16, IFF_DORMANT = 1u << 17, IFF_ECHO = 1u << 18,
};

// dev->priv_flags bits the model uses
enum : unsigned { IFF_BRIDGE_PORT = 1u << 0, IFF_MACVLAN_PORT = 1u << 1, IFF_EBRIDGE = 1u << 2,
                  IFF_MACVLAN = 1u << 3, IFF_NO_QUEUE = 1u << 4 };

// RFC 2863 operstate (IF_OPER_*)
enum OperState : uint8_t { IF_OPER_UNKNOWN = 0, IF_OPER_NOTPRESENT, IF_OPER_DOWN,
                           IF_OPER_LOWERLAYERDOWN, IF_OPER_TESTING, IF_OPER_DORMANT, IF_OPER_UP };

enum ArphrdType : uint16_t { ARPHRD_ETHER = 1, ARPHRD_LOOPBACK = 772 };

// rx_handler_result (include/linux/netdevice.h)
enum RxHandlerResult { RX_HANDLER_CONSUMED, RX_HANDLER_ANOTHER, RX_HANDLER_EXACT, RX_HANDLER_PASS };
using RxHandlerFn = RxHandlerResult (*)(SkbPtr* pskb);

enum NetdevTx { NETDEV_TX_OK = 0, NETDEV_TX_BUSY = 0x10 };

// struct rtnl_link_stats64 subset that ip -s link prints
struct LinkStats {
  uint64_t rx_packets = 0, tx_packets = 0, rx_bytes = 0, tx_bytes = 0;
  uint64_t rx_errors = 0, tx_errors = 0, rx_dropped = 0, tx_dropped = 0;
  uint64_t multicast = 0, collisions = 0, rx_missed_errors = 0, tx_carrier_errors = 0;
  uint64_t rx_nohandler = 0;
};

class NetDev : public ns3::NetDevice {
 public:
  static ns3::TypeId GetTypeId();
  NetDev();
  ~NetDev() override;

  // --- net_device fields ---
  std::string name;
  int ifindex = 0;
  unsigned flags = 0;            // IFF_* as set by the user (IFF_UP) and the driver
  unsigned priv_flags = 0;
  OperState operstate = IF_OPER_DOWN;
  bool carrier = true;           // netif_carrier_ok
  bool dormant = false;
  uint32_t mtu = 1500, min_mtu = 68, max_mtu = 65535;
  MacAddr dev_addr, broadcast;
  uint8_t addr_assign_type = 0;  // NET_ADDR_PERM / RANDOM / SET
  ArphrdType type = ARPHRD_ETHER;
  uint32_t tx_queue_len = 1000;
  // what `ip -d link` shows of the offload limits and queues (netif_set_tso_max_size, alloc_netdev_mqs)
  uint32_t num_tx_queues = 1, num_rx_queues = 1;
  uint32_t gso_max_size = 65536, tso_max_size = 524280;
  int promiscuity = 0;
  unsigned gflags = 0;           // IFF_PROMISC/IFF_ALLMULTI as the user set them
  uint32_t carrier_up_count = 0, carrier_down_count = 0;
  bool qdisc_attached = false;  // noop qdisc until the first dev_activate, then noqueue
  int allmulti = 0;
  uint32_t group = 0;
  NetNs* net = nullptr;          // dev_net
  const LinkKind* kind = nullptr;
  RxHandlerFn rx_handler = nullptr;
  // dev->reg_state: UNREGISTERING from unregister_netdevice on, so that NETDEV_UNREGISTER
  // listeners can tell a deletion from a namespace move
  enum RegState : uint8_t { NETREG_UNINITIALIZED, NETREG_REGISTERED, NETREG_UNREGISTERING };
  uint8_t reg_state = NETREG_UNINITIALIZED;
  void* rx_handler_data = nullptr;
  // what keeps rx_handler_data alive: the port a driver hangs on its lower device (a macvlan or
  // ipvlan port), released by the driver's port_destroy
  std::shared_ptr<void> rx_handler_owner;
  // dev->uc: the unicast addresses added with dev_uc_add_excl (`bridge fdb add ... self` on a
  // device that is not a bridge, ndo_dflt_fdb_add)
  std::vector<MacAddr> uc;
  NetDev* master = nullptr;      // netdev_master_upper_dev_get
  std::unique_ptr<InDevice> ip_ptr;  // __in_dev_get_rtnl
  LinkStats stats;               // dev->stats and the per-cpu counters the driver folds in
  // the qdisc of a device with a transmit queue (net/sched/sch_generic.h; null for the queue-less
  // virtual devices), the queue's __QUEUE_STATE_DRV_XOFF, and where a driver that answers
  // NETDEV_TX_BUSY leaves the packet for its caller to requeue
  std::unique_ptr<Qdisc> qdisc;
  bool xoff = false;
  // byte queue limits of a driver that reports what it queued and completed (BQL, the e1000):
  // the queue's __QUEUE_STATE_STACK_XOFF and its dql (dql_init: hold time HZ)
  bool stack_xoff = false;
  Dql dql;
  SkbPtr tx_busy_skb;
  std::vector<SkbPtr> tx_busy_rest;  // the segments of a software-GSO packet after the refused one

  bool IsUp() const { return flags & IFF_UP; }
  bool IsRunning() const { return (flags & IFF_UP) && carrier; }  // netif_running && carrier_ok

  // --- net_device_ops ---
  virtual NetdevTx NdoStartXmit(SkbPtr skb) = 0;
  virtual int NdoOpen() { return 0; }
  virtual int NdoStop() { return 0; }
  virtual int NdoChangeMtu(uint32_t new_mtu) { mtu = new_mtu; return 0; }
  virtual int NdoSetMacAddress(const MacAddr& a) { dev_addr = a; return 0; }
  virtual int NdoGetIflink() const { return ifindex; }       // dev_get_iflink
  virtual NetDev* LinkPeer() const { return nullptr; }       // for "@ifN"/"link-netns"
  virtual NetNs* NdoGetLinkNet() const { return nullptr; }
  virtual LinkStats GetStats64() const { return stats; }     // ndo_get_stats64
  virtual void Uninit() {}                                    // ndo_uninit / dellink cleanup
  virtual int NdoAddSlave(NetDev* slave) { return -95; }      // -EOPNOTSUPP unless a master
  virtual int NdoDelSlave(NetDev* slave) { return -95; }
  // netif_skb_features → net_gso_ok: the driver takes a TCP GSO packet whole (TSO, or a virtual
  // device with NETIF_F_GSO_SOFTWARE that passes it on); otherwise validate_xmit_skb segments it
  virtual bool NetifGsoOk() const { return true; }
  // sk_setup_caps → sk_can_gso: a TCP socket routed out of this device builds GSO packets
  // (NETIF_F_GSO or TSO in its features)
  virtual bool SkCanGso() const { return true; }
  virtual const char* QdiscKind() const { return qdisc_attached ? "noqueue" : "noop"; }

  // --- ns3::NetDevice (for ns-3 sockets, routes and apps) ---
  void SetIfIndex(const uint32_t index) override { ifindex = static_cast<int>(index); }
  uint32_t GetIfIndex() const override { return static_cast<uint32_t>(ifindex); }
  ns3::Ptr<ns3::Channel> GetChannel() const override { return nullptr; }
  void SetAddress(ns3::Address address) override;
  ns3::Address GetAddress() const override;
  bool SetMtu(const uint16_t m) override { return NdoChangeMtu(m) == 0; }
  uint16_t GetMtu() const override { return static_cast<uint16_t>(mtu); }
  bool IsLinkUp() const override { return IsRunning(); }
  void AddLinkChangeCallback(ns3::Callback<void> callback) override {}
  bool IsBroadcast() const override { return flags & IFF_BROADCAST; }
  ns3::Address GetBroadcast() const override;
  bool IsMulticast() const override { return flags & IFF_MULTICAST; }
  ns3::Address GetMulticast(ns3::Ipv4Address multicastGroup) const override;
  ns3::Address GetMulticast(ns3::Ipv6Address addr) const override;
  bool IsBridge() const override { return priv_flags & IFF_EBRIDGE; }
  bool IsPointToPoint() const override { return false; }
  bool Send(ns3::Ptr<ns3::Packet> packet, const ns3::Address& dest, uint16_t protocolNumber) override;
  bool SendFrom(ns3::Ptr<ns3::Packet> packet, const ns3::Address& source, const ns3::Address& dest,
                uint16_t protocolNumber) override;
  ns3::Ptr<ns3::Node> GetNode() const override;
  void SetNode(ns3::Ptr<ns3::Node> node) override {}
  bool NeedsArp() const override { return !(flags & IFF_NOARP); }
  void SetReceiveCallback(ReceiveCallback cb) override {}
  void SetPromiscReceiveCallback(PromiscReceiveCallback cb) override {}
  bool SupportsSendFrom() const override { return true; }

 protected:
  void DoDispose() override;
};

// The registry of link kinds, one per drivers/net file (struct rtnl_link_ops): the `type` word of
// `ip link add` is the key; the cli side (iplink_*.cc) parses and prints the kind's options.
struct LinkKind {
  const char* kind;
};

}  // namespace linuxnet
