// World::SetTimeLimit / SetEventLimit (src/world/event_list.cc): the bound on a run that the fuzz
// targets and `linuxnet run --time-limit` use. What must hold: nothing after the limit runs, the
// clock never passes it, the commands still waiting return, and later commands still run (at the
// limit) instead of hanging.
#include <gtest/gtest.h>

#include <string>

#include "ns3/simulator.h"
#include "script_run.h"
#include "world/world.h"

namespace linuxnet {
namespace {

const char* const kLo = "ip netns add a\nip -n a link set lo up\n";

TEST(WorldLimits, NothingRunsAfterTheTimeLimit) {
  World w;
  w.SetTimeLimit(ns3::Seconds(2.5));
  // a ping a second from t = 2 ms: requests at 0, 1 and 2 s fit, the fourth would be at 3 s
  std::string out = test_util::RunScriptIn(w, std::string(kLo) + "ip netns exec a ping -c 5 127.0.0.1\necho after\n");
  EXPECT_NE(out.find("3 packets transmitted, 3 received"), std::string::npos) << out;
  EXPECT_NE(out.find("after\n"), std::string::npos) << out;
  EXPECT_TRUE(w.TimeLimitReached());
  EXPECT_LE(w.Now(), ns3::Seconds(2.5));
  ns3::Simulator::Destroy();
}

TEST(WorldLimits, AFloodStopsAtTheEventLimit) {
  World w;
  w.SetEventLimit(2000);
  // ping -i 0 sends as fast as the replies come: hundreds of thousands a second of virtual time
  std::string out = test_util::RunScriptIn(w, std::string(kLo) + "ip netns exec a ping -i 0 -w 5 -q 127.0.0.1\n");
  EXPECT_TRUE(w.TimeLimitReached());
  size_t at = out.find(" packets transmitted");
  ASSERT_NE(at, std::string::npos) << out;
  const long sent = std::stol(out.substr(out.rfind('\n', at) + 1));
  EXPECT_GT(sent, 10);
  EXPECT_LT(sent, 2000);
  EXPECT_LT(w.Now(), ns3::Seconds(1));
  ns3::Simulator::Destroy();
}

TEST(WorldLimits, WithoutALimitTheRunGoesOn) {
  World w;
  std::string out = test_util::RunScriptIn(w, std::string(kLo) + "ip netns exec a ping -c 5 127.0.0.1\n");
  EXPECT_NE(out.find("5 packets transmitted, 5 received"), std::string::npos) << out;
  EXPECT_FALSE(w.TimeLimitReached());
  EXPECT_GT(w.Now(), ns3::Seconds(4));
  ns3::Simulator::Destroy();
}

}  // namespace
}  // namespace linuxnet
