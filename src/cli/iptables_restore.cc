// iptables-restore (iptables/iptables-restore.c, legacy): reads a dump from stdin; each table is
// edited in one handle and replaced at its COMMIT line, so a table whose lines fail is not touched.
#include <cerrno>
#include <cstring>

#include "cli/iptables_lib.h"
#include "net/core/net_namespace.h"

namespace linuxnet {
namespace ipt {

// add_param_to_argv: whitespace-separated words, "..." and '...' quoting, \ escapes in quotes
static std::vector<std::string> SplitLine(const std::string& s) {
  std::vector<std::string> v;
  std::string cur;
  bool have = false, quoted = false, escaped = false;
  char q = 0;
  for (char c : s) {
    if (escaped) {
      cur += c;
      escaped = false;
      continue;
    }
    if (quoted) {
      if (c == '\\') escaped = true;
      else if (c == q) quoted = false;
      else cur += c;
      continue;
    }
    if (c == '"' || c == '\'') {
      quoted = true;
      q = c;
      have = true;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\n') {
      if (have) v.push_back(cur);
      cur.clear();
      have = false;
      continue;
    }
    cur += c;
    have = true;
  }
  if (have) v.push_back(cur);
  return v;
}

static bool ParseCounters(const std::string& s, XtCounters* c) {
  unsigned long long p, b;
  char tail;
  if (std::sscanf(s.c_str(), "[%llu:%llu]%c", &p, &b, &tail) != 3 || tail != 0) {
    if (std::sscanf(s.c_str(), "[%llu:%llu]", &p, &b) != 2) return false;
  }
  c->pcnt = p;
  c->bcnt = b;
  return true;
}

static int IptablesRestoreMain(CmdCtx& ctx, const std::vector<std::string>& argv) {
  const std::string prog = "iptables-restore";
  bool counters = false, noflush = false, testing = false, verbose = false;
  std::string only_table, file;
  for (size_t i = 1; i < argv.size(); i++) {
    const std::string& a = argv[i];
    if (a == "-c" || a == "--counters") counters = true;
    else if (a == "-n" || a == "--noflush") noflush = true;
    else if (a == "-t" || a == "--test") testing = true;
    else if (a == "-v" || a == "--verbose") verbose = true;
    else if (a == "-T" || a == "--table") {
      if (i + 1 < argv.size()) only_table = argv[++i];
    } else if (a.rfind("--table=", 0) == 0) only_table = a.substr(8);
    else if (a == "-w" || a == "-W" || a == "-M" || a == "--modprobe") {
      if (a == "-M" || a == "--modprobe") i++;
    } else if (a.size() > 1 && a[0] == '-' && a[1] != '-') {
      // clustered short flags (-cn)
      for (size_t k = 1; k < a.size(); k++) {
        if (a[k] == 'c') counters = true;
        else if (a[k] == 'n') noflush = true;
        else if (a[k] == 't') testing = true;
        else if (a[k] == 'v') verbose = true;
      }
    } else if (a[0] != '-') {
      file = a;  // the rules come from this file instead of standard input
    }
  }
  // fopen(file): a file the script wrote (`> FILE`), or /dev/stdin
  const std::string* input = &ctx.in;
  if (!file.empty() && file != "/dev/stdin") {
    input = ctx.user->File(file, false);
    if (!input) {
      ctx.Err("Can't open " + file + ": No such file or directory\n");
      return 1;
    }
  }

  auto perr = [&](const XtError& e, unsigned line) {
    std::string m = (e.noprefix ? std::string() : prog + " v" + kVersion + " (legacy): ") + e.msg + "\n";
    if (e.status == 2) {
      m += "Error occurred at line: " + std::to_string(line) + "\n";
      m += "Try `" + prog + " -h' or '" + prog + " --help' for more information.\n";
    }
    ctx.Err(m);
    return e.status;
  };

  std::unique_ptr<Handle> h;
  bool in_table = false;
  std::string curtable;
  unsigned line = 0;
  size_t p = 0;
  const std::string& in = *input;
  while (p < in.size()) {
    size_t q = in.find('\n', p);
    std::string buf = in.substr(p, q == std::string::npos ? std::string::npos : q - p);
    p = q == std::string::npos ? in.size() : q + 1;
    line++;
    bool ret = true;
    if (buf.empty()) continue;
    if (buf[0] == '#') {
      if (verbose) ctx.Out(buf + "\n");
      continue;
    }
    if (buf == "COMMIT" && in_table) {
      if (h && !testing) ret = IptcCommit(*h) == 0;
      h.reset();
      in_table = false;
    } else if (buf[0] == '*' && !in_table) {
      auto w = SplitLine(buf.substr(1));
      if (w.empty()) return perr(XtError{2, prog + ": line " + std::to_string(line) + " table name invalid"}, line);
      curtable = w[0];
      if (!only_table.empty() && only_table != curtable) {
        // skip this table up to its COMMIT
        h.reset();
        in_table = true;
        continue;
      }
      int err = 0;
      h = IptcInit(ctx.net, curtable, &err);
      if (!h) return perr(XtError{2, prog + ": unable to initialize table '" + curtable + "'"}, line);
      if (!noflush) {
        for (auto& c : h->chains) c.rules.clear();
        std::vector<Chain> keep;
        for (auto& c : h->chains)
          if (c.builtin()) keep.push_back(c);
        h->chains = std::move(keep);
      }
      in_table = true;
    } else if (buf[0] == ':' && in_table) {
      if (!h) continue;  // a table -T skips
      auto w = SplitLine(buf.substr(1));
      if (w.empty()) return perr(XtError{2, prog + ": line " + std::to_string(line) + " chain name invalid"}, line);
      const std::string& chain = w[0];
      if (chain.size() >= XT_EXTENSION_MAXNAMELEN)
        return perr(XtError{2, "Invalid chain name `" + chain + "' (" + std::to_string(XT_EXTENSION_MAXNAMELEN - 1) + " chars max)"}, line);
      Chain* c = h->Find(chain);
      if (!c || !c->builtin()) {
        if (noflush && c) {
          c->rules.clear();
        } else if (!c) {
          Chain nc;
          nc.name = chain;
          h->InsertUserChain(nc);
        } else {
          return perr(XtError{2, "error creating chain '" + chain + "':File exists"}, line);
        }
      }
      if (w.size() < 2) return perr(XtError{2, prog + ": line " + std::to_string(line) + " policy invalid"}, line);
      const std::string& policy = w[1];
      if (policy != "-") {
        XtCounters cnt;
        if (counters) {
          if (w.size() < 3 || !ParseCounters(w[2], &cnt))
            return perr(XtError{2, "invalid policy counters for chain '" + chain + "'"}, line);
        }
        c = h->Find(chain);
        int perrno = 0;
        if (!c->builtin()) perrno = ENOENT;
        else if (policy != "ACCEPT" && policy != "DROP") perrno = EINVAL;
        if (perrno) {
          std::string m = IptcStrerror(perrno, OP_POLICY);
          m = m.substr(0, m.find('.'));
          return perr(XtError{1, "Can't set policy `" + policy + "' on `" + chain + "' line " + std::to_string(line) + ": " + m, false, false}, line);
        }
        c->policy = policy == "ACCEPT" ? -static_cast<int>(NF_ACCEPT) - 1 : -static_cast<int>(NF_DROP) - 1;
        c->counters = cnt;
        c->counters_set = true;
      }
    } else if (in_table) {
      if (!h) continue;
      std::string rest = buf;
      XtCounters cnt;
      bool have_cnt = false;
      if (!rest.empty() && rest[0] == '[') {  // "[packets:bytes]", used only with -c
        size_t e = rest.find(']');
        // strtok(buffer + 1, ":") then strtok(NULL, "]"), as iptables-restore splits it
        if (e == std::string::npos || rest.find(':') == std::string::npos)
          return perr(XtError{2, "Bad line " + std::to_string(line) + ": need ]"}, line);
        cnt.pcnt = std::strtoull(rest.c_str() + 1, nullptr, 10);
        cnt.bcnt = std::strtoull(rest.c_str() + rest.find(':') + 1, nullptr, 10);
        have_cnt = counters;
        rest = rest.substr(e + 1);
      }
      auto args = SplitLine(rest);
      try {
        CmdOutcome o = DoCommand(ctx, args, &h, curtable, true, have_cnt ? &cnt : nullptr, nullptr);
        ret = o.ok;
      } catch (const XtError& e) {
        if (e.status == 0 && e.msg.empty()) continue;
        return perr(e, line);
      }
    } else {
      ret = false;
    }
    if (!ret) {
      ctx.Err(prog + ": line " + std::to_string(line) + " failed\n");
      return 1;
    }
  }
  if (in_table) {
    ctx.Err(prog + ": COMMIT expected at line " + std::to_string(line + 1) + "\n");
    return 1;
  }
  return 0;
}

// in an anonymous namespace: registrar types of different files must not share a name
namespace {
const struct Registrar {
  Registrar() {
    RegisterCommand("iptables-restore", &IptablesRestoreMain);
    RegisterCommand("iptables-legacy-restore", &IptablesRestoreMain);
  }
} registrar;
}  // namespace

}  // namespace ipt
}  // namespace linuxnet
