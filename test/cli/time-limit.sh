#!/usr/bin/env bash
# `linuxnet run --time-limit S`: the ping is cut at 2.5 s (3 of 5 sent), the next command still
# runs, the run exits 3 with the message on stderr; a bad limit is a usage error (2)
set -u
bin=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'ip netns add a\nip -n a link set lo up\nip netns exec a ping -q -c 5 127.0.0.1\necho after\n' > "$tmp/s.sh"
"$bin" run --time-limit 2.5 "$tmp/s.sh" > "$tmp/out" 2> "$tmp/err"
rc=$?
[[ $rc == 3 ]] || { echo "exit $rc, not 3"; exit 1; }
grep -q '^3 packets transmitted, 3 received' "$tmp/out" || { cat "$tmp/out"; exit 1; }
grep -q '^after$' "$tmp/out" || { cat "$tmp/out"; exit 1; }
grep -q '^linuxnet: the virtual time limit (2.5 s) was reached' "$tmp/err" || { cat "$tmp/err"; exit 1; }
for bad in 0 -1 nan inf 1e300 x; do
  "$bin" run --time-limit "$bad" "$tmp/s.sh" > /dev/null 2>&1
  rc=$?
  [[ $rc == 2 ]] || { echo "--time-limit $bad: exit $rc, not 2"; exit 1; }
done
"$bin" run "$tmp/s.sh" > "$tmp/out" 2>&1 || { echo "without a limit: exit $?"; exit 1; }
grep -q '^5 packets transmitted, 5 received' "$tmp/out" || { cat "$tmp/out"; exit 1; }
