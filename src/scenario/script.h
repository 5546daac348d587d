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
};

// as shared/oracle/bin/split-commands does
std::vector<ScriptCommand> SplitCommands(const std::string& script);
// shell word splitting with quotes and backslashes; drops the <<WORD redirection
bool Tokenize(const std::string& line, std::vector<std::string>* argv, std::string* error);

// Runs every command; with `echo`, prints "+ LINE" before and "! exit N" after a failure, as
// real-run does. Returns the number of failed commands.
int RunScript(World* world, const std::string& script, bool echo, std::ostream& out);

}  // namespace linuxnet
