#include "scenario/script.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <sstream>

#include "cli/cmd.h"
#include "ns3/simulator.h"
#include "net/core/net_namespace.h"
#include "sim/cost_table.h"
#include "sim/host.h"
#include "world/world.h"

namespace linuxnet {

// `#@ host [NAME] [cpus=N]`: true if the line is one, with its NAME ("" if none) and N (0 if none)
static bool HostDirective(const std::string& line, std::string* name, long* cpus) {
  if (line.compare(0, 2, "#@") != 0) return false;
  std::stringstream ws(line.substr(2));
  std::string what, w;
  ws >> what;
  if (what != "host") return false;
  name->clear();
  if (cpus) *cpus = 0;
  while (ws >> w) {
    if (w.compare(0, 5, "cpus=") == 0) {
      char* end = nullptr;
      long n = std::strtol(w.c_str() + 5, &end, 10);
      if (cpus) *cpus = (w.size() > 5 && !*end && n >= 1 && n <= 4096) ? n : -1;
    } else if (name->empty()) {
      *name = w;
    } else if (cpus) {
      *cpus = -2;  // a stray word
    }
  }
  return true;
}

std::vector<ScriptCommand> SplitCommands(const std::string& script) {
  std::vector<std::string> lines;
  std::stringstream ss(script);
  std::string l;
  while (std::getline(ss, l)) lines.push_back(l);
  std::vector<ScriptCommand> cmds;
  static const std::regex heredoc_re("<<-?\\s*['\"]?(\\w+)['\"]?");
  size_t i = 0;
  std::string host;
  while (i < lines.size()) {
    std::string line = lines[i++];
    while (!line.empty() && line.back() == '\\' && i < lines.size()) {
      line.pop_back();
      line += lines[i++];
    }
    size_t first = line.find_first_not_of(" \t");
    if (first == std::string::npos) continue;
    if (line[first] == '#') {
      std::string name;
      if (HostDirective(line.substr(first), &name, nullptr) && !name.empty()) host = name;
      continue;
    }
    ScriptCommand c;
    c.text = line;
    c.host = host;
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
  Redirections r;
  return ParseCommandLine(line, argv, &r, error);
}

namespace {
// The body of $'...' from `i` (after the opening quote), its escapes decoded as bash does
// (\a \b \e \f \n \r \t \v \\ \' \" \? \NNN octal, \xHH hex), appended to `out`; returns the
// index of the closing quote, or npos
size_t AnsiCQuoted(const std::string& line, size_t i, std::string* out) {
  auto digit = [](char ch, int base) {
    if (ch >= '0' && ch <= '9') return ch - '0' < base ? ch - '0' : -1;
    const int lower = std::tolower(static_cast<unsigned char>(ch));
    return base == 16 && lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
  };
  while (i < line.size() && line[i] != '\'') {
    if (line[i] != '\\' || i + 1 >= line.size()) {
      *out += line[i++];
      continue;
    }
    char e = line[i + 1];
    i += 2;
    const std::string simple = "abefnrtv\\'\"?E";
    const std::string value = "\a\b\x1b\f\n\r\t\v\\'\"?\x1b";
    size_t k = simple.find(e);
    if (k != std::string::npos) {
      *out += value[k];
    } else if (e >= '0' && e <= '7') {
      int v = e - '0';
      for (int n = 1; n < 3 && i < line.size() && digit(line[i], 8) >= 0; n++) v = v * 8 + digit(line[i++], 8);
      *out += static_cast<char>(v);
    } else if (e == 'x' && i < line.size() && digit(line[i], 16) >= 0) {
      int v = 0;
      for (int n = 0; n < 2 && i < line.size() && digit(line[i], 16) >= 0; n++) v = v * 16 + digit(line[i++], 16);
      *out += static_cast<char>(v);
    } else {
      *out += '\\';
      *out += e;
    }
  }
  return i < line.size() ? i : std::string::npos;
}
}  // namespace

bool ParseCommandLine(const std::string& line, std::vector<std::string>* argv, Redirections* redir,
                      std::string* error) {
  argv->clear();
  redir->ops.clear();
  redir->background = false;
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
    } else if (c == ';' || c == '`' || (c == '$' && i + 1 < line.size() && line[i + 1] == '(') ||
               (c == '&' && i + 1 < line.size() && line[i + 1] == '&')) {
      // pipelines, command lists and substitutions are not modelled: say so instead of running
      // something else than the script asks
      *error = std::string("linuxnet: unsupported shell syntax `") + (c == '$' ? "$(" : c == '&' ? "&&" : std::string(1, c)) +
               "' (command lists and substitutions are not modelled yet)";
      return false;
    } else if (c == '$' && i + 1 < line.size() && line[i + 1] == '\'') {
      // bash's ANSI-C quoting $'...'
      size_t e = AnsiCQuoted(line, i + 2, &cur);
      if (e == std::string::npos) {
        *error = "unexpected EOF while looking for matching `''";
        return false;
      }
      have = true;
      i = e + 1;
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
    } else if (c == '&' && !(i + 1 < line.size() && line[i + 1] == '>')) {
      // a trailing `&`: the command runs in the background
      if (have) argv->push_back(cur);
      cur.clear();
      have = false;
      redir->background = true;
      i++;
    } else if (c == '>' || (c == '&' && line[i + 1] == '>') ||
               (c == '<' && !(i + 1 < line.size() && line[i + 1] == '<'))) {
      Redirections::Op op;
      bool both = false;
      if (c == '<') {
        op.fd = 0;
        i++;
      } else if (c == '&') {
        both = true;
        i += 2;
      } else {
        if (have && !cur.empty() && cur.find_first_not_of("0123456789") == std::string::npos) {
          op.fd = std::atoi(cur.c_str());
          cur.clear();
          have = false;
        }
        i++;
        if (i < line.size() && line[i] == '>') {
          op.append = true;
          i++;
        }
      }
      if (have) argv->push_back(cur);
      cur.clear();
      have = false;
      if (c == '>' && i < line.size() && line[i] == '&') {
        op.path = "&";
        i++;
      }
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) i++;
      std::string target;
      while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '&' && line[i] != ';') target += line[i++];
      if (target.empty()) {
        *error = "syntax error near unexpected token `newline'";
        return false;
      }
      op.path += target;
      if (both) {
        op.fd = 1;
        redir->ops.push_back(op);
        op.fd = 2;
        op.path = "&1";
      }
      redir->ops.push_back(op);
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

namespace {

// Where a stream goes: the transcript, nowhere, or a script file
struct Sink {
  enum Kind { TERMINAL, DEVNULL, FILE } kind = TERMINAL;
  std::string path;
};

Sink SinkFor(Userland* user, const std::string& path, bool append) {
  Sink s;
  if (path == "/dev/null") {
    s.kind = Sink::DEVNULL;
  } else {
    s.kind = Sink::FILE;
    s.path = path;
    std::string* f = user->File(path, true);
    if (!append) f->clear();  // `>` truncates when the shell opens the file
  }
  return s;
}

void Write(Userland* user, const Sink& s, const std::string& text, std::ostream& out) {
  if (text.empty()) return;
  if (s.kind == Sink::TERMINAL) {
    out << text;
    out.flush();
  } else if (s.kind == Sink::FILE) {
    *user->File(s.path, true) += text;
  }
}

}  // namespace

namespace {

// tc's get_rate: a number and a unit (bit, kbit, mbit, gbit, tbit; bps, kbps ... in bytes; the
// SI prefix alone means bits), as `rate=` takes it
bool ParseRate(const std::string& s, uint64_t* bps) {
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || !(v > 0)) return false;
  std::string u(end);
  for (char& c : u) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  static const std::pair<const char*, double> units[] = {
      {"bit", 1}, {"kbit", 1e3}, {"mbit", 1e6}, {"gbit", 1e9}, {"tbit", 1e12}, {"k", 1e3}, {"m", 1e6},
      {"g", 1e9}, {"t", 1e12}, {"bps", 8}, {"kbps", 8e3}, {"mbps", 8e6}, {"gbps", 8e9}, {"tbps", 8e12}};
  for (auto& p : units)
    if (u == p.first) {
      double r = v * p.second;
      if (r < 1 || r > 1e15) return false;
      *bps = static_cast<uint64_t>(r + 0.5);
      return true;
    }
  return false;
}

// a time as tc writes it: s, ms, us, ns (a bare number is seconds)
bool ParseTimePs(const std::string& s, int64_t* ps) {
  char* end = nullptr;
  double v = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || v < 0) return false;
  std::string u(end);
  double scale = u.empty() || u == "s" || u == "sec" ? 1e12 : u == "ms" || u == "msec" ? 1e9
               : u == "us" || u == "usec" ? 1e6 : u == "ns" || u == "nsec" ? 1e3 : -1;
  if (scale < 0 || v * scale > 3.6e15) return false;
  *ps = static_cast<int64_t>(v * scale + 0.5);
  return true;
}

