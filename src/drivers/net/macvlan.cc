// drivers/net/macvlan.c (v5.3; where the kernel this project records its scenarios on differs in
// an observable way — the bc_queue length attribute, the source-mode pkt_type, the nodst flag —
// the newer behaviour is modelled and says so).
#include "sim/host.h"
#include "drivers/net/macvlan.h"

#include <algorithm>
#include <cerrno>

#include "net/core/dev.h"
#include "net/core/netdev-notifier.h"
#include "ns3/simulator.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

const LinkKind kMacvlanKind{"macvlan"};
constexpr uint16_t ETH_P_PAUSE = 0x8808;

ns3::TypeId MacvlanDev::GetTypeId() {
  static ns3::TypeId tid = ns3::TypeId("linuxnet::MacvlanDev").SetParent<NetDev>().SetGroupName("Linuxnet");
  return tid;
}

static void MacvlanDeviceEvent(unsigned event, NetDev* dev);

// macvlan_eth_hash: the 6 address bytes loaded little-endian into a u64, shifted up 16, hash_64
uint32_t MacvlanEthHash(const MacAddr& a) {
  uint64_t v = 0;
  for (int i = 0; i < 6; i++) v |= static_cast<uint64_t>(a.b[i]) << (8 * i);
  v <<= 16;
  return static_cast<uint32_t>((v * 0x61C8864680B583EBull) >> (64 - MACVLAN_HASH_BITS));
}

// macvlan_port_get_rcu / macvlan_port_get_rtnl
MacvlanPort* MacvlanPortGet(NetDev* lower) {
  if (!lower || !(lower->priv_flags & IFF_MACVLAN_PORT)) return nullptr;
  return static_cast<MacvlanPort*>(lower->rx_handler_data);
}

// netif_is_macvlan
MacvlanDev* NetifIsMacvlan(NetDev* dev) {
  if (!dev || !(dev->priv_flags & IFF_MACVLAN)) return nullptr;
  return dynamic_cast<MacvlanDev*>(dev);
}

// macvlan_hash_lookup
static MacvlanDev* MacvlanHashLookup(const MacvlanPort* port, const MacAddr& addr) {
  for (MacvlanDev* v : port->vlan_hash[MacvlanEthHash(addr)])
    if (v->dev_addr == addr) return v;
  return nullptr;
}

// macvlan_hash_add: hlist_add_head on the address's bucket
static void MacvlanHashAdd(MacvlanDev* vlan) {
  auto& b = vlan->port->vlan_hash[MacvlanEthHash(vlan->dev_addr)];
  b.insert(b.begin(), vlan);
  vlan->hashed = true;
}

// macvlan_hash_del
static void MacvlanHashDel(MacvlanDev* vlan) {
  if (!vlan->hashed) return;
  for (auto& b : vlan->port->vlan_hash) b.erase(std::remove(b.begin(), b.end(), vlan), b.end());
  vlan->hashed = false;
}

// macvlan_hash_change_addr
static void MacvlanHashChangeAddr(MacvlanDev* vlan, const MacAddr& addr) {
  MacvlanHashDel(vlan);
  vlan->dev_addr = addr;
  MacvlanHashAdd(vlan);
}

// macvlan_hash_lookup_source
static MacvlanSourceEntry* MacvlanHashLookupSource(const MacvlanDev* vlan, const MacAddr& addr) {
  for (auto& e : vlan->port->vlan_source_hash[MacvlanEthHash(addr)])
    if (e.addr == addr && e.vlan == vlan) return &e;
  return nullptr;
}

// macvlan_hash_add_source
static int MacvlanHashAddSource(MacvlanDev* vlan, const MacAddr& addr) {
  if (MacvlanHashLookupSource(vlan, addr)) return 0;
  auto& b = vlan->port->vlan_source_hash[MacvlanEthHash(addr)];
  b.insert(b.begin(), MacvlanSourceEntry{addr, vlan});
  vlan->macaddr_count++;
  return 0;
}

