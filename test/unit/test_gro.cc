// GRO (net/core/dev.c dev_gro_receive / napi_gro_complete / napi_gro_flush, net/ipv4/af_inet.c
// inet_gro_receive, net/ipv4/tcp_offload.c tcp_gro_receive, v5.3): which TCP segments merge,
// which end a flow, the 64 KB limit, MAX_GRO_SKBS and the flush at a poll's end. The expected
// counts are worked out from those functions' rules, quoted at each test.
#include <gtest/gtest.h>

#include <vector>

#include "net/core/dev.h"
#include "net/core/net_namespace.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-option-ts.h"
#include "script_run.h"
#include "sim/host.h"
#include "world/world.h"

namespace linuxnet {
namespace {

struct Seg {
  uint32_t seq = 1000;
  uint32_t len = 1448;
  uint16_t sport = 40000;
  uint32_t ack = 77;
  uint8_t flags = ns3::TcpHeader::ACK;
  uint16_t window = 500;
  uint16_t ip_id = 1;
  uint32_t tsval = 5;
};

class GroTest : public ::testing::Test {
 protected:
  void SetUp() override {
    test_util::RunScriptIn(w, "ip netns add a\nip link add va netns a type veth peer name vb\nip -n a link set va up\n");
    dev = w.FindNetNs("a")->DevGetByName("va");
    napi.host = w.default_host();
    napi.cpu = napi.host->cpus[0].get();
    // what goes up: the receive core's taps see each packet once
    DevAddTap(dev->net, [this](const SkBuff& skb, NetDev*, bool out) {
      if (!out) up.push_back({skb.Len(), skb.gso_segs, skb.iph.tot_len});
    });
  }
  void TearDown() override { ns3::Simulator::Destroy(); }

