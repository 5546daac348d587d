// net/netfilter/xt_mac.c with libxt_mac.c: the source MAC of frames that came in on Ethernet
#include <cstdio>
#include <cstring>

#include "net/core/netdevice.h"
#include "net/netfilter/x_tables.h"

namespace linuxnet {
namespace {

struct XtMacInfo {
  uint8_t srcaddr[6];
  uint8_t pad[2];
  int invert;
  int pad2;
};

// mac_mt
bool MacMt(const SkBuff* skb, XtActionParam* par) {
  const XtMacInfo* i = static_cast<const XtMacInfo*>(par->info);
  if (!skb->dev || skb->dev->type != ARPHRD_ETHER) return false;
  if (!skb->mac_valid) return false;
  bool ret = std::memcmp(skb->eth.h_source.b, i->srcaddr, 6) == 0;
  return ret ^ (i->invert != 0);
}

const XtOpt kOpts[] = {{"mac-source", true, 1}, {nullptr, false, 0}};

int MacParse(XtParseCtx& c) {
  XtMacInfo* i = static_cast<XtMacInfo*>(c.data);
  MacAddr m;
  if (!MacAddr::Parse(c.arg, &m)) return XtErr(c, "Invalid MAC address specified.");
  std::memcpy(i->srcaddr, m.b, 6);
  if (c.invert) i->invert = 1;
  *c.flags = 1;
  return 0;
}

std::string MacStr(const uint8_t* a) {
  char b[32];
  std::snprintf(b, sizeof(b), "%02X:%02X:%02X:%02X:%02X:%02X", a[0], a[1], a[2], a[3], a[4], a[5]);
  return b;
}

void MacPrint(const void* d, const IptIp*, bool, std::string& out) {
  const XtMacInfo* i = static_cast<const XtMacInfo*>(d);
  out += " MAC";
  if (i->invert) out += " !";
  out += " " + MacStr(i->srcaddr);
}
void MacSave(const void* d, const IptIp*, std::string& out) {
  const XtMacInfo* i = static_cast<const XtMacInfo*>(d);
  if (i->invert) out += " !";
  out += " --mac-source " + MacStr(i->srcaddr);
}

const XtExt kMac = [] {
  XtExt e;
  e.name = "mac";
  e.size = sizeof(XtMacInfo);
  e.usersize = sizeof(XtMacInfo);
  e.hooks = (1u << NF_INET_PRE_ROUTING) | (1u << NF_INET_LOCAL_IN) | (1u << NF_INET_FORWARD);
  e.match = &MacMt;
  e.opts = kOpts;
  e.parse = &MacParse;
  e.print = &MacPrint;
  e.save = &MacSave;
  return e;
}();
const XtExtRegistrar reg(&kMac);

}  // namespace
}  // namespace linuxnet
