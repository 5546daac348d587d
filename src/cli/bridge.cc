// bridge(8) (iproute2 bridge/bridge.c, fdb.c, link.c): the forwarding database and the ports of
// the namespace's bridges, printed as iproute2 6.1 prints what the kernel dumps.
#include <cerrno>
#include <cstdio>
#include <map>
#include <utility>

#include "cli/ip_common.h"
#include "net/bridge/br_private.h"
#include "net/core/dev.h"
#include "ns3/simulator.h"
#include "net/core/net_namespace.h"

namespace linuxnet {
namespace {

struct BrOpts {
  int details = 0;
  int stats = 0;
  bool compress = false;  // -compressvlans
};

const char* kStpStates[] = {"disabled", "listening", "learning", "forwarding", "blocking"};

// print_link_flags (bridge/link.c)
std::string LinkFlags(unsigned flags, bool mdown) {
  std::string s = "<";
  std::vector<std::string> names;
  if ((flags & IFF_UP) && !(flags & IFF_RUNNING)) names.push_back("NO-CARRIER");
  static const std::pair<unsigned, const char*> tbl[] = {
      {IFF_LOOPBACK, "LOOPBACK"}, {IFF_BROADCAST, "BROADCAST"}, {IFF_POINTOPOINT, "POINTOPOINT"},
      {IFF_MULTICAST, "MULTICAST"}, {IFF_NOARP, "NOARP"}, {IFF_ALLMULTI, "ALLMULTI"}, {IFF_PROMISC, "PROMISC"},
      {IFF_MASTER, "MASTER"}, {IFF_SLAVE, "SLAVE"}, {IFF_DEBUG, "DEBUG"}, {IFF_DYNAMIC, "DYNAMIC"},
      {IFF_AUTOMEDIA, "AUTOMEDIA"}, {IFF_PORTSEL, "PORTSEL"}, {IFF_NOTRAILERS, "NOTRAILERS"}, {IFF_UP, "UP"},
      {IFF_LOWER_UP, "LOWER_UP"}, {IFF_DORMANT, "DORMANT"}, {IFF_ECHO, "ECHO"}};
  for (auto& t : tbl)
    if (flags & t.first) names.push_back(t.second);
  for (size_t i = 0; i < names.size(); i++) s += (i ? "," : "") + names[i];
  if (mdown) s += ",M-DOWN";
  return s + "> ";
}

std::string OnOff(bool v) { return v ? "on" : "off"; }

// print_linkinfo (bridge/link.c) for one port (br_fill_ifinfo)
void PrintPort(CmdCtx& ctx, const BrOpts& o, NetDev* d, NetBridgePort* p) {
  std::string name = d->name;
  bool mdown = false;
  int iflink = d->NdoGetIflink();
  if (iflink != d->ifindex) {
    // IFLA_LINK without IFLA_LINK_NETNSID: iproute2 names the index in its own namespace
    if (iflink == 0) {
      name += "@NONE";
    } else {
      NetDev* l = ctx.net->DevGetByIndex(iflink);
      name += "@" + (l ? l->name : "if" + std::to_string(iflink));
      mdown = !(l && (DevGetFlags(l) & IFF_UP));
    }
  }
  std::string s = std::to_string(d->ifindex) + ": " + name + ": " + LinkFlags(DevGetFlags(d), mdown) + "mtu " +
                  std::to_string(d->mtu) + " master " + p->br->name + " ";
  s += std::string("state ") + kStpStates[p->state] + " priority " + std::to_string(p->priority) + " cost " +
       std::to_string(p->path_cost) + " ";
  if (o.details) {
    uint32_t f = p->flags;
    s += "\n    hairpin " + OnOff(f & BR_HAIRPIN_MODE) + " guard " + OnOff(f & BR_BPDU_GUARD) + " root_block " +
         OnOff(f & BR_ROOT_BLOCK) + " fastleave " + OnOff(f & BR_MULTICAST_FAST_LEAVE) + " learning " +
         OnOff(f & BR_LEARNING) + " flood " + OnOff(f & BR_FLOOD) + " mcast_flood " + OnOff(f & BR_MCAST_FLOOD) +
         " bcast_flood " + OnOff(f & BR_BCAST_FLOOD) + " mcast_router 1 mcast_to_unicast " +
         OnOff(f & BR_MULTICAST_TO_UNICAST) + " neigh_suppress " + OnOff(f & BR_NEIGH_SUPPRESS) +
         " vlan_tunnel " + OnOff(f & BR_VLAN_TUNNEL) + " isolated " + OnOff(f & BR_ISOLATED) + " locked off ";
  }
  ctx.Out(s + "\n");
}

int Nodev(CmdCtx& ctx, const std::string& dev) {
  ctx.Err("Cannot find device \"" + dev + "\"\n");
  return 255;
}

int LinkShow(CmdCtx& ctx, const BrOpts& o, const Args& a) {
  std::string filter_dev;
  for (size_t i = 0; i < a.size(); i++) {
    if (a[i] == "dev") {
      const std::string* v = NextArg(ctx, a, i);
      if (!v) return 255;
      filter_dev = *v;
    } else if (a[i] == "master") {
      i++;
    }
  }
  NetDev* only = nullptr;
  if (!filter_dev.empty()) {
    only = ctx.net->DevGetByName(filter_dev);
    if (!only) return Nodev(ctx, filter_dev);
  }
  for (auto& dp : ctx.net->devs) {
    NetDev* d = dp.operator->();
    if (only && d != only) continue;
    if (NetBridgePort* p = BrPortGet(d)) PrintPort(ctx, o, d, p);
  }
  return 0;
}

// parse_on_off
bool ParseOnOff(CmdCtx& ctx, const std::string& opt, const std::string& v, int* out) {
  if (v == "on") *out = 1;
  else if (v == "off") *out = 0;
  else {
    // parse_one_of: -EINVAL is the exit status brlink_modify returns
    ctx.Err("Error: argument of \"" + opt + "\" must be one of \"off\", \"on\", not \"" + v + "\"\n");
    return false;
  }
  return true;
}

// brlink_modify → RTM_SETLINK → br_setlink → br_setport
int LinkSet(CmdCtx& ctx, const Args& a) {
  std::string d;
  BrPortChange c;
  for (size_t i = 0; i < a.size(); i++) {
    const std::string& w = a[i];
    struct {
      const char* name;
      int* field;
    } onoff[] = {{"guard", &c.guard}, {"hairpin", &c.hairpin}, {"fastleave", &c.fastleave},
                 {"root_block", &c.root_block}, {"learning", &c.learning}, {"flood", &c.flood},
                 {"mcast_flood", &c.mcast_flood}, {"bcast_flood", &c.bcast_flood},
                 {"mcast_to_unicast", &c.mcast_to_unicast}, {"neigh_suppress", &c.neigh_suppress},
                 {"vlan_tunnel", &c.vlan_tunnel}, {"isolated", &c.isolated}};
    bool done = false;
    for (auto& e : onoff) {
      if (w != e.name) continue;
      const std::string* v = NextArg(ctx, a, i);
      if (!v) return 255;
      if (!ParseOnOff(ctx, w, *v, e.field)) return 234;
      done = true;
    }
    if (done) continue;
    if (w == "dev") {
      const std::string* v = NextArg(ctx, a, i);
      if (!v) return 255;
      d = *v;
    } else if (w == "cost" || w == "priority" || w == "state") {
      const std::string* v = NextArg(ctx, a, i);
      if (!v) return 255;
      long val = std::strtol(v->c_str(), nullptr, 0);
      if (w == "state") {
        if (!v->empty() && !isdigit(static_cast<unsigned char>((*v)[0]))) {
          val = -1;
          for (int s = 0; s < 5; s++)
            if (*v == kStpStates[s]) val = s;
          if (val < 0) {
            ctx.Err("Error: invalid STP port state\n");
            return 255;
          }
        }
        c.state = static_cast<int>(val);
      } else if (w == "cost") {
        c.cost = val;
      } else {
        c.priority = static_cast<int>(val);
      }
    } else if (w == "self" || w == "master") {
    } else {
      ctx.Err("Error: either \"dev\" is duplicate, or \"" + w + "\" is a garbage.\n");
      return 255;
    }
  }
  if (d.empty()) {
    ctx.Err("Device is a required argument.\n");
    return 255;
  }
  NetDev* dev = ctx.net->DevGetByName(d);
  if (!dev) {
    ctx.Err("Cannot find bridge device \"" + d + "\"\n");
    return 255;
  }
  NetBridgePort* p = BrPortGet(dev);
  int err = 0;
  if (!p) err = AsBridge(dev) ? -EINVAL : -EOPNOTSUPP;
  else err = BrSetport(p, c);
  if (err) {
    RtnlError(ctx, err);
    return 255;
  }
  return 0;
}

int DoLink(CmdCtx& ctx, const BrOpts& o, Args a) {
  if (a.empty()) return LinkShow(ctx, o, a);
  std::string c = a[0];
  a.erase(a.begin());
  if (Matches(c, "set") || Matches(c, "change")) return LinkSet(ctx, a);
  if (Matches(c, "show") || Matches(c, "lst") || Matches(c, "list")) return LinkShow(ctx, o, a);
  ctx.Err("Command \"" + c + "\" is unknown, try \"bridge link help\".\n");
  return 255;
}

// state_n2a
std::string StateN2a(uint16_t s) {
  if (s & NUD_PERMANENT) return "permanent";
  if (s & NUD_NOARP) return "static";
  if (s & NUD_STALE) return "stale";
  if (s & NUD_REACHABLE) return "";
  char b[32];
  std::snprintf(b, sizeof b, "state=%#x", s);
  return b;
}

struct FdbFilter {
  int index = 0;   // dev/brport
  int master = 0;  // br
  uint16_t state = 0;
  int vlan = 0;
  bool dynamic = false;
};

// print_fdb for one bridge entry (fdb_fill_info)
void PrintFdb(CmdCtx& ctx, const BrOpts& o, const FdbFilter& flt, BridgeDev* br, const NetBridgeFdbEntry& f) {
  NetDev* dev = f.dst ? f.dst->dev.operator->() : br;
  uint16_t state = FdbToNud(br, f);
  if (flt.index && flt.index != dev->ifindex) return;
  if (flt.state && !(state & flt.state)) return;
  if (flt.vlan && flt.vlan != f.vlan_id) return;
  if (flt.dynamic && (state & NUD_PERMANENT)) return;
  std::string s = f.addr.Str() + " ";
  if (!flt.index) s += "dev " + dev->name + " ";
  if (f.vlan_id) s += "vlan " + std::to_string(f.vlan_id) + " ";
  if (o.stats) {
    ns3::Time now = ns3::Simulator::Now();
    s += "used " + std::to_string((now - f.used).GetMilliSeconds() / 1000) + "/" +
         std::to_string((now - f.updated).GetMilliSeconds() / 1000) + " ";
  }
  if (f.added_by_external_learn) s += "extern_learn ";
  if (f.offloaded) s += "offload ";
  if (f.is_sticky) s += "sticky ";
  s += "master " + br->name + " " + StateN2a(state) + "\n";
  ctx.Out(s);
}

// ndo_dflt_fdb_dump: the device's own unicast address list, as "self" entries
void PrintSelf(CmdCtx& ctx, const FdbFilter& flt, NetDev* dev) {
  if (flt.master) return;
  if (flt.index && flt.index != dev->ifindex) return;
  if (flt.vlan || flt.dynamic || (flt.state && !(flt.state & NUD_PERMANENT))) return;
  for (auto& m : dev->uc) ctx.Out(m.Str() + " " + (flt.index ? "" : "dev " + dev->name + " ") + "self permanent\n");
}

// rtnl_fdb_dump: every device in ifindex order; a bridge dumps its own (port-less) entries, a
// port the entries that point to it
int FdbShow(CmdCtx& ctx, const BrOpts& o, const Args& a) {
  std::string filter_dev, br;
  FdbFilter flt;
  for (size_t i = 0; i < a.size(); i++) {
    const std::string& w = a[i];
    if (w == "brport" || w == "dev") {
      const std::string* v = NextArg(ctx, a, i);
      if (!v) return 255;
      filter_dev = *v;
    } else if (w == "br") {
      const std::string* v = NextArg(ctx, a, i);
      if (!v) return 255;
      br = *v;
    } else if (w == "vlan") {
      const std::string* v = NextArg(ctx, a, i);
      if (!v) return 255;
      flt.vlan = std::atoi(v->c_str());
    } else if (w == "state") {
      const std::string* v = NextArg(ctx, a, i);
      if (!v) return 255;
      if (Matches(*v, "permanent")) flt.state |= NUD_PERMANENT;
      else if (Matches(*v, "static") || Matches(*v, "temp")) flt.state |= NUD_NOARP;
      else if (Matches(*v, "stale")) flt.state |= NUD_STALE;
      else if (Matches(*v, "reachable") || Matches(*v, "dynamic")) flt.state |= NUD_REACHABLE;
      else {
        ctx.Err("Error: argument \"" + *v + "\" is wrong: invalid state\n");
        return 255;
      }
    } else if (w == "dynamic") {
      flt.dynamic = true;
    }
  }
  BridgeDev* brdev = nullptr;
  if (!br.empty()) {
    NetDev* b = ctx.net->DevGetByName(br);
    if (!b) {
      ctx.Err("Cannot find bridge device \"" + br + "\"\n");
      return 255;
    }
    flt.master = b->ifindex;
    brdev = AsBridge(b);
  }
  if (!filter_dev.empty()) {
    NetDev* d = ctx.net->DevGetByName(filter_dev);
    if (!d) return Nodev(ctx, filter_dev);
    flt.index = d->ifindex;
  }
  for (auto& dp : ctx.net->devs) {
    NetDev* dev = dp.operator->();
    if (flt.index && dev->ifindex != flt.index) continue;
    NetBridgePort* port = BrPortGet(dev);
    if (flt.master) {
      bool is_br = dev->ifindex == flt.master;
      if (!is_br && !(port && port->br == brdev)) continue;
    }
    if (port) {
      for (auto& f : port->br->fdb_list)
        if (f.dst == port) PrintFdb(ctx, o, flt, port->br, f);
    }
    if (BridgeDev* b = AsBridge(dev)) {
      // br_fdb_dump(filter_dev = NULL): its own "self" list, then the entries without a port
      for (auto& f : b->fdb_list)
        if (!f.dst) PrintFdb(ctx, o, flt, b, f);
    } else {
      PrintSelf(ctx, flt, dev);
    }
  }
  return 0;
}

// fdb_modify → rtnl_fdb_add / rtnl_fdb_del
int FdbModify(CmdCtx& ctx, const Args& a, bool add, uint16_t nlh_flags) {
  std::string addr, d;
  uint8_t ndm_flags = 0;
  uint16_t state = NUD_NOARP;
  int vid = -1;
  for (size_t i = 0; i < a.size(); i++) {
    const std::string& w = a[i];
    if (w == "dev") {
      const std::string* v = NextArg(ctx, a, i);
      if (!v) return 255;
      d = *v;
    } else if (w == "self") {
      ndm_flags |= NTF_SELF;
    } else if (Matches(w, "master")) {
      ndm_flags |= NTF_MASTER;
    } else if (Matches(w, "local") || Matches(w, "permanent")) {
      state |= NUD_PERMANENT;
    } else if (Matches(w, "temp") || Matches(w, "static")) {
      state |= NUD_REACHABLE;
    } else if (Matches(w, "dynamic")) {
      state |= NUD_REACHABLE;
      state &= ~NUD_NOARP;
    } else if (Matches(w, "vlan")) {
      if (vid >= 0) {
        ctx.Err("Error: duplicate \"vlan\": \"" + (i + 1 < a.size() ? a[i + 1] : std::string()) +
                "\" is the second value.\n");
        return 255;
      }
      const std::string* v = NextArg(ctx, a, i);
      if (!v) return 255;
      vid = std::atoi(v->c_str());
    } else if (Matches(w, "use")) {
      ndm_flags |= NTF_USE;
    } else if (Matches(w, "extern_learn")) {
      ndm_flags |= NTF_EXT_LEARNED;
    } else if (Matches(w, "sticky")) {
      ndm_flags |= NTF_STICKY;
    } else {
      size_t j = i;
      if (w == "to") {
        const std::string* v = NextArg(ctx, a, j);
        if (!v) return 255;
        i = j;
      }
      if (!addr.empty()) {
        ctx.Err("Error: duplicate \"to\": \"" + a[i] + "\" is the second value.\n");
        return 255;
      }
      addr = a[i];
    }
  }
  if (d.empty() || addr.empty()) {
    ctx.Err("Device and address are required arguments.\n");
    return 255;
  }
  if (!(ndm_flags & (NTF_SELF | NTF_MASTER))) ndm_flags |= NTF_SELF;
  if (!(state & (NUD_PERMANENT | NUD_REACHABLE))) state |= NUD_PERMANENT;
  MacAddr mac;
  unsigned b[6];
  char extra;
  if (std::sscanf(addr.c_str(), "%x:%x:%x:%x:%x:%x%c", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5], &extra) < 6) {
    ctx.Err("Invalid mac address " + addr + "\n");
    return 255;
  }
  for (int k = 0; k < 6; k++) mac.b[k] = static_cast<uint8_t>(b[k]);
  NetDev* dev = ctx.net->DevGetByName(d);
  if (!dev) return Nodev(ctx, d);
  uint16_t v = vid >= 0 ? static_cast<uint16_t>(vid) : 0;
  if (vid >= 4096) return RtnlError(ctx, EINVAL), 255;
  int err = -EOPNOTSUPP;
  // the bridge this device is a port of (the default and "master")
  if ((!(ndm_flags & ~NTF_USE & ~NTF_STICKY & ~NTF_EXT_LEARNED) || (ndm_flags & NTF_MASTER)) && BrPortGet(dev)) {
    err = add ? BrFdbAdd(dev, mac, v, state, ndm_flags, nlh_flags) : BrFdbDelete(dev, mac, v);
    if (err) {
      RtnlError(ctx, err);
      return 255;
    }
    ndm_flags &= ~NTF_MASTER;
  }
  // the device itself ("self"): a bridge's own database, or its unicast address list
  if (ndm_flags & NTF_SELF) {
    if (AsBridge(dev)) {
      err = add ? BrFdbAdd(dev, mac, v, state, ndm_flags, nlh_flags) : BrFdbDelete(dev, mac, v);
    } else if (add) {
      // ndo_dflt_fdb_add
      if (state && !(state & NUD_PERMANENT)) err = -EINVAL;
      else if (mac.IsZero() || vid >= 0) err = -EINVAL;
      else {
        err = DevUcAddExcl(dev, mac);
        if (err == -EEXIST && !(nlh_flags & NLM_F_EXCL)) err = 0;  // duplicates only with NLM_F_EXCL
      }
    } else {
      // ndo_dflt_fdb_del
      err = DevUcDel(dev, mac);
    }
  }
  if (err) {
    RtnlError(ctx, err);
    return 255;
  }
  return 0;
}

int DoFdb(CmdCtx& ctx, const BrOpts& o, Args a) {
  if (a.empty()) return FdbShow(ctx, o, a);
  std::string c = a[0];
  a.erase(a.begin());
  if (Matches(c, "add")) return FdbModify(ctx, a, true, NLM_F_CREATE | NLM_F_EXCL);
  if (Matches(c, "append")) return FdbModify(ctx, a, true, NLM_F_CREATE | NLM_F_APPEND);
  if (Matches(c, "replace")) return FdbModify(ctx, a, true, NLM_F_CREATE | NLM_F_REPLACE);
  if (Matches(c, "delete")) return FdbModify(ctx, a, false, 0);
  if (Matches(c, "show") || Matches(c, "lst") || Matches(c, "list")) return FdbShow(ctx, o, a);
  ctx.Err("Command \"" + c + "\" is unknown, try \"bridge fdb help\".\n");
  return 255;
}

// bridge/vlan.c: `bridge vlan add|del` (RTM_SETLINK/RTM_DELLINK with IFLA_AF_SPEC →
// rtnl_bridge_setlink/dellink → br_setlink/br_dellink → br_afspec) and `bridge vlan show` (the
// RTEXT_FILTER_BRVLAN link dump, br_fill_ifvlaninfo). The reference kernel is built without
// CONFIG_BRIDGE_VLAN_FILTERING (checked on the real machine): no port or bridge has a VLAN
// group, so a dump lists nothing, RTM_GETVLAN (the -d dump) and every add are refused with
// EOPNOTSUPP, and a delete on a bridge or port succeeds. A Host with kconfig_bridge_vlan_filtering
// has the groups of net/bridge/br_vlan.c (the -d/-s dumps stay refused: v5.3 has no RTM_GETVLAN).
int VlanModify(CmdCtx& ctx, const Args& a, bool add) {
  std::string d;
  int16_t vid = -1, vid_end = -1;
  uint16_t vflags = 0, flags = 0;
  for (size_t i = 0; i < a.size(); i++) {
    if ((a[i] == "dev" || a[i] == "vid") && i + 1 >= a.size()) {
      ctx.Err("Command line is not complete. Try option \"help\"\n");
      return 255;
    }
    if (a[i] == "dev") {
      d = a[++i];
    } else if (a[i] == "vid") {
      const std::string& v = a[++i];
      size_t dash = v.find('-');
      if (dash != std::string::npos) {
        vid = static_cast<int16_t>(std::atoi(v.substr(0, dash).c_str()));
        vid_end = static_cast<int16_t>(std::atoi(v.substr(dash + 1).c_str()));
        vflags |= BRIDGE_VLAN_INFO_RANGE_BEGIN;
      } else {
        vid = static_cast<int16_t>(std::atoi(v.c_str()));
      }
    } else if (a[i] == "self") {
      flags |= BRIDGE_FLAGS_SELF;
    } else if (a[i] == "master") {
      flags |= BRIDGE_FLAGS_MASTER;
    } else if (a[i] == "pvid") {
      vflags |= BRIDGE_VLAN_INFO_PVID;
    } else if (a[i] == "untagged") {
      vflags |= BRIDGE_VLAN_INFO_UNTAGGED;
    }
  }
  if (d.empty() || vid == -1) {
    ctx.Err("Device and VLAN ID are required arguments.\n");
    return 255;
  }
  NetDev* dev = ctx.net->DevGetByName(d);
  if (!dev) {
    ctx.Err("Cannot find bridge device \"" + d + "\"\n");
    return 255;
  }
  if (vid >= 4096) {
    ctx.Err("Invalid VLAN ID \"" + std::to_string(static_cast<uint16_t>(vid)) + "\"\n");
    return 255;
  }
  uint16_t end = 0;
  if (vflags & BRIDGE_VLAN_INFO_RANGE_BEGIN) {
    if (vid_end == -1 || vid_end >= 4096 || vid >= vid_end) {
      ctx.Err("Invalid VLAN range \"" + std::to_string(static_cast<uint16_t>(vid)) + "-" +
              std::to_string(static_cast<uint16_t>(vid_end)) + "\"\n");
      return 255;
    }
    if (vflags & BRIDGE_VLAN_INFO_PVID) {
      ctx.Err("pvid cannot be configured for a vlan range\n");
      return 255;
    }
    end = static_cast<uint16_t>(vid_end);
  }
  vflags &= ~BRIDGE_VLAN_INFO_RANGE_BEGIN;
  uint16_t v = static_cast<uint16_t>(vid);
  int err = 0;
  // rtnl_bridge_setlink / rtnl_bridge_dellink: the bridge the device is a port of ("master",
  // the default), then the device itself ("self": only a bridge has ndo_bridge_setlink)
  if (!flags || (flags & BRIDGE_FLAGS_MASTER)) {
    NetBridgePort* p = BrPortGet(dev);
    err = p ? BrAfspecVlan(p->br, p, add, v, end, vflags) : -EOPNOTSUPP;
    flags &= ~BRIDGE_FLAGS_MASTER;
  }
  if (!err && (flags & BRIDGE_FLAGS_SELF)) {
    BridgeDev* br = AsBridge(dev);
    err = br ? BrAfspecVlan(br, nullptr, add, v, end, vflags) : -EOPNOTSUPP;
  }
  if (err) {
    RtnlError(ctx, -err);
    return 255;
  }
  return 0;
}

// br_fill_ifvlaninfo (or _compressed) → print_vlan_info: one device's VLANs as `bridge vlan show`
// prints them
void PrintVlanInfo(CmdCtx& ctx, NetDev* dev, NetBridgeVlanGroup* vg, bool compress, int filter_vlan) {
  if (!vg || !vg->num_vlans) return;  // no IFLA_AF_SPEC
  struct Info {
    uint16_t vid, flags;
  };
  std::vector<Info> infos;
  auto fill_range = [&](uint16_t start, uint16_t end, uint16_t fl) {
    if (end - start > 0) {
      infos.push_back({start, static_cast<uint16_t>(fl | BRIDGE_VLAN_INFO_RANGE_BEGIN)});
      infos.push_back({end, static_cast<uint16_t>(fl | BRIDGE_VLAN_INFO_RANGE_END)});
    } else {
      infos.push_back({start, fl});
    }
  };
  uint16_t pvid = BrGetPvid(vg), rs = 0, re = 0, rf = 0;
  for (auto& e : vg->vlan_list) {
    const NetBridgeVlan& v = e.second;
    if (!BrVlanShouldUse(&v)) continue;
    uint16_t fl = 0;
    if (v.vid == pvid) fl |= BRIDGE_VLAN_INFO_PVID;
    if (v.flags & BRIDGE_VLAN_INFO_UNTAGGED) fl |= BRIDGE_VLAN_INFO_UNTAGGED;
    if (!compress) {
      infos.push_back({v.vid, fl});
      continue;
    }
    if (rs && v.vid - re == 1 && fl == rf) {
      re = v.vid;
      continue;
    }
    if (rs) fill_range(rs, re, rf);
    rs = re = v.vid;
    rf = fl;
  }
  if (compress && rs) fill_range(rs, re, rf);
  uint16_t last_vid_start = 0;
  bool opened = false;
  char b[64];
  for (const Info& i : infos) {
    if (!(i.flags & BRIDGE_VLAN_INFO_RANGE_END)) last_vid_start = i.vid;
    // filter_vlan_check
    if (filter_vlan && i.vid > filter_vlan && !(i.flags & BRIDGE_VLAN_INFO_RANGE_END)) break;
    if ((i.flags & BRIDGE_VLAN_INFO_RANGE_BEGIN) || i.vid < filter_vlan) continue;
    std::snprintf(b, sizeof b, "%-16s  ", opened ? "" : dev->name.c_str());
    std::string line = b + std::to_string(last_vid_start);
    if (last_vid_start != i.vid) line += "-" + std::to_string(i.vid);
    if (i.flags & BRIDGE_VLAN_INFO_PVID) line += " PVID";
    if (i.flags & BRIDGE_VLAN_INFO_UNTAGGED) line += " Egress Untagged";
    ctx.Out(line + "\n");
    opened = true;
  }
}

int VlanShow(CmdCtx& ctx, const BrOpts& o, const Args& a) {
  std::string filter_dev;
  int filter_vlan = 0;
  for (size_t i = 0; i < a.size(); i++) {
    if ((a[i] == "dev" || a[i] == "vid") && i + 1 >= a.size()) {
      ctx.Err("Command line is not complete. Try option \"help\"\n");
      return 255;
    }
    if (a[i] == "dev") filter_dev = a[++i];
    else if (a[i] == "vid") filter_vlan = std::atoi(a[++i].c_str());
  }
  NetDev* only = nullptr;
  if (!filter_dev.empty()) {
    only = ctx.net->DevGetByName(filter_dev);
    if (!only) return Nodev(ctx, filter_dev);
  }
  int rc = 0;
  if (o.details || o.stats) {  // the RTM_GETVLAN dump
    ctx.Err("RTNETLINK answers: Operation not supported\nDump terminated\n");
    rc = 1;
  }
  char b[64];
  std::snprintf(b, sizeof b, "%-16s  %-9s\n", "port", "vlan-id");
  ctx.Out(b);
  if (rc) return rc;
  // rtnl_bridge_getlink: every device in order; a port through its bridge, a bridge itself
  for (auto& dp : ctx.net->devs) {
    NetDev* d = dp.operator->();
    if (only && d != only) continue;
    if (NetBridgePort* p = BrPortGet(d)) PrintVlanInfo(ctx, d, p->vlgrp.get(), o.compress, filter_vlan);
    if (BridgeDev* br = AsBridge(d)) PrintVlanInfo(ctx, d, br->vlgrp.get(), o.compress, filter_vlan);
  }
  return 0;
}

int DoVlan(CmdCtx& ctx, const BrOpts& o, Args a) {
  std::string c = a.empty() ? "show" : a[0];
  if (!a.empty()) a.erase(a.begin());
  if (Matches(c, "add")) return VlanModify(ctx, a, true);
  if (Matches(c, "delete")) return VlanModify(ctx, a, false);
  if (Matches(c, "show") || Matches(c, "lst") || Matches(c, "list")) return VlanShow(ctx, o, a);
  ctx.Err("Command \"" + c + "\" is unknown, try \"bridge vlan help\".\n");
  return 255;
}

// bridge/bridge.c main
int CmdBridge(CmdCtx& ctx, const std::vector<std::string>& argv) {
  BrOpts o;
  size_t i = 1;
  NetNs* saved = ctx.net;
  while (i < argv.size() && argv[i].size() > 1 && argv[i][0] == '-') {
    std::string opt = argv[i];
    if (opt.size() > 2 && opt[1] == '-') opt = opt.substr(1);
    if (opt == "-n" || Matches(opt.substr(1), "netns")) {
      if (int rc = NetnsSwitchOption(ctx, argv, &i)) return rc;
      continue;
    }
    if (opt == "-s" || Matches(opt.substr(1), "statistics")) o.stats++;
    else if (opt == "-d" || Matches(opt.substr(1), "details")) o.details++;
    else if (opt == "-c" || Matches(opt.substr(1), "color")) {  // matches_color comes first
    } else if (Matches(opt.substr(1), "compressvlans")) {
      o.compress = true;
    } else {
      ctx.Err("Option \"" + argv[i] + "\" is unknown, try \"bridge help\".\n");
      ctx.net = saved;
      return 255;
    }
    i++;
  }
  Args a(argv.begin() + static_cast<long>(i), argv.end());
  int rc;
  if (a.empty()) {
    ctx.Err("Usage: bridge [ OPTIONS ] OBJECT { COMMAND | help }\n"
            "where  OBJECT := { link | fdb | mdb | vlan | vni | monitor }\n"
            "       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] |\n"
            "                    -o[neline] | -t[imestamp] | -n[etns] name |\n"
            "                    -c[ompressvlans] -color -p[retty] -j[son] }\n");
    rc = 255;
  } else {
    std::string obj = a[0];
    a.erase(a.begin());
    if (Matches(obj, "link")) rc = DoLink(ctx, o, a);
    else if (Matches(obj, "fdb")) rc = DoFdb(ctx, o, a);
    else if (Matches(obj, "vlan")) rc = DoVlan(ctx, o, a);
    else {
      ctx.Err("Object \"" + obj + "\" is unknown, try \"bridge help\".\n");
      rc = 255;
    }
  }
  ctx.net = saved;
  return rc;
}

const struct Registrar {
  Registrar() { RegisterCommand("bridge", &CmdBridge); }
} registrar;

}  // namespace
}  // namespace linuxnet
