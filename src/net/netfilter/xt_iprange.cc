// net/netfilter/xt_iprange.c (revision 1, IPv4) with libxt_iprange.c
#include "net/netfilter/x_tables.h"
#include "sim/addr.h"

namespace linuxnet {
namespace {

enum : uint8_t { IPRANGE_SRC = 1 << 0, IPRANGE_DST = 1 << 1, IPRANGE_SRC_INV = 1 << 4, IPRANGE_DST_INV = 1 << 5 };

// struct xt_iprange_mtinfo (IPv4 part; host order)
struct XtIprangeMtinfo {
  uint32_t src_min, src_max, dst_min, dst_max;
  uint8_t flags;
  uint8_t pad[7];
};

// iprange_mt4
bool IprangeMt(const SkBuff* skb, XtActionParam* par) {
  const XtIprangeMtinfo* i = static_cast<const XtIprangeMtinfo*>(par->info);
  if (i->flags & IPRANGE_SRC) {
    bool m = skb->iph.saddr < i->src_min || skb->iph.saddr > i->src_max;
    m ^= (i->flags & IPRANGE_SRC_INV) != 0;
    if (m) return false;
  }
  if (i->flags & IPRANGE_DST) {
    bool m = skb->iph.daddr < i->dst_min || skb->iph.daddr > i->dst_max;
    m ^= (i->flags & IPRANGE_DST_INV) != 0;
    if (m) return false;
  }
  return true;
}

enum { O_SRC = 1, O_DST };
const XtOpt kOpts[] = {{"src-range", true, O_SRC}, {"dst-range", true, O_DST}, {nullptr, false, 0}};

bool ParseRange(const std::string& s, uint32_t* lo, uint32_t* hi) {
  auto dash = s.find('-');
  if (dash == std::string::npos) return IpParse(s, lo) && IpParse(s, hi);
  return IpParse(s.substr(0, dash), lo) && IpParse(s.substr(dash + 1), hi);
}

int IprangeParse(XtParseCtx& c) {
  XtIprangeMtinfo* i = static_cast<XtIprangeMtinfo*>(c.data);
  bool src = c.id == O_SRC;
  if (!ParseRange(c.arg, src ? &i->src_min : &i->dst_min, src ? &i->src_max : &i->dst_max))
    return XtErr(c, std::string("iprange: bad IP address \"") + c.arg + "\"");
  i->flags |= src ? IPRANGE_SRC : IPRANGE_DST;
  if (c.invert) i->flags |= src ? IPRANGE_SRC_INV : IPRANGE_DST_INV;
  return 0;
}
int IprangeFinal(XtParseCtx& c) {
  const XtIprangeMtinfo* i = static_cast<const XtIprangeMtinfo*>(c.data);
  return (i->flags & (IPRANGE_SRC | IPRANGE_DST)) ? 0 : XtErr(c, "iprange match: You must specify `--src-range' or `--dst-range'");
}

void IprangePrint(const void* d, const IptIp*, bool, std::string& out) {
  const XtIprangeMtinfo* i = static_cast<const XtIprangeMtinfo*>(d);
  if (i->flags & IPRANGE_SRC) {
    out += " source IP range";
    if (i->flags & IPRANGE_SRC_INV) out += " !";
    out += " " + IpStr(i->src_min) + "-" + IpStr(i->src_max);
  }
  if (i->flags & IPRANGE_DST) {
    out += " destination IP range";
    if (i->flags & IPRANGE_DST_INV) out += " !";
    out += " " + IpStr(i->dst_min) + "-" + IpStr(i->dst_max);
  }
}
void IprangeSave(const void* d, const IptIp*, std::string& out) {
  const XtIprangeMtinfo* i = static_cast<const XtIprangeMtinfo*>(d);
  if (i->flags & IPRANGE_SRC) {
    if (i->flags & IPRANGE_SRC_INV) out += " !";
    out += " --src-range " + IpStr(i->src_min) + "-" + IpStr(i->src_max);
  }
  if (i->flags & IPRANGE_DST) {
    if (i->flags & IPRANGE_DST_INV) out += " !";
    out += " --dst-range " + IpStr(i->dst_min) + "-" + IpStr(i->dst_max);
  }
}

const XtExt kIprange = [] {
  XtExt e;
  e.name = "iprange";
  e.revision = 1;
  e.size = sizeof(XtIprangeMtinfo);
  e.usersize = sizeof(XtIprangeMtinfo);
  e.match = &IprangeMt;
  e.opts = kOpts;
  e.parse = &IprangeParse;
  e.final_check = &IprangeFinal;
  e.print = &IprangePrint;
  e.save = &IprangeSave;
  return e;
}();
const XtExtRegistrar reg(&kIprange);

}  // namespace
}  // namespace linuxnet
