#!/usr/bin/env bash
# measure-kernel.sh: per-packet CPU cost and ping RTT of network paths on the REAL kernel, as
# reference numbers for fitting the simulator's per-function cost table.
#
# What it measures. Each path is a setup script paths/NAME.sh (plain ip/iptables/sysctl/bridge
# commands, the same file the simulator can run) that builds namespaces c (client, 10.0.1.1 or
# 10.0.2.1), s (server, always 10.0.2.2) and r (router) or br (bridge/macvlan host). On every path:
#   - UDP single-flow rate, payload 64 and 1472 bytes: in s `iperf3 -s -1`, in c
#     `iperf3 -c 10.0.2.2 -u -b 0 -l SIZE -t T -J` (unpaced: as fast as one sender can go).
#     rx_pps = receiver's packets/s = (end.sum.packets - end.sum.lost_packets) / end.sum.seconds,
#     tx_pps = end.sum_sent.packets / end.sum_sent.seconds, lost_percent = end.sum.lost_percent;
#     ns_per_packet = 1e9 / rx_pps (tx_ns_per_packet = 1e9 / tx_pps).
#   - RTT: `ping -c 200 -i 0.005 -q -s SIZE 10.0.2.2` in c after one warm-up ping: min and avg (us).
# Why a single-flow rate is CPU ns per packet: veth (and bridge, macvlan, forwarding between veths)
# never queues a packet for another CPU. The sender's sendmsg() runs udp_sendmsg -> ip_output ->
# dev_queue_xmit -> veth_xmit, which only puts the skb on this CPU's backlog (netif_rx) and raises
# NET_RX; the softirq then runs at local_bh_enable() before dev_queue_xmit returns, and carries the
# packet through the whole path (r's ip_forward + netfilter, the bridge, the next veth...) up to
# the enqueue on s's socket, all on the sender's CPU inside the sendmsg() call. An unpaced sender
# keeps that CPU 100% busy, so 1e9 / packets-per-second is the CPU time of one packet: syscall +
# whole path (+ iperf3's own per-packet user time, the same on every path, so it cancels in
# differences between paths). CAVEAT: the receiving iperf3 (recvmsg on the other CPU) may be the
# slower side: then lost_percent > 0 (drops at s's socket buffer, after the path has been paid
# for) and rx_pps is the receiver's rate rather than the path's; tx_pps is then the better
# measure of the sender-side path cost. Both are recorded; check lost_percent.
#
# Repetition: every (path, size) R times, INTERLEAVED (run 1 of every path, then run 2 ...), each
# run on a fresh setup of the path (setup, warm-up ping, per size: ping then iperf3, teardown,
# short settle so that the previous run's namespace cleanup does not overlap); medians reported.
# Client pinned to CPU 0 and server to CPU 1 (iperf3 -A) unless --no-pin or fewer than 2 CPUs.
#
# Load (--load R1,R2,...): each path instance NAME is measured as NAME@R for every offered rate R
# (datagrams/s; 0 = unlimited): iperf3 -u -b R*SIZE*8 for T s in the background, and meanwhile,
# from 0.5 s on, `taskset -c 0 ping -c (T-1)*100 -i 0.01 -q 10.0.2.2` on the client's CPU (CPU 0):
# the delivered rate and the RTTs under that load (results/load_curve.sh).
#
# router@5000000 in the default set is the router under iperf3 -b at 5M datagrams/s, more than a
# sender reaches: a paced sender's rate (one select() per write, where -b 0 makes one per ten),
# from which the fit takes the cost of iperf3's select().
#
# Rules paths: router-rules-src / router-rules-dport read their K rules from the iptables-restore
# file named by $RULES (generated here; `measure-kernel.sh --rules src|dport K` prints it); they
# are measured as paths router-rules-src-K / router-rules-dport-K for K in 1000 10000
# (K = 0 is `router`).
#
# Isolation: everything runs inside `unshare -m -p -f -n --mount-proc --propagation private` with
# a private tmpfs on /run/netns (so `ip netns` names never clash with anyone else's), a PID
# namespace (a leftover iperf3 -s dies with it) and a throwaway network namespace for the driver
# itself (a stray command without -n / netns exec cannot reach the host's network). iptables is
# iptables-legacy (x_tables) via a PATH shim; `ip netns add` is wrapped to switch IPv6 off in the
# new namespace at once (no DAD/RS traffic). The host's `ip netns list` and iptables-legacy-save
# are compared before/after.
#
# Usage: measure-kernel.sh [--quick] [--paths a,b] [--runs R] [--time T] [--no-pin] [--out DIR]
#        [--sizes S1,S2] [--load R1,R2,...]
#        measure-kernel.sh --rules src|dport K     (print the rules file for K rules)
#   --quick: T=1, R=2, K=1000 only (smoke test). Defaults: T=5, R=5, K=1000,10000.
#   --paths: names from paths/ (router-rules-src = all its K) or instances (router-rules-src-1000).
# Output (DIR defaults to this script's directory): DIR/kernel-raw.csv path,size,run,metric,value
#   and DIR/kernel.csv path,size,rx_pps_median,ns_per_packet_median,rtt_min_us_median,
#   rtt_avg_us_median,runs,tx_pps_median,tx_ns_per_packet_median,lost_percent_median
#   (first line `# machine: ...`; `# skipped PATH: reason` lines for paths that could not be set up).
# Runtime: about R * (number of paths) * (2 * (T + 1.1) + 0.8) s (per size: T of iperf3 + 1 s of
# ping; per setup: build, warm-up, teardown, 0.5 s settle): full mode (12 paths, T=5, R=5)
# ~13 min, --quick (10 paths, T=1, R=2) ~1.5 min.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
self="$here/$(basename "${BASH_SOURCE[0]}")"