// HOST:DEV
bool SplitEnd(const std::string& s, std::string* host, std::string* dev) {
  size_t c = s.find(':');
  if (c == std::string::npos || c == 0 || c + 1 == s.size()) return false;
  *host = s.substr(0, c);
  *dev = s.substr(c + 1);
  return true;
}

}  // namespace

std::string ApplyDirectives(World* world, const std::string& script) {
  std::stringstream ss(script);
  std::string l;
  std::string error;
  Host* host = world->default_host();
  bool named_first = false, command_seen = false;
  // a machine by name: the first name a script gives, before any command, is the first machine's
  // (unless it names that machine as it is); later new names are new machines
  auto host_named = [&](const std::string& name) {
    bool first = !named_first && !command_seen;
    named_first = true;
    if (Host* h = world->FindHost(name)) return h;
    if (first) {
      world->default_host()->SetName(name);
      return world->default_host();
    }
    return world->AddHost(name);
  };
  while (std::getline(ss, l)) {
    size_t first = l.find_first_not_of(" \t");
    if (first == std::string::npos) continue;
    if (l[first] != '#') {
      command_seen = true;
      continue;
    }
    if (l.compare(first, 2, "#@") != 0) continue;
    std::stringstream ws(l.substr(first + 2));
    std::string what, arg;
    ws >> what >> arg;
    std::string bad;
    std::string name;
    long cpus = 0;
    if (what == "kconfig" && (arg == "CONFIG_BRIDGE_VLAN_FILTERING=y" || arg == "CONFIG_BRIDGE_VLAN_FILTERING=n")) {
      host->kconfig_bridge_vlan_filtering = arg.back() == 'y';
    } else if (HostDirective(l.substr(first), &name, &cpus)) {
      // `#@ host [NAME] [cpus=N]`: the machine the commands below run on, and its CPU count
      // (before anything runs on it)
      if (cpus < 0) {
        bad = cpus == -1 ? "cpus must be 1 to 4096: " + l.substr(first) : "bad host directive: " + l.substr(first);
      } else if (!name.empty() && (name.find(':') != std::string::npos || name.find('=') != std::string::npos)) {
        bad = "bad host name: " + l.substr(first);
      } else {
        if (!name.empty()) host = host_named(name);
        if (cpus > 0) host->SetCpus(static_cast<int>(cpus));
      }
    } else if (what == "wire") {
      // `#@ wire A:DEV1 B:DEV2 rate=R delay=D [loss=P%]`
      std::string second, w, ha, da, hb, db;
      ws >> second;
      uint64_t rate = 0;
      int64_t delay = -1;
      double loss = 0;
      bool ok = SplitEnd(arg, &ha, &da) && SplitEnd(second, &hb, &db);
      while (ok && ws >> w) {
        if (w.compare(0, 5, "rate=") == 0) ok = ParseRate(w.substr(5), &rate);
        else if (w.compare(0, 6, "delay=") == 0) ok = ParseTimePs(w.substr(6), &delay);
        else if (w.compare(0, 5, "loss=") == 0) {
          std::string v = w.substr(5);
          bool pct = !v.empty() && v.back() == '%';
          if (pct) v.pop_back();
          char* end = nullptr;
          loss = std::strtod(v.c_str(), &end);
          ok = !v.empty() && !*end && loss >= 0 && loss <= (pct ? 100 : 1);
          if (pct) loss /= 100;
        } else {
          ok = false;
        }
      }
      if (!ok || rate == 0 || delay < 0) {
        bad = "usage: #@ wire HOST:DEV HOST:DEV rate=RATE delay=TIME [loss=P%]: " + l.substr(first);
      } else {
        std::string err;
        Host* a = host_named(ha);
        Host* b = host_named(hb);
        if (!world->AddWire(a, da, b, db, rate, delay, loss, &err)) bad = err + ": " + l.substr(first);
      }
    } else if (what == "costs" && !arg.empty()) {
      // `#@ costs FILE`: the machine's cost table (sim/cost_table.h), FILE relative to the current directory
      std::ifstream f(arg);
      std::string err;
      if (!f) bad = "cannot open cost table " + arg;
      else if (!LoadCostTable(host, f, arg, &err)) bad = err;
    } else if (error.empty()) {
      error = "unknown simulator directive: " + l.substr(first);
    }
    if (!bad.empty() && error.empty()) error = bad;
  }
  return error;
}