// macvlan_hash_del_source
static void MacvlanHashDelSource(MacvlanDev* vlan, const MacAddr& addr) {
  auto& b = vlan->port->vlan_source_hash[MacvlanEthHash(addr)];
  b.erase(std::remove_if(b.begin(), b.end(), [&](const MacvlanSourceEntry& e) {
            return e.vlan == vlan && e.addr == addr;
          }), b.end());
}

// macvlan_flush_sources
static void MacvlanFlushSources(MacvlanPort* port, MacvlanDev* vlan) {
  for (auto& b : port->vlan_source_hash)
    b.erase(std::remove_if(b.begin(), b.end(), [&](const MacvlanSourceEntry& e) { return e.vlan == vlan; }),
            b.end());
  vlan->macaddr_count = 0;
}

std::vector<MacAddr> MacvlanSourceAddrs(const MacvlanDev* vlan) {
  std::vector<MacAddr> v;
  if (!vlan->port) return v;
  for (auto& b : vlan->port->vlan_source_hash)
    for (auto& e : b)
      if (e.vlan == vlan) v.push_back(e.addr);
  return v;
}

// macvlan_addr_busy
static bool MacvlanAddrBusy(const MacvlanPort* port, const MacAddr& addr) {
  if (!port->passthru && !port->addr_change && port->dev->dev_addr == addr) return true;
  return MacvlanHashLookup(port, addr) != nullptr;
}

// macvlan_count_rx
void MacvlanCountRx(MacvlanDev* vlan, uint32_t len, bool success, bool multicast) {
  if (success) {
    vlan->pcpu.rx_packets++;
    vlan->pcpu.rx_bytes += len;
    if (multicast) vlan->pcpu.rx_multicast++;
  } else {
    vlan->pcpu.rx_errors++;
  }
}

// The vlan's mc_filter (macvlan_compute_filter): everything when promiscuous or allmulti, else the
// broadcast address and the groups the device joined; IPv4 joins 224.0.0.1 (01:00:5e:00:00:01)
// on every device it runs on. The kernel's 256-bit hashed filter can also pass a colliding group.
static bool MacvlanMcFilterTest(const MacvlanDev* vlan, const MacAddr& dest) {
  if (vlan->flags & (IFF_PROMISC | IFF_ALLMULTI)) return true;
  if (dest == vlan->broadcast) return true;
  static const MacAddr kAllHosts{{0x01, 0x00, 0x5e, 0x00, 0x00, 0x01}};
  return dest == kAllHosts && vlan->ip_ptr;
}

// macvlan_broadcast_one: a local (bridge-mode transmit) copy enters the device as from a wire;
// a copy from the lower device is only retargeted (the caller then calls netif_rx).
static int MacvlanBroadcastOne(SkbPtr& skb, MacvlanDev* vlan, const EthHdr& eth, bool local) {
  if (local) return DevForwardSkb(vlan, std::move(skb));
  skb->dev = vlan;
  skb->pkt_type = eth.h_dest == vlan->broadcast ? PACKET_BROADCAST : PACKET_MULTICAST;
  return NetifRx(std::move(skb));
}

// macvlan_broadcast: a copy to every vlan of the port whose mode is in `mode`, except `src`,
// in hash-bucket order, each through its multicast filter
static void MacvlanBroadcast(const SkBuff& skb, MacvlanPort* port, const NetDev* src, uint32_t mode) {
  KFunc(KF_macvlan_broadcast, &skb);
  if (skb.protocol == ETH_P_PAUSE) return;
  const EthHdr eth = skb.eth;
  for (unsigned i = 0; i < MACVLAN_HASH_SIZE; i++) {
    std::vector<MacvlanDev*> bucket = port->vlan_hash[i];
    for (MacvlanDev* vlan : bucket) {
      if (vlan == src || !(vlan->mode & mode)) continue;
      if (!MacvlanMcFilterTest(vlan, eth.h_dest)) continue;
      SkbPtr nskb = SkbClone(skb);
      int err = MacvlanBroadcastOne(nskb, vlan, eth, mode == MACVLAN_MODE_BRIDGE);
      // skb->len + ETH_HLEN: on the transmit side (bridge mode) skb->len already holds the MAC
      // header, so a sibling counts 14 bytes more than the frame, as the kernel does
      MacvlanCountRx(vlan, skb.Len() + ETH_HLEN, err == NET_RX_SUCCESS, true);
    }
  }
}

