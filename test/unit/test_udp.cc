// UDP sockets on the model are the kernel's (net/ipv4/udp.c, see src/net/ipv4/udp.h). Sources:
// - the receive buffer numbers (832 bytes of truesize for a 64-byte datagram over veth, 2304 for
//   1472; 256 and 92 datagrams fit the default sk_rcvbuf of 212992, the rest counts as
//   UdpRcvbufErrors) were measured on the reference machine's kernel (6.18) by
//   results/udp_rcvbuf_kernel.sh;
// - bind conflicts, the lookup order, connect, ephemeral ports and udp_rmem_release's deferred
//   uncharge are read from net/ipv4/udp.c, af_inet.c and datagram.c;
// - the overload test asserts what the CPU model must give when the reader is the slower side:
//   delivery at the reader's rate, the rest dropped at the socket and counted there.
#include <gtest/gtest.h>

#include "net/core/net_namespace.h"
#include "net/ipv4/ipv4.h"
#include "net/ipv4/linux-ipv4.h"
#include "net/ipv4/tcp.h"
#include "net/ipv4/udp.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "script_run.h"
#include "sim/cost_table.h"
#include "sim/host.h"
#include "world/world.h"

using namespace linuxnet;

namespace {

class UdpTest : public ::testing::Test {
 protected:
  void TearDown() override { ns3::Simulator::Destroy(); }
};

// the veth pair with ARP already resolved both ways
const std::string kPair = std::string(test_util::kVethPair) + "ip netns exec a ping -c 1 10.0.0.2\n";

ns3::Ptr<ns3::Socket> Udp(NetNs* net) {
  LinuxIpv4::InstallL4(net);
  return ns3::Socket::CreateSocket(net->node, ns3::UdpSocketFactory::GetTypeId());
}
uint64_t Mib(NetNs* net, UdpMib m) { return UdpTableOf(net)->mib[m]; }

// `n` datagrams of `size` bytes from a to b:9000, all handed to the socket at once (they leave as
// a's CPU gets to them)
void Blast(ns3::Ptr<ns3::Socket> tx, int n, uint32_t size) {
  for (int i = 0; i < n; i++)
    tx->SendTo(ns3::Create<ns3::Packet>(size), 0, ns3::InetSocketAddress(ns3::Ipv4Address("10.0.0.2"), 9000));
}
int Drain(ns3::Ptr<ns3::Socket> rx) {
  int n = 0;
  while (rx->Recv()) n++;
  return n;
}

TEST_F(UdpTest, TruesizeIsTheReferenceKernels) {
  EXPECT_EQ(SkbTruesize(kUdpAllocExtra + 28 + 64), 832u);
  EXPECT_EQ(SkbTruesize(kUdpAllocExtra + 28 + 200), 1280u);
  EXPECT_EQ(SkbTruesize(kUdpAllocExtra + 28 + 1472), 2304u);
}

// A socket that never reads holds what fits in sk_rcvbuf (rmem_default 212992) by truesize; the
// rest is dropped and counted as RcvbufErrors and InErrors. Datagrams count as InDatagrams only
// when they are read.
TEST_F(UdpTest, ReceiveBufferHoldsWhatTheKernelHolds) {
  const std::pair<uint32_t, int> kCases[] = {{64, 256}, {1472, 92}, {4000, 30}};
  for (const auto& c : kCases) {
    World w;
    test_util::RunScriptIn(w, kPair);
    NetNs* a = w.FindNetNs("a");
    NetNs* b = w.FindNetNs("b");
    ns3::Ptr<ns3::Socket> rx = Udp(b);
    ASSERT_EQ(rx->Bind(ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), 9000)), 0);
    ns3::Ptr<ns3::Socket> tx = Udp(a);
    Blast(tx, 400, c.first);
    ns3::Simulator::Run();
    EXPECT_EQ(Mib(b, UDP_MIB_RcvbufErrors), 400u - c.second) << c.first;
    EXPECT_EQ(Mib(b, UDP_MIB_InErrors), 400u - c.second) << c.first;
    EXPECT_EQ(Mib(b, UDP_MIB_InDatagrams), 0u) << c.first;
    EXPECT_EQ(Mib(a, UDP_MIB_OutDatagrams), 400u) << c.first;
    EXPECT_EQ(rx->GetRxAvailable(), c.second * c.first) << c.first;
    EXPECT_EQ(Drain(rx), c.second) << c.first;
    EXPECT_EQ(Mib(b, UDP_MIB_InDatagrams), static_cast<uint64_t>(c.second)) << c.first;
    tx->Close();
    rx->Close();
    ns3::Simulator::Destroy();
  }
}