gen_rules() {  # gen_rules src|dport K: an iptables-restore file with K non-matching FORWARD rules
  local kind=$1 k=$2
  if { [[ $kind == src ]] && ((k > 131072)); } || { [[ $kind == dport ]] && ((k > 55535)); }; then
    echo "measure-kernel: K=$k too large for $kind rules (src <= 131072, dport <= 55535)" >&2; return 1
  fi
  awk -v kind="$kind" -v k="$k" 'BEGIN {
    print "*filter"; print ":INPUT ACCEPT [0:0]"; print ":FORWARD ACCEPT [0:0]"; print ":OUTPUT ACCEPT [0:0]"
    for (i = 0; i < k; i++)
      if (kind == "src") printf "-A FORWARD -s 198.%d.%d.%d/32 -j DROP\n", 18 + int(i / 65536), int(i / 256) % 256, i % 256
      else printf "-A FORWARD -p udp --dport %d -j DROP\n", 10000 + i
    print "COMMIT" }'
}

T=5 R=5 KS="1000 10000" PIN=1 OUT=$here SEL="" INNER=0 LOAD="" 
ALL="veth router router@5000000 router-rules-src router-rules-dport bridge-nf0 bridge-nf1 conntrack masquerade macvlan"
SIZES="64 1472"
args=("$@")
while (($#)); do
  case $1 in
    --quick) T=1 R=2 KS=1000 ;;
    --paths) SEL=${2:?--paths needs a list}; shift ;;
    --runs) R=${2:?}; shift ;;
    --time) T=${2:?}; shift ;;
    --no-pin) PIN=0 ;;
    --sizes) SIZES=${2:?--sizes needs a list}; SIZES=${SIZES//,/ }; shift ;;
    --load) LOAD=${2:?--load needs a list of rates}; LOAD=${LOAD//,/ }; shift ;;
    --out) OUT=$(mkdir -p "${2:?}" && cd "$2" && pwd) || exit 2; shift ;;
    --rules)
      [[ ${2:-} == src || ${2:-} == dport ]] && [[ ${3:-} =~ ^[0-9]+$ ]] || { echo "usage: --rules src|dport K" >&2; exit 2; }
      gen_rules "$2" "$3"; exit 0 ;;
    --inner) INNER=1 ;;
    -h|--help) sed -n '2,/^set -uo/p' "$self" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "measure-kernel: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
[[ $R =~ ^[1-9][0-9]*$ && $T =~ ^[1-9][0-9]*$ ]] || { echo "measure-kernel: --runs and --time take positive integers" >&2; exit 2; }
for v in $SIZES $LOAD; do [[ $v =~ ^[0-9]+$ ]] || { echo "measure-kernel: --sizes and --load take lists of integers" >&2; exit 2; }; done

# path instances: NAME (script paths/NAME.sh) or NAME-K for the rules paths
instances=()
for p in $ALL; do
  if [[ $p == router-rules-* ]]; then for k in $KS; do instances+=("$p-$k"); done; else instances+=("$p"); fi
