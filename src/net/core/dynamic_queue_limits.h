// Byte queue limits (lib/dynamic_queue_limits.c, include/linux/dynamic_queue_limits.h, v5.3): how
// many bytes a device's transmit queue may hold in the driver's ring. dql_completed raises the
// limit when the queue ran dry while over it (starved) and lowers it by the smallest slack seen
// over slack_hold_time while it stayed busy. The device's queue is stopped (STACK_XOFF) while
// what was queued exceeds the limit (netdev_tx_sent_queue / netdev_tx_completed_queue).
#pragma once
#include <cstdint>
#include <limits>

#include "sim/host.h"

namespace linuxnet {

struct Dql {
  static constexpr uint32_t kMaxObject = std::numeric_limits<uint32_t>::max() / 16;     // DQL_MAX_OBJECT
  static constexpr uint32_t kMaxLimit = std::numeric_limits<uint32_t>::max() / 2 - kMaxObject;  // DQL_MAX_LIMIT
  // fields used by the enqueue side
  uint32_t num_queued = 0;   // total bytes ever queued
  uint32_t adj_limit = 0;    // limit + num_completed
  uint32_t last_obj_cnt = 0; // the last dql_queued's count
  // fields used by the completion side
  uint32_t limit = 0;
  uint32_t num_completed = 0;
  uint32_t prev_ovlimit = 0, prev_num_queued = 0, prev_last_obj_cnt = 0;
  uint32_t lowest_slack = std::numeric_limits<uint32_t>::max();
  int64_t slack_start_time = 0;  // jiffies
  // configuration (/sys/class/net/DEV/queues/tx-0/byte_queue_limits: limit_max, limit_min, hold_time)
  uint32_t max_limit = kMaxLimit, min_limit = 0;
  int64_t slack_hold_time = Host::kHz;  // jiffies (dql_init: HZ)

  void Queued(uint32_t count) {  // dql_queued
    last_obj_cnt = count;
    num_queued += count;
  }
  int Avail() const { return static_cast<int>(adj_limit - num_queued); }  // dql_avail
  void Completed(uint32_t count, int64_t jiffies);                          // dql_completed
  void Reset(int64_t jiffies);                                              // dql_reset
};

}  // namespace linuxnet
