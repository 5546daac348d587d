// net/core/dev.c's software GSO: skb_gso_segment cuts a GSO packet into the packets its
// segments make (the protocol's gso_segment from the offload table, inet_gso_segment for IPv4),
// for validate_xmit_skb when the device cannot take the packet whole (netif_needs_gso: no TSO).
#include "net/core/dev.h"
#include "sim/host.h"

namespace linuxnet {

std::vector<SkbPtr> SkbGsoSegment(const SkBuff& skb) {
  KFunc(KF_skb_gso_segment, &skb);
  GsoSegmentFn f = FindGsoSegment(skb.protocol);
  return f ? f(skb) : std::vector<SkbPtr>();
}

bool SkbGsoValidateNetworkLen(const SkBuff& skb, uint32_t mtu) {
  uint8_t b[13];
  if (skb.data->GetSize() < 13) return false;
  skb.data->CopyData(b, 13);
  const uint32_t thlen = (b[12] >> 4) * 4u;  // tcp_hdrlen
  return skb.iph.ihl * 4u + thlen + skb.gso_size <= mtu;
}

}  // namespace linuxnet
