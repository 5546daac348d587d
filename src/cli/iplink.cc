// ip link (iproute2 ip/iplink.c, ip/ipaddress.c print_linkinfo, ip/iplink_veth.c)
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <map>

#include "cli/ip_common.h"
#include "net/core/dev.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

static const char* OperName(OperState s) {
  static const char* n[] = {"UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING", "DORMANT", "UP"};
  return n[s];
}

static OperState ReportedOperstate(const NetDev* d) { return d->IsUp() ? d->operstate : IF_OPER_DOWN; }

static std::string LinkFlags(unsigned flags, bool mdown) {
  std::string s = "<";
  bool first = true;
  auto add = [&](const char* n) {
    if (!first) s += ",";
    s += n;
    first = false;
  };
  if ((flags & IFF_UP) && !(flags & IFF_RUNNING)) add("NO-CARRIER");
  static const std::pair<unsigned, const char*> names[] = {
      {IFF_LOOPBACK, "LOOPBACK"}, {IFF_BROADCAST, "BROADCAST"}, {IFF_POINTOPOINT, "POINTOPOINT"},
      {IFF_MULTICAST, "MULTICAST"}, {IFF_NOARP, "NOARP"}, {IFF_ALLMULTI, "ALLMULTI"}, {IFF_PROMISC, "PROMISC"},
      {IFF_MASTER, "MASTER"}, {IFF_SLAVE, "SLAVE"}, {IFF_DEBUG, "DEBUG"}, {IFF_DYNAMIC, "DYNAMIC"},
      {IFF_AUTOMEDIA, "AUTOMEDIA"}, {IFF_PORTSEL, "PORTSEL"}, {IFF_NOTRAILERS, "NOTRAILERS"}, {IFF_UP, "UP"},
      {IFF_LOWER_UP, "LOWER_UP"}, {IFF_DORMANT, "DORMANT"}, {IFF_ECHO, "ECHO"}};
  for (auto& n : names)
    if (flags & n.first) add(n.second);
  if (mdown) add("M-DOWN");
  return s + ">";
}

// The "@peer" suffix and, for a link in another namespace, its netns id (rtnl_fill_link_netnsid)
struct LinkRef {
  std::string suffix;
  std::string netns;  // " link-netns NAME" or " link-netnsid N"
  bool mdown = false;
};

static LinkRef GetLinkRef(CmdCtx& ctx, NetDev* d) {
  LinkRef r;
  int iflink = d->NdoGetIflink();
  NetNs* link_net = d->NdoGetLinkNet();
  if (iflink == 0) return r;
  if (link_net && link_net != d->net) {
    int id = d->net->Peernet2idAlloc(link_net);
    r.suffix = "@if" + std::to_string(iflink);
    // iproute2 names the namespace if one of the names in /run/netns has that id (its
    // netns_map of name → nsid, get_name_from_nsid)
    std::string name;
    NetNs* named = ctx.net->GetNetNsById(id);
    if (!named && ctx.net == d->net) named = link_net;
    if (named == link_net && !link_net->name.empty() && ctx.user->FindNetns(link_net->name) == link_net)
      name = link_net->name;
    r.netns = name.empty() ? " link-netnsid " + std::to_string(id) : " link-netns " + name;
    return r;
  }
  if (iflink == d->ifindex) return r;
  NetDev* l = d->net->DevGetByIndex(iflink);
  if (!l) {
    r.suffix = "@NONE";
    return r;
  }
  r.suffix = "@" + l->name;
  r.mdown = !(DevGetFlags(l) & IFF_UP);
  return r;
}

static std::string Num(uint64_t v) { return std::to_string(v); }

static void SizeColumns(unsigned* cols, std::initializer_list<uint64_t> vals) {
  int i = 0;
  for (uint64_t v : vals) {
    unsigned len = static_cast<unsigned>(Num(v).size());
    if (len > cols[i]) cols[i] = len;
    i++;
  }
}

static std::string Pad(const std::string& s, unsigned w) {
  return s.size() >= w ? s : std::string(w - s.size(), ' ') + s;
}

