#include "net/ipv4/linux-ipv4.h"

#include <algorithm>

#include "net/core/dev.h"
#include "net/ipv4/ipv4.h"
#include "net/ipv4/l4.h"
#include "net/ipv4/tcp.h"
#include "net/ipv4/udp.h"
#include "net/ipv4/udp_socket.h"
#include "ns3/ip-l4-protocol.h"
#include "ns3/ipv4-route.h"
#include "ns3/socket.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/tcp-option-rfc793.h"
#include "ns3/tcp-option-ts.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

namespace {
ns3::Ipv4Address A(uint32_t a) { return ns3::Ipv4Address(a); }

// Ipv4RoutingProtocol over ip_route_output_key: ns-3 sockets ask it for their routes
class LinuxRouting : public ns3::Ipv4RoutingProtocol {
 public:
  NetNs* net = nullptr;
  ns3::Ptr<ns3::Ipv4Route> RouteOutput(ns3::Ptr<ns3::Packet> p, const ns3::Ipv4Header& header,
                                       ns3::Ptr<ns3::NetDevice> oif, ns3::Socket::SocketErrno& sockerr) override {
    Flowi4 fl4;
    fl4.daddr = header.GetDestination().Get();
    ns3::Ipv4Address src = header.GetSource();
    if (src != ns3::Ipv4Address::GetAny() && src != ns3::Ipv4Address("102.102.102.102")) fl4.saddr = src.Get();
    if (oif) fl4.oif = static_cast<int>(oif->GetIfIndex());
    fl4.proto = header.GetProtocol();
    Rtable rt;
    if (IpRouteOutputKey(net, &fl4, &rt) != 0) {
      sockerr = ns3::Socket::ERROR_NOROUTETOHOST;
      return nullptr;
    }
    sockerr = ns3::Socket::ERROR_NOTERROR;
    ns3::Ptr<ns3::Ipv4Route> r = ns3::Create<ns3::Ipv4Route>();
    r->SetDestination(A(fl4.daddr));
    r->SetSource(A(fl4.saddr));
    r->SetGateway(A(rt.rt_gw4));
    r->SetOutputDevice(rt.dev);
    return r;
  }
  bool RouteInput(ns3::Ptr<const ns3::Packet>, const ns3::Ipv4Header&, ns3::Ptr<const ns3::NetDevice>,
                  UnicastForwardCallback, MulticastForwardCallback, LocalDeliverCallback,
                  ErrorCallback) override {
    return false;  // input routing happens in ip_route_input_noref
  }
  void NotifyInterfaceUp(uint32_t) override {}
  void NotifyInterfaceDown(uint32_t) override {}
  void NotifyAddAddress(uint32_t, ns3::Ipv4InterfaceAddress) override {}
  void NotifyRemoveAddress(uint32_t, ns3::Ipv4InterfaceAddress) override {}
  void SetIpv4(ns3::Ptr<ns3::Ipv4>) override {}
  void PrintRoutingTable(ns3::Ptr<ns3::OutputStreamWrapper>, ns3::Time::Unit) const override {}
};
}  // namespace

ns3::TypeId LinuxIpv4::GetTypeId() {
  static ns3::TypeId tid = ns3::TypeId("linuxnet::LinuxIpv4").SetParent<ns3::Ipv4>().SetGroupName("Linuxnet");
  return tid;
}

void LinuxIpv4::Install(NetNs* net) {
  ns3::Ptr<LinuxIpv4> ip = ns3::CreateObject<LinuxIpv4>();
  ip->net = net;
  net->ns3_ipv4 = ip;
  net->node->AggregateObject(ip);
}

// The ns3::Ipv4 facade of every namespace, so that ns-3's sockets and applications find it
static void LinuxIpv4NetInit(NetNs* net) { LinuxIpv4::Install(net); }
static void LinuxIpv4NetExit(NetNs* net) {
  if (net->ns3_ipv4) net->ns3_ipv4->Dispose();
  net->ns3_ipv4 = nullptr;
}
static const PernetOperations linux_ipv4_net_ops{"ns3-ipv4", 40, &LinuxIpv4NetInit, &LinuxIpv4NetExit};
static const PernetRegistrar linux_ipv4_net_registrar(&linux_ipv4_net_ops);

void LinuxIpv4::InstallL4(NetNs* net) {
  UdpInstall(net);
  TcpInstall(net);
}

void LinuxIpv4::DoDispose() {
  l4_.clear();
  routing_ = nullptr;
  ifaces_.clear();
  net = nullptr;
  ns3::Ipv4::DoDispose();
}

