// Unit tests of the CPU model (sim/cpu.h) and the receive softirq on it (net/core/dev.cc): work
// is busy for its cost and work arriving meanwhile waits in order; a continuation holds its CPU; a
// softirq raised by work runs when it ends; net_rx_action's rounds over NAPI instances, its budget
// and time limit (time_squeeze), __do_softirq's restarts and ksoftirqd;
// netdev_max_backlog drops; the same script gives the same times twice; ping's RTT is the path's
// cost. Source of the kernel rules: v5.3 net/core/dev.c (net_rx_action, napi_poll, process_backlog,
// enqueue_to_backlog), kernel/softirq.c (__do_softirq: MAX_SOFTIRQ_RESTART, MAX_SOFTIRQ_TIME),
// Documentation/networking/scaling.rst and /proc/net/softnet_stat's columns.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <vector>

#include "net/core/dev.h"
#include "net/core/net_namespace.h"
#include "net/ipv4/linux-ipv4.h"
#include "ns3/inet-socket-address.h"
#include "ns3/packet.h"
#include "ns3/socket.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/simulator.h"
#include "scenario/script.h"
#include "sim/cost_table.h"
#include "sim/host.h"
#include "world/world.h"

using namespace linuxnet;

namespace {

class CpuTest : public ::testing::Test {
 protected:
  void SetUp() override {
    w.Enter();
    h = w.default_host();
    ClearCostTable(h);  // only the costs a test sets
    h->SetCost(KF_ip_rcv, 1000000, h->cost_b_ps(KF_ip_rcv));  // 1 us a call
  }
  void TearDown() override { ns3::Simulator::Destroy(); }
  // work that costs `us` microseconds and records when it started
  std::function<void()> Work(int us, std::vector<int64_t>* starts) {
    return [this, us, starts] {
      starts->push_back(NowPs(h));
      for (int i = 0; i < us; i++) KFunc(KF_ip_rcv, h, nullptr);
    };
  }
  void At(int64_t ns, std::function<void()> fn) { ns3::Simulator::Schedule(ns3::NanoSeconds(ns), fn); }
  World w;
  Host* h = nullptr;
};

TEST_F(CpuTest, WorkArrivingWhileBusyWaitsInOrder) {
  std::vector<int64_t> s0, s1;
  Cpu* c0 = h->cpus[0].get();
  Cpu* c1 = h->cpus[1].get();
  At(0, [&] { CpuRun(h, c0, Work(10, &s0)); });
  At(2000, [&] { CpuRun(h, c0, Work(3, &s0)); });
  At(3000, [&] { CpuRun(h, c0, Work(1, &s0)); });
  At(2500, [&] { CpuRun(h, c1, Work(1, &s1)); });  // the other CPU is free
  At(20000, [&] { CpuRun(h, c0, Work(1, &s0)); });  // after the queue drained: at once
  ns3::Simulator::Run();
  EXPECT_EQ(s0, (std::vector<int64_t>{0, 10000000, 13000000, 20000000}));
  EXPECT_EQ(s1, (std::vector<int64_t>{2500000}));
  EXPECT_EQ(c0->busy_ps, 15000000);
  EXPECT_EQ(c0->busy_until_ps, 21000000);
}

TEST_F(CpuTest, ContinuationHoldsTheCpu) {
  std::vector<int64_t> s;
  Cpu* c0 = h->cpus[0].get();
  At(0, [&] {
    CpuRun(h, c0, [&] {
      Work(2, &s)();
      CpuContinue(h, [&] {
        s.push_back(ns3::Simulator::Now().GetPicoSeconds());  // ns-3's clock caught up with the cursor
        Work(2, &s)();
      });
    });
  });
  At(1000, [&] { CpuRun(h, c0, Work(1, &s)); });  // waits for both halves
  ns3::Simulator::Run();
  EXPECT_EQ(s, (std::vector<int64_t>{0, 2000000, 2000000, 4000000}));
}

TEST_F(CpuTest, SoftirqRaisedByWorkRunsWhenItEnds) {
  std::vector<int64_t> s;
  Cpu* c0 = h->cpus[0].get();
  static std::vector<int64_t>* softirq_starts;
  softirq_starts = &s;
  At(0, [&] {
    CpuRun(h, c0, [&] {
      CpuRaiseSoftirq(h, c0, [](Host* host, Cpu*) { softirq_starts->push_back(NowPs(host)); });
      Work(3, &s)();
    });
  });
  ns3::Simulator::Run();
  EXPECT_EQ(s, (std::vector<int64_t>{0, 3000000}));  // the work, then the softirq at its end
}

class BacklogTest : public CpuTest {
 protected:
  void SetUp() override {
    CpuTest::SetUp();
    std::ostringstream os;
    RunScript(&w, "ip netns add a\nip netns add b\nip link add va netns a type veth peer name vb netns b\n"
                  "ip -n b link set vb up\n", false, os);
    vb = w.FindNetNs("b")->DevGetByName("vb");
  }
  // a frame of an ethertype nobody handles: the receive core drops it after the taps
  void Rx(int n) {
    for (int i = 0; i < n; i++) {
      SkbPtr skb = AllocSkb(h, ns3::Create<ns3::Packet>(46));
      skb->dev = vb;
      skb->protocol = 0x88b5;
      NetifRx(std::move(skb));
    }
  }
  NetDev* vb = nullptr;
};

// A round polls each instance once, up to its weight: the backlog alone (weight 64) takes 400
// packets in 7 rounds (__do_softirq restarts them) and never exhausts netdev_budget
TEST_F(BacklogTest, OneInstanceTakesRoundsOfItsWeight) {
  h->SetCost(KF_netif_receive_skb, 1000000, h->cost_b_ps(KF_netif_receive_skb));
  h->SetCost(KF_net_rx_action, 1, 0);  // 1 ps a round: counts the rounds in the busy time
  int64_t t0 = 0;
  At(0, [&] {
    t0 = NowPs(h);
    Rx(400);
  });
  ns3::Simulator::Run();
  SoftnetData& sd = h->cpus[0]->softnet;
  EXPECT_EQ(sd.processed, 400u);
  EXPECT_EQ(sd.time_squeeze, 0u);
  EXPECT_EQ(sd.dropped, 0u);
  EXPECT_EQ(h->cpus[0]->busy_until_ps - t0, 400 * 1000000LL + 7);
}

// NAPI instances with `pending` packets, each costing `cost_ps`: a driver's poll in miniature
struct FakeNapi {
  NapiStruct n;
  int pending = 0;
  int64_t cost_ps = 0;
  std::vector<int>* order = nullptr;  // which instance each step served
  int id = 0;
};
static bool FakeStep(NapiStruct* n) {
  auto* f = static_cast<FakeNapi*>(n->priv);
  if (f->pending == 0) return false;
  f->pending--;
  n->host->cursor_ps += f->cost_ps;
  if (f->order) f->order->push_back(f->id);
  return true;
}
static void FakeDone(NapiStruct* n) {
  if (n->work < n->weight) NapiCompleteDone(n, n->work);
}

class NapiTest : public CpuTest {
 protected:
  void Make(int count, int pending, int64_t cost_ps) {
    napis = std::vector<FakeNapi>(static_cast<size_t>(count));  // in place: the CPU keeps pointers
    for (int i = 0; i < count; i++) {
      FakeNapi& f = napis[i];
      f.pending = pending;
      f.cost_ps = cost_ps;
      f.id = i;
      f.order = &order;
      f.n.step = &FakeStep;
      f.n.done = &FakeDone;
      f.n.priv = &f;
      f.n.host = h;
      f.n.cpu = h->cpus[0].get();
    }
  }
  void ScheduleAll() {
    for (FakeNapi& f : napis) NapiSchedule(&f.n);
  }
  std::vector<FakeNapi> napis;
  std::vector<int> order;
};

// netdev_budget 300 over five instances of weight 64: the fifth poll takes the round below zero,
// a time_squeeze; the second round finishes them
TEST_F(NapiTest, BudgetEndsTheRoundWithATimeSqueeze) {
  Make(5, 100, 1000000);
  At(0, [&] { ScheduleAll(); });
  ns3::Simulator::Run();
  EXPECT_EQ(h->cpus[0]->softnet.time_squeeze, 1u);
  for (FakeNapi& f : napis) EXPECT_EQ(f.pending, 0);
  EXPECT_EQ(order.size(), 500u);
}

// netdev_budget 100: two polls a round, and those that used their weight go behind the rest
// (rounds [0 1] [2 3] [4 0] [1 2 3] [4]: four squeezes)
TEST_F(NapiTest, SmallerBudgetSysctlSqueezesMoreAndRotates) {
  std::ostringstream os;
  RunScript(&w, "sysctl -qw net.core.netdev_budget=100\n", false, os);
  Make(5, 100, 1000000);
  At(0, [&] { ScheduleAll(); });
  ns3::Simulator::Run();
  EXPECT_EQ(h->cpus[0]->softnet.time_squeeze, 4u);
  std::vector<int> polls;  // the instance of each poll, in order
  for (size_t i = 0; i < order.size(); i++)
    if (i == 0 || order[i] != order[i - 1]) polls.push_back(order[i]);
  EXPECT_EQ(polls, (std::vector<int>{0, 1, 2, 3, 4, 0, 1, 2, 3, 4}));
  EXPECT_EQ(std::count(order.begin(), order.begin() + 4 * 64 + 64 + 36, 0), 64 + 36);  // round 3: [4 0]
}

// netdev_budget_usecs 8000 at HZ 250 is 2 jiffies: two polls of 64 x 90 us pass it (a squeeze);
// the 2 ms __do_softirq limit has passed too, so ksoftirqd runs the next round, which passes its
// own limit (2 + 2 jiffies = 16 ms) with its last poll
TEST_F(NapiTest, TimeLimitIsTwoJiffies) {
  Make(2, 100, 90000000);
  At(0, [&] { ScheduleAll(); });
  ns3::Simulator::Run();
  EXPECT_EQ(h->cpus[0]->softnet.time_squeeze, 2u);
  EXPECT_EQ(order.size(), 200u);
}

// __do_softirq restarts net_rx_action up to ten rounds (MAX_SOFTIRQ_RESTART) within its time
// limit, then wakes ksoftirqd, whose turn comes behind the work already waiting for the CPU: a
// process that became ready meanwhile runs after 10 x 64 packets. (need_resched would end the
// restarts sooner if the scheduler decided to preempt; the model's CPUs do not preempt, so it is
// never set.)
TEST_F(BacklogTest, WaitingWorkRunsAfterTenRounds) {
  h->SetCost(KF_netif_receive_skb, 1000000, h->cost_b_ps(KF_netif_receive_skb));
  int64_t ran_at = -1;
  uint64_t processed_then = 0;
  int64_t t0 = 0;
  At(0, [&] {
    t0 = NowPs(h);
    Rx(1000);
  });
  At(10000, [&] {  // 10 us in
    CpuRun(h, h->cpus[0].get(), [&] {
      ran_at = NowPs(h);
      processed_then = h->cpus[0]->softnet.processed;
    });
  });
  ns3::Simulator::Run();
  EXPECT_EQ(processed_then, 640u);
  EXPECT_EQ(ran_at - t0, 640 * 1000000LL);
  EXPECT_EQ(h->cpus[0]->softnet.processed, 1000u);
}

TEST_F(BacklogTest, BacklogOverflowDropsAndCounts) {
  At(0, [&] { Rx(1100); });  // all before the softirq runs
  ns3::Simulator::Run();
  SoftnetData& sd = h->cpus[0]->softnet;
  EXPECT_EQ(sd.dropped, 99u);  // the queue takes packets while qlen <= netdev_max_backlog: 1001
  EXPECT_EQ(sd.processed, 1001u);
  // rx_dropped counts both: the backlog's 99 and the 1001 frames no protocol took
  EXPECT_EQ(vb->stats.rx_dropped, 1100u);
}

// CpuAdvance: the receive softirq steps from packet to packet inline when no event is due before
// the next one starts, and by an event otherwise; either way each function runs at the same
// simulated moment and ns-3 clock, in the same order, with a second burst arriving mid-round
struct Step {
  KFn f;
  int64_t ps, clock_ns;
  bool operator==(const Step& o) const { return f == o.f && ps == o.ps && clock_ns == o.clock_ns; }
};
std::vector<Step> BurstSteps(bool inline_clock, uint64_t* events) {
  World w;
  w.Enter();
  Host* h = w.default_host();
  ClearCostTable(h);
  h->SetCost(KF_netif_receive_skb, 1000500, 0);  // 1.0005 us: steps that fall between ns-3's ns
  h->SetCost(KF_netif_rx, 700000, 0);
  h->SetCost(KF_ip_rcv, 3000000, 0);
  if (!inline_clock) h->clock = nullptr;
  std::ostringstream os;
  RunScript(&w, "ip netns add b\nip link add va type veth peer name vb netns b\nip -n b link set vb up\n", false, os);
  NetDev* vb = w.FindNetNs("b")->DevGetByName("vb");
  std::vector<Step> out;
  h->trace_ctx = &out;
  h->SetTrace([](Host* host, KFn f, const SkBuff*, uint32_t) {
    static_cast<std::vector<Step>*>(host->trace_ctx)->push_back({f, NowPs(host), ns3::Simulator::Now().GetNanoSeconds()});
  });
  auto rx = [h, vb](int n) {
    for (int i = 0; i < n; i++) {
      SkbPtr skb = AllocSkb(h, ns3::Create<ns3::Packet>(46));
      skb->dev = vb;
      skb->protocol = 0x88b5;
      NetifRx(std::move(skb));
    }
  };
  uint64_t before = ns3::Simulator::GetEventCount();
  ns3::Simulator::Schedule(ns3::NanoSeconds(0), [rx] { rx(40); });
  ns3::Simulator::Schedule(ns3::NanoSeconds(29000), [rx] { rx(5); });  // mid-round, behind the queue
  ns3::Simulator::Schedule(ns3::NanoSeconds(12000), [h] {  // work that waits for the round to end
    CpuRun(h, h->cpus[0].get(), [h] { KFunc(KF_ip_rcv, h, nullptr); });
  });
  ns3::Simulator::Run();
  *events = ns3::Simulator::GetEventCount() - before;
  h->SetTrace(nullptr);
  ns3::Simulator::Destroy();
  return out;
}

TEST(CpuAdvance, InlineStepsMatchEventSteps) {
  uint64_t ev_inline = 0, ev_events = 0;
  std::vector<Step> a = BurstSteps(true, &ev_inline), b = BurstSteps(false, &ev_events);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); i++) EXPECT_TRUE(a[i] == b[i]) << "step " << i << ": " << KFnName(a[i].f);
  EXPECT_GT(a.size(), 45u * 3);
  EXPECT_LT(ev_inline + 30, ev_events);  // the inline steps took no events
}

