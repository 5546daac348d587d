#!/usr/bin/env bash
# results/chain.csv: bench_chain run R times (default 5; each run already alternates linuxnet and
# ns-3 at every chain length), the median wall time per row; prints the CSV to stdout.
# Usage: results/bench_chain_medians.sh [R] > results/chain.csv
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${LINUXNET_BUILD_DIR:-$here/../build}/results/bench_chain
runs=${1:-5}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for i in $(seq "$runs"); do "$bin" > "$tmp/$i.csv"; done
/usr/bin/python3 - "$tmp" <<'PY'
import csv, glob, statistics, sys
rows = {}
for f in sorted(glob.glob(sys.argv[1] + "/*.csv")):
    for r in csv.DictReader(open(f)):
        rows.setdefault((r["stack"], r["workload"], int(r["namespaces"])), []).append(r)
print("stack,workload,namespaces,packets_delivered,wall_s,packets_per_wall_s,hop_packets_per_wall_s,runs")
for (stack, wl, n), rs in rows.items():
    pk = {r["packets_delivered"] for r in rs}
    assert len(pk) == 1, (stack, wl, n, pk)  # the simulation is deterministic: the same packets each run
    p = int(rs[0]["packets_delivered"])
    wall = statistics.median(float(r["wall_s"]) for r in rs)
    print(f"{stack},{wl},{n},{p},{wall:.4f},{p / wall:.0f},{p * (n - 1) / wall:.0f},{len(rs)}")
PY
