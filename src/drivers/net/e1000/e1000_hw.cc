// The 82545EM's side of the e1000 (the hardware the driver in e1000_main.cc talks to), from the
// driver's view of it (e1000_hw.h register semantics) and Intel's PCI/PCI-X Family of Gigabit
// Ethernet Controllers Software Developer's Manual (receive and transmit descriptor write-back,
// ICR/IMS, ITR as a minimum inter-interrupt interval in 256 ns units, RDTR/RADV and TIDV/TADV as
// delay timers in 1.024 us units, the receive packet buffer and MPC/RNBC).
#include <algorithm>
#include <vector>

#include "drivers/net/e1000/e1000.h"
#include "net/core/dev.h"
#include "net/core/net_namespace.h"
#include "net/sched/sch_generic.h"
#include "ns3/simulator.h"

namespace linuxnet {

namespace {
int64_t ClockPs() { return ns3::Simulator::Now().GetPicoSeconds(); }
constexpr int64_t kDelayUnitPs = 1024000;  // 1.024 us

// the receive address filter (RCTL UPE/MPE/BAM, the exact filters RAR0..15)
bool AddressMatches(const E1000Dev* d, const MacAddr& dst) {
  if (dst.IsMulticast()) return true;  // broadcast accepted (BAM); multicast hashed (MTA), all kept here
  if (dst == d->dev_addr || d->promiscuity > 0 || (d->gflags & IFF_PROMISC)) return true;
  return std::find(d->uc.begin(), d->uc.end(), dst) != d->uc.end();
}
}  // namespace

// ew32(ITR, 1000000000 / (ints * 256)): the register keeps the low 16 bits (its INTERVAL field),
// so mode 4's first write (itr 4: 976562) leaves 59442 x 256 ns until the watchdog writes again
void E1000Dev::WriteItr(uint32_t ints_per_sec) {
  itr_reg = ints_per_sec ? (1000000000u / (ints_per_sec * 256u)) & 0xffffu : 0;
}

void E1000Dev::SetCause(uint32_t causes) {
  icr |= causes;
  MaybeAssert();
}

// ITR: an interrupt asserts at once when the interval since the last one has passed, otherwise
// when it does; causes raised meanwhile ride on it
void E1000Dev::MaybeAssert() {
  if (!(icr & ims) || irq_event.IsRunning()) return;
  int64_t now = ClockPs();
  int64_t at = now;
  if (itr_reg && last_irq_ps >= 0) at = std::max(now, last_irq_ps + int64_t(itr_reg) * 256 * 1000);
  ns3::Ptr<E1000Dev> keep(this);
  irq_event = ns3::Simulator::Schedule(Until(at), [keep] { keep->Assert(); });
}

void E1000Dev::Assert() {
  if (!(icr & ims) || !net) return;
  last_irq_ps = ClockPs();
  interrupts++;
  Host* host = net->host;
  Cpu* cpu = host->cpus[static_cast<size_t>(irq_cpu) % host->cpus.size()].get();
  ns3::Ptr<E1000Dev> keep(this);
  CpuRun(host, cpu, [keep] { E1000Intr(keep.operator->()); });
}

void E1000Dev::WireReceive(SkbPtr frame) {
  if (down || !net) return;  // RCTL.EN clear: the receiver ignores the line
  uint32_t len = frame->Len();
  hw.tpr++;
  hw.tor += len + 4;
  if (!AddressMatches(this, frame->eth.h_dest)) return;
  if (rx_hw_free == 0 || !rx_fifo.empty()) {
    // no buffer: the frame waits in the packet buffer if it fits (RNBC counts the event), else
    // it is missed (MPC) and the receiver overrun cause raised
    hw.rnbc++;
    if (rx_fifo_bytes + len + 16 > kRxFifoBytes) {
      hw.mpc++;
      SetCause(E1000_ICR_RXO);
      return;
    }
    rx_fifo_bytes += len + 16;
    rx_fifo.push_back(std::move(frame));
    return;
  }
  RxDma(std::move(frame));
}

// receive DMA: the frame is in host memory and its descriptor written back (DD, EOP); the
// receive timer (RDTR, restarted by each frame, capped by RADV) or, with no delay, the RXT0
// cause at once; fewer than half the descriptors free raises RXDMT0 (RCTL.RDMTS half)
void E1000Dev::RxDma(SkbPtr frame) {
  uint32_t len = frame->Len();
  rx_hw_free--;
  hw.gprc++;
  hw.gorcl += len + 4;
  if (frame->eth.h_dest.IsBroadcast()) hw.bprc++;
  else if (frame->eth.h_dest.IsMulticast()) hw.mprc++;
  frame->host = net->host;
  frame->dev = this;
  rx_done.push_back(std::move(frame));
  uint32_t causes = rx_hw_free < rx_count / 2 ? uint32_t(E1000_ICR_RXDMT0) : 0u;
  if (rx_int_delay == 0) {
    SetCause(causes | E1000_ICR_RXT0);
    return;
  }
  if (causes) SetCause(causes);
  ArmDelayTimers(&E1000Dev::rx_timer, &E1000Dev::rx_abs_timer, rx_int_delay, rx_abs_int_delay, E1000_ICR_RXT0);
}

// a delay timer pair (RDTR/RADV, TIDV/TADV): the packet timer restarts with each descriptor, the
// absolute one runs from the first; whichever expires first raises `cause` and stops both
void E1000Dev::ArmDelayTimers(ns3::EventId E1000Dev::*timer, ns3::EventId E1000Dev::*abs_timer, uint32_t delay,
                              uint32_t abs_delay, uint32_t cause) {
  ns3::Ptr<E1000Dev> keep(this);
  auto fire = [keep, timer, abs_timer, cause] {
    (keep.operator->()->*timer).Cancel();
    (keep.operator->()->*abs_timer).Cancel();
    keep->SetCause(cause);
  };
  (this->*timer).Cancel();
  this->*timer = ns3::Simulator::Schedule(ns3::PicoSeconds(int64_t(delay) * kDelayUnitPs), fire);
  if (abs_delay && !(this->*abs_timer).IsRunning())
    this->*abs_timer = ns3::Simulator::Schedule(ns3::PicoSeconds(int64_t(abs_delay) * kDelayUnitPs), fire);
}

void E1000Dev::RxTail() {
  while (rx_hw_free > 0 && !rx_fifo.empty()) {
    SkbPtr f = std::move(rx_fifo.front());
    rx_fifo.pop_front();
    rx_fifo_bytes -= f->Len() + 16;
    RxDma(std::move(f));
  }
}

// The transmit unit fetches the descriptors up to the tail and sends each frame in turn; its
// descriptor is written back (DD) when the frame has left. With no link the frames leave nowhere.
void E1000Dev::TxStart() {
  if (!net) return;
  int64_t at = NowPs(net->host);  // the tail write (writel) happens where the driver's work is
  size_t first = tx_ring.size() - tx_unsent;
  for (size_t i = first; i < tx_ring.size(); i++) {
    TxBuffer& b = tx_ring[i];
    // TSO: the hardware cuts the packet into its frames (the TCP segmentation context)
    std::vector<SkbPtr> frames;
    if (SkbIsGso(*b.skb)) {
      if (GsoSegmentFn cut = FindGsoSegment(b.skb->protocol)) frames = cut(*b.skb);
      // TSCTC: a TCP segmentation context transmitted (8254x SDM 13.7.64); TSCTFC one that failed
      if (frames.empty()) hw.tsctfc++;
      else hw.tsctc++;
    } else {
      frames.push_back(SkbPtr(new SkBuff(*b.skb)));
    }
    b.done_ps = at;
    for (SkbPtr& f : frames) {
      uint32_t len = f->Len();
      hw.tpt++;
      hw.tot += len + 4;
      hw.gptc++;
      hw.gotcl += len + 4;
      if (f->eth.h_dest.IsBroadcast()) hw.bptc++;
      else if (f->eth.h_dest.IsMulticast()) hw.mptc++;
      if (!wire || !wire->LinkUp()) continue;
      // what goes on the wire is the frame's bytes, not the host's skb: a copy without this
      // machine's socket, route or conntrack
      f->nfct = nullptr;
      f->ctinfo = 0;
      f->sk = nullptr;
      f->dst = Rtable{};
      f->mark = 0;
      f->priority = 0;
      f->bridged = false;
      f->physindev = f->physoutdev = nullptr;
      f->skb_iif = 0;
      f->tstamp_ps = 0;
      f->truesize = 0;
      f->dev = nullptr;
      const int64_t done = wire->Transmit(wire_end, std::move(f), at);
      if (done == Link::kTxPending) {
        b.pending++;
      } else {
        b.done_ps = done;
        at = done;
      }
    }
    if (b.pending) {
      b.done_ps = Link::kTxPending;  // written back when the medium reports its frames sent
      continue;
    }
    ns3::Ptr<E1000Dev> keep(this);
    ns3::Simulator::Schedule(Until(b.done_ps), [keep] { keep->TxDescDone(); });
  }
  tx_unsent = 0;
}

// the medium sent the oldest frame it was given: the buffer whose last frame that was is done
void E1000Dev::WireTxDone() {
  for (TxBuffer& b : tx_ring) {
    if (!b.pending) continue;
    if (--b.pending == 0) {
      b.done_ps = ns3::Simulator::Now().GetPicoSeconds();
      TxDescDone();
    }
    return;
  }
}

// a descriptor with IDE written back: TXDW after the transmit delay timer (TIDV, restarted by
// each, capped by TADV), at once without a delay
void E1000Dev::TxDescDone() {
  if (down) return;
  if (tx_int_delay == 0) {
    SetCause(E1000_ICR_TXDW);
    return;
  }
  ArmDelayTimers(&E1000Dev::tx_timer, &E1000Dev::tx_abs_timer, tx_int_delay, tx_abs_int_delay, E1000_ICR_TXDW);
}

void E1000Dev::HwReset() {
  irq_event.Cancel();
  rx_timer.Cancel();
  rx_abs_timer.Cancel();
  tx_timer.Cancel();
  tx_abs_timer.Cancel();
  icr = 0;
  ims = 0;
  rx_done.clear();
  rx_fifo.clear();
  rx_fifo_bytes = 0;
  rx_hw_free = 0;
  rx_cleaned = 0;
  tx_ring.clear();
  tx_used = 0;
  tx_unsent = 0;
  last_tx_tso = false;  // e1000_clean_tx_ring, which also resets the queue's BQL
  NetdevTxResetQueue(this);
}

}  // namespace linuxnet