NetDev* LinuxIpv4::Dev(uint32_t i) const {
  // ns-3 interface i is the namespace's i-th device in ifindex order
  for (auto& d : net->devs)
    if (i-- == 0) return d.operator->();
  return nullptr;
}

void LinuxIpv4::SetRoutingProtocol(ns3::Ptr<ns3::Ipv4RoutingProtocol> r) { routing_ = r; }

ns3::Ptr<ns3::Ipv4RoutingProtocol> LinuxIpv4::GetRoutingProtocol() const {
  if (!routing_) {
    ns3::Ptr<LinuxRouting> r = ns3::CreateObject<LinuxRouting>();
    r->net = net;
    routing_ = r;
  }
  return routing_;
}

uint32_t LinuxIpv4::AddInterface(ns3::Ptr<ns3::NetDevice> device) {
  int32_t i = GetInterfaceForDevice(device);
  return i < 0 ? 0 : static_cast<uint32_t>(i);
}

uint32_t LinuxIpv4::GetNInterfaces() const { return static_cast<uint32_t>(net->devs.size()); }

int32_t LinuxIpv4::GetInterfaceForAddress(ns3::Ipv4Address address) const {
  int32_t i = -1;
  for (auto& d : net->devs) {
    i++;
    InDevice* in = InDevGet(d.operator->());
    if (!in) continue;
    for (auto& ifa : in->ifa_list)
      if (ifa.local == address.Get()) return static_cast<int32_t>(i);
  }
  return -1;
}

// tcp_syn_options: Linux puts an MSS option (the route's MTU - 40) in every SYN and SYN-ACK;
// ns-3's TcpSocketBase does not, so its SYNs would be 4 bytes shorter than the kernel's
static void AddMssOption(ns3::Ptr<ns3::Packet>& packet, uint32_t mtu) {
  if (packet->GetSize() < 20) return;
  uint8_t b[14];
  packet->CopyData(b, 14);
  if (!(b[13] & ns3::TcpHeader::SYN)) return;
  ns3::TcpHeader th;
  packet = packet->Copy();
  packet->RemoveHeader(th);
  if (!th.HasOption(ns3::TcpOption::MSS)) {
    ns3::Ptr<ns3::TcpOptionMSS> mss = ns3::CreateObject<ns3::TcpOptionMSS>();
    mss->SetMSS(static_cast<uint16_t>(mtu - 40));
    th.AppendOption(mss);
  }
  packet->AddHeader(th);
}

// The ns-3 L4 protocols' down target: route (again, as the socket's cached route may be stale),
// build the IP header, ip_local_out
// Called from an ns-3 application (its sendmsg: process context, on the CPU its process runs on,
// behind the work that CPU is busy with) or from kernel work already on a CPU (TCP's ACKs and
// retransmissions from the softirq).
void LinuxIpv4::Send(ns3::Ptr<ns3::Packet> packet, ns3::Ipv4Address source, ns3::Ipv4Address destination,
                     uint8_t protocol, ns3::Ptr<ns3::Ipv4Route> route) {
  const uint32_t gso = tcp_gso_size;
  tcp_gso_size = 0;
  if (!net) return;
  Host* host = net->host;
  if (host->cur != &host->idle) {
    SendMsg(packet, source, destination, protocol, route, gso);
    return;
  }
  ns3::Ptr<LinuxIpv4> self(this);
  CpuRun(host, AppCpu(), [self, packet, source, destination, protocol, route, gso] {
    if (self->net) self->SendMsg(packet, source, destination, protocol, route, gso);
  });
}

Cpu* LinuxIpv4::AppCpu() {
  if (!app_cpu_) app_cpu_ = net->host->NextProcessCpu();
  return app_cpu_;
}

