// ip route (iproute2 ip/iproute.c) and ip neigh (ip/ipneigh.c)
#include <cerrno>

#include "cli/ip_common.h"
#include "net/ipv4/arp.h"
#include "net/ipv4/ipv4.h"
#include "ns3/simulator.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

static const char* RtnName(RtnType t) {
  static const char* n[] = {"none", "unicast", "local", "broadcast", "anycast", "multicast",
                            "blackhole", "unreachable", "prohibit", "throw", "nat"};
  return t <= RTN_NAT ? n[t] : "unknown";
}

static std::string ProtoName(uint8_t p) {
  switch (p) {
    case RTPROT_REDIRECT: return "redirect";
    case RTPROT_KERNEL: return "kernel";
    case RTPROT_BOOT: return "boot";
    case RTPROT_STATIC: return "static";
    case 16: return "dhcp";
    default: return std::to_string(p);
  }
}

static std::string ScopeStr(uint8_t s) {
  switch (s) {
    case 0: return "global";
    case 200: return "site";
    case 253: return "link";
    case 254: return "host";
    case 255: return "nowhere";
    default: return std::to_string(s);
  }
}

static void PrintRoute(CmdCtx& ctx, const FibAlias& fa, bool show_table) {
  std::string l;
  if (fa.type != RTN_UNICAST) l += std::string(RtnName(fa.type)) + " ";
  if (fa.plen == 0) l += "default ";
  else l += IpStr(fa.dst) + (fa.plen == 32 ? "" : "/" + std::to_string(fa.plen)) + " ";
  if (fa.nh.gw) l += "via " + IpStr(fa.nh.gw) + " ";
  if (fa.nh.dev) l += "dev " + fa.nh.dev->name + " ";
  if (show_table && fa.table != 254) l += std::string("table ") + (fa.table == 255 ? "local" : std::to_string(fa.table)) + " ";
  if (fa.protocol != RTPROT_BOOT) l += "proto " + ProtoName(fa.protocol) + " ";
  if (fa.scope != RT_SCOPE_UNIVERSE) l += "scope " + ScopeStr(fa.scope) + " ";
  if (fa.prefsrc) l += "src " + IpStr(fa.prefsrc) + " ";
  if (fa.priority) l += "metric " + std::to_string(fa.priority) + " ";
  if (fa.nh.flags & RTNH_F_ONLINK) l += "onlink ";
  if (fa.nh.dev && !fa.nh.dev->carrier && fa.type != RTN_LOCAL) l += "linkdown ";
  ctx.Out(l + "\n");
}

static bool ParseTable(const std::string& s, uint32_t* id) {
  if (s == "main") *id = 254;
  else if (s == "local") *id = 255;
  else if (s == "all") *id = 0;
  else if (s == "default") *id = 253;
  else {
    char* end;
    unsigned long v = std::strtoul(s.c_str(), &end, 0);
    if (*end || s.empty()) return false;
    *id = static_cast<uint32_t>(v);
  }
  return true;
}

static int RouteShow(CmdCtx& ctx, const Args& a) {
  uint32_t table = 254;
  std::string dev;
  for (size_t i = 0; i < a.size(); i++) {
    if (a[i] == "table" && i + 1 < a.size()) {
      if (!ParseTable(a[++i], &table)) {
        ctx.Err("Error: argument \"" + a[i] + "\" is wrong: table id value is invalid\n\n");
        return 1;
      }
    } else if (a[i] == "dev" && i + 1 < a.size()) {
      dev = a[++i];
    }
  }
  NetDev* only = nullptr;
  if (!dev.empty() && !(only = ctx.net->DevGetByName(dev))) {
    ctx.Err("Cannot find device \"" + dev + "\"\n");
    return 1;
  }
  auto dump = [&](FibTable& t, bool show_table) {
    for (const FibAlias* fa : t.Dump())
      if (!only || fa->nh.dev == only) PrintRoute(ctx, *fa, show_table);
  };
  if (table == 0) {
    dump(ctx.net->ipv4->fib_main, true);
    dump(ctx.net->ipv4->fib_local, true);
  } else if (table == 254) {
    dump(ctx.net->ipv4->fib_main, false);
  } else if (table == 255) {
    dump(ctx.net->ipv4->fib_local, false);
  }
  return 0;
}