// SO_RCVBUF doubles the value (sock_setsockopt): 10000 gives 20000, 24 datagrams of 832
TEST_F(UdpTest, SoRcvbufIsDoubled) {
  World w;
  test_util::RunScriptIn(w, kPair);
  ns3::Ptr<ns3::Socket> rx = Udp(w.FindNetNs("b"));
  rx->Bind(ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), 9000));
  SockSetRcvbuf(ns3::PeekPointer(rx), 10000);
  ns3::UintegerValue v;
  rx->GetAttribute("RcvBufSize", v);
  EXPECT_EQ(v.Get(), 20000u);
  Blast(Udp(w.FindNetNs("a")), 40, 64);
  ns3::Simulator::Run();
  EXPECT_EQ(Drain(rx), 24);
}

// udp_rmem_release: what a reader takes is uncharged only once a quarter of sk_rcvbuf (53248
// bytes, 64 datagrams of 832) has been read or its queue is empty, so a full socket stays full
// for a while after the reader starts
TEST_F(UdpTest, UnchargeWaitsForAQuarterOfTheBuffer) {
  World w;
  test_util::RunScriptIn(w, kPair);
  NetNs* b = w.FindNetNs("b");
  ns3::Ptr<ns3::Socket> rx = Udp(b);
  rx->Bind(ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), 9000));
  ns3::Ptr<ns3::Socket> tx = Udp(w.FindNetNs("a"));
  Blast(tx, 256, 64);
  ns3::Simulator::Run();
  ASSERT_EQ(Mib(b, UDP_MIB_RcvbufErrors), 0u);
  for (int i = 0; i < 63; i++) ASSERT_TRUE(rx->Recv());
  Blast(tx, 1, 64);  // 63 read, 53 KiB less one datagram: still charged, still full
  ns3::Simulator::Run();
  EXPECT_EQ(Mib(b, UDP_MIB_RcvbufErrors), 1u);
  ASSERT_TRUE(rx->Recv());  // the 64th: a quarter, uncharged at once
  Blast(tx, 64, 64);
  ns3::Simulator::Run();
  EXPECT_EQ(Mib(b, UDP_MIB_RcvbufErrors), 1u);
  EXPECT_EQ(Drain(rx), 192 + 64);
}

// inet_bind / udp_lib_get_port: a port bound on any address excludes the same port on a given one
// (and the other way round); two given addresses share a port; each gets its own datagrams; a
// second bind is EINVAL; an address not on the machine is EADDRNOTAVAIL
TEST_F(UdpTest, BindConflictsAndTheLookupOrder) {
  World w;
  test_util::RunScriptIn(w, kPair + "ip -n b link set lo up\n");
  NetNs* b = w.FindNetNs("b");
  ns3::Ptr<ns3::Socket> any = Udp(b), vb = Udp(b), lo = Udp(b), other = Udp(b);
  ASSERT_EQ(any->Bind(ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), 7000)), 0);
  EXPECT_EQ(vb->Bind(ns3::InetSocketAddress(ns3::Ipv4Address("10.0.0.2"), 7000)), -1);
  EXPECT_EQ(vb->GetErrno(), ns3::Socket::ERROR_ADDRINUSE);
  EXPECT_EQ(any->Bind(ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), 7001)), -1);
  EXPECT_EQ(any->GetErrno(), ns3::Socket::ERROR_INVAL);
  EXPECT_EQ(other->Bind(ns3::InetSocketAddress(ns3::Ipv4Address("192.0.2.9"), 9000)), -1);
  EXPECT_EQ(other->GetErrno(), ns3::Socket::ERROR_ADDRNOTAVAIL);
  ASSERT_EQ(vb->Bind(ns3::InetSocketAddress(ns3::Ipv4Address("10.0.0.2"), 9000)), 0);
  ASSERT_EQ(lo->Bind(ns3::InetSocketAddress(ns3::Ipv4Address("127.0.0.1"), 9000)), 0);
  ns3::Ptr<ns3::Socket> tx = Udp(w.FindNetNs("a"));
  Blast(tx, 3, 10);  // to 10.0.0.2:9000
  ns3::Ptr<ns3::Socket> local = Udp(b);
  local->SendTo(ns3::Create<ns3::Packet>(10), 0, ns3::InetSocketAddress(ns3::Ipv4Address("127.0.0.1"), 9000));
  ns3::Simulator::Run();
  EXPECT_EQ(Drain(vb), 3);
  EXPECT_EQ(Drain(lo), 1);
  EXPECT_EQ(Drain(any), 0);
}

