// net/ipv4/netfilter/iptable_raw.c: the raw table (PREROUTING, OUTPUT), before conntrack
#include "net/netfilter/ip_tables.h"

namespace linuxnet {

static const XtTableTemplate kTemplate = {"raw", (1u << NF_INET_PRE_ROUTING) | (1u << NF_INET_LOCAL_OUT), NF_IP_PRI_RAW, &IptTableHook, NF_FAM_IPV4};
// in an anonymous namespace: registrar types of different files must not share a name
namespace {
const struct Reg {
  Reg() { XtRegisterTemplate(&kTemplate); }
} reg;
}  // namespace

}  // namespace linuxnet
