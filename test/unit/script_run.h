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
