// A libFuzzer target for one command parser (LINUXNET_FUZZ_TARGET, set by fuzz/CMakeLists.txt):
// the input's lines become that tool's command lines (`ip ` + line, ...), run by the scenario
// reader in a fresh World after a small setup, so the parser's output reaches the code it
// configures. "iptables-restore" takes the input as a restore file (a here-document), "script"
// as a whole scenario script. Every run is bounded: no event after kLimitSeconds of virtual time
// runs, and no more than kMaxEvents events (a TCP flow at 10 Gbit/s makes a million a second).
// A crash, a sanitizer report, a leak or an input that takes longer than libFuzzer's -timeout
// is a finding (fuzz/run).
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "ns3/simulator.h"
#include "scenario/script.h"
#include "world/world.h"

#ifndef LINUXNET_FUZZ_TARGET
#error "LINUXNET_FUZZ_TARGET names the tool"
#endif

namespace {

constexpr double kLimitSeconds = 1;
constexpr uint64_t kMaxEvents = 100000;
constexpr size_t kMaxInput = 16384;

// namespaces a and b joined by a veth pair with addresses, and a bridge with a port in the
// initial namespace: the objects the commands can name
const char* const kSetup =
    "ip netns add a\nip netns add b\n"
    "ip link add va netns a type veth peer name vb netns b\n"
    "ip -n a addr add 10.0.0.1/24 dev va\nip -n b addr add 10.0.0.2/24 dev vb\n"
    "ip -n a link set va up\nip -n b link set vb up\nip -n a link set lo up\n"
    "ip link add br0 type bridge\nip link add p1 type veth peer name p2\nip link set p1 master br0\n";

// two machines joined by e1000s, for ethtool (#@ lines come before every command)
const char* const kWires = "#@ host h1\n#@ host h2\n#@ wire h1:eth0 h2:eth0 rate=1Gbit delay=5us\n#@ host h1\n";

std::string PrefixLines(const std::string& in, const std::string& prefix) {
  std::string out;
  std::istringstream is(in);
  std::string line;
  while (std::getline(is, line)) out += prefix + line + "\n";
  return out;
}

std::string ScriptFor(const std::string& target, const std::string& in) {
  if (target == "script") return in;
  if (target == "iptables-restore") {
    std::string body;
    std::istringstream is(in);
    std::string line;
    while (std::getline(is, line))
      if (line != "FUZZ_EOF") body += line + "\n";
    return std::string(kSetup) + "iptables-restore <<'FUZZ_EOF'\n" + body + "FUZZ_EOF\niptables-save\n";
  }
  if (target == "ping" || target == "nc") return kSetup + PrefixLines(in, "ip netns exec a " + target + " ");
  if (target == "iperf3")
    return std::string(kSetup) + "ip netns exec b iperf3 -s -D\n" + PrefixLines(in, "ip netns exec a iperf3 ");
  if (target == "ethtool") return std::string(kWires) + PrefixLines(in, "ethtool ");
  return kSetup + PrefixLines(in, target + " ");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > kMaxInput) return -1;  // not added to the corpus
  const std::string script = ScriptFor(LINUXNET_FUZZ_TARGET, std::string(reinterpret_cast<const char*>(data), size));
  {
    linuxnet::World world;
    world.SetTimeLimit(ns3::Seconds(kLimitSeconds));
    world.SetEventLimit(kMaxEvents);
    std::ostringstream out;
    linuxnet::RunScript(&world, script, true, out);
  }
  ns3::Simulator::Destroy();
  return 0;
}
