// net/netfilter/xt_HL.c (the IPv4 TTL target, ipt_TTL) with libxt_TTL.c; mangle table only
#include "net/netfilter/x_tables.h"

namespace linuxnet {
namespace {

enum : uint8_t { IPT_TTL_SET = 0, IPT_TTL_INC, IPT_TTL_DEC };
struct IptTtlTgInfo {
  uint8_t mode;
  uint8_t ttl;
};

// ttl_tg (the header is held as a struct, so there is no checksum to fix up)
unsigned TtlTg(SkBuff* skb, const XtActionParam* par) {
  const IptTtlTgInfo* i = static_cast<const IptTtlTgInfo*>(par->info);
  int ttl = skb->iph.ttl;
  switch (i->mode) {
    case IPT_TTL_SET: ttl = i->ttl; break;
    case IPT_TTL_INC: ttl = ttl + i->ttl; if (ttl > 255) ttl = 255; break;
    case IPT_TTL_DEC: ttl = ttl - i->ttl; if (ttl < 0) ttl = 0; break;
  }
  skb->iph.ttl = static_cast<uint8_t>(ttl);
  return XT_CONTINUE;
}

// ttl_tg_check
int TtlCheck(const XtChkParam* par) {
  const IptTtlTgInfo* i = static_cast<const IptTtlTgInfo*>(par->info);
  if (i->mode > IPT_TTL_DEC) return -22;
  if (i->mode != IPT_TTL_SET && i->ttl == 0) return -22;
  return 0;
}

enum { O_SET = 1, O_INC, O_DEC };
const XtOpt kOpts[] = {{"ttl-set", true, O_SET}, {"ttl-inc", true, O_INC}, {"ttl-dec", true, O_DEC}, {nullptr, false, 0}};

int TtlParse(XtParseCtx& c) {
  IptTtlTgInfo* i = static_cast<IptTtlTgInfo*>(c.data);
  static const char* names[] = {"", "ttl-set", "ttl-inc", "ttl-dec"};
  if (*c.flags) return XtErr(c, "TTL: You must specify only one of the TTL target options");
  uint32_t v;
  if (!XtStrToU32(c.arg, &v, 255))
    return XtErr(c, std::string("TTL: bad value for option \"--") + names[c.id] + "\", or out of range (0-255).\n");
  if (c.id == O_INC && v == 0) return XtErr(c, "TTL: increasing by 0?");
  if (c.id == O_DEC && v == 0) return XtErr(c, "TTL: decreasing by 0?");
  i->ttl = static_cast<uint8_t>(v);
  i->mode = c.id == O_SET ? IPT_TTL_SET : c.id == O_INC ? IPT_TTL_INC : IPT_TTL_DEC;
  *c.flags = 1;
  return 0;
}
int TtlFinal(XtParseCtx& c) { return *c.flags ? 0 : XtErr(c, "TTL: You must specify an action"); }

void TtlPrint(const void* d, const IptIp*, bool, std::string& out) {
  const IptTtlTgInfo* i = static_cast<const IptTtlTgInfo*>(d);
  static const char* w[] = {" TTL set to ", " TTL increment by ", " TTL decrement by "};
  out += (i->mode <= IPT_TTL_DEC ? w[i->mode] : " TTL unknown mode ") + std::to_string(i->ttl);
}
void TtlSave(const void* d, const IptIp*, std::string& out) {
  const IptTtlTgInfo* i = static_cast<const IptTtlTgInfo*>(d);
  static const char* w[] = {" --ttl-set ", " --ttl-inc ", " --ttl-dec "};
  out += (i->mode <= IPT_TTL_DEC ? w[i->mode] : " --ttl-set ") + std::to_string(i->ttl);
}

const XtExt kTtl = [] {
  XtExt e;
  e.name = "TTL";
  e.is_target = true;
  e.size = sizeof(IptTtlTgInfo);
  e.usersize = sizeof(IptTtlTgInfo);
  e.table = "mangle";
  e.target = &TtlTg;
  e.checkentry = &TtlCheck;
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
