// TCP sockets on the model start as tcp_init_sock starts a Linux socket (net/ipv4/tcp.c), take
// their segment size from the route (tcp_sync_mss), grow their send buffer with the window
// (tcp_sndbuf_expand), and follow the namespace's sysctls. Values are v5.3's
// (include/net/tcp.h: TCP_INIT_CWND 10, TCP_RTO_MIN HZ/5, TCP_DELACK_MIN HZ/25,
// TCP_TIMEOUT_INIT 1 s; net/ipv4/tcp.c tcp_init: tcp_wmem 4096 16384 4194304, tcp_rmem 4096
// 131072 6291456; tcp_sync_mss: MTU less 40 bytes of headers and 12 of timestamps).
#include <gtest/gtest.h>

#include <sstream>
#include <vector>

#include "net/core/dev.h"
#include "net/core/net_namespace.h"
#include "net/ipv4/ipv4.h"
#include "net/ipv4/linux-ipv4.h"
#include "net/ipv4/tcp.h"
#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "script_run.h"
#include "sim/host.h"
#include "sim/skbuff.h"
#include "world/world.h"

using namespace linuxnet;

namespace {

class TcpInitSockTest : public ::testing::Test {
 protected:
  void TearDown() override { ns3::Simulator::Destroy(); }
};

const std::string kPair = std::string(test_util::kVethPair) + "ip -n a link set lo up\n";

uint32_t U(ns3::Ptr<ns3::Socket> s, const char* attr) {
  ns3::UintegerValue v;
  s->GetAttribute(attr, v);
  return static_cast<uint32_t>(v.Get());
}
ns3::Time T(ns3::Ptr<ns3::Socket> s, const char* attr) {
  ns3::TimeValue v;
  s->GetAttribute(attr, v);
  return v.Get();
}
std::string Ca(ns3::Ptr<ns3::Socket> s) {
  ns3::PointerValue v;
  s->GetAttribute("CongestionOps", v);
  return v.Get<ns3::TcpCongestionOps>()->GetName();
}
ns3::Ptr<ns3::Socket> Tcp(NetNs* net) {
  LinuxIpv4::InstallL4(net);
  return ns3::Socket::CreateSocket(net->node, ns3::TcpSocketFactory::GetTypeId());
}

TEST_F(TcpInitSockTest, NewSocketHasLinuxDefaults) {
  World w;
  test_util::RunScriptIn(w, kPair);
  ns3::Ptr<ns3::Socket> s = Tcp(w.FindNetNs("a"));
  EXPECT_EQ(Ca(s), "TcpCubic");
  EXPECT_EQ(U(s, "InitialCwnd"), 10u);
  EXPECT_EQ(T(s, "MinRto"), ns3::MilliSeconds(200));
  EXPECT_EQ(T(s, "DelAckTimeout"), ns3::MilliSeconds(40));
  EXPECT_EQ(T(s, "ConnTimeout"), ns3::Seconds(1));
  EXPECT_EQ(U(s, "SegmentSize"), 536u);     // TCP_MSS_DEFAULT until connect
  EXPECT_EQ(U(s, "SndBufSize"), 16384u);    // tcp_wmem[1]
  EXPECT_EQ(U(s, "RcvBufSize"), 65536u);    // tcp_win_from_space(tcp_rmem[1])
  ns3::BooleanValue nodelay;
  s->GetAttribute("TcpNoDelay", nodelay);
  EXPECT_FALSE(nodelay.Get());
}

TEST_F(TcpInitSockTest, SysctlsSetTheNextSockets) {
  World w;
  std::string out = test_util::RunScriptIn(
      w, std::string(kPair) +
             "ip netns exec a sysctl -w net.ipv4.tcp_congestion_control=reno\n"
             "ip netns exec a sysctl -w net.ipv4.tcp_rmem='4096 262144 6291456'\n"
             "ip netns exec a sysctl -w net.ipv4.tcp_wmem='4096 32768 4194304'\n"
             "ip netns exec a sysctl -w net.ipv4.tcp_congestion_control=nosuch\n"
             "sysctl -w net.ipv4.tcp_congestion_control=htcp\n"
             "ip netns add c\n");
  EXPECT_NE(out.find("\"net.ipv4.tcp_congestion_control\": No such file or directory"), std::string::npos) << out;
  ns3::Ptr<ns3::Socket> s = Tcp(w.FindNetNs("a"));
  EXPECT_EQ(Ca(s), "TcpLinuxReno");
  EXPECT_EQ(U(s, "RcvBufSize"), 131072u);
  EXPECT_EQ(U(s, "SndBufSize"), 32768u);
  EXPECT_EQ(Ca(Tcp(w.FindNetNs("b"))), "TcpCubic");  // b was made before init_net changed
  EXPECT_EQ(Ca(Tcp(w.FindNetNs("c"))), "TcpHtcp");   // tcp_sk_init copies init_net's
  std::string avail = test_util::RunScriptIn(w, "sysctl net.ipv4.tcp_available_congestion_control\n");
  EXPECT_EQ(avail, "net.ipv4.tcp_available_congestion_control = reno cubic htcp\n");
  // another namespace may only pick what init_net allows (tcp_cong.c since v5.12, as on the
  // reference machine, where a namespace's `=cubic` is refused while init_net runs bbr)
  std::string perm = test_util::RunScriptIn(w, "ip netns exec a sysctl -w net.ipv4.tcp_congestion_control=vegas\n"
                                               "ip netns exec a sysctl -w net.ipv4.tcp_congestion_control=htcp\n");
  EXPECT_EQ(perm, "sysctl: setting key \"net.ipv4.tcp_congestion_control\": Operation not permitted\n"
                  "net.ipv4.tcp_congestion_control = htcp\n");
}

// Connects from a to `dst` and returns the client's segment size once connected
uint32_t MssTo(World& w, const char* dst) {
  NetNs* a = w.FindNetNs("a");
  NetNs* b = w.FindNetNs("b");
  LinuxIpv4::InstallL4(b);
  ns3::Ptr<ns3::Socket> l = Tcp(std::string(dst) == "127.0.0.1" ? a : b);
  l->Bind(ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), 7000));
  l->Listen();
  uint32_t accepted_mss = 0;
  l->SetAcceptCallback(ns3::MakeNullCallback<bool, ns3::Ptr<ns3::Socket>, const ns3::Address&>(),
                       ns3::MakeBoundCallback(+[](uint32_t* m, ns3::Ptr<ns3::Socket> s, const ns3::Address&) {
                         *m = U(s, "SegmentSize");
                       }, &accepted_mss));
  ns3::Ptr<ns3::Socket> c = Tcp(a);
  c->Connect(ns3::InetSocketAddress(ns3::Ipv4Address(dst), 7000));
  ns3::Simulator::Stop(ns3::Seconds(1));
  ns3::Simulator::Run();
  EXPECT_EQ(accepted_mss, U(c, "SegmentSize")) << "both ends take the same path's MTU";
  return U(c, "SegmentSize");
}

