#!/usr/bin/env bash
# results/iperf3_main_loop.csv: what iperf3 3.12 does per datagram on this machine's kernel, which
# the model's iperf3 follows, beside the simulator's run of the same commands:
#   - writes (client) or reads (server) per pselect6, unpaced (-b 0) and paced (-b 20M), 64-byte
#     UDP over a veth pair for 2 s: on the kernel from strace -c, in the simulator from --trace
#     (udp_sendmsg or udp_recvmsg per do_select on the client's CPU 0, the server's CPU 1);
#   - how long the receiver and the sender time a `-u -b 10M -t 2` test (end.sum.seconds and
#     end.sum_sent.seconds of -J): TEST_RUNNING follows TEST_START on the control connection
#     without waiting for a delayed ACK (the model: quickack), the simulator's run beside it.
# R rounds (default 5), each round the three runs in turn (interleaved); medians. Root; the kernel
# runs go under the oracle's real-run-whole (private namespaces). Usage: results/iperf3_main_loop.sh [R]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
runs=${1:-5}
command -v strace >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q strace >/dev/null
"$here/../linuxnet" build
bin=${LINUXNET_BUILD_DIR:-$here/../build}/linuxnet
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
pair='ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up'
timing='ip netns exec b iperf3 -s -1 >/dev/null 2>&1 &
sleep 1
ip netns exec a iperf3 -c 10.0.0.2 -u -b 10M -t 2 -J'
cat >"$out/kernel.sh" <<SCRIPT
$pair
for r in \$(seq $runs); do
  for b in 0 20M; do
    ip netns exec b strace -c -f -o $out/server-\$b-\$r.txt iperf3 -s -1 -A 1 >/dev/null 2>&1 &
    sleep 1
    ip netns exec a strace -c -f -o $out/client-\$b-\$r.txt iperf3 -c 10.0.0.2 -u -b \$b -l 64 -t 2 -A 0 >/dev/null
    sleep 1
  done
  $timing >$out/timing-\$r.json
  sleep 1
done
SCRIPT
/work/shared/oracle/bin/real-run-whole "$out/kernel.sh" >/dev/null
printf '%s\n%s\n' "$pair" "$timing" >"$out/sim.sh"
"$bin" run "$out/sim.sh" >"$out/sim.json"
for b in 0 20M; do  # the simulator's calls: "cpu N FUNCTION COUNT" lines
  printf '%s\n%s\n' "$pair" "ip netns exec b iperf3 -s -1 -A 1 >/dev/null 2>&1 &
sleep 1
ip netns exec a iperf3 -c 10.0.0.2 -u -b $b -l 64 -t 2 -A 0 >/dev/null" >"$out/sim-$b.sh"
  "$bin" run --trace "$out/sim-$b.sh" 2>&1 |
    awk '$5 ~ /^(do_select|udp_sendmsg|udp_recvmsg)$/ { n[$4 " " $5]++ } END { for (k in n) print k, n[k] }' >"$out/sim-$b.calls"
done
sim_ratio() {  # sim_ratio B CPU FUNCTION: FUNCTION calls per do_select on CPU
  awk -v c="$2" -v f="$3" '$1 == c && $2 == f { a = $3 } $1 == c && $2 == "do_select" { s = $3 } END { printf "%.3f", a / s }' "$out/sim-$1.calls"
}
calls() { awk -v c="$2" '$NF == c { print $4 }' "$1"; }
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
seconds() { jq -r "[.end.sum.seconds, .end.sum_sent.seconds] | @tsv" "$1"; }
{
  echo "# $(uname -r) $(nproc) cpus, $(date -u '+%Y-%m-%dT%H:%M:%SZ'); $runs interleaved rounds, medians; iperf3 $(iperf3 --version | head -1 | awk '{print $2}')"
  echo "measure,kernel,sim"
  for b in 0 20M; do
    for side in client:write server:read; do
      f=${side%%:*} c=${side#*:}
      k=$(for r in $(seq "$runs"); do
            awk -v a="$(calls "$out/$f-$b-$r.txt" "$c")" -v s="$(calls "$out/$f-$b-$r.txt" pselect6)" 'BEGIN { printf "%.3f\n", a / s }'
          done | median)
      if [[ $f == client ]]; then sim=$(sim_ratio "$b" 0 udp_sendmsg); else sim=$(sim_ratio "$b" 1 udp_recvmsg); fi
      echo "${f}_${c}s_per_pselect6 -b $b,$k,$sim"
    done
  done
  for i in 1 2; do
    name=$([[ $i == 1 ]] && echo receiver_seconds || echo sender_seconds)
    k=$(for r in $(seq "$runs"); do seconds "$out/timing-$r.json" | cut -f$i; done | median)
    echo "$name -t 2,$k,$(seconds "$out/sim.json" | cut -f$i)"
  done
} >"$here/iperf3_main_loop.csv"
cat "$here/iperf3_main_loop.csv"
