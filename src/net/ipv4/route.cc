// net/ipv4/route.c (input and output route resolution) and the fib_lookup / fib_validate_source
// parts of net/ipv4/fib_frontend.c, with the default rules (local, main).
#include <cerrno>

#include "net/ipv4/arp.h"
#include "net/ipv4/ipv4.h"
#include "ns3/simulator.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

// fib_lookup with the default rule set: local (0), main (32766); the kernel's error per route type
static int FibLookup(NetNs* net, uint32_t daddr, uint8_t tos, int oif, FibResult* res) {
  if (!net->ipv4->fib_local.Lookup(daddr, tos, oif, res) && !net->ipv4->fib_main.Lookup(daddr, tos, oif, res))
    return -ENETUNREACH;
  switch (res->type) {
    case RTN_UNREACHABLE: return -EHOSTUNREACH;
    case RTN_BLACKHOLE: return -EINVAL;
    case RTN_PROHIBIT: return -EACCES;
    case RTN_THROW: return -EAGAIN;
    default: return 0;
  }
}

static int RpFilter(const InDevice* in) {
  return std::max(in->cnf.rp_filter, in->dev->net->ipv4->devconf_all.rp_filter);
}
static bool AcceptLocal(const InDevice* in) {
  return in->cnf.accept_local || in->dev->net->ipv4->devconf_all.accept_local;
}
static bool InDevForward(const InDevice* in) { return in->cnf.forwarding; }

static bool InetLookupIfaddr(NetNs* net, uint32_t a) {
  for (auto& d : net->devs) {
    InDevice* in = InDevGet(d.operator->());
    if (!in) continue;
    for (auto& ifa : in->ifa_list)
      if (ifa.local == a) return true;
  }
  return false;
}

static bool TxRedirects(const InDevice* in) {
  return in->cnf.send_redirects || in->dev->net->ipv4->devconf_all.send_redirects;
}

// fib_validate_source / __fib_validate_source: < 0 (-EINVAL / -EXDEV) to refuse the source;
// 1 when the source is reached directly through the input device itself (a redirect hint)
static int FibValidateSource(NetNs* net, uint32_t src, uint32_t dst, uint8_t tos, int oif, NetDev* dev,
                             InDevice* idev) {
  int rpf = RpFilter(idev);
  if (!rpf && (dev->ifindex != oif || !TxRedirects(idev))) {
    if (AcceptLocal(idev)) return 0;
    if (InetLookupIfaddr(net, src)) return -EINVAL;
    return 0;
  }
  FibResult res;
  if (FibLookup(net, src, tos, 0, &res) != 0) return rpf ? -EXDEV : 0;  // last_resort
  if (res.type != RTN_UNICAST && (res.type != RTN_LOCAL || !AcceptLocal(idev))) return -EINVAL;
  bool dev_match = res.fa->nh.dev == dev || (res.type == RTN_LOCAL && dev == net->loopback_dev);
  if (dev_match) return res.fa->nh.scope >= RT_SCOPE_HOST ? 1 : 0;
  if (idev->ifa_list.empty()) return rpf ? -EXDEV : 0;
  if (rpf == 1) return -EXDEV;
  int ret = 0;
  if (FibLookup(net, src, tos, dev->ifindex, &res) == 0 && res.type == RTN_UNICAST)
    ret = res.fa->nh.scope >= RT_SCOPE_HOST ? 1 : 0;
  return ret;
}

