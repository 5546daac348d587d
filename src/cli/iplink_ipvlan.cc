// ip link add ... type ipvlan|ipvtap (iproute2 6.1 ip/iplink_ipvlan.c)
#include "cli/ip_common.h"
#include "drivers/net/ipvlan/ipvlan.h"
#include "net/core/net_namespace.h"

namespace linuxnet {
namespace {

void Explain(CmdCtx& ctx, const char* id) {
  ctx.Err(std::string("Usage: ... ") + id +
          " [ mode MODE ] [ FLAGS ]\n"
          "\n"
          "MODE: l3 | l3s | l2\n"
          "FLAGS: bridge | private | vepa\n"
          "(first values are the defaults if nothing is specified).\n");
}

// ipvlan_parse_opt
int IpvlanParseOpt(CmdCtx& ctx, const char* id, const Args& a, IpvlanParams* p) {
  uint16_t flags = 0;
  bool mflag_given = false;
  for (size_t i = 0; i < a.size(); i++) {
    const std::string& w = a[i];
    if (Matches(w, "mode")) {
      const std::string* v = NextArg(ctx, a, i);
      if (!v) return 255;
      if (*v == "l2") p->mode = IPVLAN_MODE_L2;
      else if (*v == "l3") p->mode = IPVLAN_MODE_L3;
      else if (*v == "l3s") p->mode = IPVLAN_MODE_L3S;
      else {
        ctx.Err("Error: argument of \"mode\" must be either \"l2\", \"l3\" or \"l3s\"\n");
        return 1;
      }
      p->has_mode = true;
    } else if (Matches(w, "private") && !mflag_given) {
      flags |= IPVLAN_F_PRIVATE;
      mflag_given = true;
    } else if (Matches(w, "vepa") && !mflag_given) {
      flags |= IPVLAN_F_VEPA;
      mflag_given = true;
    } else if (Matches(w, "bridge") && !mflag_given) {
      mflag_given = true;
    } else if (Matches(w, "help")) {
      Explain(ctx, id);
      return 1;
    } else {
      ctx.Err(std::string(id) + ": unknown option \"" + w + "\"?\n");
      Explain(ctx, id);
      return 1;
    }
  }
  p->has_flags = true;  // iproute2 always sends IFLA_IPVLAN_FLAGS
  p->flags = flags;
  return 0;
}

int IpvlanAddCommon(CmdCtx& ctx, const LinkOpts& lo, NetNs* net, const char* id, bool tap) {
  NetDev* phy = nullptr;
  if (!lo.link.empty()) {
    phy = ctx.net->DevGetByName(lo.link);
    if (!phy) {
      ctx.Err("Cannot find device \"" + lo.link + "\"\n");
      return 1;
    }
  }
  IpvlanParams p;
  int rc = IpvlanParseOpt(ctx, id, lo.kind_args, &p);
  if (rc) return rc;
  if (lo.has_addr) return RtnlError(ctx, EINVAL);  // ipvlan_nl_validate: no address of its own
  p.name = lo.name;
  p.has_mtu = lo.has_mtu;
  p.mtu = lo.mtu;
  p.has_qlen = lo.has_qlen;
  p.qlen = lo.qlen;
  int err = tap ? IpvtapNewlink(net, phy, p) : IpvlanNewlink(net, phy, p);
  if (err) return RtnlError(ctx, err);
  return 0;
}

int IpvlanAdd(CmdCtx& ctx, const LinkOpts& lo, NetNs* net) { return IpvlanAddCommon(ctx, lo, net, "ipvlan", false); }
int IpvtapAdd(CmdCtx& ctx, const LinkOpts& lo, NetNs* net) { return IpvlanAddCommon(ctx, lo, net, "ipvtap", true); }

// ipvlan_print_opt: " mode l2 bridge" (iproute2 prints " mode %s " after "ipvlan ")
void IpvlanPrintOpt(CmdCtx& ctx, NetDev* dev) {
  IpvlDev* v = NetifIsIpvlan(dev);
  if (!v || !v->port) return;
  uint16_t m = v->port->mode;
  std::string s = std::string(" mode ") + (m == IPVLAN_MODE_L2 ? "l2" : m == IPVLAN_MODE_L3 ? "l3" : m == IPVLAN_MODE_L3S ? "l3s" : "unknown") + " ";
  uint16_t f = v->port->flags;
  s += (f & IPVLAN_F_PRIVATE) ? "private" : (f & IPVLAN_F_VEPA) ? "vepa" : "bridge";
  ctx.Out(s);
}

const IpLinkKind kIpvlan{"ipvlan", &IpvlanAdd, &IpvlanPrintOpt};
const IpLinkKind kIpvtap{"ipvtap", &IpvtapAdd, &IpvlanPrintOpt};

struct Registrar {
  Registrar() {
    RegisterIpLinkKind(&kIpvlan);
    RegisterIpLinkKind(&kIpvtap);
  }
} registrar;

}  // namespace
}  // namespace linuxnet