// inet_rtm_newroute / inet_rtm_delroute with fib_create_info's nexthop checks
static int RouteModify(CmdCtx& ctx, const std::string& cmd, const Args& a) {
  FibAlias fa;
  fa.protocol = RTPROT_BOOT;
  bool have_dst = false, have_type = false, have_scope = false, have_proto = false, have_metric = false;
  std::string dev;
  uint32_t table = 254;
  bool onlink = false;
  for (size_t i = 0; i < a.size(); i++) {
    const std::string& w = a[i];
    auto next = [&] { return NextArg(ctx, a, i); };
    if (w == "via") {
      const std::string* v = next();
      if (!v) return 255;
      if (!IpParse(*v, &fa.nh.gw)) {
        ctx.Err("Error: inet address is expected rather than \"" + *v + "\".\n");
        return 1;
      }
    } else if (w == "dev" || w == "oif") {
      const std::string* v = next();
      if (!v) return 255;
      dev = *v;
    } else if (w == "src") {
      const std::string* v = next();
      if (!v) return 255;
      if (!IpParse(*v, &fa.prefsrc)) {
        ctx.Err("Error: inet address is expected rather than \"" + *v + "\".\n");
        return 1;
      }
    } else if (w == "metric" || w == "priority" || w == "preference") {
      const std::string* v = next();
      if (!v) return 255;
      fa.priority = static_cast<uint32_t>(std::strtoul(v->c_str(), nullptr, 0));
      have_metric = true;
    } else if (w == "scope") {
      const std::string* v = next();
      if (!v) return 255;
      if (*v == "global" || *v == "universe") fa.scope = 0;
      else if (*v == "link") fa.scope = RT_SCOPE_LINK;
      else if (*v == "host") fa.scope = RT_SCOPE_HOST;
      else if (*v == "site") fa.scope = RT_SCOPE_SITE;
      else fa.scope = static_cast<uint8_t>(std::strtoul(v->c_str(), nullptr, 0));
      have_scope = true;
    } else if (w == "proto" || w == "protocol") {
      const std::string* v = next();
      if (!v) return 255;
      if (*v == "kernel") fa.protocol = RTPROT_KERNEL;
      else if (*v == "boot") fa.protocol = RTPROT_BOOT;
      else if (*v == "static") fa.protocol = RTPROT_STATIC;
      else fa.protocol = static_cast<uint8_t>(std::strtoul(v->c_str(), nullptr, 0));
      have_proto = true;
    } else if (w == "table") {
      const std::string* v = next();
      if (!v) return 255;
      if (!ParseTable(*v, &table)) {
        ctx.Err("Error: argument \"" + *v + "\" is wrong: \"table\" value is invalid\n\n");
        return 1;
      }
    } else if (w == "onlink") {
      onlink = true;
    } else if (!have_type && (w == "unicast" || w == "local" || w == "broadcast" || w == "blackhole" ||
                              w == "unreachable" || w == "prohibit" || w == "throw")) {
      fa.type = w == "unicast" ? RTN_UNICAST : w == "local" ? RTN_LOCAL : w == "broadcast" ? RTN_BROADCAST
              : w == "blackhole" ? RTN_BLACKHOLE : w == "unreachable" ? RTN_UNREACHABLE
              : w == "prohibit" ? RTN_PROHIBIT : RTN_THROW;
      have_type = true;
    } else if (!have_dst) {
      std::string p = w == "to" ? (i + 1 < a.size() ? a[++i] : "") : w;
      int plen;
      if (!GetPrefix(p, &fa.dst, &plen, true)) {
        ctx.Err("Error: inet prefix is expected rather than \"" + p + "\".\n");
        return 1;
      }
      fa.plen = static_cast<uint8_t>(plen);
      if (fa.dst & ~PrefixMask(plen)) {
        ctx.Err("Error: Invalid prefix for given prefix length.\n");
        return 2;
      }
      have_dst = true;
    } else {
      ctx.Err("Error: either \"to\" is duplicate, or \"" + w + "\" is a garbage.\n");
      return 1;
    }
  }
  if (!have_dst) {
    ctx.Err("Error: either \"to\" is duplicate, or \"\" is a garbage.\n");
    return 1;
  }
  NetDev* d = nullptr;
  if (!dev.empty() && !(d = ctx.net->DevGetByName(dev))) {
    ctx.Err("Cannot find device \"" + dev + "\"\n");
    return 1;
  }
  NetNs* net = ctx.net;
  FibTable* tb = table == 255 ? &net->ipv4->fib_local : &net->ipv4->fib_main;
  fa.table = tb->id;
  bool del = Matches(cmd, "delete");
  if (!have_scope) {
    if (fa.type == RTN_LOCAL) fa.scope = RT_SCOPE_HOST;
    else if (fa.type == RTN_BROADCAST) fa.scope = RT_SCOPE_LINK;
    else if (fa.type == RTN_UNICAST && !fa.nh.gw) fa.scope = del ? RT_SCOPE_NOWHERE : RT_SCOPE_LINK;
  }
  if (del) {
    fa.nh.dev = d;
    int err = tb->Delete(fa.dst, fa.plen, fa, have_type, d != nullptr, fa.nh.gw != 0, have_proto,
                         have_scope, fa.prefsrc != 0, have_metric);
    if (err) return RtnlError(ctx, err);
    return 0;
  }
  bool nexthop = fa.type == RTN_UNICAST || fa.type == RTN_LOCAL || fa.type == RTN_BROADCAST;
  if (nexthop) {
    if (fa.nh.gw) {
      // fib_check_nh_v4_gw: the gateway must be reachable by a link-scope route
      if (onlink) {
        if (!d) return RtnlError(ctx, ENODEV);
        fa.nh.flags |= RTNH_F_ONLINK;
        fa.nh.dev = d;
        fa.nh.scope = RT_SCOPE_LINK;
      } else {
        FibResult res;
        uint8_t scope = static_cast<uint8_t>(fa.scope + 1);
        bool ok = net->ipv4->fib_local.Lookup(fa.nh.gw, 0, d ? d->ifindex : 0, &res, scope) ||
                  net->ipv4->fib_main.Lookup(fa.nh.gw, 0, d ? d->ifindex : 0, &res, scope);
        if (!ok || (res.type != RTN_UNICAST) || !res.fa->nh.dev) {
          ctx.Err("Error: Nexthop has invalid gateway.\n");
          return 2;
        }
        fa.nh.dev = res.fa->nh.dev;
        fa.nh.scope = res.scope;
      }
    } else {
      if (!d) {
        ctx.Err("Error: Device for nexthop is not up.\n");
        return 2;
      }
      fa.nh.dev = d;
      fa.nh.scope = RT_SCOPE_HOST;
    }
    if (!(fa.nh.dev->flags & IFF_UP)) {
      ctx.Err("Error: Nexthop device is not up.\n");
      return 2;
    }
    if (fa.prefsrc && InetAddrTypeDevTable(net, nullptr, fa.prefsrc) != RTN_LOCAL) {
      ctx.Err("Error: Invalid prefsrc address.\n");
      return 2;
    }
  } else {
    fa.nh = FibNh{};
  }
  bool replace = Matches(cmd, "replace") || Matches(cmd, "change");
  int err = tb->Insert(fa, !replace, replace);
  if (err) return RtnlError(ctx, err);
  return 0;
}

