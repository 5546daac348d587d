// net/ipv4/arp.c
#include "net/ipv4/arp.h"

#include "net/core/dev.h"
#include "ns3/simulator.h"
#include "net/ipv4/ipv4.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

RtnType InetAddrTypeDevTable(NetNs* net, const NetDev* dev, uint32_t addr) {
  if (IpIsZeronet(addr) || IpIsLbcast(addr)) return RTN_BROADCAST;
  if (IpIsMulticast(addr)) return RTN_MULTICAST;
  FibResult res;
  if (net->ipv4->fib_local.Lookup(addr, 0, 0, &res)) {
    if (!dev || res.fa->nh.dev == dev) return res.type;
  }
  return RTN_UNICAST;
}

void ArpConstructor(Neighbour* n) {
  NetDev* dev = n->dev;
  n->type = InetAddrTypeDevTable(dev->net, dev, n->primary_key);
  if (dev->flags & (IFF_NOARP | IFF_LOOPBACK)) {
    n->nud_state = NUD_NOARP;
    n->ha = dev->dev_addr;
  } else if (n->type == RTN_MULTICAST) {
    n->nud_state = NUD_NOARP;
    uint32_t a = n->primary_key;  // ip_eth_mc_map
    n->ha.b[0] = 0x01; n->ha.b[1] = 0x00; n->ha.b[2] = 0x5e;
    n->ha.b[3] = (a >> 16) & 0x7f; n->ha.b[4] = (a >> 8) & 0xff; n->ha.b[5] = a & 0xff;
  } else if (n->type == RTN_BROADCAST || (dev->flags & IFF_POINTOPOINT)) {
    n->nud_state = NUD_NOARP;
    n->ha = dev->broadcast;
  }
}

void ArpSend(uint16_t op, uint32_t dest_ip, NetDev* dev, uint32_t src_ip, const MacAddr* dest_hw,
             const MacAddr* src_hw, const MacAddr* target_hw) {
  if (dev->flags & IFF_NOARP) return;
  ArpHdr arp;
  arp.ar_op = op;
  arp.sha = src_hw ? *src_hw : dev->dev_addr;
  arp.sip = src_ip;
  arp.tip = dest_ip;
  if (target_hw) arp.tha = *target_hw;
  ns3::Ptr<ns3::Packet> p = ns3::Create<ns3::Packet>();
  p->AddHeader(arp);
  SkbPtr skb = AllocSkb(dev->net->host, p);
  skb->dev = dev;
  skb->protocol = ETH_P_ARP;
  EthHeader(skb.get(), dev, ETH_P_ARP, dest_hw ? *dest_hw : dev->broadcast, src_hw);
  // arp_xmit: NF_ARP_OUT has no tables in this model
  DevQueueXmit(std::move(skb));
}

void ArpSolicit(Neighbour* n, const SkBuff* hint) {
  NetDev* dev = n->dev;
  KFunc(KF_arp_solicit, dev->net->host, hint);
  InDevice* in_dev = InDevGet(dev);
  if (!in_dev) return;
  uint32_t target = n->primary_key;
  uint32_t saddr = 0;
  int announce = std::max(in_dev->cnf.arp_announce, dev->net->ipv4->devconf_all.arp_announce);
  switch (announce) {
    default:
    case 0:
      if (hint && InetAddrTypeDevTable(dev->net, dev, hint->iph.saddr) == RTN_LOCAL) saddr = hint->iph.saddr;
      break;
    case 1:
      if (hint) {
        uint32_t s = hint->iph.saddr;
        if (InetAddrTypeDevTable(dev->net, dev, s) == RTN_LOCAL && InetAddrOnLink(in_dev, target, s)) saddr = s;
      }
      break;
    case 2:
      break;
  }
  if (!saddr) saddr = InetSelectAddr(dev, target, RT_SCOPE_LINK);
  NeighParms& p = dev->net->ipv4->arp_tbl.parms;
  int probes = n->probes - p.ucast_probes;
  const MacAddr* dst_hw = nullptr;
  if (probes < 0) {
    dst_hw = &n->ha;
  } else if (probes - p.app_probes < 0) {
    return;  // user-space probes (app_solicit): none in this model
  }
  ArpSend(ARPOP_REQUEST, target, dev, saddr, dst_hw, nullptr, dst_hw);
}

