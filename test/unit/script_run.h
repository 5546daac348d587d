// Runs a scenario script and returns its transcript (what `linuxnet run` prints without -x): in a
// fresh World whose simulator is destroyed after it (RunScriptText), or ...
#pragma once
#include <sstream>
#include <string>

#include "ns3/simulator.h"
#include "scenario/script.h"
#include "world/world.h"

namespace linuxnet {
namespace test_util {

// Two namespaces a (10.0.0.1, va) and b (10.0.0.2, vb) joined by a veth pair, both ends up
inline const char* const kVethPair =
    "ip netns add a\nip netns add b\n"
    "ip link add va netns a type veth peer name vb netns b\n"
    "ip -n a addr add 10.0.0.1/24 dev va\nip -n b addr add 10.0.0.2/24 dev vb\n"
    "ip -n a link set va up\nip -n b link set vb up\n";

// ... in a World the test keeps (to look inside it afterwards)
inline std::string RunScriptIn(World& w, const std::string& script) {
  std::ostringstream os;
  RunScript(&w, script, false, os);
  return os.str();
}

inline std::string RunScriptText(const std::string& script) {
  World w;
  std::string out = RunScriptIn(w, script);
  ns3::Simulator::Destroy();
  return out;
}

}  // namespace test_util
}  // namespace linuxnet
