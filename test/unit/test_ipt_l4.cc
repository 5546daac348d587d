// iptables rules on real ns-3 UDP/TCP traffic over the Linux IPv4 model: the tcp/udp/multiport
// matches read the serialized L4 headers, REJECT answers with ICMP or a TCP reset.
#include <gtest/gtest.h>

#include <sstream>

#include "net/ipv4/linux-ipv4.h"
#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "scenario/script.h"
#include "world/world.h"

using namespace linuxnet;

namespace {

class IptL4Test : public ::testing::Test {
 protected:
  void TearDown() override { ns3::Simulator::Destroy(); }
  std::string Script(const std::string& s) {
    std::ostringstream os;
    RunScript(&w, s, false, os);
    return os.str();
  }
  void Pair() {
    Script("ip netns add a\nip netns add b\nip link add va netns a type veth peer name vb netns b\n"
           "ip -n a addr add 10.0.0.1/24 dev va\nip -n b addr add 10.0.0.2/24 dev vb\n"
           "ip -n a link set va up\nip -n b link set vb up\n");
    a = w.FindNetNs("a");
    b = w.FindNetNs("b");
    LinuxIpv4::InstallL4(a);
    LinuxIpv4::InstallL4(b);
  }
  World w;
  NetNs* a = nullptr;
  NetNs* b = nullptr;
};

uint32_t EchoReplies(NetNs* a, uint16_t port, uint32_t n) {
  ns3::UdpEchoClientHelper client(ns3::Ipv4Address("10.0.0.2"), port);
  client.SetAttribute("MaxPackets", ns3::UintegerValue(n));
  client.SetAttribute("Interval", ns3::TimeValue(ns3::MilliSeconds(10)));
  client.SetAttribute("PacketSize", ns3::UintegerValue(100));
  ns3::ApplicationContainer ca = client.Install(a->node);
  ca.Start(ns3::Seconds(0.1));
  static uint32_t replies;
  replies = 0;
  ca.Get(0)->TraceConnectWithoutContext(
      "Rx", ns3::MakeCallback(+[](ns3::Ptr<const ns3::Packet>) { replies++; }));
  ns3::Simulator::Stop(ns3::Seconds(1));
  ns3::Simulator::Run();
  return replies;
}

TEST_F(IptL4Test, UdpPortMatchesAndCounters) {
  Pair();
  ns3::UdpEchoServerHelper server(9);
  server.Install(b->node).Start(ns3::Seconds(0));
  Script("ip netns exec b iptables -A INPUT -p udp --dport 10 -j DROP\n"
         "ip netns exec b iptables -A INPUT -p udp -m multiport --dports 7,9 -j ACCEPT\n");
  EXPECT_EQ(EchoReplies(a, 9, 3), 3u);
  std::string s = Script("ip netns exec b iptables -L INPUT -v -n -x\n");
  // 100 bytes of payload + 8 UDP + 20 IP
  EXPECT_NE(s.find("       0        0 DROP       17   --  *      *       0.0.0.0/0            0.0.0.0/0            udp dpt:10\n"),
            std::string::npos) << s;
  EXPECT_NE(s.find("       3      384 ACCEPT     17   --  *      *       0.0.0.0/0            0.0.0.0/0            multiport dports 7,9\n"),
            std::string::npos) << s;
}

TEST_F(IptL4Test, UdpDroppedByDestinationPort) {
  Pair();
  ns3::UdpEchoServerHelper server(9);
  server.Install(b->node).Start(ns3::Seconds(0));
  Script("ip netns exec b iptables -A INPUT -p udp ! --sport 1:1023 --dport 9 -j DROP\n");
  EXPECT_EQ(EchoReplies(a, 9, 3), 0u);
}

TEST_F(IptL4Test, TcpSynRejectedWithReset) {
  Pair();
  ns3::PacketSinkHelper sink("ns3::TcpSocketFactory", ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), 80));
  sink.Install(b->node).Start(ns3::Seconds(0));
  Script("ip netns exec b iptables -A INPUT -p tcp --syn --dport 80 -j REJECT --reject-with tcp-reset\n"
         "ip netns exec b iptables -A OUTPUT -p tcp --tcp-flags RST RST -j ACCEPT\n"
         "ip netns exec a iptables -A INPUT -p tcp --sport 80 --tcp-flags ALL RST,ACK -j ACCEPT\n");
  ns3::Ptr<ns3::Socket> s = ns3::Socket::CreateSocket(a->node, ns3::TcpSocketFactory::GetTypeId());
  ns3::Simulator::Schedule(ns3::Seconds(0.1), [s] {
    s->Bind();
    s->Connect(ns3::InetSocketAddress(ns3::Ipv4Address("10.0.0.2"), 80));
  });
  ns3::Simulator::Stop(ns3::Seconds(0.5));
  ns3::Simulator::Run();
  std::string bs = Script("ip netns exec b iptables-save -c\n");
  EXPECT_NE(bs.find("[1:"), std::string::npos) << bs;
  EXPECT_NE(bs.find("-A INPUT -p tcp -m tcp --dport 80 --tcp-flags FIN,SYN,RST,ACK SYN -j REJECT --reject-with tcp-reset"),
            std::string::npos) << bs;
  EXPECT_NE(bs.find("[1:40] -A OUTPUT -p tcp -m tcp --tcp-flags RST RST -j ACCEPT"), std::string::npos) << bs;
  std::string as = Script("ip netns exec a iptables-save -c\n");
  EXPECT_NE(as.find("[1:40] -A INPUT -p tcp -m tcp --sport 80 --tcp-flags FIN,SYN,RST,PSH,ACK,URG RST,ACK -j ACCEPT"),
            std::string::npos) << as;
}

}  // namespace