// macvlan_multicast_rx: who a broadcast from the lower device reaches depends on who sent it
static void MacvlanMulticastRx(MacvlanPort* port, const MacvlanDev* src, const SkBuff& skb) {
  if (!src)  // from an external address
    MacvlanBroadcast(skb, port, nullptr,
                     MACVLAN_MODE_PRIVATE | MACVLAN_MODE_VEPA | MACVLAN_MODE_PASSTHRU | MACVLAN_MODE_BRIDGE);
  else if (src->mode == MACVLAN_MODE_VEPA)  // to everyone except the source
    MacvlanBroadcast(skb, port, src, MACVLAN_MODE_VEPA | MACVLAN_MODE_BRIDGE);
  else  // only to VEPA ports: bridge ports saw the frame on its way out
    MacvlanBroadcast(skb, port, src, MACVLAN_MODE_VEPA);
}

// macvlan_process_broadcast: the bc_work item, run in process context after the softirq
void MacvlanProcessBroadcast(std::shared_ptr<MacvlanPort> port) {
  port->bc_work_scheduled = false;
  if (port->dead) return;
  std::deque<MacvlanBcItem> list;
  list.swap(port->bc_queue);
  for (auto& item : list) {
    if (port->dead) break;
    MacvlanMulticastRx(port.get(), item.src ? item.src.operator->() : nullptr, *item.skb);
  }
}

static std::shared_ptr<MacvlanPort> PortRef(MacvlanPort* port);

// macvlan_broadcast_enqueue
static void MacvlanBroadcastEnqueue(MacvlanPort* port, MacvlanDev* src, const SkBuff& skb) {
  bool queued = false;
  if (port->bc_queue.size() < port->bc_queue_len_used) {
    port->bc_queue.push_back(MacvlanBcItem{SkbClone(skb), ns3::Ptr<MacvlanDev>(src)});
    queued = true;
  }
  if (!port->bc_work_scheduled) {  // schedule_work
    port->bc_work_scheduled = true;
    ns3::Simulator::ScheduleNow(&MacvlanProcessBroadcast, PortRef(port));
  }
  if (!queued) skb.dev->stats.rx_dropped++;  // dev_core_stats_rx_dropped_inc(skb->dev)
}

// macvlan_forward_source_one
static void MacvlanForwardSourceOne(const SkBuff& skb, MacvlanDev* vlan) {
  if (!(vlan->flags & IFF_UP)) return;
  SkbPtr nskb = SkbClone(skb);
  uint32_t len = nskb->Len() + ETH_HLEN;
  nskb->dev = vlan;
  // v5.3 set PACKET_HOST unconditionally; since v5.10 only for frames to the vlan's own address
  if (skb.eth.h_dest == vlan->dev_addr) nskb->pkt_type = PACKET_HOST;
  int ret = NetifRx(std::move(nskb));
  MacvlanCountRx(vlan, len, ret == NET_RX_SUCCESS, false);
}

// macvlan_forward_source: a copy to each source-mode vlan that lists the sender; true when one
// of them has the nodst flag (the frame then goes nowhere else)
static bool MacvlanForwardSource(const SkBuff& skb, MacvlanPort* port, const MacAddr& addr) {
  bool consume = false;
  std::vector<MacvlanSourceEntry> bucket = port->vlan_source_hash[MacvlanEthHash(addr)];
  for (auto& e : bucket) {
    if (e.addr != addr) continue;
    if (e.vlan->mflags & MACVLAN_FLAG_NODST) consume = true;
    MacvlanForwardSourceOne(skb, e.vlan);
  }
  return consume;
}

