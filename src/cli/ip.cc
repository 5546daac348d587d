// ip(8) top level (iproute2 ip/ip.c): global options, then one command (do_cmd) or a batch of them
#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "cli/ip_common.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

std::string StrError(int err) {
  switch (err) {
    case EEXIST: return "File exists";
    case ESRCH: return "No such process";
    case ENODEV: return "No such device";
    case EINVAL: return "Invalid argument";
    case ENETUNREACH: return "Network is unreachable";
    case EHOSTUNREACH: return "No route to host";
    case EBUSY: return "Device or resource busy";
    case EADDRNOTAVAIL: return "Cannot assign requested address";
    case EOPNOTSUPP: return "Operation not supported";
    case ENOENT: return "No such file or directory";
    case EPERM: return "Operation not permitted";
    case ENOBUFS: return "No buffer space available";
    case ERANGE: return "Numerical result out of range";
    case ENOTCONN: return "Transport endpoint is not connected";
    case EMSGSIZE: return "Message too long";
    case EACCES: return "Permission denied";
    default: return std::strerror(err);
  }
}

int NetnsSwitchOption(CmdCtx& ctx, const std::vector<std::string>& argv, size_t* i) {
  if (*i + 1 >= argv.size()) {
    ctx.Err("Option \"" + argv[*i] + "\" requires an argument\n");  // NEXT_ARG: missing argument
    return 255;
  }
  NetNs* ns = ctx.user->FindNetns(argv[*i + 1]);
  if (!ns) {
    ctx.Err("Cannot open network namespace \"" + argv[*i + 1] + "\": No such file or directory\n");
    return 255;
  }
  ctx.net = ns;
  *i += 2;
  return 0;
}

const std::string* NextArg(CmdCtx& ctx, const Args& a, size_t& i) {
  if (i + 1 >= a.size()) {
    ctx.Err("Command line is not complete. Try option \"help\"\n");
    return nullptr;
  }
  return &a[++i];
}

int RtnlError(CmdCtx& ctx, int err) {
  ctx.Err("RTNETLINK answers: " + StrError(err < 0 ? -err : err) + "\n");
  return 2;
}

