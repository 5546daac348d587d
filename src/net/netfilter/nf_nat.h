// NAT (net/netfilter/nf_nat_core.c, nf_nat_proto.c, nf_nat_masquerade.c, the IPv4 hooks of
// nf_nat_proto.c): bindings chosen on the first packet of a connection by the nat table, then
// applied to every packet of the connection from its conntrack tuples.
#pragma once
#include <cstdint>

#include "net/netfilter/nf_conntrack.h"

namespace linuxnet {

struct NfHookState;
class NetDev;

enum NfNatManipType { NF_NAT_MANIP_SRC = 0, NF_NAT_MANIP_DST = 1 };
enum : uint32_t { NF_NAT_RANGE_MAP_IPS = 1, NF_NAT_RANGE_PROTO_SPECIFIED = 2, NF_NAT_RANGE_PROTO_RANDOM = 4,
                  NF_NAT_RANGE_PERSISTENT = 8, NF_NAT_RANGE_PROTO_RANDOM_FULLY = 16,
                  NF_NAT_RANGE_PROTO_OFFSET = 32 };

// struct nf_nat_range2 (IPv4, host order)
struct NfNatRange {
  uint32_t flags = 0;
  uint32_t min_addr = 0, max_addr = 0;
  uint16_t min_proto = 0, max_proto = 0;
};

// nf_nat_setup_info: returns NF_ACCEPT (or NF_DROP)
unsigned NfNatSetupInfo(NfConn* ct, const NfNatRange& range, NfNatManipType maniptype);
// the targets (xt_nat.c, nf_nat_masquerade.c, nf_nat_redirect.c)
unsigned NfNatSnatDnat(SkBuff* skb, const NfNatRange& range, NfNatManipType maniptype);
unsigned NfNatMasquerade(SkBuff* skb, const NfNatRange& range, const NetDev* out);
unsigned NfNatRedirect(SkBuff* skb, const NfNatRange& range, unsigned hooknum);
// registers the NAT hooks of a namespace when its nat table is first loaded (and conntrack)
void NfNatNetInit(NetNs* net);

}  // namespace linuxnet
