#!/usr/bin/env bash
# results/e1000_curves.csv, e1000_tcp_gro.csv + e1000_curves.png: the e1000 model under load, in
# the simulator only (this machine has no e1000 and one kernel, so there is no kernel column):
#  1. delivered vs offered packet rate of 64-byte UDP through an e1000 pair on a 1 Gbit/s wire
#     (line rate 961k frames/s: 130 bytes each on the wire), with the receiver a one-CPU machine
#     whose interrupt, softirq and iperf3 server share that CPU, and the sender a machine whose
#     kernel work costs nothing (`#@ costs /dev/null`), so that the offered rate is what iperf3
#     asks for; for InterruptThrottleRate off (`ethtool -C eth0 rx-usecs 0` on both machines),
#     dynamic conservative (3, the default) and fixed at 8000/s (rx-usecs 125), and dynamic
#     conservative with 200 non-matching iptables rules in the receiver's INPUT chain (a receive
#     path slower than the wire, so that the ring overflows); delivered is what
#     the server's reader got (UdpInDatagrams), with the receiver's socket drops
#     (UdpRcvbufErrors), rx_missed_errors and rx_no_buffer_count (ethtool -S), and ping's average
#     RTT from the sender meanwhile (every 10 ms);
#  2. TCP over a 10 Gbit/s wire (both machines with the default costs), GRO on and off on the
#     receiver (`ethtool -K eth0 gro off`): throughput and the segments the receiver's stack saw.
# Usage: results/e1000_curves.sh [SECONDS] (default 1 s of virtual time a run; about 2 minutes).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$here/..
secs=${1:-1}
"$root/linuxnet" build >&2
bin=${LINUXNET_BUILD_DIR:-$root/build}/linuxnet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
rates="50000 100000 200000 300000 400000 500000 700000 900000 1200000"
size=64
# 200 rules no datagram matches, each one more match for every packet up INPUT
rules=$(for i in $(seq 1 200); do echo "iptables -A INPUT -s 192.168.0.$i/32 -j DROP"; done)
udp() {  # udp RX_USECS RATE [RULES] -> sent_pps,delivered_pps,rcvbuf_errors,rx_missed,rx_no_buffer,rtt_avg_us
  local script=$tmp/udp.sh out json
  cat >"$script" <<SCRIPT
#@ host rx cpus=1
#@ host tx
#@ costs /dev/null
#@ wire tx:eth0 rx:eth0 rate=1Gbit delay=5us
#@ host rx
ip link set eth0 up
ip addr add 10.0.0.1/24 dev eth0
ethtool -C eth0 rx-usecs $1
${3:-}
iperf3 -s -D
#@ host tx
ip link set eth0 up
ip addr add 10.0.0.2/24 dev eth0
ethtool -C eth0 rx-usecs $1
sleep 2.1
iperf3 -c 10.0.0.1 -u -b $(($2 * size * 8)) -l $size -t $secs -J > /tmp/c.json &
sleep 0.2
ping -c $((secs * 50)) -i 0.01 -q 10.0.0.1
sleep 1
cat /tmp/c.json
#@ host rx
ethtool -S eth0
nstat -az UdpInDatagrams UdpRcvbufErrors
SCRIPT
  out=$("$bin" run "$script")
  json=$(sed -n '/^{/,/^}/p' <<<"$out")
  [[ -n $json ]] || { echo "e1000_curves: the run at $2/s failed:" >&2; echo "$out" >&2; return 1; }
  # sent: what the client wrote; delivered: what the server's reader got (UdpInDatagrams, which
  # udp_recvmsg counts; iperf3's own loss figure only counts up to the last datagram it read)
  jq -r '.end.sum_sent | (.packets / .seconds) | . * 10 | round / 10' <<<"$json" |
    awk -v out="$out" -v secs="$secs" 'BEGIN {
        n = split(out, l, "\n")
        for (i = 1; i <= n; i++) {
          if (l[i] ~ /^     rx_missed_errors:/) { split(l[i], f, ": "); miss = f[2] }
          if (l[i] ~ /^     rx_no_buffer_count:/) { split(l[i], f, ": "); nobuf = f[2] }
          if (l[i] ~ /^rtt min/) { split(l[i], f, " = "); split(f[2], t, "/"); rtt = t[2] * 1000 }
          if (l[i] ~ /^UdpInDatagrams /) { split(l[i], f, " +"); got = f[2] }
          if (l[i] ~ /^UdpRcvbufErrors /) { split(l[i], f, " +"); rcvbuf = f[2] }
        }
      }
      { print $0 "," got / secs "," rcvbuf "," miss "," nobuf "," rtt }'
}
{
  echo "# e1000 pair on a 1 Gbit/s wire, 64-byte UDP for ${secs} s a run; receiver: 1 CPU, src/sim/default.costs; sender: no costs"
  echo "mode,rx_usecs,offered_pps,sent_pps,delivered_pps,udp_rcvbuf_errors,rx_missed_errors,rx_no_buffer_count,rtt_avg_us"
  for mode in "off 0" "dynamic-conservative 3" "fixed-8000 125" "dynamic-conservative-200-rules 3"; do
    set -- $mode
    extra=
    [[ $1 == *rules ]] && extra=$rules
    for r in $rates; do echo "$1,$2,$r,$(udp "$2" "$r" "$extra")"; done
  done
} >"$here/e1000_curves.csv"
tcp() {  # tcp GRO(on|off) -> bits_per_second,receiver_segments_up
  local script=$tmp/tcp.sh out
  cat >"$script" <<SCRIPT
#@ host rx
#@ host tx
#@ wire tx:eth0 rx:eth0 rate=10Gbit delay=5us
#@ host rx
ip link set eth0 up
ip addr add 10.0.0.1/24 dev eth0
ethtool -K eth0 gro $1
iperf3 -s -D
#@ host tx
ip link set eth0 up
ip addr add 10.0.0.2/24 dev eth0
sleep 2.1
iperf3 -c 10.0.0.1 -t $secs -J
#@ host rx
nstat -az TcpInSegs IpInReceives
SCRIPT
  out=$("$bin" run "$script")
  bps=$(sed -n '/^{/,/^}/p' <<<"$out" | jq -r '.end.sum_received.bits_per_second | round')
  segs=$(awk '$1 == "IpInReceives" { print $2 }' <<<"$out")
  echo "$bps,$segs"
}
{
  echo "# TCP over a 10 Gbit/s wire (5 us), ${secs} s; both machines src/sim/default.costs"
  echo "gro,bits_per_second,receiver_ip_packets"
  for g in on off; do echo "$g,$(tcp "$g")"; done
} >"$here/e1000_tcp_gro.csv"
/usr/bin/python3 -c 'import matplotlib' 2>/dev/null ||
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-matplotlib >/dev/null
/usr/bin/python3 "$here/plot_e1000_curves.py" "$here/e1000_curves.csv" "$here/e1000_tcp_gro.csv" "$here/e1000_curves.png"
cat "$here/e1000_curves.csv" "$here/e1000_tcp_gro.csv"
