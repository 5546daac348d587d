#!/usr/bin/env bash
# Refreshes the benchmark CSVs and plots in results/ (Release build in build/).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
"$here/../linuxnet" build
bin=${LINUXNET_BUILD_DIR:-$here/../build}/results
"$here/bench_chain_medians.sh" > "$here/chain.csv"
"$bin/bench_netns_memory" > "$here/netns_memory.csv"
"$bin/bench_nat" > "$here/nat.csv"
"$bin/bench_bridge" > "$here/bridge.csv"
if ! /usr/bin/python3 -c 'import matplotlib' 2>/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-matplotlib >/dev/null
fi
/usr/bin/python3 "$here/plot_chain.py" "$here/chain.csv" "$here/chain.png"
/usr/bin/python3 "$here/plot_nat.py" "$here/nat.csv" "$here/nat.png"
/usr/bin/python3 "$here/plot_bridge.py" "$here/bridge.csv" "$here/bridge.png"
# iptables: cost per packet through 10 .. 10,000 filter rules, simulator and (as root) real kernel
"$bin/bench_rules" > "$here/rules.csv"
if [[ $(id -u) == 0 ]] && command -v iptables-legacy-restore >/dev/null; then
  "$here/bench_rules_kernel.sh" > "$here/rules_kernel.csv"
fi
/usr/bin/python3 "$here/plot_rules.py" "$here/rules.csv" "$here/rules_kernel.csv" "$here/rules.png"
# setup scaling: wall time per ip command from 1k to 100k namespaces (script and ip -batch)
/usr/bin/python3 "$here/bench_setup.py"
