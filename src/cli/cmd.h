// In-process user-space tools. Each tool is a function taking argv and a context holding the
// namespace it runs in (what `ip netns exec` or `ip -n` chose), its stdin (a here-document) and
// its output streams. It returns the tool's exit status, as the real tool would.
#pragma once
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cli/userland.h"

namespace linuxnet {

class NetNs;

struct CmdCtx {
  Userland* user = nullptr;  // the machine's user space (/run/netns, files, jobs)
  NetNs* net = nullptr;    // the namespace the command runs in
  std::string in;          // standard input
  std::string out;         // standard output
  std::string err;         // standard error
  // `cmd &`: the tool starts what it does and returns at once; what it prints later goes to
  // `async_out` (stdout, or stderr when `err`), which the runner routes as the redirections say
  bool background = false;
  std::function<void(const std::string& s, bool err)> async_out;
  // `timeout SECS cmd`: a tool that runs in virtual time is killed (SIGTERM) after this long
  double kill_after = 0;
  // `taskset -c LIST cmd`: the CPUs the command's process may run on (`cpus_allowed[i]` for CPU
  // i; empty: all), inherited by what it runs (`ip netns exec`)
  std::vector<bool> cpus_allowed;
  void Out(const std::string& s) { out += s; }
  void Err(const std::string& s) { err += s; }
  // What `cmd 2>&1 | ...` shows: stderr is unbuffered and stdout, a pipe, is flushed at exit,
  // so a C tool's error lines come before its output
  std::string Transcript() const { return err + out; }
};

// Where a process that a command started (nc, iperf3) writes: into the command's own streams
// while it runs in the foreground, through the runner's async_out (the job's redirections) when it
// runs in the background or after the command returned
struct ProcessOutput {
  CmdCtx* ctx = nullptr;  // the foreground command's context (null once it returned)
  std::function<void(const std::string& s, bool err)> async_out;
  bool background = false;
  void Attach(CmdCtx& c, bool in_background) {
    background = in_background;
    async_out = c.async_out;
    ctx = background ? nullptr : &c;
  }
  void Detach() { ctx = nullptr; }
  void Write(const std::string& s, bool err) const {
    if (background) {
      if (async_out) async_out(s, err);
    } else if (ctx) {
      (err ? ctx->err : ctx->out) += s;
    }
  }
};

using CmdFn = int (*)(CmdCtx& ctx, const std::vector<std::string>& argv);

// The command table: argv[0] → tool. Tools register from their own files.
void RegisterCommand(const char* name, CmdFn fn);
CmdFn FindCommand(const std::string& name);
// Runs argv in ctx: finds the tool, runs it, then lets deferred kernel work run (linkwatch).
// An unknown command gives bash's "NAME: command not found" and status 127.
int RunCommand(CmdCtx& ctx, const std::vector<std::string>& argv);

}  // namespace linuxnet
