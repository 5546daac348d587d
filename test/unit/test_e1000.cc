// Unit tests of the e1000 model (drivers/net/e1000: e1000_main.cc the driver, e1000_hw.cc the
// 82545EM) and of the cable between two machines (drivers/net/wire.cc). Two machines a and b are
// joined by `#@ wire a:eth0 b:eth0 ...`; frames of an ethertype nobody handles (0x88b5, IEEE local
// experimental) go from a to b, each carrying its sequence number, and a tap on b records them.
//
// The expected numbers are derived from the real driver and the hardware documentation, not from
// the model: Linux v5.3 drivers/net/ethernet/intel/e1000/e1000_main.c (e1000_xmit_frame,
// e1000_tx_map, e1000_maybe_stop_tx, e1000_intr, e1000_clean, e1000_clean_tx_irq,
// e1000_clean_rx_irq, e1000_alloc_rx_buffers, e1000_update_itr, e1000_set_itr, e1000_reset,
// e1000_configure_rx, e1000_update_stats), e1000_ethtool.c (e1000_set_coalesce), e1000_hw.h
// (register semantics) and Intel's PCI/PCI-X Family of Gigabit Ethernet Controllers Software
// Developer's Manual (8254x SDM: 13.4.17-13.4.21 ICR/ITR/ICS/IMS/IMC, 13.7.5 MPC, 13.7.33 RNBC,
// 3.2 receive descriptors), net/core/dev.c (napi_poll, net_rx_action) and IEEE 802.3 (preamble,
// SFD, FCS, inter-frame gap, minimum frame).
#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "drivers/net/e1000/e1000.h"
#include "drivers/net/wire.h"
#include "net/core/dev.h"
#include "net/core/net_namespace.h"
#include "net/sched/sch_generic.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/tcp-header.h"
#include "script_run.h"
#include "sim/cost_table.h"
#include "sim/host.h"
#include "world/world.h"

using namespace linuxnet;

namespace {

constexpr uint16_t kEthPExperimental = 0x88b5;
constexpr int64_t kNs = 1000;  // in ps
constexpr int64_t kUs = 1000 * kNs;
constexpr int64_t kMs = 1000 * kUs;

int64_t NowPsClock() { return ns3::Simulator::Now().GetPicoSeconds(); }

E1000Dev* Eth0(Host* h) { return static_cast<E1000Dev*>(h->init_net->DevGetByName("eth0")); }

// BQL out of the way: byte_queue_limits/limit_min at its maximum, as it stands after the first
// completion (dql_completed clamps the limit to it), so the ring alone limits what is queued
void NoBql(E1000Dev* d) {
  d->dql.min_limit = d->dql.limit = Dql::kMaxLimit;
  d->dql.adj_limit = d->dql.num_completed + Dql::kMaxLimit;
}

// A frame of `len` bytes (destination MAC to the end of the payload, no FCS) from `from` to `to`,
// its payload starting with `seq` (big-endian)
SkbPtr Frame(Host* h, NetDev* from, const MacAddr& to, uint32_t len, uint32_t seq) {
  std::vector<uint8_t> payload(len - ETH_HLEN, 0);
  for (int i = 0; i < 4; i++) payload[i] = static_cast<uint8_t>(seq >> (24 - 8 * i));
  SkbPtr skb = AllocSkb(h, ns3::Create<ns3::Packet>(payload.data(), static_cast<uint32_t>(payload.size())));
  skb->dev = from;
  EthHeader(skb.get(), from, kEthPExperimental, to, nullptr);
  return skb;
}

uint32_t SeqOf(const SkBuff& skb) {
  uint8_t b[4] = {0, 0, 0, 0};
  skb.data->CopyData(b, 4);
  return (uint32_t(b[0]) << 24) | (uint32_t(b[1]) << 16) | (uint32_t(b[2]) << 8) | b[3];
}

// What each napi_poll of the e1000 instance found and left: the driver's poll end (E1000CleanDone,
// the rest of e1000_clean) wrapped to record it
struct PollRecord {
  int work;                 // packets this napi_poll call handled
  uint32_t ims_before;      // the mask while it polled
  uint32_t ims_after;       // the mask after e1000_clean returned
  bool scheduled_after;     // still on the poll list (it used its whole weight)
  uint64_t interrupts;      // interrupts asserted so far
  int64_t at_ps;            // ns-3's clock when it ended
};
std::vector<PollRecord>* g_polls = nullptr;
void RecordingCleanDone(NapiStruct* n) {
  auto* a = static_cast<E1000Dev*>(n->priv);
  PollRecord r{n->work, a->ims, 0, false, a->interrupts, NowPsClock()};
  E1000CleanDone(n);
  r.ims_after = a->ims;
  r.scheduled_after = n->scheduled;
  g_polls->push_back(r);
}

class E1000Test : public ::testing::Test {
 protected:
  void TearDown() override {
    g_polls = nullptr;
    ns3::Simulator::Destroy();
  }

