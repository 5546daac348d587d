// ip link add ... type macvlan|macvtap (iproute2 6.1 ip/iplink_macvlan.c): option parsing,
// the `link LOWER` lookup (iplink_modify), and the `ip -d link` details.
#include <cerrno>
#include <cstdlib>

#include "cli/ip_common.h"
#include "drivers/net/macvlan.h"
#include "drivers/net/tap.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

int MacvlanChangeOpts(CmdCtx& ctx, NetDev* dev, const Args& kind_args);
namespace {

void Explain(CmdCtx& ctx, const char* id) {
  ctx.Err(std::string("Usage: ... ") + id +
          " mode MODE [flag MODE_FLAG] MODE_OPTS [bcqueuelen BC_QUEUE_LEN]\n"
          "\n"
          "MODE: private | vepa | bridge | passthru | source\n"
          "MODE_FLAG: null | nopromisc | nodst\n"
          "MODE_OPTS: for mode \"source\":\n"
          "\tmacaddr { { add | del } <macaddr> | set [ <macaddr> [ <macaddr>  ... ] ] | flush }\n"
          "BC_QUEUE_LEN: Length of the rx queue for broadcast/multicast: [0-4294967295]\n");
}

// macvlan_parse_opt: 0, or the exit status of a parse error (1, or 255 for an incomplete command)
int MacvlanParseOpt(CmdCtx& ctx, const char* id, const Args& a, MacvlanParams* p) {
  uint32_t mode = 0;
  uint16_t flags = 0;
  bool has_flags = false;
  for (size_t i = 0; i < a.size(); i++) {
    const std::string& w = a[i];
    if (Matches(w, "mode")) {
      const std::string* v = NextArg(ctx, a, i);
      if (!v) return 255;
      if (*v == "private") mode = MACVLAN_MODE_PRIVATE;
      else if (*v == "vepa") mode = MACVLAN_MODE_VEPA;
      else if (*v == "bridge") mode = MACVLAN_MODE_BRIDGE;
      else if (*v == "passthru") mode = MACVLAN_MODE_PASSTHRU;
      else if (*v == "source") mode = MACVLAN_MODE_SOURCE;
      else {
        ctx.Err("Error: argument of \"mode\" must be \"private\", \"vepa\", \"bridge\", \"passthru\" or "
                "\"source\", not \"" + *v + "\"\n");
        return 1;
      }
    } else if (Matches(w, "flag")) {
      const std::string* v = NextArg(ctx, a, i);
      if (!v) return 255;
      if (*v == "nopromisc") flags |= MACVLAN_FLAG_NOPROMISC;
      else if (*v == "nodst") flags |= MACVLAN_FLAG_NODST;
      else if (*v != "null") {
        ctx.Err("Error: argument of \"flag\" must be \"nopromisc\", \"nodst\" or \"null\", not \"" + *v + "\"\n");
        return 1;
      }
      has_flags = true;
    } else if (Matches(w, "macaddr")) {
      const std::string* v = NextArg(ctx, a, i);
      if (!v) return 255;
      if (*v == "add") p->macaddr_mode = MACVLAN_MACADDR_ADD;
      else if (*v == "del") p->macaddr_mode = MACVLAN_MACADDR_DEL;
      else if (*v == "set") p->macaddr_mode = MACVLAN_MACADDR_SET;
      else if (*v == "flush") p->macaddr_mode = MACVLAN_MACADDR_FLUSH;
      else {
        Explain(ctx, id);
        return 1;
      }
      p->has_macaddr_mode = true;
      if (p->macaddr_mode == MACVLAN_MACADDR_ADD || p->macaddr_mode == MACVLAN_MACADDR_DEL) {
        const std::string* m = NextArg(ctx, a, i);
        if (!m) return 255;
        if (!MacAddr::Parse(*m, &p->macaddr)) {
          ctx.Err("\"" + *m + "\" is invalid lladdr.\n");
          return 1;
        }
        p->has_macaddr = true;
      }
      if (p->macaddr_mode == MACVLAN_MACADDR_SET) {
        p->has_macaddr_data = true;
        MacAddr m;
        while (i + 1 < a.size() && MacAddr::Parse(a[i + 1], &m)) {
          p->macaddr_data.push_back(m);
          i++;
        }
      }
    } else if (Matches(w, "nopromisc")) {
      flags |= MACVLAN_FLAG_NOPROMISC;
      has_flags = true;
    } else if (Matches(w, "nodst")) {
      flags |= MACVLAN_FLAG_NODST;
      has_flags = true;
    } else if (Matches(w, "bcqueuelen")) {
      const std::string* v = NextArg(ctx, a, i);
      if (!v) return 255;
      char* end = nullptr;
      unsigned long n = std::strtoul(v->c_str(), &end, 0);
      if (v->empty() || *end || (*v)[0] == '-' || n > 0xffffffffUL) {
        ctx.Err("Error: argument of \"bcqueuelen\" must be a positive integer [0-4294967295], not \"" + *v +
                "\"\n");
        return 1;
      }
      p->has_bc_queue_len = true;
      p->bc_queue_len = static_cast<uint32_t>(n);
    } else if (Matches(w, "help")) {
      Explain(ctx, id);
      return 1;
    } else {
      ctx.Err(std::string(id) + ": unknown option \"" + w + "\"?\n");
      Explain(ctx, id);
      return 1;
    }
  }
  if (mode) {
    p->has_mode = true;
    p->mode = mode;
  }
  if (has_flags) {
    if ((flags & MACVLAN_FLAG_NOPROMISC) && mode != MACVLAN_MODE_PASSTHRU) {
      ctx.Err(std::string(id) + ": nopromisc flag only valid in passthru mode\n");
      Explain(ctx, id);
      return 1;
    }
    p->has_flags = true;
    p->flags = flags;
  }
  return 0;
}

// iplink_modify's `link` lookup (ll_name_to_index in the namespace the command runs in), then
// the kind's options, then RTM_NEWLINK
int MacvlanAddCommon(CmdCtx& ctx, const LinkOpts& lo, NetNs* net, const char* id, bool tap) {
  NetDev* lower = nullptr;
  if (!lo.link.empty()) {
    lower = ctx.net->DevGetByName(lo.link);
    if (!lower) {
      ctx.Err("Cannot find device \"" + lo.link + "\"\n");
      return 1;
    }
  }
  MacvlanParams p;
  int rc = MacvlanParseOpt(ctx, id, lo.kind_args, &p);
  if (rc) return rc;
  p.name = lo.name;
  p.has_addr = lo.has_addr;
  p.addr = lo.addr;
  p.has_mtu = lo.has_mtu;
  p.mtu = lo.mtu;
  p.has_qlen = lo.has_qlen;
  p.qlen = lo.qlen;
  int err = tap ? MacvtapNewlink(net, lower, p) : MacvlanNewlink(net, lower, p);
  if (err) return RtnlError(ctx, err);
  return 0;
}

int MacvlanAdd(CmdCtx& ctx, const LinkOpts& lo, NetNs* net) { return MacvlanAddCommon(ctx, lo, net, "macvlan", false); }
int MacvtapAdd(CmdCtx& ctx, const LinkOpts& lo, NetNs* net) { return MacvlanAddCommon(ctx, lo, net, "macvtap", true); }

// macvlan_print_opt (after "macvlan "; the caller adds the separating space)
void MacvlanPrintOpt(CmdCtx& ctx, NetDev* dev) {
  MacvlanDev* vlan = NetifIsMacvlan(dev);
  if (!vlan) return;
  const char* m = vlan->mode == MACVLAN_MODE_PRIVATE    ? "private"
                  : vlan->mode == MACVLAN_MODE_VEPA     ? "vepa"
                  : vlan->mode == MACVLAN_MODE_BRIDGE   ? "bridge"
                  : vlan->mode == MACVLAN_MODE_PASSTHRU ? "passthru"
                  : vlan->mode == MACVLAN_MODE_SOURCE   ? "source"
                                                        : "unknown";
  std::string s = std::string("mode ") + m;
  if (vlan->mflags & MACVLAN_FLAG_NOPROMISC) s += " nopromisc";
  if (vlan->mflags & MACVLAN_FLAG_NODST) s += " nodst";
  // IFLA_MACVLAN_BC_QUEUE_LEN / _USED (kernel 5.11 and later, which the scenarios are recorded on)
  s += " bcqueuelen " + std::to_string(vlan->bc_queue_len_req);
  s += " usedbcqueuelen " + std::to_string(vlan->port ? vlan->port->bc_queue_len_used : vlan->bc_queue_len_req);
  if (vlan->mode == MACVLAN_MODE_SOURCE) {
    s += " remotes (" + std::to_string(vlan->macaddr_count) + ")";
    for (const MacAddr& a : MacvlanSourceAddrs(vlan)) s += " " + a.Str();
  }
  ctx.Out(s);
}

const IpLinkKind kMacvlan{"macvlan", &MacvlanAdd, &MacvlanPrintOpt, &MacvlanChangeOpts};
const IpLinkKind kMacvtap{"macvtap", &MacvtapAdd, &MacvlanPrintOpt, &MacvlanChangeOpts};

struct Registrar {
  Registrar() {
    RegisterIpLinkKind(&kMacvlan);
    RegisterIpLinkKind(&kMacvtap);
  }
} registrar;

}  // namespace

// `ip link set DEV type macvlan|macvtap OPTIONS` (macvlan_changelink); for the iplink.cc side
int MacvlanChangeOpts(CmdCtx& ctx, NetDev* dev, const Args& kind_args) {
  MacvlanDev* vlan = NetifIsMacvlan(dev);
  const char* id = dev->kind ? dev->kind->kind : "macvlan";
  MacvlanParams p;
  int rc = MacvlanParseOpt(ctx, id, kind_args, &p);
  if (rc) return rc;
  if (!vlan) return RtnlError(ctx, EOPNOTSUPP);
  int err = MacvlanChangelink(vlan, p);
  if (err) return RtnlError(ctx, err);
  return 0;
}

}  // namespace linuxnet
