#!/usr/bin/env bash
# The real kernel's cost per packet through a filter chain of N rules, measured as bench_rules
# does in the simulator: namespaces a - b over veth, b's INPUT holds N-1 non-matching rules
# `-s 10.200.x.y -j ACCEPT` and one `-s 10.0.0.1 -j ACCEPT` first or last; a sends K pings
# back to back (ping -f); the time above the same pings with no rules is the chain's cost.
# Needs root and iptables-legacy. Writes CSV to stdout (same columns as bench_rules).
set -euo pipefail
K=${K:-20000}
ipt=$(command -v iptables-legacy-restore || command -v iptables-restore)
ns() { ip netns exec "$@"; }
setup() {
  ip netns add bra; ip netns add brb
  ip link add va netns bra type veth peer name vb netns brb
  ip -n bra addr add 10.0.0.1/24 dev va; ip -n brb addr add 10.0.0.2/24 dev vb
  ip -n bra link set va up; ip -n brb link set vb up
  ns bra ping -c 1 -W 1 10.0.0.2 >/dev/null
}
teardown() { ip netns del bra 2>/dev/null || true; ip netns del brb 2>/dev/null || true; }
trap teardown EXIT
rules() {  # rules N first|last
  local n=$1 pos=$2
  echo '*filter'; echo ':INPUT ACCEPT [0:0]'; echo ':FORWARD ACCEPT [0:0]'; echo ':OUTPUT ACCEPT [0:0]'
  if ((n > 0)) && [[ $pos == first ]]; then echo '-A INPUT -s 10.0.0.1 -j ACCEPT'; fi
  for ((i = 0; i < n - 1; i++)); do echo "-A INPUT -s 10.200.$((i >> 8)).$((i & 255)) -j ACCEPT"; done
  if ((n > 0)) && [[ $pos == last ]]; then echo '-A INPUT -s 10.0.0.1 -j ACCEPT'; fi
  echo COMMIT
}
run() {  # best of 3 wall seconds for K flood pings
  local best=
  for r in 1 2 3; do
    local t0 t1 d
    t0=$(date +%s.%N)
    ns bra ping -q -f -c "$K" 10.0.0.2 >/dev/null
    t1=$(date +%s.%N)
    d=$(echo "$t1 - $t0" | bc -l)
    if [[ -z $best ]] || (( $(echo "$d < $best" | bc -l) )); then best=$d; fi
  done
  echo "$best"
}
teardown; setup
echo "stack,rules,position,packets,wall_s,us_per_packet,extra_us_per_packet,ns_per_rule"
rules 0 none | ns brb "$ipt"
base=$(run)
printf 'kernel,0,none,%d,%.4f,%.3f,0,0\n' "$K" "$base" "$(echo "$base / $K * 1000000" | bc -l)"
for n in 10 100 1000 10000; do
  for pos in first last; do
    rules "$n" "$pos" | ns brb "$ipt"
    w=$(run)
    extra=$(echo "($w - $base) / $K * 1000000" | bc -l)
    if [[ $pos == last ]]; then per=$(echo "$extra * 1000 / $n" | bc -l); else per=0; fi
    printf 'kernel,%d,%s,%d,%.4f,%.3f,%.3f,%.2f\n' "$n" "$pos" "$K" "$w" "$(echo "$w / $K * 1000000" | bc -l)" "$extra" "$per"
  done
done