void LinuxIpv4::SendMsg(ns3::Ptr<ns3::Packet> packet, ns3::Ipv4Address source, ns3::Ipv4Address destination,
                        uint8_t protocol, ns3::Ptr<ns3::Ipv4Route> route, uint32_t gso_size) {
  Flowi4 fl4;
  fl4.daddr = destination.Get();
  fl4.saddr = source == ns3::Ipv4Address::GetAny() ? 0 : source.Get();
  fl4.proto = protocol;
  fl4.df = protocol == IPPROTO_TCP_;
  if (route && route->GetOutputDevice() && !(static_cast<NetDev*>(ns3::PeekPointer(route->GetOutputDevice()))->flags & IFF_LOOPBACK))
    fl4.oif = static_cast<int>(route->GetOutputDevice()->GetIfIndex());
  Rtable rt;
  if (IpRouteOutputKey(net, &fl4, &rt) != 0) {
    net->ipv4->mib[IPSTATS_MIB_OutNoRoutes]++;
    return;
  }
  uint8_t ttl = static_cast<uint8_t>(net->ipv4->sysctl_ip_default_ttl);
  ns3::SocketIpTtlTag ttlTag;
  if (packet->RemovePacketTag(ttlTag)) ttl = ttlTag.GetTtl();
  uint8_t tos = 0;
  ns3::SocketIpTosTag tosTag;
  if (packet->RemovePacketTag(tosTag)) tos = tosTag.GetTos();
  if (protocol == IPPROTO_TCP_) AddMssOption(packet, rt.dev ? rt.dev->mtu : 1500);
  SkbPtr skb = AllocSkb(net->host, packet);
  if (protocol == IPPROTO_TCP_ && packet->GetSize() >= 20) {
    uint8_t b[13];
    packet->CopyData(b, 13);
    const uint32_t payload = packet->GetSize() - std::min<uint32_t>((b[12] >> 4) * 4u, packet->GetSize());
    skb->data_len = payload;  // tcp_sendmsg_locked: the data in page fragments, headers linear
    if (gso_size && payload > gso_size) {  // tcp_set_skb_tso_segs: more than one segment
      skb->gso_size = gso_size;
      skb->gso_segs = static_cast<uint16_t>((payload + gso_size - 1) / gso_size);
    }
  }
  KFunc(protocol == IPPROTO_TCP_ ? KF_tcp_transmit_skb : protocol == IPPROTO_UDP_ ? KF_udp_sendmsg : KF_raw_sendmsg,
        skb.get());
  IpBuildAndSend(net, std::move(skb), fl4, rt, ttl, tos);
}

void LinuxIpv4::SendWithHeader(ns3::Ptr<ns3::Packet> packet, ns3::Ipv4Header h, ns3::Ptr<ns3::Ipv4Route> route) {
  Send(packet, h.GetSource(), h.GetDestination(), h.GetProtocol(), route);
}

void LinuxIpv4::Insert(ns3::Ptr<ns3::IpL4Protocol> p) { l4_[p->GetProtocolNumber()] = p; }
void LinuxIpv4::Insert(ns3::Ptr<ns3::IpL4Protocol> p, uint32_t) { Insert(p); }
void LinuxIpv4::Remove(ns3::Ptr<ns3::IpL4Protocol> p) { l4_.erase(p->GetProtocolNumber()); }
void LinuxIpv4::Remove(ns3::Ptr<ns3::IpL4Protocol> p, uint32_t) { Remove(p); }

bool LinuxIpv4::IsDestinationAddress(ns3::Ipv4Address address, uint32_t iif) const {
  return GetInterfaceForAddress(address) >= 0;
}

int32_t LinuxIpv4::GetInterfaceForPrefix(ns3::Ipv4Address address, ns3::Ipv4Mask mask) const {
  int32_t i = -1;
  for (auto& d : net->devs) {
    i++;
    InDevice* in = InDevGet(d.operator->());
    if (!in) continue;
    for (auto& ifa : in->ifa_list)
      if ((ifa.local & mask.Get()) == (address.Get() & mask.Get())) return static_cast<int32_t>(i);
  }
  return -1;
}

ns3::Ptr<ns3::NetDevice> LinuxIpv4::GetNetDevice(uint32_t i) { return Dev(i); }

int32_t LinuxIpv4::GetInterfaceForDevice(ns3::Ptr<const ns3::NetDevice> device) const {
  int32_t i = 0;
  for (auto& d : net->devs) {
    if (ns3::PeekPointer(d) == ns3::PeekPointer(device)) return i;
    i++;
  }
  return -1;
}

bool LinuxIpv4::AddAddress(uint32_t i, ns3::Ipv4InterfaceAddress a) {
  NetDev* d = Dev(i);
  if (!d) return false;
  InIfaddr ifa;
  ifa.local = ifa.address = a.GetLocal().Get();
  ifa.prefixlen = static_cast<uint8_t>(a.GetMask().GetPrefixLength());
  return InetInsertIfa(d, ifa) == 0;
}

uint32_t LinuxIpv4::GetNAddresses(uint32_t i) const {
  NetDev* d = Dev(i);
  InDevice* in = d ? InDevGet(d) : nullptr;
  return in ? static_cast<uint32_t>(in->ifa_list.size()) : 0;
}