TEST_F(TcpInitSockTest, SegmentSizeFollowsTheRoute) {
  World w;
  test_util::RunScriptIn(w, kPair);
  EXPECT_EQ(MssTo(w, "10.0.0.2"), 1448u);
}

TEST_F(TcpInitSockTest, SegmentSizeOverLoopback) {
  World w;
  test_util::RunScriptIn(w, kPair);
  EXPECT_EQ(MssTo(w, "127.0.0.1"), 65483u);  // 65535 - 40 - 12
}

TEST_F(TcpInitSockTest, SegmentSizeWithoutTimestampsAndJumboMtu) {
  World w;
  test_util::RunScriptIn(w, std::string(kPair) +
                                "ip -n a link set va mtu 9000\nip -n b link set vb mtu 9000\n"
                                "ip netns exec a sysctl -w net.ipv4.tcp_timestamps=0\n"
                                "ip netns exec b sysctl -w net.ipv4.tcp_timestamps=0\n");
  EXPECT_EQ(MssTo(w, "10.0.0.2"), 8960u);
}

TEST_F(TcpInitSockTest, SynRetriesGiveUpAt127Seconds) {
  World w;
  test_util::RunScriptIn(w, kPair + "ip netns exec b iptables -A INPUT -p tcp -j DROP\n");
  ns3::Ptr<ns3::Socket> c = Tcp(w.FindNetNs("a"));
  double failed_at = -1;
  c->SetConnectCallback(ns3::MakeNullCallback<void, ns3::Ptr<ns3::Socket>>(),
                        ns3::MakeBoundCallback(+[](double* t, ns3::Ptr<ns3::Socket>) {
                          *t = ns3::Simulator::Now().GetSeconds();
                        }, &failed_at));
  double start = ns3::Simulator::Now().GetSeconds();
  c->Connect(ns3::InetSocketAddress(ns3::Ipv4Address("10.0.0.2"), 7000));
  ns3::Simulator::Stop(ns3::Seconds(200));
  ns3::Simulator::Run();
  EXPECT_NEAR(failed_at - start, 127.0, 0.01);
  // the SYN and its six retransmissions (1, 3, 7, 15, 31, 63 s) met the DROP rule
  std::string rules = test_util::RunScriptIn(w, "ip netns exec b iptables-save -c\n");
  EXPECT_NE(rules.find("[7:420] -A INPUT -p tcp -j DROP"), std::string::npos) << rules;
}

