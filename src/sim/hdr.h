// Protocol headers. Ethernet and IPv4 headers travel in the SkBuff as parsed structs (the kernel's
// skb_mac_header / ip_hdr views of the same bytes); headers above IP (ICMP, ARP, and ns-3's UDP/TCP)
// travel serialized in the ns3::Packet, as ns-3's own L4 protocols expect.
#pragma once
#include <cstdint>

#include "ns3/header.h"
#include "sim/addr.h"

namespace linuxnet {

constexpr uint16_t ETH_P_IP = 0x0800;
constexpr uint16_t ETH_P_ARP = 0x0806;
constexpr uint16_t ETH_P_8021Q = 0x8100;
constexpr uint16_t ETH_P_ALL = 0x0003;
constexpr uint32_t ETH_HLEN = 14;

struct EthHdr {
  MacAddr h_dest, h_source;
  uint16_t h_proto = 0;
};

constexpr uint8_t IPPROTO_ICMP_ = 1;
constexpr uint8_t IPPROTO_TCP_ = 6;
constexpr uint8_t IPPROTO_UDP_ = 17;
constexpr uint16_t IP_DF = 0x4000;
constexpr uint16_t IP_MF = 0x2000;
constexpr uint16_t IP_OFFSET = 0x1fff;

struct Iphdr {
  uint8_t ihl = 5;
  uint8_t tos = 0;
  uint16_t tot_len = 0;
  uint16_t id = 0;
  uint16_t frag_off = 0;
  uint8_t ttl = 64;
  uint8_t protocol = 0;
  uint16_t check = 0;
  uint32_t saddr = 0, daddr = 0;
  void Write(uint8_t* p) const;        // 20 bytes, network order, checksum computed
  bool Read(const uint8_t* p, uint32_t len);
};

// ICMP header (type, code, checksum, and the 4-byte rest: echo id/sequence or gateway/mtu).
class IcmpHdr : public ns3::Header {
 public:
  uint8_t type = 0, code = 0;
  uint16_t checksum = 0;
  uint16_t id = 0, sequence = 0;  // un.echo; for errors un.gateway = id<<16|sequence
  static ns3::TypeId GetTypeId();
  ns3::TypeId GetInstanceTypeId() const override { return GetTypeId(); }
  void Print(std::ostream& os) const override;
  uint32_t GetSerializedSize() const override { return 8; }
  void Serialize(ns3::Buffer::Iterator start) const override;
  uint32_t Deserialize(ns3::Buffer::Iterator start) override;
};

constexpr uint8_t ICMP_ECHOREPLY = 0, ICMP_DEST_UNREACH = 3, ICMP_REDIRECT = 5, ICMP_ECHO = 8,
                  ICMP_TIME_EXCEEDED = 11, ICMP_PARAMETERPROB = 12;
constexpr uint8_t ICMP_NET_UNREACH = 0, ICMP_HOST_UNREACH = 1, ICMP_PROT_UNREACH = 2,
                  ICMP_PORT_UNREACH = 3, ICMP_FRAG_NEEDED = 4, ICMP_NET_ANO = 9,
                  ICMP_HOST_ANO = 10, ICMP_PKT_FILTERED = 13, ICMP_EXC_TTL = 0;

// ARP for Ethernet/IPv4 (struct arphdr + the four addresses), 28 bytes.
class ArpHdr : public ns3::Header {
 public:
  uint16_t ar_op = 0;
  MacAddr sha, tha;
  uint32_t sip = 0, tip = 0;
  static ns3::TypeId GetTypeId();
  ns3::TypeId GetInstanceTypeId() const override { return GetTypeId(); }
  void Print(std::ostream& os) const override;
  uint32_t GetSerializedSize() const override { return 28; }
  void Serialize(ns3::Buffer::Iterator start) const override;
  uint32_t Deserialize(ns3::Buffer::Iterator start) override;
};
constexpr uint16_t ARPOP_REQUEST = 1, ARPOP_REPLY = 2;

uint16_t InetChecksum(const uint8_t* p, uint32_t len);

}  // namespace linuxnet
