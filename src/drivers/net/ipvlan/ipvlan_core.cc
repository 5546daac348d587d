// drivers/net/ipvlan/ipvlan_core.c: address lookup, receive demultiplexing, transmit
#include <cerrno>

#include "sim/host.h"
#include "drivers/net/ipvlan/ipvlan.h"
#include "net/core/dev.h"
#include "net/ipv4/ipv4.h"
#include "ns3/simulator.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

// ipvlan_count_rx
void IpvlanCountRx(IpvlDev* ipvlan, uint32_t len, bool success, bool mcast) {
  if (success) {
    ipvlan->pcpu.rx_pkts++;
    ipvlan->pcpu.rx_bytes += len;
    if (mcast) ipvlan->pcpu.rx_mcast++;
  } else {
    ipvlan->pcpu.rx_errs++;
  }
}

// ipvlan_addr_lookup over the port's address hash, which holds the addresses of the slaves that
// are up (ipvlan_open adds them, ipvlan_stop removes them)
IpvlDev* IpvlanAddrLookup(const IpvlPort* port, uint32_t addr) {
  for (IpvlDev* v : port->ipvlans) {
    if (!(v->flags & IFF_UP) || !v->ip_ptr) continue;
    for (auto& ifa : v->ip_ptr->ifa_list)
      if (ifa.local == addr) return v;
  }
  return nullptr;
}

// ipvlan_get_L3_hdr: the address a frame is about — an ARP packet's target (rx) or sender (tx)
// address, an IPv4 packet's destination (rx) or source (tx). False when there is none.
static bool IpvlanGetL3Addr(const SkBuff& skb, bool use_dest, uint32_t* addr) {
  if (skb.protocol == ETH_P_ARP) {
    if (skb.data->GetSize() < 28) return false;
    ArpHdr arp;
    skb.data->PeekHeader(arp);
    *addr = use_dest ? arp.tip : arp.sip;
    return true;
  }
  if (skb.protocol == ETH_P_IP) {
    *addr = use_dest ? skb.iph.daddr : skb.iph.saddr;
    return true;
  }
  return false;
}

static IpvlDev* IpvlanAddrLookupSkb(const IpvlPort* port, const SkBuff& skb, bool use_dest) {
  uint32_t a;
  if (!IpvlanGetL3Addr(skb, use_dest, &a)) return nullptr;
  return IpvlanAddrLookup(port, a);
}

// the slave's multicast filter (ipvlan_set_multicast_mac_filter): everything when promiscuous
// or allmulti, else broadcast and the groups joined (IPv4's 224.0.0.1)
static bool IpvlanMacFilter(const IpvlDev* v, const MacAddr& dest) {
  if (v->flags & (IFF_PROMISC | IFF_ALLMULTI)) return true;
  if (dest == v->broadcast) return true;
  static const MacAddr kAllHosts{{0x01, 0x00, 0x5e, 0x00, 0x00, 0x01}};
  return dest == kAllHosts && v->ip_ptr;
}

// ipvlan_process_multicast: the port's work item
void IpvlanProcessMulticast(std::shared_ptr<IpvlPort> port) {
  port->wq_scheduled = false;
  if (port->dead) return;
  std::deque<IpvlBacklogItem> list;
  list.swap(port->backlog);
  for (auto& item : list) {
    SkBuff& skb = *item.skb;
    PktType pkt_type = skb.eth.h_dest == port->dev->broadcast ? PACKET_BROADCAST : PACKET_MULTICAST;
    std::list<IpvlDev*> slaves = port->ipvlans;
    for (IpvlDev* v : slaves) {
      if (item.tx_pkt && v == item.dev.operator->()) continue;
      if (!IpvlanMacFilter(v, skb.eth.h_dest)) continue;
      if (!(v->flags & IFF_UP)) continue;
      uint32_t len = skb.Len() + ETH_HLEN;
      SkbPtr nskb = SkbClone(skb);
      nskb->pkt_type = pkt_type;
      int ret;
      if (item.tx_pkt) {
        ret = DevForwardSkb(v, std::move(nskb));
      } else {
        nskb->dev = v;
        ret = NetifRx(std::move(nskb));
      }
      IpvlanCountRx(v, len, ret == NET_RX_SUCCESS, true);
    }
    if (item.tx_pkt) {  // it originated here: now it goes out
      item.skb->dev = port->dev;
      item.skb->pkt_type = pkt_type;
      DevQueueXmit(std::move(item.skb));
    }
  }
}

static std::shared_ptr<IpvlPort> IpvlPortRef(IpvlPort* port);