// ip_route_input_slow
int IpRouteInputNoref(SkBuff* skb, uint32_t daddr, uint32_t saddr, uint8_t tos, NetDev* dev) {
  KFunc(KF_ip_route_input_noref, skb);
  NetNs* net = dev->net;
  InDevice* in_dev = InDevGet(dev);
  Rtable& rt = skb->dst;
  rt = Rtable{};
  if (!in_dev) return -EINVAL;
  int err = 0;
  FibResult res;
  auto local_input = [&](RtnType type, int error) {
    rt.rt_type = type;
    rt.dev = net->loopback_dev;
    rt.input = type == RTN_UNREACHABLE ? Rtable::IN_ERROR : Rtable::IN_LOCAL;
    rt.error = error;
    rt.rt_spec_dst = daddr;
    return 0;
  };
  auto brd_input = [&]() {
    if (skb->protocol != ETH_P_IP) return -EINVAL;
    if (!IpIsZeronet(saddr) && FibValidateSource(net, saddr, daddr, tos, 0, dev, in_dev) < 0) {
      net->ipv4->mib[IPSTATS_MIB_InAddrErrors] += 0;  // martian source: RT_CACHE_STAT in_martian_src
      return -EINVAL;
    }
    return local_input(RTN_BROADCAST, 0);
  };
  if (IpIsMulticast(saddr) || IpIsLbcast(saddr)) return -EINVAL;  // martian source
  if (IpIsLbcast(daddr) || (saddr == 0 && daddr == 0)) return brd_input();
  if (IpIsZeronet(saddr)) return -EINVAL;
  if (IpIsZeronet(daddr)) return -EINVAL;  // martian destination
  if (IpIsLoopback(daddr)) {
    if (!in_dev->cnf.route_localnet && !net->ipv4->devconf_all.route_localnet) return -EINVAL;
  } else if (IpIsLoopback(saddr)) {
    if (!in_dev->cnf.route_localnet && !net->ipv4->devconf_all.route_localnet) return -EINVAL;
  }
  err = FibLookup(net, daddr, tos, 0, &res);
  if (err != 0) {
    if (!InDevForward(in_dev)) err = -EHOSTUNREACH;
    return local_input(RTN_UNREACHABLE, -err);
  }
  if (res.type == RTN_BROADCAST) {
    if (in_dev->cnf.bc_forwarding) goto make_route;
    return brd_input();
  }
  if (res.type == RTN_LOCAL) {
    if (FibValidateSource(net, saddr, daddr, tos, 0, dev, in_dev) < 0) return -EINVAL;
    return local_input(RTN_LOCAL, 0);
  }
  if (!InDevForward(in_dev)) return local_input(RTN_UNREACHABLE, EHOSTUNREACH);
  if (res.type != RTN_UNICAST) return -EINVAL;  // martian destination
make_route:
  // __mkroute_input
  {
    NetDev* out_dev = res.fa->nh.dev;
    InDevice* out_in = out_dev ? InDevGet(out_dev) : nullptr;
    if (!out_in) return -EINVAL;
    int v = FibValidateSource(net, saddr, daddr, tos, out_dev->ifindex, dev, in_dev);
    if (v < 0) return -EINVAL;
    // a packet leaving by the device it came in on, from a directly reached sender: redirect it
    if (out_dev == dev && v && TxRedirects(out_in) && skb->protocol == ETH_P_IP) {
      bool shared = out_in->cnf.shared_media || net->ipv4->devconf_all.shared_media;
      if (shared || InetAddrOnLink(out_in, saddr, res.fa->nh.gw)) rt.do_redirect = true;
    }
    rt.rt_type = res.type;
    rt.dev = out_dev;
    rt.rt_gw4 = res.fa->nh.gw;
    rt.input = Rtable::IN_FORWARD;
    rt.rt_spec_dst = 0;
  }
  return 0;
}

// ip_route_output_key
int IpRouteOutputKey(NetNs* net, Flowi4* fl4, Rtable* rt) {
  KFunc(KF_ip_route_output_key, net->host, nullptr);
  return IpRouteOutputKeyHashRcu(net, fl4, rt);
}

