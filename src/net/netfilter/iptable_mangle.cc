// net/ipv4/netfilter/iptable_mangle.c: the mangle table on all five hooks (ipt_mangle_out re-routing on a changed mark/daddr/tos is not modelled)
#include "net/netfilter/ip_tables.h"

namespace linuxnet {

static const XtTableTemplate kTemplate = {"mangle", (1u << NF_INET_PRE_ROUTING) | (1u << NF_INET_LOCAL_IN) | (1u << NF_INET_FORWARD) | (1u << NF_INET_LOCAL_OUT) | (1u << NF_INET_POST_ROUTING), NF_IP_PRI_MANGLE, &IptTableHook, NF_FAM_IPV4};
static const struct Reg {
  Reg() { XtRegisterTemplate(&kTemplate); }
} reg;

}  // namespace linuxnet
