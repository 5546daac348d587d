// What sits above IP in this model: raw sockets (net/ipv4/raw.c) for ping, and ns-3's own UDP and
// TCP (UdpL4Protocol, TcpL4Protocol) reached through the ns3::Ipv4 facade.
#pragma once
#include <cstdint>
#include <functional>
#include <vector>

#include "sim/skbuff.h"

namespace linuxnet {

class NetNs;

struct RawSock {
  int id = 0;
  uint8_t protocol = 0;
  uint32_t bound_addr = 0;   // inet_rcv_saddr
  int bound_dev_if = 0;
  std::function<void(const SkBuff& skb)> rcv;  // gets the IP header and the payload
};

class RawSockets {
 public:
  std::vector<RawSock> socks;
  int next_id = 1;
};

int RawSockCreate(NetNs* net, RawSock s);
void RawSockClose(NetNs* net, int id);
// raw_local_deliver: a copy to every matching raw socket; true if any matched
bool RawLocalDeliver(NetNs* net, const SkBuff& skb, uint8_t protocol);

enum L4Result { L4_NO_PROTOCOL, L4_DELIVERED, L4_PORT_UNREACH };
// ns-3 L4 protocols installed on the namespace's node (UDP, TCP)
int L4Deliver(NetNs* net, SkbPtr& skb, uint8_t protocol);

// ip_error's per-source token bucket (ip_rt_error_cost / ip_rt_error_burst)
bool IpErrorRateAllow(NetNs* net, uint32_t saddr);

}  // namespace linuxnet

namespace linuxnet {
class IcmpHdr;
// icmp_unreach → the ns-3 L4 protocol's ReceiveIcmp for the quoted flow
void IcmpErrorToL4(NetNs* net, const SkBuff& skb, const IcmpHdr& h);
}  // namespace linuxnet
