#include "sim/hdr.h"

namespace linuxnet {

uint16_t InetChecksum(const uint8_t* p, uint32_t len) {
  uint32_t sum = 0;
  for (uint32_t i = 0; i + 1 < len; i += 2) sum += (p[i] << 8) | p[i + 1];
  if (len & 1) sum += p[len - 1] << 8;
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<uint16_t>(~sum);
}

void Iphdr::Write(uint8_t* p) const {
  p[0] = static_cast<uint8_t>(0x40 | 5);
  p[1] = tos;
  p[2] = tot_len >> 8; p[3] = tot_len & 255;
  p[4] = id >> 8; p[5] = id & 255;
  p[6] = frag_off >> 8; p[7] = frag_off & 255;
  p[8] = ttl; p[9] = protocol;
  p[10] = p[11] = 0;
  for (int i = 0; i < 4; i++) {
    p[12 + i] = static_cast<uint8_t>(saddr >> (24 - 8 * i));
    p[16 + i] = static_cast<uint8_t>(daddr >> (24 - 8 * i));
  }
  uint16_t c = InetChecksum(p, 20);
  p[10] = c >> 8; p[11] = c & 255;
}

bool Iphdr::Read(const uint8_t* p, uint32_t len) {
  if (len < 20 || (p[0] >> 4) != 4) return false;
  ihl = p[0] & 15; tos = p[1];
  tot_len = (p[2] << 8) | p[3]; id = (p[4] << 8) | p[5]; frag_off = (p[6] << 8) | p[7];
  ttl = p[8]; protocol = p[9]; check = (p[10] << 8) | p[11];
  saddr = (uint32_t(p[12]) << 24) | (p[13] << 16) | (p[14] << 8) | p[15];
  daddr = (uint32_t(p[16]) << 24) | (p[17] << 16) | (p[18] << 8) | p[19];
  return true;
}

ns3::TypeId IcmpHdr::GetTypeId() {
  static ns3::TypeId tid = ns3::TypeId("linuxnet::IcmpHdr").SetParent<ns3::Header>().SetGroupName("Linuxnet");
  return tid;
}
void IcmpHdr::Print(std::ostream& os) const { os << "icmp type=" << int(type) << " code=" << int(code); }
void IcmpHdr::Serialize(ns3::Buffer::Iterator i) const {
  i.WriteU8(type); i.WriteU8(code); i.WriteHtonU16(checksum); i.WriteHtonU16(id); i.WriteHtonU16(sequence);
}
uint32_t IcmpHdr::Deserialize(ns3::Buffer::Iterator i) {
  type = i.ReadU8(); code = i.ReadU8(); checksum = i.ReadNtohU16(); id = i.ReadNtohU16(); sequence = i.ReadNtohU16();
  return 8;
}

ns3::TypeId ArpHdr::GetTypeId() {
  static ns3::TypeId tid = ns3::TypeId("linuxnet::ArpHdr").SetParent<ns3::Header>().SetGroupName("Linuxnet");
  return tid;
}
void ArpHdr::Print(std::ostream& os) const { os << "arp op=" << ar_op << " " << IpStr(sip) << " > " << IpStr(tip); }
void ArpHdr::Serialize(ns3::Buffer::Iterator i) const {
  i.WriteHtonU16(1); i.WriteHtonU16(ETH_P_IP); i.WriteU8(6); i.WriteU8(4); i.WriteHtonU16(ar_op);
  i.Write(sha.b, 6); i.WriteHtonU32(sip); i.Write(tha.b, 6); i.WriteHtonU32(tip);
}
uint32_t ArpHdr::Deserialize(ns3::Buffer::Iterator i) {
  i.ReadNtohU16(); i.ReadNtohU16(); i.ReadU8(); i.ReadU8(); ar_op = i.ReadNtohU16();
  i.Read(sha.b, 6); sip = i.ReadNtohU32(); i.Read(tha.b, 6); tip = i.ReadNtohU32();
  return 28;
}

}  // namespace linuxnet
