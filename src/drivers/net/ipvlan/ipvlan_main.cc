// drivers/net/ipvlan/ipvlan_main.c: the port, link creation, open/stop, the master's events
#include <algorithm>
#include <cerrno>

#include "drivers/net/ipvlan/ipvlan.h"
#include "drivers/net/macvlan.h"
#include "net/core/dev.h"
#include "net/core/netdev-notifier.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

static const LinkKind kIpvlanKind{"ipvlan"};

ns3::TypeId IpvlDev::GetTypeId() {
  static ns3::TypeId tid = ns3::TypeId("linuxnet::IpvlDev").SetParent<NetDev>().SetGroupName("Linuxnet");
  return tid;
}

// netif_is_ipvlan
IpvlDev* NetifIsIpvlan(NetDev* dev) { return dev ? dynamic_cast<IpvlDev*>(dev) : nullptr; }

// ipvlan_port_get_rtnl (netif_is_ipvlan_port)
IpvlPort* IpvlanPortGet(NetDev* phy) {
  if (!phy || phy->rx_handler != &IpvlanHandleFrame) return nullptr;
  return static_cast<IpvlPort*>(phy->rx_handler_data);
}

static std::shared_ptr<IpvlPort> PortRef(IpvlPort* port) { return port ? port->shared_from_this() : nullptr; }

// netif_stacked_transfer_operstate
static void TransferOperstate(const NetDev* root, NetDev* dev) {
  if (root->carrier) NetifCarrierOn(dev);
  else NetifCarrierOff(dev);
}

// ipvlan_device_event
static void IpvlanDeviceEvent(unsigned event, NetDev* dev) {
  IpvlPort* port = IpvlanPortGet(dev);
  if (!port) return;
  std::shared_ptr<IpvlPort> keep = PortRef(port);
  switch (event) {
    case NETDEV_UP:
    case NETDEV_DOWN:
    case NETDEV_CHANGE:
      for (IpvlDev* v : port->ipvlans) TransferOperstate(dev, v);
      break;
    case NETDEV_UNREGISTER: {
      if (dev->reg_state != NetDev::NETREG_UNREGISTERING) break;
      std::vector<ns3::Ptr<IpvlDev>> kill(port->ipvlans.begin(), port->ipvlans.end());
      for (auto& v : kill)
        if (v->net) UnregisterNetdevice(v.operator->());
      break;
    }
    case NETDEV_CHANGEMTU:
      for (IpvlDev* v : std::vector<IpvlDev*>(port->ipvlans.begin(), port->ipvlans.end()))
        if (v->mtu > dev->mtu) DevSetMtu(v, dev->mtu);
      break;
    case NETDEV_CHANGEADDR:  // the slaves share the master's address
      for (IpvlDev* v : port->ipvlans) {
        v->dev_addr = dev->dev_addr;
        CallNetdeviceNotifiers(NETDEV_CHANGEADDR, v);
      }
      break;
    default:
      break;
  }
}
static const NetdevNotifierRegistrar ipvlan_notifier(&IpvlanDeviceEvent, 0, NOTIFIER_ORDER_IPVLAN);

// ipvlan_port_create
static int IpvlanPortCreate(NetDev* dev) {
  if (dev->type != ARPHRD_ETHER || (dev->flags & IFF_LOOPBACK)) return -EINVAL;
  if (dev->rx_handler) return -EBUSY;  // a macvlan port, a bridge port, ...
  auto port = std::make_shared<IpvlPort>();
  port->dev = dev;
  port->mode = IPVLAN_MODE_L3;
  int err = NetdevRxHandlerRegister(dev, &IpvlanHandleFrame, port.get());
  if (err) return err;
  dev->rx_handler_owner = port;
  return 0;
}

// ipvlan_port_destroy
static void IpvlanPortDestroy(NetDev* dev) {
  IpvlPort* port = IpvlanPortGet(dev);
  if (!port) return;
  NetdevRxHandlerUnregister(dev);
  port->backlog.clear();
  port->dead = true;
  dev->rx_handler_owner.reset();  // kfree(port)
}

// ipvlan_set_port_mode: l3/l3s slaves do no ARP; the mode and flags are the port's
static void IpvlanSetPortMode(IpvlPort* port, uint16_t mode) {
  for (IpvlDev* v : port->ipvlans) {
    if (mode == IPVLAN_MODE_L2) v->flags &= ~IFF_NOARP;
    else v->flags |= IFF_NOARP;
  }
  port->mode = mode;
}

// ipvlan_open / ipvlan_stop: the slave's addresses enter and leave the port's hash (here: the
// lookup only sees slaves that are up)
int IpvlDev::NdoOpen() {
  if (port->mode == IPVLAN_MODE_L3 || port->mode == IPVLAN_MODE_L3S) flags |= IFF_NOARP;
  else flags &= ~IFF_NOARP;
  return 0;
}
int IpvlDev::NdoStop() { return 0; }

int IpvlDev::NdoChangeMtu(uint32_t new_mtu) {
  if (!phy_dev || new_mtu > phy_dev->mtu) return -EINVAL;
  mtu = new_mtu;
  return 0;
}