ns3::Ipv4InterfaceAddress LinuxIpv4::GetAddress(uint32_t i, uint32_t k) const {
  NetDev* d = Dev(i);
  InDevice* in = d ? InDevGet(d) : nullptr;
  if (!in || k >= in->ifa_list.size()) return ns3::Ipv4InterfaceAddress();
  const InIfaddr& ifa = in->ifa_list[k];
  ns3::Ipv4InterfaceAddress r(A(ifa.local), ns3::Ipv4Mask(ifa.mask));
  if (ifa.broadcast) r.SetBroadcast(A(ifa.broadcast));
  if (ifa.flags & IFA_F_SECONDARY) r.SetSecondary();
  return r;
}

bool LinuxIpv4::RemoveAddress(uint32_t i, uint32_t k) {
  NetDev* d = Dev(i);
  InDevice* in = d ? InDevGet(d) : nullptr;
  if (!in || k >= in->ifa_list.size()) return false;
  return InetDelIfa(d, in->ifa_list[k].local, in->ifa_list[k].prefixlen, true) == 0;
}

bool LinuxIpv4::RemoveAddress(uint32_t i, ns3::Ipv4Address a) {
  NetDev* d = Dev(i);
  return d && InetDelIfa(d, a.Get(), 0, false) == 0;
}

ns3::Ipv4Address LinuxIpv4::SelectSourceAddress(ns3::Ptr<const ns3::NetDevice> device, ns3::Ipv4Address dst,
                                                ns3::Ipv4InterfaceAddress::InterfaceAddressScope_e) {
  const NetDev* d = static_cast<const NetDev*>(ns3::PeekPointer(device));
  return A(InetSelectAddr(d, dst.Get(), RT_SCOPE_LINK));
}

uint16_t LinuxIpv4::GetMtu(uint32_t i) const { NetDev* d = Dev(i); return d ? static_cast<uint16_t>(d->mtu) : 0; }
bool LinuxIpv4::IsUp(uint32_t i) const { NetDev* d = Dev(i); return d && d->IsUp(); }
void LinuxIpv4::SetUp(uint32_t i) { if (NetDev* d = Dev(i)) { DevOpen(d); LinkwatchRunQueue(net->host); } }
void LinuxIpv4::SetDown(uint32_t i) { if (NetDev* d = Dev(i)) { DevClose(d); LinkwatchRunQueue(net->host); } }
bool LinuxIpv4::IsForwarding(uint32_t i) const { NetDev* d = Dev(i); return d && IpDevConfForwarding(d); }
void LinuxIpv4::SetForwarding(uint32_t i, bool v) {
  NetDev* d = Dev(i);
  if (d && InDevGet(d)) InDevGet(d)->cnf.forwarding = v;
}

ns3::Ipv4Address LinuxIpv4::SourceAddressSelection(uint32_t i, ns3::Ipv4Address dest) {
  NetDev* d = Dev(i);
  return d ? A(InetSelectAddr(d, dest.Get(), RT_SCOPE_UNIVERSE)) : ns3::Ipv4Address::GetAny();
}

ns3::Ptr<ns3::IpL4Protocol> LinuxIpv4::GetProtocol(int n) const {
  auto it = l4_.find(n);
  return it == l4_.end() ? nullptr : it->second;
}
ns3::Ptr<ns3::IpL4Protocol> LinuxIpv4::GetProtocol(int n, int32_t) const { return GetProtocol(n); }

// ip_forward sysctl as the ns-3 attribute: devinet_sysctl_forward on "all"
void LinuxIpv4::SetIpForward(bool forward) {
  if (!net) return;
  net->ipv4->devconf_all.forwarding = forward;
  net->ipv4->devconf_dflt.forwarding = forward;
  for (auto& d : net->devs)
    if (InDevice* in = InDevGet(d.operator->())) in->cnf.forwarding = forward;
}
bool LinuxIpv4::GetIpForward() const { return net && net->ipv4->devconf_all.forwarding; }

ns3::Ptr<ns3::Ipv4Interface> LinuxIpv4::InterfaceFor(NetDev* dev) {
  auto it = ifaces_.find(dev);
  if (it != ifaces_.end()) return it->second;
  ns3::Ptr<ns3::Ipv4Interface> iface = ns3::CreateObject<ns3::Ipv4Interface>();
  iface->SetDevice(dev);  // no node: no ARP cache is created for it
  ifaces_[dev] = iface;
  return iface;
}

