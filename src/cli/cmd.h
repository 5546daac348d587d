// In-process user-space tools. Each tool is a function taking argv and a context holding the
// namespace it runs in (what `ip netns exec` or `ip -n` chose), its stdin (a here-document) and
// its output streams. It returns the tool's exit status, as the real tool would.
#pragma once
#include <string>
#include <vector>

namespace linuxnet {

class World;
class NetNs;

struct CmdCtx {
  World* world = nullptr;
  NetNs* net = nullptr;    // the namespace the command runs in
  std::string in;          // standard input
  std::string out;         // standard output
  std::string err;         // standard error
  void Out(const std::string& s) { out += s; }
  void Err(const std::string& s) { err += s; }
  // What `cmd 2>&1 | ...` shows: stderr is unbuffered and stdout, a pipe, is flushed at exit,
  // so a C tool's error lines come before its output
  std::string Transcript() const { return err + out; }
};

using CmdFn = int (*)(CmdCtx& ctx, const std::vector<std::string>& argv);

// The command table: argv[0] → tool. Tools register from their own files.
void RegisterCommand(const char* name, CmdFn fn);
CmdFn FindCommand(const std::string& name);
// Runs argv in ctx: finds the tool, runs it, then lets deferred kernel work run (linkwatch).
// An unknown command gives bash's "NAME: command not found" and status 127.
int RunCommand(CmdCtx& ctx, const std::vector<std::string>& argv);

}  // namespace linuxnet
