// net/ipv4/arp.c
#pragma once
#include "net/ipv4/neighbour.h"

namespace linuxnet {

void ArpConstructor(Neighbour* n);                     // arp_constructor
void ArpSolicit(Neighbour* n, const SkBuff* hint);     // arp_solicit
void ArpErrorReport(Neighbour* n, SkbPtr skb);         // arp_error_report
// arp_send_dst: builds and transmits an ARP packet on dev
void ArpSend(uint16_t op, uint32_t dest_ip, NetDev* dev, uint32_t src_ip, const MacAddr* dest_hw,
             const MacAddr* src_hw, const MacAddr* target_hw);
// inet_addr_type_dev_table: the local table's type for an address (UNICAST if none)
RtnType InetAddrTypeDevTable(NetNs* net, const NetDev* dev, uint32_t addr);

}  // namespace linuxnet