namespace {

// ip.c usage(): printed to stderr, then exit(-1)
int IpUsage(CmdCtx& ctx) {
  ctx.Err(
      "Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n"
      "       ip [ -force ] -batch filename\n"
      "where  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp |\n"
      "                   link | macsec | maddress | monitor | mptcp | mroute | mrule |\n"
      "                   neighbor | neighbour | netconf | netns | nexthop | ntable |\n"
      "                   ntbl | route | rule | sr | tap | tcpmetrics |\n"
      "                   token | tunnel | tuntap | vrf | xfrm }\n"
      "       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |\n"
      "                    -h[uman-readable] | -iec | -j[son] | -p[retty] |\n"
      "                    -f[amily] { inet | inet6 | mpls | bridge | link } |\n"
      "                    -4 | -6 | -M | -B | -0 |\n"
      "                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |\n"
      "                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |\n"
      "                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |\n"
      "                    -c[olor]}\n");
  return 255;
}

// The batch input (lib/utils.c do_batch): stdin or the file, read line by line with getline(3).
// A process forked in the middle of a batch (`netns exec` in batch mode) gets a copy of it: stdio
// has already buffered the whole input (a here-document or a small file), so the copy goes on
// from the same line, independently of the parent.
struct BatchInput {
  const std::string* text = nullptr;
  size_t pos = 0;
  int cmdlineno = 0;
  // getline(3): the next line with its '\n' (the last one may lack it); false at EOF
  bool GetLine(std::string* l) {
    if (pos >= text->size()) return false;
    size_t nl = text->find('\n', pos);
    size_t end = nl == std::string::npos ? text->size() : nl + 1;
    *l = text->substr(pos, end - pos);
    pos = end;
    l->resize(std::strlen(l->c_str()));  // the C string ends at a NUL byte
    return true;
  }
};

struct Batch {
  std::string name;  // as given: "-" for stdin
  bool force = false;
  BatchInput in;
};

// getcmdline(): a line with its comment (from '#' on) cut, continued while it ends in "\\\n"
bool GetCmdLine(CmdCtx& ctx, BatchInput& in, std::string* line) {
  if (!in.GetLine(line)) return false;
  ++in.cmdlineno;
  size_t cp = line->find('#');
  if (cp != std::string::npos) line->erase(cp);
  while ((cp = line->find("\\\n")) != std::string::npos) {
    std::string line1;
    if (!in.GetLine(&line1)) {
      ctx.Err("Missing continuation line\n");
      return false;
    }
    ++in.cmdlineno;
    line->erase(cp);
    size_t c1 = line1.find('#');
    if (c1 != std::string::npos) line1.erase(c1);
    *line += line1;
  }
  return true;
}

constexpr size_t kMaxArgs = 512;  // include/utils.h MAX_ARGS

// makeargs(): words split at " \t\r\n"; a word that begins with ' or " runs to the next such
// quote. Returns 0, or the status iproute2 exit()s with.
int MakeArgs(CmdCtx& ctx, const std::string& line, Args* args) {
  static const char ws[] = " \t\r\n";
  args->clear();
  size_t cp = 0;
  while (cp < line.size()) {
    cp = line.find_first_not_of(ws, cp);
    if (cp == std::string::npos) break;
    if (args->size() >= kMaxArgs - 1) {
      ctx.Err("Too many arguments to command\n");
      return 1;
    }
    if (line[cp] == '\'' || line[cp] == '"') {
      char quote = line[cp++];
      size_t e = line.find(quote, cp);
      if (e == std::string::npos) {
        ctx.Err("Unterminated quoted string\n");
        return 1;
      }
      args->push_back(line.substr(cp, e - cp));
      cp = e + 1;
    } else {
      size_t e = line.find_first_of(ws, cp);
      if (e == std::string::npos) e = line.size();
      args->push_back(line.substr(cp, e - cp));
      cp = e + 1;
    }
  }
  return 0;
}

bool StartsWith(const std::string& s, const char* p) { return s.compare(0, std::strlen(p), p) == 0; }
bool Contains(const std::string& s, const char* p) { return s.find(p) != std::string::npos; }

// Where an object's handler failed, whether iproute2 returned from it (do_batch then says
// "Command failed" and, with -force, goes on) or left the process with exit() (the batch ends
// there with that status). Which one it is follows from the message printed: the helpers that
// exit (invarg, duparg, duparg2, missarg, incomplete_command, get_addr, get_prefix, the objects'
// "unknown command") have messages of their own. Returns the exit status, or -1 for a return.
int ExitStatusOf(const std::string& obj, const std::string& err) {
  size_t pos = 0;
  while (pos < err.size()) {
    size_t nl = err.find('\n', pos);
    if (nl == std::string::npos) nl = err.size();
    std::string l = err.substr(pos, nl - pos);
    pos = nl + 1;
    if (StartsWith(l, "Error: argument \"") || StartsWith(l, "Error: either \"") ||  // invarg, missarg; duparg2
        StartsWith(l, "Error: duplicate \"") ||                                       // duparg
        l == "Command line is not complete. Try option \"help\"" ||                   // NEXT_ARG
        (StartsWith(l, "Command \"") && Contains(l, "\" is unknown, try \"ip ")) ||
        StartsWith(l, "Garbage instead of arguments \"") ||
        l == "both \"name\" and \"dev\" cannot be used when creating devices." ||
        StartsWith(l, "index can be used only when creating devices") ||
        l == "group cannot be used when creating devices." ||
        l == "Device and destination are required arguments." || StartsWith(l, "Invalid netns name \"") ||
        StartsWith(l, "Error: \"nexthop\" or end of line is expected") ||
        l == "Error: unexpected end of line after \"nexthop\"" || l == "Error: cannot parse nexthop" ||
        (obj == "link" && (l == "Not enough information: \"dev\" argument is required." ||
                           l == "Not enough of information: \"dev\" argument is required.")))
      return 255;  // exit(-1)
    if (StartsWith(l, "Error: ") &&
        (Contains(l, " address is expected rather than \"") || Contains(l, " prefix is expected rather than \"") ||
         Contains(l, "may be inet prefix, but it is not allowed in this context.")))
      return 1;  // get_addr, get_prefix, get_addr32: exit(1)
  }
  return -1;
}

struct CmdStatus {
  int rc = 0;
  bool exited = false;  // iproute2 left the process there: rc is its exit status
};

int NetnsCmd(CmdCtx& ctx, const IpOpts& o, Args a, Batch* batch, bool* child);
int BatchLoop(CmdCtx& ctx, const IpOpts& o, Batch& b, int ret);

// ip.c do_cmd(): the object a[0] (any prefix of its name, first match in the table order) and
// its handler. `batch` is the batch being run, nullptr for a single command.
CmdStatus DoCmd(CmdCtx& ctx, const IpOpts& o, Args a, Batch* batch) {
  std::string obj = a[0];
  a.erase(a.begin());
  size_t err0 = ctx.err.size();
  std::string kind;
  int rc;
  bool child = false;  // rc is a child process's exit status (netns exec)
  if (Matches(obj, "address")) {
    kind = "address";
    rc = DoIpAddr(ctx, o, a);
  } else if (Matches(obj, "route")) {
    kind = "route";
    rc = DoIpRoute(ctx, o, a);
  } else if (Matches(obj, "neighbor") || Matches(obj, "neighbour")) {
    kind = "neigh";
    rc = DoIpNeigh(ctx, o, a);
  } else if (Matches(obj, "link")) {
    kind = "link";
    rc = DoIpLink(ctx, o, a);
  } else if (Matches(obj, "netns")) {
    kind = "netns";
    rc = NetnsCmd(ctx, o, a, batch, &child);
  } else if (Matches(obj, "help")) {
    return {IpUsage(ctx), true};
  } else {
    ctx.Err("Object \"" + obj + "\" is unknown, try \"ip help\".\n");
    return {1, false};
  }
  if (rc == 0 || child || !batch) return {rc, false};
  int st = ExitStatusOf(kind, ctx.err.substr(err0));
  if (st >= 0) return {st, true};
  return {rc, false};
}

// do_batch()'s loop from the current line on; `ret` is its status so far. Returns the batch's
// exit status: 1 when a command failed, or the status a command exit()ed with.
int BatchLoop(CmdCtx& ctx, const IpOpts& o, Batch& b, int ret) {
  std::string line;
  Args args;
  while (GetCmdLine(ctx, b.in, &line)) {
    if (int st = MakeArgs(ctx, line, &args)) return st;
    if (args.empty()) continue;  // blank line
    CmdStatus s = DoCmd(ctx, o, args, &b);
    if (s.exited) return s.rc;
    if (s.rc) {
      ctx.Err("Command failed " + b.name + ":" + std::to_string(b.in.cmdlineno) + "\n");
      ret = 1;
      if (!b.force) break;
    }
  }
  return ret;
}

// ip.c batch(): `ip [-force] -batch FILE|-`
int RunBatch(CmdCtx& ctx, const IpOpts& o, const std::string& name, bool force) {
  Batch b;
  b.name = name;
  b.force = force;
  const std::string empty;
  if (name == "-" || name == "/dev/stdin") {
    b.in.text = &ctx.in;
  } else if (name == "/dev/null") {
    b.in.text = &empty;
  } else {
    b.in.text = ctx.user->File(name, false);  // freopen(name, "r", stdin)
    if (!b.in.text) {
      ctx.Err("Cannot open file \"" + name + "\" for reading: No such file or directory\n");
      return 1;
    }
  }
  return BatchLoop(ctx, o, b, 0);
}

// ip netns (ip/ipnetns.c). In batch mode `exec` forks (cmd_exec with do_fork) and returns the
// child's exit status; *child says that rc is one.
int NetnsCmd(CmdCtx& ctx, const IpOpts& o, Args a, Batch* batch, bool* child) {
  Userland* w = ctx.user;
  if (a.empty() || Matches(a[0], "list") || a[0] == "show") {
    for (auto& n : w->NetnsNames()) {
      int id = ctx.net->Peernet2id(w->FindNetns(n));
      ctx.Out(id >= 0 ? n + " (id: " + std::to_string(id) + ")\n" : n + "\n");
    }
    return 0;
  }
  std::string cmd = a[0];
  // is_basename: a name that is its own basename (not empty, no '/'); add, delete and exec check it
  auto bad_name = [&ctx](const std::string& name) {
    if (!name.empty() && name.find('/') == std::string::npos) return false;
    ctx.Err("Invalid netns name \"" + name + "\"\n");
    return true;
  };
  if (Matches(cmd, "add")) {
    if (a.size() < 2) {
      ctx.Err("No netns name specified\n");
      return 1;
    }
    if (bad_name(a[1])) return 255;
    if (w->FindNetns(a[1])) {
      ctx.Err("Cannot create namespace file \"/run/netns/" + a[1] + "\": File exists\n");
      return 1;
    }
    w->AddNetns(a[1]);
    return 0;
  }
  if (Matches(cmd, "delete")) {
    if (a.size() < 2) {
      ctx.Err("No netns name specified\n");
      return 1;
    }
    if (bad_name(a[1])) return 255;
    if (!w->DelNetns(a[1])) {
      ctx.Err("Cannot remove namespace file \"/run/netns/" + a[1] + "\": No such file or directory\n");
      return 1;
    }
    return 0;
  }
  if (Matches(cmd, "exec")) {
    // netns_exec returns -1 for these: do_cmd makes it status 1
    if (a.size() < 2) {
      ctx.Err("No netns name specified\n");
      return 1;
    }
    if (a.size() < 3) {
      ctx.Err("No command specified\n");
      return 1;
    }
    if (bad_name(a[1])) return 255;
    NetNs* ns = w->FindNetns(a[1]);
    if (!ns) {
      ctx.Err("Cannot open network namespace \"" + a[1] + "\": No such file or directory\n");
      if (!batch) return 255;  // cmd_exec's setup fails: netns_exec returns 1, do_cmd -1
      // Batch mode: the setup fails in the forked child, whose cmd_exec returns -1 into the
      // batch loop it inherited: the child reports the failed command and, with -force, runs
      // the rest of the input itself (still in this namespace), then exits 1; the parent then
      // reports the same line as failed (the child's status) and goes on with its own copy.
      ctx.Err("Command failed " + batch->name + ":" + std::to_string(batch->in.cmdlineno) + "\n");
      int st = 1;
      if (batch->force) {
        Batch copy = *batch;
        st = BatchLoop(ctx, o, copy, 1);
      }
      *child = true;
      return st;
    }
    NetNs* saved = ctx.net;
    ctx.net = ns;
    Args sub(a.begin() + 2, a.end());
    // in batch mode the child's stdin is ip's, which stdio has already read to its end
    std::string saved_in;
    if (batch) saved_in.swap(ctx.in);
    int rc = RunCommand(ctx, sub);
    if (batch) saved_in.swap(ctx.in);
    ctx.net = saved;
    *child = true;
    if (rc == 127 && !FindCommand(sub[0])) {
      // execvp failure as cmd_exec reports it, then _exit(1)
      ctx.err.erase(ctx.err.rfind("bash: line 1:"));
      ctx.Err("exec of \"" + sub[0] + "\" failed: No such file or directory\n");
      return 1;
    }
    return rc;
  }
  ctx.Err("Command \"" + cmd + "\" is unknown, try \"ip netns help\".\n");
  return 255;
}

}  // namespace

