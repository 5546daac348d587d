// drivers/net/ethernet/intel/e1000: the Intel PRO/1000 (an 82545EM copper, the e1000 VMware and
// QEMU's e1000-82545em emulate: unlike the 82540EM it takes `ethtool -C`, which e1000_set_coalesce
// refuses below the 82545) as driver and device. The device side (e1000_hw.cc) is what the silicon does: receive
// DMA into the buffers the driver gave it (the RX ring), transmit from the TX ring onto the wire,
// interrupt causes (ICR), the mask (IMS/IMC), interrupt throttling (ITR) and the receive and
// transmit interrupt delay timers (RDTR/RADV, TIDV/TADV), and the statistics registers. The
// driver side (e1000_main.cc) is the kernel's: e1000_open/close, e1000_xmit_frame, e1000_intr,
// the NAPI poll e1000_clean with e1000_clean_tx_irq and e1000_clean_rx_irq, e1000_receive_skb,
// the dynamic ITR (e1000_update_itr, e1000_set_itr), the watchdog and e1000_update_stats.
// ethtool's view of it (e1000_ethtool.c) is in cli/ethtool.cc.
#pragma once
#include <cstdint>
#include <deque>
#include <memory>
#include <string>

#include "drivers/net/wire.h"
#include "net/core/netdevice.h"
#include "ns3/event-id.h"
#include "sim/cpu.h"

namespace linuxnet {

// ICR / IMS bits (e1000_hw.h)
enum : uint32_t {
  E1000_ICR_TXDW = 0x01, E1000_ICR_TXQE = 0x02, E1000_ICR_LSC = 0x04, E1000_ICR_RXSEQ = 0x08,
  E1000_ICR_RXDMT0 = 0x10, E1000_ICR_RXO = 0x40, E1000_ICR_RXT0 = 0x80,
  // IMS_ENABLE_MASK (e1000.h): what e1000_irq_enable unmasks
  E1000_IMS_ENABLE_MASK = E1000_ICR_RXT0 | E1000_ICR_TXDW | E1000_ICR_RXDMT0 | E1000_ICR_RXSEQ | E1000_ICR_LSC,
};

// struct e1000_hw_stats: the statistics registers the driver folds in (e1000_update_stats); the
// names are the registers', as e1000_ethtool.c reads them
struct E1000HwStats {
  uint64_t gprc = 0, gptc = 0, gorcl = 0, gotcl = 0;  // good packets / octets received, transmitted
  uint64_t bprc = 0, mprc = 0, bptc = 0, mptc = 0;    // broadcast, multicast
  uint64_t mpc = 0;    // missed packets: no receive buffer and the FIFO full
  uint64_t rnbc = 0;   // receive no buffers count
  uint64_t tpr = 0, tpt = 0, tor = 0, tot = 0;        // total packets / octets
  uint64_t crcerrs = 0, algnerrc = 0, rxerrc = 0, ruc = 0, roc = 0, rlec = 0, cexterr = 0;
  uint64_t ecol = 0, latecol = 0, colc = 0, dc = 0, scc = 0, mcc = 0, tncrs = 0;
  uint64_t xonrxc = 0, xontxc = 0, xoffrxc = 0, xofftxc = 0, tsctc = 0, tsctfc = 0;
  uint64_t mgptc = 0, mgprc = 0, mgpdc = 0;
};

class E1000Dev : public NetDev, public WirePort {
 public:
  static ns3::TypeId GetTypeId();
  E1000Dev();
  ~E1000Dev() override;