// Splits a command line at its unquoted `|` (a pipeline); `||` is left to the tokenizer, which refuses it
static std::vector<std::string> SplitPipeline(const std::string& line, std::string* error) {
  std::vector<std::string> parts;
  std::string cur;
  char quote = 0;
  for (size_t i = 0; i < line.size(); i++) {
    char c = line[i];
    if (quote) {
      if (c == quote) quote = 0;
      else if (c == '\\' && quote == '"' && i + 1 < line.size()) cur += line[i++];
      cur += c;
      continue;
    }
    if (c == '\'' || c == '"') quote = c;
    if (c == '\\' && i + 1 < line.size()) {
      cur += c;
      cur += line[++i];
      continue;
    }
    if (c == '#' && (cur.empty() || cur.back() == ' ')) break;
    if (c == '|') {
      if (i + 1 < line.size() && line[i + 1] == '|') {
        *error = "linuxnet: unsupported shell syntax `||' (command lists and substitutions are not modelled yet)";
        return {};
      }
      parts.push_back(cur);
      cur.clear();
      continue;
    }
    cur += c;
  }
  parts.push_back(cur);
  return parts;
}

// A pipeline: each command's stdout is the next one's stdin; every stderr reaches the transcript;
// the status is the last command's (bash without pipefail)
static int RunPipeline(World* world, const ScriptCommand& c, const std::vector<std::string>& parts, CmdCtx* top) {
  std::string data = c.heredoc;
  int rc = 0;
  for (size_t k = 0; k < parts.size(); k++) {
    std::vector<std::string> argv;
    Redirections redir;
    std::string error;
    CmdCtx ctx;
    ctx.user = top->user;
    ctx.net = top->net;
    ctx.in = data;
    bool parsed = ParseCommandLine(parts[k], &argv, &redir, &error);
    // `2>&1` (the command's stderr into the pipe) is the one redirection modelled here
    bool err_to_pipe = redir.ops.size() == 1 && redir.ops[0].fd == 2 && redir.ops[0].path == "&1";
    if (!parsed || redir.background || !(redir.ops.empty() || err_to_pipe) || argv.empty()) {
      top->Err(error.empty() ? "linuxnet: redirections and & inside a pipeline are not modelled yet\n"
                             : (error.compare(0, 9, "linuxnet:") == 0 ? error : "bash: -c: line 1: " + error) + "\n");
      return 2;
    }
    rc = RunCommand(ctx, argv);
    if (err_to_pipe) {
      data = ctx.Transcript();  // stderr unbuffered, stdout flushed at exit
    } else {
      top->err += ctx.err;
      data = ctx.out;
    }
  }
  top->out += data;
  return rc;
}