  // a and b joined by a wire with `wire_opts`; `while_down` runs with both devices registered
  // and down (ring sizes), `per_host` lines run on each machine before `ip link set eth0 up`.
  // Then the link comes up (e1000_open's LSC interrupt, the watchdog a jiffy later: carrier on,
  // pfifo_fast live) and both cost tables are cleared: a test charges only what it sets.
  void Build(const std::string& wire_opts, const std::function<void()>& while_down = nullptr,
             const std::string& per_host = "") {
    test_util::RunScriptIn(w, "#@ host a\n#@ host b\n#@ wire a:eth0 b:eth0 " + wire_opts + "\n");
    ha = w.FindHost("a");
    hb = w.FindHost("b");
    ASSERT_NE(ha, nullptr);
    ASSERT_NE(hb, nullptr);
    da = Eth0(ha);
    db = Eth0(hb);
    ASSERT_NE(da, nullptr);
    ASSERT_NE(db, nullptr);
    wire = static_cast<Wire*>(da->wire);
    ASSERT_EQ(wire, db->wire);
    if (while_down) while_down();
    test_util::RunScriptIn(w, "#@ host a\n" + per_host + "ip link set eth0 up\n#@ host b\n" + per_host +
                                  "ip link set eth0 up\n");
    RunFor(20 * kMs);
    ClearCostTable(ha);
    ClearCostTable(hb);
    ASSERT_TRUE(da->carrier);
    ASSERT_TRUE(db->carrier);
    ASSERT_TRUE(da->qdisc && da->qdisc->active);
    // b's tap: the sequence numbers of the frames its stack received, in order
    DevAddTap(hb->init_net, [this](const SkBuff& skb, NetDev* dev, bool outgoing) {
      if (!outgoing && dev == db && skb.protocol == kEthPExperimental) seen.push_back(SeqOf(skb));
    });
  }
  void RunFor(int64_t ps) {
    ns3::Simulator::Stop(ns3::PicoSeconds(ps));
    ns3::Simulator::Run();
  }
  void At(int64_t delay_ps, std::function<void()> fn) { ns3::Simulator::Schedule(ns3::PicoSeconds(delay_ps), fn); }
  // `n` frames of `len` bytes handed to a's dev_queue_xmit in one piece of work on a's CPU 0 (as
  // one process's sends), sequence numbers from `seq0`
  void SendFromA(uint32_t n, uint32_t len, uint32_t seq0, const std::function<void()>& after = nullptr) {
    CpuRun(ha, ha->cpus[0].get(), [this, n, len, seq0, after] {
      for (uint32_t i = 0; i < n; i++) DevQueueXmit(Frame(ha, da, db->dev_addr, len, seq0 + i));
      if (after) after();
    });
  }
  // a constant stream: one frame every `spacing_ps` from now, `count` of them
  void Stream(uint32_t len, int64_t spacing_ps, uint32_t count) {
    for (uint32_t i = 0; i < count; i++) At(int64_t(i) * spacing_ps, [this, len, i] { SendFromA(1, len, i); });
  }
  // frames put straight onto b's receiver, as if the last bit had just arrived
  void InjectToB(uint32_t n, uint32_t len, uint32_t seq0) {
    for (uint32_t i = 0; i < n; i++) db->WireReceive(Frame(ha, da, db->dev_addr, len, seq0 + i));
  }
  // b's interrupts during [now + warmup, now + warmup + window) of a stream started now
  uint64_t InterruptsInWindow(int64_t warmup_ps, int64_t window_ps) {
    RunFor(warmup_ps);
    uint64_t i0 = db->interrupts;
    RunFor(window_ps);
    return db->interrupts - i0;
  }

