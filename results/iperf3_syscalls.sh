#!/usr/bin/env bash
# results/iperf3_syscalls.sh: the system calls iperf3 3.12 makes per datagram on this machine's
# kernel (strace -c), which the model's iperf3 main loop follows: writes and pselect6 calls of the
# client, unpaced (-b 0) and paced (-b 20M), and reads and pselect6 calls of the server, for 64-byte
# UDP over a veth pair for 2 s. Root; runs under the oracle's real-run-whole (private namespaces).
# Usage: results/iperf3_syscalls.sh
set -euo pipefail
command -v strace >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q strace >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
script=$out/run.sh
cat >"$script" <<SCRIPT
ip netns add a
ip netns add b
ip link add va netns a type veth peer name vb netns b
ip -n a addr add 10.0.0.1/24 dev va
ip -n b addr add 10.0.0.2/24 dev vb
ip -n a link set va up
ip -n b link set vb up
for b in 0 20M; do
  ip netns exec b strace -c -f -o $out/server-\$b.txt iperf3 -s -1 -A 1 >/dev/null 2>&1 &
  sleep 1
  ip netns exec a strace -c -f -o $out/client-\$b.txt iperf3 -c 10.0.0.2 -u -b \$b -l 64 -t 2 -A 0 >/dev/null
  sleep 1
done
SCRIPT
/work/shared/oracle/bin/real-run-whole "$script" >/dev/null
calls() { awk -v c="$2" '$NF == c { print $4 }' "$1"; }
echo "side,rate,writes_or_reads,pselect6,per_select"
for b in 0 20M; do
  w=$(calls "$out/client-$b.txt" write) s=$(calls "$out/client-$b.txt" pselect6)
  echo "client,-b $b,$w,$s,$(awk -v a="$w" -v b="$s" 'BEGIN { printf "%.2f", a / b }')"
  r=$(calls "$out/server-$b.txt" read) s=$(calls "$out/server-$b.txt" pselect6)
  echo "server,-b $b,$r,$s,$(awk -v a="$r" -v b="$s" 'BEGIN { printf "%.2f", a / b }')"
done
