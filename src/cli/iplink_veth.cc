// ip link add ... type veth (iproute2 ip/iplink_veth.c)
#include "cli/ip_common.h"
#include "drivers/net/veth.h"

namespace linuxnet {
namespace {

// iplink_veth.c veth_parse_opt: "peer" [name] NAME [device options]
static int VethAdd(CmdCtx& ctx, const LinkOpts& lo, NetNs* net) {
  Args k = lo.kind_args;
  VethParams p;
  p.name = lo.name;
  p.addr = lo.has_addr ? &lo.addr : nullptr;
  p.mtu = lo.has_mtu ? lo.mtu : 0;
  if (lo.has_qlen) p.txqueuelen = lo.qlen;
  LinkOpts peer;
  if (!k.empty()) {
    if (k[0] != "peer") {
      ctx.Err("Error: either \"dev\" is duplicate, or \"" + k[0] + "\" is a garbage.\n");
      return 1;
    }
    Args rest(k.begin() + 1, k.end());
    int rc = ParseLinkOpts(ctx, rest, &peer, true);
    if (rc) return rc;
  }
  int rc = 0;
  p.peer_net = ResolveNetns(ctx, peer.netns, &rc);
  if (rc) return rc;
  p.peer_name = peer.name;
  p.peer_addr = peer.has_addr ? &peer.addr : nullptr;
  p.peer_mtu = peer.has_mtu ? peer.mtu : 0;
  if (peer.has_qlen) p.peer_txqueuelen = peer.qlen;
  int err = VethNewlink(net, p);
  if (err) return RtnlError(ctx, err);
  return 0;
}

const IpLinkKind kVeth{"veth", &VethAdd, nullptr};

struct Registrar {
  Registrar() { RegisterIpLinkKind(&kVeth); }
} registrar;

}  // namespace
}  // namespace linuxnet
