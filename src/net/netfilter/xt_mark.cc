// net/netfilter/xt_mark.c: the mark match (revision 1) and the MARK target (revision 2), with
// libxt_mark.c / libxt_MARK.c
#include <cstdio>

#include "net/netfilter/x_tables.h"

namespace linuxnet {
namespace {

struct XtMarkMtinfo1 {
  uint32_t mark, mask;
  uint8_t invert;
  uint8_t pad[7];
};
struct XtMarkTginfo2 {
  uint32_t mark, mask;
};

std::string Hex(uint32_t v) {
  char b[16];
  std::snprintf(b, sizeof(b), "0x%x", v);
  return b;
}

// mark_mt
bool MarkMt(const SkBuff* skb, XtActionParam* par) {
  const XtMarkMtinfo1* i = static_cast<const XtMarkMtinfo1*>(par->info);
  return ((skb->mark & i->mask) == i->mark) ^ (i->invert != 0);
}

// mark_tg
unsigned MarkTg(SkBuff* skb, const XtActionParam* par) {
  const XtMarkTginfo2* i = static_cast<const XtMarkTginfo2*>(par->info);
  skb->mark = (skb->mark & ~i->mask) ^ i->mark;
  return XT_CONTINUE;
}


const XtOpt kMarkOpts[] = {{"mark", true, 1}, {nullptr, false, 0}};

int MarkParse(XtParseCtx& c) {
  XtMarkMtinfo1* i = static_cast<XtMarkMtinfo1*>(c.data);
  if (!XtParseMarkMask(c.arg, &i->mark, &i->mask))
    return XtErr(c, "mark: bad integer value for option \"--mark\", or out of range.\n");
  i->mark &= i->mask;
  if (c.invert) i->invert = 1;
  *c.flags = 1;
  return 0;
}
int MarkFinal(XtParseCtx& c) { return *c.flags ? 0 : XtErr(c, "mark match: You must specify `--mark'"); }

std::string MarkStr(uint32_t mark, uint32_t mask) { return " " + Hex(mark) + (mask != 0xffffffffu ? "/" + Hex(mask) : ""); }

void MarkPrint(const void* d, const IptIp*, bool, std::string& out) {
  const XtMarkMtinfo1* i = static_cast<const XtMarkMtinfo1*>(d);
  out += " mark match";
  if (i->invert) out += " !";
  out += MarkStr(i->mark, i->mask);
}
void MarkSave(const void* d, const IptIp*, std::string& out) {
  const XtMarkMtinfo1* i = static_cast<const XtMarkMtinfo1*>(d);
  if (i->invert) out += " !";
  out += " --mark" + MarkStr(i->mark, i->mask);
}

enum { O_SET_MARK = 1, O_SET_XMARK, O_AND_MARK, O_OR_MARK, O_XOR_MARK };
const XtOpt kMarkTgOpts[] = {{"set-mark", true, O_SET_MARK}, {"set-xmark", true, O_SET_XMARK},
                             {"and-mark", true, O_AND_MARK}, {"or-mark", true, O_OR_MARK},
                             {"xor-mark", true, O_XOR_MARK}, {nullptr, false, 0}};

int MarkTgParse(XtParseCtx& c) {
  XtMarkTginfo2* i = static_cast<XtMarkTginfo2*>(c.data);
  if (*c.flags) return XtErr(c, "MARK target: Can't specify --set-mark twice");
  static const char* names[] = {"", "set-mark", "set-xmark", "and-mark", "or-mark", "xor-mark"};
  uint32_t v, m;
  bool ok = (c.id == O_SET_MARK || c.id == O_SET_XMARK) ? XtParseMarkMask(c.arg, &v, &m) : XtStrToU32(c.arg, &v);
  if (!ok)
    return XtErr(c, std::string("MARK: bad integer value for option \"--") + names[c.id] + "\", or out of range.\n");
  switch (c.id) {
    case O_SET_XMARK: i->mark = v; i->mask = m; break;
    case O_SET_MARK: i->mark = v; i->mask = v | m; break;
    case O_AND_MARK: i->mark = 0; i->mask = ~v; break;
    case O_OR_MARK: i->mark = i->mask = v; break;
    case O_XOR_MARK: i->mark = v; i->mask = 0; break;
  }
  *c.flags = 1;
  return 0;
}
int MarkTgFinal(XtParseCtx& c) {
  return *c.flags ? 0 : XtErr(c, "MARK: One of the --set-xmark, --{and,or,xor,set}-mark options is required");
}

void MarkTgPrint(const void* d, const IptIp*, bool, std::string& out) {
  const XtMarkTginfo2* i = static_cast<const XtMarkTginfo2*>(d);
  if (i->mark == 0) out += " MARK and " + Hex(~i->mask);
  else if (i->mark == i->mask) out += " MARK or " + Hex(i->mark);
  else if (i->mask == 0) out += " MARK xor " + Hex(i->mark);
  else if (i->mask == 0xffffffffu) out += " MARK set " + Hex(i->mark);
  else out += " MARK xset " + Hex(i->mark) + "/" + Hex(i->mask);
}
void MarkTgSave(const void* d, const IptIp*, std::string& out) {
  const XtMarkTginfo2* i = static_cast<const XtMarkTginfo2*>(d);
  out += " --set-xmark " + Hex(i->mark) + "/" + Hex(i->mask);
}

const XtExt kMark = [] {
  XtExt e;
  e.name = "mark";
  e.revision = 1;
  e.size = sizeof(XtMarkMtinfo1);
  e.usersize = sizeof(XtMarkMtinfo1);
  e.match = &MarkMt;
  e.opts = kMarkOpts;
  e.parse = &MarkParse;
  e.final_check = &MarkFinal;
  e.print = &MarkPrint;
  e.save = &MarkSave;
  return e;
}();
const XtExt kMarkTg = [] {
  XtExt e;
  e.name = "MARK";
  e.revision = 2;
  e.is_target = true;
  e.size = sizeof(XtMarkTginfo2);
  e.usersize = sizeof(XtMarkTginfo2);
  e.target = &MarkTg;
  e.opts = kMarkTgOpts;
  e.parse = &MarkTgParse;
  e.final_check = &MarkTgFinal;
  e.print = &MarkTgPrint;
  e.save = &MarkTgSave;
  return e;
}();
const XtExtRegistrar reg1(&kMark), reg2(&kMarkTg);

}  // namespace
}  // namespace linuxnet
