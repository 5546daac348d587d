// The icmp match of net/ipv4/netfilter/ip_tables.c (icmp_match) with libxt_icmp.c
#include <strings.h>

#include <cstring>

#include "net/netfilter/x_tables.h"

namespace linuxnet {

namespace {

constexpr uint8_t IPT_ICMP_INV = 0x01;

// struct ipt_icmp
struct IptIcmp {
  uint8_t type;
  uint8_t code[2];
  uint8_t invflags;
};

// icmp_type_code_match
inline bool IcmpTypeCodeMatch(uint8_t test_type, uint8_t min_code, uint8_t max_code, uint8_t type, uint8_t code,
                              bool invert) {
  return ((test_type == 0xFF) || (type == test_type && code >= min_code && code <= max_code)) ^ invert;
}

// icmp_match
bool IcmpMt(const SkBuff* skb, XtActionParam* par) {
  const IptIcmp* ic = static_cast<const IptIcmp*>(par->info);
  if (par->fragoff != 0) return false;
  uint8_t h[2];
  if (skb->data->GetSize() < sizeof(h)) {
    // We've been asked to examine this packet, and we can't. Hence, no choice but to drop.
    par->hotdrop = true;
    return false;
  }
  skb->data->CopyData(h, sizeof(h));
  return IcmpTypeCodeMatch(ic->type, ic->code[0], ic->code[1], h[0], h[1], ic->invflags & IPT_ICMP_INV);
}

int IcmpCheck(const XtChkParam* par) {
  const IptIcmp* ic = static_cast<const IptIcmp*>(par->info);
  return (ic->invflags & ~IPT_ICMP_INV) ? -22 : 0;
}

// libxt_icmp's icmp_codes
struct IcmpName {
  const char* name;
  uint8_t type, code_min, code_max;
};
const IcmpName kIcmpCodes[] = {
    {"any", 0xFF, 0, 0xFF},
    {"echo-reply", 0, 0, 0xFF},
    {"destination-unreachable", 3, 0, 0xFF},
    {"network-unreachable", 3, 0, 0},
    {"host-unreachable", 3, 1, 1},
    {"protocol-unreachable", 3, 2, 2},
    {"port-unreachable", 3, 3, 3},
    {"fragmentation-needed", 3, 4, 4},
    {"source-route-failed", 3, 5, 5},
    {"network-unknown", 3, 6, 6},
    {"host-unknown", 3, 7, 7},
    {"network-prohibited", 3, 9, 9},
    {"host-prohibited", 3, 10, 10},
    {"TOS-network-unreachable", 3, 11, 11},
    {"TOS-host-unreachable", 3, 12, 12},
    {"communication-prohibited", 3, 13, 13},
    {"host-precedence-violation", 3, 14, 14},
    {"precedence-cutoff", 3, 15, 15},
    {"source-quench", 4, 0, 0xFF},
    {"redirect", 5, 0, 0xFF},
    {"network-redirect", 5, 0, 0},
    {"host-redirect", 5, 1, 1},
    {"TOS-network-redirect", 5, 2, 2},
    {"TOS-host-redirect", 5, 3, 3},
    {"echo-request", 8, 0, 0xFF},
    {"router-advertisement", 9, 0, 0xFF},
    {"router-solicitation", 10, 0, 0xFF},
    {"time-exceeded", 11, 0, 0xFF},
    {"ttl-zero-during-transit", 11, 0, 0},
    {"ttl-zero-during-reassembly", 11, 1, 1},
    {"parameter-problem", 12, 0, 0xFF},
    {"ip-header-bad", 12, 0, 0},
    {"required-option-missing", 12, 1, 1},
    {"timestamp-request", 13, 0, 0xFF},
    {"timestamp-reply", 14, 0, 0xFF},
    {"address-mask-request", 17, 0, 0xFF},
    {"address-mask-reply", 18, 0, 0xFF},
};

const XtOpt kOpts[] = {{"icmp-type", true, 1}, {nullptr, false, 0}};

void IcmpInit(void* d) {
  IptIcmp* ic = static_cast<IptIcmp*>(d);
  ic->type = 0xFF;
  ic->code[0] = 0;
  ic->code[1] = 0xFF;
}

// parse_icmp
int IcmpParse(XtParseCtx& c) {
  IptIcmp* ic = static_cast<IptIcmp*>(c.data);
  std::string s = c.arg;
  const IcmpName* match = nullptr;
  for (auto& n : kIcmpCodes) {
    if (strncasecmp(n.name, s.c_str(), s.size()) == 0) {
      if (match && (match->type != n.type || match->code_min != n.code_min || match->code_max != n.code_max))
        return XtErr(c, "Ambiguous ICMP type `" + s + "': `" + match->name + "' or `" + n.name + "'?");
      match = &n;
      if (std::strlen(n.name) == s.size()) break;
    }
  }
  if (match && !s.empty()) {
    ic->type = match->type;
    ic->code[0] = match->code_min;
    ic->code[1] = match->code_max;
  } else {
    std::string t = s, code;
    auto slash = s.find('/');
    if (slash != std::string::npos) {
      t = s.substr(0, slash);
      code = s.substr(slash + 1);
    }
    uint32_t v;
    if (!XtStrToU32(t.c_str(), &v, 255)) return XtErr(c, "Unknown ICMP type `" + s + "'");
    ic->type = static_cast<uint8_t>(v);
    if (!code.empty()) {
      if (!XtStrToU32(code.c_str(), &v, 255)) return XtErr(c, "Unknown ICMP code `" + s + "'");
      ic->code[0] = ic->code[1] = static_cast<uint8_t>(v);
    } else {
      ic->code[0] = 0;
      ic->code[1] = 0xFF;
    }
  }
  if (c.invert) ic->invflags |= IPT_ICMP_INV;
  return 0;
}

// print_icmptype
void IcmpPrint(const void* d, const IptIp*, bool numeric, std::string& out) {
  const IptIcmp* ic = static_cast<const IptIcmp*>(d);
  bool invert = ic->invflags & IPT_ICMP_INV;
  out += " icmp";
  if (!numeric) {
    for (auto& n : kIcmpCodes)
      if (n.type == ic->type && n.code_min == ic->code[0] && n.code_max == ic->code[1]) {
        out += std::string(" ") + (invert ? "!" : "") + n.name;
        return;
      }
  }
  if (invert) out += " !";
  out += "type " + std::to_string(ic->type);
  if (ic->code[0] == ic->code[1]) out += " code " + std::to_string(ic->code[0]);
  else if (ic->code[0] != 0 || ic->code[1] != 0xFF)
    out += " codes " + std::to_string(ic->code[0]) + "-" + std::to_string(ic->code[1]);
}

void IcmpSave(const void* d, const IptIp*, std::string& out) {
  const IptIcmp* ic = static_cast<const IptIcmp*>(d);
  if (ic->invflags & IPT_ICMP_INV) out += " !";
  if (ic->type == 0xFF) {
    out += " --icmp-type any";
  } else {
    out += " --icmp-type " + std::to_string(ic->type);
    if (ic->code[0] != 0 || ic->code[1] != 0xFF) out += "/" + std::to_string(ic->code[0]);
  }
}

const XtExt kIcmp = [] {
  XtExt e;
  e.name = "icmp";
  e.size = sizeof(IptIcmp);
  e.usersize = sizeof(IptIcmp);
  e.proto = 1;
  e.match = &IcmpMt;
  e.checkentry = &IcmpCheck;
  e.opts = kOpts;
  e.init = &IcmpInit;
  e.parse = &IcmpParse;
  e.print = &IcmpPrint;
  e.save = &IcmpSave;
  return e;
}();
const XtExtRegistrar reg(&kIcmp);

}  // namespace
}  // namespace linuxnet
