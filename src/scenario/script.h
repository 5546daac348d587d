// The scenario language (DESIGN.md): shell-like lines, `\` continuations, here-documents, `#`
// comments, `#@` simulator directives. Commands run in virtual time on a World.
#pragma once
#include <ostream>
#include <string>
#include <vector>

namespace linuxnet {

class World;

struct ScriptCommand {
  std::string text;       // the command line (continuations joined)
  std::string heredoc;    // stdin from <<WORD ... WORD, if any
  bool has_heredoc = false;
  std::string host;       // the machine it runs on (the last `#@ host NAME` above it; "" the first)
};

// as shared/oracle/bin/split-commands does
std::vector<ScriptCommand> SplitCommands(const std::string& script);
// What a command line does besides its words: a trailing `&`, and redirections in the order
// written (`>FILE`, `>>FILE`, `2>FILE`, `2>&1`, `>&2`, `&>FILE`, `<FILE`)
struct Redirections {
  struct Op {
    int fd = 1;             // 1 or 2 (0: stdin from `path`)
    std::string path;       // a file, or "&1"/"&2" (duplicate)
    bool append = false;
  };
  std::vector<Op> ops;
  bool background = false;
};

// shell word splitting with quotes and backslashes; drops the <<WORD redirection
bool Tokenize(const std::string& line, std::vector<std::string>* argv, std::string* error);
// the same, collecting redirections and `&` instead of dropping them
bool ParseCommandLine(const std::string& line, std::vector<std::string>* argv, Redirections* redir,
                      std::string* error);

// The script's `#@` simulator directives (a comment for bash, so the script still runs on a real
// machine), applied in order before the first command:
//   #@ host NAME [cpus=N]   the commands below run on machine NAME (as after `ssh NAME`),
//                           created on first mention; before any command, the first machine
//                           takes the name. `#@ host cpus=N` sets the current machine's CPUs.
//   #@ wire A:DEV1 B:DEV2 rate=RATE delay=TIME [loss=P%]   an e1000 DEV1 on A and DEV2 on B
//                           (created if new), joined by a full-duplex wire; RATE as tc writes
//                           it (10Gbit, 100mbit, 1000000bit), TIME (5us, 1ms, 20ns), P a percentage
//   #@ costs FILE           the current machine's cost table
//   #@ kconfig CONFIG_BRIDGE_VLAN_FILTERING=y|n
// Returns an error message for a directive it does not know or cannot apply, or "".
std::string ApplyDirectives(World* world, const std::string& script);

// Runs every command; with `echo`, prints "+ LINE" before and "! exit N" after a failure, as
// real-run does. Returns the number of failed commands.
int RunScript(World* world, const std::string& script, bool echo, std::ostream& out);

}  // namespace linuxnet
