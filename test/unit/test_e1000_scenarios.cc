// The e1000 scenarios (scenarios/e1000/*-sim.sh), which have no recorded .out (the reference
// machine has no e1000 and one kernel), checked against figures derived from their sources:
// IEEE 802.3 framing (preamble and delimiter 8, FCS 4, inter-frame gap 12, minimum frame 64),
// net/core/sock.c (sock_alloc_send_pskb waits for send buffer), e1000_main.c (e1000_set_itr's
// 20000 interrupts/s for low_latency) and e1000_param.c (TIDV 8 x 1.024 us, ITR mode 3).
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>
#include <vector>

#include "nlohmann/json.hpp"
#include "drivers/net/e1000/e1000.h"
#include "net/core/net_namespace.h"
#include "ns3/data-rate.h"
#include "ns3/double.h"
#include "ns3/nstime.h"
#include "script_run.h"
#include "sim/host.h"
#include "world/wire_helper.h"

namespace linuxnet {
namespace {

std::string Scenario(const std::string& name) {
  std::ifstream f(std::string(LINUXNET_SOURCE_DIR) + "/scenarios/e1000/" + name);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

TEST(E1000Scenario, UdpOverOneGigabitIsTheWiresGoodput) {
  std::string out = test_util::RunScriptText(Scenario("01-udp-1g-sim.sh"));
  size_t a = out.find('{'), b = out.rfind("\n}\n");
  ASSERT_NE(a, std::string::npos) << out;
  nlohmann::json j = nlohmann::json::parse(out.substr(a, b + 2 - a));
  const double goodput = 1472.0 / 1538.0 * 1e9;  // 957.09 Mbit/s
  double sent = j["end"]["sum_sent"]["bits_per_second"].get<double>();
  double received = j["end"]["sum_received"]["bits_per_second"].get<double>();
  EXPECT_NEAR(received, goodput, goodput * 0.005) << out;
  EXPECT_NEAR(sent, goodput, goodput * 0.005) << out;  // held to the wire, not 2 Gbit/s
  EXPECT_LE(j["end"]["sum"]["lost_packets"].get<double>(), 2.0);  // only what is in flight at the end
  // the driver's counters: every datagram left as a 1514-byte frame (ip -s link's TX bytes)
  std::smatch m;
  ASSERT_TRUE(std::regex_search(out, m, std::regex("TX:  bytes packets[^\\n]*\\n +([0-9]+) +([0-9]+)")));
  double tx_bytes = std::stod(m[1]), tx_packets = std::stod(m[2]);
  EXPECT_GT(tx_packets, 150000);
  EXPECT_NEAR(tx_bytes / tx_packets, 1514.0, 2.0);
}

std::vector<double> Rtts(const std::string& out) {
  std::vector<double> v;
  std::regex re("time=([0-9.]+) ms");
  for (auto it = std::sregex_iterator(out.begin(), out.end(), re); it != std::sregex_iterator(); ++it)
    v.push_back(std::stod((*it)[1]) * 1000.0);  // us
  return v;
}

TEST(E1000Scenario, PingRttIsTheWireTheNicsAndTheItrInterval) {
  std::string out = test_util::RunScriptText(Scenario("02-ping-wire-sim.sh"));
  std::vector<double> rtt = Rtts(out);
  ASSERT_EQ(rtt.size(), 8u) << out;
  const double wire = 2 * (5.0 + 122 * 8 / 1000.0);     // two crossings, 98 + 24 bytes at 1 Gbit/s
  const double itr = 195 * 256 / 1000.0;                 // 49.92 us
  const double tidv = 8 * 1.024;                         // the probe's transmit interrupt delay
  for (size_t i = 1; i < 4; i++) {                       // the first also resolves ARP
    // the probe's transmit interrupt comes TIDV after its last bit left; the reply's receive
    // interrupt no sooner than the ITR interval after that
    EXPECT_GE(rtt[i], 122 * 8 / 1000.0 + tidv + itr) << out;
    EXPECT_LE(rtt[i], tidv + itr + wire + 15.0) << out;  // plus the stacks' work, a few us
  }
  EXPECT_GT(rtt[0], rtt[1]);
  // ITR off on both ends: no interval to wait for, only the wire, the interrupts (two register
  // reads on each end, 1,583 + 708 ns) and the stacks
  for (size_t i = 4; i < 8; i++) {
    EXPECT_GE(rtt[i], wire + 2 * (1.583 + 0.708)) << out;
    EXPECT_LE(rtt[i], wire + 2 * (1.583 + 0.708) + 10.0) << out;
  }
  EXPECT_NE(out.find("e1000: eth0 NIC Link is Up 1000 Mbps Full Duplex, Flow Control: RX"), std::string::npos) << out;
}

nlohmann::json IperfJson(const std::string& out) {
  size_t a = out.find('{'), b = out.rfind("\n}\n");
  if (a == std::string::npos || b == std::string::npos) return nlohmann::json();
  return nlohmann::json::parse(out.substr(a, b + 2 - a));
}

// 200 MB of TCP at 10 Gbit/s with and without receive buffer moderation (tcp_rcv_space_adjust,
// net/ipv4/tcp_input.c): the whole transfer arrives either way (a window that exactly fills with
// sent data no longer stalls or crashes the sender), and the grown window carries more than one
// that stays at tcp_rmem[1]'s 65536 bytes while the interrupts are coalesced (e1000 dynamic ITR)
TEST(E1000Scenario, TcpWindowGrowsWithReceiveBufferModeration) {
  const std::string script = Scenario("03-tcp-10g-sim.sh");
  const std::string fixed = std::regex_replace(script, std::regex("\nethtool -K eth0 gro off\n"),
                                               "\nethtool -K eth0 gro off\nsysctl -qw net.ipv4.tcp_moderate_rcvbuf=0\n");
  ASSERT_NE(fixed, script);
  nlohmann::json grown = IperfJson(test_util::RunScriptText(script));
  nlohmann::json stays = IperfJson(test_util::RunScriptText(fixed));
  ASSERT_TRUE(grown.is_object() && stays.is_object());
  for (auto* j : {&grown, &stays}) {
    EXPECT_EQ((*j)["end"]["sum_sent"]["bytes"].get<double>(), 200.0 * 1024 * 1024);
    // the client counts what it wrote; the server stops counting when the client's TEST_END
    // arrives, short by what was still in the send buffer (tcp_wmem[2]) and the window
    EXPECT_GE((*j)["end"]["sum_received"]["bytes"].get<double>(), 200.0 * 1024 * 1024 - 4194304 - 6291456 / 2);
  }
  const double g = grown["end"]["sum_received"]["bits_per_second"].get<double>();
  const double s = stays["end"]["sum_received"]["bits_per_second"].get<double>();
  EXPECT_GT(g, 1.3 * s) << g << " " << s;
  EXPECT_LT(g, 10e9 * 1448.0 / 1538.0);  // at most the wire's TCP goodput
}

// ns-3's style: the helper's Attributes are the wire's; Install puts an e1000 on each machine
TEST(WireHelper, AttributesAreTheWires) {
  World w;
  Host* b = w.AddHost("b");
  ns3::Ptr<WireHelper> helper = ns3::CreateObject<WireHelper>();
  helper->SetAttribute("DataRate", ns3::DataRateValue(ns3::DataRate("10Gbps")));
  helper->SetAttribute("Delay", ns3::TimeValue(ns3::MicroSeconds(5)));
  helper->SetAttribute("Loss", ns3::DoubleValue(0.25));
  std::string err;
  Wire* wire = helper->Install(w, w.default_host(), "eth0", b, "eth1", &err);
  ASSERT_NE(wire, nullptr) << err;
  EXPECT_EQ(wire->rate_bps(), 10000000000ull);
  EXPECT_EQ(wire->delay_ps(), 5000000);
  EXPECT_DOUBLE_EQ(wire->loss(), 0.25);
  EXPECT_NE(ns3::DynamicCast<E1000Dev>(ns3::Ptr<NetDev>(w.init_net()->DevGetByName("eth0"))), nullptr);
  EXPECT_NE(b->init_net->DevGetByName("eth1"), nullptr);
  EXPECT_EQ(helper->Install(w, w.default_host(), "eth0", b, "eth2", &err), nullptr);  // eth0 is taken
  EXPECT_EQ(err, "device name already in use");
  ns3::Simulator::Destroy();
}

}  // namespace
}  // namespace linuxnet