// __udp4_lib_lookup: among the sockets on a port, the one connected to the sender wins
TEST_F(UdpTest, AConnectedSocketTakesItsPeersDatagrams) {
  World w;
  test_util::RunScriptIn(w, kPair);
  NetNs* a = w.FindNetNs("a");
  NetNs* b = w.FindNetNs("b");
  ns3::Ptr<ns3::Socket> tx = Udp(a);
  ASSERT_EQ(tx->Bind(ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), 5555)), 0);
  ns3::Ptr<ns3::Socket> wild = Udp(b);
  ASSERT_EQ(wild->Bind(ns3::InetSocketAddress(ns3::Ipv4Address("10.0.0.2"), 9000)), 0);
  ns3::Ptr<ns3::Socket> conn = Udp(b);
  // connect takes the route's source as the local address (ip4_datagram_connect)
  ASSERT_EQ(conn->Connect(ns3::InetSocketAddress(ns3::Ipv4Address("10.0.0.1"), 5555)), 0);
  ns3::Address name;
  conn->GetSockName(name);
  EXPECT_EQ(ns3::InetSocketAddress::ConvertFrom(name).GetIpv4(), ns3::Ipv4Address("10.0.0.2"));
  uint16_t port = ns3::InetSocketAddress::ConvertFrom(name).GetPort();
  EXPECT_GE(port, 32768);  // ip_local_port_range
  EXPECT_LE(port, 60999);
  tx->SendTo(ns3::Create<ns3::Packet>(10), 0, ns3::InetSocketAddress(ns3::Ipv4Address("10.0.0.2"), port));
  tx->SendTo(ns3::Create<ns3::Packet>(10), 0, ns3::InetSocketAddress(ns3::Ipv4Address("10.0.0.2"), 9000));
  ns3::Simulator::Run();
  EXPECT_EQ(Drain(conn), 1);
  EXPECT_EQ(Drain(wild), 1);
}

// ip4_datagram_connect routes: with no route, connect fails (ENETUNREACH) and sends nothing;
// an unconnected Send is EDESTADDRREQ (ns-3's ERROR_NOTCONN); a datagram to a closed port is
// NoPorts and answered with a port unreachable that the sender's IcmpCallback reports
TEST_F(UdpTest, ConnectRoutesAndClosedPortsAnswer) {
  World w;
  test_util::RunScriptIn(w, kPair);
  NetNs* a = w.FindNetNs("a");
  NetNs* b = w.FindNetNs("b");
  ns3::Ptr<ns3::Socket> s = Udp(a);
  EXPECT_EQ(s->Send(ns3::Create<ns3::Packet>(10), 0), -1);
  EXPECT_EQ(s->GetErrno(), ns3::Socket::ERROR_NOTCONN);
  EXPECT_EQ(s->Connect(ns3::InetSocketAddress(ns3::Ipv4Address("192.0.2.1"), 9)), -1);
  EXPECT_EQ(s->GetErrno(), ns3::Socket::ERROR_NOROUTETOHOST);
  int icmp_code = -1;
  s->SetAttribute("IcmpCallback", ns3::CallbackValue(ns3::Callback<void, ns3::Ipv4Address, uint8_t, uint8_t, uint8_t, uint32_t>(
                                      [&icmp_code](ns3::Ipv4Address, uint8_t, uint8_t type, uint8_t code, uint32_t) {
                                        if (type == 3) icmp_code = code;
                                      })));
  ASSERT_EQ(s->Connect(ns3::InetSocketAddress(ns3::Ipv4Address("10.0.0.2"), 4444)), 0);
  EXPECT_EQ(s->Send(ns3::Create<ns3::Packet>(10), 0), 10);
  ns3::Simulator::Run();
  EXPECT_EQ(Mib(b, UDP_MIB_NoPorts), 1u);
  EXPECT_EQ(icmp_code, 3);  // ICMP_PORT_UNREACH
}