// print_link_stats64
static void PrintStats(CmdCtx& ctx, const IpOpts& o, NetDev* d) {
  LinkStats s = d->GetStats64();
  unsigned cols[] = {10, 7, 6, 7, 7, 7, 10, 9};
  uint64_t carrier_changes = d->carrier_up_count + d->carrier_down_count;
  SizeColumns(cols, {s.rx_bytes, s.rx_packets, s.rx_errors, s.rx_dropped, s.rx_missed_errors, s.multicast});
  if (o.stats > 1) SizeColumns(cols, {0, 0, 0, 0, 0, 0, s.rx_nohandler});
  SizeColumns(cols, {s.tx_bytes, s.tx_packets, s.tx_errors, s.tx_dropped, s.tx_carrier_errors, s.collisions});
  if (o.stats > 1) SizeColumns(cols, {0, 0, 0, 0, 0, carrier_changes});
  auto nums = [&](std::initializer_list<uint64_t> v) {
    std::string l = "    ";
    int i = 0;
    for (uint64_t x : v) l += Pad(Num(x), cols[i++]) + " ";
    return l;
  };
  ctx.Out("    RX: " + Pad("bytes", cols[0] - 4) + " " + Pad("packets", cols[1]) + " " + Pad("errors", cols[2]) + " " +
          Pad("dropped", cols[3]) + " " + Pad("missed", cols[4]) + " " + Pad("mcast", cols[5]) + " " +
          Pad("", cols[6]) + "\n");
  ctx.Out(nums({s.rx_bytes, s.rx_packets, s.rx_errors, s.rx_dropped, s.rx_missed_errors, s.multicast}) + "\n");
  if (o.stats > 1) {
    ctx.Out("    RX errors:" + Pad("", cols[0] - 10) + " " + Pad("length", cols[1]) + " " + Pad("crc", cols[2]) + " " +
            Pad("frame", cols[3]) + " " + Pad("fifo", cols[4]) + " " + Pad("overrun", cols[5]) +
            (s.rx_nohandler ? " " + Pad("nohandler", cols[6]) : std::string()) + "\n");
    std::string l = "    " + Pad("", cols[0]) + " ";
    for (int i = 1; i <= 5; i++) l += Pad("0", cols[i]) + " ";
    if (s.rx_nohandler) l += Pad(Num(s.rx_nohandler), cols[6]) + " ";
    ctx.Out(l + "\n");
  }
  ctx.Out("    TX: " + Pad("bytes", cols[0] - 4) + " " + Pad("packets", cols[1]) + " " + Pad("errors", cols[2]) + " " +
          Pad("dropped", cols[3]) + " " + Pad("carrier", cols[4]) + " " + Pad("collsns", cols[5]) + " " +
          Pad("", cols[6]) + "\n");
  ctx.Out(nums({s.tx_bytes, s.tx_packets, s.tx_errors, s.tx_dropped, s.tx_carrier_errors, s.collisions}) + "\n");
  if (o.stats > 1) {
    ctx.Out("    TX errors:" + Pad("", cols[0] - 10) + " " + Pad("aborted", cols[1]) + " " + Pad("fifo", cols[2]) + " " +
            Pad("window", cols[3]) + " " + Pad("heartbt", cols[4]) + " " + Pad("transns", cols[5]) + "\n");
    std::string l = "    " + Pad("", cols[0]) + " ";
    for (int i = 1; i <= 4; i++) l += Pad("0", cols[i]) + " ";
    l += Pad(Num(carrier_changes), cols[5]) + " ";
    ctx.Out(l + "\n");
  }
}

