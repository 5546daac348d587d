// Link and network addresses as the kernel stores them: a MAC is 6 bytes, an IPv4 address is a
// 32-bit number (kept in host byte order here; the kernel keeps __be32).
#pragma once
#include <cstdint>
#include <cstring>
#include <string>

namespace linuxnet {

struct MacAddr {
  uint8_t b[6] = {0, 0, 0, 0, 0, 0};
  bool operator==(const MacAddr& o) const { return std::memcmp(b, o.b, 6) == 0; }
  bool operator!=(const MacAddr& o) const { return !(*this == o); }
  bool operator<(const MacAddr& o) const { return std::memcmp(b, o.b, 6) < 0; }
  bool IsZero() const { return (b[0] | b[1] | b[2] | b[3] | b[4] | b[5]) == 0; }
  bool IsMulticast() const { return b[0] & 1; }  // is_multicast_ether_addr (incl. broadcast)
  bool IsBroadcast() const { return (b[0] & b[1] & b[2] & b[3] & b[4] & b[5]) == 0xff; }
  uint64_t Key() const {
    uint64_t k = 0;
    for (int i = 0; i < 6; i++) k = (k << 8) | b[i];
    return k;
  }
  static MacAddr Broadcast() { MacAddr m; std::memset(m.b, 0xff, 6); return m; }
  std::string Str() const;                       // "aa:bb:cc:dd:ee:ff"
  static bool Parse(const std::string& s, MacAddr* out);
};

using be32 = uint32_t;  // an IPv4 address, host order in this model

std::string IpStr(uint32_t a);
bool IpParse(const std::string& s, uint32_t* out);  // inet_aton-strict dotted quad
inline uint32_t PrefixMask(int plen) { return plen == 0 ? 0 : 0xffffffffu << (32 - plen); }
inline bool IpIsMulticast(uint32_t a) { return (a & 0xf0000000u) == 0xe0000000u; }
inline bool IpIsLbcast(uint32_t a) { return a == 0xffffffffu; }
inline bool IpIsZeronet(uint32_t a) { return (a & 0xff000000u) == 0; }
inline bool IpIsLoopback(uint32_t a) { return (a & 0xff000000u) == 0x7f000000u; }

}  // namespace linuxnet
