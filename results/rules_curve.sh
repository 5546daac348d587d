#!/usr/bin/env bash
# results/rules_curve.csv + .png: CPU ns per packet and minimum ping RTT through a router as its
# FORWARD chain grows to 0, 100, 1k, 3k and 10k rules that every packet crosses (`-s` header-only
# rules and `-p udp --dport` rules), on this machine's kernel (results/calibration/measure-kernel.sh:
# iperf3 single-flow UDP at 64 and 1472 bytes, ping; medians of R interleaved runs) beside the
# simulator with the compiled-in cost table (`linuxnet measure`: the same path scripts, the rules
# inlined by results/calibration/inline-rules.sh). Root. Usage: results/rules_curve.sh [R] [T]
# (defaults 5 runs of 3 s; about 7 minutes).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$here/..
cal=$here/calibration
runs=${1:-5} secs=${2:-3}
"$root/linuxnet" build
bin=${LINUXNET_BUILD_DIR:-$root/build}/linuxnet
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ks="100 1000 3000 10000"
paths=router
for kind in src dport; do for k in $ks; do paths+=",router-rules-$kind-$k"; done; done
"$cal/measure-kernel.sh" --paths "$paths" --runs "$runs" --time "$secs" --out "$tmp/kernel" >&2
sim() {  # script size -> ns_per_packet,rtt_min_us
  "$bin" measure "$1" "$2" "$root/src/sim/default.costs"
}
{
  echo "# $(head -1 "$tmp/kernel/kernel.csv" | sed 's/^# //'); simulator: src/sim/default.costs"
  echo "kind,rules,size,kernel_ns_per_packet,sim_ns_per_packet,error_percent,kernel_rtt_min_us,sim_rtt_min_us"
  for kind in src dport; do
    for k in 0 $ks; do
      if ((k == 0)); then name=router; script=$cal/paths/router.sh
      else name=router-rules-$kind-$k; script=$tmp/$name.sh; "$cal/inline-rules.sh" "$kind" "$k" > "$script"; fi
      for size in 64 1472; do
        # the kernel's per-packet figure as the fit takes it (sender side over runs without loss)
        kern=$(awk -F, -v p="$name" -v s="$size" 'NR == 2 { for (i = 1; i <= NF; i++) c[$i] = i }
          NR > 2 && $1 == p && $2 == s { ns = $c["clean_tx_ns_per_packet_median"]; if ((ns == "" || ns == "NA") && $c["lost_percent_median"] + 0 < 5) ns = $c["tx_ns_per_packet_median"];
            print ns "," $c["rtt_min_us_median"] }' "$tmp/kernel/kernel.csv" | grep -v '^#')
        [[ -n $kern ]] || { echo "rules_curve: no kernel row for $name $size" >&2; continue; }
        IFS=, read -r kns krtt <<<"$kern"
        IFS=, read -r sns srtt <<<"$(sim "$script" "$size")"
        err=$(awk -v a="$kns" -v b="$sns" 'BEGIN { printf "%.1f", 100 * (b - a) / a }')
        echo "$kind,$k,$size,$kns,$sns,$err,$krtt,$srtt"
      done
    done
  done
} > "$here/rules_curve.csv"
/usr/bin/python3 "$here/plot_rules_curve.py" "$here/rules_curve.csv" "$here/rules_curve.png"
cat "$here/rules_curve.csv"
