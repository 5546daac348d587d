// iptables (iptables/iptables.c do_command4, iptables/xshared.c do_parse, libiptc edits) as an
// in-process tool; `iptables` is iptables-legacy 1.8.9.
#include <algorithm>
#include <cerrno>
#include <cstring>

#include "cli/iptables_lib.h"
#include "net/netfilter/ip_tables.h"
#include "sim/addr.h"
#include "net/core/net_namespace.h"

namespace linuxnet {
namespace ipt {

namespace {

enum Cmd : unsigned {
  CMD_NONE = 0, CMD_INSERT = 1 << 0, CMD_DELETE = 1 << 1, CMD_DELETE_NUM = 1 << 2, CMD_REPLACE = 1 << 3,
  CMD_APPEND = 1 << 4, CMD_LIST = 1 << 5, CMD_FLUSH = 1 << 6, CMD_ZERO = 1 << 7, CMD_NEW_CHAIN = 1 << 8,
  CMD_DELETE_CHAIN = 1 << 9, CMD_SET_POLICY = 1 << 10, CMD_RENAME_CHAIN = 1 << 11, CMD_LIST_RULES = 1 << 12,
  CMD_ZERO_NUM = 1 << 13, CMD_CHECK = 1 << 14,
};
enum OptBit : unsigned {
  OPT_NUMERIC = 1 << 0, OPT_SOURCE = 1 << 1, OPT_DESTINATION = 1 << 2, OPT_PROTOCOL = 1 << 3,
  OPT_JUMP = 1 << 4, OPT_VERBOSE = 1 << 5, OPT_EXPANDED = 1 << 6, OPT_VIANAMEIN = 1 << 7,
  OPT_VIANAMEOUT = 1 << 8, OPT_LINENUMBERS = 1 << 9, OPT_COUNTERS = 1 << 10, OPT_FRAGMENT = 1 << 11,
};

struct MainOpt {
  const char* name;
  char c;
  int arg;  // 0 none, 1 required, 2 optional
};
const MainOpt kMainOpts[] = {
    {"append", 'A', 1}, {"delete", 'D', 1}, {"check", 'C', 1}, {"insert", 'I', 1}, {"replace", 'R', 1},
    {"list", 'L', 2}, {"list-rules", 'S', 2}, {"flush", 'F', 2}, {"zero", 'Z', 2}, {"new-chain", 'N', 1},
    {"delete-chain", 'X', 2}, {"rename-chain", 'E', 1}, {"policy", 'P', 1}, {"source", 's', 1},
    {"src", 's', 1}, {"destination", 'd', 1}, {"dst", 'd', 1}, {"protocol", 'p', 1},
    {"in-interface", 'i', 1}, {"jump", 'j', 1}, {"table", 't', 1}, {"match", 'm', 1}, {"numeric", 'n', 0},
    {"out-interface", 'o', 1}, {"verbose", 'v', 0}, {"wait", 'w', 2}, {"wait-interval", 'W', 1},
    {"exact", 'x', 0}, {"fragments", 'f', 0}, {"fragment", 'f', 0}, {"version", 'V', 0}, {"help", 'h', 2},
    {"line-numbers", '0', 0}, {"modprobe", 'M', 1}, {"set-counters", 'c', 1}, {"goto", 'g', 1},
    {"ipv4", '4', 0}, {"ipv6", '6', 0}};

int ShortArg(char c) {
  switch (c) {
    case 'A': case 'C': case 'D': case 'R': case 'I': case 'N': case 'E': case 'P': case 'o': case 'p':
    case 's': case 'd': case 'j': case 'i': case 't': case 'm': case 'c': case 'g': case 'M': case 'W':
      return 1;
    case 'L': case 'S': case 'F': case 'Z': case 'X': case 'h': case 'w':
      return 2;
    case 'V': case 'v': case 'f': case 'n': case 'x': case '4': case '6': case 'b':
      return 0;
    default:
      return -1;
  }
}

[[noreturn]] void Fail(const std::string& msg, bool blank = false) { throw XtError{2, msg, blank, true}; }

struct Loaded {
  const XtExt* ext;
  std::vector<uint8_t> data;
  unsigned flags = 0;
};

bool IsStdTarget(const std::string& s) {
  return s == "ACCEPT" || s == "DROP" || s == "QUEUE" || s == "RETURN";
}

int StdVerdict(const std::string& s) {
  if (s == "ACCEPT") return -static_cast<int>(NF_ACCEPT) - 1;
  if (s == "DROP") return -static_cast<int>(NF_DROP) - 1;
  if (s == "QUEUE") return -static_cast<int>(NF_QUEUE) - 1;
  return XT_RETURN;
}

// xtables_ipparse_any for one element
void ParseAddr(const std::string& s, uint32_t* addr, uint32_t* mask) {
  std::string a = s, m;
  auto slash = s.find('/');
  if (slash != std::string::npos) {
    a = s.substr(0, slash);
    m = s.substr(slash + 1);
  }
  *mask = 0xffffffffu;
  if (!m.empty()) {
    uint32_t mm;
    char* end;
    unsigned long bits = std::strtoul(m.c_str(), &end, 10);
    if (*end == 0 && m.find('.') == std::string::npos) {
      if (bits > 32) Fail("invalid mask `" + m + "' specified");
      *mask = PrefixMask(static_cast<int>(bits));
    } else if (IpParse(m, &mm)) {
      *mask = mm;
    } else {
      Fail("invalid mask `" + m + "' specified");
    }
  }
  if (a == "any" || a == "anywhere") a = "0.0.0.0";
  uint32_t v;
  if (!IpParse(a, &v)) Fail("host/network `" + a + "' not found");
  *addr = v & *mask;
}

void ParseIface(const std::string& s, char* name, uint8_t* mask) {
  if (s.size() >= IFNAMSIZ_) Fail("interface name `" + s + "' must be shorter than IFNAMSIZ (15)");
  std::memset(name, 0, IFNAMSIZ_);
  std::memset(mask, 0, IFNAMSIZ_);
  std::memcpy(name, s.data(), s.size());
  if (!s.empty() && s.back() == '+') {
    std::memset(mask, 0xff, s.size() - 1);  // the `+' stays in the name, as xtables keeps it
  } else {
    std::memset(mask, 0xff, s.size() + 1);
  }
}

unsigned ParseRuleNumber(const std::string& s) {
  char* end;
  long v = std::strtol(s.c_str(), &end, 10);
  if (s.empty() || *end || v <= 0) Fail("Invalid rule number `" + s + "'");
  return static_cast<unsigned>(v);
}

std::vector<std::string> SplitComma(const std::string& s) {
  std::vector<std::string> v;
  size_t p = 0;
  for (;;) {
    size_t q = s.find(',', p);
    v.push_back(s.substr(p, q == std::string::npos ? std::string::npos : q - p));
    if (q == std::string::npos) break;
    p = q + 1;
  }
  return v;
}

bool SameRule(const Rule& a, const Rule& b) {
  if (std::memcmp(&a.ip, &b.ip, sizeof(IptIp)) != 0) return false;
  if (a.matches.size() != b.matches.size() || a.kind != b.kind) return false;
  for (size_t i = 0; i < a.matches.size(); i++) {
    const auto& x = a.matches[i];
    const auto& y = b.matches[i];
    if (x.ext != y.ext || std::memcmp(x.data.data(), y.data.data(), x.ext->usersize) != 0) return false;
  }
  switch (a.kind) {
    case Rule::VERDICT: return a.verdict == b.verdict;
    case Rule::JUMP: return a.jump == b.jump;
    case Rule::MODULE:
      return a.target.ext == b.target.ext &&
             std::memcmp(a.target.data.data(), b.target.data.data(), a.target.ext->usersize) == 0;
    default: return true;
  }
}

// ---- -L ----
enum Fmt : unsigned { FMT_NUMERIC = 1, FMT_NOCOUNTS = 2, FMT_KILOMEGAGIGA = 4, FMT_OPTIONS = 8, FMT_NOTABLE = 16,
                      FMT_NOTARGET = 32, FMT_VIA = 64, FMT_NONEWLINE = 128, FMT_LINENUMBERS = 256 };

std::string Pf(const char* fmt, const std::string& s) {
  char buf[256];
  std::snprintf(buf, sizeof(buf), fmt, s.c_str());
  return buf;
}

std::string PrintNum(uint64_t n, unsigned format) {
  char buf[64];
  bool nt = format & FMT_NOTABLE;
  if (!(format & FMT_KILOMEGAGIGA)) {
    std::snprintf(buf, sizeof(buf), nt ? "%llu " : "%8llu ", static_cast<unsigned long long>(n));
    return buf;
  }
  if (n <= 99999) {
    std::snprintf(buf, sizeof(buf), nt ? "%llu " : "%5llu ", static_cast<unsigned long long>(n));
    return buf;
  }
  const char* suf = "KMGT";
  int i = 0;
  n = (n + 500) / 1000;
  while (n > 9999 && i < 3) {
    n = (n + 500) / 1000;
    i++;
  }
  std::snprintf(buf, sizeof(buf), nt ? "%llu%c " : "%4llu%c ", static_cast<unsigned long long>(n), suf[i]);
  return buf;
}

void PrintHeader(Handle& h, const Chain& c, unsigned format, std::string& out) {
  out += "Chain " + c.name;
  if (c.builtin()) {
    Rule pr;
    pr.kind = Rule::VERDICT;
    pr.verdict = c.policy;
    out += " (policy " + RuleTargetName(pr);
    if (!(format & FMT_NOCOUNTS)) {
      out += " " + PrintNum(c.counters.pcnt, format | FMT_NOTABLE) + "packets, " +
             PrintNum(c.counters.bcnt, format | FMT_NOTABLE) + "bytes";
    }
    out += ")\n";
  } else {
    out += " (" + std::to_string(h.References(c.name)) + " references)\n";
  }
  if (format & FMT_LINENUMBERS) out += Pf("%-4s ", "num");
  if (!(format & FMT_NOCOUNTS)) {
    if (format & FMT_KILOMEGAGIGA) out += Pf("%5s ", "pkts") + Pf("%5s ", "bytes");
    else out += Pf("%8s ", "pkts") + Pf("%10s ", "bytes");
  }
  out += Pf("%-9s ", "target");
  out += " prot ";
  if (format & FMT_OPTIONS) out += "opt";
  if (format & FMT_VIA) out += Pf(" %-6s ", "in") + Pf("%-6s ", "out");
  out += Pf(" %-19s ", "source");
  out += Pf(" %-19s ", "destination");
  out += "\n";
}

std::string IfaceStr(const char* iface, unsigned format) {
  std::string s;
  if (iface[0]) s = iface;
  else s = (format & FMT_NUMERIC) ? "*" : "any";
  return s;
}

std::string AddrStr(uint32_t a, uint32_t m, unsigned format) {
  if (m == 0 && !(format & FMT_NUMERIC)) return "anywhere";
  std::string s = IpStr(a);
  if (!(format & FMT_NUMERIC) && a == 0x7f000001u && m == 0xffffffffu) s = "localhost";
  return s + IpMaskNumeric(m);
}

// print_firewall (FMT_NOTABLE is the one-line form of `iptables -v -A`, print_firewall_line)
void PrintFirewall(const Rule& r, unsigned num, unsigned format, std::string& out) {
  const bool nt = format & FMT_NOTABLE;
  auto F = [&](const char* tab, const char* notab, const std::string& v) { return Pf(nt ? notab : tab, v); };
  if (format & FMT_LINENUMBERS) out += F("%-4s ", "%s ", std::to_string(num));
  if (!(format & FMT_NOCOUNTS)) out += PrintNum(r.counters.pcnt, format) + PrintNum(r.counters.bcnt, format);
  if (!(format & FMT_NOTARGET)) out += F("%-9s ", "%s ", RuleTargetName(r));
  out += (r.ip.invflags & IPT_INV_PROTO) ? '!' : ' ';
  // 1.8.9 prints the number under -n in the table, the name in the one-line form
  out += F("%-5s", "%s ", ProtoName(r.ip.proto, (format & (FMT_NUMERIC | FMT_NOTABLE)) == FMT_NUMERIC));
  if (format & FMT_OPTIONS) {
    if (nt) out += "opt ";
    out += (r.ip.invflags & IPT_INV_FRAG) ? '!' : '-';
    out += (r.ip.flags & IPT_F_FRAG) ? 'f' : '-';
    out += ' ';
  }
  if (format & FMT_VIA) {
    std::string in = (r.ip.invflags & IPT_INV_VIA_IN) ? "!" : "";
    in += IfaceStr(r.ip.iniface, format);
    out += F(" %-6s ", "in %s ", in);
    std::string o = (r.ip.invflags & IPT_INV_VIA_OUT) ? "!" : "";
    o += IfaceStr(r.ip.outiface, format);
    out += F("%-6s ", "out %s ", o);
  }
  out += (r.ip.invflags & IPT_INV_SRCIP) ? '!' : ' ';
  out += F("%-19s ", "%s ", AddrStr(r.ip.src, r.ip.smsk, format));
  out += (r.ip.invflags & IPT_INV_DSTIP) ? '!' : ' ';
  out += F("%-19s ", "-> %s", AddrStr(r.ip.dst, r.ip.dmsk, format));
  if (nt) out += "  ";
  if (r.ip.flags & IPT_F_GOTO) out += "[goto] ";
  for (auto& m : r.matches) {
    if (m.ext->print) m.ext->print(m.data.data(), &r.ip, format & FMT_NUMERIC, out);
    else out += std::string(" ") + m.ext->name;
  }
  if (r.kind == Rule::MODULE && r.target.ext->print) r.target.ext->print(r.target.data.data(), &r.ip, format & FMT_NUMERIC, out);
  if (!(format & FMT_NONEWLINE)) out += "\n";
}

}  // namespace

CmdOutcome DoCommand(CmdCtx& ctx, const std::vector<std::string>& args, std::unique_ptr<Handle>* hp,
                     const std::string& table_default, bool restore, const XtCounters* set_counters,
                     std::string* table_out) {
  CmdOutcome res;
  unsigned command = 0, options = 0;
  std::string chain, newname, policy, jumpto, table = table_default;
  unsigned rulenum = 0;
  bool invert = false;
  Rule proto_rule;  // fw.ip
  std::vector<std::string> srcs, dsts;
  std::vector<Loaded> matches;
  Loaded target{nullptr, {}, 0};
  bool have_target_ext = false;
  XtCounters cnt;
  bool proto_used = false;
  char cmdchar = 0;

  auto add_command = [&](unsigned newcmd, char c, bool inv) {
    if (inv) Fail("unexpected ! flag");
    if (command && !((command | newcmd) == (CMD_LIST | CMD_ZERO) || (command | newcmd) == (CMD_LIST_RULES | CMD_ZERO) ||
                     (command | newcmd) == (CMD_LIST | CMD_ZERO_NUM)))
      Fail(std::string("Cannot use -") + c + " with -" + cmdchar);
    command |= newcmd;
    cmdchar = c;
  };
  auto set_option = [&](unsigned opt, char c, bool inv, uint8_t invflag) {
    if (options & opt) Fail(std::string("multiple -") + c + " flags not allowed");
    options |= opt;
    if (inv) {
      if (!invflag) Fail(std::string("cannot have ! before -") + c);
      proto_rule.ip.invflags |= invflag;
    }
  };
  auto load_match = [&](const XtExt* e) {
    Loaded l{e, std::vector<uint8_t>(e->size, 0), 0};
    if (e->init) e->init(l.data.data());
    matches.push_back(std::move(l));
  };

  size_t i = 0;
  auto next_arg_opt = [&]() -> const std::string* {  // optional positional after -L/-D/-I ...
    if (i < args.size() && !args[i].empty() && args[i][0] != '-' && args[i][0] != '!') return &args[i++];
    return nullptr;
  };

  auto handle_short = [&](char c, const std::string* optarg, const std::string& optname) {
    bool inv = invert;
    invert = false;
    switch (c) {
      case 'A': add_command(CMD_APPEND, c, inv); chain = *optarg; break;
      case 'C': add_command(CMD_CHECK, c, inv); chain = *optarg; break;
      case 'D':
        add_command(CMD_DELETE, c, inv);
        chain = *optarg;
        if (auto a = next_arg_opt()) {
          rulenum = ParseRuleNumber(*a);
          command = CMD_DELETE_NUM;
        }
        break;
      case 'R':
        add_command(CMD_REPLACE, c, inv);
        chain = *optarg;
        if (auto a = next_arg_opt()) rulenum = ParseRuleNumber(*a);
        else Fail("-R requires a rule number");
        break;
      case 'I':
        add_command(CMD_INSERT, c, inv);
        chain = *optarg;
        if (auto a = next_arg_opt()) rulenum = ParseRuleNumber(*a);
        else rulenum = 1;
        break;
      case 'L':
      case 'S':
      case 'Z': {
        add_command(c == 'L' ? CMD_LIST : c == 'S' ? CMD_LIST_RULES : CMD_ZERO, c, inv);
        const std::string* a = optarg ? optarg : next_arg_opt();
        if (a) chain = *a;
        if (auto b = next_arg_opt()) {
          rulenum = ParseRuleNumber(*b);
          if (c == 'Z') command = (command & ~CMD_ZERO) | CMD_ZERO_NUM;
        }
        break;
      }
      case 'F':
      case 'X': {
        add_command(c == 'F' ? CMD_FLUSH : CMD_DELETE_CHAIN, c, inv);
        const std::string* a = optarg ? optarg : next_arg_opt();
        if (a) chain = *a;
        break;
      }
      case 'N': {
        add_command(CMD_NEW_CHAIN, c, inv);
        chain = *optarg;
        break;
      }
      case 'E': {
        add_command(CMD_RENAME_CHAIN, c, inv);
        chain = *optarg;
        if (auto a = next_arg_opt()) newname = *a;
        else Fail("-E requires old-chain-name and new-chain-name");
        break;
      }
      case 'P': {
        add_command(CMD_SET_POLICY, c, inv);
        chain = *optarg;
        if (auto a = next_arg_opt()) policy = *a;
        else Fail("-P requires a chain and a policy");
        break;
      }
      case 'p': {
        set_option(OPT_PROTOCOL, c, inv, IPT_INV_PROTO);
        uint16_t pr;
        if (!ParseProto(*optarg, &pr)) Fail("unknown protocol \"" + *optarg + "\" specified");
        proto_rule.ip.proto = pr;
        if (pr == 0 && (proto_rule.ip.invflags & IPT_INV_PROTO)) Fail("rule would never match protocol");
        break;
      }
      case 's': set_option(OPT_SOURCE, c, inv, IPT_INV_SRCIP); srcs = SplitComma(*optarg); break;
      case 'd': set_option(OPT_DESTINATION, c, inv, IPT_INV_DSTIP); dsts = SplitComma(*optarg); break;
      case 'i':
        if (optarg->empty()) Fail("Empty interface is likely to be undesired");
        set_option(OPT_VIANAMEIN, c, inv, IPT_INV_VIA_IN);
        ParseIface(*optarg, proto_rule.ip.iniface, proto_rule.ip.iniface_mask);
        break;
      case 'o':
        if (optarg->empty()) Fail("Empty interface is likely to be undesired");
        set_option(OPT_VIANAMEOUT, c, inv, IPT_INV_VIA_OUT);
        ParseIface(*optarg, proto_rule.ip.outiface, proto_rule.ip.outiface_mask);
        break;
      case 'f':
        set_option(OPT_FRAGMENT, c, inv, IPT_INV_FRAG);
        proto_rule.ip.flags |= IPT_F_FRAG;
        break;
      case 'g':
      case 'j': {
        if (c == 'g') {
          if (inv) Fail("cannot have ! before -g");
          proto_rule.ip.flags |= IPT_F_GOTO;
        }
        set_option(OPT_JUMP, c, inv, 0);
        jumpto = *optarg;
        if (c == 'g' && jumpto.empty()) Fail("Illegal target name ''");
        const XtExt* e = XtFindExtUser(jumpto, true);
        if (e && !IsStdTarget(jumpto) && e != &xt_standard_target && e != &xt_error_target) {
          target = Loaded{e, std::vector<uint8_t>(e->size, 0), 0};
          if (e->init) e->init(target.data.data());
          have_target_ext = true;
        }
        break;
      }
      case 'm': {
        if (inv) Fail("unexpected ! flag before --match");
        const XtExt* e = XtFindExtUser(*optarg, false);
        if (!e) Fail("Couldn't load match `" + *optarg + "':No such file or directory\n", true);
        load_match(e);
        if (proto_rule.ip.proto && ProtoName(proto_rule.ip.proto, false) == *optarg) proto_used = true;
        break;
      }
      case 'n': set_option(OPT_NUMERIC, c, inv, 0); break;
      case 'v': options |= OPT_VERBOSE; break;
      case 'x': set_option(OPT_EXPANDED, c, inv, 0); break;
      case '0': set_option(OPT_LINENUMBERS, c, inv, 0); break;
      case 't':
        if (inv) Fail("unexpected ! flag before --table");
        if (restore) Fail("The -t option cannot be used in iptables-restore.\n", true);
        table = *optarg;
        break;
      case 'c': {
        set_option(OPT_COUNTERS, c, inv, 0);
        char* end;
        cnt.pcnt = std::strtoull(optarg->c_str(), &end, 10);
        if (*end) Fail("-c packet counter not numeric");
        if (i >= args.size()) Fail("-c requires packet and byte counter");
        cnt.bcnt = std::strtoull(args[i].c_str(), &end, 10);
        if (*end) Fail("-c byte counter not numeric");
        i++;
        break;
      }
      case 'w': case 'W': case 'M': case '4': break;
      case '6': Fail("This is the IPv4 version of iptables.");
      case 'V':
        ctx.Out(std::string("iptables v") + kVersion + " (legacy)\n");
        throw XtError{0, "", false, false};
      case 'h':
        ctx.Out(std::string("iptables v") + kVersion + "\n\n");
        throw XtError{0, "", false, false};
      default:
        Fail("unknown option \"" + optname + "\"");
    }
  };

  // extension options (command_default). getopt_long over the merged option table: an exact
  // name wins; otherwise a prefix must select one option (main or extension) or it is unknown.
  auto ext_lookup = [&](const std::string& name, bool prefix, Loaded** lo, const XtOpt** oo) -> int {
    int n = 0;
    auto visit = [&](Loaded* l) {
      if (!l->ext->opts) return;
      for (const XtOpt* o = l->ext->opts; o->name; o++) {
        bool hit = prefix ? std::strncmp(o->name, name.c_str(), name.size()) == 0 : name == o->name;
        if (!hit) continue;
        if (*lo == l && *oo && (*oo)->id == o->id) continue;  // an alias of the same option
        if (!*lo || !prefix || n == 0) {
          *lo = l;
          *oo = o;
        }
        n++;
        if (!prefix) return;
      }
    };
    // xtables_merge_options puts a newly loaded extension's options before the older ones, so
    // with two instances of one match (-m ttl --ttl-gt 1 -m ttl --ttl-lt 9) the latest wins
    for (auto m = matches.rbegin(); m != matches.rend(); ++m) {
      visit(&*m);
      if (!prefix && n) return n;
    }
    if (have_target_ext) visit(&target);
    return n;
  };
  // load_proto: the protocol's own match, once
  auto load_proto = [&]() -> bool {
    if (!proto_rule.ip.proto || proto_used || (proto_rule.ip.invflags & IPT_INV_PROTO)) return false;
    proto_used = true;
    const XtExt* e = XtFindExtUser(ProtoName(proto_rule.ip.proto, false), false);
    if (!e) return false;
    load_match(e);
    return true;
  };
  auto run_ext_option = [&](Loaded* l, const XtOpt* found, const std::string& name, const std::string* attached) {
    std::string arg;
    if (found->has_arg) {
      if (attached) arg = *attached;
      else if (i < args.size()) arg = args[i++];
      else Fail("option \"--" + name + "\" requires an argument");
    }
    XtParseCtx pc;
    pc.id = found->id;
    pc.arg = found->has_arg ? arg.c_str() : nullptr;
    pc.invert = invert;
    invert = false;
    pc.data = l->data.data();
    pc.flags = &l->flags;
    pc.ip = &proto_rule.ip;
    pc.args = &args;
    pc.argi = &i;
    if (l->ext->parse && l->ext->parse(pc) != 0) Fail(pc.err, pc.err_blank);
  };

  while (i < args.size()) {
    const std::string& a = args[i++];
    if (a == "!") {
      if (invert) Fail("multiple consecutive ! not allowed");
      invert = true;
      continue;
    }
    if (a.size() > 2 && a[0] == '-' && a[1] == '-') {
      std::string name = a.substr(2), attached;
      bool has_att = false;
      auto eq = name.find('=');
      if (eq != std::string::npos) {
        attached = name.substr(eq + 1);
        name = name.substr(0, eq);
        has_att = true;
      }
      // main long options: exact, then extension exact, then one unambiguous prefix
      const MainOpt* mo = nullptr;
      for (auto& o : kMainOpts)
        if (name == o.name) {
          mo = &o;
          break;
        }
      Loaded* lo = nullptr;
      const XtOpt* oo = nullptr;
      if (!mo) {
        // getopt_long itself (exact, then prefix); on an unknown option command_default loads
        // the protocol's match and getopt runs again
        for (int pass = 0; pass < 2; pass++) {
          lo = nullptr;
          oo = nullptr;
          mo = nullptr;
          if (ext_lookup(name, false, &lo, &oo)) break;
          lo = nullptr;
          oo = nullptr;
          int nmain = 0;
          for (auto& o : kMainOpts)
            if (std::strncmp(o.name, name.c_str(), name.size()) == 0 && (!mo || mo->c != o.c)) {
              mo = &o;
              nmain++;
            }
          int next = ext_lookup(name, true, &lo, &oo);
          if (nmain + next == 0 && pass == 0 && load_proto()) continue;
          if (nmain + next != 1) Fail("unknown option \"" + a + "\"");
          if (next) mo = nullptr;
          break;
        }
      }
      if (mo) {
        std::string arg;
        const std::string* ap = nullptr;
        if (mo->arg == 1) {
          if (has_att) arg = attached;
          else if (i < args.size()) arg = args[i++];
          else Fail("option \"--" + name + "\" requires an argument");
          ap = &arg;
        } else if (mo->arg == 2 && has_att) {
          arg = attached;
          ap = &arg;
        }
        handle_short(mo->c, ap, a);
        continue;
      }
      run_ext_option(lo, oo, oo->name, has_att ? &attached : nullptr);
      continue;
    }
    if (a.size() > 1 && a[0] == '-') {
      for (size_t k = 1; k < a.size(); k++) {
        char c = a[k];
        int at = ShortArg(c);
        if (at < 0) Fail(std::string("unknown option \"-") + c + "\"");
        if (at == 0) {
          handle_short(c, nullptr, a);
          continue;
        }
        std::string arg;
        if (k + 1 < a.size()) {
          arg = a.substr(k + 1);
          handle_short(c, &arg, a);
        } else if (at == 1) {
          if (i >= args.size()) Fail(std::string("option \"-") + c + "\" requires an argument");
          arg = args[i++];
          handle_short(c, &arg, a);
        } else {
          handle_short(c, nullptr, a);
        }
        break;
      }
      continue;
    }
    throw XtError{2, "Bad argument `" + a + "'", false, true, true};
  }
  if (invert) Fail("nothing appropriate following !");
  if (!command) Fail("no command specified");
  if (table_out) *table_out = table;

  // final checks of the extensions (xtables_option_mfcall / tfcall)
  for (auto& m : matches) {
    if (!m.ext->final_check) continue;
    XtParseCtx pc;
    pc.data = m.data.data();
    pc.flags = &m.flags;
    pc.ip = &proto_rule.ip;
    if (m.ext->final_check(pc) != 0) Fail(pc.err, pc.err_blank);
  }
  if (have_target_ext && target.ext->final_check) {
    XtParseCtx pc;
    pc.data = target.data.data();
    pc.flags = &target.flags;
    pc.ip = &proto_rule.ip;
    if (target.ext->final_check(pc) != 0) Fail(pc.err, pc.err_blank);
  }

  const unsigned rule_cmds = CMD_APPEND | CMD_DELETE | CMD_CHECK | CMD_INSERT | CMD_REPLACE;
  if (!(command & rule_cmds)) {
    const char* bad = nullptr;
    if (options & OPT_SOURCE) bad = "-s";
    else if (options & OPT_DESTINATION) bad = "-d";
    else if (options & OPT_PROTOCOL) bad = "-p";
    else if (options & OPT_JUMP) bad = "-j";
    else if (options & OPT_VIANAMEIN) bad = "-i";
    else if (options & OPT_VIANAMEOUT) bad = "-o";
    else if (options & OPT_FRAGMENT) bad = "-f";
    if (bad) Fail(std::string("Illegal option `") + bad + "' with this command");
  }
  if (command & rule_cmds) {
    if (chain == "PREROUTING" || chain == "INPUT") {
      if (options & OPT_VIANAMEOUT) Fail("Can't use -o with " + chain + "\n", true);
    }
    if (chain == "POSTROUTING" || chain == "OUTPUT") {
      if (options & OPT_VIANAMEIN) Fail("Can't use -i with " + chain + "\n", true);
    }
  }
  if (command & (CMD_NEW_CHAIN | CMD_RENAME_CHAIN)) {
    const std::string& nm = command == CMD_NEW_CHAIN ? chain : newname;
    if (nm.size() >= XT_EXTENSION_MAXNAMELEN)
      Fail("chain name `" + nm + "' too long (must be under " + std::to_string(XT_EXTENSION_MAXNAMELEN) + " chars)");
    if (!nm.empty() && nm[0] == '-') Fail("chain name not allowed to start with `-'");
    if (IsStdTarget(nm) || XtFindExtUser(nm, true)) Fail("chain name may not clash with target name");
  }
  if (chain.size() >= XT_EXTENSION_MAXNAMELEN)
    Fail("chain name `" + chain + "' too long (must be under " + std::to_string(XT_EXTENSION_MAXNAMELEN) + " chars)");

  // the handle (TC_INIT)
  if (!*hp) {
    int err = 0;
    *hp = IptcInit(ctx.net, table, &err);
    if (!*hp)
      throw XtError{3, "can't initialize iptables table `" + table + "': Table does not exist (do you need to insmod?)\nPerhaps iptables or your kernel needs to be upgraded.", false, false};
  }
  Handle& h = **hp;

  // build the rule(s)
  std::vector<Rule> rules;
  if (command & rule_cmds) {
    Rule base = proto_rule;
    for (auto& m : matches) base.matches.push_back(RuleExt{m.ext, m.data});
    if (jumpto.empty()) {
      base.kind = Rule::FALLTHROUGH;
    } else if (IsStdTarget(jumpto)) {
      base.kind = Rule::VERDICT;
      base.verdict = StdVerdict(jumpto);
    } else if (h.Find(jumpto)) {
      base.kind = Rule::JUMP;
      base.jump = jumpto;
    } else if (have_target_ext) {
      base.kind = Rule::MODULE;
      base.target = RuleExt{target.ext, target.data};
    } else {
      Fail("Couldn't load target `" + jumpto + "':No such file or directory\n", true);
    }
    if (base.kind != Rule::JUMP && (proto_rule.ip.flags & IPT_F_GOTO) && base.kind != Rule::FALLTHROUGH) {
      // goto is only for chains
      Fail("goto '" + jumpto + "' is not a chain");
    }
    if (set_counters) base.counters = *set_counters;
    if (options & OPT_COUNTERS) base.counters = cnt;
    if (srcs.empty()) srcs.push_back("");
    if (dsts.empty()) dsts.push_back("");
    for (auto& s : srcs)
      for (auto& d : dsts) {
        Rule r = base;
        if (!s.empty()) ParseAddr(s, &r.ip.src, &r.ip.smsk);
        if (!d.empty()) ParseAddr(d, &r.ip.dst, &r.ip.dmsk);
        rules.push_back(std::move(r));
      }
  }

  auto fail = [&](int err, int op) {
    res.ok = false;
    res.err = err;
    res.op = op;
    return res;
  };
  bool verbose = options & OPT_VERBOSE;
  bool modified = false;

  auto jump_check = [&](const Rule& r) -> int {
    if (r.kind == Rule::JUMP) {
      Chain* t = h.Find(r.jump);
      if (t && t->builtin()) return EINVAL;
    }
    return 0;
  };

  switch (command) {
    case CMD_APPEND:
    case CMD_INSERT:
    case CMD_REPLACE:
    case CMD_CHECK:
    case CMD_DELETE: {
      Chain* c = h.Find(chain);
      if (!c) return fail(ENOENT, OP_NONE);
      for (auto& r : rules) {
        if (verbose) {  // print_firewall_line
          std::string line;
          PrintFirewall(r, 0, FMT_NOCOUNTS | FMT_OPTIONS | FMT_VIA | FMT_NUMERIC | FMT_NOTABLE, line);
          ctx.Out(line);
        }
        if (int e = jump_check(r)) return fail(e, OP_NONE);
        if (command == CMD_APPEND) {
          c->rules.push_back(r);
        } else if (command == CMD_INSERT) {
          if (rulenum > c->rules.size() + 1) return fail(E2BIG, OP_INSERT);
          c->rules.insert(c->rules.begin() + (rulenum - 1), r);
          rulenum++;
        } else if (command == CMD_REPLACE) {
          if (rulenum > c->rules.size()) return fail(E2BIG, OP_REPLACE);
          c->rules[rulenum - 1] = r;
        } else {
          auto it = std::find_if(c->rules.begin(), c->rules.end(), [&](const Rule& x) { return SameRule(x, r); });
          // iptc_strerror picks its message by the last libiptc call: mapping a jump or an
          // extension target leaves the generic ENOENT text
          if (it == c->rules.end())
            return fail(ENOENT, (r.kind == Rule::JUMP || r.kind == Rule::MODULE) ? OP_NONE : OP_DELETE);
          if (command == CMD_DELETE) c->rules.erase(it);
        }
      }
      modified = command != CMD_CHECK;
      break;
    }
    case CMD_DELETE_NUM: {
      Chain* c = h.Find(chain);
      if (!c) return fail(ENOENT, OP_NONE);
      if (rulenum > c->rules.size()) return fail(E2BIG, OP_DELETE_NUM);
      c->rules.erase(c->rules.begin() + (rulenum - 1));
      modified = true;
      break;
    }
    case CMD_LIST:
    case CMD_LIST | CMD_ZERO:
    case CMD_LIST | CMD_ZERO_NUM: {
      unsigned format = FMT_OPTIONS;
      if (!verbose) format |= FMT_NOCOUNTS;
      else format |= FMT_VIA;
      if (options & OPT_NUMERIC) format |= FMT_NUMERIC;
      if (!(options & OPT_EXPANDED)) format |= FMT_KILOMEGAGIGA;
      if (options & OPT_LINENUMBERS) format |= FMT_LINENUMBERS;
      bool found = false;
      std::string out;
      for (auto& c : h.chains) {
        if (!chain.empty() && chain != c.name) continue;
        if (found) out += "\n";
        if (!rulenum) PrintHeader(h, c, format, out);
        unsigned num = 0;
        for (auto& r : c.rules) {
          num++;
          if (!rulenum || num == rulenum) PrintFirewall(r, num, format, out);
        }
        found = true;
      }
      ctx.Out(out);
      if (!found) return fail(ENOENT, OP_NONE);
      if (command & (CMD_ZERO | CMD_ZERO_NUM)) {
        for (auto& c : h.chains) {
          if (!chain.empty() && chain != c.name) continue;
          if (verbose) ctx.Out("Zeroing chain `" + c.name + "'\n");
          c.counters = {};
          for (auto& r : c.rules) r.counters = {};
        }
        modified = true;
      }
      break;
    }
    case CMD_LIST_RULES:
    case CMD_LIST_RULES | CMD_ZERO: {
      std::string out;
      bool found = false;
      for (auto& c : h.chains) {
        if (!chain.empty() && chain != c.name) continue;
        found = true;
        if (rulenum) continue;
        if (c.builtin()) {
          Rule pr;
          pr.kind = Rule::VERDICT;
          pr.verdict = c.policy;
          out += "-P " + c.name + " " + RuleTargetName(pr);
          if (verbose) out += " -c " + std::to_string(c.counters.pcnt) + " " + std::to_string(c.counters.bcnt);
          out += "\n";
        } else {
          out += "-N " + c.name + "\n";
        }
      }
      for (auto& c : h.chains) {
        if (!chain.empty() && chain != c.name) continue;
        unsigned num = 0;
        for (auto& r : c.rules) {
          num++;
          if (rulenum && num != rulenum) continue;
          SaveRule(h, c, r, out, verbose);
          out += "\n";
        }
      }
      ctx.Out(out);
      if (!found) return fail(ENOENT, OP_NONE);
      if (command & CMD_ZERO) {
        for (auto& c : h.chains) {
          c.counters = {};
          for (auto& r : c.rules) r.counters = {};
        }
        modified = true;
      }
      break;
    }
    case CMD_FLUSH:
    case CMD_ZERO:
    case CMD_ZERO_NUM: {
      if (!chain.empty() && !h.Find(chain)) return fail(ENOENT, OP_NONE);
      for (auto& c : h.chains) {
        if (!chain.empty() && chain != c.name) continue;
        if (command == CMD_FLUSH) {
          if (verbose) ctx.Out("Flushing chain `" + c.name + "'\n");
          c.rules.clear();
        } else if (command == CMD_ZERO_NUM) {
          if (rulenum > c.rules.size()) return fail(E2BIG, OP_ZERO_NUM);
          c.rules[rulenum - 1].counters = {};
        } else {
          if (verbose) ctx.Out("Zeroing chain `" + c.name + "'\n");
          c.counters = {};
          for (auto& r : c.rules) r.counters = {};
        }
      }
      modified = true;
      break;
    }
    case CMD_NEW_CHAIN: {
      if (h.Find(chain)) return fail(EEXIST, OP_NEW_CHAIN);
      Chain c;
      c.name = chain;
      h.InsertUserChain(c);
      modified = true;
      break;
    }
    case CMD_DELETE_CHAIN: {
      std::vector<std::string> names;
      if (!chain.empty()) {
        names.push_back(chain);
      } else {
        for (auto& c : h.chains)
          if (!c.builtin()) names.push_back(c.name);
      }
      int err = 0;
      for (auto& n : names) {
        Chain* c = h.Find(n);
        int e = 0;
        if (!c) e = ENOENT;
        else if (c->builtin()) e = EINVAL;
        else if (h.References(n)) e = EMLINK;
        else if (!c->rules.empty()) e = ENOTEMPTY;
        if (e) {
          err = e;
          continue;
        }
        if (verbose) ctx.Out("Deleting chain `" + n + "'\n");
        h.chains.erase(h.chains.begin() + (c - h.chains.data()));
        modified = true;
      }
      if (err) {
        if (modified) {
          int ce = IptcCommit(h);
          if (ce) return fail(ce, OP_NONE);
        }
        return fail(err, OP_NONE);
      }
      break;
    }
    case CMD_RENAME_CHAIN: {
      Chain* c = h.Find(chain);
      if (h.Find(newname)) return fail(EEXIST, OP_NONE);
      if (!c) return fail(ENOENT, OP_NONE);
      if (c->builtin()) return fail(EINVAL, OP_NONE);
      Chain moved = *c;
      h.chains.erase(h.chains.begin() + (c - h.chains.data()));
      moved.name = newname;
      for (auto& cc : h.chains)
        for (auto& r : cc.rules)
          if (r.kind == Rule::JUMP && r.jump == chain) r.jump = newname;
      for (auto& r : moved.rules)
        if (r.kind == Rule::JUMP && r.jump == chain) r.jump = newname;
      h.InsertUserChain(moved);
      modified = true;
      break;
    }
    case CMD_SET_POLICY: {
      Chain* c = h.Find(chain);
      if (!c || !c->builtin()) return fail(ENOENT, OP_POLICY);
      if (policy != "ACCEPT" && policy != "DROP") return fail(EINVAL, OP_POLICY);
      c->policy = StdVerdict(policy);
      if (options & OPT_COUNTERS) {
        c->counters = cnt;
        c->counters_set = true;
      }
      modified = true;
      break;
    }
    default:
      Fail("Unknown command");
  }
  if (modified && !restore) {
    int err = IptcCommit(h);
    if (err) return fail(err, OP_NONE);
  }
  return res;
}

// iptables: one command, one commit
static int IptablesMain(CmdCtx& ctx, const std::vector<std::string>& argv) {
  std::vector<std::string> args(argv.begin() + 1, argv.end());
  std::unique_ptr<Handle> h;
  try {
    CmdOutcome o = DoCommand(ctx, args, &h, "filter", false, nullptr, nullptr);
    if (!o.ok) {
      ctx.Err("iptables: " + IptcStrerror(o.err, o.op) + "\n");
      return 1;
    }
  } catch (const XtError& e) {
    if (e.status == 0 && e.msg.empty()) return 0;
    std::string m = (e.noprefix ? std::string() : std::string("iptables v") + kVersion + " (legacy): ") + e.msg + "\n";
    if (e.try_help) m += "Try `iptables -h' or 'iptables --help' for more information.\n";
    ctx.Err(m);
    return e.status;
  }
  return 0;
}

// in an anonymous namespace: registrar types of different files must not share a name
namespace {
const struct Registrar {
  Registrar() { RegisterCommand("iptables", &IptablesMain); RegisterCommand("iptables-legacy", &IptablesMain); }
} registrar;
}  // namespace

}  // namespace ipt
}  // namespace linuxnet
