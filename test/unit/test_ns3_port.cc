// An e1000 on an ns-3 channel (drivers/net/ns3_port.cc, world/ns3_port_helper.cc): a linuxnet
// machine beside ns-3 nodes that run ns-3's own Internet stack. What is expected is what ns-3's
// side does by itself (ArpL3Protocol answers an ARP request for its address, Icmpv4L4Protocol an
// echo request; CsmaChannel and PointToPointChannel carry a frame in its bits / the rate plus the
// delay) and what the linuxnet side prints as the real ping does.
#include <gtest/gtest.h>

#include <string>

#include "drivers/net/e1000/e1000.h"
#include "drivers/net/ns3_port.h"
#include "net/core/net_namespace.h"
#include "ns3/csma-helper.h"
#include "ns3/inet-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/string.h"
#include "ns3/udp-socket-factory.h"
#include "script_run.h"
#include "sim/host.h"
#include "world/ns3_port_helper.h"
#include "world/world.h"

namespace linuxnet {
namespace {

class Ns3PortTest : public ::testing::Test {
 protected:
  void TearDown() override { ns3::Simulator::Destroy(); }
  // a CSMA LAN of 100 Mbit/s and 2 us with one ns-3 node (ns-3's Internet stack) at 10.1.1.2
  static ns3::Ptr<ns3::CsmaChannel> Lan() {
    ns3::Ptr<ns3::Node> n = ns3::CreateObject<ns3::Node>();
    ns3::Ptr<ns3::CsmaChannel> lan = ns3::CreateObject<ns3::CsmaChannel>();
    lan->SetAttribute("DataRate", ns3::DataRateValue(ns3::DataRate("100Mbps")));
    lan->SetAttribute("Delay", ns3::TimeValue(ns3::MicroSeconds(2)));
    ns3::CsmaHelper csma;
    ns3::NetDeviceContainer nd = csma.Install(n, lan);
    ns3::InternetStackHelper stack;
    stack.Install(n);
    ns3::Ipv4AddressHelper addr("10.1.1.0", "255.255.255.0", "0.0.0.2");
    addr.Assign(nd);
    return lan;
  }
  World w;
};

// A CSMA LAN (100 Mbit/s, 2 us) with one ns-3 node at 10.1.1.2 and the linuxnet machine's eth0 at
// 10.1.1.1: ping resolves the ns-3 node's address (ARP both ways over the channel) and gets its
// three echo replies; the e1000 counts what crossed it
TEST_F(Ns3PortTest, PingAnNs3NodeOverCsma) {
  ns3::Ptr<ns3::CsmaChannel> lan = Lan();
  Ns3PortHelper port;
  std::string err;
  ns3::Ptr<ns3::NetDevice> phy = port.Install(w, w.default_host(), "eth0", lan, &err);
  ASSERT_TRUE(phy) << err;
  auto* e = static_cast<E1000Dev*>(w.default_host()->init_net->DevGetByName("eth0"));
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(phy->GetAddress(), e->GetAddress());  // the e1000's MAC
  std::string out = test_util::RunScriptIn(
      w, "ip addr add 10.1.1.1/24 dev eth0\nip link set eth0 up\nsleep 2.1\nethtool eth0 | grep Speed\n"
         "ping -c 3 -i 0.2 10.1.1.2\n");
  EXPECT_NE(out.find("Speed: 100Mb/s"), std::string::npos) << out;  // the channel's rate
  EXPECT_NE(out.find("64 bytes from 10.1.1.2: icmp_seq=1 ttl=64"), std::string::npos) << out;
  EXPECT_NE(out.find("3 packets transmitted, 3 received, 0% packet loss"), std::string::npos) << out;
  // 3 requests and an ARP request (maybe a reply to ns-3's own ARP) went out, as many came in
  EXPECT_GE(e->stats.tx_packets, 4u);
  EXPECT_GE(e->stats.rx_packets, 4u);
  EXPECT_TRUE(e->tx_ring.empty());  // every descriptor written back when ns-3 had sent its frame
}

// The RTT over the LAN: an echo request and its reply are 98-byte frames, 7.84 us each way at
// 100 Mbit/s (CsmaChannel counts the frame's bits only), plus 2 us of delay each way: at least
// 19.7 us; the machine's stack and the e1000's interrupt throttling add theirs
TEST_F(Ns3PortTest, CsmaRttIsAtLeastTheChannelsTime) {
  ns3::Ptr<ns3::CsmaChannel> lan = Lan();
  ASSERT_TRUE(Ns3PortHelper().Install(w, w.default_host(), "eth0", lan));
  std::string out = test_util::RunScriptIn(
      w, "ip addr add 10.1.1.1/24 dev eth0\nethtool -C eth0 rx-usecs 0\nip link set eth0 up\nsleep 2.1\n"
         "ping -c 5 -i 0.2 10.1.1.2\n");
  size_t at = out.find("rtt min/avg/max/mdev = ");
  ASSERT_NE(at, std::string::npos) << out;
  double min_ms = std::stod(out.substr(at + 23));
  EXPECT_GE(min_ms, 0.0197) << out;
  EXPECT_LT(min_ms, 0.2) << out;
}

// Point-to-point: ns-3's PointToPointNetDevice speaks PPP (IPv4 and IPv6 only, no MAC addresses).
// A UDP datagram from the ns-3 node reaches the e1000 as an Ethernet frame to its address; the
// machine's ICMP port unreachable needs ARP first, which PPP cannot carry: the port drops it; a
// permanent neighbour entry (ip neigh add) lets the machine send without ARP
TEST_F(Ns3PortTest, PointToPointCarriesIpAndDropsArp) {
  ns3::Ptr<ns3::Node> n = ns3::CreateObject<ns3::Node>();
  ns3::InternetStackHelper stack;
  stack.Install(n);
  ns3::PointToPointHelper p2p;
  p2p.SetDeviceAttribute("DataRate", ns3::StringValue("1Gbps"));
  p2p.SetChannelAttribute("Delay", ns3::StringValue("5us"));
  std::string err;
  ns3::NetDeviceContainer d = Ns3PortHelper().Install(w, w.default_host(), "eth0", n, p2p, &err);
  ASSERT_EQ(d.GetN(), 2u) << err;
  ns3::Ipv4AddressHelper addr("10.1.2.0", "255.255.255.0", "0.0.0.2");
  addr.Assign(ns3::NetDeviceContainer(d.Get(1)));
  auto* e = static_cast<E1000Dev*>(w.default_host()->init_net->DevGetByName("eth0"));
  ASSERT_NE(e, nullptr);
  test_util::RunScriptIn(w, "ip addr add 10.1.2.1/24 dev eth0\nip link set eth0 up\nsleep 2.1\n");
  ASSERT_TRUE(e->carrier);
  ns3::Ptr<ns3::Socket> s = ns3::Socket::CreateSocket(n, ns3::UdpSocketFactory::GetTypeId());
  s->Connect(ns3::InetSocketAddress(ns3::Ipv4Address("10.1.2.1"), 9));
  const uint64_t rx0 = e->stats.rx_packets;
  s->Send(ns3::Create<ns3::Packet>(100));
  test_util::RunScriptIn(w, "sleep 1\n");
  EXPECT_EQ(e->stats.rx_packets - rx0, 1u);
  auto* port = static_cast<Ns3Port*>(e->wire);
  EXPECT_GE(port->dropped(), 1u);  // the ARP request for 10.1.2.2
  std::string out = test_util::RunScriptIn(w, "nstat -az UdpNoPorts\n");
  EXPECT_NE(out.find("UdpNoPorts                      1"), std::string::npos) << out;
  // with the peer's entry set by hand (PPP needs no address: any will do), IP goes both ways
  out = test_util::RunScriptIn(w, "ip neigh replace 10.1.2.2 lladdr 02:00:00:00:00:02 dev eth0\n"
                                  "ping -c 2 -i 0.2 10.1.2.2\n");
  EXPECT_NE(out.find("2 packets transmitted, 2 received, 0% packet loss"), std::string::npos) << out;
}

}  // namespace
}  // namespace linuxnet