done
if [[ -n $SEL ]]; then
  sel=()
  IFS=, read -ra want <<<"$SEL"
  for w in "${want[@]}"; do
    hit=0
    for i in "${instances[@]}"; do [[ $i == "$w" || $i == "$w"-[0-9]* ]] && { sel+=("$i"); hit=1; }; done
    if ((!hit)) && [[ $w =~ ^(router-rules-(src|dport))-([0-9]+)$ ]]; then sel+=("$w"); hit=1; fi
    ((hit)) || { echo "measure-kernel: unknown path $w (have: ${instances[*]})" >&2; exit 2; }
  done
  instances=("${sel[@]}")
fi
if [[ -n $LOAD ]]; then
  loaded=()
  for i in "${instances[@]}"; do for r in $LOAD; do loaded+=("$i@$r"); done; done
  instances=("${loaded[@]}")
fi

# ---------------------------------------------------------------- outer: checks, install, unshare
if ((!INNER)); then
  [[ $(id -u) == 0 ]] || { echo "measure-kernel: needs root" >&2; exit 2; }
  need=()
  for t in iperf3:iperf3 jq:jq iptables-legacy:iptables ip:iproute2 ping:iputils-ping brctl:bridge-utils ss:iproute2 unshare:util-linux; do
    command -v "${t%%:*}" >/dev/null || need+=("${t#*:}")
  done
  if ((${#need[@]})); then
    echo "measure-kernel: installing ${need[*]}" >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q iperf3 jq iptables iproute2 iputils-ping bridge-utils >/dev/null 2>&1 ||
      { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -q iperf3 jq iptables iproute2 iputils-ping bridge-utils >/dev/null; } ||
      { echo "measure-kernel: could not install ${need[*]}" >&2; exit 2; }
  fi
  # br_netfilter: load it if it is a module (built in on some kernels; the bridge-nf paths record
  # a skip if net.bridge.* is still missing)
  [[ -d /proc/sys/net/bridge ]] || { command -v modprobe >/dev/null && modprobe br_netfilter 2>/dev/null; }
  # host state (iptables-legacy-save, unlike -S, never instantiates a table that is not there)
  host_state() { ip netns list 2>&1; iptables-legacy-save 2>&1 | sed -e '/^#/d' -e 's/\[[0-9]*:[0-9]*\]//'; }
  before=$(host_state)
  est=$(( R * ${#instances[@]} * (2 * (T * 10 + 11) + 8) / 10 ))
  echo "measure-kernel: ${#instances[@]} paths x ${SIZES// /,} B x $R runs, T=${T}s: ~${est}s" >&2
  t0=$SECONDS
  unshare -m -p -f -n --mount-proc --propagation private "$self" --inner "${args[@]}"
  rc=$?
  after=$(host_state)
  if [[ $before == "$after" ]]; then
    echo "measure-kernel: host netns list and iptables-legacy unchanged; took $((SECONDS - t0))s" >&2
  else
    echo "measure-kernel: WARNING: host state changed:" >&2; diff <(echo "$before") <(echo "$after") >&2; rc=1
  fi
  exit $rc
fi

# ---------------------------------------------------------------- inner: private mount/pid/net ns
mkdir -p /run/netns && mount -t tmpfs -o mode=755 lnx-calib-netns /run/netns || { echo "measure-kernel: cannot mount /run/netns" >&2; exit 2; }
work=$(mktemp -d /tmp/measure-kernel.XXXXXX)
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT TERM  # PID 1 of the namespace: without a handler these would be ignored
shim=$work/bin
mkdir -p "$shim"
# iptables* = legacy front ends, waiting for the xtables lock instead of failing
for t in iptables iptables-restore; do
  printf '#!/bin/sh\nexec %s -w "$@"\n' "$(command -v "${t/iptables/iptables-legacy}")" >"$shim/$t"
done
ln -s "$(command -v iptables-legacy-save)" "$shim/iptables-save"
realip=$(command -v ip)
cat >"$shim/ip" <<EOF
#!/bin/sh
$realip "\$@" || exit \$?
if [ "\${1:-}" = netns ] && [ "\${2:-}" = add ] && [ -n "\${3:-}" ]; then
  $realip netns exec "\$3" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
fi
EOF
chmod +x "$shim"/*
export PATH="$shim:$PATH"
for i in "${instances[@]}"; do  # the rules files (a missing one makes that path's setup fail: skip)
  if [[ $i =~ ^router-rules-(src|dport)-([0-9]+)$ ]]; then
    f=$work/${BASH_REMATCH[1]}-${BASH_REMATCH[2]}.rules
    gen_rules "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" >"$f" 2>/dev/null || rm -f "$f"
  fi
done

cpu=$(sed -n 's/^model name[[:space:]]*: *//p' /proc/cpuinfo | head -1)
header="# machine: $(uname -r) $(nproc) cpus, ${cpu:-unknown cpu}, $(date -u '+%Y-%m-%dT%H:%M:%SZ'); T=${T}s R=$R pin=$PIN iperf3 $(iperf3 --version | head -1 | awk '{print $2}')"
raw=$work/raw.csv
skips=$work/skips
: >"$skips"
if ((PIN)) && (($(nproc) >= 2)); then CPIN=(-A 0) SPIN=(-A 1); else CPIN=() SPIN=(); fi

teardown() {
  local n pid
  for n in $(ls /run/netns); do
    for pid in $(ip netns pids "$n" 2>/dev/null); do kill "$pid" 2>/dev/null; done  # only ours: private /proc
    ip netns del "$n" 2>/dev/null
  done
}
setup() {  # setup INSTANCE: runs paths/NAME.sh, stderr to $work/setup.err
  local inst=${1%@*} name=${1%@*} kind k
  if [[ $inst =~ ^router-rules-(src|dport)-([0-9]+)$ ]]; then
    kind=${BASH_REMATCH[1]} k=${BASH_REMATCH[2]} name=router-rules-$kind
    K=$k RULES=$work/$kind-$k.rules bash -e "$here/paths/$name.sh" 2>"$work/setup.err" >/dev/null
  else
    bash -e "$here/paths/$name.sh" 2>"$work/setup.err" >/dev/null
  fi
}
ms_to_us() { awk -v v="$1" 'BEGIN { printf "%.1f", v * 1000 }'; }
measure_ping() {  # measure_ping INST SIZE RUN
  local out line
  out=$(ip netns exec c ping -c 200 -i 0.005 -q -s "$2" 10.0.2.2 2>&1)
  line=$(sed -n 's|^rtt min/avg/max/mdev = \([0-9.]*\)/\([0-9.]*\)/.*|\1 \2|p' <<<"$out")
  if [[ -z $line ]]; then echo "  ping failed: $(tail -1 <<<"$out")" >&2; return 1; fi
  set -- "$1" "$2" "$3" $line
  echo "$1,$2,$3,rtt_min_us,$(ms_to_us "$4")" >>"$raw"
  echo "$1,$2,$3,rtt_avg_us,$(ms_to_us "$5")" >>"$raw"
  PING_SHOW="rtt $(ms_to_us "$4")/$(ms_to_us "$5")us"
}
server_start() {  # server_start SPIN...: iperf3 -s -1 in s, pinned; waits for its listener; SPID
  ip netns exec s iperf3 -s -1 "$@" >"$work/server.log" 2>&1 &
  SPID=$!
  local i
  for ((i = 0; i < 100; i++)); do
    [[ -n $(ip netns exec s ss -Hltn 'sport = :5201' 2>/dev/null) ]] && break
    sleep 0.05
  done
}
server_end() {  # lets the one-off server finish its test, or ends it
  local i
  for ((i = 0; i < 50; i++)); do kill -0 "$SPID" 2>/dev/null || break; sleep 0.1; done
  kill "$SPID" 2>/dev/null; wait "$SPID" 2>/dev/null
}
udp_vals() {  # udp_vals JSON: "rx_pps tx_pps lost_percent" from iperf3 -J, empty if it failed
  jq -r -f "$here/iperf3_udp.jq" <<<"$1" 2>/dev/null
}
record_udp() {  # record_udp INST SIZE RUN RX TX LOST: the three raw rows
  printf '%s,%s,%s,rx_pps,%.0f\n%s,%s,%s,tx_pps,%.0f\n%s,%s,%s,lost_percent,%.3f\n' \
    "$1" "$2" "$3" "$4" "$1" "$2" "$3" "$5" "$1" "$2" "$3" "$6" >>"$raw"
}
measure_udp() {  # measure_udp INST SIZE RUN
  local json vals spin=("${SPIN[@]}")
  [[ $1 == *-samecpu && ${#SPIN[@]} -gt 0 ]] && spin=(-A 0)  # the server on the client's CPU
  server_start "${spin[@]}"
  json=$(timeout $((T + 15)) ip netns exec c iperf3 -c 10.0.2.2 -u -b 0 -l "$2" -t "$T" -J "${CPIN[@]}" 2>"$work/client.err")  # stderr apart: 1472 prints a warning
  server_end
  vals=$(udp_vals "$json")
  if [[ -z $vals ]]; then
    echo "  iperf3 failed: $(jq -r '.error // empty' <<<"$json" 2>/dev/null) $(tail -1 "$work/client.err")" >&2
    return 1
  fi
  set -- "$1" "$2" "$3" $vals
  record_udp "$@"
  UDP_SHOW=$(awk -v rx="$4" -v tx="$5" -v l="$6" 'BEGIN { printf "rx %.0fk tx %.0fk pps lost %.0f%% %.0f ns/pkt", rx/1e3, tx/1e3, l, 1e9/rx }')
}

measure_load() {  # measure_load INST@RATE SIZE RUN: iperf3 at RATE datagrams/s, ping meanwhile
  local rate=${1##*@} cpid json vals line
  server_start "${SPIN[@]}"
  # the order results/load_curve.sh gives the simulator: the client in the background, ping from
  # 0.5 s on, then the client's end
  timeout $((T + 15)) ip netns exec c iperf3 -c 10.0.2.2 -u -b $((rate * $2 * 8)) -l "$2" -t "$T" -J "${CPIN[@]}" \
    >"$work/client.json" 2>"$work/client.err" &
  cpid=$!
  sleep 0.5
  ip netns exec c taskset -c 0 ping -c $((T > 1 ? (T - 1) * 100 : 50)) -i 0.01 -q 10.0.2.2 >"$work/ping.log" 2>&1
  wait "$cpid"
  json=$(cat "$work/client.json")
  server_end
  vals=$(udp_vals "$json")
  line=$(sed -n 's|^rtt min/avg/max/mdev = \([0-9.]*\)/\([0-9.]*\)/.*|\1 \2|p' "$work/ping.log")
  if [[ -z $vals || -z $line ]]; then
    echo "  load run failed: $(jq -r '.error // empty' <<<"$json" 2>/dev/null) $(tail -1 "$work/client.err") $(tail -1 "$work/ping.log")" >&2
    return 1
  fi
  set -- "$1" "$2" "$3" $vals $line
  record_udp "$@"
  echo "$1,$2,$3,rtt_min_us,$(ms_to_us "$7")" >>"$raw"
  echo "$1,$2,$3,rtt_avg_us,$(ms_to_us "$8")" >>"$raw"
  UDP_SHOW=$(awk -v rx="$4" -v tx="$5" -v l="$6" 'BEGIN { printf "rx %.0fk tx %.0fk pps lost %.1f%%", rx/1e3, tx/1e3, l }')
  PING_SHOW="rtt under load $(ms_to_us "$7")/$(ms_to_us "$8")us"
}

declare -A skipped
teardown
# br_netfilter present? (its per-namespace sysctls appear in every namespace once it is loaded)
ip netns add probe && ip netns exec probe test -e /proc/sys/net/bridge/bridge-nf-call-iptables && BRNF=1 || BRNF=0
ip netns del probe 2>/dev/null
for ((run = 1; run <= R; run++)); do
  for inst in "${instances[@]}"; do
    [[ -n ${skipped[$inst]:-} ]] && continue
    if [[ $inst == bridge-nf* ]] && ((!BRNF)); then
      skipped[$inst]="br_netfilter not available: no net.bridge.bridge-nf-call-iptables in a new namespace (modprobe br_netfilter failed or no such module)"
    fi
    if [[ -z ${skipped[$inst]:-} ]] && ! setup "$inst"; then
      skipped[$inst]="setup failed: $(grep -v '^\s*$' "$work/setup.err" | tail -1)"
    fi
    if [[ -z ${skipped[$inst]:-} ]] && ! ip netns exec c ping -c 1 -W 2 -q 10.0.2.2 >/dev/null 2>&1; then
      skipped[$inst]="no connectivity: warm-up ping to 10.0.2.2 failed"
    fi
    if [[ -n ${skipped[$inst]:-} ]]; then
      echo "[$run/$R] $inst: SKIP: ${skipped[$inst]}" >&2
      echo "# skipped $inst: ${skipped[$inst]}" >>"$skips"
      teardown; continue
    fi
    for size in $SIZES; do
      PING_SHOW="rtt -" UDP_SHOW="udp -"
      if [[ $inst == *@* ]]; then
        measure_load "$inst" "$size" "$run"
      else
        measure_ping "$inst" "$size" "$run"
        measure_udp "$inst" "$size" "$run"
      fi
      echo "[$run/$R] $inst $size: $UDP_SHOW, $PING_SHOW" >&2
    done
    teardown
    sleep 0.5  # let the netns cleanup work (async in the kernel) finish before the next setup
  done
done

# ---------------------------------------------------------------- outputs
{ echo "$header"; cat "$skips"; echo "path,size,run,metric,value"; cat "$raw"; } >"$OUT/kernel-raw.csv"
{
  echo "$header"; cat "$skips"
  echo "path,size,rx_pps_median,ns_per_packet_median,rtt_min_us_median,rtt_avg_us_median,runs,tx_pps_median,tx_ns_per_packet_median,lost_percent_median,clean_tx_ns_per_packet_median,clean_runs"
  awk -F, -v order="${instances[*]}" -v sizes="$SIZES" '
    function median(key,   n, i, j, t, a) {
      n = split(vals[key], a, " ")
      if (n == 0 || vals[key] == "") return ""
      for (i = 2; i <= n; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
      return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    function fmt(v, f) { return v == "" ? "NA" : sprintf(f, v) }
    { k = $1 SUBSEP $2; vals[k SUBSEP $4] = vals[k SUBSEP $4] (vals[k SUBSEP $4] == "" ? "" : " ") $5
      if ($4 == "rx_pps" && $5 > 0) { vals[k SUBSEP "ns"] = vals[k SUBSEP "ns"] (vals[k SUBSEP "ns"] == "" ? "" : " ") 1e9 / $5; nrun[k]++ }
      if ($4 == "tx_pps" && $5 > 0) vals[k SUBSEP "txns"] = vals[k SUBSEP "txns"] (vals[k SUBSEP "txns"] == "" ? "" : " ") 1e9 / $5
      if ($4 == "tx_pps" && $5 > 0) txrun[k SUBSEP $3] = 1e9 / $5
      if ($4 == "lost_percent") lostrun[k SUBSEP $3] = $5
      seen[k] = 1 }
    END {
      # the runs in which the receiver kept up (under 1 % lost): only there is the sender'"'"'s rate
      # the path'"'"'s cost on its CPU (a receiver that falls behind slows the sender down too)
      for (kr in txrun) if ((kr in lostrun) && lostrun[kr] + 0 < 1) {
        split(kr, q, SUBSEP); kk = q[1] SUBSEP q[2]
        vals[kk SUBSEP "clean"] = vals[kk SUBSEP "clean"] (vals[kk SUBSEP "clean"] == "" ? "" : " ") txrun[kr]; nclean[kk]++
      }
      np = split(order, P, " "); ns = split(sizes, S, " ")
      for (i = 1; i <= np; i++) for (j = 1; j <= ns; j++) {
        k = P[i] SUBSEP S[j]; if (!(k in seen)) continue
        printf "%s,%s,%s,%s,%s,%s,%d,%s,%s,%s,%s,%d\n", P[i], S[j],
          fmt(median(k SUBSEP "rx_pps"), "%.0f"), fmt(median(k SUBSEP "ns"), "%.1f"),
          fmt(median(k SUBSEP "rtt_min_us"), "%.1f"), fmt(median(k SUBSEP "rtt_avg_us"), "%.1f"), nrun[k],
          fmt(median(k SUBSEP "tx_pps"), "%.0f"), fmt(median(k SUBSEP "txns"), "%.1f"), fmt(median(k SUBSEP "lost_percent"), "%.2f"),
          fmt(median(k SUBSEP "clean"), "%.1f"), nclean[k]
      } }' "$raw"
} >"$OUT/kernel.csv"
echo "measure-kernel: wrote $OUT/kernel.csv and $OUT/kernel-raw.csv" >&2
teardown
