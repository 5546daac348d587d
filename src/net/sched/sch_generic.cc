#include "net/sched/sch_generic.h"

#include "net/core/dev.h"
#include "net/core/netdevice.h"
#include "net/core/net_namespace.h"
#include "ns3/simulator.h"
#include "sim/host.h"

namespace linuxnet {

namespace {

// sch_generic.c's prio2band: TC_PRIO_* (skb->priority & TC_PRIO_MAX) to a pfifo_fast band
constexpr uint8_t kPrio2Band[16] = {1, 2, 2, 2, 1, 2, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1};
constexpr int kDevTxWeight = 64;  // net.core.dev_weight * dev_weight_tx_bias

void NetifSchedule(NetDev* dev);

// pfifo_fast_enqueue: the band's skb_array holds txqueuelen packets; a full band drops
int PfifoFastEnqueue(NetDev* dev, Qdisc* q, SkbPtr skb) {
  KFunc(KF_pfifo_fast_enqueue, skb.get());
  std::deque<SkbPtr>& b = q->band[kPrio2Band[skb->priority & 15]];
  if (b.size() >= dev->tx_queue_len) {
    q->drops++;  // qdisc_drop_cpu
    KFunc(KF_kfree_skb, skb.get());
    return NET_XMIT_DROP;
  }
  q->backlog += skb->Len();
  b.push_back(std::move(skb));
  return NET_XMIT_SUCCESS;
}

// pfifo_fast_dequeue: the first non-empty band; the packet counts in the qdisc's bstats
SkbPtr PfifoFastDequeue(Qdisc* q) {
  for (auto& b : q->band) {
    if (b.empty()) continue;
    SkbPtr skb = std::move(b.front());
    b.pop_front();
    KFunc(KF_pfifo_fast_dequeue, skb.get());
    q->backlog -= skb->Len();
    q->bytes += skb->Len();
    q->packets++;
    return skb;
  }
  return nullptr;
}

// dev_requeue_skb: kept for the next run, which is scheduled (a list: the refused segment and
// the ones after it)
void DevRequeueSkb(NetDev* dev, Qdisc* q, SkbPtr skb) {
  std::vector<SkbPtr> rest = std::move(dev->tx_busy_rest);
  dev->tx_busy_rest.clear();
  rest.insert(rest.begin(), std::move(skb));
  for (auto it = rest.rbegin(); it != rest.rend(); ++it) {
    if (!*it) continue;
    q->requeues++;
    q->backlog += (*it)->Len();
    q->gso_skb.push_front(std::move(*it));
  }
  NetifSchedule(dev);
}

// qdisc_restart → dequeue_skb → sch_direct_xmit: one packet to the driver; false when the queue
// is empty, the device queue stopped, or the driver refused it (requeued)
bool QdiscRestart(NetDev* dev, Qdisc* q) {
  // TCQ_F_ONETXQUEUE: nothing is dequeued while the queue is stopped (netif_xmit_frozen_or_stopped)
  if (dev->xoff || dev->stack_xoff) return false;
  SkbPtr skb;
  if (!q->gso_skb.empty()) {
    skb = std::move(q->gso_skb.front());
    q->gso_skb.pop_front();
    q->backlog -= skb->Len();
  } else {
    skb = PfifoFastDequeue(q);
  }
  if (!skb) return false;
  if (DevHardStartXmit(std::move(skb)) == NETDEV_TX_BUSY) {
    DevRequeueSkb(dev, q, std::move(dev->tx_busy_skb));
    return false;
  }
  return !dev->xoff && !dev->stack_xoff;
}

// net_tx_action for the device's qdisc, raised by __netif_schedule: it runs on the CPU that raised
// it once the work there ends
void NetifSchedule(NetDev* dev) {
  Qdisc* q = dev->qdisc.get();
  if (!q || q->scheduled) return;
  q->scheduled = true;
  Host* host = dev->net->host;
  ns3::Ptr<NetDev> keep(dev);
  CpuQueue(host, host->ThisCpu(), [keep, host] {
    KFunc(KF_net_tx_action, host, nullptr);
    if (Qdisc* q2 = keep->qdisc.get()) {
      q2->scheduled = false;
      if (keep->reg_state == NetDev::NETREG_REGISTERED) QdiscRun(keep.operator->());
    }
  });
}

}  // namespace

// __qdisc_run: packets to the driver until the queue is empty or stops, at most dev_tx_weight
// at a time (then the rest waits for net_tx_action)
void QdiscRun(NetDev* dev) {
  Qdisc* q = dev->qdisc.get();
  if (!q || q->running || !q->active) return;
  q->running = true;
  int quota = kDevTxWeight;
  while (QdiscRestart(dev, q)) {
    if (--quota <= 0) {
      NetifSchedule(dev);
      break;
    }
  }
  q->running = false;
}

int DevXmitSkb(NetDev* dev, SkbPtr skb) {
  Qdisc* q = dev->qdisc.get();
  if (!q->active) {  // noop_enqueue
    KFunc(KF_kfree_skb, skb.get());
    return NET_XMIT_CN;
  }
  int rc = PfifoFastEnqueue(dev, q, std::move(skb));
  QdiscRun(dev);
  return rc;
}

void NetifStopQueue(NetDev* dev) { dev->xoff = true; }
void NetifStartQueue(NetDev* dev) { dev->xoff = false; }

namespace {
int64_t Jiffies() { return ns3::Simulator::Now().GetPicoSeconds() / (1000000000000 / Host::kHz); }
}  // namespace

void NetdevTxSentQueue(NetDev* dev, uint32_t bytes) {
  dev->dql.Queued(bytes);
  if (dev->dql.Avail() < 0) dev->stack_xoff = true;
}

void NetdevTxCompletedQueue(NetDev* dev, uint32_t pkts, uint32_t bytes) {
  if (!bytes) return;
  dev->dql.Completed(bytes, Jiffies());
  if (dev->dql.Avail() < 0) return;
  if (dev->stack_xoff) {
    dev->stack_xoff = false;
    if (!dev->xoff) NetifSchedule(dev);  // netif_schedule_queue
  }
}

void NetdevTxResetQueue(NetDev* dev) {
  dev->stack_xoff = false;
  dev->dql.Reset(Jiffies());
}

void NetifWakeQueue(NetDev* dev) {
  bool was = dev->xoff;
  dev->xoff = false;
  if (was) NetifSchedule(dev);
}

void DevActivate(NetDev* dev) {
  if (!dev->qdisc) dev->qdisc = std::make_unique<Qdisc>();
  dev->qdisc_attached = true;
  if (dev->carrier && !dev->qdisc->active) {
    dev->qdisc->active = true;  // transition_one_qdisc
    QdiscRun(dev);
  }
}

void DevDeactivate(NetDev* dev) {
  Qdisc* q = dev->qdisc.get();
  if (!q || !q->active) return;
  q->active = false;  // dev_deactivate_queue: noop; qdisc_reset purges what waited
  for (auto& b : q->band) b.clear();
  q->gso_skb.clear();
  q->backlog = 0;
}

}  // namespace linuxnet