// __ip_make_skb sets DF on a datagram that fits the route's MTU (IP_PMTUDISC_WANT): through a
// router whose next link has a smaller MTU the first 1472-byte datagram comes back as
// "fragmentation needed"; the sender learns the path MTU and fragments the next one itself
TEST_F(UdpTest, DatagramsThatFitCarryDfAndThePathMtuIsLearned) {
  World w;
  test_util::RunScriptIn(
      w,
      "ip netns add a\nip netns add r\nip netns add b\n"
      "ip link add va netns a type veth peer name ra netns r\n"
      "ip link add vb netns b type veth peer name rb netns r\n"
      "ip -n a addr add 10.1.0.2/24 dev va\nip -n r addr add 10.1.0.1/24 dev ra\n"
      "ip -n r addr add 10.2.0.1/24 dev rb\nip -n b addr add 10.2.0.2/24 dev vb\n"
      "ip -n r link set rb mtu 1400\nip -n b link set vb mtu 1400\n"
      "ip -n a link set va up\nip -n r link set ra up\nip -n r link set rb up\nip -n b link set vb up\n"
      "ip -n a route add default via 10.1.0.1\nip -n b route add default via 10.2.0.1\n"
      "ip netns exec r sysctl -qw net.ipv4.ip_forward=1\nip netns exec a ping -c 1 10.2.0.2\n");
  NetNs* a = w.FindNetNs("a");
  NetNs* b = w.FindNetNs("b");
  ns3::Ptr<ns3::Socket> rx = Udp(b);
  rx->Bind(ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), 9000));
  ns3::Ptr<ns3::Socket> tx = Udp(a);
  int frag_needed = 0;
  tx->SetAttribute("IcmpCallback", ns3::CallbackValue(ns3::Callback<void, ns3::Ipv4Address, uint8_t, uint8_t, uint8_t, uint32_t>(
                                       [&frag_needed](ns3::Ipv4Address, uint8_t, uint8_t type, uint8_t code, uint32_t) {
                                         if (type == 3 && code == 4) frag_needed++;
                                       })));
  auto to = ns3::InetSocketAddress(ns3::Ipv4Address("10.2.0.2"), 9000);
  tx->SendTo(ns3::Create<ns3::Packet>(1472), 0, to);
  ns3::Simulator::Run();
  EXPECT_EQ(frag_needed, 1);
  EXPECT_EQ(Drain(rx), 0);
  tx->SendTo(ns3::Create<ns3::Packet>(1472), 0, to);
  ns3::Simulator::Run();
  EXPECT_EQ(frag_needed, 1);
  ns3::Ptr<ns3::Packet> p = rx->Recv();
  ASSERT_TRUE(p);
  EXPECT_EQ(p->GetSize(), 1472u);
}

// Overload: the sender offers more than the reader can take (its udp_recvmsg costs 4 us, the
// sender's whole path 2 us). The reader, on its own CPU, delivers at its own rate (250,000/s: it
// saturates, it does not collapse), and the rest is dropped at the socket and counted there.
TEST_F(UdpTest, OverloadDeliversTheReadersRateAndDropsAtTheSocket) {
  auto run = [](int64_t send_ns) {
    World w;
    test_util::RunScriptIn(w, kPair);
    Host* h = w.default_host();
    ClearCostTable(h);
    h->SetCost(KF_udp_sendmsg, send_ns * 1000, 0);
    h->SetCost(KF_udp_recvmsg, 4000 * 1000, 0);
    NetNs* a = w.FindNetNs("a");
    NetNs* b = w.FindNetNs("b");
    ns3::Ptr<ns3::Socket> rx = Udp(b);
    rx->Bind(ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), 9000));
    uint64_t got = 0;
    rx->SetRecvCallback(ns3::Callback<void, ns3::Ptr<ns3::Socket>>([&got](ns3::Ptr<ns3::Socket> s) {
      while (s->Recv()) got++;
    }));
    ns3::Ptr<ns3::Socket> tx = Udp(a);
    EXPECT_NE(a->ns3_ipv4->AppCpu(), b->ns3_ipv4->AppCpu());
    Cpu* cpu = a->ns3_ipv4->AppCpu();
    const int64_t start = ns3::Simulator::Now().GetNanoSeconds(), span = 20000000;  // 20 ms
    uint64_t sent = 0;
    std::function<void()> step = [&] {
      if (ns3::Simulator::Now().GetNanoSeconds() >= start + span) return;
      if (!CpuFree(cpu)) {
        ns3::Simulator::Schedule(Until(cpu->busy_until_ps), step);
        return;
      }
      Blast(tx, 1, 64);
      sent++;
      ns3::Simulator::ScheduleNow(step);
    };
    ns3::Simulator::ScheduleNow(step);
    ns3::Simulator::Stop(ns3::NanoSeconds(span));
    ns3::Simulator::Run();
    uint64_t drops = Mib(b, UDP_MIB_RcvbufErrors), queued = rx->GetRxAvailable() / 64;
    EXPECT_LE(sent - (got + queued + drops), 1u);  // the last may still be on its way
    EXPECT_EQ(Mib(b, UDP_MIB_InDatagrams), got);
    ns3::Simulator::Destroy();
    return std::make_pair(got, drops);
  };
  auto at_2x = run(2000), at_4x = run(1000);
  // 20 ms at 4 us a datagram: 5000, less what the reader has not finished
  EXPECT_GE(at_2x.first, 4990u);
  EXPECT_LE(at_2x.first, 5000u);
  EXPECT_EQ(at_4x.first, at_2x.first);
  EXPECT_GT(at_2x.second, 4000u);   // about 10,000 offered
  EXPECT_GT(at_4x.second, 14000u);  // about 20,000 offered
}

}  // namespace