const char* kPing =
    "ip netns add a\nip netns add b\n"
    "ip link add va netns a type veth peer name vb netns b\n"
    "ip -n a addr add 10.0.0.1/24 dev va\nip -n b addr add 10.0.0.2/24 dev vb\n"
    "ip -n a link set va up\nip -n b link set vb up\n"
    "ip netns exec a ping -c 3 -i 0.2 10.0.0.2\n";

std::string PingWithCosts(int64_t veth_ps, int64_t ip_rcv_ps) {
  World w;
  Host* h = w.default_host();
  ClearCostTable(h);
  h->SetCost(KF_veth_xmit, veth_ps, h->cost_b_ps(KF_veth_xmit));
  h->SetCost(KF_ip_rcv, ip_rcv_ps, h->cost_b_ps(KF_ip_rcv));
  std::ostringstream os;
  RunScript(&w, kPing, false, os);
  ns3::Simulator::Destroy();
  return os.str();
}

TEST(CpuTime, PingRttIsThePathCost) {
  // ping's RTT is the reply's receive timestamp (SO_TIMESTAMP: taken in netif_rx, before ip_rcv)
  // minus the probe's send time: the request's veth_xmit and ip_rcv, and the reply's veth_xmit,
  // 20 + 7 + 20 us. The first probe also waits for ARP: a request and a reply, 2 x 20 us more.
  std::string out = PingWithCosts(20000000, 7000000);
  EXPECT_NE(out.find("icmp_seq=1 ttl=64 time=0.087 ms"), std::string::npos) << out;
  EXPECT_NE(out.find("icmp_seq=2 ttl=64 time=0.047 ms"), std::string::npos) << out;
  EXPECT_NE(out.find("rtt min/avg/max/mdev = 0.047/0.060/0.087/0.019 ms"), std::string::npos) << out;
}