void PrintLinkHeader(CmdCtx& ctx, const IpOpts& o, NetDev* d, bool link_cmd) {
  LinkRef ref = GetLinkRef(ctx, d);
  std::string l = std::to_string(d->ifindex) + ": " + d->name + ref.suffix + ": " +
                  LinkFlags(DevGetFlags(d), ref.mdown) + " mtu " + std::to_string(d->mtu) + " qdisc " + d->QdiscKind();
  if (d->master) l += " master " + d->master->name;
  l += std::string(" state ") + OperName(ReportedOperstate(d));
  if (link_cmd) l += " mode DEFAULT";
  l += " group default qlen " + std::to_string(d->tx_queue_len) + "\n";
  ctx.Out(l);
  std::string t = d->type == ARPHRD_LOOPBACK ? "loopback" : "ether";
  ctx.Out("    link/" + t + " " + d->dev_addr.Str() + " brd " + d->broadcast.Str() + ref.netns);
  if (o.details) {
    ctx.Out(" promiscuity " + std::to_string(d->promiscuity) + "  allmulti " + std::to_string(d->allmulti) +
            " minmtu " + std::to_string(d->min_mtu) + " maxmtu " + std::to_string(d->max_mtu) + " ");
    if (d->kind && d->kind->kind[0]) {
      ctx.Out(std::string("\n    ") + d->kind->kind);
      const IpLinkKind* k = FindIpLinkKind(d->kind->kind);
      if (k && k->print_opt) {
        ctx.Out(" ");
        k->print_opt(ctx, d);
      }
      ctx.Out(" ");
    }
    if (d->master && d->master->kind)  // IFLA_INFO_SLAVE_KIND: "bridge_slave" for a bridge port
      if (const IpLinkKind* mk = FindIpLinkKind(d->master->kind->kind))
        if (mk->print_slave_opt) {
          ctx.Out(std::string("\n    ") + mk->kind + "_slave ");
          mk->print_slave_opt(ctx, d);
        }
    if (link_cmd) ctx.Out("addrgenmode eui64 ");  // IFLA_AF_SPEC: only `ip link` prints it
    ctx.Out("numtxqueues " + std::to_string(d->num_tx_queues) + " numrxqueues " +
            std::to_string(d->num_rx_queues) + " gso_max_size " + std::to_string(d->gso_max_size) +
            " gso_max_segs 65535 tso_max_size " + std::to_string(d->tso_max_size) +
            " tso_max_segs 65535 gro_max_size 65536 ");
  }
  ctx.Out("\n");
}

void PrintLinkBrief(CmdCtx& ctx, NetDev* d, bool addrs) {
  LinkRef ref = GetLinkRef(ctx, d);
  std::string name = d->name + ref.suffix;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%-16s %-14s ", name.c_str(), OperName(ReportedOperstate(d)));
  ctx.Out(buf);
  if (!addrs) ctx.Out(d->dev_addr.Str() + " " + LinkFlags(DevGetFlags(d), ref.mdown) + " ");
}

namespace {
std::map<std::string, const IpLinkKind*>& Kinds() {
  static std::map<std::string, const IpLinkKind*> m;
  return m;
}
}  // namespace

void RegisterIpLinkKind(const IpLinkKind* k) { Kinds()[k->kind] = k; }

const IpLinkKind* FindIpLinkKind(const std::string& kind) {
  auto it = Kinds().find(kind);
  return it == Kinds().end() ? nullptr : it->second;
}

static int LinkShow(CmdCtx& ctx, const IpOpts& o, const Args& a) {
  std::string dev, master, kind;
  bool up_only = false;
  for (size_t i = 0; i < a.size(); i++) {
    if (a[i] == "dev" && i + 1 < a.size()) dev = a[++i];
    else if (a[i] == "up") up_only = true;
    else if (a[i] == "master" && i + 1 < a.size()) master = a[++i];
    else if (a[i] == "type" && i + 1 < a.size()) kind = a[++i];
    else dev = a[i];
  }
  NetDev* only = nullptr;
  if (!dev.empty()) {
    only = ctx.net->DevGetByName(dev);
    if (!only) {
      ctx.Err("Device \"" + dev + "\" does not exist.\n");
      return 1;
    }
  }
  NetDev* m = nullptr;
  if (!master.empty()) {
    m = ctx.net->DevGetByName(master);
    if (!m) {  // invarg()
      ctx.Err("Error: argument \"" + master + "\" is wrong: Device does not exist\n\n");
      return 255;
    }
  }
  // `type KIND_slave` filters on the master's kind (IFLA_INFO_SLAVE_KIND)
  std::string slave_kind;
  if (kind.size() > 6 && kind.compare(kind.size() - 6, 6, "_slave") == 0) {
    slave_kind = kind.substr(0, kind.size() - 6);
    kind.clear();
  }
  for (auto& p : ctx.net->devs) {
    NetDev* d = p.operator->();
    if (only && d != only) continue;
    if (up_only && !d->IsUp()) continue;
    if (m && d->master != m) continue;
    if (!kind.empty() && (!d->kind || kind != d->kind->kind)) continue;
    if (!slave_kind.empty() && (!d->master || !d->master->kind || slave_kind != d->master->kind->kind)) continue;
    if (o.brief) {
      PrintLinkBrief(ctx, d, false);
      ctx.Out("\n");
      continue;
    }
    PrintLinkHeader(ctx, o, d, true);
    if (o.stats) PrintStats(ctx, o, d);
  }
  return 0;
}

