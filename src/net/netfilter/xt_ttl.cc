// net/netfilter/xt_hl.c (the IPv4 ttl match, ipt_ttl) with libxt_ttl.c
#include "net/netfilter/x_tables.h"

namespace linuxnet {
namespace {

enum : uint8_t { IPT_TTL_EQ = 0, IPT_TTL_NE, IPT_TTL_LT, IPT_TTL_GT };
struct IptTtlInfo {
  uint8_t mode;
  uint8_t ttl;
};

// ttl_mt
bool TtlMt(const SkBuff* skb, XtActionParam* par) {
  const IptTtlInfo* i = static_cast<const IptTtlInfo*>(par->info);
  const uint8_t ttl = skb->iph.ttl;
  switch (i->mode) {
    case IPT_TTL_EQ: return ttl == i->ttl;
    case IPT_TTL_NE: return ttl != i->ttl;
    case IPT_TTL_LT: return ttl < i->ttl;
    case IPT_TTL_GT: return ttl > i->ttl;
  }
  return false;
}

enum { O_EQ = 1, O_LT, O_GT };
const XtOpt kOpts[] = {{"ttl-eq", true, O_EQ}, {"ttl-lt", true, O_LT}, {"ttl-gt", true, O_GT}, {nullptr, false, 0}};

int TtlParse(XtParseCtx& c) {
  IptTtlInfo* i = static_cast<IptTtlInfo*>(c.data);
  static const char* names[] = {"", "ttl-eq", "ttl-lt", "ttl-gt"};
  if (*c.flags) return XtErr(c, "Can't specify TTL option twice");
  uint32_t v;
  if (!XtStrToU32(c.arg, &v, 255))
    return XtErr(c, std::string("ttl: bad value for option \"--") + names[c.id] + "\", or out of range (0-255).\n");
  if (c.invert && c.id != O_EQ) return XtErr(c, std::string("ttl: option \"--") + names[c.id] + "\" cannot be inverted.\n");
  i->ttl = static_cast<uint8_t>(v);
  i->mode = c.id == O_EQ ? (c.invert ? IPT_TTL_NE : IPT_TTL_EQ) : c.id == O_LT ? IPT_TTL_LT : IPT_TTL_GT;
  *c.flags = 1;
  return 0;
}
int TtlFinal(XtParseCtx& c) {
  return *c.flags ? 0 : XtErr(c, "TTL match: You must specify one of `--ttl-eq', `--ttl-lt', `--ttl-gt");
}

void TtlPrint(const void* d, const IptIp*, bool, std::string& out) {
  const IptTtlInfo* i = static_cast<const IptTtlInfo*>(d);
  static const char* ops[] = {"==", "!=", "<", ">"};
  out += std::string(" TTL match TTL ") + ops[i->mode & 3] + " " + std::to_string(i->ttl);
}
void TtlSave(const void* d, const IptIp*, std::string& out) {
  const IptTtlInfo* i = static_cast<const IptTtlInfo*>(d);
  static const char* opts[] = {" --ttl-eq", " ! --ttl-eq", " --ttl-lt", " --ttl-gt"};
  out += std::string(opts[i->mode & 3]) + " " + std::to_string(i->ttl);
}

const XtExt kTtl = [] {
  XtExt e;
  e.name = "ttl";
  e.size = sizeof(IptTtlInfo);
  e.usersize = sizeof(IptTtlInfo);
  e.match = &TtlMt;
  e.opts = kOpts;
  e.parse = &TtlParse;
  e.final_check = &TtlFinal;
  e.print = &TtlPrint;
  e.save = &TtlSave;
  return e;
}();
const XtExtRegistrar reg(&kTtl);

}  // namespace
}  // namespace linuxnet