TEST(CpuTime, SameScriptSameTimes) {
  std::string a = PingWithCosts(3141000, 2718000);
  std::string b = PingWithCosts(3141000, 2718000);
  EXPECT_EQ(a, b);
  EXPECT_NE(a, PingWithCosts(0, 0));
}

// taskset: the CPU a pinned ping's sends run on (raw_sendmsg in its process context). Without it
// the first process gets CPU 0 (the CPUs in turn); pinned, CPU 1 (or 0 from a mask of 0x1)
std::vector<int> SendCpus(const std::string& run) {
  World w;
  w.Enter();
  Host* h = w.default_host();
  std::vector<int> cpus;
  h->trace_ctx = &cpus;
  std::ostringstream os;
  RunScript(&w, std::string(kPing).substr(0, std::string(kPing).rfind("ip netns exec")), false, os);
  h->SetTrace([](Host* host, KFn f, const SkBuff*, uint32_t) {
    if (f == KF_raw_sendmsg) static_cast<std::vector<int>*>(host->trace_ctx)->push_back(host->cur->id);
  });
  RunScript(&w, run, false, os);
  h->SetTrace(nullptr);
  ns3::Simulator::Destroy();
  return cpus;
}

TEST(CpuTime, TasksetPinsTheProcess) {
  EXPECT_EQ(SendCpus("ip netns exec a ping -c 2 -i 0.2 10.0.0.2\n"), (std::vector<int>{0, 0}));
  EXPECT_EQ(SendCpus("taskset -c 1 ip netns exec a ping -c 2 -i 0.2 10.0.0.2\n"), (std::vector<int>{1, 1}));
  EXPECT_EQ(SendCpus("ip netns exec a taskset 2 ping -c 2 -i 0.2 10.0.0.2\n"), (std::vector<int>{1, 1}));
  // a mask naming CPUs that do not exist besides one that does: the one that does
  EXPECT_EQ(SendCpus("taskset -c 1,5-9 ip netns exec a ping -c 1 10.0.0.2\n"), (std::vector<int>{1}));
}

