// Unit tests of the calibration (src/calibrate): the profiles count what one datagram and one ping
// probe call; the non-negative fit recovers targets made from a known table; the simulator's own
// measurement of a path with a table agrees with the profile's linear prediction.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "calibrate/calibrate.h"
#include "sim/cost_table.h"
#include "sim/host.h"

using namespace linuxnet;

namespace {

const char* kVeth =
    "ip netns add c\nip netns add s\n"
    "ip link add vc netns c type veth peer name vs netns s\n"
    "ip -n c addr add 10.0.2.1/24 dev vc\nip -n s addr add 10.0.2.2/24 dev vs\n"
    "ip -n c link set vc up\nip -n s link set vs up\n";

const char* kRouter =
    "ip netns add c\nip netns add r\nip netns add s\n"
    "ip link add vc netns c type veth peer name rc netns r\n"
    "ip link add vs netns s type veth peer name rs netns r\n"
    "ip -n c addr add 10.0.1.1/24 dev vc\nip -n r addr add 10.0.1.254/24 dev rc\n"
    "ip -n r addr add 10.0.2.254/24 dev rs\nip -n s addr add 10.0.2.2/24 dev vs\n"
    "ip -n c link set vc up\nip -n r link set rc up\nip -n r link set rs up\nip -n s link set vs up\n"
    "ip -n c route add default via 10.0.1.254\nip -n s route add default via 10.0.2.254\n"
    "ip netns exec r sysctl -qw net.ipv4.ip_forward=1\n";

double Predict(const CallProfile& p, const Host& h) {
  double ns = 0;
  for (int f = 0; f < KF_COUNT; f++) ns += p.calls[f] * h.kcost[f].a_ps / 1000.0 + p.bytes[f] * h.kcost[f].b_ps / 1000.0;
  return ns;
}

TEST(Calibrate, UdpProfileCountsOneDatagramsTrip) {
  CallProfile v, r;
  std::string err;
  ASSERT_TRUE(ProfileUdp(kVeth, false, 64, &v, &err)) << err;
  ASSERT_TRUE(ProfileUdp(kRouter, false, 64, &r, &err)) << err;
  EXPECT_DOUBLE_EQ(v.calls[KF_udp_sendmsg], 1);
  EXPECT_DOUBLE_EQ(v.calls[KF_veth_xmit], 1);
  EXPECT_DOUBLE_EQ(v.calls[KF_udp_rcv], 1);
  EXPECT_DOUBLE_EQ(v.calls[KF_ip_forward], 0);
  EXPECT_DOUBLE_EQ(r.calls[KF_veth_xmit], 2);  // one hop more
  EXPECT_DOUBLE_EQ(r.calls[KF_ip_forward], 1);
  EXPECT_DOUBLE_EQ(v.bytes[KF_udp_sendmsg], 64 + 8);  // the datagram with its UDP header
  EXPECT_DOUBLE_EQ(v.calls[KF_udp_recvmsg], 0);  // the reader's CPU is not the sender's
}

TEST(Calibrate, SameCpuProfileAddsTheRead) {
  CallProfile v;
  std::string err;
  ASSERT_TRUE(ProfileUdp(kVeth, true, 64, &v, &err)) << err;
  EXPECT_DOUBLE_EQ(v.calls[KF_udp_sendmsg], 1);
  EXPECT_DOUBLE_EQ(v.calls[KF_udp_rcv], 1);
  EXPECT_DOUBLE_EQ(v.calls[KF_udp_recvmsg], 1);
}

TEST(Calibrate, PingProfileEndsAtTheRepliesTimestamp) {
  CallProfile p;
  std::string err;
  ASSERT_TRUE(ProfilePing(kVeth, 56, &p, &err)) << err;
  EXPECT_DOUBLE_EQ(p.calls[KF_raw_sendmsg], 1);
  EXPECT_DOUBLE_EQ(p.calls[KF_icmp_echo], 1);
  EXPECT_DOUBLE_EQ(p.calls[KF_veth_xmit], 2);   // request and reply
  EXPECT_DOUBLE_EQ(p.calls[KF_netif_rx], 2);
  EXPECT_DOUBLE_EQ(p.calls[KF_raw_local_deliver], 0);  // the reply's receive comes after its timestamp
}

TEST(Calibrate, FitRecoversTargetsOfAKnownTable) {
  Host truth("truth");
  ClearCostTable(&truth);
  truth.SetCost(KF_udp_sendmsg, 900000, 250);
  truth.SetCost(KF_veth_xmit, 300000, truth.cost_b_ps(KF_veth_xmit));
  truth.SetCost(KF_ip_rcv, 400000, truth.cost_b_ps(KF_ip_rcv));
  truth.SetCost(KF_ip_forward, 700000, truth.cost_b_ps(KF_ip_forward));
  truth.SetCost(KF_udp_rcv, 500000, truth.cost_b_ps(KF_udp_rcv));
  truth.SetCost(KF_raw_sendmsg, 600000, truth.cost_b_ps(KF_raw_sendmsg));
  std::vector<FitRow> rows;
  std::string err;
  for (const char* script : {kVeth, kRouter}) {
    for (int size : {64, 1472}) {
      FitRow r;
      ASSERT_TRUE(ProfileUdp(script, false, size, &r.profile, &err)) << err;
      r.target_ns = Predict(r.profile, truth);
      rows.push_back(r);
    }
    FitRow p;
    ASSERT_TRUE(ProfilePing(script, 56, &p.profile, &err)) << err;
    p.target_ns = Predict(p.profile, truth);
    rows.push_back(p);
  }
  Host fitted("fitted");
  double rms = FitCostTable(rows, &fitted);
  EXPECT_LT(rms, 0.01);
  for (const FitRow& r : rows) EXPECT_NEAR(Predict(r.profile, fitted) / r.target_ns, 1.0, 0.02);
  for (int f = 0; f < KF_COUNT; f++) EXPECT_GE(fitted.kcost[f].a_ps, 0);
}

TEST(Calibrate, SimulatedRateAndRttMatchTheTable) {
  Host h("h");
  ClearCostTable(&h);
  h.SetCost(KF_udp_sendmsg, 1000000, h.cost_b_ps(KF_udp_sendmsg));
  h.SetCost(KF_veth_xmit, 500000, h.cost_b_ps(KF_veth_xmit));
  h.SetCost(KF_ip_rcv, 500000, h.cost_b_ps(KF_ip_rcv));
  h.SetCost(KF_raw_sendmsg, 1000000, h.cost_b_ps(KF_raw_sendmsg));
  const std::string file = testing::TempDir() + "calibrate-test.costs";
  {
    std::ofstream o(file);
    o << FormatCostTable(&h);
  }
  SimPath sp;
  std::string err;
  ASSERT_TRUE(MeasureSimPath(kVeth, false, 0, file, 64, &sp, &err)) << err;
  // back to back: sendmsg, veth_xmit, ip_rcv on the sender's CPU, 2 us a datagram
  EXPECT_NEAR(sp.ns_per_packet, 2000, 20);
  // raw_sendmsg 1 + request veth 0.5 + ip_rcv 0.5 + reply veth 0.5 = 2.5 us; ping prints 0.002
  // or 0.003 ms (three decimals), so the RTT is known to a microsecond
  EXPECT_NEAR(sp.rtt_min_us, 2.5, 0.6);
  // the same path with the reader on the sender's CPU: each datagram also costs its udp_recvmsg
  h.SetCost(KF_udp_recvmsg, 3000000, 0);
  {
    std::ofstream o(file);
    o << FormatCostTable(&h);
  }
  ASSERT_TRUE(MeasureSimPath(kVeth, true, 0, file, 64, &sp, &err)) << err;
  EXPECT_NEAR(sp.ns_per_packet, 5000, 50);
  std::remove(file.c_str());
}

}  // namespace
