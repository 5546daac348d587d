// drivers/net/ethernet/intel/e1000/e1000_main.c and e1000_param.c (v5.3), the driver's side.
// Costs: the two functions that read device registers pay for those reads, which are uncached
// PCI reads the CPU stalls on. Robert Olsson's mmio_test (github.com/herjulf/mmio_test) measured
// an e1000's ICR read at about 2100 cycles and a read of another register (CTRL) at about 1700
// cycles on a 2.4 GHz machine, 875 ns and 708 ns: e1000_intr reads ICR and flushes its IMC write
// with a STATUS read (E1000_WRITE_FLUSH), e1000_irq_enable flushes its IMS write with one. The
// table's e1000_intr and e1000_irq_enable entries (src/sim/hardware.costs) are those sums; the
// driver's software work per packet has no measurement here and costs what the table says (0).
#include <algorithm>
#include <cerrno>
#include <cstdio>

#include "drivers/net/e1000/e1000.h"
#include "net/core/dev.h"
#include "net/core/net_namespace.h"
#include "net/netfilter/x_tables.h"
#include "net/sched/sch_generic.h"
#include "ns3/simulator.h"

namespace linuxnet {

namespace {

constexpr int64_t kJiffyPs = 1000000000000 / Host::kHz;
constexpr uint32_t kRxBufferWrite = 16;      // E1000_RX_BUFFER_WRITE
constexpr uint32_t kTxWakeThreshold = 32;    // TX_WAKE_THRESHOLD
constexpr uint32_t kDescNeeded = 17 + 7;     // MAX_SKB_FRAGS + 7
constexpr uint32_t kMaxTxdPwr = 12;          // E1000_MAX_TXD_PWR: 4 KB a data descriptor

void E1000Watchdog(E1000Dev* a);

void ScheduleWatchdog(E1000Dev* a, int64_t delay_ps) {
  if (a->watchdog_event.IsRunning()) return;  // schedule_delayed_work: pending stays pending
  ns3::Ptr<E1000Dev> keep(a);
  a->watchdog_event = ns3::Simulator::Schedule(ns3::PicoSeconds(delay_ps), [keep] { E1000Watchdog(keep.operator->()); });
}

// e1000_irq_enable: IMS written, flushed with a register read
void E1000IrqEnable(E1000Dev* a) {
  KFunc(KF_e1000_irq_enable, a->net->host, nullptr);
  a->ims = E1000_IMS_ENABLE_MASK;
  a->MaybeAssert();
}

// e1000_alloc_rx_buffers: `n` cleaned descriptors get buffers again and the tail moves
void E1000AllocRxBuffers(E1000Dev* a, uint32_t n) {
  if (!n) return;
  KFunc(KF_e1000_alloc_rx_buffers, a->net->host, nullptr);
  a->rx_cleaned -= n;
  a->rx_hw_free += n;
  a->RxTail();
}

// e1000_clean_tx_irq: the descriptors the hardware wrote back, their skbs freed; the queue woken
// once TX_WAKE_THRESHOLD descriptors are free
void E1000CleanTxIrq(E1000Dev* a) {
  Host* host = a->net->host;
  int64_t now = NowPs(host);
  uint32_t count = 0, pkts_compl = 0, bytes_compl = 0;
  while (!a->tx_ring.empty() && a->tx_ring.size() > a->tx_unsent && a->tx_ring.front().done_ps <= now &&
         count < a->tx_count) {
    E1000Dev::TxBuffer b = std::move(a->tx_ring.front());
    a->tx_ring.pop_front();
    KFunc(KF_e1000_clean_tx_irq, b.skb.get());
    count += b.descs;
    a->tx_used -= b.descs;
    a->total_tx_packets += b.segs;
    a->total_tx_bytes += b.bytecount;
    a->stats.tx_packets += b.segs;
    a->stats.tx_bytes += b.bytecount;
    pkts_compl++;
    bytes_compl += b.skb->Len();
  }
  NetdevTxCompletedQueue(a, pkts_compl, bytes_compl);  // netdev_completed_queue
  if (count && a->carrier && a->DescUnusedTx() >= kTxWakeThreshold && a->xoff && !a->down) {
    NetifWakeQueue(a);
    a->restart_queue++;
  }
}

// e1000_receive_skb: the protocol from the header, then napi_gro_receive (GRO unless ethtool
// turned it off)
void E1000ReceiveSkb(E1000Dev* a, SkbPtr skb) {
  skb->protocol = EthTypeTrans(skb.get(), a);
  skb->tstamp_ps = NowPs(a->net->host);  // netif_receive_skb_internal's net_timestamp_check
  NapiGroReceive(&a->napi, std::move(skb), a->f_gro);
}

// e1000_update_itr
uint8_t E1000UpdateItr(uint8_t itr_setting, uint64_t packets, uint64_t bytes) {
  uint8_t retval = itr_setting;
  if (packets == 0) return retval;
  switch (itr_setting) {
    case E1000Dev::lowest_latency:
      if (bytes / packets > 8000) retval = E1000Dev::bulk_latency;  // jumbo frames get bulk treatment
      else if (packets < 5 && bytes > 512) retval = E1000Dev::low_latency;
      break;
    case E1000Dev::low_latency:  // 50 us, 20000 ints/s
      if (bytes > 10000) {
        if (bytes / packets > 8000) retval = E1000Dev::bulk_latency;
        else if (packets < 10 || bytes / packets > 1200) retval = E1000Dev::bulk_latency;
        else if (packets > 35) retval = E1000Dev::lowest_latency;
      } else if (bytes / packets > 2000) {
        retval = E1000Dev::bulk_latency;
      } else if (packets <= 2 && bytes < 512) {
        retval = E1000Dev::lowest_latency;
      }
      break;
    case E1000Dev::bulk_latency:  // 250 us, 4000 ints/s
      if (bytes > 25000) {
        if (packets > 35) retval = E1000Dev::low_latency;
      } else if (bytes < 6000) {
        retval = E1000Dev::low_latency;
      }
      break;
  }
  return retval;
}

void E1000Up(E1000Dev* a);
void E1000Down(E1000Dev* a);

}  // namespace

void E1000SetItr(E1000Dev* a) {
  uint32_t new_itr = a->itr;
  // for non-gigabit speeds the rate is fixed at 4000 (a faster wire counts as gigabit here)
  if (a->link_speed < 1000) {
    new_itr = 4000;
  } else {
    a->tx_itr = E1000UpdateItr(a->tx_itr, a->total_tx_packets, a->total_tx_bytes);
    if (a->itr_setting == 3 && a->tx_itr == E1000Dev::lowest_latency) a->tx_itr = E1000Dev::low_latency;
    a->rx_itr = E1000UpdateItr(a->rx_itr, a->total_rx_packets, a->total_rx_bytes);
    if (a->itr_setting == 3 && a->rx_itr == E1000Dev::lowest_latency) a->rx_itr = E1000Dev::low_latency;
    switch (std::max(a->rx_itr, a->tx_itr)) {
      case E1000Dev::lowest_latency: new_itr = 70000; break;
      case E1000Dev::low_latency: new_itr = 20000; break;
      case E1000Dev::bulk_latency: new_itr = 4000; break;
    }
  }
  if (new_itr != a->itr) {
    // biased towards bulk: a rising rate goes up in steps
    new_itr = new_itr > a->itr ? std::min(a->itr + (new_itr >> 2), new_itr) : new_itr;
    a->itr = new_itr;
    a->WriteItr(new_itr);
  }
}

// e1000_intr (hard interrupt, on the interrupt's CPU): ICR read and cleared, the interrupt
// masked, the NAPI instance scheduled with the interrupt's byte and packet counts reset
void E1000Intr(E1000Dev* a) {
  if (!a->net) return;
  KFunc(KF_e1000_intr, a->net->host, nullptr);
  uint32_t icr = a->icr;
  a->icr = 0;
  if (!icr || a->down) return;  // not ours, or going down
  if (icr & (E1000_ICR_RXSEQ | E1000_ICR_LSC)) ScheduleWatchdog(a, kJiffyPs);
  a->ims = 0;  // IMC
  if (!a->napi.scheduled) {
    a->total_tx_bytes = a->total_tx_packets = a->total_rx_bytes = a->total_rx_packets = 0;
    NapiSchedule(&a->napi);
  } else {
    E1000IrqEnable(a);
  }
}

// e1000_clean, one packet a step: transmit completions first (once a poll), then the next
// receive descriptor with DD set (e1000_clean_rx_irq), buffers given back every 16
bool E1000CleanStep(NapiStruct* napi) {
  auto* a = static_cast<E1000Dev*>(napi->priv);
  if (!a->tx_cleaned_this_poll) {
    a->tx_cleaned_this_poll = true;
    KFunc(KF_e1000_clean, a->net->host, nullptr);
    E1000CleanTxIrq(a);
  }
  if (a->rx_done.empty()) return false;
  SkbPtr skb = std::move(a->rx_done.front());
  a->rx_done.pop_front();
  KFunc(KF_e1000_clean_rx_irq, skb.get());
  a->rx_cleaned++;
  uint32_t len = skb->Len();  // the descriptor's length less the FCS
  a->total_rx_bytes += len;
  a->total_rx_packets++;
  a->stats.rx_bytes += len;
  a->stats.rx_packets++;
  if (a->rx_cleaned >= kRxBufferWrite) E1000AllocRxBuffers(a, a->rx_cleaned);
  E1000ReceiveSkb(a, std::move(skb));
  return true;
}

// the rest of e1000_clean: every cleaned descriptor back to the hardware; a poll that did less
// than its budget completes NAPI, adjusts the dynamic ITR and unmasks the interrupt
void E1000CleanDone(NapiStruct* napi) {
  auto* a = static_cast<E1000Dev*>(napi->priv);
  a->tx_cleaned_this_poll = false;
  if (!a->net) return;
  E1000AllocRxBuffers(a, a->rx_cleaned);
  if (napi->work >= napi->weight) return;
  if (NapiCompleteDone(napi, napi->work)) {
    if (a->itr_setting & 3) E1000SetItr(a);
    if (!a->down) E1000IrqEnable(a);
  }
}

void E1000UpdateStats(E1000Dev* a) {
  if (a->link_speed == 0) return;
  const E1000HwStats& h = a->hw;
  a->stats.multicast = h.mprc;
  a->stats.collisions = h.colc;
  a->stats.rx_errors = h.rxerrc + h.crcerrs + h.algnerrc + h.ruc + h.roc + h.cexterr;
  a->stats.rx_missed_errors = h.mpc;
  a->stats.tx_errors = h.ecol + h.latecol;
  a->stats.tx_carrier_errors = a->link_duplex_full ? 0 : h.tncrs;
}

void E1000SetCoalesce(E1000Dev* a, uint32_t rx_usecs) {
  if (rx_usecs == 4) {
    a->itr = a->itr_setting = 4;
  } else if (rx_usecs <= 3) {
    a->itr = 20000;
    a->itr_setting = rx_usecs;
  } else {
    a->itr = 1000000 / rx_usecs;
    a->itr_setting = a->itr & ~3u;
  }
  a->WriteItr(a->itr_setting != 0 ? a->itr : 0);
}

void E1000SetRingparam(E1000Dev* a, uint32_t rx, uint32_t tx) {
  auto fit = [](uint32_t n) { return (std::min<uint32_t>(std::max<uint32_t>(n, 48), 4096) + 7) & ~7u; };
  bool running = a->IsUp();
  if (running) E1000Down(a);
  a->rx_count = fit(rx);
  a->tx_count = fit(tx);
  if (running) E1000Up(a);
}

namespace {

// e1000_watchdog: the link (e1000_has_link) against the carrier, the statistics folded in, the
// simplified ITR (mode 4) from the last period's octets, a receive-descriptor interrupt to make
// sure the ring is cleaned, and again in two seconds
void E1000Watchdog(E1000Dev* a) {
  if (a->down || !a->net) return;
  bool link = a->wire && a->wire->LinkUp();
  if (link && !a->carrier) {
    a->link_speed = static_cast<uint32_t>(a->wire->rate_bps() / 1000000);
    a->link_duplex_full = true;
    Printk(a->net, "e1000: " + a->name + " NIC Link is Up " + std::to_string(a->link_speed) +
                       " Mbps Full Duplex, Flow Control: RX");
    NetifCarrierOn(a);
    LinkwatchRunQueue(a->net->host);
  } else if (!link && a->carrier) {
    a->link_speed = 0;
    a->link_duplex_full = false;
    Printk(a->net, "e1000: " + a->name + " NIC Link is Down");
    NetifCarrierOff(a);
    LinkwatchRunQueue(a->net->host);
  }
  E1000UpdateStats(a);
  uint64_t gorcl = a->hw.gorcl - a->gorcl_old, gotcl = a->hw.gotcl - a->gotcl_old;
  a->gorcl_old = a->hw.gorcl;
  a->gotcl_old = a->hw.gotcl;
  if (a->itr_setting == 4) {
    uint64_t goc = (gotcl + gorcl) / 10000;
    uint64_t dif = (gotcl > gorcl ? gotcl - gorcl : gorcl - gotcl) / 10000;
    uint32_t itr = goc > 0 ? static_cast<uint32_t>(dif * 6000 / goc + 2000) : 8000;
    a->WriteItr(itr);
  }
  a->SetCause(E1000_ICR_RXDMT0);  // ICS: make sure the receive ring is cleaned
  a->watchdog_event = ns3::EventId();
  ScheduleWatchdog(a, 2 * Host::kHz * kJiffyPs);
}

// e1000_up (from e1000_open): the rings configured (all receive descriptors but one given to the
// hardware), ITR written, NAPI and the interrupt enabled, the queue started, and a link-change
// interrupt fired to start the watchdog
void E1000Up(E1000Dev* a) {
  a->HwReset();
  a->rx_hw_free = a->rx_count - 1;
  a->WriteItr(a->itr_setting != 0 ? a->itr : 0);
  a->down = false;
  E1000IrqEnable(a);
  NetifStartQueue(a);
  a->SetCause(E1000_ICR_LSC);
}

// e1000_down: receive and transmit off, the queue stopped, NAPI off, the interrupt masked, the
// carrier off and the rings cleaned
void E1000Down(E1000Dev* a) {
  a->down = true;
  NetifStopQueue(a);
  a->watchdog_event.Cancel();
  NapiDisable(&a->napi);
  if (a->carrier) NetifCarrierOff(a);
  a->link_speed = 0;
  a->HwReset();
}

}  // namespace

ns3::TypeId E1000Dev::GetTypeId() {
  static ns3::TypeId tid = ns3::TypeId("linuxnet::E1000Dev").SetParent<NetDev>().SetGroupName("Linuxnet");
  return tid;
}

E1000Dev::E1000Dev() = default;
E1000Dev::~E1000Dev() = default;

void E1000Dev::DoDispose() {
  HwReset();
  watchdog_event.Cancel();
  // a cancelled EventId still holds its event, whose closure holds this device: drop them, or
  // the pair outlives the World (LeakSanitizer)
  irq_event = rx_timer = rx_abs_timer = tx_timer = tx_abs_timer = watchdog_event = ns3::EventId();
  if (wire) wire->Detach(wire_end);
  wire = nullptr;
  NetDev::DoDispose();
}

// e1000_open: resources, the qdisc the core attaches (pfifo_fast), e1000_up, the PHY powered
int E1000Dev::NdoOpen() {
  NetifCarrierOff(this);
  if (!qdisc) qdisc = std::make_unique<Qdisc>();
  napi.cpu = net->host->cpus[static_cast<size_t>(irq_cpu) % net->host->cpus.size()].get();
  E1000Up(this);
  if (wire) wire->PhyChanged(wire_end);  // e1000_power_up_phy: the link partner sees it
  return 0;
}

// e1000_close: e1000_down, the PHY powered down
int E1000Dev::NdoStop() {
  E1000Down(this);
  if (wire) wire->PhyChanged(wire_end);  // e1000_power_down_phy
  return 0;
}

// the PHY saw the link partner come or go: a link status change interrupt
void E1000Dev::WireLinkChange() {
  if (!down) SetCause(E1000_ICR_LSC);
}

int E1000Dev::NdoChangeMtu(uint32_t new_mtu) {
  Printk(net, "e1000: " + name + " changing MTU from " + std::to_string(mtu) + " to " + std::to_string(new_mtu));
  mtu = new_mtu;
  if (IsUp()) {
    E1000Down(this);
    E1000Up(this);
  }
  return 0;
}

// e1000_tx_map: the data descriptors a packet of `head` linear bytes and one page fragment of
// `frag` bytes takes, chunks of at most `max_per_txd`, with the driver's two workarounds: a linear
// non-TSO packet after a TSO one gives its first chunk 4 bytes less (the erratum of premature
// write-back: `erratum`), and a TSO packet's last chunk leaves its last 4 bytes to a sentinel descriptor
static uint32_t E1000TxMapCount(uint32_t head, uint32_t frag, uint32_t max_per_txd, bool tso, bool erratum) {
  uint32_t count = 0;
  for (uint32_t len = head; len;) {
    uint32_t size = std::min(len, max_per_txd);
    if (erratum) {
      erratum = false;
      size -= std::min<uint32_t>(size, 4);
    }
    if (tso && !frag && size == len && size > 8) size -= 4;
    len -= size;
    count++;
  }
  for (uint32_t len = frag; len;) {
    uint32_t size = std::min(len, max_per_txd);
    if (tso && size == len && size > 8) size -= 4;
    len -= size;
    count++;
  }
  return count;
}

// e1000_xmit_frame: padded to ETH_ZLEN; descriptors counted (a context descriptor for TSO or
// checksum offload, data descriptors of 4 KB: with TSO min(4 x MSS, 4 KB)); a TSO packet counts
// as its segments, each with its own copy of the headers (e1000_tx_map); too few free (the count and a gap of 2): the queue stops and
// the packet goes back (NETDEV_TX_BUSY); queued, then the queue stops if the next packet might
// not fit (MAX_SKB_FRAGS + 7), and the tail is written
NetdevTx E1000Dev::NdoStartXmit(SkbPtr skb) {
  KFunc(KF_e1000_xmit_frame, skb.get());
  if (skb->Len() < 60) {  // eth_skb_pad
    skb->data = skb->data->Copy();
    skb->data->AddPaddingAtEnd(60 - skb->Len());
  }
  const uint32_t len = skb->Len();
  const uint32_t headlen = len - std::min(skb->data_len, len);  // skb_headlen
  const uint32_t nr_frags = skb->data_len ? 1 : 0;              // the payload's page fragment
  const uint32_t mss = skb->gso_size;
  bool csum_partial = f_txcsum && (skb->in_data & SkBuff::HDR_NET) && (skb->iph.protocol == 6 || skb->iph.protocol == 17);
  uint32_t txd_pwr = kMaxTxdPwr;
  if (mss) {
    const uint32_t max_per_txd = std::min<uint32_t>(mss << 2, 1u << kMaxTxdPwr);
    txd_pwr = 31 - static_cast<uint32_t>(__builtin_clz(max_per_txd));  // fls - 1
  }
  // what e1000_xmit_frame asks to be free: the context descriptor (TSO or checksum offload), one
  // more, one for the erratum of a linear packet after a TSO one, each part's data descriptors,
  // and a gap of 2
  const bool erratum = !nr_frags && last_tx_tso && !mss;
  auto use = [txd_pwr](uint32_t s) { return (s + (1u << txd_pwr) - 1) >> txd_pwr; };  // TXD_USE_COUNT
  const uint32_t ctx = mss || csum_partial ? 1 : 0;
  uint32_t count = ctx + 1 + (erratum ? 1 : 0) + use(headlen) + (nr_frags ? use(len - headlen) : 0);
  if (DescUnusedTx() < count + 2) {
    NetifStopQueue(this);
    if (DescUnusedTx() < count + 2) {
      tx_busy_skb = std::move(skb);
      return NETDEV_TX_BUSY;
    }
    NetifStartQueue(this);
    restart_queue++;
  }
  if (mss) last_tx_tso = true;  // e1000_tso (not an 82544)
  if (erratum) last_tx_tso = false;  // e1000_tx_map, as it takes the workaround
  TxBuffer b;
  b.descs = ctx + E1000TxMapCount(headlen, len - headlen, 1u << txd_pwr, mss != 0, erratum);
  b.bytecount = len;
  if (mss) {
    b.segs = skb->gso_segs ? skb->gso_segs : 1;
    b.bytecount += (b.segs - 1) * headlen;  // e1000_tx_map: the headers again for every segment
  }
  const uint32_t used = b.descs;
  b.skb = std::move(skb);
  tx_ring.push_back(std::move(b));
  tx_used += used;
  tx_unsent++;
  NetdevTxSentQueue(this, len);  // netdev_sent_queue(netdev, skb->len)
  if (DescUnusedTx() < kDescNeeded) {
    NetifStopQueue(this);
    if (DescUnusedTx() >= kDescNeeded) {
      NetifStartQueue(this);
      restart_queue++;
    }
  }
  TxStart();
  return NETDEV_TX_OK;
}

ns3::Ptr<E1000Dev> E1000Probe(NetNs* net, const std::string& name, Link* wire, int end) {
  ns3::Ptr<E1000Dev> d = ns3::CreateObject<E1000Dev>();
  d->name = name;
  d->flags = IFF_BROADCAST | IFF_MULTICAST;
  d->mtu = 1500;
  d->min_mtu = 46;       // ETH_ZLEN - ETH_HLEN
  d->max_mtu = 16110;    // MAX_JUMBO_FRAME_SIZE - (ETH_HLEN + ETH_FCS_LEN)
  d->tx_queue_len = 1000;
  d->tso_max_size = 65536;
  d->carrier = false;
  d->operstate = IF_OPER_DOWN;
  // the EEPROM's address: QEMU's e1000 prefix and three bytes from the machine's generator
  MacAddr m = EthRandomAddr(net->host);
  m.b[0] = 0x52;
  m.b[1] = 0x54;
  m.b[2] = 0x00;
  d->dev_addr = m;
  d->addr_assign_type = 0;  // NET_ADDR_PERM
  // the PCI function: slot 3 and on, as QEMU places its NICs
  int slot = 3;
  for (const auto& other : net->devs)
    if (ns3::DynamicCast<E1000Dev>(other)) slot++;
  char bus[32];
  std::snprintf(bus, sizeof bus, "0000:00:%02x.0", slot);
  d->bus_info = bus;
  d->napi.weight = 64;
  d->napi.step = &E1000CleanStep;
  d->napi.done = &E1000CleanDone;
  d->napi.priv = d.operator->();
  d->napi.host = net->host;
  d->napi.cpu = net->host->cpus[0].get();
  d->wire = wire;
  d->wire_end = end;
  if (RegisterNetdevice(net, d) != 0) return nullptr;
  if (wire) wire->Attach(end, d.operator->());
  return d;
}

}  // namespace linuxnet