// macvlan_handle_frame: the lower device's rx_handler
static RxHandlerResult MacvlanHandleFrame(SkbPtr* pskb) {
  KFunc(KF_macvlan_handle_frame, pskb->get());
  SkBuff* skb = pskb->get();
  if (skb->pkt_type == PACKET_LOOPBACK) return RX_HANDLER_PASS;
  MacvlanPort* port = static_cast<MacvlanPort*>(skb->dev->rx_handler_data);
  const EthHdr eth = skb->eth;
  if (eth.h_dest.IsMulticast()) {
    if (MacvlanForwardSource(*skb, port, eth.h_source)) {
      pskb->reset();
      return RX_HANDLER_CONSUMED;
    }
    MacvlanDev* src = MacvlanHashLookup(port, eth.h_source);
    if (src && src->mode != MACVLAN_MODE_VEPA && src->mode != MACVLAN_MODE_BRIDGE) {
      // a private/passthru/source vlan's own broadcast came back: only to that vlan
      SkbPtr own = std::move(*pskb);
      int ret = MacvlanBroadcastOne(own, src, eth, false);
      MacvlanCountRx(src, 0, ret == NET_RX_SUCCESS, false);
      return RX_HANDLER_CONSUMED;
    }
    // broadcast goes through the bc_queue; other multicast is handed over at once (bc_cutoff 1)
    if (eth.h_dest.IsBroadcast()) MacvlanBroadcastEnqueue(port, src, *skb);
    else MacvlanMulticastRx(port, src, *skb);
    return RX_HANDLER_PASS;
  }
  if (MacvlanForwardSource(*skb, port, eth.h_source)) {
    pskb->reset();
    return RX_HANDLER_CONSUMED;
  }
  MacvlanDev* vlan = nullptr;
  if (port->passthru) vlan = port->vlans.empty() ? nullptr : port->vlans.front();
  else vlan = MacvlanHashLookup(port, eth.h_dest);
  if (!vlan || vlan->mode == MACVLAN_MODE_SOURCE) return RX_HANDLER_PASS;
  if (!(vlan->flags & IFF_UP)) {
    pskb->reset();  // kfree_skb
    return RX_HANDLER_CONSUMED;
  }
  uint32_t len = skb->Len() + ETH_HLEN;
  skb->dev = vlan;
  skb->pkt_type = PACKET_HOST;
  MacvlanCountRx(vlan, len, true, false);
  return RX_HANDLER_ANOTHER;
}

static std::shared_ptr<MacvlanPort> PortRef(MacvlanPort* port) { return port ? port->shared_from_this() : nullptr; }

// macvlan_port_create
static int MacvlanPortCreate(NetDev* dev) {
  if (dev->type != ARPHRD_ETHER || (dev->flags & IFF_LOOPBACK)) return -EINVAL;
  if (dev->rx_handler) return -EBUSY;  // netdev_is_rx_handler_busy
  auto port = std::make_shared<MacvlanPort>();
  port->dev = dev;
  port->perm_addr = dev->dev_addr;
  int err = NetdevRxHandlerRegister(dev, &MacvlanHandleFrame, port.get());
  if (err) return err;
  dev->priv_flags |= IFF_MACVLAN_PORT;
  dev->rx_handler_owner = port;
  return 0;
}

// macvlan_port_destroy
static void MacvlanPortDestroy(NetDev* dev) {
  MacvlanPort* port = MacvlanPortGet(dev);
  if (!port) return;
  dev->priv_flags &= ~IFF_MACVLAN_PORT;
  NetdevRxHandlerUnregister(dev);
  port->bc_queue.clear();  // cancel_work_sync + purge
  port->dead = true;
  // a passthru vlan that changed the lower device's address puts it back
  if (port->passthru && dev->dev_addr != port->perm_addr) DevSetMacAddress(dev, port->perm_addr);
  dev->rx_handler_owner.reset();  // kfree_rcu(port)
}

// __dev_set_rx_mode on the lower device: without a unicast filter it goes promiscuous while it
// has secondary unicast addresses (the macvlans' dev_uc_add), but only while it is up
static void LowerSetRxMode(MacvlanPort* port) {
  NetDev* lower = port->dev;
  if (!(lower->flags & IFF_UP)) return;
  if (port->uc_count > 0 && !port->uc_promisc) {
    DevSetPromiscuity(lower, 1);
    port->uc_promisc = true;
  } else if (port->uc_count == 0 && port->uc_promisc) {
    DevSetPromiscuity(lower, -1);
    port->uc_promisc = false;
  }
}