// The device options `ip link add` and `ip link set` share (iplink_parse)

// iproute2's check_ifname / check_altifname: not empty, shorter than `size`, no '/' and no space
static bool ValidIfname(const std::string& n, size_t size) {
  if (n.empty() || n.size() >= size) return false;
  for (char c : n)
    if (c == '/' || std::isspace(static_cast<unsigned char>(c))) return false;
  return true;
}

int ParseLinkOpts(CmdCtx& ctx, Args& a, LinkOpts* lo, bool add) {
  for (size_t i = 0; i < a.size(); i++) {
    const std::string& w = a[i];
    auto next = [&] { return NextArg(ctx, a, i); };
    if (w == "type") {
      const std::string* v = next();
      if (!v) return 255;
      lo->kind = *v;
      lo->kind_args.assign(a.begin() + static_cast<long>(i) + 1, a.end());
      return 0;
    } else if (w == "name" || (add && w == "dev")) {
      const std::string* v = next();
      if (!v) return 255;
      // check_ifname for "name" (shorter than IFNAMSIZ), check_altifname for "dev" (the
      // kernel's attribute policy then refuses a long one)
      if (!ValidIfname(*v, w == "name" ? 16 : 128)) {
        ctx.Err("Error: argument \"" + *v + "\" is wrong: \"" + w + "\" not a valid ifname\n");
        return 255;
      }
      lo->name = *v;
    } else if (w == "address") {
      const std::string* v = next();
      if (!v) return 255;
      if (!MacAddr::Parse(*v, &lo->addr)) {
        ctx.Err("\"" + *v + "\" is invalid lladdr.\n");
        return 1;
      }
      lo->has_addr = true;
    } else if (w == "mtu") {
      const std::string* v = next();
      if (!v) return 255;
      char* end;
      unsigned long m = std::strtoul(v->c_str(), &end, 0);
      if (*end || v->empty()) {
        ctx.Err("Error: argument \"" + *v + "\" is wrong: Invalid \"mtu\" value\n\n");
        return 1;
      }
      lo->mtu = static_cast<uint32_t>(m);
      lo->has_mtu = true;
    } else if (w == "txqueuelen" || w == "qlen" || w == "txqlen") {
      const std::string* v = next();
      if (!v) return 255;
      lo->qlen = static_cast<uint32_t>(std::strtoul(v->c_str(), nullptr, 0));
      lo->has_qlen = true;
    } else if (w == "netns") {
      const std::string* v = next();
      if (!v) return 255;
      lo->netns = *v;
    } else if (w == "link") {
      const std::string* v = next();
      if (!v) return 255;
      lo->link = *v;
    } else if (add && lo->name.empty()) {
      if (!ValidIfname(w, 128)) {
        ctx.Err("Error: argument \"" + w + "\" is wrong: \"dev\" not a valid ifname\n");
        return 255;
      }
      lo->name = w;
    } else {
      ctx.Err("Error: either \"dev\" is duplicate, or \"" + w + "\" is a garbage.\n");
      return 1;
    }
  }
  return 0;
}