// ipvlan_multicast_enqueue
static void IpvlanMulticastEnqueue(IpvlPort* port, SkbPtr skb, bool tx_pkt) {
  if (skb->protocol == 0x8808) return;  // ETH_P_PAUSE
  if (port->backlog.size() < IPVLAN_QBACKLOG_LIMIT) {
    NetDev* dev = skb->dev;
    port->backlog.push_back(IpvlBacklogItem{std::move(skb), tx_pkt, ns3::Ptr<NetDev>(dev)});
    if (!port->wq_scheduled) {
      port->wq_scheduled = true;
      ns3::Simulator::ScheduleNow(&IpvlanProcessMulticast, IpvlPortRef(port));
    }
  } else {
    skb->dev->stats.rx_dropped++;
  }
}

// ipvlan_rcv_frame: into the slave — a frame from a sibling (local) enters as from a wire, one
// from the master switches device (RX_HANDLER_ANOTHER)
static RxHandlerResult IpvlanRcvFrame(IpvlDev* ipvlan, SkbPtr* pskb, bool local) {
  SkBuff* skb = pskb->get();
  uint32_t len = skb->Len() + ETH_HLEN;
  bool success = false;
  RxHandlerResult ret = RX_HANDLER_CONSUMED;
  if (local) {
    if (!(ipvlan->flags & IFF_UP)) {
      pskb->reset();
    } else {
      skb->pkt_type = PACKET_HOST;
      success = DevForwardSkb(ipvlan, std::move(*pskb)) == NET_RX_SUCCESS;
    }
  } else {
    skb->dev = ipvlan;
    ret = RX_HANDLER_ANOTHER;
    success = true;
  }
  IpvlanCountRx(ipvlan, len, success, false);
  return ret;
}

// ipvlan_handle_mode_l3
static RxHandlerResult IpvlanHandleModeL3(SkbPtr* pskb, IpvlPort* port) {
  IpvlDev* addr = IpvlanAddrLookupSkb(port, **pskb, true);
  if (!addr) return RX_HANDLER_PASS;
  return IpvlanRcvFrame(addr, pskb, false);
}

// ipvlan_external_frame: not sent by one of this port's own slaves
static bool IpvlanExternalFrame(const SkBuff& skb, IpvlPort* port) {
  if (skb.eth.h_source == skb.dev->dev_addr && IpvlanAddrLookupSkb(port, skb, false)) return false;
  return true;
}

// ipvlan_handle_mode_l2
static RxHandlerResult IpvlanHandleModeL2(SkbPtr* pskb, IpvlPort* port) {
  SkBuff* skb = pskb->get();
  if (skb->eth.h_dest.IsMulticast()) {
    if (IpvlanExternalFrame(*skb, port)) IpvlanMulticastEnqueue(port, SkbClone(*skb), false);
    return RX_HANDLER_PASS;  // the master gets it too
  }
  return IpvlanHandleModeL3(pskb, port);
}

// ipvlan_handle_frame: the master's rx_handler. l3s slaves receive through the l3mdev hook in
// the master's ip_rcv (after its PRE_ROUTING); this model switches the device here, as l3 does.
RxHandlerResult IpvlanHandleFrame(SkbPtr* pskb) {
  KFunc(KF_ipvlan_handle_frame, pskb->get());
  IpvlPort* port = static_cast<IpvlPort*>((*pskb)->dev->rx_handler_data);
  if (!port) return RX_HANDLER_PASS;
  switch (port->mode) {
    case IPVLAN_MODE_L2:
      return IpvlanHandleModeL2(pskb, port);
    case IPVLAN_MODE_L3:
    case IPVLAN_MODE_L3S:
      return IpvlanHandleModeL3(pskb, port);
  }
  return RX_HANDLER_PASS;
}

// ipvlan_process_v4_outbound: routed in the master's namespace, out through its ip_local_out
static int IpvlanProcessV4Outbound(SkbPtr skb) {
  NetDev* dev = skb->dev;
  NetNs* net = dev->net;
  Flowi4 fl4;
  fl4.oif = dev->ifindex;
  fl4.tos = skb->iph.tos;
  fl4.mark = skb->mark;
  fl4.daddr = skb->iph.daddr;
  // FLOWI_FLAG_ANYSRC: the slave's address is not the master namespace's own; this model's
  // route lookup has no such flag, so the source stays out of the key
  fl4.saddr = 0;
  Rtable rt;
  if (IpRouteOutputKey(net, &fl4, &rt) != 0 || rt.rt_type != RTN_UNICAST) {
    dev->stats.tx_errors++;
    return NET_XMIT_DROP;
  }
  skb->dst = rt;
  return IpLocalOut(net, std::move(skb)) == 0 ? NET_XMIT_SUCCESS : NET_XMIT_DROP;
}

