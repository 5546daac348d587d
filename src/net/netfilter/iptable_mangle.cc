// net/ipv4/netfilter/iptable_mangle.c: the mangle table on all five hooks. In LOCAL_OUT
// (ipt_mangle_out) a change of source, destination, mark or TOS re-routes the packet
// (ip_route_me_harder).
#include "net/ipv4/ipv4.h"
#include "net/netfilter/ip_tables.h"
#include "net/core/net_namespace.h"

namespace linuxnet {

namespace {

// ip_route_me_harder (net/ipv4/netfilter.c), for locally generated packets
int IpRouteMeHarder(NetNs* net, SkBuff* skb) {
  Flowi4 fl4;
  fl4.daddr = skb->iph.daddr;
  fl4.saddr = skb->iph.saddr;
  fl4.tos = skb->iph.tos & 0x1e;  // RT_TOS
  fl4.mark = skb->mark;
  fl4.proto = skb->iph.protocol;
  Rtable rt;
  int err = IpRouteOutputKey(net, &fl4, &rt);
  if (err) return err;
  skb->dst = rt;  // skb_dst_drop + skb_dst_set
  return 0;
}

// ipt_mangle_out
unsigned IptMangleOut(SkBuff* skb, const NfHookState* state, XtTable* table) {
  const uint32_t mark = skb->mark, saddr = skb->iph.saddr, daddr = skb->iph.daddr;
  const uint8_t tos = skb->iph.tos;
  unsigned ret = IptDoTable(skb, state, table);
  if (ret != NF_DROP && ret != NF_STOLEN) {
    if (skb->iph.saddr != saddr || skb->iph.daddr != daddr || skb->mark != mark || skb->iph.tos != tos) {
      if (IpRouteMeHarder(state->net, skb) < 0) ret = NF_DROP;
    }
  }
  return ret;
}

// iptable_mangle_hook
unsigned IptableMangleHook(void* priv, SkbPtr& pskb, const NfHookState* state) {
  SkBuff* skb = pskb.get();
  XtTable* table = static_cast<XtTable*>(priv);
  if (state->hook == NF_INET_LOCAL_OUT) return IptMangleOut(skb, state, table);
  return IptDoTable(skb, state, table);
}

const XtTableTemplate kTemplate = {
    "mangle",
    (1u << NF_INET_PRE_ROUTING) | (1u << NF_INET_LOCAL_IN) | (1u << NF_INET_FORWARD) | (1u << NF_INET_LOCAL_OUT) |
        (1u << NF_INET_POST_ROUTING),
    NF_IP_PRI_MANGLE, &IptableMangleHook, NF_FAM_IPV4};
const struct Reg {
  Reg() { XtRegisterTemplate(&kTemplate); }
} reg;

}  // namespace
}  // namespace linuxnet
