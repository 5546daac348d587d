// net/ipv4/netfilter/ipt_REJECT.c with libxt_REJECT.c. The ICMP errors go out through IcmpSend
// (nf_send_unreach → icmp_send); tcp-reset builds the RST of nf_send_reset (net/ipv4/netfilter/
// nf_reject_ipv4.c) and sends it with IpBuildAndSend (its IP ID comes from ip_select_ident where
// the kernel leaves 0).
#include <strings.h>

#include <cstring>

#include "net/ipv4/ipv4.h"
#include "ns3/tcp-header.h"
#include "net/core/net_namespace.h"
#include "net/netfilter/x_tables.h"

namespace linuxnet {
namespace {

enum IptRejectWith : int {
  IPT_ICMP_NET_UNREACHABLE, IPT_ICMP_HOST_UNREACHABLE, IPT_ICMP_PROT_UNREACHABLE, IPT_ICMP_PORT_UNREACHABLE,
  IPT_ICMP_ECHOREPLY, IPT_ICMP_NET_PROHIBITED, IPT_ICMP_HOST_PROHIBITED, IPT_TCP_RESET, IPT_ICMP_ADMIN_PROHIBITED
};
struct IptRejectInfo {
  int with;
};

// nf_send_unreach
void SendUnreach(SkBuff* skb, uint8_t code) {
  if (skb->iph.frag_off & IP_OFFSET) return;
  IcmpSend(*skb, ICMP_DEST_UNREACH, code, 0);
}

// nf_send_reset
void SendReset(NetNs* net, const SkBuff* oldskb) {
  if (oldskb->iph.frag_off & IP_OFFSET) return;  // IP header checks: fragment
  if (oldskb->iph.protocol != IPPROTO_TCP_ || oldskb->data->GetSize() < 20) return;
  ns3::TcpHeader oth;
  oldskb->data->PeekHeader(oth);
  const uint8_t of = oth.GetFlags();
  if (of & ns3::TcpHeader::RST) return;  // no RST for RST
  ns3::TcpHeader th;
  th.SetSourcePort(oth.GetDestinationPort());
  th.SetDestinationPort(oth.GetSourcePort());
  th.SetWindowSize(0);
  if (of & ns3::TcpHeader::ACK) {
    th.SetSequenceNumber(oth.GetAckNumber());
    th.SetFlags(ns3::TcpHeader::RST);
  } else {
    uint32_t payload = oldskb->data->GetSize() - oth.GetSerializedSize();
    uint32_t ack = oth.GetSequenceNumber().GetValue() + ((of & ns3::TcpHeader::SYN) ? 1 : 0) +
                   ((of & ns3::TcpHeader::FIN) ? 1 : 0) + payload;
    th.SetSequenceNumber(ns3::SequenceNumber32(0));
    th.SetAckNumber(ns3::SequenceNumber32(ack));
    th.SetFlags(ns3::TcpHeader::RST | ns3::TcpHeader::ACK);
  }
  ns3::Ptr<ns3::Packet> p = ns3::Create<ns3::Packet>();
  p->AddHeader(th);
  Flowi4 fl4;
  fl4.daddr = oldskb->iph.saddr;
  fl4.saddr = oldskb->iph.daddr;
  fl4.proto = IPPROTO_TCP_;
  fl4.df = true;
  Rtable rt;
  if (IpRouteOutputKey(net, &fl4, &rt) != 0) return;
  IpBuildAndSend(net, AllocSkb(net->host, p), fl4, rt, static_cast<uint8_t>(net->ipv4->sysctl_ip_default_ttl), 0);
}

// reject_tg
unsigned RejectTg(SkBuff* skb, const XtActionParam* par) {
  const IptRejectInfo* r = static_cast<const IptRejectInfo*>(par->info);
  switch (r->with) {
    case IPT_ICMP_NET_UNREACHABLE: SendUnreach(skb, ICMP_NET_UNREACH); break;
    case IPT_ICMP_HOST_UNREACHABLE: SendUnreach(skb, ICMP_HOST_UNREACH); break;
    case IPT_ICMP_PROT_UNREACHABLE: SendUnreach(skb, ICMP_PROT_UNREACH); break;
    case IPT_ICMP_PORT_UNREACHABLE: SendUnreach(skb, ICMP_PORT_UNREACH); break;
    case IPT_ICMP_NET_PROHIBITED: SendUnreach(skb, ICMP_NET_ANO); break;
    case IPT_ICMP_HOST_PROHIBITED: SendUnreach(skb, ICMP_HOST_ANO); break;
    case IPT_ICMP_ADMIN_PROHIBITED: SendUnreach(skb, ICMP_PKT_FILTERED); break;
    case IPT_TCP_RESET: SendReset(par->state->net, skb); break;
    default: break;
  }
  return NF_DROP;
}

// reject_tg_check
int RejectCheck(const XtChkParam* par) {
  const IptRejectInfo* r = static_cast<const IptRejectInfo*>(par->info);
  if (r->with == IPT_ICMP_ECHOREPLY) {
    Printk(par->net, "ipt_REJECT: ECHOREPLY no longer supported.");
    return -22;
  }
  if (r->with == IPT_TCP_RESET) {
    if (par->ip->proto != IPPROTO_TCP_ || (par->ip->invflags & IPT_INV_PROTO)) {
      Printk(par->net, "ipt_REJECT: TCP_RESET invalid for non-tcp");
      return -22;
    }
  }
  return 0;
}

const struct { const char* name; const char* alias; int with; } kTable[] = {
    {"icmp-net-unreachable", "net-unreach", IPT_ICMP_NET_UNREACHABLE},
    {"icmp-host-unreachable", "host-unreach", IPT_ICMP_HOST_UNREACHABLE},
    {"icmp-proto-unreachable", "proto-unreach", IPT_ICMP_PROT_UNREACHABLE},
    {"icmp-port-unreachable", "port-unreach", IPT_ICMP_PORT_UNREACHABLE},
    {"icmp-net-prohibited", "net-prohib", IPT_ICMP_NET_PROHIBITED},
    {"icmp-host-prohibited", "host-prohib", IPT_ICMP_HOST_PROHIBITED},
    {"tcp-reset", "tcp-rst", IPT_TCP_RESET},
    {"icmp-admin-prohibited", "admin-prohib", IPT_ICMP_ADMIN_PROHIBITED}};

const XtOpt kOpts[] = {{"reject-with", true, 1}, {nullptr, false, 0}};

void RejectInit(void* d) { static_cast<IptRejectInfo*>(d)->with = IPT_ICMP_PORT_UNREACHABLE; }

int RejectParse(XtParseCtx& c) {
  IptRejectInfo* r = static_cast<IptRejectInfo*>(c.data);
  for (auto& t : kTable)
    if (strcasecmp(c.arg, t.name) == 0 || strcasecmp(c.arg, t.alias) == 0) {
      r->with = t.with;
      return 0;
    }
  return XtErr(c, std::string("unknown reject type \"") + c.arg + "\"");
}

const char* WithName(int w) {
  for (auto& t : kTable)
    if (t.with == w) return t.name;
  return "unknown";
}
void RejectPrint(const void* d, const IptIp*, bool, std::string& out) {
  out += std::string(" reject-with ") + WithName(static_cast<const IptRejectInfo*>(d)->with);
}
void RejectSave(const void* d, const IptIp*, std::string& out) {
  out += std::string(" --reject-with ") + WithName(static_cast<const IptRejectInfo*>(d)->with);
}

const XtExt kReject = [] {
  XtExt e;
  e.name = "REJECT";
  e.is_target = true;
  e.size = sizeof(IptRejectInfo);
  e.usersize = sizeof(IptRejectInfo);
  e.table = "filter";
  e.hooks = (1u << NF_INET_LOCAL_IN) | (1u << NF_INET_FORWARD) | (1u << NF_INET_LOCAL_OUT);
  e.target = &RejectTg;
  e.checkentry = &RejectCheck;
  e.opts = kOpts;
  e.init = &RejectInit;
  e.parse = &RejectParse;
  e.print = &RejectPrint;
  e.save = &RejectSave;
  return e;
}();
const XtExtRegistrar reg(&kReject);

}  // namespace
}  // namespace linuxnet
