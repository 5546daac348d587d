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

// the target name of a builtin chain's policy
std::string PolicyName(const Chain& c) {
  Rule pr;
  pr.kind = Rule::VERDICT;
  pr.verdict = c.policy;
  return RuleTargetName(pr);
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
    out += " (policy " + PolicyName(c);
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

// ---- do_parse ----

constexpr unsigned kRuleCmds = CMD_APPEND | CMD_DELETE | CMD_CHECK | CMD_INSERT | CMD_REPLACE;

// struct xt_cmd_parse + struct iptables_command_state: what do_parse read out of argv
struct CommandState {
  unsigned command = CMD_NONE;
  char cmdchar = 0;             // the letter of the latest command, for "Cannot use -X with -Y"
  unsigned options = 0;         // OPT_*
  std::string table, chain, newname, policy, jumpto;
  unsigned rulenum = 0;
  Rule fw;                      // cs.fw: the ip part of the rule
  std::vector<std::string> srcs, dsts;  // -s / -d, not yet parsed (one rule per pair)
  std::vector<Loaded> matches;
  Loaded target{nullptr, {}, 0};
  bool have_target_ext = false;
  XtCounters cnt;               // -c
  bool proto_used = false;      // the protocol's own match is loaded
};

// the command letter's CMD_ bit, or CMD_NONE
unsigned CommandOf(char c) {
  switch (c) {
    case 'A': return CMD_APPEND;
    case 'C': return CMD_CHECK;
    case 'D': return CMD_DELETE;
    case 'R': return CMD_REPLACE;
    case 'I': return CMD_INSERT;
    case 'L': return CMD_LIST;
    case 'S': return CMD_LIST_RULES;
    case 'Z': return CMD_ZERO;
    case 'F': return CMD_FLUSH;
    case 'X': return CMD_DELETE_CHAIN;
    case 'N': return CMD_NEW_CHAIN;
    case 'E': return CMD_RENAME_CHAIN;
    case 'P': return CMD_SET_POLICY;
    default: return CMD_NONE;
  }
}

// an extension instance, initialised (xs_init_match / xs_init_target)
Loaded InitExt(const XtExt* e) {
  Loaded l{e, std::vector<uint8_t>(e->size, 0), 0};
  if (e->init) e->init(l.data.data());
  return l;
}

// the extension options that match a long option name
struct ExtHit {
  Loaded* ext = nullptr;
  const XtOpt* opt = nullptr;
  int n = 0;  // how many options it selects
};

// one extension's options against `name`, exactly or as a prefix
void VisitExtOpts(Loaded* l, const std::string& name, bool prefix, ExtHit* hit) {
  if (!l->ext->opts) return;
  for (const XtOpt* o = l->ext->opts; o->name; o++) {
    bool match = prefix ? std::strncmp(o->name, name.c_str(), name.size()) == 0 : name == o->name;
    if (!match) continue;
    if (hit->ext == l && hit->opt && hit->opt->id == o->id) continue;  // an alias of the same option
    if (!hit->ext || !prefix || hit->n == 0) {
      hit->ext = l;
      hit->opt = o;
    }
    hit->n++;
    if (!prefix) return;
  }
}

// do_parse's getopt_long loop; fills a CommandState
class Parser {
 public:
  Parser(CmdCtx& ctx, const std::vector<std::string>& args, bool restore, CommandState& cs)
      : ctx_(ctx), args_(args), restore_(restore), cs_(cs) {}
  void Parse();

 private:
  void ParseLongOption(const std::string& a);
  const MainOpt* FindLongOption(const std::string& name, const std::string& a, ExtHit* hit);
  void ParseShortOptions(const std::string& a);
  void ParseOption(char c, const std::string* optarg, const std::string& optname);
  bool ParseCommandOption(char c, const std::string* optarg, bool inv);
  bool ParseRuleOption(char c, const std::string* optarg, bool inv);
  void ParseOtherOption(char c, const std::string* optarg, bool inv, const std::string& optname);
  void AddCommand(unsigned newcmd, char c, bool inv);
  void SetOption(unsigned opt, char c, bool inv, uint8_t invflag);
  void ParseInterface(char c, const std::string& s, bool inv, unsigned opt, uint8_t invflag, char* name,
                      uint8_t* mask);
  void CommandJump(char c, const std::string& optarg, bool inv);
  void CommandMatch(const std::string& name, bool inv);
  void ParseChangeCountersRule(const std::string& optarg);
  ExtHit ExtLookup(const std::string& name, bool prefix);
  bool LoadProto();
  void CommandDefault(const ExtHit& hit, const std::string* attached);
  const std::string* NextArgOpt();
  const std::string& NextArgOrFail(const char* msg);
  std::string TakeArg(const std::string& name, const std::string* attached);

  CmdCtx& ctx_;
  const std::vector<std::string>& args_;
  const bool restore_;  // iptables-restore forbids -t
  CommandState& cs_;
  size_t i_ = 0;        // the next unread word
  bool invert_ = false;  // a `!' is pending
};

void Parser::Parse() {
  while (i_ < args_.size()) {
    const std::string& a = args_[i_++];
    if (a == "!") {
      if (invert_) Fail("multiple consecutive ! not allowed");
      invert_ = true;
    } else if (a.size() > 2 && a[0] == '-' && a[1] == '-') {
      ParseLongOption(a);
    } else if (a.size() > 1 && a[0] == '-') {
      ParseShortOptions(a);
    } else {
      throw XtError{2, "Bad argument `" + a + "'", false, true, true};
    }
  }
  if (invert_) Fail("nothing appropriate following !");
}

void Parser::ParseLongOption(const std::string& a) {
  std::string name = a.substr(2), attached;
  bool has_att = false;
  auto eq = name.find('=');
  if (eq != std::string::npos) {
    attached = name.substr(eq + 1);
    name = name.substr(0, eq);
    has_att = true;
  }
  ExtHit hit;
  const MainOpt* mo = FindLongOption(name, a, &hit);
  if (!mo) {
    CommandDefault(hit, has_att ? &attached : nullptr);
    return;
  }
  std::string arg;
  const std::string* ap = nullptr;
  if (mo->arg == 1 || (mo->arg == 2 && has_att)) {
    arg = TakeArg(name, has_att ? &attached : nullptr);
    ap = &arg;
  }
  ParseOption(mo->c, ap, a);
}

// getopt_long over the merged option table: an exact main option, then an exact extension
// option, then one unambiguous prefix of either (else *hit says the extension option). On an
// unknown option command_default loads the protocol's match and getopt runs again.
const MainOpt* Parser::FindLongOption(const std::string& name, const std::string& a, ExtHit* hit) {
  for (auto& o : kMainOpts)
    if (name == o.name) return &o;
  for (int pass = 0; pass < 2; pass++) {
    *hit = ExtLookup(name, false);
    if (hit->n) return nullptr;
    const MainOpt* mo = nullptr;
    int nmain = 0;
    for (auto& o : kMainOpts)
      if (std::strncmp(o.name, name.c_str(), name.size()) == 0 && (!mo || mo->c != o.c)) {
        mo = &o;
        nmain++;
      }
    *hit = ExtLookup(name, true);
    if (nmain + hit->n == 0 && pass == 0 && LoadProto()) continue;
    if (nmain + hit->n != 1) Fail("unknown option \"" + a + "\"");
    return hit->n ? nullptr : mo;
  }
  return nullptr;
}

void Parser::ParseShortOptions(const std::string& a) {
  for (size_t k = 1; k < a.size(); k++) {
    char c = a[k];
    int at = ShortArg(c);
    if (at < 0) Fail(std::string("unknown option \"-") + c + "\"");
    if (at == 0) {
      ParseOption(c, nullptr, a);
      continue;
    }
    std::string arg;
    if (k + 1 < a.size()) {
      arg = a.substr(k + 1);
      ParseOption(c, &arg, a);
    } else if (at == 1) {
      if (i_ >= args_.size()) Fail(std::string("option \"-") + c + "\" requires an argument");
      arg = args_[i_++];
      ParseOption(c, &arg, a);
    } else {
      ParseOption(c, nullptr, a);
    }
    return;
  }
}

// one option of the main table (the switch of do_parse)
void Parser::ParseOption(char c, const std::string* optarg, const std::string& optname) {
  bool inv = invert_;
  invert_ = false;
  if (ParseCommandOption(c, optarg, inv) || ParseRuleOption(c, optarg, inv)) return;
  ParseOtherOption(c, optarg, inv, optname);
}

// -A -C -D -R -I -L -S -Z -F -X -N -E -P: the command, its chain and its positional words
bool Parser::ParseCommandOption(char c, const std::string* optarg, bool inv) {
  unsigned cmd = CommandOf(c);
  if (cmd == CMD_NONE) return false;
  AddCommand(cmd, c, inv);
  const std::string* a = optarg ? optarg : NextArgOpt();  // the chain is optional for -L -S -Z -F -X
  if (a) cs_.chain = *a;
  switch (c) {
    case 'D':
      if (auto n = NextArgOpt()) {
        cs_.rulenum = ParseRuleNumber(*n);
        cs_.command = CMD_DELETE_NUM;
      }
      break;
    case 'R': cs_.rulenum = ParseRuleNumber(NextArgOrFail("-R requires a rule number")); break;
    case 'I': {
      auto n = NextArgOpt();
      cs_.rulenum = n ? ParseRuleNumber(*n) : 1;
      break;
    }
    case 'L':
    case 'S':
    case 'Z':
      if (auto n = NextArgOpt()) {
        cs_.rulenum = ParseRuleNumber(*n);
        if (c == 'Z') cs_.command = (cs_.command & ~CMD_ZERO) | CMD_ZERO_NUM;
      }
      break;
    case 'E': cs_.newname = NextArgOrFail("-E requires old-chain-name and new-chain-name"); break;
    case 'P': cs_.policy = NextArgOrFail("-P requires a chain and a policy"); break;
    default: break;
  }
  return true;
}

// -p -s -d -i -o -f -g -j -m: the parts of the rule
bool Parser::ParseRuleOption(char c, const std::string* optarg, bool inv) {
  IptIp& ip = cs_.fw.ip;
  switch (c) {
    case 'p': {
      SetOption(OPT_PROTOCOL, c, inv, IPT_INV_PROTO);
      uint16_t pr;
      if (!ParseProto(*optarg, &pr)) Fail("unknown protocol \"" + *optarg + "\" specified");
      ip.proto = pr;
      if (pr == 0 && (ip.invflags & IPT_INV_PROTO)) Fail("rule would never match protocol");
      return true;
    }
    case 's': SetOption(OPT_SOURCE, c, inv, IPT_INV_SRCIP); cs_.srcs = SplitComma(*optarg); return true;
    case 'd': SetOption(OPT_DESTINATION, c, inv, IPT_INV_DSTIP); cs_.dsts = SplitComma(*optarg); return true;
    case 'i':
      ParseInterface(c, *optarg, inv, OPT_VIANAMEIN, IPT_INV_VIA_IN, ip.iniface, ip.iniface_mask);
      return true;
    case 'o':
      ParseInterface(c, *optarg, inv, OPT_VIANAMEOUT, IPT_INV_VIA_OUT, ip.outiface, ip.outiface_mask);
      return true;
    case 'f':
      SetOption(OPT_FRAGMENT, c, inv, IPT_INV_FRAG);
      ip.flags |= IPT_F_FRAG;
      return true;
    case 'g':
    case 'j': CommandJump(c, *optarg, inv); return true;
    case 'm': CommandMatch(*optarg, inv); return true;
    default: return false;
  }
}

// the display, table, counter and program options
void Parser::ParseOtherOption(char c, const std::string* optarg, bool inv, const std::string& optname) {
  switch (c) {
    case 'n': SetOption(OPT_NUMERIC, c, inv, 0); break;
    case 'v': cs_.options |= OPT_VERBOSE; break;
    case 'x': SetOption(OPT_EXPANDED, c, inv, 0); break;
    case '0': SetOption(OPT_LINENUMBERS, c, inv, 0); break;
    case 't':
      if (inv) Fail("unexpected ! flag before --table");
      if (restore_) Fail("The -t option cannot be used in iptables-restore.\n", true);
      cs_.table = *optarg;
      break;
    case 'c':
      SetOption(OPT_COUNTERS, c, inv, 0);
      ParseChangeCountersRule(*optarg);
      break;
    case 'w': case 'W': case 'M': case '4': break;
    case '6': Fail("This is the IPv4 version of iptables.");
    case 'V':
      ctx_.Out(std::string("iptables v") + kVersion + " (legacy)\n");
      throw XtError{0, "", false, false};
    case 'h':
      ctx_.Out(std::string("iptables v") + kVersion + "\n\n");
      throw XtError{0, "", false, false};
    default:
      Fail("unknown option \"" + optname + "\"");
  }
}

void Parser::AddCommand(unsigned newcmd, char c, bool inv) {
  if (inv) Fail("unexpected ! flag");
  const unsigned both = cs_.command | newcmd;
  if (cs_.command && !(both == (CMD_LIST | CMD_ZERO) || both == (CMD_LIST_RULES | CMD_ZERO) ||
                       both == (CMD_LIST | CMD_ZERO_NUM)))
    Fail(std::string("Cannot use -") + c + " with -" + cs_.cmdchar);
  cs_.command |= newcmd;
  cs_.cmdchar = c;
}

void Parser::SetOption(unsigned opt, char c, bool inv, uint8_t invflag) {
  if (cs_.options & opt) Fail(std::string("multiple -") + c + " flags not allowed");
  cs_.options |= opt;
  if (inv) {
    if (!invflag) Fail(std::string("cannot have ! before -") + c);
    cs_.fw.ip.invflags |= invflag;
  }
}

// -i / -o
void Parser::ParseInterface(char c, const std::string& s, bool inv, unsigned opt, uint8_t invflag, char* name,
                            uint8_t* mask) {
  if (s.empty()) Fail("Empty interface is likely to be undesired");
  SetOption(opt, c, inv, invflag);
  ParseIface(s, name, mask);
}

// -j / -g: a standard verdict or chain name is kept as a name; an extension target is loaded
void Parser::CommandJump(char c, const std::string& optarg, bool inv) {
  if (c == 'g') {
    if (inv) Fail("cannot have ! before -g");
    cs_.fw.ip.flags |= IPT_F_GOTO;
  }
  SetOption(OPT_JUMP, c, inv, 0);
  cs_.jumpto = optarg;
  if (c == 'g' && cs_.jumpto.empty()) Fail("Illegal target name ''");
  const XtExt* e = XtFindExtUser(cs_.jumpto, true);
  if (e && !IsStdTarget(cs_.jumpto) && e != &xt_standard_target && e != &xt_error_target) {
    cs_.target = InitExt(e);
    cs_.have_target_ext = true;
  }
}

// -m
void Parser::CommandMatch(const std::string& name, bool inv) {
  if (inv) Fail("unexpected ! flag before --match");
  const XtExt* e = XtFindExtUser(name, false);
  if (!e) Fail("Couldn't load match `" + name + "':No such file or directory\n", true);
  cs_.matches.push_back(InitExt(e));
  if (cs_.fw.ip.proto && ProtoName(cs_.fw.ip.proto, false) == name) cs_.proto_used = true;
}

// -c PKTS BYTES
void Parser::ParseChangeCountersRule(const std::string& optarg) {
  char* end;
  cs_.cnt.pcnt = std::strtoull(optarg.c_str(), &end, 10);
  if (*end) Fail("-c packet counter not numeric");
  if (i_ >= args_.size()) Fail("-c requires packet and byte counter");
  cs_.cnt.bcnt = std::strtoull(args_[i_].c_str(), &end, 10);
  if (*end) Fail("-c byte counter not numeric");
  i_++;
}

// the loaded extensions' options. xtables_merge_options puts a newly loaded extension's options
// before the older ones, so with two instances of one match (-m ttl --ttl-gt 1 -m ttl --ttl-lt 9)
// the latest wins
ExtHit Parser::ExtLookup(const std::string& name, bool prefix) {
  ExtHit hit;
  for (auto m = cs_.matches.rbegin(); m != cs_.matches.rend(); ++m) {
    VisitExtOpts(&*m, name, prefix, &hit);
    if (!prefix && hit.n) return hit;
  }
  if (cs_.have_target_ext) VisitExtOpts(&cs_.target, name, prefix, &hit);
  return hit;
}

// load_proto: the protocol's own match, once
bool Parser::LoadProto() {
  const IptIp& ip = cs_.fw.ip;
  if (!ip.proto || cs_.proto_used || (ip.invflags & IPT_INV_PROTO)) return false;
  cs_.proto_used = true;
  const XtExt* e = XtFindExtUser(ProtoName(ip.proto, false), false);
  if (!e) return false;
  cs_.matches.push_back(InitExt(e));
  return true;
}

// command_default: an option of a loaded extension, handed to its parser
void Parser::CommandDefault(const ExtHit& hit, const std::string* attached) {
  const XtOpt* found = hit.opt;
  std::string arg;
  if (found->has_arg) arg = TakeArg(found->name, attached);
  XtParseCtx pc;
  pc.id = found->id;
  pc.arg = found->has_arg ? arg.c_str() : nullptr;
  pc.invert = invert_;
  invert_ = false;
  pc.data = hit.ext->data.data();
  pc.flags = &hit.ext->flags;
  pc.ip = &cs_.fw.ip;
  pc.args = &args_;
  pc.argi = &i_;
  if (hit.ext->ext->parse && hit.ext->ext->parse(pc) != 0) Fail(pc.err, pc.err_blank);
}

// an optional positional word after -L/-D/-I ...
const std::string* Parser::NextArgOpt() {
  if (i_ < args_.size() && !args_[i_].empty() && args_[i_][0] != '-' && args_[i_][0] != '!') return &args_[i_++];
  return nullptr;
}

const std::string& Parser::NextArgOrFail(const char* msg) {
  if (const std::string* a = NextArgOpt()) return *a;
  Fail(msg);
}

// the argument of a long option: attached with `=', or the next word
std::string Parser::TakeArg(const std::string& name, const std::string* attached) {
  if (attached) return *attached;
  if (i_ < args_.size()) return args_[i_++];
  Fail("option \"--" + name + "\" requires an argument");
}

// xtables_option_mfcall / tfcall: an extension's final check
void OptionFinalCheck(Loaded& l, const IptIp* ip) {
  if (!l.ext->final_check) return;
  XtParseCtx pc;
  pc.data = l.data.data();
  pc.flags = &l.flags;
  pc.ip = ip;
  if (l.ext->final_check(pc) != 0) Fail(pc.err, pc.err_blank);
}

// generic_opt_check: the rule's options only go with the rule commands
void GenericOptCheck(unsigned command, unsigned options) {
  if (command & kRuleCmds) return;
  static const struct {
    unsigned opt;
    const char* name;
  } kRuleOpts[] = {{OPT_SOURCE, "-s"},  {OPT_DESTINATION, "-d"}, {OPT_PROTOCOL, "-p"},  {OPT_JUMP, "-j"},
                   {OPT_VIANAMEIN, "-i"}, {OPT_VIANAMEOUT, "-o"}, {OPT_FRAGMENT, "-f"}};
  for (auto& r : kRuleOpts)
    if (options & r.opt) Fail(std::string("Illegal option `") + r.name + "' with this command");
}

// ipv4_post_parse: no output interface before routing, no input interface after it
void CheckViaForChain(const CommandState& cs) {
  if (!(cs.command & kRuleCmds)) return;
  if ((cs.chain == "PREROUTING" || cs.chain == "INPUT") && (cs.options & OPT_VIANAMEOUT))
    Fail("Can't use -o with " + cs.chain + "\n", true);
  if ((cs.chain == "POSTROUTING" || cs.chain == "OUTPUT") && (cs.options & OPT_VIANAMEIN))
    Fail("Can't use -i with " + cs.chain + "\n", true);
}

void CheckChainNameLength(const std::string& name) {
  if (name.size() >= XT_EXTENSION_MAXNAMELEN)
    Fail("chain name `" + name + "' too long (must be under " + std::to_string(XT_EXTENSION_MAXNAMELEN) +
         " chars)");
}

// parse_chain for the name -N or -E gives, then the length of the chain named
void CheckChainNames(const CommandState& cs) {
  if (cs.command & (CMD_NEW_CHAIN | CMD_RENAME_CHAIN)) {
    const std::string& nm = cs.command == CMD_NEW_CHAIN ? cs.chain : cs.newname;
    CheckChainNameLength(nm);
    if (!nm.empty() && nm[0] == '-') Fail("chain name not allowed to start with `-'");
    if (IsStdTarget(nm) || XtFindExtUser(nm, true)) Fail("chain name may not clash with target name");
  }
  CheckChainNameLength(cs.chain);
}

// do_parse: argv into a CommandState, checked; *table_out gets the table once a command is known
CommandState DoParse(CmdCtx& ctx, const std::vector<std::string>& args, const std::string& table_default,
                     bool restore, std::string* table_out) {
  CommandState cs;
  cs.table = table_default;
  Parser(ctx, args, restore, cs).Parse();
  if (!cs.command) Fail("no command specified");
  if (table_out) *table_out = cs.table;
  for (auto& m : cs.matches) OptionFinalCheck(m, &cs.fw.ip);
  if (cs.have_target_ext) OptionFinalCheck(cs.target, &cs.fw.ip);
  GenericOptCheck(cs.command, cs.options);
  CheckViaForChain(cs);
  CheckChainNames(cs);
  return cs;
}

// ---- do_command4 ----

// one command at work on its table
struct Exec {
  CmdCtx& ctx;
  Handle& h;
  const CommandState& cs;
  bool verbose;
  std::vector<Rule> rules;  // a rule command's rules, one per source x destination
  unsigned rulenum;         // where the next rule goes (-I moves it on)
  bool modified = false;    // the table needs a commit
};

CmdOutcome Failed(int err, int op) { return CmdOutcome{false, err, op}; }

// the command's chain, or every chain when it names none
bool Selected(const CommandState& cs, const Chain& c) { return cs.chain.empty() || cs.chain == c.name; }

void ZeroChain(Chain& c) {
  c.counters = {};
  for (auto& r : c.rules) r.counters = {};
}

// the rule's target: a standard verdict, a chain, or the loaded extension
void SetRuleTarget(Handle& h, const CommandState& cs, Rule* r) {
  const std::string& jumpto = cs.jumpto;
  if (jumpto.empty()) {
    r->kind = Rule::FALLTHROUGH;
  } else if (IsStdTarget(jumpto)) {
    r->kind = Rule::VERDICT;
    r->verdict = StdVerdict(jumpto);
  } else if (h.Find(jumpto)) {
    r->kind = Rule::JUMP;
    r->jump = jumpto;
  } else if (cs.have_target_ext) {
    r->kind = Rule::MODULE;
    r->target = RuleExt{cs.target.ext, cs.target.data};
  } else {
    Fail("Couldn't load target `" + jumpto + "':No such file or directory\n", true);
  }
  if (r->kind != Rule::JUMP && (cs.fw.ip.flags & IPT_F_GOTO) && r->kind != Rule::FALLTHROUGH) {
    // goto is only for chains
    Fail("goto '" + jumpto + "' is not a chain");
  }
}

// generate_entry, once for each source and destination address
std::vector<Rule> GenerateEntries(Handle& h, const CommandState& cs, const XtCounters* set_counters) {
  Rule base = cs.fw;
  for (auto& m : cs.matches) base.matches.push_back(RuleExt{m.ext, m.data});
  SetRuleTarget(h, cs, &base);
  if (set_counters) base.counters = *set_counters;
  if (cs.options & OPT_COUNTERS) base.counters = cs.cnt;
  const std::vector<std::string> any{""};
  const std::vector<std::string>& srcs = cs.srcs.empty() ? any : cs.srcs;
  const std::vector<std::string>& dsts = cs.dsts.empty() ? any : cs.dsts;
  std::vector<Rule> rules;
  for (auto& s : srcs)
    for (auto& d : dsts) {
      Rule r = base;
      if (!s.empty()) ParseAddr(s, &r.ip.src, &r.ip.smsk);
      if (!d.empty()) ParseAddr(d, &r.ip.dst, &r.ip.dmsk);
      rules.push_back(std::move(r));
    }
  return rules;
}

// what a rule command does with one of its rules (the libiptc call of append_entry, ...)
using EntryEdit = CmdOutcome (*)(Exec& x, Chain& c, const Rule& r);

// the loop of append_entry, insert_entry, ...: each rule is printed under -v
// (print_firewall_line) and, unless it jumps to a builtin chain, edited into the chain
CmdOutcome ForEachEntry(Exec& x, EntryEdit edit) {
  Chain* c = x.h.Find(x.cs.chain);
  if (!c) return Failed(ENOENT, OP_NONE);
  for (const Rule& r : x.rules) {
    if (x.verbose) {
      std::string line;
      PrintFirewall(r, 0, FMT_NOCOUNTS | FMT_OPTIONS | FMT_VIA | FMT_NUMERIC | FMT_NOTABLE, line);
      x.ctx.Out(line);
    }
    if (r.kind == Rule::JUMP) {
      Chain* t = x.h.Find(r.jump);
      if (t && t->builtin()) return Failed(EINVAL, OP_NONE);
    }
    CmdOutcome o = edit(x, *c, r);
    if (!o.ok) return o;
  }
  x.modified = x.cs.command != CMD_CHECK;
  return {};
}

CmdOutcome AppendEntry(Exec&, Chain& c, const Rule& r) {
  c.rules.push_back(r);
  return {};
}

CmdOutcome InsertEntry(Exec& x, Chain& c, const Rule& r) {
  if (x.rulenum > c.rules.size() + 1) return Failed(E2BIG, OP_INSERT);
  c.rules.insert(c.rules.begin() + (x.rulenum - 1), r);
  x.rulenum++;
  return {};
}

CmdOutcome ReplaceEntry(Exec& x, Chain& c, const Rule& r) {
  if (x.rulenum > c.rules.size()) return Failed(E2BIG, OP_REPLACE);
  c.rules[x.rulenum - 1] = r;
  return {};
}

std::vector<Rule>::iterator FindSameRule(Chain& c, const Rule& r) {
  return std::find_if(c.rules.begin(), c.rules.end(), [&](const Rule& x) { return SameRule(x, r); });
}

// iptc_strerror picks its message by the last libiptc call: mapping a jump or an extension
// target leaves the generic ENOENT text
CmdOutcome NoSuchRule(const Rule& r) {
  return Failed(ENOENT, (r.kind == Rule::JUMP || r.kind == Rule::MODULE) ? OP_NONE : OP_DELETE);
}

CmdOutcome CheckEntry(Exec&, Chain& c, const Rule& r) {
  if (FindSameRule(c, r) == c.rules.end()) return NoSuchRule(r);
  return {};
}

CmdOutcome DeleteEntry(Exec&, Chain& c, const Rule& r) {
  auto it = FindSameRule(c, r);
  if (it == c.rules.end()) return NoSuchRule(r);
  c.rules.erase(it);
  return {};
}

// iptc_delete_num_entry
CmdOutcome DeleteNumEntry(Exec& x) {
  Chain* c = x.h.Find(x.cs.chain);
  if (!c) return Failed(ENOENT, OP_NONE);
  if (x.cs.rulenum > c->rules.size()) return Failed(E2BIG, OP_DELETE_NUM);
  c->rules.erase(c->rules.begin() + (x.cs.rulenum - 1));
  x.modified = true;
  return {};
}

// what flush_entries, zero_entries and iptc_zero_counter do to one chain
using ChainEdit = CmdOutcome (*)(Exec& x, Chain& c);

// for_each_chain4: the chain the command names, or every chain when it names none
CmdOutcome ForEachChain(Exec& x, ChainEdit edit) {
  if (!x.cs.chain.empty() && !x.h.Find(x.cs.chain)) return Failed(ENOENT, OP_NONE);
  for (auto& c : x.h.chains) {
    if (!Selected(x.cs, c)) continue;
    CmdOutcome o = edit(x, c);
    if (!o.ok) return o;
  }
  x.modified = true;
  return {};
}

CmdOutcome FlushEntries(Exec& x, Chain& c) {
  if (x.verbose) x.ctx.Out("Flushing chain `" + c.name + "'\n");
  c.rules.clear();
  return {};
}

CmdOutcome ZeroEntries(Exec& x, Chain& c) {
  if (x.verbose) x.ctx.Out("Zeroing chain `" + c.name + "'\n");
  ZeroChain(c);
  return {};
}

// iptc_zero_counter
CmdOutcome ZeroCounter(Exec& x, Chain& c) {
  if (x.cs.rulenum > c.rules.size()) return Failed(E2BIG, OP_ZERO_NUM);
  c.rules[x.cs.rulenum - 1].counters = {};
  return {};
}

unsigned ListFormat(unsigned options) {
  unsigned format = FMT_OPTIONS;
  if (!(options & OPT_VERBOSE)) format |= FMT_NOCOUNTS;
  else format |= FMT_VIA;
  if (options & OPT_NUMERIC) format |= FMT_NUMERIC;
  if (!(options & OPT_EXPANDED)) format |= FMT_KILOMEGAGIGA;
  if (options & OPT_LINENUMBERS) format |= FMT_LINENUMBERS;
  return format;
}

// -L (with -Z: the listed chains are zeroed afterwards)
CmdOutcome ListEntries(Exec& x) {
  const unsigned format = ListFormat(x.cs.options);
  const unsigned rulenum = x.cs.rulenum;
  bool found = false;
  std::string out;
  for (auto& c : x.h.chains) {
    if (!Selected(x.cs, c)) continue;
    if (found) out += "\n";
    if (!rulenum) PrintHeader(x.h, c, format, out);
    unsigned num = 0;
    for (auto& r : c.rules) {
      num++;
      if (!rulenum || num == rulenum) PrintFirewall(r, num, format, out);
    }
    found = true;
  }
  x.ctx.Out(out);
  if (!found) return Failed(ENOENT, OP_NONE);
  if (x.cs.command & (CMD_ZERO | CMD_ZERO_NUM)) return ForEachChain(x, ZeroEntries);
  return {};
}

// -S (with -Z: every chain of the table is zeroed afterwards)
CmdOutcome ListRules(Exec& x) {
  const unsigned rulenum = x.cs.rulenum;
  std::string out;
  bool found = false;
  for (auto& c : x.h.chains) {
    if (!Selected(x.cs, c)) continue;
    found = true;
    if (rulenum) continue;
    if (c.builtin()) {
      out += "-P " + c.name + " " + PolicyName(c);
      if (x.verbose) out += " -c " + std::to_string(c.counters.pcnt) + " " + std::to_string(c.counters.bcnt);
      out += "\n";
    } else {
      out += "-N " + c.name + "\n";
    }
  }
  for (auto& c : x.h.chains) {
    if (!Selected(x.cs, c)) continue;
    unsigned num = 0;
    for (auto& r : c.rules) {
      num++;
      if (rulenum && num != rulenum) continue;
      SaveRule(x.h, c, r, out, x.verbose);
      out += "\n";
    }
  }
  x.ctx.Out(out);
  if (!found) return Failed(ENOENT, OP_NONE);
  if (x.cs.command & CMD_ZERO) {
    for (auto& c : x.h.chains) ZeroChain(c);
    x.modified = true;
  }
  return {};
}

// iptc_create_chain
CmdOutcome NewChain(Exec& x) {
  if (x.h.Find(x.cs.chain)) return Failed(EEXIST, OP_NEW_CHAIN);
  Chain c;
  c.name = x.cs.chain;
  x.h.InsertUserChain(c);
  x.modified = true;
  return {};
}

// why iptc_delete_chain refuses a chain, or 0
int DeleteChainError(Handle& h, const Chain* c, const std::string& name) {
  if (!c) return ENOENT;
  if (c->builtin()) return EINVAL;
  if (h.References(name)) return EMLINK;
  if (!c->rules.empty()) return ENOTEMPTY;
  return 0;
}

// delete_chain4: the chain named, or every user chain; the chains that could go are gone (and
// committed) even when one of them could not
CmdOutcome DeleteChain(Exec& x) {
  std::vector<std::string> names;
  if (!x.cs.chain.empty()) {
    names.push_back(x.cs.chain);
  } else {
    for (auto& c : x.h.chains)
      if (!c.builtin()) names.push_back(c.name);
  }
  int err = 0;
  for (auto& n : names) {
    Chain* c = x.h.Find(n);
    if (int e = DeleteChainError(x.h, c, n)) {
      err = e;
      continue;
    }
    if (x.verbose) x.ctx.Out("Deleting chain `" + n + "'\n");
    x.h.chains.erase(x.h.chains.begin() + (c - x.h.chains.data()));
    x.modified = true;
  }
  if (!err) return {};
  if (x.modified) {
    if (int ce = IptcCommit(x.h)) return Failed(ce, OP_NONE);
  }
  return Failed(err, OP_NONE);
}

// iptc_rename_chain: the jumps to the chain follow it
CmdOutcome RenameChain(Exec& x) {
  const std::string& from = x.cs.chain;
  const std::string& to = x.cs.newname;
  Chain* c = x.h.Find(from);
  if (x.h.Find(to)) return Failed(EEXIST, OP_NONE);
  if (!c) return Failed(ENOENT, OP_NONE);
  if (c->builtin()) return Failed(EINVAL, OP_NONE);
  Chain moved = *c;
  x.h.chains.erase(x.h.chains.begin() + (c - x.h.chains.data()));
  moved.name = to;
  for (auto& cc : x.h.chains)
    for (auto& r : cc.rules)
      if (r.kind == Rule::JUMP && r.jump == from) r.jump = to;
  for (auto& r : moved.rules)
    if (r.kind == Rule::JUMP && r.jump == from) r.jump = to;
  x.h.InsertUserChain(moved);
  x.modified = true;
  return {};
}

// iptc_set_policy
CmdOutcome SetPolicy(Exec& x) {
  Chain* c = x.h.Find(x.cs.chain);
  if (!c || !c->builtin()) return Failed(ENOENT, OP_POLICY);
  if (x.cs.policy != "ACCEPT" && x.cs.policy != "DROP") return Failed(EINVAL, OP_POLICY);
  c->policy = StdVerdict(x.cs.policy);
  if (x.cs.options & OPT_COUNTERS) {
    c->counters = x.cs.cnt;
    c->counters_set = true;
  }
  x.modified = true;
  return {};
}

// do_command4 after do_parse: the handle, the rules, the command, the commit
CmdOutcome DoCommand4(CmdCtx& ctx, const CommandState& cs, std::unique_ptr<Handle>* hp, bool restore,
                      const XtCounters* set_counters) {
  if (!*hp) {  // TC_INIT
    int err = 0;
    *hp = IptcInit(ctx.net, cs.table, &err);
    if (!*hp)
      throw XtError{3, "can't initialize iptables table `" + cs.table + "': Table does not exist (do you need to insmod?)\nPerhaps iptables or your kernel needs to be upgraded.", false, false};
  }
  Exec x{ctx, **hp, cs, (cs.options & OPT_VERBOSE) != 0, {}, cs.rulenum};
  if (cs.command & kRuleCmds) x.rules = GenerateEntries(x.h, cs, set_counters);
  CmdOutcome o;
  switch (cs.command) {
    case CMD_APPEND: o = ForEachEntry(x, AppendEntry); break;
    case CMD_INSERT: o = ForEachEntry(x, InsertEntry); break;
    case CMD_REPLACE: o = ForEachEntry(x, ReplaceEntry); break;
    case CMD_CHECK: o = ForEachEntry(x, CheckEntry); break;
    case CMD_DELETE: o = ForEachEntry(x, DeleteEntry); break;
    case CMD_DELETE_NUM: o = DeleteNumEntry(x); break;
    case CMD_LIST:
    case CMD_LIST | CMD_ZERO:
    case CMD_LIST | CMD_ZERO_NUM: o = ListEntries(x); break;
    case CMD_LIST_RULES:
    case CMD_LIST_RULES | CMD_ZERO: o = ListRules(x); break;
    case CMD_FLUSH: o = ForEachChain(x, FlushEntries); break;
    case CMD_ZERO: o = ForEachChain(x, ZeroEntries); break;
    case CMD_ZERO_NUM: o = ForEachChain(x, ZeroCounter); break;
    case CMD_NEW_CHAIN: o = NewChain(x); break;
    case CMD_DELETE_CHAIN: o = DeleteChain(x); break;
    case CMD_RENAME_CHAIN: o = RenameChain(x); break;
    case CMD_SET_POLICY: o = SetPolicy(x); break;
    default: Fail("Unknown command");
  }
  if (!o.ok || !x.modified || restore) return o;
  if (int err = IptcCommit(x.h)) return Failed(err, OP_NONE);
  return o;
}

}  // namespace

CmdOutcome DoCommand(CmdCtx& ctx, const std::vector<std::string>& args, std::unique_ptr<Handle>* hp,
                     const std::string& table_default, bool restore, const XtCounters* set_counters,
                     std::string* table_out) {
  CommandState cs = DoParse(ctx, args, table_default, restore, table_out);
  return DoCommand4(ctx, cs, hp, restore, set_counters);
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