  // --- the rings (struct e1000_rx_ring / e1000_tx_ring) ---
  uint32_t rx_count = 256, tx_count = 256;  // E1000_DEFAULT_RXD / TXD; ethtool -G (48..4096, multiple of 8)
  // receive: buffers the hardware may fill (next_to_use - 1 ahead of the head, E1000_DESC_UNUSED
  // leaves one unused), frames written back with DD set that the driver has not cleaned (in ring
  // order), and descriptors cleaned but not yet given back (cleaned_count)
  uint32_t rx_hw_free = 0;
  std::deque<SkbPtr> rx_done;
  uint32_t rx_cleaned = 0;
  // the receive packet buffer (PBA: 48 KB on the 82545, e1000_reset): frames wait there for a descriptor;
  // one that does not fit is missed (MPC)
  std::deque<SkbPtr> rx_fifo;
  uint32_t rx_fifo_bytes = 0;
  static constexpr uint32_t kRxFifoBytes = 48 * 1024;
  // transmit: what the driver queued and the hardware has not reported done, in ring order
  struct TxBuffer {
    SkbPtr skb;
    uint32_t descs = 0;      // descriptors it takes (context + data)
    uint32_t bytecount = 0;  // what e1000_tx_map counts for the stats
    uint32_t segs = 1;       // frames it makes on the wire (gso_segs with TSO)
    int64_t done_ps = 0;     // when its last bit left (descriptor written back with DD)
    uint32_t pending = 0;    // frames the medium has not reported sent yet (Link::kTxPending)
  };
  std::deque<TxBuffer> tx_ring;
  uint32_t tx_used = 0;      // descriptors between next_to_clean and next_to_use
  uint32_t tx_unsent = 0;    // buffers at the ring's end the transmit unit has not fetched yet
  bool last_tx_tso = false;  // tx_ring->last_tx_tso: the last packet queued was TSO
  uint32_t DescUnusedTx() const { return tx_count - tx_used - 1; }  // E1000_DESC_UNUSED

  // --- interrupts ---
  uint32_t icr = 0;          // causes pending (read and cleared by e1000_intr)
  uint32_t ims = 0;          // the mask: causes that assert the interrupt
  int64_t last_irq_ps = -1;  // the last assertion, for ITR
  ns3::EventId irq_event;    // an assertion waiting for its ITR interval or delay timer
  uint64_t interrupts = 0;   // how many times it was asserted (/proc/interrupts)
  int irq_cpu = 0;           // the CPU its interrupt goes to (smp_affinity: the first)
  // InterruptThrottleRate (e1000_param.c): itr_setting 0 off, 1 dynamic, 3 dynamic conservative
  // (the default), 4 simplified (2000-8000), otherwise a fixed rate with the low two bits cleared;
  // itr is the rate in interrupts per second the ITR register is set from
  uint32_t itr_setting = 3;
  uint32_t itr = 20000;
  uint32_t itr_reg = 0;      // the ITR register's INTERVAL (bits 15:0): minimum interval in 256 ns units (0: none)
  enum LatencyRange : uint8_t { lowest_latency = 0, low_latency = 1, bulk_latency = 2 };
  // the latency classes e1000_set_itr keeps; the adapter comes zeroed (alloc_etherdev) and
  // nothing sets them before, so both start at lowest_latency
  uint8_t rx_itr = lowest_latency, tx_itr = lowest_latency;
  uint64_t total_tx_bytes = 0, total_tx_packets = 0, total_rx_bytes = 0, total_rx_packets = 0;
  // RxIntDelay, RxAbsIntDelay, TxIntDelay, TxAbsIntDelay in 1.024 us units (DEFAULT_RDTR 0,
  // DEFAULT_RADV 8, DEFAULT_TIDV 8, DEFAULT_TADV 32)
  uint32_t rx_int_delay = 0, rx_abs_int_delay = 8, tx_int_delay = 8, tx_abs_int_delay = 32;
  ns3::EventId rx_timer, rx_abs_timer, tx_timer, tx_abs_timer;  // the delay timers, when armed

  NapiStruct napi;           // weight 64 (netif_napi_add(..., e1000_clean, 64))
  bool tx_cleaned_this_poll = false;
  bool discarding = false;

  // --- offloads (netdev->features, ethtool -k/-K) ---
  bool f_rxcsum = false, f_txcsum = true, f_sg = true, f_tso = true, f_gso = true, f_gro = true;
  bool f_rxvlan = true, f_txvlan = true;

