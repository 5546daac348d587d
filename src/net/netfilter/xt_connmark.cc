// net/netfilter/xt_connmark.c: the connmark match (revision 1), with libxt_connmark.c. (The
// CONNMARK target is in xt_CONNMARK.cc.)
#include <cstdio>

#include "net/netfilter/nf_conntrack.h"
#include "net/netfilter/x_tables.h"

namespace linuxnet {
namespace {

struct XtConnmarkMtinfo1 {
  uint32_t mark, mask;
  uint8_t invert;
  uint8_t pad[7];
};

std::string Hex(uint32_t v) {
  char b[16];
  std::snprintf(b, sizeof(b), "0x%x", v);
  return b;
}

// connmark_mt
bool ConnmarkMt(const SkBuff* skb, XtActionParam* par) {
  const XtConnmarkMtinfo1* i = static_cast<const XtConnmarkMtinfo1*>(par->info);
  IpConntrackInfo ctinfo;
  const NfConn* ct = NfCtGet(*skb, &ctinfo);
  if (!ct) return false;
  return ((ct->mark & i->mask) == i->mark) ^ (i->invert != 0);
}

// connmark_mt_check: nf_ct_netns_get
int ConnmarkMtCheck(const XtChkParam* par) {
  NfConntrackNetInit(par->net);
  return 0;
}


const XtOpt kConnmarkOpts[] = {{"mark", true, 1}, {nullptr, false, 0}};

int ConnmarkParse(XtParseCtx& c) {
  XtConnmarkMtinfo1* i = static_cast<XtConnmarkMtinfo1*>(c.data);
  if (!XtParseMarkMask(c.arg, &i->mark, &i->mask))
    return XtErr(c, "connmark: bad integer value for option \"--mark\", or out of range.\n");
  i->mark &= i->mask;
  if (c.invert) i->invert = 1;
  *c.flags = 1;
  return 0;
}
int ConnmarkFinal(XtParseCtx& c) {
  return *c.flags ? 0 : XtErr(c, "connmark match: You must specify `--mark'");
}

// print_mark: " 0xMARK[/0xMASK]"
std::string MarkStr(uint32_t mark, uint32_t mask) {
  return " " + Hex(mark) + (mask != 0xffffffffu ? "/" + Hex(mask) : "");
}

void ConnmarkPrint(const void* d, const IptIp*, bool, std::string& out) {
  const XtConnmarkMtinfo1* i = static_cast<const XtConnmarkMtinfo1*>(d);
  out += " connmark match ";
  if (i->invert) out += "!";
  out += MarkStr(i->mark, i->mask);
}
void ConnmarkSave(const void* d, const IptIp*, std::string& out) {
  const XtConnmarkMtinfo1* i = static_cast<const XtConnmarkMtinfo1*>(d);
  if (i->invert) out += " !";
  out += " --mark" + MarkStr(i->mark, i->mask);
}

const XtExt kConnmark = [] {
  XtExt e;
  e.name = "connmark";
  e.revision = 1;
  e.size = sizeof(XtConnmarkMtinfo1);
  e.usersize = sizeof(XtConnmarkMtinfo1);
  e.match = &ConnmarkMt;
  e.checkentry = &ConnmarkMtCheck;
  e.opts = kConnmarkOpts;
  e.parse = &ConnmarkParse;
  e.final_check = &ConnmarkFinal;
  e.print = &ConnmarkPrint;
  e.save = &ConnmarkSave;
  return e;
}();
const XtExtRegistrar reg(&kConnmark);

}  // namespace
}  // namespace linuxnet
