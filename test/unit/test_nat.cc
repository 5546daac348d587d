// NAT with ns-3's own applications on the ends: BulkSend (TCP) through a MASQUERADE router with
// every byte reaching the sink, and UDP echo through a DNAT'ed published port. The rules are set
// through the scenario runner, as a script would.
#include <gtest/gtest.h>

#include <sstream>

#include "cli/cmd.h"
#include "net/ipv4/ipv4.h"
#include "net/ipv4/linux-ipv4.h"
#include "net/netfilter/core.h"
#include "net/netfilter/nf_conntrack.h"
#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "scenario/script.h"
#include "net/core/net_namespace.h"
#include "world/world.h"

using namespace linuxnet;

namespace {

class NatTest : public ::testing::Test {
 protected:
  void TearDown() override {
    ns3::Simulator::Destroy();
  }
};

// lan (192.168.1.10) - gw - wan (203.0.113.2); lan has no route back from wan: only NAT works
std::string Sh(World& w, const std::string& script) {
  std::ostringstream os;
  RunScript(&w, script, true, os);
  return os.str();
}

void Topology(World& w) {
  Sh(w,
      "ip netns add lan\nip netns add gw\nip netns add wan\n"
      "ip link add v0 netns lan type veth peer name g0 netns gw\n"
      "ip link add v1 netns wan type veth peer name g1 netns gw\n"
      "ip -n lan addr add 192.168.1.10/24 dev v0\nip -n gw addr add 192.168.1.1/24 dev g0\n"
      "ip -n gw addr add 203.0.113.1/24 dev g1\nip -n wan addr add 203.0.113.2/24 dev v1\n"
      "ip -n lan link set v0 up\nip -n gw link set g0 up\nip -n gw link set g1 up\nip -n wan link set v1 up\n"
      "ip -n lan route add default via 192.168.1.1\n"
      "ip netns exec gw sysctl -w net.ipv4.ip_forward=1\n");
}

TEST_F(NatTest, BulkSendThroughMasquerade) {
  World w;
  Topology(w);
  Sh(w, "ip netns exec gw iptables -t nat -A POSTROUTING -o g1 -j MASQUERADE\n");
  NetNs* lan = w.FindNetNs("lan");
  NetNs* wan = w.FindNetNs("wan");
  LinuxIpv4::InstallL4(lan);
  LinuxIpv4::InstallL4(wan);
  const uint32_t kBytes = 2 * 1000 * 1000;
  ns3::PacketSinkHelper sink("ns3::TcpSocketFactory", ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), 5001));
  ns3::ApplicationContainer sa = sink.Install(wan->node);
  sa.Start(ns3::Seconds(0));
  ns3::BulkSendHelper bulk("ns3::TcpSocketFactory", ns3::InetSocketAddress(ns3::Ipv4Address("203.0.113.2"), 5001));
  bulk.SetAttribute("MaxBytes", ns3::UintegerValue(kBytes));
  ns3::ApplicationContainer ca = bulk.Install(lan->node);
  ca.Start(ns3::Seconds(0.1));
  // the sink sees the router's address, never the inside one
  std::vector<ns3::Ipv4Address> peers;
  sa.Get(0)->TraceConnectWithoutContext(
      "Rx", ns3::MakeBoundCallback(+[](std::vector<ns3::Ipv4Address>* v, ns3::Ptr<const ns3::Packet>,
                                       const ns3::Address& from) {
        v->push_back(ns3::InetSocketAddress::ConvertFrom(from).GetIpv4());
      }, &peers));
  ns3::Simulator::Stop(ns3::Seconds(20));
  ns3::Simulator::Run();
  EXPECT_EQ(ns3::DynamicCast<ns3::PacketSink>(sa.Get(0))->GetTotalRx(), kBytes);
  ASSERT_FALSE(peers.empty());
  for (const ns3::Ipv4Address& a : peers) EXPECT_EQ(a, ns3::Ipv4Address("203.0.113.1"));
  // one tracked connection, masqueraded, assured
  std::string ct = Sh(w, "ip netns exec gw conntrack -L\n");
  EXPECT_NE(ct.find("tcp      6 "), std::string::npos) << ct;
  EXPECT_NE(ct.find("src=203.0.113.2 dst=203.0.113.1 sport=5001"), std::string::npos) << ct;
  EXPECT_NE(ct.find("[ASSURED]"), std::string::npos) << ct;
  std::string nat = Sh(w, "ip netns exec gw iptables -t nat -L POSTROUTING -v -n -x\n");
  EXPECT_NE(nat.find("       1       60 MASQUERADE"), std::string::npos) << nat;  // only the SYN
}

