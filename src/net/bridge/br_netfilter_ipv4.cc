// The IPv4 pieces br_netfilter_hooks.c reaches into (dst_neigh_lookup_skb), kept apart because
// the IPv4 headers' neighbour states share their names with the fdb's in br_private.h.
#include "net/ipv4/ipv4.h"
#include "net/ipv4/neighbour.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

// dst_neigh_lookup_skb + (nud_state & NUD_CONNECTED): the next hop's hardware address on dev
bool BrNfNeighConnected(NetNs* net, const SkBuff& skb, NetDev* dev, MacAddr* ha) {
  uint32_t nh = skb.dst.rt_gw4 ? skb.dst.rt_gw4 : skb.iph.daddr;
  Neighbour* n = net->ipv4->arp_tbl.Lookup(dev, nh);
  if (!n || !(n->nud_state & NUD_CONNECTED)) return false;
  *ha = n->ha;
  return true;
}

}  // namespace linuxnet