static ns3::Ipv4Header Ns3Header(const Iphdr& iph, uint32_t payload) {
  ns3::Ipv4Header h;
  h.SetSource(A(iph.saddr));
  h.SetDestination(A(iph.daddr));
  h.SetProtocol(iph.protocol);
  h.SetTtl(iph.ttl);
  h.SetTos(iph.tos);
  h.SetIdentification(iph.id);
  h.SetPayloadSize(static_cast<uint16_t>(payload));
  if (iph.frag_off & IP_DF) h.SetDontFragment();
  return h;
}

// A RST carries no timestamp option (the kernel's own, for a closed port or from REJECT, never
// does; RFC 7323 lets it), but ns-3's TcpSocketBase drops any segment without one once
// timestamps were negotiated, and it ignores a RST|ACK in SYN_SENT (as a bare ACK) and answers
// one in ESTABLISHED with a RST of its own. ns-3's copy of a RST gets an empty timestamp and the
// RST flag alone, which every ns-3 state takes as tcp_reset() takes the kernel's.
static void RstTimestamp(ns3::Ptr<ns3::Packet>& p) {
  uint8_t b[14];
  if (p->GetSize() < 20) return;
  p->CopyData(b, 14);
  if (!(b[13] & ns3::TcpHeader::RST)) return;
  ns3::TcpHeader th;
  p->RemoveHeader(th);
  if (!th.HasOption(ns3::TcpOption::TS)) th.AppendOption(ns3::CreateObject<ns3::TcpOptionTS>());
  th.SetFlags(ns3::TcpHeader::RST);
  p->AddHeader(th);
}

// udp_rcv (the model's own UDP) / tcp_v4_rcv (ns-3's TCP)
int L4Deliver(NetNs* net, SkbPtr& skb, uint8_t protocol) {
  if (protocol == IPPROTO_UDP_) return UdpRcv(net, skb);
  LinuxIpv4* ip = net->ns3_ipv4.operator->();
  if (!ip) return L4_NO_PROTOCOL;
  ns3::Ptr<ns3::IpL4Protocol> l4 = ip->GetProtocol(protocol);
  if (!l4 && protocol == IPPROTO_TCP_) {
    // every Linux namespace has TCP: a segment to a port nobody listens on gets a RST. ns-3's
    // protocol is aggregated on first use.
    LinuxIpv4::InstallL4(net);
    l4 = ip->GetProtocol(protocol);
  }
  if (!l4) return L4_NO_PROTOCOL;
  KFunc(KF_tcp_v4_rcv, skb.get());
  // the socket sees the datagram or segment at the moment the work reached it: ns-3's clock moves
  // to the cursor when no event is due before it (else it still reads the packet's start)
  if (net->host->cursor_ps > ns3::Simulator::Now().GetPicoSeconds()) CpuAdvance(net->host);
  ns3::Ipv4Header h = Ns3Header(skb->iph, skb->data->GetSize());
  NetDev* dev = skb->dev;
  ns3::Ptr<ns3::Packet> p = skb->data->Copy();
  if (protocol == IPPROTO_TCP_) RstTimestamp(p);
  l4->Receive(p, h, ip->InterfaceFor(dev));
  return L4_DELIVERED;
}

// icmp_unreach → err_handler of the quoted protocol
void IcmpErrorToL4(NetNs* net, const SkBuff& skb, const IcmpHdr& h) {
  LinuxIpv4* ip = net->ns3_ipv4.operator->();
  if (!ip || skb.data->GetSize() < 8 + 20 + 8) return;
  uint8_t buf[36];
  skb.data->CopyData(buf, 36);
  Iphdr inner;
  if (!inner.Read(buf + 8, 28)) return;
  const uint32_t info = (uint32_t(h.id) << 16) | h.sequence;
  if (inner.protocol == IPPROTO_UDP_) {
    UdpErr(net, skb.iph.saddr, skb.iph.ttl, h.type, h.code, info, inner, static_cast<uint16_t>(buf[28] << 8 | buf[29]),
           static_cast<uint16_t>(buf[30] << 8 | buf[31]), skb.dev ? skb.dev->ifindex : 0);
    return;
  }
  ns3::Ptr<ns3::IpL4Protocol> l4 = ip->GetProtocol(inner.protocol);
  if (!l4) return;
  uint8_t payload[8];
  std::copy(buf + 28, buf + 36, payload);
  l4->ReceiveIcmp(A(skb.iph.saddr), skb.iph.ttl, h.type, h.code, info,
                  A(inner.saddr), A(inner.daddr), payload);
}

}  // namespace linuxnet
