// net/ipv4/netfilter/iptable_filter.c: the filter table (INPUT, FORWARD, OUTPUT; FORWARD policy ACCEPT as with forward=1)
#include "net/netfilter/ip_tables.h"

namespace linuxnet {

static const XtTableTemplate kTemplate = {"filter", (1u << NF_INET_LOCAL_IN) | (1u << NF_INET_FORWARD) | (1u << NF_INET_LOCAL_OUT), NF_IP_PRI_FILTER, &IptTableHook, NF_FAM_IPV4};
// in an anonymous namespace: registrar types of different files must not share a name
namespace {
const struct Reg {
  Reg() { XtRegisterTemplate(&kTemplate); }
} reg;
}  // namespace

}  // namespace linuxnet
