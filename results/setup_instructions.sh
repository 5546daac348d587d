#!/usr/bin/env bash
# Instructions per `ip` command as a setup grows (valgrind's callgrind count, no cache model): the
# control for results/setup_scaling.csv. If instructions per command stay flat while wall time per
# command grows, the growth is memory stalls (a working set outgrowing the caches), not more work.
# Each count covers the command and the teardown of what it made at exit (a deleted namespace
# is torn down the same way). Prints CSV: phase,n,instructions_per_cmd. Usage: results/setup_instructions.sh [N ...] (default 1000 10000 100000)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${LINUXNET_BUILD_DIR:-$here/../build}/linuxnet
command -v valgrind >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -q valgrind >/dev/null
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
count() {  # instructions the whole run of script $1 executes
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" run "$1" 2>&1 >/dev/null |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
echo "phase,n,instructions_per_cmd"
for n in "${@:-1000 10000 100000}"; do
  for i in $(seq 0 $((n - 1))); do echo "netns add ns$i"; done > "$tmp/ns"
  for i in $(seq 0 $((n - 1))); do echo "link add v$i type veth peer name p$i netns ns$i"; done > "$tmp/veth"
  printf 'ip -batch - <<X\nnetns add hub\n%s\nX\n' "$(cat "$tmp/ns")" > "$tmp/a.sh"  # namespaces only
  { cat "$tmp/a.sh"; printf 'ip -n hub -batch - <<X\n%s\nX\n' "$(cat "$tmp/veth")"; } > "$tmp/b.sh"  # + veths
  printf 'true\n' > "$tmp/0.sh"
  i0=$(count "$tmp/0.sh"); ia=$(count "$tmp/a.sh"); ib=$(count "$tmp/b.sh")
  echo "netns_add_and_teardown,$n,$(( (ia - i0) / n ))"
  echo "veth_add_and_teardown,$n,$(( (ib - ia) / n ))"
done
