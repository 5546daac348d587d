// net/netfilter/xt_dscp.c (the tos match, revision 1: tos_mt) with libxt_tos.c and the symbolic
// names of tos_values.c
#include <strings.h>

#include <cstdio>
#include <cstdlib>

#include "net/netfilter/x_tables.h"

namespace linuxnet {
namespace {

struct XtTosMatchInfo {
  uint8_t tos_mask;
  uint8_t tos_value;
  uint8_t invert;
};

// tos_mt
bool TosMt(const SkBuff* skb, XtActionParam* par) {
  const XtTosMatchInfo* i = static_cast<const XtTosMatchInfo*>(par->info);
  return ((skb->iph.tos & i->tos_mask) == i->tos_value) ^ (i->invert != 0);
}

const struct { const char* name; uint8_t value; } kTosNames[] = {
    {"Minimize-Cost", 0x02}, {"Maximize-Reliability", 0x04}, {"Maximize-Throughput", 0x08},
    {"Minimize-Delay", 0x10}, {"Normal-Service", 0x00}};

const XtOpt kOpts[] = {{"tos", true, 1}, {nullptr, false, 0}};

// tos_parse_symbolic (def_mask 0x3f): a number (value[/mask], mask 0xff by default) or a name
int TosParse(XtParseCtx& c) {
  XtTosMatchInfo* i = static_cast<XtTosMatchInfo*>(c.data);
  const std::string s = c.arg;
  char* end = nullptr;
  unsigned long v = std::strtoul(s.c_str(), &end, 0);
  bool numeric = !s.empty() && end != s.c_str() && v <= 255 && s[0] != '-' && s[0] != '+';
  if (numeric) {
    uint32_t m = 0xff;
    if (*end == '/') {
      if (!XtStrToU32(end + 1, &m, 255)) return XtErr(c, "Illegal value: \"" + s + "\"");
    } else if (*end != 0) {
      return XtErr(c, "Illegal value: \"" + s + "\"");
    }
    i->tos_value = static_cast<uint8_t>(v);
    i->tos_mask = static_cast<uint8_t>(m);
  } else {
    bool found = false;
    for (auto& n : kTosNames)
      if (strcasecmp(s.c_str(), n.name) == 0) {
        i->tos_value = n.value;
        i->tos_mask = 0x3f;
        found = true;
      }
    if (!found) return XtErr(c, "Symbolic name \"" + s + "\" is unknown");
  }
  if (c.invert) i->invert = 1;
  *c.flags = 1;
  return 0;
}
int TosFinal(XtParseCtx& c) { return *c.flags ? 0 : XtErr(c, "tos: option \"--tos\" must be specified"); }

// tos_mt_print_v1: symbolic only for mask 0x3f and not numeric; note no space after "match"
void TosPrint(const void* d, const IptIp*, bool numeric, std::string& out) {
  const XtTosMatchInfo* i = static_cast<const XtTosMatchInfo*>(d);
  out += " tos match";
  if (i->invert) out += "!";
  if (!numeric && i->tos_mask == 0x3f)
    for (auto& n : kTosNames)
      if (n.value == i->tos_value) {
        out += std::string(" ") + n.name;
        return;
      }
  char b[16];
  std::snprintf(b, sizeof b, "0x%02x/0x%02x", i->tos_value, i->tos_mask);
  out += b;
}
void TosSave(const void* d, const IptIp*, std::string& out) {
  const XtTosMatchInfo* i = static_cast<const XtTosMatchInfo*>(d);
  char b[32];
  std::snprintf(b, sizeof b, " --tos 0x%02x/0x%02x", i->tos_value, i->tos_mask);
  out += std::string(i->invert ? " !" : "") + b;
}

const XtExt kTos = [] {
  XtExt e;
  e.name = "tos";
  e.revision = 1;
  e.size = sizeof(XtTosMatchInfo);
  e.usersize = sizeof(XtTosMatchInfo);
  e.match = &TosMt;
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
