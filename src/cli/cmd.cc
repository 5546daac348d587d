#include "cli/cmd.h"

#include <map>

#include "net/core/dev.h"

namespace linuxnet {

static std::map<std::string, CmdFn>& Table() {
  static std::map<std::string, CmdFn> t;  // filled by the tools' static registrars, then read-only
  return t;
}

void RegisterCommand(const char* name, CmdFn fn) { Table()[name] = fn; }

CmdFn FindCommand(const std::string& name) {
  auto it = Table().find(name);
  return it == Table().end() ? nullptr : it->second;
}

int RunCommand(CmdCtx& ctx, const std::vector<std::string>& argv) {
  if (argv.empty()) return 0;
  CmdFn fn = FindCommand(argv[0]);
  if (!fn) {
    ctx.Err("bash: line 1: " + argv[0] + ": command not found\n");
    return 127;
  }
  int rc = fn(ctx, argv);
  LinkwatchRunQueue(ctx.user->host());
  return rc;
}

}  // namespace linuxnet
