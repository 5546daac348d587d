#include "net/core/dynamic_queue_limits.h"

#include <algorithm>

namespace linuxnet {

namespace {
uint32_t PosDiff(uint32_t a, uint32_t b) { return static_cast<int32_t>(a - b) > 0 ? a - b : 0; }  // POSDIFF
}  // namespace

void Dql::Completed(uint32_t count, int64_t jiffies) {
  const uint32_t completed = num_completed + count;
  uint32_t lim = limit;
  uint32_t ovlimit = PosDiff(num_queued - num_completed, lim);
  const uint32_t inprogress = num_queued - completed;
  const uint32_t prev_inprogress = prev_num_queued - num_completed;
  const uint32_t all_prev_completed = PosDiff(completed, prev_num_queued);
  if ((ovlimit && !inprogress) || (prev_ovlimit && all_prev_completed)) {
    // starved: over the limit and then empty; grow by what was sent and completed since
    lim += PosDiff(completed, prev_num_queued) + prev_ovlimit;
    slack_start_time = jiffies;
    lowest_slack = std::numeric_limits<uint32_t>::max();
  } else if (inprogress && prev_inprogress && !all_prev_completed) {
    // busy the whole interval: the excess over what kept it from starving may go
    uint32_t slack = PosDiff(lim + prev_ovlimit, 2 * (completed - num_completed));
    const uint32_t slack_last_objs = prev_ovlimit ? PosDiff(prev_last_obj_cnt, prev_ovlimit) : 0;
    slack = std::max(slack, slack_last_objs);
    lowest_slack = std::min(lowest_slack, slack);
    if (jiffies - (slack_start_time + slack_hold_time) > 0) {  // time_after
      lim = PosDiff(lim, lowest_slack);
      slack_start_time = jiffies;
      lowest_slack = std::numeric_limits<uint32_t>::max();
    }
  }
  lim = std::clamp(lim, min_limit, max_limit);
  if (lim != limit) {
    limit = lim;
    ovlimit = 0;
  }
  adj_limit = lim + completed;
  prev_ovlimit = ovlimit;
  prev_last_obj_cnt = last_obj_cnt;
  num_completed = completed;
  prev_num_queued = num_queued;
}

void Dql::Reset(int64_t jiffies) {
  limit = 0;
  num_queued = 0;
  num_completed = 0;
  last_obj_cnt = 0;
  prev_num_queued = 0;
  prev_last_obj_cnt = 0;
  prev_ovlimit = 0;
  lowest_slack = std::numeric_limits<uint32_t>::max();
  slack_start_time = jiffies;  // adj_limit keeps its value, as dql_reset leaves it
}

}  // namespace linuxnet
