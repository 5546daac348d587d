#include "sim/host.h"

#include "sim/cost_table.h"

namespace linuxnet {

Host::Host(std::string name, uint32_t seed) : name_(std::move(name)), rng_(seed) {
  idle.id = -1;
  SetCpus(2);
  LoadDefaultCostTable(this);
}

void Host::SetCpus(int n) {
  cpus.clear();
  for (int i = 0; i < n; i++) {
    cpus.push_back(std::make_unique<Cpu>());
    cpus.back()->id = i;
  }
  next_process_cpu_ = 0;
}

MacAddr EthRandomAddr(Host* host) {
  MacAddr m;
  uint32_t a = host->PrandomU32(), b = host->PrandomU32();
  m.b[0] = static_cast<uint8_t>(a >> 24);
  m.b[1] = static_cast<uint8_t>(a >> 16);
  m.b[2] = static_cast<uint8_t>(a >> 8);
  m.b[3] = static_cast<uint8_t>(a);
  m.b[4] = static_cast<uint8_t>(b >> 24);
  m.b[5] = static_cast<uint8_t>(b >> 16);
  m.b[0] &= 0xfe;  // unicast
  m.b[0] |= 0x02;  // locally administered
  return m;
}

}  // namespace linuxnet
