#include "net/core/netdevice.h"

#include "net/core/dev.h"
#include "net/ipv4/ipv4.h"
#include "ns3/mac48-address.h"
#include "net/core/net_namespace.h"
#include "net/sched/sch_generic.h"

namespace linuxnet {

ns3::TypeId NetDev::GetTypeId() {
  static ns3::TypeId tid = ns3::TypeId("linuxnet::NetDev").SetParent<ns3::NetDevice>().SetGroupName("Linuxnet");
  return tid;
}

NetDev::NetDev() { broadcast = MacAddr::Broadcast(); }
NetDev::~NetDev() = default;

void NetDev::DoDispose() {
  rx_handler = nullptr;
  rx_handler_data = nullptr;
  rx_handler_owner.reset();
  master = nullptr;
  ns3::NetDevice::DoDispose();
}

void NetDev::SetAddress(ns3::Address address) {
  ns3::Mac48Address m = ns3::Mac48Address::ConvertFrom(address);
  MacAddr a;
  m.CopyTo(a.b);
  DevSetMacAddress(this, a);
}

ns3::Address NetDev::GetAddress() const {
  ns3::Mac48Address m;
  m.CopyFrom(dev_addr.b);
  return m;
}

ns3::Address NetDev::GetBroadcast() const { return ns3::Mac48Address("ff:ff:ff:ff:ff:ff"); }
ns3::Address NetDev::GetMulticast(ns3::Ipv4Address g) const { return ns3::Mac48Address::GetMulticast(g); }
ns3::Address NetDev::GetMulticast(ns3::Ipv6Address a) const { return ns3::Mac48Address::GetMulticast(a); }

bool NetDev::Send(ns3::Ptr<ns3::Packet> packet, const ns3::Address& dest, uint16_t proto) {
  return SendFrom(packet, GetAddress(), dest, proto);
}

// An ns-3 PacketSocket-style send: the payload becomes a frame on this device (AF_PACKET)
bool NetDev::SendFrom(ns3::Ptr<ns3::Packet> packet, const ns3::Address& source, const ns3::Address& dest,
                      uint16_t proto) {
  SkbPtr skb = AllocSkb(net->host, packet);
  skb->dev = this;
  skb->protocol = proto;
  MacAddr d, s;
  ns3::Mac48Address::ConvertFrom(dest).CopyTo(d.b);
  ns3::Mac48Address::ConvertFrom(source).CopyTo(s.b);
  EthHeader(skb.get(), this, proto, d, &s);
  return DevQueueXmit(std::move(skb)) == NET_XMIT_SUCCESS;
}

ns3::Ptr<ns3::Node> NetDev::GetNode() const { return net ? net->node : nullptr; }

}  // namespace linuxnet
