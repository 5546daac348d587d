// The NAT targets: SNAT/DNAT (net/netfilter/xt_nat.c, revision 0 layout), MASQUERADE
// (ipt_MASQUERADE.c) and REDIRECT (xt_REDIRECT.c), with libxt_SNAT/DNAT/MASQUERADE/REDIRECT.
// The targets hand their range to the NAT core (nf_nat_core.cc), which binds the connection.
#include <cstring>

#include "net/netfilter/nf_conntrack.h"
#include "net/netfilter/nf_nat.h"
#include "net/netfilter/x_tables.h"
#include "sim/addr.h"

namespace linuxnet {
namespace {


// struct nf_nat_ipv4_multi_range_compat with one range (addresses host order)
struct NatRange {
  uint32_t rangesize;
  uint32_t flags;
  uint32_t min_ip, max_ip;
  uint16_t min_port, max_port;
  uint32_t pad;
};

// xt_nat_convert_range
NfNatRange Convert(const NatRange* r) {
  NfNatRange n;
  n.flags = r->flags;
  n.min_addr = r->min_ip;
  n.max_addr = r->max_ip;
  n.min_proto = r->min_port;
  n.max_proto = r->max_port;
  return n;
}

// xt_snat_target_v0 / xt_dnat_target_v0
unsigned SnatTg(SkBuff* skb, const XtActionParam* par) {
  return NfNatSnatDnat(skb, Convert(static_cast<const NatRange*>(par->info)), NF_NAT_MANIP_SRC);
}
unsigned DnatTg(SkBuff* skb, const XtActionParam* par) {
  return NfNatSnatDnat(skb, Convert(static_cast<const NatRange*>(par->info)), NF_NAT_MANIP_DST);
}
// masquerade_tg
unsigned MasqTg(SkBuff* skb, const XtActionParam* par) {
  return NfNatMasquerade(skb, Convert(static_cast<const NatRange*>(par->info)), par->state->out);
}
// redirect_tg4
unsigned RedirTg(SkBuff* skb, const XtActionParam* par) {
  return NfNatRedirect(skb, Convert(static_cast<const NatRange*>(par->info)), par->state->hook);
}

// xt_nat_checkentry_v0 (+ nf_ct_netns_get)
int NatCheck(const XtChkParam* par) {
  const NatRange* r = static_cast<const NatRange*>(par->info);
  if (r->rangesize != 1) {
    Printk(par->net, "x_tables: ip_tables: multiple ranges no longer supported");
    return -22;
  }
  NfConntrackNetInit(par->net);
  return 0;
}

bool PortProto(const IptIp* ip) {
  uint16_t p = ip->proto;
  return p == 6 || p == 17 || p == 132 || p == 33 || p == 136;
}

void NatInit(void* d) { static_cast<NatRange*>(d)->rangesize = 1; }

bool ParsePortRange(const std::string& s, NatRange* r) {
  auto dash = s.find('-');
  uint32_t a, b;
  if (dash == std::string::npos) {
    if (!XtStrToU32(s.c_str(), &a, 0xffff) || a == 0) return false;
    b = a;
  } else {
    if (!XtStrToU32(s.substr(0, dash).c_str(), &a, 0xffff) || !XtStrToU32(s.substr(dash + 1).c_str(), &b, 0xffff))
      return false;
    if (a == 0 || b < a) return false;
  }
  r->min_port = static_cast<uint16_t>(a);
  r->max_port = static_cast<uint16_t>(b);
  r->flags |= NF_NAT_RANGE_PROTO_SPECIFIED;
  return true;
}

// parse_to: ip[-ip][:port[-port]]
int ParseTo(XtParseCtx& c, NatRange* r, const char* what) {
  std::string s = c.arg;
  auto colon = s.find(':');
  if (colon != std::string::npos) {
    if (!PortProto(c.ip)) return XtErr(c, "Need TCP, UDP, SCTP or DCCP with port specification");
    if (!ParsePortRange(s.substr(colon + 1), r)) return XtErr(c, "Port `" + s.substr(colon + 1) + "' not valid\n");
    s = s.substr(0, colon);
  }
  if (s.empty()) return 0;
  auto dash = s.find('-');
  uint32_t a, b;
  if (dash == std::string::npos) {
    if (!IpParse(s, &a)) return XtErr(c, "Bad IP address \"" + s + "\"\n");
    b = a;
  } else {
    if (!IpParse(s.substr(0, dash), &a)) return XtErr(c, "Bad IP address \"" + s.substr(0, dash) + "\"\n");
    if (!IpParse(s.substr(dash + 1), &b)) return XtErr(c, "Bad IP address \"" + s.substr(dash + 1) + "\"\n");
  }
  r->min_ip = a;
  r->max_ip = b;
  r->flags |= NF_NAT_RANGE_MAP_IPS;
  (void)what;
  return 0;
}

std::string RangeStr(const NatRange* r) {
  std::string s;
  if (r->flags & NF_NAT_RANGE_MAP_IPS) {
    s += IpStr(r->min_ip);
    if (r->max_ip != r->min_ip) s += "-" + IpStr(r->max_ip);
  }
  if (r->flags & NF_NAT_RANGE_PROTO_SPECIFIED) {
    s += ":" + std::to_string(r->min_port);
    if (r->max_port != r->min_port) s += "-" + std::to_string(r->max_port);
  }
  return s;
}

std::string PortsStr(const NatRange* r) {
  std::string s = std::to_string(r->min_port);
  if (r->max_port != r->min_port) s += "-" + std::to_string(r->max_port);
  return s;
}

enum { O_TO = 1, O_RANDOM, O_RANDOM_FULLY, O_PERSISTENT, O_TO_PORTS };
const XtOpt kSnatOpts[] = {{"to-source", true, O_TO}, {"random", false, O_RANDOM},
                           {"random-fully", false, O_RANDOM_FULLY}, {"persistent", false, O_PERSISTENT},
                           {nullptr, false, 0}};
const XtOpt kDnatOpts[] = {{"to-destination", true, O_TO}, {"random", false, O_RANDOM},
                           {"persistent", false, O_PERSISTENT}, {nullptr, false, 0}};
const XtOpt kMasqOpts[] = {{"to-ports", true, O_TO_PORTS}, {"random", false, O_RANDOM},
                           {"random-fully", false, O_RANDOM_FULLY}, {nullptr, false, 0}};
const XtOpt kRedirOpts[] = {{"to-ports", true, O_TO_PORTS}, {"random", false, O_RANDOM}, {nullptr, false, 0}};

int NatParse(XtParseCtx& c) {
  NatRange* r = static_cast<NatRange*>(c.data);
  switch (c.id) {
    case O_TO:
      if (*c.flags & 1) return XtErr(c, "Multiple --to-source/--to-destination not supported");
      *c.flags |= 1;
      return ParseTo(c, r, "");
    case O_TO_PORTS:
      if (!PortProto(c.ip)) return XtErr(c, "Need TCP, UDP, SCTP or DCCP with port specification");
      if (!ParsePortRange(c.arg, r)) return XtErr(c, std::string("Port `") + c.arg + "' not valid\n");
      return 0;
    case O_RANDOM: r->flags |= NF_NAT_RANGE_PROTO_RANDOM; return 0;
    case O_RANDOM_FULLY: r->flags |= NF_NAT_RANGE_PROTO_RANDOM_FULLY; return 0;
    case O_PERSISTENT: r->flags |= NF_NAT_RANGE_PERSISTENT; return 0;
  }
  return 0;
}
int SnatFinal(XtParseCtx& c) { return (*c.flags & 1) ? 0 : XtErr(c, "SNAT: option \"--to-source\" must be specified\n"); }
int DnatFinal(XtParseCtx& c) { return (*c.flags & 1) ? 0 : XtErr(c, "DNAT: option \"--to-destination\" must be specified\n"); }

void Flags(const NatRange* r, bool save, std::string& out) {
  if (r->flags & NF_NAT_RANGE_PROTO_RANDOM) out += save ? " --random" : " random";
  if (r->flags & NF_NAT_RANGE_PROTO_RANDOM_FULLY) out += save ? " --random-fully" : " random-fully";
  if (r->flags & NF_NAT_RANGE_PERSISTENT) out += save ? " --persistent" : " persistent";
}

void NatPrint(const void* d, const IptIp*, bool, std::string& out) {
  const NatRange* r = static_cast<const NatRange*>(d);
  out += " to:" + RangeStr(r);
  Flags(r, false, out);
}
void SnatSave(const void* d, const IptIp*, std::string& out) {
  const NatRange* r = static_cast<const NatRange*>(d);
  out += " --to-source " + RangeStr(r);
  Flags(r, true, out);
}
void DnatSave(const void* d, const IptIp*, std::string& out) {
  const NatRange* r = static_cast<const NatRange*>(d);
  out += " --to-destination " + RangeStr(r);
  Flags(r, true, out);
}
void MasqPrint(const void* d, const IptIp*, bool, std::string& out) {
  const NatRange* r = static_cast<const NatRange*>(d);
  if (r->flags & NF_NAT_RANGE_PROTO_SPECIFIED) out += " masq ports: " + PortsStr(r);
  Flags(r, false, out);
}
void RedirPrint(const void* d, const IptIp*, bool, std::string& out) {
  const NatRange* r = static_cast<const NatRange*>(d);
  if (r->flags & NF_NAT_RANGE_PROTO_SPECIFIED) out += " redir ports " + PortsStr(r);
  Flags(r, false, out);
}
void PortsSave(const void* d, const IptIp*, std::string& out) {
  const NatRange* r = static_cast<const NatRange*>(d);
  if (r->flags & NF_NAT_RANGE_PROTO_SPECIFIED) out += " --to-ports " + PortsStr(r);
  Flags(r, true, out);
}

XtExt Make(const char* name, unsigned (*tg)(SkBuff*, const XtActionParam*), unsigned hooks, const XtOpt* opts,
           int (*fin)(XtParseCtx&),
           void (*print)(const void*, const IptIp*, bool, std::string&), void (*save)(const void*, const IptIp*, std::string&)) {
  XtExt e;
  e.name = name;
  e.is_target = true;
  e.size = sizeof(NatRange);
  e.usersize = sizeof(NatRange);
  e.table = "nat";
  e.hooks = hooks;
  e.target = tg;
  e.checkentry = &NatCheck;
  e.opts = opts;
  e.init = &NatInit;
  e.parse = &NatParse;
  e.final_check = fin;
  e.print = print;
  e.save = save;
  return e;
}

constexpr unsigned H(unsigned h) { return 1u << h; }
const XtExt kSnat = Make("SNAT", &SnatTg, H(NF_INET_POST_ROUTING) | H(NF_INET_LOCAL_IN), kSnatOpts, &SnatFinal, &NatPrint, &SnatSave);
const XtExt kDnat = Make("DNAT", &DnatTg, H(NF_INET_PRE_ROUTING) | H(NF_INET_LOCAL_OUT), kDnatOpts, &DnatFinal, &NatPrint, &DnatSave);
const XtExt kMasq = Make("MASQUERADE", &MasqTg, H(NF_INET_POST_ROUTING), kMasqOpts, nullptr, &MasqPrint, &PortsSave);
const XtExt kRedir = Make("REDIRECT", &RedirTg, H(NF_INET_PRE_ROUTING) | H(NF_INET_LOCAL_OUT), kRedirOpts, nullptr, &RedirPrint, &PortsSave);
const XtExtRegistrar r1(&kSnat), r2(&kDnat), r3(&kMasq), r4(&kRedir);

}  // namespace
}  // namespace linuxnet