// the veth pair with the L4 on both ends and a PacketSink on b's port 5000
struct SinkPair {
  NetNs *a = nullptr, *b = nullptr;
  ns3::ApplicationContainer sink;
  explicit SinkPair(World& w) {
    test_util::RunScriptIn(w, kPair);
    a = w.FindNetNs("a");
    b = w.FindNetNs("b");
    LinuxIpv4::InstallL4(a);
    LinuxIpv4::InstallL4(b);
    ns3::PacketSinkHelper h("ns3::TcpSocketFactory", ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), 5000));
    sink = h.Install(b->node);
  }
};

TEST_F(TcpInitSockTest, SendBufferGrowsWithTheWindowUnlessSet) {
  World w;
  SinkPair p(w);
  NetNs* a = p.a;
  ns3::ApplicationContainer sa = p.sink;
  ns3::Ptr<ns3::Socket> grows = Tcp(a), fixed = Tcp(a);
  SockSetSndbuf(ns3::PeekPointer(fixed), 10000);  // SO_SNDBUF: doubled, and locked
  EXPECT_EQ(U(fixed, "SndBufSize"), 20000u);
  for (auto& s : {grows, fixed}) {
    s->Connect(ns3::InetSocketAddress(ns3::Ipv4Address("10.0.0.2"), 5000));
    s->SetSendCallback(ns3::MakeCallback(+[](ns3::Ptr<ns3::Socket> so, uint32_t avail) {
      if (avail) so->Send(ns3::Create<ns3::Packet>(avail));
    }));
  }
  ns3::Simulator::Stop(ns3::MilliSeconds(50));
  ns3::Simulator::Run();
  // two windows of worst-case skbs: 2 x cwnd segments x 4352 bytes (a 1460-byte segment's head,
  // a power of two, and its sk_buff), at least ten segments' worth, at most tcp_wmem[2]
  EXPECT_GE(U(grows, "SndBufSize"), 2u * 10u * 4352u);
  EXPECT_LE(U(grows, "SndBufSize"), 4194304u);
  EXPECT_EQ(U(fixed, "SndBufSize"), 20000u);
  EXPECT_GT(ns3::DynamicCast<ns3::PacketSink>(sa.Get(0))->GetTotalRx(), 0u);
}

// a sender that keeps its send buffer full, to the sink's port `port`
void Flood(ns3::Ptr<ns3::Socket> s, uint16_t port) {
  s->Connect(ns3::InetSocketAddress(ns3::Ipv4Address("10.0.0.2"), port));
  s->SetSendCallback(ns3::MakeCallback(+[](ns3::Ptr<ns3::Socket> so, uint32_t avail) {
    if (avail) so->Send(ns3::Create<ns3::Packet>(avail));
  }));
}
uint32_t AcceptedRcvBuf(ns3::ApplicationContainer& sink) {
  auto socks = ns3::DynamicCast<ns3::PacketSink>(sink.Get(0))->GetAcceptedSockets();
  return socks.empty() ? 0 : U(socks.front(), "RcvBufSize");
}