  // --- link ---
  Link* wire = nullptr;     // the wire, or the ns-3 channel, its PHY is on
  int wire_end = 0;
  uint32_t link_speed = 0;   // Mb/s while the link is up (e1000_get_speed_and_duplex), else 0
  bool link_duplex_full = false;
  bool down = true;          // __E1000_DOWN
  ns3::EventId watchdog_event;
  uint64_t gorcl_old = 0, gotcl_old = 0;  // the watchdog's previous octet counts (mode 4)

  // --- counters ---
  E1000HwStats hw;
  uint64_t restart_queue = 0, tx_timeout_count = 0, alloc_rx_buff_failed = 0;
  uint64_t hw_csum_good = 0, hw_csum_err = 0, tx_tcp_seg_good = 0, tx_tcp_seg_failed = 0;
  std::string bus_info;      // ethtool -i: the PCI address of the function

  // --- net_device_ops ---
  NetdevTx NdoStartXmit(SkbPtr skb) override;  // e1000_xmit_frame
  bool NetifGsoOk() const override { return f_tso && f_sg; }  // NETIF_F_TSO (needs SG)
  bool SkCanGso() const override { return (f_tso && f_sg) || f_gso; }
  int NdoOpen() override;                      // e1000_open
  int NdoStop() override;                      // e1000_close
  int NdoChangeMtu(uint32_t new_mtu) override;  // e1000_change_mtu
  const char* QdiscKind() const override { return qdisc_attached ? "pfifo_fast" : "noop"; }

  // --- WirePort: the device side ---
  void WireReceive(SkbPtr frame) override;
  void WireLinkChange() override;
  void WireTxDone() override;

 private:
  void RxDma(SkbPtr frame);        // the frame into the next free buffer, its descriptor done
  void Assert();                   // the interrupt line goes up
  void ArmDelayTimers(ns3::EventId E1000Dev::*timer, ns3::EventId E1000Dev::*abs_timer, uint32_t delay,
                      uint32_t abs_delay, uint32_t cause);
 public:
  bool WirePhyUp() const override { return !down; }  // the PHY is powered while the device is up

  // the device's own steps (e1000_hw.cc)
  void SetCause(uint32_t causes);  // a cause is raised (ICS, or an event in the hardware)
  void MaybeAssert();              // assert the interrupt now or when ITR and the timers allow
  void WriteItr(uint32_t ints_per_sec);  // ew32(ITR, 1000000000 / (ints * 256)), 0: off
  void TxStart();                  // the tail moved: the transmit unit sends what is queued
  void TxDescDone();               // a transmit descriptor was written back
  void RxTail();                   // the driver gave buffers back: waiting frames go into them
  void HwReset();                  // e1000_reset / e1000_down's ring cleaning: timers, rings, FIFO

 protected:
  void DoDispose() override;
};

// e1000_probe for a port of a `#@ wire` line: an e1000 in `net` named `name`, its MAC address
// from the machine's generator under Intel's OUI (as from the EEPROM), joined to the wire's `end`
ns3::Ptr<E1000Dev> E1000Probe(NetNs* net, const std::string& name, Link* wire, int end);

// the driver's poll and interrupt, exposed for the unit tests
bool E1000CleanStep(NapiStruct* napi);  // e1000_clean, one packet
void E1000CleanDone(NapiStruct* napi);  // the rest of e1000_clean
void E1000Intr(E1000Dev* adapter);      // e1000_intr
void E1000SetItr(E1000Dev* adapter);    // e1000_set_itr
void E1000UpdateStats(E1000Dev* adapter);  // e1000_update_stats
void E1000SetCoalesce(E1000Dev* adapter, uint32_t rx_usecs);  // e1000_set_coalesce's ITR part
// e1000_set_ringparam: sizes rounded up to a multiple of 8 within 48..4096 (e1000.h
// E1000_MIN_RXD, E1000_MAX_82544_RXD), the rings rebuilt (the device goes down and up)
void E1000SetRingparam(E1000Dev* adapter, uint32_t rx, uint32_t tx);

}  // namespace linuxnet
