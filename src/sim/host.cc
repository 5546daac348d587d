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

Cpu* Host::NextProcessCpu(const std::vector<bool>& allowed) {
  for (size_t k = 0; k < cpus.size(); k++) {
    Cpu* c = cpus[next_process_cpu_++ % cpus.size()].get();
    if (allowed.empty() || (static_cast<size_t>(c->id) < allowed.size() && allowed[c->id])) return c;
  }
  return cpus[0].get();  // no allowed CPU exists (taskset refuses such a mask first)
}

void KFuncSlow(KFn f, Host* host, const SkBuff* skb, int64_t bytes) {
  if (bytes == kSkbLen) bytes = skb ? skb->Len() : 0;
  if (host->trace()) host->trace()(host, f, skb, static_cast<uint32_t>(bytes));
  host->cursor_ps += host->kcost[f].a_ps + host->kcost[f].b_ps * bytes;
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
