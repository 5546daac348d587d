#!/usr/bin/env bash
# What the per-function cost/trace hook (KFunc, tracing off) costs: bench_chain built with the
# hook and without it (-DLINUXNET_KFUNC_HOOK=OFF, build-nohook/), linuxnet's rows only with 5x the
# packets and a zero cost table (the same work on both sides), run interleaved A B A B seven times; prints, per workload and chain length, the median
# wall time of each and the hook's share. Run it on a quiet machine: `results/bench_hook.sh >
# results/hook_overhead.csv`.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$here/..
"$root/linuxnet" build
with=${LINUXNET_BUILD_DIR:-$root/build}/results/bench_chain
LINUXNET_BUILD_DIR=$root/build-nohook "$root/linuxnet" build -DLINUXNET_KFUNC_HOOK=OFF
without=$root/build-nohook/results/bench_chain
grep -q '^LINUXNET_KFUNC_HOOK:BOOL=OFF$' "$root/build-nohook/CMakeCache.txt" ||
  { echo "bench_hook: build-nohook is not configured without the hook" >&2; exit 1; }
tmp=$(mktemp -d)
for i in 1 2 3 4 5 6 7; do
  # the same work on both sides: a zero cost table (the timing model's own cost is the chain
  # benchmark's business), so only the hook differs
  "$with" --linuxnet-only --no-costs --scale 5 > "$tmp/with.$i"
  "$without" --linuxnet-only --no-costs --scale 5 > "$tmp/without.$i"
done
/usr/bin/python3 - "$tmp" <<'PY'
import csv, glob, statistics, sys
d = sys.argv[1]
def load(kind):
    runs = {}
    for f in glob.glob(f"{d}/{kind}.*"):
        for r in csv.DictReader(open(f)):
            if r["stack"] == "linuxnet":
                runs.setdefault((r["workload"], int(r["namespaces"])), []).append(float(r["wall_s"]))
                pkts.setdefault(kind, {})[(r["workload"], int(r["namespaces"]))] = r["packets_delivered"]
    return runs
pkts = {}
w, wo = load("with"), load("without")
for k in w:  # the same work on both sides, or the comparison means nothing
    assert pkts["with"][k] == pkts["without"][k], (k, pkts["with"][k], pkts["without"][k])
print("workload,namespaces,median_wall_s_with_hook,median_wall_s_without,hook_share_percent,runs")
for k in sorted(w):
    a, b = statistics.median(w[k]), statistics.median(wo[k])
    print(f"{k[0]},{k[1]},{a:.4f},{b:.4f},{100 * (a - b) / a:.1f},{len(w[k])}")
PY
rm -rf "$tmp"