// ip route get: ip_route_output_key (or input with iif) and the cached route it prints
static int RouteGet(CmdCtx& ctx, const Args& a) {
  Flowi4 fl4;
  std::string oif;
  bool have = false;
  for (size_t i = 0; i < a.size(); i++) {
    if (a[i] == "from" && i + 1 < a.size()) {
      IpParse(a[++i], &fl4.saddr);
    } else if ((a[i] == "oif" || a[i] == "dev") && i + 1 < a.size()) {
      oif = a[++i];
    } else if (!have) {
      std::string p = a[i] == "to" && i + 1 < a.size() ? a[++i] : a[i];
      int plen;
      if (!GetPrefix(p, &fl4.daddr, &plen, false)) {
        ctx.Err("Error: inet prefix is expected rather than \"" + p + "\".\n");
        return 1;
      }
      have = true;
    }
  }
  if (!oif.empty()) {
    NetDev* d = ctx.net->DevGetByName(oif);
    if (!d) {
      ctx.Err("Cannot find device \"" + oif + "\"\n");
      return 1;
    }
    fl4.oif = d->ifindex;
  }
  Rtable rt;
  int err = IpRouteOutputKey(ctx.net, &fl4, &rt);
  if (err) return RtnlError(ctx, err);
  std::string l;
  bool local = rt.rt_type == RTN_LOCAL;
  if (local) l += "local ";
  else if (rt.rt_type == RTN_BROADCAST) l += "broadcast ";
  l += IpStr(fl4.daddr) + " ";
  if (rt.rt_gw4) l += "via " + IpStr(rt.rt_gw4) + " ";
  l += "dev " + rt.dev->name + " ";
  if (fl4.saddr) l += "src " + IpStr(fl4.saddr) + " ";
  l += "uid 0 \n    cache ";
  if (local) l += "<local> ";
  int64_t expires_ms = 0;
  if (!local && rt.pmtu) {
    Ipv4PathMtu(ctx.net, fl4.daddr, &expires_ms);
    int64_t left = (expires_ms - ns3::Simulator::Now().GetMilliSeconds()) / 1000;
    l += "expires " + std::to_string(left) + "sec mtu " + std::to_string(rt.pmtu) + " ";
  }
  ctx.Out(l + "\n");
  return 0;
}

