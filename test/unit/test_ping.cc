// ping's pacing with -i 0 (iputils 20221126 ping_common.c pinger(): with interval 0 the next probe
// goes when the last one is answered, and after MININTERVAL, 10 ms, when none is), ended by -w;
// sequence numbers wrap at 65536 without being taken for duplicates (rcvd_tbl is cleared as each
// probe goes out).
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "script_run.h"

using namespace linuxnet;

namespace {

const char* const kPair = test_util::kVethPair;

TEST(Ping, FloodWithoutRepliesGoesAtMinInterval) {
  // nothing answers (b drops the probes): one probe per 10 ms, at 0 to 990 ms, until the 1 s deadline
  std::string out = test_util::RunScriptText(std::string(kPair) + "ip netns exec b iptables -A INPUT -p icmp -j DROP\n"
                                             "ip netns exec a ping -q -i 0 -w 1 10.0.0.2\n");
  EXPECT_NE(out.find("100 packets transmitted, 0 received, 100% packet loss, time 1000ms"), std::string::npos) << out;
}

TEST(Ping, FloodIsPacedByTheReplies) {
  // answered: as fast as the round trip allows, far more than 100 in a second, and -w ends it
  std::string out = test_util::RunScriptText(std::string(kPair) + "ip netns exec a ping -q -i 0 -w 1 10.0.0.2\n");
  size_t at = out.find(" packets transmitted, ");
  ASSERT_NE(at, std::string::npos) << out;
  long sent = std::stol(out.substr(out.rfind('\n', at) + 1, at));
  EXPECT_GT(sent, 10000) << out;
  EXPECT_NE(out.find("ipg/ewma "), std::string::npos) << out;
}

TEST(Ping, SequenceWrapsWithoutDuplicates) {
  std::string out = test_util::RunScriptText(std::string(kPair) + "ip netns exec a ping -q -c 66000 -i 0 10.0.0.2\n");
  EXPECT_NE(out.find("66000 packets transmitted, 66000 received, 0% packet loss"), std::string::npos) << out;
  EXPECT_EQ(out.find("duplicates"), std::string::npos) << out;
}

}  // namespace
