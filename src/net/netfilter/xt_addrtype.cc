// net/netfilter/xt_addrtype.c (revision 1) with libxt_addrtype.c
#include <strings.h>

#include "net/ipv4/arp.h"
#include "net/netfilter/x_tables.h"
#include "sim/addr.h"
#include "net/core/net_namespace.h"

namespace linuxnet {
namespace {

enum : uint32_t { XT_ADDRTYPE_INVERT_SOURCE = 1, XT_ADDRTYPE_INVERT_DEST = 2, XT_ADDRTYPE_LIMIT_IFACE_IN = 4,
                  XT_ADDRTYPE_LIMIT_IFACE_OUT = 8 };

struct XtAddrtypeInfoV1 {
  uint16_t source, dest;
  uint32_t flags;
};

const char* const kTypes[] = {"UNSPEC", "UNICAST", "LOCAL", "BROADCAST", "ANYCAST", "MULTICAST",
                              "BLACKHOLE", "UNREACHABLE", "PROHIBIT", "THROW", "NAT", "XRESOLVE"};

// inet_dev_addr_type / inet_addr_type
unsigned AddrType(NetNs* net, const NetDev* dev, uint32_t addr) {
  if (IpIsMulticast(addr)) return RTN_MULTICAST;
  if (IpIsZeronet(addr) || IpIsLbcast(addr)) return RTN_BROADCAST;
  return InetAddrTypeDevTable(net, dev, addr);
}

// match_type
bool MatchType(NetNs* net, const NetDev* dev, uint32_t addr, uint16_t mask) {
  return !!(mask & (1u << AddrType(net, dev, addr)));
}

// addrtype_mt_v1
bool AddrtypeMt(const SkBuff* skb, XtActionParam* par) {
  const XtAddrtypeInfoV1* i = static_cast<const XtAddrtypeInfoV1*>(par->info);
  NetNs* net = par->state->net;
  const NetDev* dev = nullptr;
  if (i->flags & XT_ADDRTYPE_LIMIT_IFACE_IN) dev = par->state->in;
  else if (i->flags & XT_ADDRTYPE_LIMIT_IFACE_OUT) dev = par->state->out;
  bool ret = true;
  if (i->source) ret &= MatchType(net, dev, skb->iph.saddr, i->source) ^ ((i->flags & XT_ADDRTYPE_INVERT_SOURCE) != 0);
  if (ret && i->dest) ret &= MatchType(net, dev, skb->iph.daddr, i->dest) ^ ((i->flags & XT_ADDRTYPE_INVERT_DEST) != 0);
  return ret;
}

// addrtype_mt_checkentry_v1
int AddrtypeCheck(const XtChkParam* par) {
  const XtAddrtypeInfoV1* i = static_cast<const XtAddrtypeInfoV1*>(par->info);
  if ((i->flags & XT_ADDRTYPE_LIMIT_IFACE_IN) && (i->flags & XT_ADDRTYPE_LIMIT_IFACE_OUT)) {
    Printk(par->net, "xt_addrtype: both incoming and outgoing interface limitation cannot be selected");
    return -22;
  }
  if ((par->hook_mask & ((1u << NF_INET_PRE_ROUTING) | (1u << NF_INET_LOCAL_IN))) &&
      (i->flags & XT_ADDRTYPE_LIMIT_IFACE_OUT)) {
    Printk(par->net, "xt_addrtype: output interface limitation not valid in PREROUTING and INPUT");
    return -22;
  }
  if ((par->hook_mask & ((1u << NF_INET_POST_ROUTING) | (1u << NF_INET_LOCAL_OUT))) &&
      (i->flags & XT_ADDRTYPE_LIMIT_IFACE_IN)) {
    Printk(par->net, "xt_addrtype: input interface limitation not valid in POSTROUTING and OUTPUT");
    return -22;
  }
  return 0;
}

enum { O_SRC = 1, O_DST, O_IN, O_OUT };
const XtOpt kOpts[] = {{"src-type", true, O_SRC}, {"dst-type", true, O_DST}, {"limit-iface-in", false, O_IN},
                       {"limit-iface-out", false, O_OUT}, {nullptr, false, 0}};

bool ParseTypes(const std::string& s, uint16_t* mask) {
  size_t p = 0;
  for (;;) {
    size_t q = s.find(',', p);
    std::string w = s.substr(p, q == std::string::npos ? std::string::npos : q - p);
    bool ok = false;
    for (unsigned i = 0; i < 12; i++)
      if (strcasecmp(w.c_str(), kTypes[i]) == 0) {
        *mask |= static_cast<uint16_t>(1u << i);
        ok = true;
      }
    if (!ok) return false;
    if (q == std::string::npos) break;
    p = q + 1;
  }
  return true;
}

int AddrtypeParse(XtParseCtx& c) {
  XtAddrtypeInfoV1* i = static_cast<XtAddrtypeInfoV1*>(c.data);
  switch (c.id) {
    case O_SRC:
      if (!ParseTypes(c.arg, &i->source)) return XtErr(c, std::string("addrtype: bad type \"") + c.arg + "\"");
      if (c.invert) i->flags |= XT_ADDRTYPE_INVERT_SOURCE;
      break;
    case O_DST:
      if (!ParseTypes(c.arg, &i->dest)) return XtErr(c, std::string("addrtype: bad type \"") + c.arg + "\"");
      if (c.invert) i->flags |= XT_ADDRTYPE_INVERT_DEST;
      break;
    case O_IN: i->flags |= XT_ADDRTYPE_LIMIT_IFACE_IN; break;
    case O_OUT: i->flags |= XT_ADDRTYPE_LIMIT_IFACE_OUT; break;
  }
  return 0;
}
int AddrtypeFinal(XtParseCtx& c) {
  const XtAddrtypeInfoV1* i = static_cast<const XtAddrtypeInfoV1*>(c.data);
  if (!i->source && !i->dest) return XtErr(c, "addrtype: you must specify --src-type or --dst-type");
  if ((i->flags & XT_ADDRTYPE_LIMIT_IFACE_IN) && (i->flags & XT_ADDRTYPE_LIMIT_IFACE_OUT))
    return XtErr(c, "addrtype: you can't specify both --limit-iface-in and --limit-iface-out");
  return 0;
}

std::string TypeList(uint16_t mask) {
  std::string s;
  for (unsigned i = 0; i < 12; i++)
    if (mask & (1u << i)) {
      if (!s.empty()) s += ",";
      s += kTypes[i];
    }
  return s;
}

void AddrtypePrint(const void* d, const IptIp*, bool, std::string& out) {
  const XtAddrtypeInfoV1* i = static_cast<const XtAddrtypeInfoV1*>(d);
  out += " ADDRTYPE match";
  if (i->source) out += std::string(" src-type ") + ((i->flags & XT_ADDRTYPE_INVERT_SOURCE) ? "!" : "") + TypeList(i->source);
  if (i->dest) out += std::string(" dst-type ") + ((i->flags & XT_ADDRTYPE_INVERT_DEST) ? "!" : "") + TypeList(i->dest);
  if (i->flags & XT_ADDRTYPE_LIMIT_IFACE_IN) out += " limit-in";
  if (i->flags & XT_ADDRTYPE_LIMIT_IFACE_OUT) out += " limit-out";
}
void AddrtypeSave(const void* d, const IptIp*, std::string& out) {
  const XtAddrtypeInfoV1* i = static_cast<const XtAddrtypeInfoV1*>(d);
  if (i->source) out += std::string((i->flags & XT_ADDRTYPE_INVERT_SOURCE) ? " !" : "") + " --src-type " + TypeList(i->source);
  if (i->dest) out += std::string((i->flags & XT_ADDRTYPE_INVERT_DEST) ? " !" : "") + " --dst-type " + TypeList(i->dest);
  if (i->flags & XT_ADDRTYPE_LIMIT_IFACE_IN) out += " --limit-iface-in";
  if (i->flags & XT_ADDRTYPE_LIMIT_IFACE_OUT) out += " --limit-iface-out";
}

const XtExt kAddrtype = [] {
  XtExt e;
  e.name = "addrtype";
  e.revision = 1;
  e.size = sizeof(XtAddrtypeInfoV1);
  e.usersize = sizeof(XtAddrtypeInfoV1);
  e.match = &AddrtypeMt;
  e.checkentry = &AddrtypeCheck;
  e.opts = kOpts;
  e.parse = &AddrtypeParse;
  e.final_check = &AddrtypeFinal;
  e.print = &AddrtypePrint;
  e.save = &AddrtypeSave;
  return e;
}();
const XtExtRegistrar reg(&kAddrtype);

}  // namespace
}  // namespace linuxnet