// ip.c main(): the global options (iproute2's order of tests, so that an abbreviation means
// what it means there: -b is -batch, -br -brief, -f -family, -fo -force), then one command or
// the batch
static int CmdIp(CmdCtx& ctx, const std::vector<std::string>& argv) {
  IpOpts o;
  size_t i = 1;
  NetNs* saved = ctx.net;
  bool force = false;
  const std::string* batch_file = nullptr;
  int rc = -1;
  while (rc < 0 && i < argv.size()) {
    std::string opt = argv[i];
    if (opt == "--") {
      i++;
      break;
    }
    if (opt.empty() || opt[0] != '-') break;
    if (opt.size() > 1 && opt[1] == '-') opt = opt.substr(1);
    auto m = [&opt](const char* name) { return Matches(opt, name); };
    if (m("-loops")) {
      if (++i + 1 > argv.size()) rc = IpUsage(ctx);  // the flush loop limit: read, not needed here
    } else if (m("-family") || opt == "-6" || opt == "-0" || opt == "-M" || opt == "-B" || m("-human") ||
               m("-human-readable") || m("-iec")) {
      // not modelled: only IPv4 is
      ctx.Err("Option \"" + opt + "\" is unknown, try \"ip -help\".\n");
      rc = 255;
    } else if (opt == "-4") {
    } else if (m("-stats") || m("-statistics")) {
      o.stats++;
    } else if (m("-details")) {
      o.details++;
    } else if (m("-resolve")) {
      ctx.Err("Option \"" + opt + "\" is unknown, try \"ip -help\".\n");
      rc = 255;
    } else if (m("-oneline")) {
      o.oneline = true;
    } else if (m("-timestamp") || m("-tshort") || m("-Version")) {
      ctx.Err("Option \"" + opt + "\" is unknown, try \"ip -help\".\n");
      rc = 255;
    } else if (m("-force")) {
      force = true;
    } else if (m("-batch")) {
      if (++i + 1 > argv.size()) rc = IpUsage(ctx);
      else batch_file = &argv[i];
    } else if (m("-brief")) {
      o.brief = true;
    } else if (m("-json") || m("-pretty") || m("-rcvbuf")) {
      ctx.Err("Option \"" + opt + "\" is unknown, try \"ip -help\".\n");
      rc = 255;
    } else if (Matches(opt.substr(0, opt.find('=')), "-color") &&
               (opt.find('=') == std::string::npos || opt.substr(opt.find('=') + 1) == "always" ||
                opt.substr(opt.find('=') + 1) == "auto" || opt.substr(opt.find('=') + 1) == "never")) {
      // matches_color(): no colours on a pipe
    } else if (m("-help")) {
      rc = IpUsage(ctx);
    } else if (m("-netns")) {
      if (int r = NetnsSwitchOption(ctx, argv, &i)) rc = r;
      continue;
    } else {
      ctx.Err("Option \"" + opt + "\" is unknown, try \"ip -help\".\n");
      rc = 255;
    }
    i++;
  }
  if (rc >= 0) {
  } else if (batch_file) {
    rc = RunBatch(ctx, o, *batch_file, force);
  } else if (i >= argv.size()) {
    rc = IpUsage(ctx);
  } else {
    rc = DoCmd(ctx, o, Args(argv.begin() + static_cast<long>(i), argv.end()), nullptr).rc;
  }
  ctx.net = saved;
  return rc;
}

int DoIpNetns(CmdCtx& ctx, const IpOpts& o, Args a) {
  bool child = false;
  return NetnsCmd(ctx, o, std::move(a), nullptr, &child);
}

static struct IpRegistrar {
  IpRegistrar() { RegisterCommand("ip", &CmdIp); }
} ip_registrar;

}  // namespace linuxnet
