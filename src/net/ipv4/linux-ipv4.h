// The ns3::Ipv4 facade over the Linux IPv4 model, so ns-3's own UdpL4Protocol and TcpL4Protocol
// (and every ns-3 application on top of them) run on a namespace unchanged. Precedent: ns-3's
// Ipv4L3ClickProtocol is a second Ipv4 implementation under the same L4 protocols.
#pragma once
#include <map>

#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/ipv4.h"

namespace linuxnet {

class NetNs;
struct Cpu;
class NetDev;

class LinuxIpv4 : public ns3::Ipv4 {
 public:
  static ns3::TypeId GetTypeId();
  // aggregates the facade on the namespace's node
  static void Install(NetNs* net);
  // aggregates ns-3's UDP and TCP on the node (their factories come with them)
  static void InstallL4(NetNs* net);

  NetNs* net = nullptr;

  void SetRoutingProtocol(ns3::Ptr<ns3::Ipv4RoutingProtocol> routingProtocol) override;
  ns3::Ptr<ns3::Ipv4RoutingProtocol> GetRoutingProtocol() const override;
  uint32_t AddInterface(ns3::Ptr<ns3::NetDevice> device) override;
  uint32_t GetNInterfaces() const override;
  int32_t GetInterfaceForAddress(ns3::Ipv4Address address) const override;
  void Send(ns3::Ptr<ns3::Packet> packet, ns3::Ipv4Address source, ns3::Ipv4Address destination,
            uint8_t protocol, ns3::Ptr<ns3::Ipv4Route> route) override;
  void SendWithHeader(ns3::Ptr<ns3::Packet> packet, ns3::Ipv4Header ipHeader, ns3::Ptr<ns3::Ipv4Route> route) override;
  void Insert(ns3::Ptr<ns3::IpL4Protocol> protocol) override;
  void Insert(ns3::Ptr<ns3::IpL4Protocol> protocol, uint32_t interfaceIndex) override;
  void Remove(ns3::Ptr<ns3::IpL4Protocol> protocol) override;
  void Remove(ns3::Ptr<ns3::IpL4Protocol> protocol, uint32_t interfaceIndex) override;
  bool IsDestinationAddress(ns3::Ipv4Address address, uint32_t iif) const override;
  int32_t GetInterfaceForPrefix(ns3::Ipv4Address address, ns3::Ipv4Mask mask) const override;
  ns3::Ptr<ns3::NetDevice> GetNetDevice(uint32_t interface) override;
  int32_t GetInterfaceForDevice(ns3::Ptr<const ns3::NetDevice> device) const override;
  bool AddAddress(uint32_t interface, ns3::Ipv4InterfaceAddress address) override;
  uint32_t GetNAddresses(uint32_t interface) const override;
  ns3::Ipv4InterfaceAddress GetAddress(uint32_t interface, uint32_t addressIndex) const override;
  bool RemoveAddress(uint32_t interface, uint32_t addressIndex) override;
  bool RemoveAddress(uint32_t interface, ns3::Ipv4Address address) override;
  ns3::Ipv4Address SelectSourceAddress(ns3::Ptr<const ns3::NetDevice> device, ns3::Ipv4Address dst,
                                       ns3::Ipv4InterfaceAddress::InterfaceAddressScope_e scope) override;
  void SetMetric(uint32_t interface, uint16_t metric) override {}
  uint16_t GetMetric(uint32_t interface) const override { return 0; }
  uint16_t GetMtu(uint32_t interface) const override;
  bool IsUp(uint32_t interface) const override;
  void SetUp(uint32_t interface) override;
  void SetDown(uint32_t interface) override;
  bool IsForwarding(uint32_t interface) const override;
  void SetForwarding(uint32_t interface, bool val) override;
  ns3::Ipv4Address SourceAddressSelection(uint32_t interface, ns3::Ipv4Address dest) override;
  ns3::Ptr<ns3::IpL4Protocol> GetProtocol(int protocolNumber) const override;
  ns3::Ptr<ns3::IpL4Protocol> GetProtocol(int protocolNumber, int32_t interfaceIndex) const override;
  ns3::Ptr<ns3::Socket> CreateRawSocket() override { return nullptr; }
  void DeleteRawSocket(ns3::Ptr<ns3::Socket> socket) override {}

  // the CPU the namespace's ns-3 applications run on: the Host's next process CPU, at first use
  Cpu* AppCpu();
  // sched_setaffinity of the namespace's processes (iperf3 -A, taskset)
  void SetAppCpu(Cpu* cpu) { app_cpu_ = cpu; }

  // skb_shinfo(skb)->gso_size for the TCP segment being sent now: set by the socket that built
  // a GSO packet (its mss), taken by the next Send
  uint32_t tcp_gso_size = 0;

  // the Ipv4Interface ns-3's endpoint demux wants for a receiving device (made on first use)
  ns3::Ptr<ns3::Ipv4Interface> InterfaceFor(NetDev* dev);

 protected:
  void DoDispose() override;

 private:
  void SetIpForward(bool forward) override;
  bool GetIpForward() const override;
  void SetWeakEsModel(bool model) override {}
  bool GetWeakEsModel() const override { return true; }
  NetDev* Dev(uint32_t interface) const;
  void SendMsg(ns3::Ptr<ns3::Packet> packet, ns3::Ipv4Address source, ns3::Ipv4Address destination,
               uint8_t protocol, ns3::Ptr<ns3::Ipv4Route> route, uint32_t gso_size = 0);
  Cpu* app_cpu_ = nullptr;  // the CPU the namespace's ns-3 applications run on (chosen at first send)

  std::map<int, ns3::Ptr<ns3::IpL4Protocol>> l4_;
  mutable ns3::Ptr<ns3::Ipv4RoutingProtocol> routing_;
  std::map<NetDev*, ns3::Ptr<ns3::Ipv4Interface>> ifaces_;
};

}  // namespace linuxnet