// tcp_rcv_space_adjust (v5.3 net/ipv4/tcp_input.c): once per receiver RTT the buffer grows to
// what the application read, doubled, plus 16 segments, in units of a full segment's truesize
// (advmss 1460 + MAX_TCP_HEADER 320 + sk_buff 256 + shared info 320 = 2356, rounded up by 128
// until half of it holds advmss: 2996), up to tcp_rmem[2]; the window is half the buffer
// (tcp_adv_win_scale 1). It starts at tcp_rmem[1] 131072, a 65536-byte window.
//
// Two machines over a 10 Gbit/s wire, segments of one MSS (the sender's TSO and GSO and the
// receiver's GRO off), so that the reader's rate grows over several RTTs. How many steps the
// buffer takes depends on how the rate rises (with the sender's BQL, one step from 65536 already
// covers the rest of the run); each step must be a grown, whole-truesize buffer.
TEST_F(TcpInitSockTest, ReceiveBufferFollowsWhatTheApplicationReads) {
  World w;
  test_util::RunScriptIn(w,
                         "#@ host rx\n#@ host tx\n#@ wire tx:eth0 rx:eth0 rate=10Gbit delay=5us\n"
                         "#@ host rx\nip link set eth0 up\nip addr add 10.0.0.2/24 dev eth0\nethtool -K eth0 gro off\n"
                         "#@ host tx\nip link set eth0 up\nip addr add 10.0.0.1/24 dev eth0\n"
                         "ethtool -K eth0 tso off gso off\nsleep 2.1\n");
  NetNs* tx = w.FindHost("tx")->init_net;
  NetNs* rx = w.FindHost("rx")->init_net;
  LinuxIpv4::InstallL4(tx);
  LinuxIpv4::InstallL4(rx);
  ns3::PacketSinkHelper h("ns3::TcpSocketFactory", ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), 5000));
  ns3::ApplicationContainer sink = h.Install(rx->node);
  Flood(Tcp(tx), 5000);
  std::vector<uint32_t> wins;  // each window the receiver's buffer gave, sampled every 10 us
  for (int i = 0; i < 2000; i++) {
    ns3::Simulator::Stop(ns3::MicroSeconds(10));
    ns3::Simulator::Run();
    const uint32_t win = AcceptedRcvBuf(sink);
    if (win && (wins.empty() || wins.back() != win)) wins.push_back(win);
  }
  ASSERT_GE(wins.size(), 2u);
  EXPECT_EQ(wins.front(), 65536u);
  for (size_t i = 1; i < wins.size(); i++) {
    EXPECT_GT(wins[i], wins[i - 1]);
    EXPECT_LE(wins[i], 6291456u / 2);
    if (wins[i] < 6291456u / 2) {
      EXPECT_EQ(wins[i] % 1498, 0u) << wins[i];  // half of whole 2996-byte truesizes
    }
  }
}

// ... up to tcp_rmem[2]: 1000000 caps the buffer there, a 500000-byte window
TEST_F(TcpInitSockTest, ReceiveBufferGrowsUpToTcpRmemMax) {
  World w;
  SinkPair p(w);
  test_util::RunScriptIn(w, "ip netns exec b sysctl -qw net.ipv4.tcp_rmem='4096 131072 1000000'\n");
  Flood(Tcp(p.a), 5000);
  ns3::Simulator::Stop(ns3::MilliSeconds(50));
  ns3::Simulator::Run();
  EXPECT_EQ(AcceptedRcvBuf(p.sink), 500000u);
}

// tcp_rcv_space_adjust runs only with net.ipv4.tcp_moderate_rcvbuf (tcp_input.c) ...
TEST_F(TcpInitSockTest, ReceiveBufferStaysWithoutModeration) {
  World w;
  SinkPair p(w);
  test_util::RunScriptIn(w, "ip netns exec b sysctl -qw net.ipv4.tcp_moderate_rcvbuf=0\n");
  Flood(Tcp(p.a), 5000);
  ns3::Simulator::Stop(ns3::MilliSeconds(20));
  ns3::Simulator::Run();
  EXPECT_GT(ns3::DynamicCast<ns3::PacketSink>(p.sink.Get(0))->GetTotalRx(), 1000000u);
  EXPECT_EQ(AcceptedRcvBuf(p.sink), 65536u);
}

// ... and without SO_RCVBUF (SOCK_RCVBUF_LOCK), which an accepted socket inherits from its
// listener (sk_clone_lock)
TEST_F(TcpInitSockTest, ReceiveBufferStaysWithSoRcvbuf) {
  World w;
  SinkPair p(w);
  ns3::Ptr<ns3::Socket> l = Tcp(p.b);
  SockSetRcvbuf(ns3::PeekPointer(l), 100000);  // doubled: 200000, a 100000-byte window
  l->Bind(ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), 5001));
  l->Listen();
  std::vector<ns3::Ptr<ns3::Socket>> children;
  l->SetAcceptCallback(ns3::MakeNullCallback<bool, ns3::Ptr<ns3::Socket>, const ns3::Address&>(),
                       ns3::MakeBoundCallback(+[](std::vector<ns3::Ptr<ns3::Socket>>* c, ns3::Ptr<ns3::Socket> so,
                                                  const ns3::Address&) {
                         c->push_back(so);
                         so->SetRecvCallback(ns3::MakeCallback(+[](ns3::Ptr<ns3::Socket> r) {
                           while (r->Recv()) {
                           }
                         }));
                       }, &children));
  Flood(Tcp(p.a), 5001);
  ns3::Simulator::Stop(ns3::MilliSeconds(20));
  ns3::Simulator::Run();
  ASSERT_EQ(children.size(), 1u);
  EXPECT_EQ(U(children[0], "RcvBufSize"), 100000u);
}

