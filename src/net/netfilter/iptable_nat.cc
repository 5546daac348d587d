// net/ipv4/netfilter/iptable_nat.c: the nat table: rules are parsed, stored and listed; its hooks (nf_nat_ipv4_fn) are registered by the NAT code, not yet here
#include "net/netfilter/ip_tables.h"

namespace linuxnet {

static const XtTableTemplate kTemplate = {"nat", (1u << NF_INET_PRE_ROUTING) | (1u << NF_INET_LOCAL_IN) | (1u << NF_INET_LOCAL_OUT) | (1u << NF_INET_POST_ROUTING), NF_IP_PRI_NAT_DST, nullptr, NF_FAM_IPV4};
static const struct Reg {
  Reg() { XtRegisterTemplate(&kTemplate); }
} reg;

}  // namespace linuxnet
