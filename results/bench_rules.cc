// Benchmark: wall-clock cost per packet through a filter chain of N rules (N = 0, 10, 100, 1000,
// 10000) in the simulator, for a packet that matches the first rule and for one that matches the
// last. Topology a - b over veth; b's INPUT holds N rules `-s 10.200.x.y -j ACCEPT` that do not
// match and one `-s 10.0.0.1 -j ACCEPT` that does, first or last; a pings b K times. The cost of
// the chain is the time above the same pings with no rules; per rule it is that over N.
// Writes CSV to stdout: stack,rules,position,packets,wall_s,us_per_packet,extra_us_per_packet,ns_per_rule
#include <chrono>
#include <cstdio>
#include <sstream>
#include <string>

#include "cli/cmd.h"
#include "ns3/core-module.h"
#include "scenario/script.h"
#include "world/world.h"

using Clock = std::chrono::steady_clock;

namespace {

const char* kSetup =
    "ip netns add a\nip netns add b\nip link add va netns a type veth peer name vb netns b\n"
    "ip -n a addr add 10.0.0.1/24 dev va\nip -n b addr add 10.0.0.2/24 dev vb\n"
    "ip -n a link set va up\nip -n b link set vb up\n";

std::string Rules(int n, bool match_first) {
  std::ostringstream s;
  s << "ip netns exec b iptables-restore <<EOF\n*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n";
  if (n > 0 && match_first) s << "-A INPUT -s 10.0.0.1 -j ACCEPT\n";
  for (int i = 0; i < n - 1; i++) s << "-A INPUT -s 10.200." << (i >> 8) << "." << (i & 255) << " -j ACCEPT\n";
  if (n > 0 && !match_first) s << "-A INPUT -s 10.0.0.1 -j ACCEPT\n";
  s << "COMMIT\nEOF\n";
  return s.str();
}

// wall seconds for k pings from a to b
double Run(int n, bool first, int k) {
  linuxnet::World w;
  std::ostringstream os;
  linuxnet::RunScript(&w, std::string(kSetup) + Rules(n, first), false, os);
  linuxnet::CmdCtx ctx;
  ctx.user = w.userland();
  ctx.net = w.FindNetNs("a");
  auto t0 = Clock::now();
  linuxnet::RunCommand(ctx, {"ping", "-q", "-c", std::to_string(k), "-i", "0.00001", "10.0.0.2"});
  double wall = std::chrono::duration<double>(Clock::now() - t0).count();
  if (ctx.out.find(" " + std::to_string(k) + " received") == std::string::npos)
    std::fprintf(stderr, "bench_rules: not every ping answered: %s\n", ctx.out.c_str());
  ns3::Simulator::Destroy();
  return wall;
}

double Best(int n, bool first, int k) {
  double best = 1e9;
  for (int r = 0; r < 3; r++) best = std::min(best, Run(n, first, k));
  return best;
}

}  // namespace

int main() {
  std::printf("stack,rules,position,packets,wall_s,us_per_packet,extra_us_per_packet,ns_per_rule\n");
  const int k = 50000;
  double base = Best(0, true, k);
  std::printf("linuxnet,0,none,%d,%.4f,%.3f,0,0\n", k, base, base / k * 1e6);
  for (int n : {10, 100, 1000, 10000}) {
    for (bool first : {true, false}) {
      double wall = Best(n, first, k);
      double extra = (wall - base) / k * 1e6;
      std::printf("linuxnet,%d,%s,%d,%.4f,%.3f,%.3f,%.2f\n", n, first ? "first" : "last", k, wall, wall / k * 1e6, extra,
                  first ? 0.0 : extra * 1e3 / n);
      std::fflush(stdout);
    }
  }
}
