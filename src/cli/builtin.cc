// Shell built-ins a scenario uses: sleep (advances virtual time), echo, true, false
#include <cstdlib>

#include "cli/cmd.h"
#include "ns3/simulator.h"

namespace linuxnet {
namespace {

int CmdSleep(CmdCtx& ctx, const std::vector<std::string>& argv) {
  if (argv.size() < 2) {
    ctx.Err("sleep: missing operand\nTry 'sleep --help' for more information.\n");
    return 1;
  }
  double total = 0;
  for (size_t i = 1; i < argv.size(); i++) {
    char* end;
    double v = std::strtod(argv[i].c_str(), &end);
    double mul = 1;
    if (*end == 's') end++;
    else if (*end == 'm') { mul = 60; end++; }
    else if (*end == 'h') { mul = 3600; end++; }
    else if (*end == 'd') { mul = 86400; end++; }
    if (*end || argv[i].empty() || v < 0) {
      ctx.Err("sleep: invalid time interval '" + argv[i] + "'\nTry 'sleep --help' for more information.\n");
      return 1;
    }
    total += v * mul;
  }
  ns3::Simulator::Stop(ns3::Seconds(total));
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
  if (*end || v < 0) {
    ctx.Err("timeout: invalid time interval '" + argv[i] + "'\nTry 'timeout --help' for more information.\n");
    return 125;
  }
  std::vector<std::string> sub(argv.begin() + static_cast<long>(i) + 1, argv.end());
  if (!FindCommand(sub[0])) {
    ctx.Err("timeout: failed to run command '" + sub[0] + "': No such file or directory\n");
    return 127;
  }
  double saved = ctx.kill_after;
  ctx.kill_after = v * mul;
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
