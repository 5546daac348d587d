// Shell built-ins a scenario uses: sleep (advances virtual time), echo, true, false
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>

#include "cli/cmd.h"
#include "ns3/simulator.h"

namespace linuxnet {
namespace {

// coreutils quote() in a UTF-8 locale (LANG=C.UTF-8, as the reference machine's shell runs)
std::string Quote(const std::string& s) { return "\u2018" + s + "\u2019"; }

// coreutils sleep: NUMBER[smhd]..., the sum; NaN or a negative interval is refused, an option
// is getopt's error; an interval beyond the clock's range sleeps to the end of time
int CmdSleep(CmdCtx& ctx, const std::vector<std::string>& argv) {
  const char* try_help = "Try 'sleep --help' for more information.\n";
  std::vector<std::string> ops;  // the operands, getopt's way: every -X before `--` is an option
  bool dashdash = false;
  for (size_t i = 1; i < argv.size(); i++) {
    const std::string& a = argv[i];
    if (!dashdash && a == "--") {
      dashdash = true;
      continue;
    }
    if (!dashdash && a.size() > 1 && a[0] == '-') {
      if (a[1] == '-') ctx.Err("sleep: unrecognized option '" + a + "'\n" + try_help);
      else ctx.Err(std::string("sleep: invalid option -- '") + a[1] + "'\n" + try_help);
      return 1;
    }
    ops.push_back(a);
  }
  if (ops.empty()) {
    ctx.Err(std::string("sleep: missing operand\n") + try_help);
    return 1;
  }
  double total = 0;
  for (const std::string& op : ops) {
    char* end;
    double v = std::strtod(op.c_str(), &end);
    double mul = 1;
    if (*end == 's') end++;
    else if (*end == 'm') { mul = 60; end++; }
    else if (*end == 'h') { mul = 3600; end++; }
    else if (*end == 'd') { mul = 86400; end++; }
    if (*end || op.empty() || std::isnan(v) || v < 0) {
      ctx.Err("sleep: invalid time interval " + Quote(op) + "\n" + try_help);
      return 1;
    }
    total += v * mul;
  }
  // ns-3's clock ends at 2^63 ns; a longer sleep (inf, 1e300) runs every event there is
  const double end_ns = 9.2e18, now_ns = static_cast<double>(ns3::Simulator::Now().GetNanoSeconds());
  double ns = std::min(total * 1e9, end_ns - now_ns);
  ns3::Simulator::Stop(ns3::NanoSeconds(static_cast<int64_t>(ns)));
  ns3::Simulator::Run();
  return 0;
}

int CmdEcho(CmdCtx& ctx, const std::vector<std::string>& argv) {
  std::string s;
  size_t i = 1;
  bool newline = true;
  if (i < argv.size() && argv[i] == "-n") {
    newline = false;
    i++;
  }
  for (; i < argv.size(); i++) s += (s.empty() && i == (newline ? 1u : 2u) ? "" : " ") + argv[i];
  ctx.Out(s + (newline ? "\n" : ""));
  return 0;
}

// timeout(1) from coreutils: runs COMMAND; a tool that runs in virtual time (nc) is sent SIGTERM
// after DURATION and then exits with 124
int CmdTimeout(CmdCtx& ctx, const std::vector<std::string>& argv) {
  size_t i = 1;
  while (i < argv.size() && argv[i].size() > 1 && argv[i][0] == '-') {
    if (argv[i] == "-s" || argv[i] == "-k") i++;
    i++;
  }
  if (i + 1 >= argv.size()) {
    ctx.Err("timeout: missing operand\nTry 'timeout --help' for more information.\n");
    return 125;
  }
  char* end;
  double v = std::strtod(argv[i].c_str(), &end);
  double mul = 1;
  if (*end == 's') end++;
  else if (*end == 'm') { mul = 60; end++; }
  else if (*end == 'h') { mul = 3600; end++; }
  else if (*end == 'd') { mul = 86400; end++; }
  if (*end || argv[i].empty() || std::isnan(v) || v < 0) {
    ctx.Err("timeout: invalid time interval " + Quote(argv[i]) + "\nTry 'timeout --help' for more information.\n");
    return 125;
  }
  std::vector<std::string> sub(argv.begin() + static_cast<long>(i) + 1, argv.end());
  if (!FindCommand(sub[0])) {
    ctx.Err("timeout: failed to run command '" + sub[0] + "': No such file or directory\n");
    return 127;
  }
  double saved = ctx.kill_after;
  // a limit beyond the clock's range (inf, 1e300) never fires
  ctx.kill_after = v * mul < 9.2e9 ? v * mul : 0;
  int rc = RunCommand(ctx, sub);
  ctx.kill_after = saved;
  return rc;
}

int CmdTrue(CmdCtx&, const std::vector<std::string>&) { return 0; }
int CmdFalse(CmdCtx&, const std::vector<std::string>&) { return 1; }

struct Registrar {
  Registrar() {
    RegisterCommand("sleep", &CmdSleep);
    RegisterCommand("echo", &CmdEcho);
    RegisterCommand("true", &CmdTrue);
    RegisterCommand("timeout", &CmdTimeout);
    RegisterCommand("false", &CmdFalse);
  }
} registrar;

}  // namespace
}  // namespace linuxnet