int IpRouteOutputKeyHashRcu(NetNs* net, Flowi4* fl4, Rtable* rt) {
  *rt = Rtable{};
  NetDev* dev_out = nullptr;
  FibResult res;
  RtnType type = RTN_UNICAST;
  if (fl4->saddr) {
    if (IpIsMulticast(fl4->saddr) || IpIsLbcast(fl4->saddr) || IpIsZeronet(fl4->saddr)) return -EINVAL;
    if (!InetLookupIfaddr(net, fl4->saddr) && !net->ipv4->sysctl_ip_nonlocal_bind) return -EINVAL;
  }
  if (fl4->oif) {
    dev_out = net->DevGetByIndex(fl4->oif);
    if (!dev_out) return -ENODEV;
    if (!(dev_out->flags & IFF_UP) || !InDevGet(dev_out)) return -ENETUNREACH;
    if (IpIsLbcast(fl4->daddr) || (fl4->daddr & 0xffffff00u) == 0xe0000000u) {
      if (!fl4->saddr) fl4->saddr = InetSelectAddr(dev_out, 0, RT_SCOPE_LINK);
      type = IpIsLbcast(fl4->daddr) ? RTN_BROADCAST : RTN_MULTICAST;
      goto make_route;
    }
    if (!fl4->saddr) {
      if (IpIsMulticast(fl4->daddr)) fl4->saddr = InetSelectAddr(dev_out, 0, RT_SCOPE_UNIVERSE);
      else if (!fl4->daddr) fl4->saddr = InetSelectAddr(dev_out, 0, RT_SCOPE_HOST);
    }
  }
  if (!fl4->daddr) {
    fl4->daddr = fl4->saddr;
    if (!fl4->daddr) fl4->daddr = fl4->saddr = 0x7f000001;
    dev_out = net->loopback_dev;
    fl4->oif = dev_out->ifindex;
    type = RTN_LOCAL;
    goto make_route;
  }
  {
    int err = FibLookup(net, fl4->daddr, fl4->tos, fl4->oif, &res);
    if (err) {
      if (fl4->oif && err != -EHOSTUNREACH && err != -EACCES && err != -EINVAL) {
        // "routing tables are wrong; assume the destination is on link"
        if (!fl4->saddr) fl4->saddr = InetSelectAddr(dev_out, 0, RT_SCOPE_LINK);
        type = RTN_UNICAST;
        goto make_route;
      }
      return err;
    }
  }
  if (res.type == RTN_LOCAL) {
    if (!fl4->saddr) fl4->saddr = res.fa->prefsrc ? res.fa->prefsrc : fl4->daddr;
    dev_out = net->loopback_dev;
    fl4->oif = dev_out->ifindex;
    type = RTN_LOCAL;
    goto make_route;
  }
  type = res.type;
  dev_out = res.fa->nh.dev;
  if (!fl4->saddr)
    fl4->saddr = res.fa->prefsrc ? res.fa->prefsrc : InetSelectAddr(dev_out, res.fa->nh.gw, res.scope);
  rt->rt_gw4 = res.fa->nh.gw;
  fl4->oif = dev_out->ifindex;
make_route:
  // __mkroute_output
  if (IpIsLbcast(fl4->daddr)) type = RTN_BROADCAST;
  else if (IpIsMulticast(fl4->daddr)) type = RTN_MULTICAST;
  else if (IpIsZeronet(fl4->daddr)) return -EINVAL;
  if (dev_out->flags & IFF_LOOPBACK) type = type == RTN_UNICAST ? RTN_LOCAL : type;
  rt->rt_type = type;
  rt->dev = dev_out;
  if (type == RTN_UNICAST) rt->pmtu = Ipv4PathMtu(net, fl4->daddr, nullptr);  // rt_bind_exception
  rt->input = type == RTN_LOCAL ? Rtable::IN_LOCAL : Rtable::IN_NONE;
  rt->rt_spec_dst = fl4->saddr;
  return 0;
}

}  // namespace linuxnet

namespace linuxnet {

// ip_rt_send_redirect: ICMP host redirects with the kernel's backoff (ip_rt_redirect_number 9,
// ip_rt_redirect_load HZ/50 doubling per redirect, silence (HZ/50) << 10 resets)
void IpRtSendRedirect(const SkBuff& skb) {
  const Rtable& rt = skb.dst;
  InDevice* in = rt.dev ? InDevGet(rt.dev) : nullptr;
  if (!in || !TxRedirects(in)) return;
  NetNs* net = rt.dev->net;
  auto it = net->ipv4->peers.find(skb.iph.saddr);
  Ipv4Net::Peer& peer = it != net->ipv4->peers.end() ? it->second : net->ipv4->peers[skb.iph.saddr];
  if (it == net->ipv4->peers.end()) peer.rate_last_ms = ns3::Simulator::Now().GetMilliSeconds() - 60000;
  int64_t now = ns3::Simulator::Now().GetMilliSeconds();
  const int64_t load = 20, silence = 20 << 10;
  if (now > peer.rate_last_ms + silence) {
    peer.rate_tokens = 0;
    peer.n_redirects = 0;
  }
  if (peer.n_redirects >= 9) {
    peer.rate_last_ms = now;
    return;
  }
  if (peer.n_redirects == 0 || now > peer.rate_last_ms + (load << peer.n_redirects)) {
    uint32_t gw = rt.rt_gw4 ? rt.rt_gw4 : skb.iph.daddr;
    IcmpSend(skb, ICMP_REDIRECT, 1 /*ICMP_REDIR_HOST*/, gw);
    peer.rate_last_ms = now;
    ++peer.n_redirects;
  }
}

}  // namespace linuxnet