int IpvlDev::NdoGetIflink() const { return phy_dev ? phy_dev->ifindex : 0; }
NetNs* IpvlDev::NdoGetLinkNet() const { return phy_dev ? phy_dev->net : nullptr; }

// ipvlan_get_stats64
LinkStats IpvlDev::GetStats64() const {
  LinkStats s;
  s.rx_packets = pcpu.rx_pkts;
  s.rx_bytes = pcpu.rx_bytes;
  s.multicast = pcpu.rx_mcast;
  s.tx_packets = pcpu.tx_pkts;
  s.tx_bytes = pcpu.tx_bytes;
  s.rx_errors = pcpu.rx_errs;
  s.rx_dropped = pcpu.rx_errs + stats.rx_dropped;
  s.tx_dropped = pcpu.tx_drps + stats.tx_dropped;
  s.rx_nohandler = stats.rx_nohandler;
  return s;
}

// ipvlan_link_delete + ipvlan_uninit
void IpvlDev::Uninit() {
  if (!port) return;
  std::shared_ptr<IpvlPort> p = port;
  p->ipvlans.remove(this);
  p->count--;
  if (!p->count) IpvlanPortDestroy(p->dev);
  port.reset();
  phy_dev = nullptr;
}

// ipvlan_setup (ether_setup; IFF_NO_QUEUE; the TX queue length of a noqueue device)
void IpvlanSetupDev(IpvlDev* dev, const LinkKind* kind) {
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

// ipvlan_nl_validate
static int IpvlanNlValidate(const IpvlanParams& p) {
  if (p.has_mode && p.mode > IPVLAN_MODE_L3S) return -EINVAL;
  if (p.has_flags && ((p.flags & ~(IPVLAN_F_PRIVATE | IPVLAN_F_VEPA)) ||
                      (p.flags & (IPVLAN_F_PRIVATE | IPVLAN_F_VEPA)) == (IPVLAN_F_PRIVATE | IPVLAN_F_VEPA)))
    return -EINVAL;
  return 0;
}

// ipvlan_link_new
int IpvlanLinkNew(NetNs* net, NetDev* phy, ns3::Ptr<IpvlDev> dev, const IpvlanParams& p) {
  int err = IpvlanNlValidate(p);
  if (err) return err;
  if (!phy) return -EINVAL;  // no IFLA_LINK
  if (IpvlDev* v = NetifIsIpvlan(phy)) phy = v->phy_dev;  // an ipvlan on an ipvlan: the same master
  if (NetifIsMacvlan(phy) == nullptr && (phy->priv_flags & IFF_MACVLAN_PORT)) return -EBUSY;
  bool create = false;
  if (!IpvlanPortGet(phy)) {
    err = IpvlanPortCreate(phy);
    if (err) return err;
    create = true;
  }
  std::shared_ptr<IpvlPort> port = PortRef(IpvlanPortGet(phy));
  dev->phy_dev = phy;
  dev->port = port;
  if (!p.has_mtu) dev->mtu = phy->mtu;  // ipvlan_adjust_mtu
  else if (p.mtu > phy->mtu) err = -EINVAL;
  else dev->mtu = p.mtu;
  dev->min_mtu = 68;
  dev->max_mtu = phy->max_mtu;
  if (p.has_qlen) dev->tx_queue_len = p.qlen;
  dev->dev_addr = phy->dev_addr;  // every slave has the master's address
  dev->addr_assign_type = phy->addr_assign_type;
  dev->name = p.name.empty() ? AllocName(net, std::string(dev->kind->kind)) : p.name;
  dev->carrier = phy->carrier;
  if (!err) {
    port->count++;
    err = RegisterNetdevice(net, dev);
    if (err) port->count--;
  }
  if (err) {
    dev->port.reset();
    if (create && port->count == 0) IpvlanPortDestroy(phy);
    return err;
  }
  port->ipvlans.push_back(dev.operator->());
  // the flags, then the mode (which is the port's: the newest slave sets it for all)
  if (p.has_flags) port->flags = p.flags;
  IpvlanSetPortMode(port.get(), p.has_mode ? p.mode : static_cast<uint16_t>(IPVLAN_MODE_L3));
  TransferOperstate(phy, dev.operator->());
  LinkwatchUpdateOperstate(dev.operator->());
  return 0;
}

int IpvlanNewlink(NetNs* net, NetDev* phy, const IpvlanParams& p) {
  ns3::Ptr<IpvlDev> dev = ns3::CreateObject<IpvlDev>();
  IpvlanSetupDev(dev.operator->(), &kIpvlanKind);
  return IpvlanLinkNew(net, phy, dev, p);
}

// ipvlan_nl_changelink
int IpvlanChangelink(IpvlDev* dev, const IpvlanParams& p) {
  int err = IpvlanNlValidate(p);
  if (err) return err;
  if (!dev->port) return -EINVAL;
  if (p.has_flags) dev->port->flags = p.flags;
  if (p.has_mode) IpvlanSetPortMode(dev->port.get(), p.mode);
  return 0;
}

}  // namespace linuxnet