// netif_stacked_transfer_operstate
static void NetifStackedTransferOperstate(const NetDev* root, NetDev* dev) {
  bool dormant = root->operstate == IF_OPER_DORMANT;
  if (dormant != dev->dormant) {
    dev->dormant = dormant;
    LinkwatchUpdateOperstate(dev);
  }
  if (root->carrier) NetifCarrierOn(dev);
  else NetifCarrierOff(dev);
}

// macvlan_queue_xmit
static int MacvlanQueueXmit(SkbPtr skb, MacvlanDev* vlan) {
  MacvlanPort* port = vlan->port.get();
  if (vlan->mode == MACVLAN_MODE_BRIDGE) {
    const EthHdr& eth = skb->eth;
    if (eth.h_dest.IsMulticast()) {
      // to the other bridge ports directly, then out
      MacvlanBroadcast(*skb, port, vlan, MACVLAN_MODE_BRIDGE);
    } else {
      MacvlanDev* dest = MacvlanHashLookup(port, eth.h_dest);
      if (dest && dest->mode == MACVLAN_MODE_BRIDGE) {
        // through the lower device's receive path first, for its taps
        DevForwardSkb(vlan->lowerdev, std::move(skb));
        return NET_XMIT_SUCCESS;
      }
    }
  }
  skb->dev = vlan->lowerdev;  // xmit_world
  return DevQueueXmit(std::move(skb));
}

// macvlan_start_xmit
NetdevTx MacvlanDev::NdoStartXmit(SkbPtr skb) {
  KFunc(KF_macvlan_start_xmit, skb.get());
  uint32_t len = skb->Len();
  int ret = MacvlanQueueXmit(std::move(skb), this);
  if (ret == NET_XMIT_SUCCESS || ret == NET_XMIT_CN) {
    pcpu.tx_packets++;
    pcpu.tx_bytes += len;
  } else {
    pcpu.tx_dropped++;
  }
  return NETDEV_TX_OK;
}

// macvlan_open
int MacvlanDev::NdoOpen() {
  if (port->passthru) {
    if (!(mflags & MACVLAN_FLAG_NOPROMISC)) DevSetPromiscuity(lowerdev, 1);
  } else {
    if (MacvlanAddrBusy(port.get(), dev_addr)) return -EADDRINUSE;
    port->uc_count++;  // dev_uc_add(lowerdev, dev->dev_addr)
    LowerSetRxMode(port.get());
    if (flags & IFF_PROMISC) DevSetPromiscuity(lowerdev, 1);
  }
  MacvlanHashAdd(this);
  return 0;
}

// macvlan_stop
int MacvlanDev::NdoStop() {
  if (port->passthru) {
    if (!(mflags & MACVLAN_FLAG_NOPROMISC)) DevSetPromiscuity(lowerdev, -1);
  } else {
    if (flags & IFF_PROMISC) DevSetPromiscuity(lowerdev, -1);
    port->uc_count--;  // dev_uc_del
    LowerSetRxMode(port.get());
  }
  MacvlanHashDel(this);
  return 0;
}

// macvlan_change_mtu
int MacvlanDev::NdoChangeMtu(uint32_t new_mtu) {
  if (new_mtu < 68 || lowerdev->mtu < new_mtu) return -EINVAL;
  mtu = new_mtu;
  return 0;
}

// macvlan_sync_address
static int MacvlanSyncAddress(MacvlanDev* vlan, const MacAddr& addr) {
  MacvlanPort* port = vlan->port.get();
  if (!(vlan->flags & IFF_UP)) {
    vlan->dev_addr = addr;
  } else {
    if (MacvlanAddrBusy(port, addr)) return -EADDRINUSE;
    MacvlanHashChangeAddr(vlan, addr);  // dev_uc_add new, dev_uc_del old: the count is unchanged
  }
  if (port->passthru && !port->addr_change) port->perm_addr = vlan->lowerdev->dev_addr;
  port->addr_change = false;
  return 0;
}

