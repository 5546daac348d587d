// net/ipv4/netfilter/iptable_nat.c: the nat table. Its rules are walked from the NAT hooks
// (nf_nat_ipv4_fn, nf_nat_core.cc), which iptable_nat_table_init registers through
// ipt_nat_register_lookups: here the table's init calls NfNatNetInit.
#include "net/netfilter/ip_tables.h"
#include "net/netfilter/nf_nat.h"

namespace linuxnet {
namespace {  // every iptable_*.cc has a `Reg`: at namespace scope they would be one ODR-violating type

const XtTableTemplate kTemplate = {
    "nat",
    (1u << NF_INET_PRE_ROUTING) | (1u << NF_INET_LOCAL_IN) | (1u << NF_INET_LOCAL_OUT) | (1u << NF_INET_POST_ROUTING),
    NF_IP_PRI_NAT_DST, nullptr, NF_FAM_IPV4, &NfNatNetInit};
const struct Reg {
  Reg() { XtRegisterTemplate(&kTemplate); }
} reg;

}  // namespace
}  // namespace linuxnet