int DoIpRoute(CmdCtx& ctx, const IpOpts& o, Args a) {
  if (a.empty()) return RouteShow(ctx, a);
  std::string c = a[0];
  a.erase(a.begin());
  if (Matches(c, "add") || Matches(c, "delete") || Matches(c, "replace") || Matches(c, "change") ||
      Matches(c, "append"))
    return RouteModify(ctx, c, a);
  if (Matches(c, "show") || Matches(c, "list") || Matches(c, "lst")) return RouteShow(ctx, a);
  if (Matches(c, "get")) return RouteGet(ctx, a);
  ctx.Err("Command \"" + c + "\" is unknown, try \"ip route help\".\n");
  return 1;
}

static const char* NudName(uint8_t s) {
  switch (s) {
    case NUD_INCOMPLETE: return "INCOMPLETE";
    case NUD_REACHABLE: return "REACHABLE";
    case NUD_STALE: return "STALE";
    case NUD_DELAY: return "DELAY";
    case NUD_PROBE: return "PROBE";
    case NUD_FAILED: return "FAILED";
    case NUD_NOARP: return "NOARP";
    case NUD_PERMANENT: return "PERMANENT";
    default: return "NONE";
  }
}

// nud_state_a2n (ip/ipneigh.c)
static bool NudParse(const std::string& s, uint8_t* st) {
  static const std::pair<const char*, uint8_t> names[] = {
      {"permanent", NUD_PERMANENT}, {"reachable", NUD_REACHABLE}, {"noarp", NUD_NOARP},
      {"none", NUD_NONE},           {"stale", NUD_STALE},         {"incomplete", NUD_INCOMPLETE},
      {"delay", NUD_DELAY},         {"probe", NUD_PROBE},         {"failed", NUD_FAILED}};
  for (const auto& n : names)
    if (Matches(s, n.first)) {
      *st = n.second;
      return true;
    }
  return false;
}

// neigh_delete / a flush's RTM_DELNEIGH: the entry fails (its queue dropped) and goes
static void NeighDeleteAdmin(NeighTable* tbl, Neighbour* n) {
  NeighUpdate(n, nullptr, NUD_FAILED, NEIGH_UPDATE_F_OVERRIDE | NEIGH_UPDATE_F_ADMIN);
  tbl->Remove(n);
}