  World w;
  Host* ha = nullptr;
  Host* hb = nullptr;
  E1000Dev* da = nullptr;
  E1000Dev* db = nullptr;
  Wire* wire = nullptr;
  std::vector<uint32_t> seen;
};

// ---- 1. RX ring overflow ------------------------------------------------------------------------
// A ring of 80 descriptors (ethtool -G rx 80; E1000_MIN_RXD is 48) and a receive path of 1 ms a
// packet: 200 back-to-back full-size frames. Expected, independently of the model:
//  - e1000_configure → e1000_alloc_rx_buffers(adapter, ring, E1000_DESC_UNUSED(ring)): with
//    next_to_use == next_to_clean, E1000_DESC_UNUSED is count - 1, so the hardware owns 79
//    buffers and the first 79 frames are DMA'd into the ring;
//  - buffers go back only every E1000_RX_BUFFER_WRITE (16) cleaned descriptors (e1000_clean_rx_irq)
//    or at the poll's end; at 1 ms a packet the burst (200 x 12.3 us) is over before the 16th, so
//    nothing is given back during it;
//  - the 82545's receive packet buffer is 48 KB (e1000_reset: E1000_PBA_48K, as the 82540's):
//    frames that find no descriptor wait there; a 1514-byte frame takes 1530-1536 bytes there (with a 16-byte header,
//    aligned to 16 as the driver's own FIFO accounting E1000_FIFO_HDR does), so 32 fit either way
//    (49152 / 1536 = 32, 49152 / 1530 = 32.1);
//  - the rest, 200 - 79 - 32 = 89, are missed: SDM 13.7.5 MPC "packets are missed when the receive
//    FIFO has insufficient space", also counted in TPR; SDM 13.7.33 RNBC counts "the number of times
//    frames were received when there were no available buffers in host memory ... the packet is
//    still received if there is space in the FIFO", i.e. all 32 + 89 that found the ring full;
//  - e1000_update_stats: netdev->stats.rx_missed_errors = adapter->stats.mpc.
TEST_F(E1000Test, RxRingOverflowFillsRingThenPacketBufferThenMisses) {
  ASSERT_NO_FATAL_FAILURE(Build("rate=1Gbit delay=5us", [this] { E1000SetRingparam(db, 80, 80); }));
  ASSERT_EQ(db->rx_count, 80u);
  EXPECT_EQ(db->rx_hw_free, 79u);  // E1000_DESC_UNUSED of an empty ring: count - 1
  hb->SetCost(KF_netif_receive_skb, 1 * kMs, 0);
  const uint32_t kSent = 200;
  At(0, [this, kSent] { SendFromA(kSent, 1514, 0); });
  RunFor(8 * kMs);  // the burst has arrived; fewer than 16 frames cleaned
  EXPECT_LT(wire->busy_until_ps(0) + wire->delay_ps(), NowPsClock());
  EXPECT_EQ(db->hw.tpr, kSent);                                 // MPC frames count in TPR too
  EXPECT_LT(db->stats.rx_packets, 16u);                         // no buffer given back yet
  EXPECT_EQ(db->rx_hw_free, 0u);
  EXPECT_EQ(db->rx_done.size() + db->stats.rx_packets, 79u);    // the ring took rx_count - 1
  EXPECT_EQ(db->rx_fifo.size(), 32u);                           // the packet buffer what fits
  EXPECT_EQ(db->hw.mpc, 89u);                                   // the rest missed
  EXPECT_EQ(db->hw.rnbc, 32u + 89u);                            // every arrival with no buffer
  EXPECT_TRUE(db->icr & E1000_ICR_RXO);  // MPC events set RXO (SDM 13.7.5), not in IMS_ENABLE_MASK
  RunFor(1000 * kMs);
  EXPECT_TRUE(db->rx_fifo.empty());
  EXPECT_EQ(db->rx_hw_free, 79u);
  EXPECT_EQ(db->stats.rx_packets, 79u + 32u);
  // what went up is frames 0..110 in order: the missed ones are the burst's last 89
  ASSERT_EQ(seen.size(), 111u);
  for (uint32_t i = 0; i < seen.size(); i++) ASSERT_EQ(seen[i], i);
  E1000UpdateStats(db);
  EXPECT_EQ(db->stats.rx_missed_errors, 89u);
  EXPECT_EQ(db->stats.rx_packets + db->stats.rx_missed_errors, uint64_t(kSent));
}

// ---- 2. NAPI budget and re-polling ---------------------------------------------------------------
// 200 frames in the ring before the first poll. e1000_intr masks everything (IMC ~0) and
// schedules NAPI once; e1000_clean → e1000_clean_rx_irq stops at work_to_do = budget = 64
// (netif_napi_add(..., e1000_clean, 64)) and returns budget without completing, so napi_poll
// (net/core/dev.c) keeps it on the list and net_rx_action polls it again: 64, 64, 64, 8; only the
// poll that did less than its budget calls napi_complete_done and e1000_irq_enable
// (IMS = IMS_ENABLE_MASK). One interrupt for the whole burst.
TEST_F(E1000Test, NapiPollsTheWeightAndRepollsWithTheInterruptMasked) {
  ASSERT_NO_FATAL_FAILURE(Build("rate=1Gbit delay=5us"));
  std::vector<PollRecord> polls;
  g_polls = &polls;
  db->napi.done = &RecordingCleanDone;
  uint64_t before = db->interrupts;
  EXPECT_EQ(db->ims, uint32_t(E1000_IMS_ENABLE_MASK));
  At(0, [this, before] {
    InjectToB(200, 1514, 0);
    EXPECT_EQ(db->rx_done.size(), 200u);  // all written back before the interrupt is serviced
    EXPECT_EQ(db->interrupts, before);
  });
  RunFor(10 * kMs);
  ASSERT_EQ(polls.size(), 4u);
  const int works[] = {64, 64, 64, 8};
  for (size_t i = 0; i < polls.size(); i++) {
    SCOPED_TRACE("poll " + std::to_string(i));
    EXPECT_EQ(polls[i].work, works[i]);
    EXPECT_EQ(polls[i].ims_before, 0u);
    EXPECT_EQ(polls[i].interrupts, before + 1);
    EXPECT_EQ(polls[i].scheduled_after, i < 3);
    EXPECT_EQ(polls[i].ims_after, i < 3 ? 0u : uint32_t(E1000_IMS_ENABLE_MASK));
  }
  EXPECT_EQ(db->interrupts, before + 1);
  EXPECT_EQ(db->stats.rx_packets, 200u);
  EXPECT_EQ(seen.size(), 200u);
  EXPECT_EQ(db->rx_hw_free, db->rx_count - 1);  // every buffer back with the hardware
}

// ---- 3. Interrupt masking -------------------------------------------------------------------------
// While NAPI is scheduled the interrupt is masked (e1000_intr: ew32(IMC, ~0)): frames arriving then
// set RXT0 in ICR but assert nothing (SDM 13.4.20: an interrupt is generated for a cause only when
// its IMS bit is set). ICR latches the cause: when e1000_irq_enable writes IMS after the poll, the
// pending RXT0 asserts once more (after the ITR interval since the last assertion, SDM 13.4.18),
// and that poll finds the ring empty. With 20 us a packet, 11 frames arriving 5 us apart are all
// taken by the first poll; its e1000_set_itr sees 11 packets, 16654 bytes from low_latency: bytes >
// 10000 and bytes/packets > 1200 → bulk_latency, 4000 ints/s, ITR = 10^9 / (4000 * 256) = 976.
TEST_F(E1000Test, FramesArrivingWhileNapiIsScheduledRaiseNoInterrupt) {
  ASSERT_NO_FATAL_FAILURE(Build("rate=1Gbit delay=5us"));
  hb->SetCost(KF_netif_receive_skb, 20 * kUs, 0);
  std::vector<PollRecord> polls;
  g_polls = &polls;
  db->napi.done = &RecordingCleanDone;
  uint64_t before = db->interrupts;
  int64_t t0 = NowPsClock();
  At(0, [this] { InjectToB(1, 1514, 0); });
  int checks = 0;
  for (uint32_t k = 1; k <= 10; k++) {
    At(k * 5 * kUs, [this, k] { InjectToB(1, 1514, k); });
    At(k * 5 * kUs + 100 * kNs, [this, before, &checks] {
      checks++;
      EXPECT_TRUE(db->napi.scheduled);
      EXPECT_EQ(db->ims, 0u);
      EXPECT_TRUE(db->icr & E1000_ICR_RXT0);   // the cause is latched ...
      EXPECT_FALSE(db->irq_event.IsRunning());  // ... and nothing is on its way to assert
      EXPECT_EQ(db->interrupts, before + 1);
    });
  }
  RunFor(5 * kMs);
  EXPECT_EQ(checks, 10);
  ASSERT_EQ(polls.size(), 2u);
  EXPECT_EQ(polls[0].work, 11);
  EXPECT_EQ(polls[0].ims_after, uint32_t(E1000_IMS_ENABLE_MASK));
  EXPECT_EQ(polls[1].work, 0);  // the latched RXT0's interrupt: nothing left
  EXPECT_EQ(db->interrupts, before + 2);
  EXPECT_EQ(db->itr, 4000u);
  EXPECT_EQ(db->itr_reg, 976u);
  EXPECT_EQ(db->last_irq_ps - t0, 976LL * 256 * kNs);  // the second waited out the new interval
  EXPECT_EQ(seen.size(), 11u);
}

// ---- 4. Interrupt rate of each InterruptThrottleRate mode under a constant stream ----------------
// The ITR register holds the minimum inter-interrupt interval in 256 ns units (SDM 13.4.18);
// e1000_set_itr and e1000_set_coalesce write 10^9 / (itr * 256), truncated. Interrupts are counted
// on b over 0.4 s after 0.1 s of warm-up; b transmits nothing, so only its receive side moves its
// dynamic ITR. The receive path costs 1 us a packet, so a poll always ends before the next frame.

// InterruptThrottleRate 0 (ethtool -C rx-usecs 0): ITR 0, RDTR 0 (e1000_param.c's default
// RxIntDelay): every frame raises RXT0 at once and asserts, the poll having unmasked already; one
// interrupt a frame: 20000 frames (one each 20 us) in the window.
TEST_F(E1000Test, ItrOffInterruptsOncePerFrame) {
  ASSERT_NO_FATAL_FAILURE(Build("rate=1Gbit delay=5us"));
  hb->SetCost(KF_netif_receive_skb, 1 * kUs, 0);
  E1000SetCoalesce(db, 0);
  EXPECT_EQ(db->itr_reg, 0u);
  Stream(1514, 20 * kUs, 25000);
  uint64_t n = InterruptsInWindow(100 * kMs, 400 * kMs);
  EXPECT_NEAR(double(n), 20000.0, 2.0);
  RunFor(100 * kMs);
  EXPECT_EQ(db->stats.rx_packets, 25000u);
}

// rx-usecs 125: e1000_set_coalesce → itr = 10^6 / 125 = 8000, itr_setting = 8000 & ~3 = 8000, no
// dynamic adjustment (itr_setting & 3 == 0: e1000_clean never calls e1000_set_itr); ITR = 10^9 /
// (8000 * 256) = 488 → 124.928 us, at most 8004.6 interrupts/s (the truncation lets it exceed 8000 by
// 0.06 %). Frames every 20 us keep a cause pending at each interval's end, so the bound is reached:
// 0.4 s / 124.928 us = 3201.8.
TEST_F(E1000Test, ItrFixedRateCapsInterrupts) {
  ASSERT_NO_FATAL_FAILURE(Build("rate=1Gbit delay=5us"));
  hb->SetCost(KF_netif_receive_skb, 1 * kUs, 0);
  E1000SetCoalesce(db, 125);
  EXPECT_EQ(db->itr, 8000u);
  EXPECT_EQ(db->itr_setting, 8000u);
  EXPECT_EQ(db->itr_reg, 488u);
  Stream(1514, 20 * kUs, 25000);
  uint64_t n = InterruptsInWindow(100 * kMs, 400 * kMs);
  double bound = 400.0 * kMs / (488.0 * 256 * kNs);
  EXPECT_LE(double(n), bound + 1);
  EXPECT_GE(double(n), bound - 2);
  EXPECT_EQ(db->itr, 8000u);
  EXPECT_EQ(db->itr_reg, 488u);
}

// Dynamic conservative (3, the default) with full-size frames at 98 % of gigabit line rate (one
// 1514-byte frame every 12.5 us, 12.304 us on the wire). From low_latency (20000 ints/s, ITR 195 =
// 49.92 us) an interrupt carries 3-4 frames, 4542-6056 bytes: e1000_update_itr's low_latency case
// needs bytes > 10000 (or bytes/packets > 2000, jumbo) for bulk_latency and packets <= 2 with
// bytes < 512 for lowest_latency, so it stays low_latency: 10^9 / 49.92 us = 20032.1/s, 8012.8 in
// the window. (Full-size frames alone cannot reach bulk on a gigabit receiver that keeps up: 50 us
// of line rate is 4 frames, 6160 bytes.)
TEST_F(E1000Test, ItrConservativeWithFullSizeFramesAtLineRateStaysLowLatency) {
  ASSERT_NO_FATAL_FAILURE(Build("rate=1Gbit delay=5us"));
  hb->SetCost(KF_netif_receive_skb, 1 * kUs, 0);
  EXPECT_EQ(db->itr_setting, 3u);
  Stream(1514, 12500 * kNs, 40000);
  uint64_t n = InterruptsInWindow(100 * kMs, 400 * kMs);
  EXPECT_EQ(db->itr, 20000u);
  EXPECT_EQ(db->itr_reg, 195u);
  EXPECT_NEAR(double(n), 400.0 * kMs / (195.0 * 256 * kNs), 2.0);
}

// Dynamic conservative (3) with bulk traffic that e1000_update_itr calls bulk: 9014-byte frames
// (MTU 9000) every 75 us. The first interrupt's 9014 bytes in one packet go to bulk_latency from
// either start (lowest: bytes/packets > 8000; low: bytes/packets > 2000); at bulk (4000 ints/s,
// ITR 976 = 249.856 us) an interrupt carries 3-4 frames, 27042-36056 bytes: bytes > 25000 with
// packets <= 35 stays bulk, never below 6000. 10^9 / 249.856 us = 4002.3/s, 1600.9 in the window.
TEST_F(E1000Test, ItrConservativeWithJumboBulkSettlesAtBulkLatency) {
  ASSERT_NO_FATAL_FAILURE(Build("rate=1Gbit delay=5us", nullptr, "ip link set eth0 mtu 9000\n"));
  ASSERT_EQ(db->mtu, 9000u);
  hb->SetCost(KF_netif_receive_skb, 1 * kUs, 0);
  Stream(9014, 75 * kUs, 6667);
  uint64_t n = InterruptsInWindow(100 * kMs, 400 * kMs);
  EXPECT_EQ(db->rx_itr, E1000Dev::bulk_latency);
  EXPECT_EQ(db->itr, 4000u);
  EXPECT_EQ(db->itr_reg, 976u);
  EXPECT_NEAR(double(n), 400.0 * kMs / (976.0 * 256 * kNs), 2.0);
}

// Dynamic (1) with small frames: 60 bytes (64 on the wire with the FCS) every 10 us. The adapter
// starts zeroed (alloc_etherdev; nothing in e1000_sw_init, e1000_check_options or e1000_up sets
// rx_itr/tx_itr): both lowest_latency. b's transmit side carries nothing (packets == 0 leaves
// tx_itr as it is). The receive side, 1-5 packets of 60 bytes an interrupt, stays lowest_latency
// (it leaves only for bytes/packets > 8000 or packets < 5 with bytes > 512), so e1000_set_itr
// climbs 20000 → 37500 → 55000 → 70000 (itr + new_itr/4 while rising) and stays: ITR = 10^9 /
// (70000 * 256) = 55 → 14.08 us, 71022.7 interrupts/s, 28409.1 in the window (a frame arrives in
// every interval). Mode 3 would clamp lowest_latency to low_latency (20000/s): the difference is
// what this mode allows. The mode is set while the device is down, as InterruptThrottleRate=1 at
// module load would: no poll in mode 3 has run e1000_set_itr's clamp yet.
TEST_F(E1000Test, ItrDynamicWithSmallFramesAllowsLowestLatency) {
  ASSERT_NO_FATAL_FAILURE(Build("rate=1Gbit delay=5us", [this] { E1000SetCoalesce(db, 1); }));
  hb->SetCost(KF_netif_receive_skb, 1 * kUs, 0);
  EXPECT_EQ(db->itr_setting, 1u);
  EXPECT_EQ(db->tx_itr, E1000Dev::lowest_latency);  // the link-up polls carried no packets
  Stream(60, 10 * kUs, 50000);
  uint64_t n = InterruptsInWindow(100 * kMs, 400 * kMs);
  EXPECT_EQ(db->rx_itr, E1000Dev::lowest_latency);
  EXPECT_EQ(db->tx_itr, E1000Dev::lowest_latency);
  EXPECT_EQ(db->itr, 70000u);
  EXPECT_EQ(db->itr_reg, 55u);
  EXPECT_NEAR(double(n), 400.0 * kMs / (55.0 * 256 * kNs), 3.0);
  EXPECT_GT(double(n), 1.5 * 20000 * 0.4);  // well above what low_latency would allow
}

// The same stream with mode 1 set at run time (ethtool -C rx-usecs 1) after the device ran in mode
// 3: mode 3's e1000_set_itr already turned the idle transmit side's lowest_latency into
// low_latency, and with no packets e1000_update_itr leaves it there, so max(rx_itr, tx_itr) stays
// low_latency: 20000 ints/s (ITR 195), 8012.8 in the window, although the receive side is at
// lowest_latency. (A quirk of the real driver, not of the model.)
TEST_F(E1000Test, ItrDynamicSetAtRunTimeKeepsTheIdleTransmitSideAtLowLatency) {
  ASSERT_NO_FATAL_FAILURE(Build("rate=1Gbit delay=5us"));
  hb->SetCost(KF_netif_receive_skb, 1 * kUs, 0);
  EXPECT_EQ(db->tx_itr, E1000Dev::low_latency);  // clamped by the link-up polls in mode 3
  E1000SetCoalesce(db, 1);
  EXPECT_EQ(db->itr_setting, 1u);
  EXPECT_EQ(db->itr, 20000u);
  Stream(60, 10 * kUs, 50000);
  uint64_t n = InterruptsInWindow(100 * kMs, 400 * kMs);
  EXPECT_EQ(db->rx_itr, E1000Dev::lowest_latency);
  EXPECT_EQ(db->tx_itr, E1000Dev::low_latency);
  EXPECT_EQ(db->itr, 20000u);
  EXPECT_EQ(db->itr_reg, 195u);
  EXPECT_NEAR(double(n), 400.0 * kMs / (195.0 * 256 * kNs), 2.0);
}

// ---- 5. TX ring full → queue stopped → woken ------------------------------------------------------
// 400 plain 1514-byte frames (no checksum offload: no context descriptor) handed to a's qdisc at
// once, on a 10 Mbit/s wire (1.2304 ms a frame). e1000_xmit_frame checks count + 2 free with count =
// 1 + TXD_USE_COUNT(1514, 12) = 2, but the frame takes only what e1000_tx_map returns: one data
// descriptor. After queueing, e1000_maybe_stop_tx(desc_needed = MAX_SKB_FRAGS + 7 = 24) stops the
// queue when E1000_DESC_UNUSED = 255 - used < 24: after frame 232. The other 168 wait in
// pfifo_fast (__qdisc_run sees the queue stopped). e1000_clean_tx_irq wakes the queue (and counts
// restart_queue) once E1000_DESC_UNUSED >= TX_WAKE_THRESHOLD (32): 9 completions later; net_tx_action
// then refills 9 (unused 32 → 23) and the queue stops again. 168 = 18 x 9 + 6: the queue is woken 19
// times, the last refill leaving 26 free (not stopped). Every frame reaches b, in order.
TEST_F(E1000Test, TxRingFullStopsTheQueueAndTheCleanWakesIt) {
  ASSERT_NO_FATAL_FAILURE(Build("rate=10Mbit delay=5us"));
  NoBql(da);
  ASSERT_EQ(da->tx_count, 256u);
  Qdisc* q = da->qdisc.get();
  const int64_t frame_ps = (1514 + 24) * 8 * 100000LL;  // 10 Mbit/s: 100 ns a bit
  bool stopped = false;
  At(0, [this, q, &stopped] {
    SendFromA(400, 1514, 0, [this, q, &stopped] {
      stopped = da->xoff;
      EXPECT_TRUE(da->xoff);
      EXPECT_EQ(da->tx_ring.size(), 232u);
      EXPECT_EQ(da->DescUnusedTx(), 23u);
      EXPECT_LT(da->DescUnusedTx(), 17u + 7u);
      EXPECT_EQ(q->qlen(), 168u);
      EXPECT_EQ(da->restart_queue, 0u);
    });
  });
  // after 8 completions (and their TIDV delay): still stopped, 224 in the ring
  At(8 * frame_ps + frame_ps / 2, [this, q] {
    EXPECT_TRUE(da->xoff);
    EXPECT_EQ(da->tx_ring.size(), 224u);
    EXPECT_EQ(q->qlen(), 168u);
    EXPECT_EQ(da->restart_queue, 0u);
  });
  // after the 9th: woken, 9 more taken from the qdisc, stopped again
  At(9 * frame_ps + frame_ps / 2, [this, q] {
    EXPECT_TRUE(da->xoff);
    EXPECT_EQ(da->tx_ring.size(), 232u);
    EXPECT_EQ(q->qlen(), 159u);
    EXPECT_EQ(da->restart_queue, 1u);
  });
  RunFor(1000 * kMs);
  EXPECT_TRUE(stopped);
  EXPECT_FALSE(da->xoff);
  EXPECT_TRUE(da->tx_ring.empty());
  EXPECT_EQ(q->qlen(), 0u);
  EXPECT_EQ(q->packets, 400u);
  EXPECT_EQ(q->drops, 0u);
  EXPECT_EQ(da->restart_queue, 19u);
  EXPECT_EQ(da->stats.tx_packets, 400u);
  ASSERT_EQ(seen.size(), 400u);
  for (uint32_t i = 0; i < seen.size(); i++) ASSERT_EQ(seen[i], i);
}

// ---- 6. The wire -----------------------------------------------------------------------------------
// IEEE 802.3: a frame on the line is its bytes padded to 60 (64 with the FCS), plus the 4-byte FCS,
// 7 bytes of preamble and the SFD, and a 12-byte inter-frame gap; its last bit arrives a propagation
// delay after it left. Each direction sends one frame at a time (full duplex: the two directions
// are independent).
struct RecordingPort : WirePort {
  std::vector<std::pair<int64_t, uint32_t>> got;  // ns-3's clock at arrival, the frame's length
  void WireReceive(SkbPtr frame) override { got.push_back({NowPsClock(), frame->Len()}); }
  void WireLinkChange() override {}
  bool WirePhyUp() const override { return true; }
};

SkbPtr RawFrame(Host* h, uint32_t len) {
  SkbPtr skb = AllocSkb(h, ns3::Create<ns3::Packet>(len - ETH_HLEN));
  skb->eth.h_proto = kEthPExperimental;
  skb->PushMac();
  return skb;
}

TEST(Wire, ArrivalIsSerializationPlusDelay) {
  World w;
  w.Enter();
  Host* h = w.default_host();
  EXPECT_EQ(Wire::WireBytes(1514), 1538u);
  EXPECT_EQ(Wire::WireBytes(42), 84u);  // padded to 60
  Wire wire(1000000000, 5 * kUs, 0.0, 1);
  RecordingPort p0, p1;
  wire.Attach(0, &p0);
  wire.Attach(1, &p1);
  int64_t d1 = 0, d2 = 0, d3 = 0, back = 0;
  ns3::Simulator::Schedule(ns3::Seconds(0), [&] {
    d1 = wire.Transmit(0, RawFrame(h, 1514), 0);  // 1538 x 8 bits at 1 Gbit/s: 12.304 us
    d2 = wire.Transmit(0, RawFrame(h, 42), 0);    // waits for the first; 84 x 8 bits: 672 ns
    back = wire.Transmit(1, RawFrame(h, 1514), 0);  // the other direction is free
  });
  ns3::Simulator::Schedule(ns3::MicroSeconds(100), [&] { d3 = wire.Transmit(0, RawFrame(h, 1514), NowPsClock()); });
  ns3::Simulator::Run();
  EXPECT_EQ(d1, 12304 * kNs);
  EXPECT_EQ(d2, d1 + 672 * kNs);
  EXPECT_EQ(back, 12304 * kNs);
  EXPECT_EQ(d3, 100 * kUs + 12304 * kNs);  // an idle line: it starts when offered
  ASSERT_EQ(p1.got.size(), 3u);
  EXPECT_EQ(p1.got[0], std::make_pair(12304 * kNs + 5 * kUs, 1514u));
  EXPECT_EQ(p1.got[1], std::make_pair(12976 * kNs + 5 * kUs, 42u));  // spaced by its serialization
  EXPECT_EQ(p1.got[2], std::make_pair(112304 * kNs + 5 * kUs, 1514u));
  ASSERT_EQ(p0.got.size(), 1u);
  EXPECT_EQ(p0.got[0].first, 12304 * kNs + 5 * kUs);
  EXPECT_EQ(wire.lost(), 0u);
  ns3::Simulator::Destroy();
}

TEST(Wire, SlowerRateScalesSerialization) {
  World w;
  w.Enter();
  Host* h = w.default_host();
  Wire wire(100000000, 0, 0.0, 1);  // 100 Mbit/s, no delay: 10 ns a bit
  RecordingPort p0, p1;
  wire.Attach(0, &p0);
  wire.Attach(1, &p1);
  std::vector<int64_t> done;
  ns3::Simulator::Schedule(ns3::Seconds(0), [&] {
    for (uint32_t len : {60u, 1514u, 100u}) done.push_back(wire.Transmit(0, RawFrame(h, len), 0));
  });
  ns3::Simulator::Run();
  // 84, 1538 and 124 bytes on the line, back to back
  EXPECT_EQ(done, (std::vector<int64_t>{6720 * kNs, (6720 + 123040) * kNs, (6720 + 123040 + 9920) * kNs}));
  ASSERT_EQ(p1.got.size(), 3u);
  for (size_t i = 0; i < 3; i++) EXPECT_EQ(p1.got[i].first, done[i]);
  ns3::Simulator::Destroy();
}

TEST(Wire, LossOneDropsEverythingButTheLineTimeIsSpent) {
  World w;
  w.Enter();
  Host* h = w.default_host();
  Wire wire(1000000000, 5 * kUs, 1.0, 7);
  RecordingPort p0, p1;
  wire.Attach(0, &p0);
  wire.Attach(1, &p1);
  int64_t last = 0;
  ns3::Simulator::Schedule(ns3::Seconds(0), [&] {
    for (int i = 0; i < 100; i++) last = wire.Transmit(0, RawFrame(h, 1514), 0);
  });
  ns3::Simulator::Run();
  EXPECT_TRUE(p1.got.empty());
  EXPECT_EQ(wire.lost(), 100u);
  EXPECT_EQ(last, 100 * 12304 * kNs);  // the frames were sent: only the far end never got them
  ns3::Simulator::Destroy();
}

// The same through both e1000s: a frame handed to a's driver at t0 (no CPU cost) is on b's MAC at
// t0 + 12.304 us + 5 us, the next one back to back 12.304 us later
TEST_F(E1000Test, WireTimingBetweenTheNics) {
  ASSERT_NO_FATAL_FAILURE(Build("rate=1Gbit delay=5us"));
  NoBql(da);
  uint64_t tpr0 = db->hw.tpr;
  At(0, [this] { SendFromA(2, 1514, 0); });
  std::vector<uint64_t> tpr;
  for (int64_t t : {17303 * kNs, 17305 * kNs, 29607 * kNs, 29609 * kNs})
    At(t, [this, &tpr, tpr0] { tpr.push_back(db->hw.tpr - tpr0); });
  RunFor(1 * kMs);
  EXPECT_EQ(tpr, (std::vector<uint64_t>{0, 1, 1, 2}));
  EXPECT_EQ(seen, (std::vector<uint32_t>{0, 1}));
}

TEST_F(E1000Test, WireLossDropsBetweenTheNics) {
  ASSERT_NO_FATAL_FAILURE(Build("rate=1Gbit delay=5us loss=100%"));
  uint64_t tpr0 = db->hw.tpr;
  At(0, [this] { SendFromA(50, 1514, 0); });
  RunFor(10 * kMs);
  EXPECT_EQ(wire->lost(), 50u);
  EXPECT_EQ(db->hw.tpr, tpr0);
  EXPECT_TRUE(seen.empty());
  EXPECT_EQ(da->stats.tx_packets, 50u);  // a sent them all
}

// ---- 7. TSO ----------------------------------------------------------------------------------------
// A TCP packet as tcp_sendmsg leaves it: headers (14 + 20 + 20 bytes) in the linear part, `payload`
// bytes in a page fragment, gso_size `mss` (a GSO packet when the payload is longer), sequence
// number `seq`
SkbPtr TcpFrame(Host* h, NetDev* from, const MacAddr& to, uint32_t payload, uint32_t mss, uint32_t seq) {
  ns3::TcpHeader th;
  th.SetSourcePort(40000);
  th.SetDestinationPort(5201);
  th.SetSequenceNumber(ns3::SequenceNumber32(seq));
  th.SetAckNumber(ns3::SequenceNumber32(1));
  th.SetFlags(ns3::TcpHeader::ACK);
  th.SetWindowSize(1000);
  ns3::Ptr<ns3::Packet> p = ns3::Create<ns3::Packet>(payload);
  p->AddHeader(th);
  SkbPtr skb = AllocSkb(h, p);
  skb->dev = from;
  skb->protocol = ETH_P_IP;
  skb->iph.protocol = IPPROTO_TCP_;
  skb->iph.saddr = 0x0a000001;
  skb->iph.daddr = 0x0a000002;
  skb->iph.frag_off = IP_DF;
  skb->iph.tot_len = static_cast<uint16_t>(20 + p->GetSize());
  skb->in_data = SkBuff::HDR_NET;
  skb->data_len = payload;
  if (payload > mss) {
    skb->gso_size = mss;
    skb->gso_segs = static_cast<uint16_t>((payload + mss - 1) / mss);
  }
  EthHeader(skb.get(), from, ETH_P_IP, to, nullptr);
  return skb;
}

struct TcpSeen {
  uint32_t seq;
  uint32_t len;  // from the IP header on
};

// b's receive path with GRO off: each TCP frame that reached its stack
void TapTcp(Host* hb, NetDev* db, std::vector<TcpSeen>* out) {
  DevAddTap(hb->init_net, [db, out](const SkBuff& skb, NetDev* dev, bool outgoing) {
    if (outgoing || dev != db || skb.protocol != ETH_P_IP || skb.iph.protocol != IPPROTO_TCP_) return;
    uint8_t b[8];
    skb.data->CopyData(b, 8);
    out->push_back({(uint32_t(b[4]) << 24) | (uint32_t(b[5]) << 16) | (uint32_t(b[6]) << 8) | b[7], skb.Len()});
  });
}

// e1000_xmit_frame / e1000_tso / e1000_tx_map (v5.3) for 10 MSS of 1448 (14480 bytes after 54 of
// headers): max_per_txd = min(mss << 2, 4096) = 4096; one context descriptor (e1000_tso), one for
// the linear headers, and the fragment in chunks of 4096, 4096, 4096 and 2192, the last of which
// leaves 4 bytes to a sentinel descriptor ("Workaround for premature desc write-backs in TSO
// mode"): 1 + 1 + 5 = 7. e1000_tx_map's bytecount counts the headers once per segment:
// (10 - 1) * 54 + 14534 = 15020, what tx_bytes gets; tx_packets gets the 10 segments
// (e1000_clean_tx_irq: total_tx_packets += buffer_info->segs). The 8254x's TCP segmentation
// (SDM 3.5, TSCTC 13.7.64) puts 10 frames on the wire: the headers with each MSS, 1502 bytes.
TEST_F(E1000Test, TsoPacketTakesAContextAndDataDescriptorsAndLeavesAsMssFrames) {
  ASSERT_NO_FATAL_FAILURE(Build("rate=1Gbit delay=5us", [this] { db->f_gro = false; }));
  std::vector<TcpSeen> got;
  TapTcp(hb, db, &got);
  ASSERT_TRUE(da->f_tso);
  const uint64_t gptc0 = da->hw.gptc, gprc0 = db->hw.gprc, tx_packets0 = da->stats.tx_packets;
  const uint64_t tx_bytes0 = da->stats.tx_bytes;
  uint32_t descs = 0, used = 0;
  CpuRun(ha, ha->cpus[0].get(), [&] {
    DevQueueXmit(TcpFrame(ha, da, db->dev_addr, 10 * 1448, 1448, 5000));
    ASSERT_EQ(da->tx_ring.size(), 1u);
    descs = da->tx_ring.back().descs;
    used = da->tx_used;
    EXPECT_EQ(da->tx_ring.back().bytecount, 15020u);
    EXPECT_EQ(da->tx_ring.back().segs, 10u);
  });
  RunFor(5 * kMs);
  EXPECT_EQ(descs, 7u);
  EXPECT_EQ(used, 7u);
  EXPECT_TRUE(da->last_tx_tso);
  EXPECT_EQ(da->hw.tsctc, 1u);
  EXPECT_EQ(da->hw.gptc - gptc0, 10u);
  EXPECT_EQ(db->hw.gprc - gprc0, 10u);
  EXPECT_EQ(da->stats.tx_packets - tx_packets0, 10u);
  EXPECT_EQ(da->stats.tx_bytes - tx_bytes0, 15020u);
  ASSERT_EQ(got.size(), 10u);
  for (uint32_t i = 0; i < 10; i++) {
    EXPECT_EQ(got[i].seq, 5000 + 1448 * i);
    EXPECT_EQ(got[i].len, 20u + 20u + 1448u);
  }
  // the next packet, linear and not TSO, meets the erratum: its first chunk 4 bytes short, so a
  // 1514-byte frame takes two data descriptors (and no context: an ethertype without checksum)
  CpuRun(ha, ha->cpus[0].get(), [&] {
    DevQueueXmit(Frame(ha, da, db->dev_addr, 1514, 0));
    descs = da->tx_ring.back().descs;
  });
  RunFor(1 * kMs);
  EXPECT_EQ(descs, 2u);
  EXPECT_FALSE(da->last_tx_tso);
  EXPECT_EQ(seen, (std::vector<uint32_t>{0}));
}

// Without TSO (ethtool -K eth0 tso off) the stack cuts GSO packets itself (validate_xmit_skb →
// skb_gso_segment) and the driver gets the segments one by one: each a context descriptor for the
// checksum, one for the headers, one for its fragment. 20 packets of 44 segments are 880 frames,
// 2640 descriptors through a ring of 256: the ring fills in the middle of a packet's segments, the
// driver answers NETDEV_TX_BUSY and the rest are requeued (dev_requeue_skb) and sent in order
// when it wakes; nothing is dropped, and the wire carries 880 frames.
TEST_F(E1000Test, WithoutTsoTheStackSegmentsAndTheRingFillsMidPacket) {
  ASSERT_NO_FATAL_FAILURE(Build("rate=1Gbit delay=5us", [this] { db->f_gro = false; }, "ethtool -K eth0 tso off\n"));
  NoBql(da);
  std::vector<TcpSeen> got;
  TapTcp(hb, db, &got);
  ASSERT_FALSE(da->f_tso);
  ASSERT_FALSE(da->NetifGsoOk());
  ASSERT_TRUE(da->SkCanGso());  // GSO stays on: the stack still builds GSO packets
  Qdisc* q = da->qdisc.get();
  const uint64_t requeues0 = q->requeues;
  std::vector<uint32_t> first_descs;
  CpuRun(ha, ha->cpus[0].get(), [&] {
    for (uint32_t k = 0; k < 20; k++) DevQueueXmit(TcpFrame(ha, da, db->dev_addr, 44 * 1448, 1448, 1 + k * 44 * 1448));
    for (size_t i = 0; i < 3 && i < da->tx_ring.size(); i++) first_descs.push_back(da->tx_ring[i].descs);
    EXPECT_TRUE(da->xoff);
  });
  RunFor(100 * kMs);
  EXPECT_EQ(first_descs, (std::vector<uint32_t>{3, 3, 3}));
  EXPECT_EQ(da->hw.tsctc, 0u);
  EXPECT_GT(q->requeues, requeues0);
  EXPECT_EQ(q->drops, 0u);
  EXPECT_EQ(q->qlen(), 0u);
  EXPECT_TRUE(da->tx_ring.empty());
  ASSERT_EQ(got.size(), 880u);
  for (uint32_t i = 0; i < got.size(); i++) {
    ASSERT_EQ(got[i].seq, 1 + 1448 * i) << i;
    ASSERT_EQ(got[i].len, 20u + 20u + 1448u);
  }
}

// ---- 8. BQL (lib/dynamic_queue_limits.c, netdev_tx_sent_queue / netdev_tx_completed_queue) -----------
// dql_init leaves the limit at 0, so the first packet queued puts the queue over it: after
// netdev_sent_queue(1514) dql_avail is 0 - 1514 < 0 and STACK_XOFF is set; the other 9 frames of
// the burst stay in pfifo_fast. The first completion finds the queue starved (over the limit,
// nothing in progress): limit += completed - prev_num_queued = 1514, adj_limit = 3028, avail
// 1514 >= 0: the queue restarts, and two more frames fit before avail goes negative again. In the
// end all 10 arrive in order and everything queued was completed.
TEST_F(E1000Test, BqlStopsTheQueueAfterTheFirstPacketAndTheLimitGrows) {
  ASSERT_NO_FATAL_FAILURE(Build("rate=1Gbit delay=5us"));
  Qdisc* q = da->qdisc.get();
  ASSERT_EQ(da->dql.limit, 0u);
  size_t ring = 0, qlen = 0;
  bool stack_xoff = false;
  At(0, [&] {
    SendFromA(10, 1514, 0, [&] {
      ring = da->tx_ring.size();
      qlen = q->qlen();
      stack_xoff = da->stack_xoff;
    });
  });
  // after the first completion and before the next: the limit is one frame, three were given
  uint32_t limit_after_first = 0;
  uint64_t sent_after_first = 0;
  std::function<void()> watch = [&] {
    if (da->dql.num_completed == 1514 && !limit_after_first) {
      limit_after_first = da->dql.limit;
      sent_after_first = da->dql.num_queued / 1514;
    }
    if (da->dql.num_completed < 1514) At(100 * kNs, watch);
  };
  At(0, watch);
  RunFor(10 * kMs);
  EXPECT_EQ(ring, 1u);
  EXPECT_EQ(qlen, 9u);
  EXPECT_TRUE(stack_xoff);
  EXPECT_EQ(limit_after_first, 1514u);
  EXPECT_EQ(sent_after_first, 3u);
  EXPECT_FALSE(da->stack_xoff);
  EXPECT_EQ(da->dql.num_queued, 10u * 1514);
  EXPECT_EQ(da->dql.num_completed, 10u * 1514);
  EXPECT_GE(da->dql.limit, 1514u);
  EXPECT_EQ(seen, (std::vector<uint32_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
}

}  // namespace
