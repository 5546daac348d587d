// libiptc (libiptc/libiptc.c) and the parts of iptables/iptables.c + xshared.c that the three
// tools share: reading the kernel blob into chains, compiling it back, the rule parser and printers.
#include "cli/iptables_lib.h"

#include "ns3/simulator.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <map>

#include "net/netfilter/ip_tables.h"
#include "sim/addr.h"
#include "net/core/net_namespace.h"

namespace linuxnet {
namespace ipt {

const char* const kHookChainNames[NF_INET_NUMHOOKS] = {"PREROUTING", "INPUT", "FORWARD", "OUTPUT", "POSTROUTING"};

Chain* Handle::Find(const std::string& name) {
  for (auto& c : chains)
    if (c.name == name) return &c;
  return nullptr;
}

unsigned Handle::References(const std::string& name) const {
  unsigned n = 0;
  for (auto& c : chains)
    for (auto& r : c.rules)
      if (r.kind == Rule::JUMP && r.jump == name) n++;
  return n;
}

// iptcc_chain_insert: user chains are kept sorted after the builtins
void Handle::InsertUserChain(Chain c) {
  auto it = chains.begin();
  while (it != chains.end() && (it->builtin() || it->name < c.name)) ++it;
  chains.insert(it, std::move(c));
}

static RuleExt ExtFromBlob(const XtEntryExt* x) {
  RuleExt r;
  r.ext = x->ext;
  r.data.assign(x->data(), x->data() + x->ext->size);
  return r;
}

// TC_INIT + parse_table: the blob read back into chains and rules
std::unique_ptr<Handle> IptcInit(NetNs* net, const std::string& table, int* err) {
  XtTable* t = XtFindTableLock(net, table);
  if (!t) {
    *err = ENOENT;
    return nullptr;
  }
  auto h = std::make_unique<Handle>();
  h->net = net;
  h->table = table;
  h->valid_hooks = t->valid_hooks;
  const XtTableInfo* info = t->priv.get();
  // chain starts by offset
  std::map<unsigned, std::string> start_of;   // first-rule offset → chain name
  std::vector<std::pair<unsigned, Chain>> pending;
  for (unsigned hk = 0; hk < NF_INET_NUMHOOKS; hk++) {
    if (!(t->valid_hooks & (1u << hk))) continue;
    start_of[info->hook_entry[hk]] = kHookChainNames[hk];
  }
  for (unsigned off = 0; off < info->size;) {
    const IptEntry* e = info->at(off);
    const XtEntryExt* tg = e->target();
    if (tg->ext == &xt_error_target) {
      const char* nm = reinterpret_cast<const XtErrorInfo*>(tg->data())->errorname;
      if (std::strcmp(nm, "ERROR") != 0) start_of[off + e->next_offset] = nm;
    }
    off += e->next_offset;
  }
  Chain* cur = nullptr;
  for (unsigned off = 0; off < info->size;) {
    const IptEntry* e = info->at(off);
    const XtEntryExt* tg = e->target();
    unsigned next = off + e->next_offset;
    int hook = -1;
    for (unsigned hk = 0; hk < NF_INET_NUMHOOKS; hk++)
      if ((t->valid_hooks & (1u << hk)) && info->hook_entry[hk] == off) hook = static_cast<int>(hk);
    if (hook >= 0) {
      Chain c;
      c.name = kHookChainNames[hook];
      c.hook = hook;
      h->chains.push_back(c);
      cur = &h->chains.back();
    }
    if (tg->ext == &xt_error_target) {
      const char* nm = reinterpret_cast<const XtErrorInfo*>(tg->data())->errorname;
      if (std::strcmp(nm, "ERROR") != 0) {
        Chain c;
        c.name = nm;
        h->chains.push_back(c);
        cur = &h->chains.back();
      }
      off = next;
      continue;
    }
    bool is_underflow = false;
    for (unsigned hk = 0; hk < NF_INET_NUMHOOKS; hk++)
      if ((t->valid_hooks & (1u << hk)) && info->underflow[hk] == off) is_underflow = true;
    const XtStandardInfo* sv = reinterpret_cast<const XtStandardInfo*>(tg->data());
    if (cur && is_underflow && cur->builtin()) {
      cur->policy = sv->verdict;
      cur->counters = e->counters;
      off = next;
      continue;
    }
    // the RETURN closing a user chain: the entry right before the next ERROR entry
    if (cur && !cur->builtin() && tg->ext == &xt_standard_target && sv->verdict == XT_RETURN &&
        next < info->size && info->at(next)->target()->ext == &xt_error_target) {
      static const IptIp uncond{};
      if (e->target_offset == sizeof(IptEntry) && std::memcmp(&e->ip, &uncond, sizeof(uncond)) == 0) {
        off = next;
        continue;
      }
    }
    if (!cur) {
      off = next;
      continue;
    }
    Rule r;
    r.ip = e->ip;
    r.ip.flags &= ~IPT_F_GOTO;
    r.counters = e->counters;
    for (const uint8_t* m = e->elems(); m < reinterpret_cast<const uint8_t*>(e) + e->target_offset;) {
      const XtEntryExt* em = reinterpret_cast<const XtEntryExt*>(m);
      r.matches.push_back(ExtFromBlob(em));
      m += em->ext_size;
    }
    if (tg->ext == &xt_standard_target) {
      if (sv->verdict < 0) {
        r.kind = Rule::VERDICT;
        r.verdict = sv->verdict;
      } else if (static_cast<unsigned>(sv->verdict) == next && !(e->ip.flags & IPT_F_GOTO)) {
        r.kind = Rule::FALLTHROUGH;
      } else {
        r.kind = Rule::JUMP;
        auto it = start_of.find(static_cast<unsigned>(sv->verdict));
        r.jump = it != start_of.end() ? it->second : "";
        if (e->ip.flags & IPT_F_GOTO) r.ip.flags |= IPT_F_GOTO;
      }
    } else {
      r.kind = Rule::MODULE;
      r.target = ExtFromBlob(tg);
    }
    cur->rules.push_back(std::move(r));
    off = next;
  }
  return h;
}

// TC_COMMIT: compile the chains into a blob (builtins in hook order, user chains each headed by
// an ERROR entry and closed by a RETURN, a final ERROR entry) and replace the table.
static size_t ExtBytes(const XtExt* e) { return XtAlign(sizeof(XtEntryExt) + e->size); }

static std::unique_ptr<XtTableInfo> Compile(Handle& h) {
  auto info = std::make_unique<XtTableInfo>();
  const size_t std_sz = sizeof(IptEntry) + ExtBytes(&xt_standard_target);
  const size_t err_sz = sizeof(IptEntry) + ExtBytes(&xt_error_target);
  auto rule_size = [&](const Rule& r) {
    size_t s = sizeof(IptEntry);
    for (auto& m : r.matches) s += ExtBytes(m.ext);
    s += r.kind == Rule::MODULE ? ExtBytes(r.target.ext) : ExtBytes(&xt_standard_target);
    return s;
  };
  // pass 1: offsets
  std::map<std::string, unsigned> first_rule;
  size_t off = 0;
  unsigned number = 0;
  for (auto& c : h.chains) {
    if (!c.builtin()) {
      off += err_sz;
      number++;
    }
    first_rule[c.name] = static_cast<unsigned>(off);
    for (auto& r : c.rules) {
      off += rule_size(r);
      number++;
    }
    off += std_sz;  // policy or RETURN
    number++;
  }
  off += err_sz;
  number++;
  info->size = static_cast<unsigned>(off);
  info->number = number;
  info->blob.assign(off / 8, 0);
  // pass 2: entries
  unsigned pos = 0;
  auto put_ext = [&](uint8_t* p, const XtExt* ext, const void* data, size_t len) {
    XtEntryExt* x = reinterpret_cast<XtEntryExt*>(p);
    x->ext_size = static_cast<uint16_t>(ExtBytes(ext));
    x->revision = ext->revision;
    std::strncpy(x->name, ext->name, sizeof(x->name) - 1);
    x->ext = ext;
    if (len) std::memcpy(x->data(), data, std::min<size_t>(len, ext->size));
    return x->ext_size;
  };
  auto put_std = [&](const IptIp* ip, int verdict, const XtCounters& cnt) {
    IptEntry* e = info->at(pos);
    if (ip) e->ip = *ip;
    e->target_offset = sizeof(IptEntry);
    XtStandardInfo v{verdict, 0};
    e->next_offset = static_cast<uint16_t>(sizeof(IptEntry) + put_ext(e->elems(), &xt_standard_target, &v, sizeof(v)));
    e->counters = cnt;
    pos += e->next_offset;
  };
  auto put_err = [&](const std::string& name) {
    IptEntry* e = info->at(pos);
    e->target_offset = sizeof(IptEntry);
    XtErrorInfo er{};
    std::strncpy(er.errorname, name.c_str(), sizeof(er.errorname) - 1);
    e->next_offset = static_cast<uint16_t>(sizeof(IptEntry) + put_ext(e->elems(), &xt_error_target, &er, sizeof(er)));
    pos += e->next_offset;
  };
  for (auto& c : h.chains) {
    if (!c.builtin()) put_err(c.name);
    if (c.builtin()) info->hook_entry[c.hook] = pos;
    for (auto& r : c.rules) {
      IptEntry* e = info->at(pos);
      e->ip = r.ip;
      e->counters = r.counters;
      uint8_t* p = e->elems();
      for (auto& m : r.matches) p += put_ext(p, m.ext, m.data.data(), m.data.size());
      e->target_offset = static_cast<uint16_t>(p - reinterpret_cast<uint8_t*>(e));
      if (r.kind == Rule::MODULE) {
        p += put_ext(p, r.target.ext, r.target.data.data(), r.target.data.size());
      } else {
        int v = 0;
        unsigned esz = static_cast<unsigned>(rule_size(r));
        if (r.kind == Rule::VERDICT) v = r.verdict;
        else if (r.kind == Rule::FALLTHROUGH) v = static_cast<int>(pos + esz);
        else v = static_cast<int>(first_rule[r.jump]);
        XtStandardInfo sv{v, 0};
        p += put_ext(p, &xt_standard_target, &sv, sizeof(sv));
      }
      e->next_offset = static_cast<uint16_t>(p - reinterpret_cast<uint8_t*>(e));
      pos += e->next_offset;
    }
    if (c.builtin()) {
      info->underflow[c.hook] = pos;
      put_std(nullptr, c.policy, c.counters_set ? c.counters : XtCounters{});
    } else {
      put_std(nullptr, XT_RETURN, XtCounters{});
    }
  }
  put_err("ERROR");
  return info;
}

int IptcCommit(Handle& h) {
  int err = IptDoReplace(h.net, h.table, Compile(h));
  return err < 0 ? -err : 0;
}

// ---------------------------------------------------------------------------------------------
// Printing helpers

std::string IpMaskNumeric(uint32_t mask) {
  if (mask == 0xffffffffu) return "";
  int bits = 0;
  uint32_t m = mask;
  while (m & 0x80000000u) {
    bits++;
    m <<= 1;
  }
  if (m == 0) return "/" + std::to_string(bits);
  return "/" + IpStr(mask);
}

// getprotobynumber over /etc/protocols for the numbers iptables users meet
static const struct { uint16_t num; const char* name; } kProtos[] = {
    {1, "icmp"}, {2, "igmp"}, {4, "ipencap"}, {6, "tcp"}, {17, "udp"}, {41, "ipv6"}, {47, "gre"},
    {50, "esp"}, {51, "ah"}, {58, "ipv6-icmp"}, {89, "ospf"}, {103, "pim"}, {112, "vrrp"},
    {132, "sctp"}, {136, "udplite"}, {33, "dccp"}, {135, "mobility-header"}};

std::string ProtoName(uint16_t proto, bool numeric) {
  if (numeric) return std::to_string(proto);
  if (proto == 0) return "all";
  for (auto& p : kProtos)
    if (p.num == proto) return p.name;
  return std::to_string(proto);
}

bool ParseProto(const std::string& s, uint16_t* out) {
  char* end;
  unsigned long v = std::strtoul(s.c_str(), &end, 10);
  if (!s.empty() && *end == 0 && v <= 255) {
    *out = static_cast<uint16_t>(v);
    return true;
  }
  std::string l = s;
  for (auto& ch : l) ch = static_cast<char>(std::tolower(ch));
  if (l == "all") {
    *out = 0;
    return true;
  }
  for (auto& p : kProtos)
    if (l == p.name) {
      *out = p.num;
      return true;
    }
  if (l == "icmpv6") { *out = 58; return true; }
  return false;
}

std::string PortName(uint16_t port, const char* proto, bool numeric) { return XtPortName(port, proto, numeric); }

std::string RuleTargetName(const Rule& r) {
  switch (r.kind) {
    case Rule::FALLTHROUGH: return "";
    case Rule::JUMP: return r.jump;
    case Rule::MODULE: return r.target.ext->name;
    case Rule::VERDICT:
      switch (-r.verdict - 1) {
        case NF_ACCEPT: return "ACCEPT";
        case NF_DROP: return "DROP";
        case NF_QUEUE: return "QUEUE";
        case NF_REPEAT: return "RETURN";
        default: return "UNKNOWN";
      }
  }
  return "";
}

static void SaveIp(const char* opt, uint32_t a, uint32_t m, bool inv, std::string& out) {
  if (!m && !a && !inv) return;
  out += inv ? " ! " : " ";
  out += opt;
  out += " " + IpStr(a);
  std::string mk = IpMaskNumeric(m);
  out += mk.empty() ? "/32" : mk;
}

static void SaveIface(char letter, const char* iface, const uint8_t* mask, bool inv, std::string& out) {
  if (mask[0] == 0) return;
  out += inv ? " ! -" : " -";
  out += letter;
  out += ' ';
  for (unsigned i = 0; i < IFNAMSIZ_; i++) {
    if (mask[i] != 0) {
      if (iface[i] != 0) out += iface[i];
    } else {
      if (iface[i - 1] != 0) out += '+';
      break;
    }
  }
}

// print_rule4 (iptables -S / iptables-save)
void SaveRule(const Handle& h, const Chain& c, const Rule& r, std::string& out, bool counters) {
  out += "-A " + c.name;
  SaveIp("-s", r.ip.src, r.ip.smsk, r.ip.invflags & IPT_INV_SRCIP, out);
  SaveIp("-d", r.ip.dst, r.ip.dmsk, r.ip.invflags & IPT_INV_DSTIP, out);
  SaveIface('i', r.ip.iniface, r.ip.iniface_mask, r.ip.invflags & IPT_INV_VIA_IN, out);
  SaveIface('o', r.ip.outiface, r.ip.outiface_mask, r.ip.invflags & IPT_INV_VIA_OUT, out);
  if (r.ip.proto) {
    out += (r.ip.invflags & IPT_INV_PROTO) ? " ! -p " : " -p ";
    out += ProtoName(r.ip.proto, false);
  }
  if (r.ip.flags & IPT_F_FRAG) out += (r.ip.invflags & IPT_INV_FRAG) ? " ! -f" : " -f";
  for (auto& m : r.matches) {
    out += " -m ";
    out += m.ext->alias ? m.ext->alias(m.data.data()) : (m.ext->uname ? m.ext->uname : m.ext->name);
    if (m.ext->save) m.ext->save(m.data.data(), &r.ip, out);
  }
  if (counters) out += " -c " + std::to_string(r.counters.pcnt) + " " + std::to_string(r.counters.bcnt);
  std::string tn = RuleTargetName(r);
  if (!tn.empty()) {
    out += (r.ip.flags & IPT_F_GOTO) ? " -g " : " -j ";
    if (r.kind == Rule::MODULE && r.target.ext->alias) tn = r.target.ext->alias(r.target.data.data());
    out += tn;
    if (r.kind == Rule::MODULE && r.target.ext->save) r.target.ext->save(r.target.data.data(), &r.ip, out);
  }
}

// ctime() of the simulated machine's clock: CLOCK_REALTIME starts at the epoch when the
// simulation does and runs with virtual time, in UTC, so that a run prints the same bytes on any
// machine on any day
std::string CtimeNow() {
  std::time_t now = static_cast<std::time_t>(ns3::Simulator::Now().GetSeconds());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a %b %e %H:%M:%S %Y\n", &tm);
  return buf;
}

// iptc_strerror, with iptables' " Run `dmesg' for more information." after EINVAL
std::string IptcStrerror(int err, int op) {
  std::string m;
  if (op == OP_INSERT && err == E2BIG) m = "Index of insertion too big";
  else if (op == OP_REPLACE && err == E2BIG) m = "Index of replacement too big";
  else if ((op == OP_DELETE_NUM) && err == E2BIG) m = "Index of deletion too big";
  else if (op == OP_ZERO_NUM && err == E2BIG) m = "Index of counter too big";
  else if ((op == OP_DELETE || op == OP_CHECK) && err == ENOENT) m = "Bad rule (does a matching rule exist in that chain?)";
  else if (op == OP_NEW_CHAIN && err == EEXIST) m = "Chain already exists";
  else if (op == OP_POLICY && err == ENOENT) m = "Bad built-in chain name";
  else if (op == OP_POLICY && err == EINVAL) m = "Bad policy name";
  else if (err == ENOENT) m = "No chain/target/match by that name";
  else if (err == EINVAL) m = "Invalid argument";
  else if (err == ELOOP) m = "Too many levels of symbolic links";
  else if (err == EMLINK) m = "Too many links";
  else if (err == ENOTEMPTY) m = "Directory not empty";
  else if (err == EEXIST) m = "File exists";
  else if (err == E2BIG) m = "Argument list too long";
  else m = std::strerror(err);
  m += ".";
  if (err == EINVAL) m += " Run `dmesg' for more information.";
  return m;
}

}  // namespace ipt
}  // namespace linuxnet
