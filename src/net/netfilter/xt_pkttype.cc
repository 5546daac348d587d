// net/netfilter/xt_pkttype.c with libxt_pkttype.c
#include <strings.h>

#include "net/netfilter/x_tables.h"
#include "sim/addr.h"

namespace linuxnet {
namespace {

struct XtPkttypeInfo {
  int pkttype;
  int invert;
};

// pkttype_mt
bool PkttypeMt(const SkBuff* skb, XtActionParam* par) {
  const XtPkttypeInfo* i = static_cast<const XtPkttypeInfo*>(par->info);
  int type;
  if (skb->pkt_type != PACKET_LOOPBACK) type = skb->pkt_type;
  else if (IpIsMulticast(skb->iph.daddr)) type = PACKET_MULTICAST;
  else type = PACKET_BROADCAST;
  return (type == i->pkttype) ^ (i->invert != 0);
}

const struct { const char* name; int type; bool printhelp; } kNames[] = {
    {"unicast", PACKET_HOST, true}, {"broadcast", PACKET_BROADCAST, true}, {"multicast", PACKET_MULTICAST, true},
    {"otherhost", PACKET_OTHERHOST, false}, {"host", PACKET_HOST, false}, {"outgoing", PACKET_OUTGOING, false},
    {"loopback", PACKET_LOOPBACK, false}};

const XtOpt kOpts[] = {{"pkt-type", true, 1}, {nullptr, false, 0}};

int PkttypeParse(XtParseCtx& c) {
  XtPkttypeInfo* i = static_cast<XtPkttypeInfo*>(c.data);
  for (auto& n : kNames)
    if (strcasecmp(c.arg, n.name) == 0) {
      i->pkttype = n.type;
      if (c.invert) i->invert = 1;
      *c.flags = 1;
      return 0;
    }
  return XtErr(c, std::string("Bad packet type '") + c.arg + "'");
}
int PkttypeFinal(XtParseCtx& c) { return *c.flags ? 0 : XtErr(c, "You must specify \"--pkt-type\""); }

std::string TypeName(int t) {
  for (auto& n : kNames)
    if (n.type == t) return n.name;
  return std::to_string(t);
}

void PkttypePrint(const void* d, const IptIp*, bool, std::string& out) {
  const XtPkttypeInfo* i = static_cast<const XtPkttypeInfo*>(d);
  out += std::string(" PKTTYPE ") + (i->invert ? "!" : "") + "= " + TypeName(i->pkttype);
}
void PkttypeSave(const void* d, const IptIp*, std::string& out) {
  const XtPkttypeInfo* i = static_cast<const XtPkttypeInfo*>(d);
  out += std::string(i->invert ? " !" : "") + " --pkt-type " + TypeName(i->pkttype);
}

const XtExt kPkttype = [] {
  XtExt e;
  e.name = "pkttype";
  e.size = sizeof(XtPkttypeInfo);
  e.usersize = sizeof(XtPkttypeInfo);
  e.match = &PkttypeMt;
  e.opts = kOpts;
  e.parse = &PkttypeParse;
  e.final_check = &PkttypeFinal;
  e.print = &PkttypePrint;
  e.save = &PkttypeSave;
  return e;
}();
const XtExtRegistrar reg(&kPkttype);

}  // namespace
}  // namespace linuxnet