// macvlan_set_mac_address
int MacvlanDev::NdoSetMacAddress(const MacAddr& a) {
  if (a.IsZero() || a.IsMulticast()) return -EADDRNOTAVAIL;
  if (a == dev_addr) return 0;
  if (mode == MACVLAN_MODE_PASSTHRU) {
    port->addr_change = true;
    return DevSetMacAddress(lowerdev, a);  // the lower's NETDEV_CHANGEADDR syncs this device
  }
  if (MacvlanAddrBusy(port.get(), a)) return -EADDRINUSE;
  return MacvlanSyncAddress(this, a);
}

int MacvlanDev::NdoGetIflink() const { return lowerdev ? lowerdev->ifindex : 0; }
NetNs* MacvlanDev::NdoGetLinkNet() const { return lowerdev ? lowerdev->net : nullptr; }

// macvlan_dev_get_stats64 (+ the core counters dev_get_stats adds)
LinkStats MacvlanDev::GetStats64() const {
  LinkStats s;
  s.rx_packets = pcpu.rx_packets;
  s.rx_bytes = pcpu.rx_bytes;
  s.multicast = pcpu.rx_multicast;
  s.tx_packets = pcpu.tx_packets;
  s.tx_bytes = pcpu.tx_bytes;
  s.rx_errors = pcpu.rx_errors;
  s.rx_dropped = pcpu.rx_errors + stats.rx_dropped;
  s.tx_dropped = pcpu.tx_dropped + stats.tx_dropped;
  s.rx_nohandler = stats.rx_nohandler;
  return s;
}

// the port's bc_queue_len_used is the largest request among its vlans (update_port_bc_queue_len)
static void UpdatePortBcQueueLen(MacvlanPort* port) {
  uint32_t m = 0;
  for (MacvlanDev* v : port->vlans) m = std::max(m, v->bc_queue_len_req);
  port->bc_queue_len_used = m;
}

// macvlan_dellink + macvlan_uninit
void MacvlanDev::Uninit() {
  if (!port) return;
  std::shared_ptr<MacvlanPort> p = port;
  MacvlanHashDel(this);
  p->vlans.remove(this);
  MacvlanFlushSources(p.get(), this);
  UpdatePortBcQueueLen(p.get());
  p->count--;
  if (!p->count) MacvlanPortDestroy(p->dev);
  port.reset();
  lowerdev = nullptr;
}

// macvlan_changelink_sources
static int MacvlanChangelinkSources(MacvlanDev* vlan, uint32_t mode, const MacvlanParams& p) {
  switch (mode) {
    case MACVLAN_MACADDR_ADD:
      if (!p.has_macaddr) return -EINVAL;
      return MacvlanHashAddSource(vlan, p.macaddr);
    case MACVLAN_MACADDR_DEL:
      if (!p.has_macaddr) return -EINVAL;
      if (MacvlanHashLookupSource(vlan, p.macaddr)) {
        MacvlanHashDelSource(vlan, p.macaddr);
        vlan->macaddr_count--;
      }
      return 0;
    case MACVLAN_MACADDR_FLUSH:
      MacvlanFlushSources(vlan->port.get(), vlan);
      return 0;
    case MACVLAN_MACADDR_SET:
      MacvlanFlushSources(vlan->port.get(), vlan);
      if (p.has_macaddr) MacvlanHashAddSource(vlan, p.macaddr);
      for (auto& a : p.macaddr_data) MacvlanHashAddSource(vlan, a);
      return 0;
    default:
      return -EINVAL;
  }
}

// macvlan_validate
static int MacvlanValidate(const MacvlanParams& p) {
  if (p.has_addr && (p.addr.IsZero() || p.addr.IsMulticast())) return -EADDRNOTAVAIL;
  if (p.has_flags && (p.flags & ~(MACVLAN_FLAG_NOPROMISC | MACVLAN_FLAG_NODST))) return -EINVAL;
  if (p.has_mode) {
    switch (p.mode) {
      case MACVLAN_MODE_PRIVATE: case MACVLAN_MODE_VEPA: case MACVLAN_MODE_BRIDGE:
      case MACVLAN_MODE_PASSTHRU: case MACVLAN_MODE_SOURCE:
        break;
      default:
        return -EINVAL;
    }
  }
  if (p.has_macaddr_mode && p.macaddr_mode > MACVLAN_MACADDR_SET) return -EINVAL;
  if (p.has_macaddr && (p.macaddr.IsZero() || p.macaddr.IsMulticast())) return -EADDRNOTAVAIL;
  for (auto& a : p.macaddr_data)
    if (a.IsZero() || a.IsMulticast()) return -EADDRNOTAVAIL;
  return 0;
}

