// net/netfilter/xt_CT.c: CT --notrack and NOTRACK (raw table), with libxt_CT.c. Other CT options
// (zones, helpers, timeouts) belong to conntrack and are not parsed yet.
#include "net/netfilter/nf_conntrack.h"
#include "net/netfilter/x_tables.h"

namespace linuxnet {
namespace {

enum : uint16_t { XT_CT_NOTRACK = 1 << 0 };
struct XtCtTargetInfo {
  uint16_t flags;
  uint16_t zone;
  uint32_t pad;
};

// xt_ct_target / notrack_tg: the packet gets the untracked conntrack
unsigned CtTg(SkBuff* skb, const XtActionParam* par) {
  const XtCtTargetInfo* i = static_cast<const XtCtTargetInfo*>(par->info);
  if (skb->nfct) return XT_CONTINUE;  // previously seen (loopback or untracked)?  Ignore.
  if (i->flags & XT_CT_NOTRACK) {
    skb->nfct = XtUntrackedCt(skb->host);
    skb->ctinfo = 7;  // IP_CT_UNTRACKED
  }
  return XT_CONTINUE;
}

// xt_ct_tg_check: nf_ct_netns_get
int CtCheck(const XtChkParam* par) {
  NfConntrackNetInit(par->net);
  return 0;
}

const XtOpt kCtOpts[] = {{"notrack", false, 1}, {nullptr, false, 0}};

int CtParse(XtParseCtx& c) {
  XtCtTargetInfo* i = static_cast<XtCtTargetInfo*>(c.data);
  if (c.id == 1) i->flags |= XT_CT_NOTRACK;
  return 0;
}

void NotrackInit(void* d) { static_cast<XtCtTargetInfo*>(d)->flags = XT_CT_NOTRACK; }

void CtPrint(const void* d, const IptIp*, bool, std::string& out) {
  const XtCtTargetInfo* i = static_cast<const XtCtTargetInfo*>(d);
  out += " CT";
  if (i->flags & XT_CT_NOTRACK) out += " notrack";
}
void CtSave(const void* d, const IptIp*, std::string& out) {
  const XtCtTargetInfo* i = static_cast<const XtCtTargetInfo*>(d);
  if (i->flags & XT_CT_NOTRACK) out += " --notrack";
}
void NotrackPrint(const void*, const IptIp*, bool, std::string& out) { out += " NOTRACK"; }
const char* NotrackAlias(const void*) { return "NOTRACK"; }

const XtExt kCt = [] {
  XtExt e;
  e.name = "CT";
  e.revision = 2;
  e.is_target = true;
  e.size = sizeof(XtCtTargetInfo);
  e.usersize = sizeof(XtCtTargetInfo);
  e.table = "raw";
  e.target = &CtTg;
  e.checkentry = &CtCheck;
  e.opts = kCtOpts;
  e.parse = &CtParse;
  e.print = &CtPrint;
  e.save = &CtSave;
  return e;
}();
// NOTRACK: libxt_CT's alias, stored in the kernel as CT with the notrack flag
const XtExt kNotrack = [] {
  XtExt e;
  e.name = "CT";
  e.uname = "NOTRACK";
  e.revision = 0;
  e.is_target = true;
  e.size = sizeof(XtCtTargetInfo);
  e.usersize = sizeof(XtCtTargetInfo);
  e.table = "raw";
  e.target = &CtTg;
  e.checkentry = &CtCheck;
  e.init = &NotrackInit;
  e.print = &NotrackPrint;
  e.alias = &NotrackAlias;
  return e;
}();
const XtExtRegistrar reg1(&kCt), reg2(&kNotrack);

}  // namespace
}  // namespace linuxnet
