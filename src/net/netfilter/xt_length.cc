// net/netfilter/xt_length.c with libxt_length.c: the IP total length
#include "net/netfilter/x_tables.h"

namespace linuxnet {
namespace {

struct XtLengthInfo {
  uint16_t min, max;
  uint8_t invert;
  uint8_t pad[3];
};

// length_mt
bool LengthMt(const SkBuff* skb, XtActionParam* par) {
  const XtLengthInfo* i = static_cast<const XtLengthInfo*>(par->info);
  uint16_t pktlen = skb->iph.tot_len;
  return (pktlen >= i->min && pktlen <= i->max) ^ (i->invert != 0);
}

const XtOpt kOpts[] = {{"length", true, 1}, {nullptr, false, 0}};

int LengthParse(XtParseCtx& c) {
  XtLengthInfo* i = static_cast<XtLengthInfo*>(c.data);
  std::string s = c.arg;
  auto colon = s.find(':');
  uint32_t a = 0, b = 0xffff;
  bool ok;
  if (colon == std::string::npos) {
    ok = XtStrToU32(s.c_str(), &a, 0xffff);
    b = a;
  } else {
    std::string x = s.substr(0, colon), y = s.substr(colon + 1);
    ok = (x.empty() || XtStrToU32(x.c_str(), &a, 0xffff)) && (y.empty() || XtStrToU32(y.c_str(), &b, 0xffff));
  }
  if (!ok) return XtErr(c, "length: bad value for option \"--length\", or out of range (0-65535).\n");
  i->min = static_cast<uint16_t>(a);
  i->max = static_cast<uint16_t>(b);
  if (c.invert) i->invert = 1;
  return 0;
}

std::string Range(const XtLengthInfo* i) {
  return i->min == i->max ? std::to_string(i->min) : std::to_string(i->min) + ":" + std::to_string(i->max);
}
void LengthPrint(const void* d, const IptIp*, bool, std::string& out) {
  const XtLengthInfo* i = static_cast<const XtLengthInfo*>(d);
  out += std::string(" length ") + (i->invert ? "!" : "") + Range(i);
}
void LengthSave(const void* d, const IptIp*, std::string& out) {
  const XtLengthInfo* i = static_cast<const XtLengthInfo*>(d);
  out += std::string(i->invert ? " !" : "") + " --length " + Range(i);
}

const XtExt kLength = [] {
  XtExt e;
  e.name = "length";
  e.size = sizeof(XtLengthInfo);
  e.usersize = sizeof(XtLengthInfo);
  e.match = &LengthMt;
  e.opts = kOpts;
  e.parse = &LengthParse;
  e.print = &LengthPrint;
  e.save = &LengthSave;
  return e;
}();
const XtExtRegistrar reg(&kLength);

}  // namespace
}  // namespace linuxnet
