#include "cli/cmd.h"

#include <map>

#include "net/core/dev.h"

namespace linuxnet {

static std::map<std::string, CmdFn>& Table() {
  static std::map<std::string, CmdFn> t;
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
  LinkwatchRunQueue();
  return rc;
}

static std::vector<std::unique_ptr<Job>>& Jobs() {
  static std::vector<std::unique_ptr<Job>> j;
  return j;
}

void AddJob(std::unique_ptr<Job> job) { Jobs().push_back(std::move(job)); }

size_t RunningJobs() {
  size_t n = 0;
  for (auto& j : Jobs()) n += !j->Done();
  return n;
}

void ClearJobs() {
  for (auto& j : Jobs())
    if (!j->Done()) j->Kill();
  Jobs().clear();
}

}  // namespace linuxnet
