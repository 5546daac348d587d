// iperf3 3.12 in the simulator: its number formats (units.c unit_snprintf, cJSON's printer) against
// strings the real iperf3 printed (scenarios/apps, recorded on the reference machine), its pacing
// (iperf_check_throttle with the 1 ms pacing timer), its end conditions (-n, -k) and determinism.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "cli/iperf3.h"
#include "script_run.h"
#include "sim/host.h"

using namespace linuxnet;

namespace {

const char* kPair =
    "ip netns add c\nip netns add s\n"
    "ip link add vc netns c type veth peer name vs netns s\n"
    "ip -n c addr add 10.0.0.1/24 dev vc\nip -n s addr add 10.0.0.2/24 dev vs\n"
    "ip -n c link set vc up\nip -n s link set vs up\n"
    "ip netns exec s iperf3 -s -D\nsleep 0.5\n";

// the JSON of the first -J report in a transcript
nlohmann::json JsonOf(const std::string& out) {
  size_t a = out.find('{');
  EXPECT_NE(a, std::string::npos) << out;
  return a == std::string::npos ? nlohmann::json::object() : nlohmann::json::parse(out.substr(a));
}

// the client's -J report of `iperf3 -c -u -b B -l 64 -t 1 -A CLIENT_CPU` to a server on
// SERVER_CPU, on a Host whose select() and udp_recvmsg cost what is given (ps), whatever the table
nlohmann::json UdpRun(int64_t select_ps, int64_t recvmsg_ps, const std::string& b, const std::string& server_cpu,
                      const std::string& client_cpu) {
  std::string out;
  {
    World w;
    w.default_host()->SetCost(KF_do_select, select_ps, 0);
    w.default_host()->SetCost(KF_udp_recvmsg, recvmsg_ps, 0);
    out = test_util::RunScriptIn(w, std::string(kPair) + "ip netns exec s iperf3 -s -1 -p 5202 -A " + server_cpu +
                                        " >/dev/null &\nsleep 0.1\n" + "ip netns exec c iperf3 -c 10.0.0.2 -p 5202 -u -b " +
                                        b + " -l 64 -t 1 -A " + client_cpu + " -J\n");
  }
  ns3::Simulator::Destroy();
  return JsonOf(out);
}

TEST(Iperf3Units, UnitSnprintfAsIperf3PrintsIt) {
  // from the real run of `iperf3 -c 10.0.0.2 -u -b 10M -l 1000 -t 2`: 1249 datagrams of 1000 bytes
  EXPECT_EQ(iperf3::UnitSnprintf(1249000, 'A'), "1.19 MByte");
  EXPECT_EQ(iperf3::UnitSnprintf(1249000 / 1.0, 'a'), "9.99 Mbit");
  EXPECT_EQ(iperf3::UnitSnprintf(1250000, 'a'), "10.0 Mbit");
  EXPECT_EQ(iperf3::UnitSnprintf(1048576, 'A'), "1.00 MByte");
  EXPECT_EQ(iperf3::UnitSnprintf(411648, 'A'), " 402 KByte");
  EXPECT_EQ(iperf3::UnitSnprintf(1.09e9, 'a'), "8.72 Gbit");
  EXPECT_EQ(iperf3::UnitSnprintf(500, 'A'), " 500 Byte");
  EXPECT_EQ(iperf3::UnitSnprintf(1000.0 * 1000 / 8, 'k'), "1000 Kbit");  // -f k keeps Kbits
  EXPECT_EQ(iperf3::UnitAtoi("100K"), 102400u);
  EXPECT_EQ(iperf3::UnitAtoi("1M"), 1048576u);
  EXPECT_EQ(iperf3::UnitAtofRate("10M"), 1e7);
  EXPECT_EQ(iperf3::UnitAtofRate("foo"), 0);  // sscanf fails: unlimited, as the real one runs
}

TEST(Iperf3Json, CjsonLayout) {
  // cJSON_Print's layout: tabs, "key":<TAB>value, arrays of objects as [{ ... }], empty arrays [],
  // integral numbers as integers, others with %1.15g or %1.17g
  iperf3::Json j = {{"connected", iperf3::Json::array({iperf3::Json{{"socket", 5}}})},
                    {"e", iperf3::Json::array()},
                    {"seconds", static_cast<double>(static_cast<float>(0.774129))},
                    {"end", 0.774129},
                    {"o", iperf3::Json::object()},
                    {"b", false}};
  EXPECT_EQ(iperf3::CjsonPrint(j),
            "{\n\t\"connected\":\t[{\n\t\t\t\"socket\":\t5\n\t\t}],\n\t\"e\":\t[],\n"
            "\t\"seconds\":\t0.77412897348403931,\n\t\"end\":\t0.774129,\n\t\"o\":\t{\n\t},\n\t\"b\":\tfalse\n}");
  EXPECT_EQ(iperf3::CjsonPrintUnformatted(iperf3::Json{{"udp", true}, {"time", 0}}), "{\"udp\":true,\"time\":0}");
}

TEST(Iperf3, UdpPacingGivesTheTargetRate) {
  // -b 10M with 1000-byte datagrams: iperf_check_throttle lets 1250 a second through; the real
  // kernel's run printed 1249 and 1250 per interval, 0/2499 in all
  std::string out = test_util::RunScriptText(std::string(kPair) + "ip netns exec c iperf3 -c 10.0.0.2 -u -b 10M -l 1000 -t 2\n");
  EXPECT_NE(out.find("  1249  \n"), std::string::npos) << out;
  EXPECT_NE(out.find("0/2499 (0%)  sender"), std::string::npos) << out;
  EXPECT_NE(out.find("0/2499 (0%)  receiver"), std::string::npos) << out;
  EXPECT_NE(out.find("iperf Done."), std::string::npos) << out;
}

TEST(Iperf3, UdpReceiverTimesTheTestAsTheSenderDoes) {
  // the real kernel's `iperf3 -c 10.0.0.2 -u -b 10M -t 2 -J`: receiver 2.000233 s, sender
  // 2.000144 s (results/iperf3_main_loop.csv, medians of 5). TEST_START and TEST_RUNNING go as two writes on the control connection, the second
  // held by Nagle until the first is ACKed: the client ACKs it at once (quickack), not 40 ms later
  nlohmann::json j = JsonOf(test_util::RunScriptText(std::string(kPair) + "ip netns exec c iperf3 -c 10.0.0.2 -u -b 10M -t 2 -J\n"));
  EXPECT_NEAR(j["end"]["sum"]["seconds"].get<double>(), 2.0, 0.001);
  EXPECT_NEAR(j["end"]["sum_sent"]["seconds"].get<double>(), 2.0, 0.001);
}

TEST(Iperf3, MainLoopSelectsOncePerTurn) {
  // strace -c of iperf3 3.12 on the kernel (results/iperf3_main_loop.csv): unpaced, one pselect6
  // per ten writes (multisend); paced (-b), one per write; the server, one per read. With select() at 1 us: a sender that
  // cannot reach its -b spends 0.9 us more a datagram than an unpaced one; with the server on the
  // client's CPU, each datagram also costs the server's select and read
  auto period_us = [](const std::string& b, const std::string& server_cpu) {
    nlohmann::json j = UdpRun(1000000, 500000, b, server_cpu, "0");
    return 1e6 * j["end"]["sum_sent"]["seconds"].get<double>() / j["end"]["sum_sent"]["packets"].get<double>();
  };
  double unpaced = period_us("0", "1"), paced = period_us("5G", "1"), together = period_us("0", "0");
  EXPECT_NEAR(paced - unpaced, 0.9, 0.05) << unpaced << " " << paced;
  EXPECT_NEAR(together - unpaced, 1.5, 0.1) << unpaced << " " << together;
}

TEST(Iperf3, EndConditionsBytesAndBlocks) {
  // -n 100K of 1448-byte datagrams: 71 (102808 bytes), as the real one sent; -k 100: 100
  std::string out = test_util::RunScriptText(std::string(kPair) + "ip netns exec c iperf3 -c 10.0.0.2 -u -n 100K -J\n" +
                        "ip netns exec c iperf3 -c 10.0.0.2 -u -k 100 -l 500\n");
  size_t a = out.find('{'), b = out.find("\n}\n");
  ASSERT_NE(b, std::string::npos) << out;
  nlohmann::json j = nlohmann::json::parse(out.substr(a, b + 2 - a));
  EXPECT_EQ(j["start"]["test_start"]["blksize"], 1448);
  EXPECT_EQ(j["end"]["sum_sent"]["packets"], 71);
  EXPECT_EQ(j["end"]["sum_sent"]["bytes"], 102808);
  EXPECT_EQ(j["start"]["connected"][0]["local_host"], "10.0.0.1");
  EXPECT_NE(out.find("0/100 (0%)  sender"), std::string::npos) << out;
}

TEST(Iperf3, TcpMovesEveryByteOfN) {
  // -n 1M: the sender stops at exactly 1 MiB (eight 128 KiB writes); the receiver got what had
  // arrived when the client's TEST_END reached the server
  std::string out = test_util::RunScriptText(std::string(kPair) + "ip netns exec c iperf3 -c 10.0.0.2 -n 1M -J\n");
  size_t a = out.find('{');
  nlohmann::json j = nlohmann::json::parse(out.substr(a));
  EXPECT_EQ(j["end"]["sum_sent"]["bytes"], 1048576);
  EXPECT_GT(j["end"]["sum_received"]["bytes"].get<double>(), 0);
  EXPECT_LE(j["end"]["sum_received"]["bytes"].get<double>(), 1048576);
  EXPECT_GT(j["end"]["sum_sent"]["bits_per_second"].get<double>(), 1e8);
}

TEST(Iperf3, SameScriptSameBytes) {
  std::string s = std::string(kPair) + "ip netns exec c iperf3 -c 10.0.0.2 -n 4M -P 2\n" +
                  "ip netns exec c iperf3 -c 10.0.0.2 -u -b 0 -l 64 -n 640K -J\n";
  std::string a = test_util::RunScriptText(s), b = test_util::RunScriptText(s);
  EXPECT_EQ(a, b);
  EXPECT_NE(a.find("[SUM]"), std::string::npos) << a;
}

TEST(Iperf3, ServerBusyAndRefused) {
  // a second client while a test runs gets ACCESS_DENIED; a port nobody listens on, a reset
  std::string out = test_util::RunScriptText(std::string(kPair) + "ip netns exec c iperf3 -c 10.0.0.2 -u -t 2 > /tmp/a &\n" +
                        "sleep 0.5\nip netns exec c iperf3 -c 10.0.0.2 -t 1\n" +
                        "ip netns exec c iperf3 -c 10.0.0.2 -p 5999\n");
  EXPECT_NE(out.find("iperf3: error - the server is busy running a test. try again later"), std::string::npos) << out;
  EXPECT_NE(out.find("iperf3: error - unable to connect to server: Connection refused"), std::string::npos) << out;
}

TEST(Iperf3, AffinityPutsTheReaderOnTheSendersCpu) {
  // -A picks the process's CPU (iperf_setaffinity). With the server on the client's CPU, that CPU
  // also runs every udp_recvmsg, so fewer datagrams go out in the same time; on its own CPU the
  // reader keeps up and none are lost
  auto sent = [](const std::string& server_cpu, double* lost, const std::string& client_cpu = "0") {
    // 1 us a read, and no select()
    nlohmann::json j = UdpRun(0, 1000000, "0", server_cpu, client_cpu);
    *lost = j["end"]["sum"]["lost_packets"].get<double>();
    return j["end"]["sum_sent"]["packets"].get<double>();
  };
  double lost_apart = -1, lost_together = -1;
  double apart = sent("1", &lost_apart), together = sent("0", &lost_together);
  EXPECT_GT(apart, 1000);
  EXPECT_EQ(lost_apart, 0);
  // one CPU sends, runs the softirq and reads: each datagram takes the read's 1 us longer (the
  // model's CPU runs its work in turn; see the README on CFS)
  EXPECT_NEAR(1e6 / together - 1e6 / apart, 1.0, 0.15) << apart << " " << together;
  EXPECT_EQ(lost_together, 0);
  // -A 0,0: the client asks the server (started on CPU 1) onto CPU 0 for this test
  double lost_asked = -1;
  EXPECT_EQ(sent("1", &lost_asked, "0,0"), together);
  // a CPU the machine does not have
  std::string out = test_util::RunScriptText(std::string(kPair) + "ip netns exec c iperf3 -s -A 2\n");
  EXPECT_NE(out.find("iperf3: error - unable to set CPU affinity: Invalid argument\niperf3: exiting\n"),
            std::string::npos) << out;
}

}  // namespace
