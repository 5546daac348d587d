// ns-3's own UDP and TCP running on the Linux IPv4 model through the LinuxIpv4 facade.
#include <gtest/gtest.h>

#include <sstream>

#include "net/ipv4/ipv4.h"
#include "net/ipv4/linux-ipv4.h"
#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "scenario/script.h"
#include "world/world.h"

using namespace linuxnet;

namespace {

class Ns3L4Test : public ::testing::Test {
 protected:
  void TearDown() override { ns3::Simulator::Destroy(); }
};

// a - r - b with forwarding on r
void Topology(World& w) {
  std::ostringstream os;
  RunScript(&w,
            "ip netns add a\nip netns add r\nip netns add b\n"
            "ip link add va netns a type veth peer name ra netns r\n"
            "ip link add vb netns b type veth peer name rb netns r\n"
            "ip -n a addr add 10.1.0.2/24 dev va\nip -n r addr add 10.1.0.1/24 dev ra\n"
            "ip -n r addr add 10.2.0.1/24 dev rb\nip -n b addr add 10.2.0.2/24 dev vb\n"
            "ip -n a link set va up\nip -n r link set ra up\nip -n r link set rb up\nip -n b link set vb up\n"
            "ip -n a route add default via 10.1.0.1\nip -n b route add default via 10.2.0.1\n"
            "ip netns exec r sysctl -w net.ipv4.ip_forward=1\n",
            false, os);
}

TEST_F(Ns3L4Test, UdpEchoThroughARouter) {
  World w;
  Topology(w);
  NetNs* a = w.FindNetNs("a");
  NetNs* b = w.FindNetNs("b");
  LinuxIpv4::InstallL4(a);
  LinuxIpv4::InstallL4(b);
  ns3::UdpEchoServerHelper server(9);
  ns3::ApplicationContainer sa = server.Install(b->node);
  sa.Start(ns3::Seconds(0));
  ns3::UdpEchoClientHelper client(ns3::Ipv4Address("10.2.0.2"), 9);
  client.SetAttribute("MaxPackets", ns3::UintegerValue(5));
  client.SetAttribute("Interval", ns3::TimeValue(ns3::MilliSeconds(10)));
  client.SetAttribute("PacketSize", ns3::UintegerValue(100));
  ns3::ApplicationContainer ca = client.Install(a->node);
  ca.Start(ns3::Seconds(0.1));
  uint32_t replies = 0;
  ca.Get(0)->TraceConnectWithoutContext(
      "RxWithAddresses", ns3::MakeBoundCallback(+[](uint32_t* n, ns3::Ptr<const ns3::Packet>, const ns3::Address&,
                                                    const ns3::Address&) { (*n)++; }, &replies));
  ns3::Simulator::Stop(ns3::Seconds(2));
  ns3::Simulator::Run();
  EXPECT_EQ(replies, 5u);
  // the router forwarded 5 requests and 5 replies (plus nothing else at IP level)
  NetNs* r = w.FindNetNs("r");
  EXPECT_EQ(r->ipv4->mib[IPSTATS_MIB_OutForwDatagrams], 10u);
}

TEST_F(Ns3L4Test, UdpToClosedPortGetsPortUnreachable) {
  World w;
  Topology(w);
  NetNs* a = w.FindNetNs("a");
  NetNs* b = w.FindNetNs("b");
  LinuxIpv4::InstallL4(a);
  LinuxIpv4::InstallL4(b);
  ns3::UdpEchoClientHelper client(ns3::Ipv4Address("10.2.0.2"), 4444);
  client.SetAttribute("MaxPackets", ns3::UintegerValue(1));
  ns3::ApplicationContainer ca = client.Install(a->node);
  ca.Start(ns3::Seconds(0.1));
  ns3::Simulator::Stop(ns3::Seconds(1));
  ns3::Simulator::Run();
  // b answered with ICMP port unreachable: one ICMP packet back through the router
  EXPECT_EQ(b->DevGetByName("vb")->GetStats64().tx_packets, 2u);  // ARP reply + ICMP error
}

TEST_F(Ns3L4Test, TcpBulkSendThroughARouter) {
  World w;
  Topology(w);
  NetNs* a = w.FindNetNs("a");
  NetNs* b = w.FindNetNs("b");
  LinuxIpv4::InstallL4(a);
  LinuxIpv4::InstallL4(b);
  ns3::PacketSinkHelper sink("ns3::TcpSocketFactory", ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), 5000));
  ns3::ApplicationContainer sa = sink.Install(b->node);
  sa.Start(ns3::Seconds(0));
  ns3::BulkSendHelper bulk("ns3::TcpSocketFactory", ns3::InetSocketAddress(ns3::Ipv4Address("10.2.0.2"), 5000));
  bulk.SetAttribute("MaxBytes", ns3::UintegerValue(200000));
  ns3::ApplicationContainer ba = bulk.Install(a->node);
  ba.Start(ns3::Seconds(0.1));
  ns3::Simulator::Stop(ns3::Seconds(10));
  ns3::Simulator::Run();
  EXPECT_EQ(ns3::DynamicCast<ns3::PacketSink>(sa.Get(0))->GetTotalRx(), 200000u);
}

}  // namespace
