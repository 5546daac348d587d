// net/netfilter/xt_connmark.c: the CONNMARK target (revision 1) with libxt_CONNMARK.c. The
// conntrack mark itself needs nf_conntrack: without a conntrack entry the target does nothing.
#include <cstdio>

#include "net/netfilter/nf_conntrack.h"
#include "net/netfilter/x_tables.h"

namespace linuxnet {
namespace {

enum : uint8_t { XT_CONNMARK_SET = 0, XT_CONNMARK_SAVE, XT_CONNMARK_RESTORE };
struct XtConnmarkTginfo1 {
  uint32_t ctmark, ctmask, nfmask;
  uint8_t mode;
  uint8_t pad[3];
};

// connmark_tg_shift (shift 0): set, save to or restore from the conntrack entry's mark
unsigned ConnmarkTg(SkBuff* skb, const XtActionParam* par) {
  const XtConnmarkTginfo1* i = static_cast<const XtConnmarkTginfo1*>(par->info);
  IpConntrackInfo ctinfo;
  NfConn* ct = NfCtGet(*skb, &ctinfo);
  if (!ct) return XT_CONTINUE;
  switch (i->mode) {
    case XT_CONNMARK_SET: ct->mark = (ct->mark & ~i->ctmask) ^ i->ctmark; break;
    case XT_CONNMARK_SAVE: ct->mark = (ct->mark & ~i->ctmask) ^ (skb->mark & i->nfmask); break;
    case XT_CONNMARK_RESTORE: skb->mark = (skb->mark & ~i->nfmask) ^ (ct->mark & i->ctmask); break;
  }
  return XT_CONTINUE;
}

// connmark_tg_check: nf_ct_netns_get
int ConnmarkCheck(const XtChkParam* par) {
  NfConntrackNetInit(par->net);
  return 0;
}

std::string Hex(uint32_t v) {
  char b[16];
  std::snprintf(b, sizeof(b), "0x%x", v);
  return b;
}

enum { O_SET_XMARK = 1, O_SET_MARK, O_AND_MARK, O_OR_MARK, O_XOR_MARK, O_SAVE, O_RESTORE, O_CTMASK, O_NFMASK, O_MASK };
const XtOpt kOpts[] = {{"set-xmark", true, O_SET_XMARK}, {"set-mark", true, O_SET_MARK}, {"and-mark", true, O_AND_MARK},
                       {"or-mark", true, O_OR_MARK}, {"xor-mark", true, O_XOR_MARK}, {"save-mark", false, O_SAVE},
                       {"restore-mark", false, O_RESTORE}, {"ctmask", true, O_CTMASK}, {"nfmask", true, O_NFMASK},
                       {"mask", true, O_MASK}, {nullptr, false, 0}};

void ConnmarkInit(void* d) {
  XtConnmarkTginfo1* i = static_cast<XtConnmarkTginfo1*>(d);
  i->ctmask = i->nfmask = 0xffffffffu;
}

int ConnmarkParse(XtParseCtx& c) {
  XtConnmarkTginfo1* i = static_cast<XtConnmarkTginfo1*>(c.data);
  uint32_t v = 0, m = 0xffffffffu;
  if (c.arg) {
    std::string s = c.arg;
    auto slash = s.find('/');
    bool ok = true;
    if (slash != std::string::npos) {
      ok = XtStrToU32(s.substr(slash + 1).c_str(), &m);
      s = s.substr(0, slash);
    }
    if (!ok || !XtStrToU32(s.c_str(), &v))
      return XtErr(c, "CONNMARK: bad integer value for option, or out of range.\n");
  }
  switch (c.id) {
    case O_SET_XMARK: i->mode = XT_CONNMARK_SET; i->ctmark = v; i->ctmask = m; break;
    case O_SET_MARK: i->mode = XT_CONNMARK_SET; i->ctmark = v; i->ctmask = v | m; break;
    case O_AND_MARK: i->mode = XT_CONNMARK_SET; i->ctmark = 0; i->ctmask = ~v; break;
    case O_OR_MARK: i->mode = XT_CONNMARK_SET; i->ctmark = v; i->ctmask = v; break;
    case O_XOR_MARK: i->mode = XT_CONNMARK_SET; i->ctmark = v; i->ctmask = 0; break;
    case O_SAVE: i->mode = XT_CONNMARK_SAVE; break;
    case O_RESTORE: i->mode = XT_CONNMARK_RESTORE; break;
    case O_CTMASK: i->ctmask = v; break;
    case O_NFMASK: i->nfmask = v; break;
    case O_MASK: i->ctmask = i->nfmask = v; break;
  }
  if (c.id <= O_RESTORE) *c.flags |= 1;
  return 0;
}
int ConnmarkFinal(XtParseCtx& c) {
  return *c.flags ? 0 : XtErr(c, "CONNMARK target: No operation specified");
}

void ConnmarkPrint(const void* d, const IptIp*, bool, std::string& out) {
  const XtConnmarkTginfo1* i = static_cast<const XtConnmarkTginfo1*>(d);
  switch (i->mode) {
    case XT_CONNMARK_SET:
      if (i->ctmark == 0) out += " CONNMARK and " + Hex(~i->ctmask);
      else if (i->ctmark == i->ctmask) out += " CONNMARK or " + Hex(i->ctmark);
      else if (i->ctmask == 0) out += " CONNMARK xor " + Hex(i->ctmark);
      else if (i->ctmask == 0xffffffffu) out += " CONNMARK set " + Hex(i->ctmark);
      else out += " CONNMARK xset " + Hex(i->ctmark) + "/" + Hex(i->ctmask);
      break;
    case XT_CONNMARK_SAVE:
      if (i->nfmask == 0xffffffffu && i->ctmask == 0xffffffffu) out += " CONNMARK save";
      else if (i->nfmask == i->ctmask) out += " CONNMARK save mask " + Hex(i->nfmask);
      else out += " CONNMARK save nfmask " + Hex(i->nfmask) + " ctmask ~" + Hex(i->ctmask);
      break;
    case XT_CONNMARK_RESTORE:
      if (i->ctmask == 0xffffffffu && i->nfmask == 0xffffffffu) out += " CONNMARK restore";
      else if (i->ctmask == i->nfmask) out += " CONNMARK restore mask " + Hex(i->ctmask);
      else out += " CONNMARK restore ctmask " + Hex(i->ctmask) + " nfmask ~" + Hex(i->nfmask);
      break;
    default:
      out += " ERROR: UNKNOWN CONNMARK MODE";
  }
}

void ConnmarkSave(const void* d, const IptIp*, std::string& out) {
  const XtConnmarkTginfo1* i = static_cast<const XtConnmarkTginfo1*>(d);
  switch (i->mode) {
    case XT_CONNMARK_SET: out += " --set-xmark " + Hex(i->ctmark) + "/" + Hex(i->ctmask); break;
    case XT_CONNMARK_SAVE: out += " --save-mark --nfmask " + Hex(i->nfmask) + " --ctmask " + Hex(i->ctmask); break;
    case XT_CONNMARK_RESTORE: out += " --restore-mark --nfmask " + Hex(i->nfmask) + " --ctmask " + Hex(i->ctmask); break;
  }
}

const XtExt kConnmark = [] {
  XtExt e;
  e.name = "CONNMARK";
  e.revision = 1;
  e.is_target = true;
  e.size = sizeof(XtConnmarkTginfo1);
  e.usersize = sizeof(XtConnmarkTginfo1);
  e.target = &ConnmarkTg;
  e.checkentry = &ConnmarkCheck;
  e.opts = kOpts;
  e.init = &ConnmarkInit;
  e.parse = &ConnmarkParse;
  e.final_check = &ConnmarkFinal;
  e.print = &ConnmarkPrint;
  e.save = &ConnmarkSave;
  return e;
}();
const XtExtRegistrar reg(&kConnmark);

}  // namespace
}  // namespace linuxnet