TEST_F(NatTest, UdpEchoThroughDnat) {
  World w;
  Topology(w);
  // the inside server is published on the router's port 7000; replies leave with its address
  Sh(w,
      "ip netns exec gw iptables -t nat -A PREROUTING -i g1 -p udp --dport 7000 -j DNAT "
      "--to-destination 192.168.1.10:9\n");
  NetNs* lan = w.FindNetNs("lan");
  NetNs* wan = w.FindNetNs("wan");
  LinuxIpv4::InstallL4(lan);
  LinuxIpv4::InstallL4(wan);
  ns3::UdpEchoServerHelper server(9);
  ns3::ApplicationContainer sa = server.Install(lan->node);
  sa.Start(ns3::Seconds(0));
  ns3::UdpEchoClientHelper client(ns3::Ipv4Address("203.0.113.1"), 7000);
  client.SetAttribute("MaxPackets", ns3::UintegerValue(5));
  client.SetAttribute("Interval", ns3::TimeValue(ns3::MilliSeconds(10)));
  client.SetAttribute("PacketSize", ns3::UintegerValue(100));
  ns3::ApplicationContainer ca = client.Install(wan->node);
  ca.Start(ns3::Seconds(0.1));
  uint32_t replies = 0;
  std::vector<ns3::Address> froms;
  ca.Get(0)->TraceConnectWithoutContext(
      "RxWithAddresses", ns3::MakeBoundCallback(+[](uint32_t* n, ns3::Ptr<const ns3::Packet>, const ns3::Address& from,
                                                    const ns3::Address&) { (*n)++; }, &replies));
  ns3::Simulator::Stop(ns3::Seconds(2));
  ns3::Simulator::Run();
  EXPECT_EQ(replies, 5u);
  std::string ct = Sh(w, "ip netns exec gw conntrack -L -p udp\n");
  EXPECT_NE(ct.find("dport=7000 src=192.168.1.10 dst=203.0.113.2 sport=9 "), std::string::npos) << ct;
  EXPECT_NE(ct.find("[ASSURED]"), std::string::npos) << ct;
  std::string nat = Sh(w, "ip netns exec gw iptables -t nat -L PREROUTING -v -n -x\n");
  EXPECT_NE(nat.find("       1      128 DNAT"), std::string::npos) << nat;
}

// the scenario runner's background jobs and redirections: a listener in the background gets
// what a client sends, and writes it to a file
TEST_F(NatTest, NcListenerInTheBackground) {
  World w;
  Topology(w);
  std::string out = Sh(w,
                        "ip netns exec gw iptables -t nat -A POSTROUTING -o g1 -j MASQUERADE\n"
                        "ip netns exec wan timeout 3 nc -l -p 8080 >/tmp/linuxnet-test-nc.out &\n"
                        "ip netns exec lan nc -q 0 203.0.113.2 8080 <<EOF\nhello\nEOF\n"
                        "sleep 1\n");
  EXPECT_EQ(out.find("! exit"), std::string::npos) << out;
  const std::string* f = w.userland()->File("/tmp/linuxnet-test-nc.out", false);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(*f, "hello\n");
}

}  // namespace