// tcp_select_initial_window (v5.3 net/ipv4/tcp_output.c): the SYN's window scale is chosen for
// the largest the buffer may grow to, max(tcp_rmem[2], rmem_max) = 6291456: 7 (6291456 >> 7 fits
// 16 bits); with SO_RCVBUF the window clamp is that buffer's window (tcp_connect_init): 100000, 1
TEST_F(TcpInitSockTest, SynWindowScaleForTheLargestBuffer) {
  World w;
  SinkPair p(w);
  std::vector<int> wscale;
  DevAddTap(p.b, [&wscale](const SkBuff& skb, NetDev*, bool out) {
    if (out || skb.iph.protocol != 6 || !skb.data) return;
    ns3::TcpHeader th;
    skb.data->PeekHeader(th);
    if (!(th.GetFlags() & ns3::TcpHeader::SYN)) return;
    auto ws = ns3::DynamicCast<const ns3::TcpOptionWinScale>(th.GetOption(ns3::TcpOption::WINSCALE));
    wscale.push_back(ws ? ws->GetScale() : -1);
  });
  Tcp(p.a)->Connect(ns3::InetSocketAddress(ns3::Ipv4Address("10.0.0.2"), 5000));
  ns3::Simulator::Stop(ns3::MilliSeconds(10));
  ns3::Simulator::Run();
  ns3::Ptr<ns3::Socket> locked = Tcp(p.a);
  SockSetRcvbuf(ns3::PeekPointer(locked), 100000);
  locked->Connect(ns3::InetSocketAddress(ns3::Ipv4Address("10.0.0.2"), 5000));
  ns3::Simulator::Stop(ns3::MilliSeconds(10));
  ns3::Simulator::Run();
  EXPECT_EQ(wscale, (std::vector<int>{7, 1}));
  EXPECT_EQ(U(locked, "RcvBufSize"), 100000u);
}

// the packets a namespace sends (ip_output), counted by the Host's trace
struct SentFrom {
  NetNs* net = nullptr;
  int n = 0;
};
void CountSent(Host* host, KFn f, const SkBuff* skb, uint32_t) {
  auto* c = static_cast<SentFrom*>(host->trace_ctx);
  if (f == KF_ip_output && skb && skb->dev && skb->dev->net == c->net) c->n++;
}

// tcp_event_data_recv / tcp_incr_quickack (v5.3 net/ipv4/tcp_input.c): the first data puts the
// receiver in quickack mode, min(rcv_wnd / (2 x 536), 16) ACKs sent at once, one per segment;
// then delayed ACKs, one per two full segments (__tcp_ack_snd_check). 64 KiB of window: 16 quick ACKs
TEST_F(TcpInitSockTest, QuickacksAtTheStartThenDelayedAcks) {
  World w;
  SinkPair p(w);
  NetNs *a = p.a, *b = p.b;
  ns3::ApplicationContainer sa = p.sink;
  ns3::Ptr<ns3::Socket> s = Tcp(a);
  s->Connect(ns3::InetSocketAddress(ns3::Ipv4Address("10.0.0.2"), 5000));
  ns3::Simulator::Stop(ns3::MilliSeconds(10));
  ns3::Simulator::Run();  // connected: the handshake's ACKs are not counted
  SentFrom acks{b, 0};
  Host* host = w.default_host();
  host->trace_ctx = &acks;
  host->SetTrace(&CountSent);
  const uint32_t mss = 1448;
  // three bursts of ten segments, each within the window and ACKed before the next: ten writes
  // of one segment with TCP_NODELAY, each sent as it is written (one write of ten would go as
  // one GSO packet over the veth, ACKed once)
  s->SetAttribute("TcpNoDelay", ns3::BooleanValue(true));
  std::vector<int> per_burst;
  for (int burst = 0; burst < 3; burst++) {
    int before = acks.n;
    for (int i = 0; i < 10; i++) {  // (ns-3 sends what a write left a time step later)
      s->Send(ns3::Create<ns3::Packet>(mss));
      ns3::Simulator::Stop(ns3::NanoSeconds(1));
      ns3::Simulator::Run();
    }
    ns3::Simulator::Stop(ns3::MilliSeconds(100));
    ns3::Simulator::Run();
    per_burst.push_back(acks.n - before);
  }
  EXPECT_EQ(ns3::DynamicCast<ns3::PacketSink>(sa.Get(0))->GetTotalRx(), 30u * mss);
  // 10 quick ACKs (a delayed ACK would have sent 5); the last 6 quick ones and one per two of
  // the other 4; then one per two segments
  EXPECT_EQ(per_burst, (std::vector<int>{10, 8, 5}));
  host->SetTrace(nullptr);
}

}  // namespace
