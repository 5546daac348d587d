// net/netfilter/xt_state.c and the ctstate part of xt_conntrack.c, with libxt_state.c /
// libxt_conntrack.c. The state comes from XtCtState(), which conntrack fills in later.
#include <strings.h>

#include "net/netfilter/nf_conntrack.h"
#include "net/netfilter/x_tables.h"

namespace linuxnet {
namespace {

// iptables 1.8 sends `-m state` as an alias of conntrack revision 1 (state_ct1_parse): the mask
// as given plus an invert flag, printed back as "! state ESTABLISHED"
struct XtStateInfo {
  unsigned statemask;
  unsigned invert;
};

enum : uint16_t { XT_CONNTRACK_STATE = 1 << 0 };
// the ctstate subset of struct xt_conntrack_mtinfo
struct XtConntrackInfo {
  uint16_t match_flags, invert_flags;
  uint16_t state_mask;
  uint16_t pad;
};

// state_mt
bool StateMt(const SkBuff* skb, XtActionParam* par) {
  const XtStateInfo* i = static_cast<const XtStateInfo*>(par->info);
  return ((i->statemask & XtCtState(*skb)) != 0) ^ (i->invert != 0);
}

// conntrack_mt (state part)
bool ConntrackMt(const SkBuff* skb, XtActionParam* par) {
  const XtConntrackInfo* i = static_cast<const XtConntrackInfo*>(par->info);
  if (i->match_flags & XT_CONNTRACK_STATE) {
    bool m = (i->state_mask & XtCtState(*skb)) != 0;
    if (m ^ !(i->invert_flags & XT_CONNTRACK_STATE)) return false;
  }
  return true;
}

const struct { const char* name; unsigned bit; } kStates[] = {
    {"INVALID", XT_CT_INVALID}, {"NEW", XT_CT_NEW}, {"RELATED", XT_CT_RELATED}, {"ESTABLISHED", XT_CT_ESTABLISHED},
    {"UNTRACKED", XT_CT_UNTRACKED}, {"SNAT", XT_CT_SNAT}, {"DNAT", XT_CT_DNAT}};

bool ParseStates(const std::string& s, unsigned* mask, bool ct) {
  size_t p = 0;
  for (;;) {
    size_t q = s.find(',', p);
    std::string w = s.substr(p, q == std::string::npos ? std::string::npos : q - p);
    bool ok = false;
    for (auto& st : kStates) {
      if (!ct && (st.bit == XT_CT_SNAT || st.bit == XT_CT_DNAT)) continue;
      if (strcasecmp(w.c_str(), st.name) == 0) {
        *mask |= st.bit;
        ok = true;
      }
    }
    if (!ok) return false;
    if (q == std::string::npos) break;
    p = q + 1;
  }
  return true;
}

std::string States(unsigned mask) {
  std::string s;
  for (auto& st : kStates)
    if (mask & st.bit) {
      if (!s.empty()) s += ",";
      s += st.name;
    }
  return s;
}

// state_mt_check / conntrack_mt_check: nf_ct_netns_get loads conntrack into the namespace
int CtUserCheck(const XtChkParam* par) {
  NfConntrackNetInit(par->net);
  return 0;
}

const XtOpt kStateOpts[] = {{"state", true, 1}, {nullptr, false, 0}};
const XtOpt kCtOpts[] = {{"ctstate", true, 1}, {nullptr, false, 0}};

int StateParse(XtParseCtx& c) {
  XtStateInfo* i = static_cast<XtStateInfo*>(c.data);
  if (!ParseStates(c.arg, &i->statemask, false)) return XtErr(c, std::string("Bad state \"") + c.arg + "\"");
  if (c.invert) i->invert = 1;
  *c.flags = 1;
  return 0;
}
int StateFinal(XtParseCtx& c) { return *c.flags ? 0 : XtErr(c, "state match: You must specify \"--state\""); }
void StatePrint(const void* d, const IptIp*, bool, std::string& out) {
  const XtStateInfo* i = static_cast<const XtStateInfo*>(d);
  out += std::string(i->invert ? " !" : "") + " state " + States(i->statemask);
}
void StateSave(const void* d, const IptIp*, std::string& out) {
  const XtStateInfo* i = static_cast<const XtStateInfo*>(d);
  out += std::string(i->invert ? " !" : "") + " --state " + States(i->statemask);
}

int CtParse(XtParseCtx& c) {
  XtConntrackInfo* i = static_cast<XtConntrackInfo*>(c.data);
  unsigned m = 0;
  if (!ParseStates(c.arg, &m, true)) return XtErr(c, std::string("Bad ctstate \"") + c.arg + "\"");
  i->state_mask = static_cast<uint16_t>(m);
  i->match_flags |= XT_CONNTRACK_STATE;
  if (c.invert) i->invert_flags |= XT_CONNTRACK_STATE;
  return 0;
}
int CtFinal(XtParseCtx& c) {
  return static_cast<XtConntrackInfo*>(c.data)->match_flags ? 0 : XtErr(c, "conntrack: At least one option is required");
}
void CtPrint(const void* d, const IptIp*, bool, std::string& out) {
  const XtConntrackInfo* i = static_cast<const XtConntrackInfo*>(d);
  if (i->match_flags & XT_CONNTRACK_STATE) {
    if (i->invert_flags & XT_CONNTRACK_STATE) out += " !";
    out += " ctstate " + States(i->state_mask);
  }
}
void CtSave(const void* d, const IptIp*, std::string& out) {
  const XtConntrackInfo* i = static_cast<const XtConntrackInfo*>(d);
  if (i->match_flags & XT_CONNTRACK_STATE) {
    if (i->invert_flags & XT_CONNTRACK_STATE) out += " !";
    out += " --ctstate " + States(i->state_mask);
  }
}

const XtExt kState = [] {
  XtExt e;
  e.name = "state";
  e.size = sizeof(XtStateInfo);
  e.usersize = sizeof(XtStateInfo);
  e.match = &StateMt;
  e.checkentry = &CtUserCheck;
  e.opts = kStateOpts;
  e.parse = &StateParse;
  e.final_check = &StateFinal;
  e.print = &StatePrint;
  e.save = &StateSave;
  return e;
}();
const XtExt kConntrack = [] {
  XtExt e;
  e.name = "conntrack";
  e.revision = 3;
  e.size = sizeof(XtConntrackInfo);
  e.usersize = sizeof(XtConntrackInfo);
  e.match = &ConntrackMt;
  e.checkentry = &CtUserCheck;
  e.opts = kCtOpts;
  e.parse = &CtParse;
  e.final_check = &CtFinal;
  e.print = &CtPrint;
  e.save = &CtSave;
  return e;
}();
const XtExtRegistrar reg1(&kState), reg2(&kConntrack);

}  // namespace
}  // namespace linuxnet
