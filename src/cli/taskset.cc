// taskset(1) from util-linux 2.38.1: `taskset [-c] MASK|LIST COMMAND [ARG...]` runs COMMAND with
// its process's CPU affinity set (sched_setaffinity), which the simulated CPU a process runs on
// follows (ping's process CPU; inherited through `ip netns exec`). `-p PID` asks about a running
// process: the runner has no process table, so every pid is one that does not exist.
#include <cctype>
#include <cstdlib>
#include <string>
#include <vector>

#include "cli/cmd.h"
#include "net/core/net_namespace.h"
#include "sim/host.h"

namespace linuxnet {
namespace {

const char* kBadUsage = "taskset: bad usage\nTry 'taskset --help' for more information.\n";

// cpulist_parse: "0-3,8,10-14:2"; false on anything else
bool ParseCpuList(const std::string& s, std::vector<bool>* set) {
  size_t i = 0;
  if (s.empty()) return false;
  while (i <= s.size()) {
    auto num = [&](unsigned long* v) {
      if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) return false;
      char* end;
      *v = std::strtoul(s.c_str() + i, &end, 10);
      i = static_cast<size_t>(end - s.c_str());
      return *v < (1ul << 20);
    };
    unsigned long a, b, stride = 1;
    if (!num(&a)) return false;
    b = a;
    if (i < s.size() && s[i] == '-') {
      i++;
      if (!num(&b) || b < a) return false;
      if (i < s.size() && s[i] == ':') {
        i++;
        if (!num(&stride) || stride == 0) return false;
      }
    }
    for (unsigned long c = a; c <= b; c += stride) {
      if (set->size() <= c) set->resize(c + 1, false);
      (*set)[c] = true;
    }
    if (i == s.size()) return true;
    if (s[i] != ',') return false;
    i++;
  }
  return false;
}

// cpumask_parse: hexadecimal, optionally 0x-prefixed, the lowest CPU in the last digit; commas
// (between 32-bit groups) are skipped, and nothing at all is the empty mask
bool ParseCpuMask(std::string s, std::vector<bool>* set) {
  if (s.size() > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) s = s.substr(2);
  size_t bit = 0;
  for (size_t k = s.size(); k-- > 0;) {
    char ch = static_cast<char>(std::tolower(static_cast<unsigned char>(s[k])));
    if (ch == ',') continue;
    int v;
    if (ch >= '0' && ch <= '9') v = ch - '0';
    else if (ch >= 'a' && ch <= 'f') v = ch - 'a' + 10;
    else return false;
    for (int j = 0; j < 4; j++, bit++)
      if (v >> j & 1) {
        if (set->size() <= bit) set->resize(bit + 1, false);
        (*set)[bit] = true;
      }
  }
  return true;
}

int CmdTaskset(CmdCtx& ctx, const std::vector<std::string>& argv) {
  bool list = false, pid_mode = false;
  size_t i = 1;
  for (; i < argv.size() && argv[i].size() > 1 && argv[i][0] == '-'; i++) {
    const std::string& a = argv[i];
    if (a == "--") {
      i++;
      break;
    }
    if (a == "--cpu-list") list = true;
    else if (a == "--pid") pid_mode = true;
    else if (a == "--all-tasks") continue;
    else if (a == "--version") {
      ctx.Out("taskset from util-linux 2.38.1\n");
      return 0;
    } else if (a[1] != '-') {
      for (size_t k = 1; k < a.size(); k++) {
        if (a[k] == 'c') list = true;
        else if (a[k] == 'p') pid_mode = true;
        else if (a[k] == 'a') continue;
        else if (a[k] == 'V') {
          ctx.Out("taskset from util-linux 2.38.1\n");
          return 0;
        } else {
          ctx.Err(std::string("taskset: invalid option -- '") + a[k] + "'\n" +
                  "Try 'taskset --help' for more information.\n");
          return 1;
        }
      }
    } else {
      ctx.Err("taskset: unrecognized option '" + a + "'\nTry 'taskset --help' for more information.\n");
      return 1;
    }
  }
  std::vector<std::string> rest(argv.begin() + static_cast<long>(i), argv.end());
  if (pid_mode) {
    if (rest.empty() || rest.size() > 2) {
      ctx.Err(kBadUsage);
      return 1;
    }
    // sched_getaffinity of a pid that is not running
    ctx.Err("taskset: failed to get pid " + rest.back() + "'s affinity: No such process\n");
    return 1;
  }
  if (rest.size() < 2) {
    ctx.Err(kBadUsage);
    return 1;
  }
  std::vector<bool> set;
  if (list ? !ParseCpuList(rest[0], &set) : !ParseCpuMask(rest[0], &set)) {
    ctx.Err(std::string("taskset: failed to parse CPU ") + (list ? "list" : "mask") + ": " + rest[0] + "\n");
    return 1;
  }
  // sched_setaffinity keeps the CPUs that exist; none of them is EINVAL
  int ncpus = ctx.net->host->ncpus();
  set.resize(static_cast<size_t>(ncpus), false);
  bool any = false;
  for (int c = 0; c < ncpus; c++) any = any || set[c];
  if (!any) {
    ctx.Err("taskset: failed to set pid " + std::to_string(ctx.user->NextPid()) + "'s affinity: Invalid argument\n");
    return 1;
  }
  std::vector<std::string> sub(rest.begin() + 1, rest.end());
  if (!FindCommand(sub[0])) {
    ctx.user->NextPid();  // the process that could not exec
    ctx.Err("taskset: failed to execute " + sub[0] + ": No such file or directory\n");
    return 127;
  }
  std::vector<bool> saved = ctx.cpus_allowed;
  ctx.cpus_allowed = set;
  int rc = RunCommand(ctx, sub);
  ctx.cpus_allowed = saved;
  return rc;
}

struct Registrar {
  Registrar() { RegisterCommand("taskset", &CmdTaskset); }
} registrar;

}  // namespace
}  // namespace linuxnet
