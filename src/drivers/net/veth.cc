#include "drivers/net/veth.h"

#include <cerrno>

#include "net/core/dev.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

static const LinkKind kVethKind{"veth"};
// num_possible_cpus() of the reference machine the scenarios were recorded on

ns3::TypeId VethDev::GetTypeId() {
  static ns3::TypeId tid = ns3::TypeId("linuxnet::VethDev").SetParent<NetDev>().SetGroupName("Linuxnet");
  return tid;
}

// veth_xmit
NetdevTx VethDev::NdoStartXmit(SkbPtr skb) {
  KFunc(KF_veth_xmit, skb.get());
  uint32_t length = skb->Len();
  if (!peer) {
    dropped++;
    return NETDEV_TX_OK;
  }
  if (DevForwardSkb(peer.operator->(), std::move(skb)) == NET_RX_SUCCESS) {
    lstats_packets++;
    lstats_bytes += length;
  } else {
    dropped++;
  }
  return NETDEV_TX_OK;
}

// veth_open: carrier comes up on both ends once both are up
int VethDev::NdoOpen() {
  if (!peer) return -ENOTCONN;
  if (peer->flags & IFF_UP) {
    NetifCarrierOn(this);
    NetifCarrierOn(peer.operator->());
  }
  return 0;
}

int VethDev::NdoStop() {
  NetifCarrierOff(this);
  if (peer) NetifCarrierOff(peer.operator->());
  return 0;
}

int VethDev::NdoGetIflink() const { return peer ? peer->ifindex : 0; }
NetNs* VethDev::NdoGetLinkNet() const { return peer ? peer->net : nullptr; }

// veth_get_stats64: TX is what this end forwarded; RX is what the peer forwarded to it
LinkStats VethDev::GetStats64() const {
  LinkStats s = stats;  // core counters (rx_dropped, rx_nohandler)
  s.tx_packets = lstats_packets;
  s.tx_bytes = lstats_bytes;
  s.tx_dropped += dropped;
  if (peer) {
    s.rx_packets = peer->lstats_packets;
    s.rx_bytes = peer->lstats_bytes;
  }
  return s;
}

void VethDev::DoDispose() {
  peer = nullptr;
  NetDev::DoDispose();
}

// veth_dellink: deleting one end deletes the pair
void VethDev::Uninit() {
  if (ns3::Ptr<VethDev> p = peer) {
    peer = nullptr;
    p->peer = nullptr;
    if (p->net) UnregisterNetdevice(p.operator->());
  }
}

static ns3::Ptr<VethDev> VethSetup(Host* host, const std::string& name, const MacAddr* addr, uint32_t mtu, uint32_t qlen) {
  ns3::Ptr<VethDev> d = ns3::CreateObject<VethDev>();
  d->name = name;
  d->kind = &kVethKind;
  d->flags = IFF_BROADCAST | IFF_MULTICAST;
  d->priv_flags |= IFF_NO_QUEUE;
  d->mtu = mtu ? mtu : 1500;
  d->min_mtu = 68;
  d->max_mtu = 65535;
  d->tx_queue_len = qlen;
  // veth_newlink allocates one queue per possible CPU of the machine
  d->num_tx_queues = d->num_rx_queues = static_cast<uint32_t>(host->ncpus());
  d->carrier = false;  // netif_carrier_off in veth_newlink
  d->operstate = IF_OPER_UNKNOWN;
  if (addr) {
    d->dev_addr = *addr;
    d->addr_assign_type = 3;
  } else {
    d->dev_addr = EthRandomAddr(host);
    d->addr_assign_type = 1;  // NET_ADDR_RANDOM
  }
  return d;
}

static std::string AllocName(NetNs* net, const char* fmt) {
  for (int i = 0;; i++) {
    std::string n = std::string(fmt) + std::to_string(i);
    if (!net->DevGetByName(n)) return n;
  }
}

int VethNewlink(NetNs* net, const VethParams& p) {
  NetNs* peer_net = p.peer_net ? p.peer_net : net;
  std::string peer_name = p.peer_name.empty() ? AllocName(peer_net, "veth") : p.peer_name;
  // veth_newlink registers the peer first: a bad or taken peer name fails at once, but the main
  // device's is only checked by its own register_netdevice, after the peer took an ifindex
  if (p.addr && p.addr->IsMulticast()) return -EADDRNOTAVAIL;  // veth_validate, of each end
  if (p.peer_addr && p.peer_addr->IsMulticast()) return -EADDRNOTAVAIL;
  if (!DevValidName(peer_name)) return -EINVAL;
  if (peer_net->DevGetByName(peer_name)) return -EEXIST;
  ns3::Ptr<VethDev> peer = VethSetup(net->host, peer_name, p.peer_addr, p.peer_mtu ? p.peer_mtu : p.mtu, p.peer_txqueuelen);
  int err = RegisterNetdevice(peer_net, peer);
  if (err) return err;
  // "veth%d" for the main end is resolved with the peer already there
  ns3::Ptr<VethDev> dev = VethSetup(net->host, p.name.empty() ? AllocName(net, "veth") : p.name, p.addr, p.mtu, p.txqueuelen);
  dev->peer = peer;
  peer->peer = dev;
  err = RegisterNetdevice(net, dev);
  if (err) {
    peer->peer = nullptr;
    UnregisterNetdevice(peer.operator->());
    return err;
  }
  // veth_newlink's netif_carrier_off(peer) and netif_carrier_off(dev) fire linkwatch events that
  // run once both ends are registered: default_operstate then sees the peer's index
  peer->operstate = DefaultOperstate(peer.operator->());
  dev->operstate = DefaultOperstate(dev.operator->());
  return 0;
}

}  // namespace linuxnet
