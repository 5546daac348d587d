# iperf3 -u -J: the receive rate and the send rate (datagrams/s) and the percent lost, tab-separated
# (nothing when the test did not run); measure-kernel.sh and load_curve.sh read both sides with it
.end | select(.sum.seconds > 0) |
  [ (.sum.packets - .sum.lost_packets) / .sum.seconds,
    ((.sum_sent // .sum) as $s | $s.packets / $s.seconds),
    .sum.lost_percent ] | @tsv