// A socket reads a datagram at the moment the path's work reached it (udp_rcv), not when the work
// started: 1 us of sendmsg, 2 us of veth_xmit and 3 us of the receive core after a send at 1 ms.
// The sendmsg (with veth_xmit) ends at 1.003 ms, where the softirq starts; the datagram is queued
// at 1.006 ms and the reader, woken on its own CPU (sk_data_ready), reads it then. An event due in
// between (a timer at 1.005 ms) changes nothing: the wakeup is an event at the moment it happens.
int64_t UdpArrivalNs(bool timer_in_between) {
  World w;
  w.Enter();
  Host* h = w.default_host();
  ClearCostTable(h);
  h->SetCost(KF_udp_sendmsg, 1000000, 0);
  h->SetCost(KF_veth_xmit, 2000000, 0);
  h->SetCost(KF_netif_receive_skb, 3000000, 0);
  std::ostringstream os;
  RunScript(&w, std::string(kPing).substr(0, std::string(kPing).rfind("ip netns exec")) +
                    "ip netns exec a ping -c 1 10.0.0.2\n", false, os);  // ARP resolved first
  NetNs* a = w.FindNetNs("a");
  NetNs* b = w.FindNetNs("b");
  LinuxIpv4::InstallL4(a);
  LinuxIpv4::InstallL4(b);
  ns3::Ptr<ns3::Socket> rx = ns3::Socket::CreateSocket(b->node, ns3::UdpSocketFactory::GetTypeId());
  rx->Bind(ns3::InetSocketAddress(ns3::Ipv4Address::GetAny(), 9000));
  int64_t at = -1;
  rx->SetRecvCallback(ns3::Callback<void, ns3::Ptr<ns3::Socket>>([&at](ns3::Ptr<ns3::Socket> s) {
    while (s->Recv()) at = ns3::Simulator::Now().GetNanoSeconds();
  }));
  ns3::Ptr<ns3::Socket> tx = ns3::Socket::CreateSocket(a->node, ns3::UdpSocketFactory::GetTypeId());
  int64_t t0 = ns3::Simulator::Now().GetNanoSeconds() + 1000000;
  ns3::Simulator::Schedule(ns3::NanoSeconds(1000000), [tx] {
    tx->SendTo(ns3::Create<ns3::Packet>(64), 0, ns3::InetSocketAddress(ns3::Ipv4Address("10.0.0.2"), 9000));
  });
  if (timer_in_between) ns3::Simulator::Schedule(ns3::NanoSeconds(1005000), [] {});
  ns3::Simulator::Run();
  tx->Close();
  rx->Close();
  ns3::Simulator::Destroy();
  return at < 0 ? -1 : at - t0;
}

TEST(CpuTime, SocketReadsAtTheMomentTheWorkReachedIt) {
  EXPECT_EQ(UdpArrivalNs(false), 6000);
  EXPECT_EQ(UdpArrivalNs(true), 6000);
}

}  // namespace