// macvlan_common_setup + macvlan_setup (ether_setup, IFF_NO_QUEUE)
void MacvlanCommonSetup(MacvlanDev* dev, const LinkKind* kind) {
  dev->kind = kind;
  dev->flags = IFF_BROADCAST | IFF_MULTICAST;
  dev->priv_flags |= IFF_NO_QUEUE;
  dev->tx_queue_len = 1000;
  dev->operstate = IF_OPER_UNKNOWN;
}

static std::string AllocName(NetNs* net, const std::string& prefix) {
  for (int i = 0;; i++) {
    std::string n = prefix + std::to_string(i);
    if (!net->DevGetByName(n)) return n;
  }
}

// macvlan_common_newlink
int MacvlanCommonNewlink(NetNs* net, NetDev* lower, ns3::Ptr<MacvlanDev> dev, const MacvlanParams& p) {
  int err = MacvlanValidate(p);
  if (err) return err;
  if (!lower) return -EINVAL;  // no IFLA_LINK
  // a macvlan on a macvlan sits on the real device
  if (MacvlanDev* m = NetifIsMacvlan(lower)) lower = m->lowerdev;
  if (!p.has_mtu) dev->mtu = lower->mtu;
  else if (p.mtu > lower->mtu) return -EINVAL;
  else dev->mtu = p.mtu;
  dev->min_mtu = 68;
  dev->max_mtu = lower->max_mtu;
  if (p.has_addr) {
    dev->dev_addr = p.addr;
    dev->addr_assign_type = 3;  // NET_ADDR_SET
  } else {
    dev->dev_addr = EthRandomAddr(net->host);  // eth_hw_addr_random
    dev->addr_assign_type = 1;
  }
  if (p.has_qlen) dev->tx_queue_len = p.qlen;
  dev->name = p.name.empty() ? AllocName(net, std::string(dev->kind->kind)) : p.name;

  bool create = false;
  if (!(lower->priv_flags & IFF_MACVLAN_PORT)) {
    err = MacvlanPortCreate(lower);
    if (err < 0) return err;
    create = true;
  }
  std::shared_ptr<MacvlanPort> port = PortRef(MacvlanPortGet(lower));
  auto destroy = [&](int e) {
    if (create && MacvlanPortGet(lower) && port->count == 0) MacvlanPortDestroy(lower);
    return e;
  };
  if (port->passthru) return destroy(-EINVAL);  // only one vlan on a passthru port

  dev->lowerdev = lower;
  dev->port = port;
  dev->mode = p.has_mode ? p.mode : MACVLAN_MODE_VEPA;
  if (p.has_flags) dev->mflags = p.flags;
  if (p.has_bc_queue_len) dev->bc_queue_len_req = p.bc_queue_len;
  if (dev->mode == MACVLAN_MODE_PASSTHRU) {
    if (port->count) {
      dev->port.reset();
      return destroy(-EINVAL);
    }
    port->passthru = true;
    dev->dev_addr = lower->dev_addr;  // eth_hw_addr_inherit
    dev->addr_assign_type = lower->addr_assign_type;
  }
  if (p.has_macaddr_mode) {
    if (dev->mode != MACVLAN_MODE_SOURCE) err = -EINVAL;
    else err = MacvlanChangelinkSources(dev.operator->(), p.macaddr_mode, p);
    if (err) {
      MacvlanFlushSources(port.get(), dev.operator->());
      if (dev->mode == MACVLAN_MODE_PASSTHRU) port->passthru = false;
      dev->port.reset();
      return destroy(err);
    }
  }
  // macvlan_init: the lower device's carrier and dormant state, one more vlan on the port
  dev->carrier = lower->carrier;
  dev->dormant = lower->operstate == IF_OPER_DORMANT;
  port->count++;
  err = RegisterNetdevice(net, dev);
  if (err < 0) {
    port->count--;
    MacvlanFlushSources(port.get(), dev.operator->());
    if (dev->mode == MACVLAN_MODE_PASSTHRU) port->passthru = false;
    dev->port.reset();
    return destroy(err);
  }
  dev->priv_flags |= IFF_MACVLAN;
  port->vlans.push_back(dev.operator->());
  UpdatePortBcQueueLen(port.get());
  NetifStackedTransferOperstate(lower, dev.operator->());
  LinkwatchUpdateOperstate(dev.operator->());
  return 0;
}

