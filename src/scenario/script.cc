#include "scenario/script.h"

#include <regex>
#include <sstream>

#include "cli/cmd.h"
#include "ns3/simulator.h"
#include "sim/world.h"

namespace linuxnet {

std::vector<ScriptCommand> SplitCommands(const std::string& script) {
  std::vector<std::string> lines;
  std::stringstream ss(script);
  std::string l;
  while (std::getline(ss, l)) lines.push_back(l);
  std::vector<ScriptCommand> cmds;
  static const std::regex heredoc_re("<<-?\\s*['\"]?(\\w+)['\"]?");
  size_t i = 0;
  while (i < lines.size()) {
    std::string line = lines[i++];
    while (!line.empty() && line.back() == '\\' && i < lines.size()) {
      line.pop_back();
      line += lines[i++];
    }
    size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    ScriptCommand c;
    c.text = line;
    std::smatch m;
    if (std::regex_search(line, m, heredoc_re)) {
      std::string word = m[1];
      c.has_heredoc = true;
      while (i < lines.size()) {
        std::string b = lines[i];
        size_t s = b.find_first_not_of(" \t"), e = b.find_last_not_of(" \t");
        if (s != std::string::npos && b.substr(s, e - s + 1) == word) break;
        if (s == std::string::npos && word.empty()) break;
        c.heredoc += b + "\n";
        i++;
      }
      i++;
    }
    cmds.push_back(c);
  }
  return cmds;
}

bool Tokenize(const std::string& line, std::vector<std::string>* argv, std::string* error) {
  argv->clear();
  std::string cur;
  bool have = false;
  size_t i = 0;
  while (i < line.size()) {
    char c = line[i];
    if (c == ' ' || c == '\t') {
      if (have) argv->push_back(cur);
      cur.clear();
      have = false;
      i++;
    } else if (c == '#' && !have) {
      break;
    } else if (c == '\'') {
      size_t e = line.find('\'', i + 1);
      if (e == std::string::npos) {
        *error = "unexpected EOF while looking for matching `''";
        return false;
      }
      cur += line.substr(i + 1, e - i - 1);
      have = true;
      i = e + 1;
    } else if (c == '"') {
      i++;
      while (i < line.size() && line[i] != '"') {
        if (line[i] == '\\' && i + 1 < line.size() && std::string("\"\\$`").find(line[i + 1]) != std::string::npos) i++;
        cur += line[i++];
      }
      if (i >= line.size()) {
        *error = "unexpected EOF while looking for matching `\"'";
        return false;
      }
      i++;
      have = true;
    } else if (c == '\\' && i + 1 < line.size()) {
      cur += line[i + 1];
      have = true;
      i += 2;
    } else if (c == '<' && i + 1 < line.size() && line[i + 1] == '<') {
      // here-document redirection: the body arrives as stdin
      if (have) argv->push_back(cur);
      cur.clear();
      have = false;
      i += 2;
      if (i < line.size() && line[i] == '-') i++;
      while (i < line.size() && (line[i] == ' ')) i++;
      while (i < line.size() && line[i] != ' ' && line[i] != '\t') i++;
    } else {
      cur += c;
      have = true;
      i++;
    }
  }
  if (have) argv->push_back(cur);
  return true;
}

int RunScript(World* world, const std::string& script, bool echo, std::ostream& out) {
  int failed = 0;
  for (const ScriptCommand& c : SplitCommands(script)) {
    // starting a real tool (fork, exec, netlink) takes about a millisecond: virtual time moves
    // on by that much before each command, so timers and remaining timeouts read as they do
    ns3::Simulator::Stop(ns3::MilliSeconds(1));
    ns3::Simulator::Run();
    if (echo) out << "+ " << c.text << "\n";
    std::vector<std::string> argv;
    std::string error;
    CmdCtx ctx;
    ctx.world = world;
    ctx.net = world->init_net();
    ctx.in = c.heredoc;
    int rc;
    if (!Tokenize(c.text, &argv, &error)) {
      ctx.Err("bash: -c: line 1: " + error + "\n");
      rc = 2;
    } else {
      rc = RunCommand(ctx, argv);
    }
    out << ctx.Transcript();
    out.flush();
    if (rc != 0) {
      failed++;
      if (echo) out << "! exit " << rc << "\n";
    }
  }
  return failed;
}

}  // namespace linuxnet