int RunScript(World* world, const std::string& script, bool echo, std::ostream& out) {
  world->Enter();
  int failed = 0;
  std::string directive_error = ApplyDirectives(world, script);
  if (!directive_error.empty()) std::cerr << "linuxnet: " << directive_error << "\n";
  for (const ScriptCommand& c : SplitCommands(script)) {
    // starting a real tool (fork, exec, netlink) takes about a millisecond: virtual time moves
    // on by that much before each command, so timers and remaining timeouts read as they do
    ns3::Simulator::Stop(ns3::MilliSeconds(1));
    ns3::Simulator::Run();
    if (echo) out << "+ " << c.text << "\n";
    std::vector<std::string> argv;
    Redirections redir;
    std::string error;
    // the command's machine: its user space and initial namespace
    Host* host = c.host.empty() ? nullptr : world->FindHost(c.host);
    Userland* user = world->userland(host);
    CmdCtx ctx;
    ctx.user = user;
    ctx.net = host ? host->init_net : world->init_net();
    ctx.in = c.heredoc;
    int rc;
    std::vector<std::string> pipeline = SplitPipeline(c.text, &error);
    if (pipeline.size() > 1) {
      rc = RunPipeline(world, c, pipeline, &ctx);
    } else if (!error.empty() || !ParseCommandLine(c.text, &argv, &redir, &error)) {
      ctx.Err((error.compare(0, 9, "linuxnet:") == 0 ? error : "bash: -c: line 1: " + error) + "\n");
      rc = 2;
    } else {
      Sink o, e;
      for (const Redirections::Op& op : redir.ops) {
        if (op.fd == 0) {
          const std::string* f = op.path == "/dev/null" ? nullptr : user->File(op.path, false);
          ctx.in = f ? *f : "";
          continue;
        }
        Sink& s = op.fd == 2 ? e : o;
        if (op.path == "&1") s = o;
        else if (op.path == "&2") s = e;
        else s = SinkFor(user, op.path, op.append);
      }
      if (redir.background) {
        // bash -c 'cmd &' returns at once; the job writes where its redirections point, and a
        // background job's stdin is /dev/null unless redirected
        if (!c.has_heredoc && std::none_of(redir.ops.begin(), redir.ops.end(),
                                           [](const Redirections::Op& op) { return op.fd == 0; }))
          ctx.in.clear();
        ctx.background = true;
        std::ostream* os = &out;
        ctx.async_out = [user, o, e, os](const std::string& text, bool is_err) { Write(user, is_err ? e : o, text, *os); };
        RunCommand(ctx, argv);
        Write(user, e, ctx.err, out);
        Write(user, o, ctx.out, out);
        rc = 0;
      } else {
        rc = RunCommand(ctx, argv);
        // stderr is unbuffered, stdout (a pipe) is flushed at exit: errors come first
        Write(user, e, ctx.err, out);
        Write(user, o, ctx.out, out);
      }
      ctx.err.clear();
      ctx.out.clear();
    }
    out << ctx.Transcript();
    out.flush();
    if (rc != 0) {
      failed++;
      if (echo) out << "! exit " << rc << "\n";
    }
  }
  // real-run's pipe stays open while a background job holds it: let the jobs finish in virtual
  // time (up to an hour), then kill what is left
  for (int i = 0; i < 3600 && world->RunningJobs(); i++) {
    ns3::Simulator::Stop(ns3::Seconds(1));
    ns3::Simulator::Run();
  }
  world->ClearJobs();
  return failed;
}

}  // namespace linuxnet
