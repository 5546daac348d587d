// Runs a scenario script in a fresh World and returns its transcript (what `linuxnet run` prints
// without -x); the World's simulator is destroyed after it.
#pragma once
#include <sstream>
#include <string>

#include "ns3/simulator.h"
#include "scenario/script.h"
#include "world/world.h"

namespace linuxnet {
namespace test_util {

inline std::string RunScriptText(const std::string& script) {
  World w;
  std::ostringstream os;
  RunScript(&w, script, false, os);
  ns3::Simulator::Destroy();
  return os.str();
}

}  // namespace test_util
}  // namespace linuxnet
