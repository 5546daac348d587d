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

int CmdTrue(CmdCtx&, const std::vector<std::string>&) { return 0; }
int CmdFalse(CmdCtx&, const std::vector<std::string>&) { return 1; }

struct Registrar {
  Registrar() {
    RegisterCommand("sleep", &CmdSleep);
    RegisterCommand("echo", &CmdEcho);
    RegisterCommand("true", &CmdTrue);
    RegisterCommand("false", &CmdFalse);
  }
} registrar;

}  // namespace
}  // namespace linuxnet
