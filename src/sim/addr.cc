#include "sim/addr.h"

#include <cstdio>

#include "ns3/random-variable-stream.h"

namespace linuxnet {

std::string MacAddr::Str() const {
  char buf[18];
  std::snprintf(buf, sizeof buf, "%02x:%02x:%02x:%02x:%02x:%02x", b[0], b[1], b[2], b[3], b[4], b[5]);
  return buf;
}

bool MacAddr::Parse(const std::string& s, MacAddr* out) {
  // iproute2 ll_addr_a2n: colon separated hex bytes, one or two digits each
  MacAddr m;
  size_t pos = 0;
  for (int i = 0; i < 6; i++) {
    if (pos >= s.size()) return false;
    size_t end = s.find(':', pos);
    if (end == std::string::npos) end = s.size();
    std::string part = s.substr(pos, end - pos);
    if (part.empty() || part.size() > 2) return false;
    unsigned v = 0;
    for (char c : part) {
      if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
      v = v * 16 + (std::isdigit(static_cast<unsigned char>(c)) ? c - '0' : (std::tolower(c) - 'a' + 10));
    }
    m.b[i] = static_cast<uint8_t>(v);
    pos = end + 1;
    if (i < 5 && end == s.size()) return false;
    if (i == 5 && end != s.size()) return false;
  }
  *out = m;
  return true;
}

std::string IpStr(uint32_t a) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%u.%u.%u.%u", a >> 24, (a >> 16) & 255, (a >> 8) & 255, a & 255);
  return buf;
}

bool IpParse(const std::string& s, uint32_t* out) {
  uint32_t parts[4];
  int n = 0;
  size_t pos = 0;
  while (n < 4) {
    size_t end = s.find('.', pos);
    if (end == std::string::npos) end = s.size();
    if (end == pos || end - pos > 3) return false;
    uint32_t v = 0;
    for (size_t i = pos; i < end; i++) {
      if (s[i] < '0' || s[i] > '9') return false;
      v = v * 10 + (s[i] - '0');
    }
    if (v > 255) return false;
    parts[n++] = v;
    if (end == s.size()) break;
    pos = end + 1;
  }
  if (n != 4 || pos > s.size()) return false;
  *out = (parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3];
  return true;
}

}  // namespace linuxnet