// arp_error_report → ipv4_link_failure: host unreachable to the packet's sender
void ArpErrorReport(Neighbour* n, SkbPtr skb) {
  IcmpSend(*skb, ICMP_DEST_UNREACH, ICMP_HOST_UNREACH, 0);
}

// arp_ignore
static bool ArpIgnore(InDevice* in_dev, uint32_t sip, uint32_t tip) {
  int mode = std::max(in_dev->cnf.arp_ignore, in_dev->dev->net->ipv4->devconf_all.arp_ignore);
  switch (mode) {
    case 0:
      return false;
    case 1:  // reply only if tip is configured on the incoming interface
      sip = 0;
      [[fallthrough]];
    case 2: {  // ... and both are in the same subnet on this interface
      for (auto& ifa : in_dev->ifa_list) {
        if (ifa.local != tip) continue;
        if (!sip || ((sip ^ tip) & ifa.mask) == 0) return false;
      }
      return true;
    }
    case 8:
      return true;
    default:
      return false;
  }
}

// arp_process
static int ArpProcess(NetNs* net, SkbPtr skb) {
  KFunc(KF_arp_process, skb.get());
  NetDev* dev = skb->dev;
  InDevice* in_dev = InDevGet(dev);
  if (!in_dev) return 0;
  ArpHdr arp;
  skb->data->PeekHeader(arp);
  if (arp.ar_op != ARPOP_REPLY && arp.ar_op != ARPOP_REQUEST) return 0;
  uint32_t sip = arp.sip, tip = arp.tip;
  if (IpIsMulticast(tip) || (!in_dev->cnf.route_localnet && IpIsLoopback(tip))) return 0;
  if (sip == 0) {  // RFC 2131 duplicate address detection probe
    if (arp.ar_op == ARPOP_REQUEST && InetAddrTypeDevTable(net, dev, tip) == RTN_LOCAL &&
        !ArpIgnore(in_dev, sip, tip))
      ArpSend(ARPOP_REPLY, sip, dev, tip, &arp.sha, &dev->dev_addr, &arp.sha);
    return 0;
  }
  if (arp.ar_op == ARPOP_REQUEST && IpRouteInputNoref(skb.get(), tip, sip, 0, dev) == 0) {
    if (skb->dst.rt_type == RTN_LOCAL) {
      if (!ArpIgnore(in_dev, sip, tip)) {
        if (NeighEventNs(&net->ipv4->arp_tbl, arp.sha, sip, dev))
          ArpSend(ARPOP_REPLY, sip, dev, tip, &arp.sha, &dev->dev_addr, &arp.sha);
      }
      return 0;
    }
  }
  Neighbour* n = net->ipv4->arp_tbl.Lookup(dev, sip);
  if (n) {
    uint8_t state = NUD_REACHABLE;
    bool override = ns3::Simulator::Now() > n->updated + ns3::MilliSeconds(net->ipv4->arp_tbl.parms.locktime_ms);
    // a gratuitous ARP (sip == tip, a request or a reply to broadcast) overrides too
    if (sip == tip && InetAddrTypeDevTable(net, dev, sip) == RTN_UNICAST) override = true;
    if (arp.ar_op != ARPOP_REPLY || skb->pkt_type != PACKET_HOST) state = NUD_STALE;
    NeighUpdate(n, &arp.sha, state, override ? unsigned(NEIGH_UPDATE_F_OVERRIDE) : 0u);
  }
  return 0;
}

// arp_rcv
int ArpRcv(SkbPtr skb, NetDev* dev, NetDev*) {
  KFunc(KF_arp_rcv, skb.get());
  if (dev->flags & IFF_NOARP || skb->pkt_type == PACKET_OTHERHOST || skb->pkt_type == PACKET_LOOPBACK) return 0;
  if (skb->data->GetSize() < 28) return 0;
  // NF_ARP_IN has no tables in this model
  return ArpProcess(dev->net, std::move(skb));
}

}  // namespace linuxnet
