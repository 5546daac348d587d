// net/netfilter/xt_multiport.c (revision 1) with libxt_multiport.c
#include <cstring>

#include "net/netfilter/x_tables.h"

namespace linuxnet {
namespace {

constexpr unsigned XT_MULTI_PORTS = 15;
enum : uint8_t { XT_MULTIPORT_SOURCE, XT_MULTIPORT_DESTINATION, XT_MULTIPORT_EITHER };

// struct xt_multiport_v1
struct XtMultiportV1 {
  uint8_t flags;
  uint8_t count;
  uint16_t ports[XT_MULTI_PORTS];
  uint8_t pflags[XT_MULTI_PORTS];
  uint8_t invert;
};

// ports_match_v1
bool PortsMatch(const XtMultiportV1* m, uint16_t src, uint16_t dst) {
  for (unsigned i = 0; i < m->count; i++) {
    uint16_t s = m->ports[i];
    if (m->pflags[i]) {
      uint16_t e = m->ports[++i];
      if (m->flags == XT_MULTIPORT_SOURCE && src >= s && src <= e) return !m->invert;
      if (m->flags == XT_MULTIPORT_DESTINATION && dst >= s && dst <= e) return !m->invert;
      if (m->flags == XT_MULTIPORT_EITHER && ((dst >= s && dst <= e) || (src >= s && src <= e))) return !m->invert;
    } else {
      if (m->flags == XT_MULTIPORT_SOURCE && src == s) return !m->invert;
      if (m->flags == XT_MULTIPORT_DESTINATION && dst == s) return !m->invert;
      if (m->flags == XT_MULTIPORT_EITHER && (src == s || dst == s)) return !m->invert;
    }
  }
  return m->invert;
}

// multiport_mt
bool MultiportMt(const SkBuff* skb, XtActionParam* par) {
  if (par->fragoff != 0) return false;
  uint8_t p[4];
  if (skb->data->GetSize() < sizeof(p)) {
    par->hotdrop = true;
    return false;
  }
  skb->data->CopyData(p, sizeof(p));
  return PortsMatch(static_cast<const XtMultiportV1*>(par->info), static_cast<uint16_t>(p[0] << 8 | p[1]),
                    static_cast<uint16_t>(p[2] << 8 | p[3]));
}

bool ProtoOk(const IptIp* ip) {
  uint16_t pr = ip->proto;
  return !(ip->invflags & IPT_INV_PROTO) && (pr == 6 || pr == 17 || pr == 136 || pr == 132 || pr == 33);
}

// multiport_mt_check → check(): proto must be one with ports, not inverted
int MultiportCheck(const XtChkParam* par) {
  const XtMultiportV1* m = static_cast<const XtMultiportV1*>(par->info);
  return (ProtoOk(par->ip) && m->flags <= XT_MULTIPORT_EITHER && m->count <= XT_MULTI_PORTS) ? 0 : -22;
}

enum { O_SRC = 1, O_DST, O_BOTH };
const XtOpt kOpts[] = {{"source-ports", true, O_SRC}, {"sports", true, O_SRC}, {"destination-ports", true, O_DST},
                       {"dports", true, O_DST}, {"ports", true, O_BOTH}, {nullptr, false, 0}};

const char* ProtoStr(uint16_t p) {
  switch (p) {
    case 6: return "tcp";
    case 17: return "udp";
    case 132: return "sctp";
    case 33: return "dccp";
    case 136: return "udplite";
  }
  return nullptr;
}

int MultiportParse(XtParseCtx& c) {
  XtMultiportV1* m = static_cast<XtMultiportV1*>(c.data);
  if (*c.flags) return XtErr(c, "multiport can only have one option");
  *c.flags = 1;
  // check_proto: no -p at all asks for one; any other protocol (or ! -p) is refused
  if (!ProtoOk(c.ip)) {
    if (!c.ip->proto && !(c.ip->invflags & IPT_INV_PROTO))
      return XtErr(c, "multiport needs `-p tcp', `-p udp', `-p udplite', `-p sctp' or `-p dccp'");
    return XtErr(c, "multiport only works with TCP, UDP, UDPLITE, SCTP and DCCP");
  }
  const char* proto = ProtoStr(c.ip->proto);
  std::string s = c.arg;
  unsigned i = 0;
  size_t p = 0;
  for (;;) {
    size_t q = s.find(',', p);
    std::string w = s.substr(p, q == std::string::npos ? std::string::npos : q - p);
    if (i >= XT_MULTI_PORTS) return XtErr(c, "too many ports specified");
    auto colon = w.find(':');
    uint16_t a, b;
    if (colon != std::string::npos) {
      if (i == XT_MULTI_PORTS - 1) return XtErr(c, "too many ports specified");
      std::string x = w.substr(0, colon), y = w.substr(colon + 1);
      if (!XtParsePort(x, proto, &a)) return XtErr(c, "invalid port/service `" + x + "' specified");
      if (!XtParsePort(y, proto, &b)) return XtErr(c, "invalid port/service `" + y + "' specified");
      if (a >= b) return XtErr(c, "invalid portrange specified");
      m->ports[i] = a;
      m->pflags[i] = 1;
      m->ports[++i] = b;
      i++;
    } else {
      if (!XtParsePort(w, proto, &a)) return XtErr(c, "invalid port/service `" + w + "' specified");
      m->ports[i] = a;
      m->pflags[i] = 0;
      i++;
    }
    if (q == std::string::npos) break;
    p = q + 1;
  }
  m->count = static_cast<uint8_t>(i);
  m->flags = c.id == O_SRC ? XT_MULTIPORT_SOURCE : c.id == O_DST ? XT_MULTIPORT_DESTINATION : XT_MULTIPORT_EITHER;
  if (c.invert) m->invert = 1;
  return 0;
}

int MultiportFinal(XtParseCtx& c) {
  if (!*c.flags) return XtErr(c, "multiport expection an option");
  return 0;
}

std::string PortList(const XtMultiportV1* m, const char* proto, bool numeric) {
  std::string out;
  const char* delim = "";
  for (unsigned i = 0; i < m->count; i++) {
    out += delim;
    out += XtPortName(m->ports[i], proto, numeric);
    if (m->pflags[i]) out += ":" + XtPortName(m->ports[++i], proto, numeric);
    delim = ",";
  }
  return out;
}

void MultiportPrint(const void* d, const IptIp* ip, bool numeric, std::string& out) {
  const XtMultiportV1* m = static_cast<const XtMultiportV1*>(d);
  out += " multiport ";
  out += m->flags == XT_MULTIPORT_SOURCE ? "sports " : m->flags == XT_MULTIPORT_DESTINATION ? "dports " : "ports ";
  if (m->invert) out += " !";
  out += PortList(m, ProtoStr(ip->proto), numeric);
}

void MultiportSave(const void* d, const IptIp* ip, std::string& out) {
  const XtMultiportV1* m = static_cast<const XtMultiportV1*>(d);
  if (m->invert) out += " !";
  out += m->flags == XT_MULTIPORT_SOURCE ? " --sports " : m->flags == XT_MULTIPORT_DESTINATION ? " --dports " : " --ports ";
  out += PortList(m, ProtoStr(ip->proto), true);
}

const XtExt kMultiport = [] {
  XtExt e;
  e.name = "multiport";
  e.revision = 1;
  e.size = sizeof(XtMultiportV1);
  e.usersize = sizeof(XtMultiportV1);
  e.match = &MultiportMt;
  e.checkentry = &MultiportCheck;
  e.opts = kOpts;
  e.parse = &MultiportParse;
  e.final_check = &MultiportFinal;
  e.print = &MultiportPrint;
  e.save = &MultiportSave;
  return e;
}();
const XtExtRegistrar reg(&kMultiport);

}  // namespace
}  // namespace linuxnet
