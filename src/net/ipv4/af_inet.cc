// net/ipv4/af_inet.c: inet_init's packet handlers (ip_packet_type; arp_init's arp_packet_type)
// and the per-namespace IPv4 state (the pernet operations of ipv4_mib, fib, devinet, arp).
#include <algorithm>

#include "net/core/dev.h"
#include "net/core/net_namespace.h"
#include "net/ipv4/inet_connection_sock.h"
#include "net/ipv4/ip_fragment.h"
#include "net/ipv4/ipv4.h"
#include "net/ipv4/l4.h"
#include "net/ipv4/udp.h"

namespace linuxnet {

Ipv4Net::Ipv4Net() = default;
Ipv4Net::~Ipv4Net() = default;

namespace {

const PacketTypeRegistrar ip_packet_type(ETH_P_IP, &IpRcv);
const PacketTypeRegistrar arp_packet_type(ETH_P_ARP, &ArpRcv);

void Ipv4NetInit(NetNs* net) {
  net->ipv4 = std::make_unique<Ipv4Net>();
  // tcp_sk_init: a new namespace starts with init_net's buffer sizes and congestion control
  NetNs* init = net->host->init_net;
  if (init && init != net && init->ipv4) {
    const TcpNet& from = init->ipv4->tcp;
    TcpNet& to = net->ipv4->tcp;
    std::copy(from.rmem, from.rmem + 3, to.rmem);
    std::copy(from.wmem, from.wmem + 3, to.wmem);
    to.congestion_control = from.congestion_control;
  }
}
void Ipv4NetExit(NetNs* net) { net->ipv4.reset(); }

const PernetOperations ipv4_net_ops{"ipv4", 10, &Ipv4NetInit, &Ipv4NetExit};
const PernetRegistrar ipv4_net_registrar(&ipv4_net_ops);

}  // namespace

}  // namespace linuxnet