// ipneigh_modify → the kernel's neigh_add (add: NLM_F_CREATE|NLM_F_EXCL, replace: CREATE|REPLACE,
// change: REPLACE) and neigh_delete. An entry set here is ADMIN: ARP does not move a PERMANENT one.
static int NeighModify(CmdCtx& ctx, const std::string& cmd, const Args& a) {
  const bool del = Matches(cmd, "delete");
  const bool create = Matches(cmd, "add") || Matches(cmd, "replace");
  const bool excl = Matches(cmd, "add"), replace = !excl;
  std::string dev, lla;
  uint32_t dst = 0;
  bool have_dst = false, have_lla = false;
  uint8_t state = NUD_PERMANENT;
  for (size_t i = 0; i < a.size(); i++) {
    const std::string& w = a[i];
    auto next = [&]() -> const std::string* {
      if (i + 1 >= a.size()) {
        ctx.Err("Command line is not complete. Try option \"help\"\n");
        return nullptr;
      }
      return &a[++i];
    };
    if (w == "lladdr") {
      const std::string* v = next();
      if (!v) return 255;
      lla = *v;
      have_lla = true;
    } else if (w == "nud") {
      const std::string* v = next();
      if (!v) return 255;
      if (!NudParse(*v, &state)) {
        ctx.Err("Error: argument \"" + *v + "\" is wrong: nud state is bad\n");
        return 255;
      }
    } else if (w == "dev") {
      const std::string* v = next();
      if (!v) return 255;
      dev = *v;
    } else {
      std::string t = w;
      if (t == "to") {
        const std::string* v = next();
        if (!v) return 255;
        t = *v;
      }
      if (have_dst) {
        ctx.Err("Error: duplicate \"to\": \"" + t + "\" is the second value.\n");
        return 255;
      }
      if (!IpParse(t, &dst)) {
        ctx.Err("Error: any valid prefix is expected rather than \"" + t + "\".\n");
        return 1;
      }
      have_dst = true;
    }
  }
  if (dev.empty() || !have_dst) {
    ctx.Err("Device and destination are required arguments.\n");
    return 255;
  }
  MacAddr mac;
  const MacAddr* lladdr = have_lla && lla != "null" ? &mac : nullptr;  // "null": none
  if (lladdr && !MacAddr::Parse(lla, &mac)) {
    ctx.Err("\"" + lla + "\" is invalid lladdr.\n");
    return 1;
  }
  NetDev* d = ctx.net->DevGetByName(dev);
  if (!d) {
    ctx.Err("Cannot find device \"" + dev + "\"\n");
    return 1;
  }
  NeighTable& tbl = ctx.net->ipv4->arp_tbl;
  Neighbour* n = tbl.Lookup(d, dst);
  if (del) {  // neigh_delete
    if (!n) return RtnlError(ctx, ENOENT);
    NeighDeleteAdmin(&tbl, n);
    return 0;
  }
  unsigned flags = NEIGH_UPDATE_F_ADMIN | NEIGH_UPDATE_F_OVERRIDE;
  if (!n) {
    if (!create) return RtnlError(ctx, ENOENT);
    n = tbl.Create(d, dst);
  } else {
    if (excl) return RtnlError(ctx, EEXIST);
    if (!replace) flags &= ~NEIGH_UPDATE_F_OVERRIDE;
  }
  // __neigh_update: a valid state needs an address, given or already known
  if ((state & NUD_VALID) && !lladdr && !(n->nud_state & NUD_VALID)) {
    ctx.Err("Error: No link layer address given.\n");
    return 2;
  }
  NeighUpdate(n, lladdr, state, flags);
  return 0;
}

