// net/ipv4/netfilter/iptable_security.c: the security table (INPUT, FORWARD, OUTPUT) after filter
#include "net/netfilter/ip_tables.h"

namespace linuxnet {

static const XtTableTemplate kTemplate = {"security", (1u << NF_INET_LOCAL_IN) | (1u << NF_INET_FORWARD) | (1u << NF_INET_LOCAL_OUT), NF_IP_PRI_SECURITY, &IptTableHook, NF_FAM_IPV4};
// in an anonymous namespace: registrar types of different files must not share a name
namespace {
const struct Reg {
  Reg() { XtRegisterTemplate(&kTemplate); }
} reg;
}  // namespace

}  // namespace linuxnet