NetNs* ResolveNetns(CmdCtx& ctx, const std::string& n, int* rc) {
  if (n.empty()) return ctx.net;
  NetNs* ns = ctx.user->FindNetns(n);
  if (!ns) {
    ctx.Err("Invalid \"netns\" value\n");  // netns_get_fd failed and the value is no pid
    *rc = 1;
  }
  return ns;
}

static int LinkAdd(CmdCtx& ctx, Args a) {
  LinkOpts lo;
  int rc = ParseLinkOpts(ctx, a, &lo, true);
  if (rc) return rc;
  if (lo.kind.empty()) {
    ctx.Err("Not enough information: \"type\" argument is required\n");
    return 1;
  }
  // rtnl_newlink's nla_parse: IFLA_IFNAME is at most IFNAMSIZ - 1 bytes
  if (lo.name.size() >= 16) {
    ctx.Err("Error: Attribute failed policy validation.\n");
    return 2;
  }
  NetNs* net = ResolveNetns(ctx, lo.netns, &rc);
  if (rc) return rc;
  if (!lo.name.empty() && net->DevGetByName(lo.name)) return RtnlError(ctx, EEXIST);
  const IpLinkKind* k = FindIpLinkKind(lo.kind);
  if (!k) {
    ctx.Err("Error: Unknown device type.\n");
    return 2;
  }
  return k->add(ctx, lo, net);
}

static int LinkDel(CmdCtx& ctx, const Args& a) {
  std::string name;
  for (size_t i = 0; i < a.size(); i++) {
    if (a[i] == "dev" && i + 1 < a.size()) name = a[++i];
    else if (name.empty()) name = a[i];
  }
  NetDev* d = ctx.net->DevGetByName(name);
  if (!d) {
    ctx.Err("Cannot find device \"" + name + "\"\n");
    return 1;
  }
  if (!d->kind || !d->kind->kind[0]) return RtnlError(ctx, EOPNOTSUPP);  // no rtnl_link_ops: lo
  UnregisterNetdevice(d);
  return 0;
}

static int OnOff(CmdCtx& ctx, const std::string& opt, const std::string& v, bool* out) {
  if (v == "on") *out = true;
  else if (v == "off") *out = false;
  else {
    ctx.Err("Error: argument of \"" + opt + "\" must be \"on\" or \"off\", not \"" + v + "\"\n");
    return 1;
  }
  return 0;
}

