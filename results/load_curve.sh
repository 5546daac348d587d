#!/usr/bin/env bash
# results/load_curve.csv + .png: UDP through a router (results/calibration/paths/router.sh) under
# offered load: the delivered rate and ping's RTT while iperf3 offers 64-byte datagrams at each rate
# (iperf3 -u -b, client on CPU 0, server on CPU 1; `taskset -c 0 ping -i 0.01` on the client's CPU
# meanwhile), on this machine's kernel (results/calibration/measure-kernel.sh --load: medians of R
# interleaved runs) beside the simulator with the compiled-in cost table (the same setup script
# and commands, run by `linuxnet run`). Root. Usage: results/load_curve.sh [R] [T]
# (defaults 5 runs of 3 s; about 5 minutes).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$here/..
cal=$here/calibration
runs=${1:-5} secs=${2:-3}
rates="25000 50000 100000 200000 300000 400000 600000 0"  # datagrams/s; 0: unpaced (-b 0)
size=64
"$root/linuxnet" build
bin=${LINUXNET_BUILD_DIR:-$root/build}/linuxnet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$cal/measure-kernel.sh" --paths router --sizes $size --load "${rates// /,}" --runs "$runs" --time "$secs" \
  --out "$tmp/kernel" >&2
sim() {  # sim RATE -> rx_pps,tx_pps,lost_percent,rtt_min_us,rtt_avg_us (the kernel run's commands)
  local script=$tmp/sim-$1.sh out json rtt
  {
    cat "$cal/paths/router.sh"
    echo "ip netns exec s iperf3 -s -1 -A 1 >/dev/null 2>&1 &"
    echo "sleep 0.1"
    echo "ip netns exec c iperf3 -c 10.0.2.2 -u -b $(($1 * size * 8)) -l $size -t $secs -J -A 0 >/tmp/client.json 2>&1 &"
    echo "sleep 0.5"
    echo "ip netns exec c taskset -c 0 ping -c $(((secs - 1) * 100)) -i 0.01 -q 10.0.2.2"
    echo "sleep 1"
    echo "cat /tmp/client.json"
  } >"$script"
  out=$("$bin" run "$script")
  json=$(sed -n '/^{/,/^}/p' <<<"$out")
  rtt=$(sed -n 's|^rtt min/avg/max/mdev = \([0-9.]*\)/\([0-9.]*\)/.*|\1,\2|p' <<<"$out")
  [[ -n $json && -n $rtt ]] || { echo "load_curve: the simulator's run at $1/s failed:" >&2; echo "$out" >&2; return 1; }
  jq -r -f "$cal/iperf3_udp.jq" <<<"$json" | awk -v rtt="$rtt" '
    function r(x) { return sprintf("%.10g", int(x * 10 + 0.5) / 10) }
    { split(rtt, t, ","); print r($1) "," r($2) "," r($3) "," t[1] * 1000 "," t[2] * 1000 }'
}
{
  echo "# $(head -1 "$tmp/kernel/kernel.csv" | sed 's/^# //'); simulator: src/sim/default.costs"
  echo "offered_pps,kernel_rx_pps,sim_rx_pps,kernel_tx_pps,sim_tx_pps,kernel_lost_percent,sim_lost_percent,kernel_rtt_min_us,sim_rtt_min_us,kernel_rtt_avg_us,sim_rtt_avg_us"
  for r in $rates; do
    kern=$(awk -F, -v p="router@$r" -v s="$size" '!/^#/ && !h { for (i = 1; i <= NF; i++) c[$i] = i; h = 1; next }
      h && $1 == p && $2 == s { print $c["rx_pps_median"] "," $c["tx_pps_median"] "," $c["lost_percent_median"] "," $c["rtt_min_us_median"] "," $c["rtt_avg_us_median"] }' \
      "$tmp/kernel/kernel.csv")
    [[ -n $kern ]] || { echo "load_curve: no kernel row for router@$r" >&2; continue; }
    IFS=, read -r krx ktx kl kmin kavg <<<"$kern"
    IFS=, read -r srx stx sl smin savg <<<"$(sim "$r")"
    echo "$r,$krx,$srx,$ktx,$stx,$kl,$sl,$kmin,$smin,$kavg,$savg"
  done
} >"$here/load_curve.csv"
/usr/bin/python3 -c 'import matplotlib' 2>/dev/null ||
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-matplotlib >/dev/null
/usr/bin/python3 "$here/plot_load_curve.py" "$here/load_curve.csv" "$here/load_curve.png"
cat "$here/load_curve.csv"