  SkbPtr Make(const Seg& s) {
    ns3::TcpHeader th;
    th.SetSourcePort(s.sport);
    th.SetDestinationPort(5201);
    th.SetSequenceNumber(ns3::SequenceNumber32(s.seq));
    th.SetAckNumber(ns3::SequenceNumber32(s.ack));
    th.SetFlags(s.flags);
    th.SetWindowSize(s.window);
    ns3::Ptr<ns3::TcpOptionTS> ts = ns3::CreateObject<ns3::TcpOptionTS>();
    ts->SetTimestamp(s.tsval);
    ts->SetEcho(9);
    th.AppendOption(ts);
    ns3::Ptr<ns3::Packet> p = ns3::Create<ns3::Packet>(s.len);
    p->AddHeader(th);
    SkbPtr skb = AllocSkb(napi.host, p);
    skb->dev = dev;
    skb->protocol = 0x0800;
    skb->eth.h_proto = 0x0800;
    skb->eth.h_dest = dev->dev_addr;
    skb->iph.protocol = 6;
    skb->iph.saddr = 0x0a000002;
    skb->iph.daddr = 0x0a000001;
    skb->iph.frag_off = IP_DF;
    skb->iph.id = s.ip_id;
    skb->iph.tot_len = static_cast<uint16_t>(20 + p->GetSize());
    skb->in_data = SkBuff::HDR_NET;
    return skb;
  }
  GroResult Rx(const Seg& s, bool gro = true) { return NapiGroReceive(&napi, Make(s), gro); }
  // a run of `n` contiguous full segments of one flow
  void Burst(int n, Seg s = Seg()) {
    for (int i = 0; i < n; i++) {
      Rx(s);
      s.seq += s.len;
      s.ip_id++;
    }
  }
  struct Up {
    uint32_t len;
    uint16_t segs;
    uint16_t tot_len;
  };
  World w;
  NetDev* dev = nullptr;
  NapiStruct napi;
  std::vector<Up> up;
  static constexpr uint32_t kHdr = 20 + 32;  // IP + TCP with the timestamps option (12, padded)
};

TEST_F(GroTest, ContiguousSegmentsMergeUntilTheFlush) {
  Burst(4);
  EXPECT_TRUE(up.empty());  // held: nothing has ended the flow
  ASSERT_EQ(napi.gro_list.size(), 1u);
  NapiGroFlush(&napi);  // napi_complete_done
  ASSERT_EQ(up.size(), 1u);
  EXPECT_EQ(up[0].segs, 4);
  EXPECT_EQ(up[0].len, kHdr + 4 * 1448);
  EXPECT_EQ(up[0].tot_len, kHdr + 4 * 1448);  // inet_gro_complete's tot_len
}

TEST_F(GroTest, ANonMergeableSegmentSendsTheFlowUpAndStartsAnother) {
  Burst(3);
  Seg s;
  s.seq = 1000 + 3 * 1448;
  s.ip_id = 4;
  s.ack = 78;  // th->ack_seq ^ th2->ack_seq
  EXPECT_EQ(Rx(s), GRO_HELD);
  ASSERT_EQ(up.size(), 1u);
  EXPECT_EQ(up[0].segs, 3);
  NapiGroFlush(&napi);
  ASSERT_EQ(up.size(), 2u);
  EXPECT_EQ(up[1].segs, 0);  // a lone segment goes up as it came (count 1: gso_size 0)
  EXPECT_EQ(up[1].len, kHdr + 1448);
}

TEST_F(GroTest, AWindowChangeOrADifferentTimestampDoesNotMerge) {
  // the flags word includes the window; options are compared word by word
  Burst(1);
  Seg s;
  s.seq = 1000 + 1448;
  s.ip_id = 2;
  s.window = 501;
  Rx(s);
  s.seq += 1448;
  s.ip_id++;
  s.tsval = 6;
  Rx(s);
  NapiGroFlush(&napi);
  EXPECT_EQ(up.size(), 3u);
}

TEST_F(GroTest, AGapInTheSequenceDoesNotMerge) {
  Burst(1);
  Seg s;
  s.seq = 1000 + 2 * 1448;  // one segment missing
  s.ip_id = 2;
  Rx(s);
  NapiGroFlush(&napi);
  EXPECT_EQ(up.size(), 2u);
}

TEST_F(GroTest, PshAndAShortSegmentAreMergedAndEndTheFlow) {
  Burst(2);
  Seg s;
  s.seq = 1000 + 2 * 1448;
  s.ip_id = 3;
  s.flags = ns3::TcpHeader::ACK | ns3::TcpHeader::PSH;
  EXPECT_EQ(Rx(s), GRO_MERGED_FREE);
  ASSERT_EQ(up.size(), 1u);  // out_check_final: PSH flushes the merged flow
  EXPECT_EQ(up[0].segs, 3);
  Burst(2, Seg{1000 + 3 * 1448, 1448, 40000, 77, ns3::TcpHeader::ACK, 500, 4, 5});
  s.seq = 1000 + 5 * 1448;
  s.ip_id = 6;
  s.flags = ns3::TcpHeader::ACK;
  s.len = 100;  // len < mss
  Rx(s);
  ASSERT_EQ(up.size(), 2u);
  EXPECT_EQ(up[1].segs, 3);
  EXPECT_EQ(up[1].len, kHdr + 2 * 1448 + 100);
  EXPECT_TRUE(napi.gro_list.empty());
}

TEST_F(GroTest, ALongerSegmentThanTheFirstDoesNotMerge) {
  Seg s;
  s.len = 1000;
  Rx(s);
  s.seq += 1000;
  s.len = 1448;  // (len - 1) >= mss
  s.ip_id = 2;
  Rx(s);
  NapiGroFlush(&napi);
  EXPECT_EQ(up.size(), 2u);
}

TEST_F(GroTest, APureAckIsNeverHeld) {
  Seg s;
  s.len = 0;
  EXPECT_EQ(Rx(s), GRO_NORMAL);  // len < mss (1) at out_check_final
  EXPECT_EQ(up.size(), 1u);
  EXPECT_TRUE(napi.gro_list.empty());
}

TEST_F(GroTest, TheResultStaysUnder64KB) {
  // skb_gro_receive refuses when p->len + len >= 65536: 52 + k x 1448 < 65536 - 1448 holds up to
  // k = 44, so the 46th segment finds 45 merged and starts a new packet
  Burst(46);
  ASSERT_EQ(up.size(), 1u);
  EXPECT_EQ(up[0].segs, 45);
  EXPECT_EQ(up[0].len, kHdr + 45 * 1448);
  EXPECT_LT(up[0].len, 65536u);
  NapiGroFlush(&napi);
  ASSERT_EQ(up.size(), 2u);
  EXPECT_EQ(up[1].segs, 0);
}

TEST_F(GroTest, FlowsAreHeldApartAndTheNinthPushesOutTheOldest) {
  for (uint16_t f = 0; f < 9; f++) {
    Seg s;
    s.sport = static_cast<uint16_t>(40000 + f);
    Rx(s);
  }
  // MAX_GRO_SKBS 8: the ninth flow's packet sends the oldest (port 40000) up
  ASSERT_EQ(up.size(), 1u);
  EXPECT_EQ(napi.gro_list.size(), 8u);
  Seg s;
  s.sport = 40008;
  s.seq = 1000 + 1448;
  s.ip_id = 2;
  EXPECT_EQ(Rx(s), GRO_MERGED_FREE);  // the newest flow still merges
  NapiGroFlush(&napi);
  EXPECT_EQ(up.size(), 9u);
}

TEST_F(GroTest, NonAtomicIpIdsMustIncrement) {
  // without DF the IP ID must follow the count of merged segments (flush_id)
  Seg s;
  SkbPtr a = Make(s);
  a->iph.frag_off = 0;
  NapiGroReceive(&napi, std::move(a), true);
  s.seq += 1448;
  s.ip_id = 5;  // not 2
  SkbPtr b = Make(s);
  b->iph.frag_off = 0;
  NapiGroReceive(&napi, std::move(b), true);
  NapiGroFlush(&napi);
  EXPECT_EQ(up.size(), 2u);
}

TEST_F(GroTest, GroOffSendsEverySegmentUpAsItCame) {
  Seg s;
  for (int i = 0; i < 3; i++) {
    EXPECT_EQ(Rx(s, false), GRO_NORMAL);
    s.seq += 1448;
    s.ip_id++;
  }
  EXPECT_EQ(up.size(), 3u);
  EXPECT_TRUE(napi.gro_list.empty());
}

// ---- TSO/GSO: the cut (net/ipv4/tcp_offload.c tcp_gso_segment, net/ipv4/af_inet.c
// inet_gso_segment, net/core/skbuff.c skb_segment, v5.3) ----------------------------------------
// 3.5 MSS of payload (5068 bytes) with gso_size 1448 and flags ACK|PSH|CWR: skb_segment cuts
// ceil(5068 / 1448) = 4 segments of 1448, 1448, 1448 and 724; tcp_gso_segment's loop gives each the
// sequence number of the one before plus mss, clears CWR after the first ("th->cwr = 0" once the
// first is done) and FIN and PSH on all but the last ("th->fin = th->psh = 0" for every skb with a
// next); inet_gso_segment sets each IP header's tot_len to its own length and the IP ID one more
// than the segment before ("iph->id = htons(id++)": not SKB_GSO_TCP_FIXEDID). ACK number, window
// and options are copied unchanged.
TEST_F(GroTest, GsoSegmentCutsAtGsoSizeAndSpreadsTheFlags) {
  Seg s;
  s.len = 3 * 1448 + 724;
  s.flags = ns3::TcpHeader::ACK | ns3::TcpHeader::PSH | ns3::TcpHeader::CWR;
  s.ip_id = 100;
  SkbPtr skb = Make(s);
  skb->gso_size = 1448;
  skb->gso_segs = 4;
  ASSERT_TRUE(SkbIsGso(*skb));
  std::vector<SkbPtr> segs = SkbGsoSegment(*skb);
  ASSERT_EQ(segs.size(), 4u);
  const uint32_t lens[4] = {1448, 1448, 1448, 724};
  for (uint32_t i = 0; i < 4; i++) {
    SCOPED_TRACE(i);
    const SkBuff& g = *segs[i];
    EXPECT_FALSE(SkbIsGso(g));
    ns3::TcpHeader th;
    ns3::Ptr<ns3::Packet> p = g.data->Copy();
    p->RemoveHeader(th);
    EXPECT_EQ(p->GetSize(), lens[i]);
    EXPECT_EQ(th.GetSequenceNumber().GetValue(), 1000u + 1448u * i);
    EXPECT_EQ(th.GetAckNumber().GetValue(), 77u);
    EXPECT_EQ(th.GetWindowSize(), 500);
    EXPECT_TRUE(th.HasOption(ns3::TcpOption::TS));
    uint8_t want = ns3::TcpHeader::ACK;
    if (i == 0) want |= ns3::TcpHeader::CWR;
    if (i == 3) want |= ns3::TcpHeader::PSH;
    EXPECT_EQ(th.GetFlags(), want);
    EXPECT_EQ(g.iph.tot_len, kHdr + lens[i]);
    EXPECT_EQ(g.Len(), kHdr + lens[i]);
    EXPECT_EQ(g.iph.id, 100 + i);
  }
}

// What GSO cut, GRO puts back: the four segments above arrive in one poll; they are contiguous,
// the flags word differs only in CWR on the first (tcp_gro_receive's flush on "flags & ~(CWR|FIN|PSH)"
// compares the others) and the last carries PSH, which sends the flow up with all four merged
// (the IP IDs step by one, as inet_gro_receive's check wants when DF is clear)
TEST_F(GroTest, GroMergesBackWhatGsoCut) {
  Seg s;
  s.len = 3 * 1448 + 724;
  s.flags = ns3::TcpHeader::ACK | ns3::TcpHeader::PSH;
  SkbPtr skb = Make(s);
  skb->iph.frag_off = 0;
  skb->gso_size = 1448;
  std::vector<SkbPtr> segs = SkbGsoSegment(*skb);
  ASSERT_EQ(segs.size(), 4u);
  for (SkbPtr& g : segs) NapiGroReceive(&napi, std::move(g), true);
  ASSERT_EQ(up.size(), 1u);
  EXPECT_EQ(up[0].segs, 4);
  EXPECT_EQ(up[0].len, kHdr + s.len);
  EXPECT_EQ(up[0].tot_len, kHdr + s.len);
}

// A packet that is not GSO, or not TCP, is not cut
TEST_F(GroTest, GsoSegmentLeavesOtherPacketsAlone) {
  SkbPtr skb = Make(Seg());
  EXPECT_FALSE(SkbIsGso(*skb));
  skb->gso_size = 1448;
  skb->iph.protocol = 17;
  EXPECT_TRUE(SkbGsoSegment(*skb).empty());
}

}  // namespace
}  // namespace linuxnet