// ip link set: one RTM_NEWLINK, applied in do_setlink's order
static int LinkSet(CmdCtx& ctx, Args a) {
  std::string name;
  int up = -1, promisc = -1, arp = -1;
  std::string master;
  bool nomaster = false;
  std::string change_kind;
  Args change_args;
  LinkOpts lo;
  Args generic;
  for (size_t i = 0; i < a.size(); i++) {
    const std::string& w = a[i];
    auto next = [&] { return NextArg(ctx, a, i); };
    if (w == "dev") {
      const std::string* v = next();
      if (!v) return 255;
      name = *v;
    } else if (w == "up") {
      up = 1;
    } else if (w == "down") {
      up = 0;
    } else if (w == "master") {
      const std::string* v = next();
      if (!v) return 255;
      master = *v;
    } else if (w == "nomaster") {
      nomaster = true;
    } else if (w == "type") {
      const std::string* v = next();
      if (!v) return 255;
      change_kind = *v;
      change_args.assign(a.begin() + static_cast<long>(i) + 1, a.end());
      break;
    } else if (w == "promisc" || w == "arp") {
      const std::string* v = next();
      if (!v) return 255;
      bool b;
      if (OnOff(ctx, w, *v, &b)) return 1;
      (w == "promisc" ? promisc : arp) = b;
    } else if (w == "name" || w == "address" || w == "mtu" || w == "netns" || w == "txqueuelen" || w == "qlen" ||
               w == "txqlen") {
      generic.push_back(w);
      const std::string* v = next();
      if (!v) return 255;
      generic.push_back(*v);
    } else if (name.empty()) {
      name = w;
    } else {
      ctx.Err("Error: either \"dev\" is duplicate, or \"" + w + "\" is a garbage.\n");
      return 1;
    }
  }
  int rc = ParseLinkOpts(ctx, generic, &lo, false);
  if (rc) return rc;
  if (name.empty()) {
    ctx.Err("Not enough information: \"dev\" argument is required.\n");
    return 1;
  }
  NetDev* d = ctx.net->DevGetByName(name);
  if (!d) {
    ctx.Err("Cannot find device \"" + name + "\"\n");
    return 1;
  }
  NetDev* m = nullptr;
  if (!master.empty()) {
    m = ctx.net->DevGetByName(master);
    if (!m) {  // invarg()
      ctx.Err("Error: argument \"" + master + "\" is wrong: Device does not exist\n\n");
      return 255;
    }
  }
  NetNs* target = nullptr;
  if (!lo.netns.empty()) {
    target = ResolveNetns(ctx, lo.netns, &rc);
    if (rc) return rc;
  }
  if (target) {
    int err = DevChangeNetNamespace(d, target, lo.name);
    if (err) return RtnlError(ctx, err);
    return 0;
  }
  if (lo.has_addr) {
    int err = DevSetMacAddress(d, lo.addr);
    if (err) return RtnlError(ctx, err);
  }
  if (lo.has_mtu) {
    if (lo.mtu < d->min_mtu) {
      ctx.Err("Error: mtu less than device minimum.\n");
      return 2;
    }
    if (d->max_mtu && lo.mtu > d->max_mtu) {
      ctx.Err("Error: mtu greater than device maximum.\n");
      return 2;
    }
    int err = DevSetMtu(d, lo.mtu);
    if (err) return RtnlError(ctx, err);
  }
  if (!lo.name.empty()) {
    int err = DevChangeName(d, lo.name);
    if (err) return RtnlError(ctx, err);
  }
  if (m || nomaster) {
    int err = LinkSetMaster(d, nomaster ? nullptr : m);
    if (err) {
      if (err == -EOPNOTSUPP && m) {
        ctx.Err("Error: Device does not allow enslaving to a master.\n");  // no ndo_add_slave
        return 2;
      }
      return RtnlError(ctx, err);
    }
  }
  if (!change_kind.empty()) {
    const IpLinkKind* k = FindIpLinkKind(change_kind);
    if (!k) {
      ctx.Err("Error: Unknown device type.\n");
      return 2;
    }
    if (!d->kind || change_kind != d->kind->kind || !k->change) return RtnlError(ctx, EOPNOTSUPP);
    int rc2 = k->change(ctx, d, change_args);
    if (rc2) return rc2;
  }
  if (lo.has_qlen) d->tx_queue_len = lo.qlen;
  if (promisc >= 0) {
    bool want = promisc;
    if (want != static_cast<bool>(d->gflags & IFF_PROMISC)) {
      d->gflags ^= IFF_PROMISC;
      DevSetPromiscuity(d, want ? 1 : -1);
    }
  }
  if (arp >= 0) {
    if (arp) d->flags &= ~IFF_NOARP; else d->flags |= IFF_NOARP;
  }
  if (up >= 0) {
    int err = DevChangeFlags(d, up ? (d->flags | IFF_UP) : (d->flags & ~IFF_UP));
    if (err) return RtnlError(ctx, err);
  }
  return 0;
}

int DoIpLink(CmdCtx& ctx, const IpOpts& o, Args a) {
  if (a.empty()) return LinkShow(ctx, o, a);
  std::string c = a[0];
  a.erase(a.begin());
  if (Matches(c, "add")) return LinkAdd(ctx, a);
  if (Matches(c, "delete")) return LinkDel(ctx, a);
  if (Matches(c, "set") || Matches(c, "change")) return LinkSet(ctx, a);
  if (Matches(c, "show") || Matches(c, "lst") || Matches(c, "list")) return LinkShow(ctx, o, a);
  ctx.Err("Command \"" + c + "\" is unknown, try \"ip link help\".\n");
  return 1;
}

}  // namespace linuxnet