// ipvlan_process_outbound
static int IpvlanProcessOutbound(SkbPtr skb) {
  if (skb->eth.h_dest.IsMulticast()) return NET_XMIT_DROP;  // l3: no multicast on the wire
  skb->PullMac();  // skb_pull(skb, sizeof(*ethh))
  if (skb->protocol != ETH_P_IP) return NET_XMIT_DROP;
  return IpvlanProcessV4Outbound(std::move(skb));
}

// ipvlan_skb_crossing_ns: leaving the slave's namespace for the master's scrubs the packet
static void IpvlanSkbCrossingNs(SkBuff* skb, NetDev* dev) {
  if (dev && skb->dev && skb->dev->net != dev->net) {
    skb->mark = 0;
    skb->nfct = nullptr;
    skb->ctinfo = 0;
    skb->dst = Rtable{};
  }
  if (dev) skb->dev = dev;
}

static bool IpvlanIsPrivate(const IpvlPort* p) { return p->flags & IPVLAN_F_PRIVATE; }
static bool IpvlanIsVepa(const IpvlPort* p) { return p->flags & IPVLAN_F_VEPA; }

// ipvlan_xmit_mode_l3
static int IpvlanXmitModeL3(SkbPtr skb, IpvlDev* ipvlan) {
  IpvlPort* port = ipvlan->port.get();
  if (!IpvlanIsVepa(port)) {
    if (IpvlDev* addr = IpvlanAddrLookupSkb(port, *skb, true)) {
      if (IpvlanIsPrivate(port)) return NET_XMIT_DROP;  // consume_skb
      IpvlanRcvFrame(addr, &skb, true);
      return NET_XMIT_SUCCESS;
    }
  }
  IpvlanSkbCrossingNs(skb.get(), ipvlan->phy_dev);
  return IpvlanProcessOutbound(std::move(skb));
}

// ipvlan_xmit_mode_l2
static int IpvlanXmitModeL2(SkbPtr skb, IpvlDev* ipvlan) {
  IpvlPort* port = ipvlan->port.get();
  const EthHdr& eth = skb->eth;
  if (!IpvlanIsVepa(port) && eth.h_dest == eth.h_source) {
    // to the shared MAC: a sibling, or the master itself
    if (IpvlDev* addr = IpvlanAddrLookupSkb(port, *skb, true)) {
      if (IpvlanIsPrivate(port)) return NET_XMIT_DROP;
      IpvlanRcvFrame(addr, &skb, true);
      return NET_XMIT_SUCCESS;
    }
    IpvlanSkbCrossingNs(skb.get(), ipvlan->phy_dev);
    DevForwardSkb(ipvlan->phy_dev, std::move(skb));
    return NET_XMIT_SUCCESS;
  }
  if (eth.h_dest.IsMulticast()) {
    IpvlanSkbCrossingNs(skb.get(), nullptr);
    IpvlanMulticastEnqueue(port, std::move(skb), true);
    return NET_XMIT_SUCCESS;
  }
  skb->dev = ipvlan->phy_dev;
  return DevQueueXmit(std::move(skb));
}

// ipvlan_queue_xmit
static int IpvlanQueueXmit(SkbPtr skb, IpvlDev* ipvlan) {
  IpvlPort* port = ipvlan->port.get();
  if (!port) return NET_XMIT_DROP;
  switch (port->mode) {
    case IPVLAN_MODE_L2:
      return IpvlanXmitModeL2(std::move(skb), ipvlan);
    case IPVLAN_MODE_L3:
    case IPVLAN_MODE_L3S:
      return IpvlanXmitModeL3(std::move(skb), ipvlan);
  }
  return NET_XMIT_DROP;
}

// ipvlan_start_xmit
NetdevTx IpvlDev::NdoStartXmit(SkbPtr skb) {
  KFunc(KF_ipvlan_start_xmit, skb.get());
  uint32_t len = skb->Len();
  int ret = IpvlanQueueXmit(std::move(skb), this);
  if (ret == NET_XMIT_SUCCESS || ret == NET_XMIT_CN) {
    pcpu.tx_pkts++;
    pcpu.tx_bytes += len;
  } else {
    pcpu.tx_drps++;
  }
  return NETDEV_TX_OK;
}

static std::shared_ptr<IpvlPort> IpvlPortRef(IpvlPort* port) { return port->shared_from_this(); }

}  // namespace linuxnet
