#!/usr/bin/env bash
# results/tcp_rmem_gro.csv: GRO and the receive buffer. TCP over a 10 Gbit/s wire (5 us), the
# same two machines as results/e1000_curves.sh part 2, for GRO on and off on the receiver, with
# the receiver's buffer moderated (net.ipv4.tcp_moderate_rcvbuf=1, v5.3's default: it starts at
# tcp_rmem[1], 131072, and grows with what iperf3 reads, tcp_rcv_space_adjust) and not (=0: the
# window stays at 65536). The four configurations run interleaved (A B C D A B C D ...), ROUNDS
# rounds; the medians are the last four lines. Simulator only (no e1000 on this machine).
# Usage: results/tcp_rmem_gro.sh [ROUNDS] [SECONDS] (default 5 rounds of 1 s of virtual time).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$here/..
rounds=${1:-5}
secs=${2:-1}
"$root/linuxnet" build >&2
bin=${LINUXNET_BUILD_DIR:-$root/build}/linuxnet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
run() {  # run GRO MODERATE -> bits_per_second
  cat >"$tmp/t.sh" <<SCRIPT
#@ host rx
#@ host tx
#@ wire tx:eth0 rx:eth0 rate=10Gbit delay=5us
#@ host rx
sysctl -qw net.ipv4.tcp_moderate_rcvbuf=$2
ip link set eth0 up
ip addr add 10.0.0.1/24 dev eth0
ethtool -K eth0 gro $1
iperf3 -s -D
#@ host tx
ip link set eth0 up
ip addr add 10.0.0.2/24 dev eth0
sleep 2.1
iperf3 -c 10.0.0.1 -t $secs -J
SCRIPT
  "$bin" run "$tmp/t.sh" | sed -n '/^{/,/^}/p' | jq -r '.end.sum_received.bits_per_second | round'
}
configs=("on|1" "off|1" "on|0" "off|0")
{
  echo "# TCP over a 10 Gbit/s wire (5 us), ${secs} s a run, ${rounds} interleaved rounds; both machines src/sim/default.costs"
  echo "round,gro,rx_tcp_moderate_rcvbuf,bits_per_second"
  for r in $(seq 1 "$rounds"); do
    for c in "${configs[@]}"; do
      g=${c%%|*} m=${c#*|}
      echo "$r,$g,$m,$(run "$g" "$m")"
    done
  done >"$tmp/runs"
  cat "$tmp/runs"
  for c in "${configs[@]}"; do
    g=${c%%|*} m=${c#*|}
    awk -F, -v g="$g" -v m="$m" '$2 == g && $3 == m { print $4 }' "$tmp/runs" | sort -n |
      awk -v g="$g" -v m="$m" '{ v[NR] = $1 } END { printf "median,%s,%s,%s\n", g, m, v[int((NR + 1) / 2)] }'
  done
} >"$here/tcp_rmem_gro.csv"
cat "$here/tcp_rmem_gro.csv"
