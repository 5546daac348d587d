// The layer-4 trackers (nf_conntrack_proto_{tcp,udp,icmp,generic}.c) as nf_conntrack_core calls them
#pragma once
#include "net/netfilter/nf_conntrack.h"

namespace linuxnet {

// l4proto->new: may this packet start a connection? (sets the initial protocol state)
bool L4New(NfConn* ct, const SkBuff& skb);
// l4proto->packet: > 0 (NF_ACCEPT) to keep the conntrack, <= 0 for -verdict (invalid)
int L4Packet(NfConn* ct, const SkBuff& skb, CtDir dir, IpConntrackInfo ctinfo);
bool IcmpInvertTuple(const NfConntrackTuple& orig, NfConntrackTuple* inv);
// nf_conntrack_icmpv4_error: an ICMP error about a tracked flow becomes RELATED to it.
// Returns > 0 to go on with normal tracking, <= 0 for -verdict (done)
int IcmpError(NetNs* net, SkBuff* skb);
// nf_ct_refresh_acct
void NfCtRefresh(NfConn* ct, uint32_t seconds);

}  // namespace linuxnet
