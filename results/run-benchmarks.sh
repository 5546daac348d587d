#!/usr/bin/env bash
# Refreshes the benchmark CSVs and plots in results/ (Release build in build/).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
"$here/../linuxnet" build
bin=${LINUXNET_BUILD_DIR:-$here/../build}/results
"$bin/bench_chain" > "$here/chain.csv"
"$bin/bench_netns_memory" > "$here/netns_memory.csv"
if ! /usr/bin/python3 -c 'import matplotlib' 2>/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-matplotlib >/dev/null
fi
/usr/bin/python3 "$here/plot_chain.py" "$here/chain.csv" "$here/chain.png"
