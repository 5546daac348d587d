#include "sim/host.h"

#include "net/core/dev.h"
#include "ns3/simulator.h"

namespace linuxnet {

// enqueue_to_backlog (net/core/dev.c)
void Host::EnqueueBacklog(SkbPtr skb) {
  if (backlog_.size() >= netdev_max_backlog) {
    backlog_dropped++;
    if (skb->dev) skb->dev->stats.rx_dropped++;
    return;
  }
  backlog_.push_back(std::move(skb));
  if (!scheduled_) {
    scheduled_ = true;
    ns3::Simulator::ScheduleNow(&Host::NetRxAction, this);
  }
}

// net_rx_action → process_backlog: up to a weight of packets per poll, then reschedule
void Host::NetRxAction() {
  Charge(KF_net_rx_action);
  int work = 0;
  while (!backlog_.empty() && work < kNapiWeight) {
    SkbPtr skb = std::move(backlog_.front());
    backlog_.pop_front();
    NetifReceiveSkb(std::move(skb));
    work++;
  }
  if (!backlog_.empty()) {
    ns3::Simulator::ScheduleNow(&Host::NetRxAction, this);
  } else {
    scheduled_ = false;
  }
}

}  // namespace linuxnet
