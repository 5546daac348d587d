// net/netfilter/xt_DSCP.c (the TOS target, revision 1) with libxt_TOS.c; mangle table only
#include <strings.h>

#include <cstdio>

#include "net/netfilter/x_tables.h"

namespace linuxnet {
namespace {

struct XtTosTargetInfo {
  uint8_t tos_value;
  uint8_t tos_mask;
};

// tos_tg
unsigned TosTg(SkBuff* skb, const XtActionParam* par) {
  const XtTosTargetInfo* i = static_cast<const XtTosTargetInfo*>(par->info);
  uint8_t orig = skb->iph.tos;
  uint8_t nv = static_cast<uint8_t>((orig & ~i->tos_mask) ^ i->tos_value);
  if (orig != nv) skb->iph.tos = nv;
  return XT_CONTINUE;
}

const struct { const char* name; uint8_t value; } kSymbols[] = {
    {"Minimize-Delay", 0x10}, {"Maximize-Throughput", 0x08}, {"Maximize-Reliability", 0x04},
    {"Minimize-Cost", 0x02}, {"Normal-Service", 0x00}};

enum { O_SET = 1, O_AND, O_OR, O_XOR };
const XtOpt kOpts[] = {{"set-tos", true, O_SET}, {"and-tos", true, O_AND}, {"or-tos", true, O_OR},
                       {"xor-tos", true, O_XOR}, {nullptr, false, 0}};

std::string Hex2(unsigned v) {
  char b[8];
  std::snprintf(b, sizeof(b), "0x%02x", v);
  return b;
}

int TosParse(XtParseCtx& c) {
  XtTosTargetInfo* i = static_cast<XtTosTargetInfo*>(c.data);
  if (*c.flags) return XtErr(c, "TOS: Only use --set-tos ONCE!");
  std::string s = c.arg;
  uint32_t v = 0, m = 0xff;
  if (c.id == O_SET) {
    bool sym = false;
    for (auto& sy : kSymbols)
      if (strcasecmp(s.c_str(), sy.name) == 0) {
        v = sy.value;
        m = 0x3f;
        sym = true;
      }
    if (!sym) {
      auto slash = s.find('/');
      bool ok = true;
      if (slash != std::string::npos) {
        ok = XtStrToU32(s.substr(slash + 1).c_str(), &m, 0xff);
        s = s.substr(0, slash);
      }
      if (!ok || !XtStrToU32(s.c_str(), &v, 0xff))
        return XtErr(c, "Bad TOS value \"" + std::string(c.arg) + "\"");
    }
    i->tos_value = static_cast<uint8_t>(v);
    i->tos_mask = static_cast<uint8_t>(m);
  } else {
    if (!XtStrToU32(s.c_str(), &v, 0xff)) return XtErr(c, "Bad TOS value \"" + std::string(c.arg) + "\"");
    if (c.id == O_AND) { i->tos_value = 0; i->tos_mask = static_cast<uint8_t>(~v); }
    else if (c.id == O_OR) { i->tos_value = i->tos_mask = static_cast<uint8_t>(v); }
    else { i->tos_value = static_cast<uint8_t>(v); i->tos_mask = 0; }
  }
  *c.flags = 1;
  return 0;
}
int TosFinal(XtParseCtx& c) {
  return *c.flags ? 0 : XtErr(c, "TOS: An action is required");
}

void TosPrint(const void* d, const IptIp*, bool numeric, std::string& out) {
  const XtTosTargetInfo* i = static_cast<const XtTosTargetInfo*>(d);
  if (numeric) {
    out += " TOS set " + Hex2(i->tos_value) + "/" + Hex2(i->tos_mask);
    return;
  }
  if (i->tos_mask == 0x3f)
    for (auto& sy : kSymbols)
      if (sy.value == i->tos_value) {
        out += std::string("  TOS set") + sy.name;
        return;
      }
  if (i->tos_value == 0) out += " TOS and " + Hex2(static_cast<uint8_t>(~i->tos_mask));
  else if (i->tos_value == i->tos_mask) out += " TOS or " + Hex2(i->tos_value);
  else if (i->tos_mask == 0) out += " TOS xor " + Hex2(i->tos_value);
  else out += " TOS set " + Hex2(i->tos_value) + "/" + Hex2(i->tos_mask);
}
void TosSave(const void* d, const IptIp*, std::string& out) {
  const XtTosTargetInfo* i = static_cast<const XtTosTargetInfo*>(d);
  out += " --set-tos " + Hex2(i->tos_value) + "/" + Hex2(i->tos_mask);
}

const XtExt kTos = [] {
  XtExt e;
  e.name = "TOS";
  e.revision = 1;
  e.is_target = true;
  e.size = sizeof(XtTosTargetInfo);
  e.usersize = sizeof(XtTosTargetInfo);
  e.table = "mangle";
  e.target = &TosTg;
  e.opts = kOpts;
  e.parse = &TosParse;
  e.final_check = &TosFinal;
  e.print = &TosPrint;
  e.save = &TosSave;
  return e;
}();
const XtExtRegistrar reg(&kTos);

}  // namespace
}  // namespace linuxnet
