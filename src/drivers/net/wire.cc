#include "drivers/net/wire.h"

#include <algorithm>

#include "ns3/simulator.h"
#include "sim/cpu.h"

namespace linuxnet {

Wire::Wire(uint64_t rate_bps, int64_t delay_ps, double loss, uint32_t seed)
    : rate_bps_(rate_bps), delay_ps_(delay_ps), loss_(loss), rng_(seed) {}

void Wire::Attach(int end, WirePort* port) { ports_[end] = port; }
void Wire::Detach(int end) {
  ports_[end] = nullptr;
  if (WirePort* o = ports_[1 - end]) o->WireLinkChange();
}

bool Wire::LinkUp() const { return ports_[0] && ports_[1] && ports_[0]->WirePhyUp() && ports_[1]->WirePhyUp(); }

void Wire::PhyChanged(int end) {
  if (WirePort* o = ports_[1 - end]) o->WireLinkChange();
  if (WirePort* s = ports_[end]) s->WireLinkChange();
}

uint32_t Wire::WireBytes(uint32_t len) { return std::max<uint32_t>(len, 60) + 4 + 8 + 12; }

int64_t Wire::Transmit(int end, SkbPtr frame, int64_t at_ps) {
  uint64_t bits = uint64_t(WireBytes(frame->Len())) * 8;
  int64_t start = std::max(at_ps, busy_until_ps_[end]);
  int64_t done = start + static_cast<int64_t>((bits * 1000000000000ull + rate_bps_ - 1) / rate_bps_);
  busy_until_ps_[end] = done;
  if (loss_ > 0 && std::uniform_real_distribution<double>(0.0, 1.0)(rng_) < loss_) {
    lost_++;
    return done;
  }
  // in flight until it arrives; frames of one direction arrive in the order they left
  inflight_[end].push_back(std::move(frame));
  ns3::Simulator::Schedule(Until(done + delay_ps_), [this, end] {
    SkbPtr skb = std::move(inflight_[end].front());
    inflight_[end].pop_front();
    if (WirePort* p = ports_[1 - end]) p->WireReceive(std::move(skb));
  });
  return done;
}

}  // namespace linuxnet
