#include "sim/init.h"

#include "net/core/dev.h"
#include "net/ipv4/ipv4.h"
#include "net/ipv4/ip_fragment.h"
#include "net/ipv4/l4.h"

namespace linuxnet {

void DevinetInit();

static int IpRcvPt(SkbPtr skb, NetDev* dev, NetDev*) { return IpRcv(std::move(skb), dev); }
static int ArpRcvPt(SkbPtr skb, NetDev* dev, NetDev*) { return ArpRcv(std::move(skb), dev); }

void LinuxnetSubsysInit() {
  static bool done = false;
  if (done) return;
  done = true;
  DevinetInit();                   // inetdev / fib / arp netdevice notifiers
  DevAddPack(ETH_P_IP, &IpRcvPt);  // inet_init: ip_packet_type
  DevAddPack(ETH_P_ARP, &ArpRcvPt);  // arp_init: arp_packet_type
}

Ipv4Net::Ipv4Net() = default;
Ipv4Net::~Ipv4Net() = default;

}  // namespace linuxnet
