// net/ipv4/af_inet.c: inet_init's packet handlers (ip_packet_type; arp_init's arp_packet_type)
// and the per-namespace IPv4 state (the pernet operations of ipv4_mib, fib, devinet, arp).
#include "net/core/dev.h"
#include "net/core/net_namespace.h"
#include "net/ipv4/ip_fragment.h"
#include "net/ipv4/ipv4.h"
#include "net/ipv4/l4.h"

namespace linuxnet {

Ipv4Net::Ipv4Net() = default;
Ipv4Net::~Ipv4Net() = default;

namespace {

const PacketTypeRegistrar ip_packet_type(ETH_P_IP, &IpRcv);
const PacketTypeRegistrar arp_packet_type(ETH_P_ARP, &ArpRcv);

void Ipv4NetInit(NetNs* net) { net->ipv4 = std::make_unique<Ipv4Net>(); }
void Ipv4NetExit(NetNs* net) { net->ipv4.reset(); }

const PernetOperations ipv4_net_ops{"ipv4", 10, &Ipv4NetInit, &Ipv4NetExit};
const PernetRegistrar ipv4_net_registrar(&ipv4_net_ops);

}  // namespace

}  // namespace linuxnet