// ipneigh.c's filter for list and flush: [to] ADDR, dev DEV, nud STATE|all (0x100: NONE entries);
// 0 or the exit status of bad input
struct NeighFilter {
  NetDev* dev = nullptr;
  uint32_t to = 0;
  bool have_to = false;
  unsigned state;
  bool Match(const Neighbour* n) const {  // print_neigh's test
    if (dev && n->dev != dev) return false;
    if (have_to && n->primary_key != to) return false;
    return (state & n->nud_state) || (!n->nud_state && (state & 0x100));
  }
};
static int NeighFilterParse(CmdCtx& ctx, const Args& a, NeighFilter* f) {
  bool state_given = false;
  for (size_t i = 0; i < a.size(); i++) {
    if ((a[i] == "dev" || a[i] == "nud" || a[i] == "to") && i + 1 >= a.size()) {
      ctx.Err("Command line is not complete. Try option \"help\"\n");
      return 255;
    }
    if (a[i] == "dev") {
      const std::string& d = a[++i];
      if (!(f->dev = ctx.net->DevGetByName(d))) {
        ctx.Err("Cannot find device \"" + d + "\"\n");
        return 1;
      }
    } else if (a[i] == "nud") {
      const std::string& v = a[++i];
      if (!state_given) f->state = 0;
      state_given = true;
      uint8_t st;
      if (v == "all") {
        f->state = ~0u;
      } else if (NudParse(v, &st)) {
        f->state |= st ? st : 0x100;
      } else {
        ctx.Err("Error: argument \"" + v + "\" is wrong: nud state is bad\n");
        return 255;
      }
    } else {
      const std::string& t = a[i] == "to" ? a[++i] : a[i];
      if (!IpParse(t, &f->to)) {
        ctx.Err("Error: any valid prefix is expected rather than \"" + t + "\".\n");
        return 1;
      }
      f->have_to = true;
    }
  }
  return 0;
}

// ip neigh flush: every entry that matches (by default all but PERMANENT and NOARP) deleted
static int NeighFlush(CmdCtx& ctx, const Args& a) {
  if (a.empty()) {
    ctx.Err("Flush requires arguments.\n");
    return 1;
  }
  NeighFilter f;
  f.state = ~unsigned(NUD_PERMANENT | NUD_NOARP);
  if (int rc = NeighFilterParse(ctx, a, &f)) return rc;
  NeighTable& tbl = ctx.net->ipv4->arp_tbl;
  std::vector<Neighbour*> gone;
  tbl.ForEach([&](Neighbour* n) {
    if (f.Match(n)) gone.push_back(n);
  });
  for (Neighbour* n : gone) NeighDeleteAdmin(&tbl, n);
  return 0;
}

int DoIpNeigh(CmdCtx& ctx, const IpOpts& o, Args a) {
  if (!a.empty() && (Matches(a[0], "add") || Matches(a[0], "replace") || Matches(a[0], "change") ||
                     Matches(a[0], "chg") || Matches(a[0], "delete"))) {
    std::string c = Matches(a[0], "chg") ? "change" : a[0];
    a.erase(a.begin());
    return NeighModify(ctx, c, a);
  }
  if (!a.empty() && Matches(a[0], "flush")) {
    a.erase(a.begin());
    return NeighFlush(ctx, a);
  }
  if (!a.empty() && !(Matches(a[0], "show") || Matches(a[0], "list"))) {
    ctx.Err("Command \"" + a[0] + "\" is unknown, try \"ip neigh help\".\n");
    return 1;
  }
  NeighFilter f;
  f.state = 0xFF & ~unsigned(NUD_NOARP);
  if (int rc = NeighFilterParse(ctx, a.empty() ? a : Args(a.begin() + 1, a.end()), &f)) return rc;
  ctx.net->ipv4->arp_tbl.ForEach([&](Neighbour* n) {
    if (!f.Match(n)) return;
    std::string l = IpStr(n->primary_key) + " " + (f.dev ? "" : "dev " + n->dev->name + " ");
    if (n->nud_state & NUD_VALID) l += "lladdr " + n->ha.Str() + " ";
    if (n->nud_state != NUD_NONE) l += NudName(n->nud_state);
    while (!l.empty() && l.back() == ' ') l.pop_back();
    ctx.Out(l + "\n");
  });
  return 0;
}

}  // namespace linuxnet