// macvlan_newlink
int MacvlanNewlink(NetNs* net, NetDev* lower, const MacvlanParams& p) {
  ns3::Ptr<MacvlanDev> dev = ns3::CreateObject<MacvlanDev>();
  MacvlanCommonSetup(dev.operator->(), &kMacvlanKind);
  return MacvlanCommonNewlink(net, lower, dev, p);
}

// macvlan_changelink
int MacvlanChangelink(MacvlanDev* vlan, const MacvlanParams& p) {
  int err = MacvlanValidate(p);
  if (err) return err;
  if (p.has_mode) {
    // passthru can be neither set nor cleared
    if ((p.mode == MACVLAN_MODE_PASSTHRU) != (vlan->mode == MACVLAN_MODE_PASSTHRU)) return -EINVAL;
    if (vlan->mode == MACVLAN_MODE_SOURCE && vlan->mode != p.mode) MacvlanFlushSources(vlan->port.get(), vlan);
  }
  if (p.has_flags) {
    bool promisc = (p.flags ^ vlan->mflags) & MACVLAN_FLAG_NOPROMISC;
    if (vlan->port->passthru && promisc)
      DevSetPromiscuity(vlan->lowerdev, (p.flags & MACVLAN_FLAG_NOPROMISC) ? -1 : 1);
    vlan->mflags = p.flags;
  }
  if (p.has_mode) vlan->mode = p.mode;
  if (p.has_macaddr_mode) {
    if (vlan->mode != MACVLAN_MODE_SOURCE) return -EINVAL;
    err = MacvlanChangelinkSources(vlan, p.macaddr_mode, p);
    if (err) return err;
  }
  if (p.has_bc_queue_len) {
    vlan->bc_queue_len_req = p.bc_queue_len;
    UpdatePortBcQueueLen(vlan->port.get());
  }
  return 0;
}

// macvlan_device_event: the lower device's state reaches its vlans
static void MacvlanDeviceEvent(unsigned event, NetDev* dev) {
  MacvlanPort* port = MacvlanPortGet(dev);
  if (!port) return;
  std::shared_ptr<MacvlanPort> keep = PortRef(port);
  switch (event) {
    case NETDEV_UP:
      LowerSetRxMode(port);  // dev_open → dev_set_rx_mode
      [[fallthrough]];
    case NETDEV_DOWN:
    case NETDEV_CHANGE:
      for (MacvlanDev* vlan : port->vlans) NetifStackedTransferOperstate(dev, vlan);
      break;
    case NETDEV_CHANGEMTU:
      for (MacvlanDev* vlan : std::vector<MacvlanDev*>(port->vlans.begin(), port->vlans.end()))
        if (vlan->mtu > dev->mtu) DevSetMtu(vlan, dev->mtu);
      break;
    case NETDEV_CHANGEADDR:
      if (!port->passthru || port->vlans.empty()) return;
      MacvlanSyncAddress(port->vlans.front(), dev->dev_addr);
      break;
    case NETDEV_UNREGISTER: {
      if (dev->reg_state != NetDev::NETREG_UNREGISTERING) break;  // a namespace move: the vlans stay
      std::vector<ns3::Ptr<MacvlanDev>> kill;
      for (MacvlanDev* vlan : port->vlans) kill.push_back(vlan);
      for (auto& vlan : kill)
        if (vlan->net) UnregisterNetdevice(vlan.operator->());
      break;
    }
    default:
      break;
  }
}

// macvlan_init_module
static const NetdevNotifierRegistrar macvlan_notifier(&MacvlanDeviceEvent, 0, NOTIFIER_ORDER_MACVLAN);

}  // namespace linuxnet
