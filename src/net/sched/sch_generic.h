// net/sched/sch_generic.c: the queue in front of a device that has one (dev->priv_flags without
// IFF_NO_QUEUE): pfifo_fast, the default qdisc of a real device (three bands by priority, each
// holding up to txqueuelen packets; lockless in v5.3, so __dev_xmit_skb always enqueues and then
// runs the queue), __qdisc_run's quota of dev_tx_weight packets, sch_direct_xmit to the driver, a
// packet the driver refused (NETDEV_TX_BUSY) requeued, and the queue run again when the driver
// wakes the device queue (netif_wake_queue → __netif_schedule → net_tx_action). Until the
// device has carrier the transmit queue holds the noop qdisc (dev_activate waits for it), which
// drops what is sent.
#pragma once
#include <cstdint>
#include <deque>

#include "sim/skbuff.h"

namespace linuxnet {

class NetDev;

struct Qdisc {
  std::deque<SkbPtr> band[3];    // pfifo_fast's bands, 0 first
  std::deque<SkbPtr> gso_skb;    // q->gso_skb: what the driver refused (a packet, or the rest of a segmented one), sent first
  bool active = false;           // the tx queue has this qdisc, not noop (dev_activate on carrier)
  bool running = false;          // qdisc_run_begin .. qdisc_run_end
  bool scheduled = false;        // __QDISC_STATE_SCHED: net_tx_action will run it
  // gnet_stats as `tc -s qdisc` prints them
  uint64_t bytes = 0, packets = 0, drops = 0, requeues = 0, overlimits = 0;
  uint32_t qlen() const { return static_cast<uint32_t>(band[0].size() + band[1].size() + band[2].size() + gso_skb.size()); }
  uint64_t backlog = 0;          // bytes queued
};

// __dev_xmit_skb for a device with a qdisc: enqueue, then qdisc_run; NET_XMIT_* as the kernel
int DevXmitSkb(NetDev* dev, SkbPtr skb);
void QdiscRun(NetDev* dev);                 // qdisc_run
void NetifStopQueue(NetDev* dev);           // netif_stop_queue
void NetifStartQueue(NetDev* dev);          // netif_start_queue
void NetifWakeQueue(NetDev* dev);           // netif_wake_queue: started, and the qdisc scheduled
// BQL (include/linux/netdevice.h): netdev_tx_sent_queue stops the queue (STACK_XOFF) once more is
// queued than the limit allows; netdev_tx_completed_queue recomputes the limit and restarts it;
// netdev_tx_reset_queue (the ring cleaned)
void NetdevTxSentQueue(NetDev* dev, uint32_t bytes);
void NetdevTxCompletedQueue(NetDev* dev, uint32_t pkts, uint32_t bytes);
void NetdevTxResetQueue(NetDev* dev);
void DevActivate(NetDev* dev);              // dev_activate: attach pfifo_fast, active once carrier
void DevDeactivate(NetDev* dev);            // dev_deactivate: back to noop, the queue purged

}  // namespace linuxnet
