#!/usr/bin/env bash
# inline-rules.sh KIND K: paths/router-rules-KIND.sh with its `iptables-restore < "$RULES"` fed
# the K generated rules (measure-kernel.sh --rules KIND K) as a here-document, so that the
# simulator's runner, which reads no outside files, runs the same path. Prints the script.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
kind=${1:?usage: inline-rules.sh src|dport K}
k=${2:?usage: inline-rules.sh src|dport K}
rules=$(mktemp)
trap 'rm -f "$rules"' EXIT
"$here/measure-kernel.sh" --rules "$kind" "$k" > "$rules"
awk -v rules="$rules" '/iptables-restore < "\$RULES"/ {
    sub(/< "\$RULES"/, "<<'"'"'EOF'"'"'"); print; while ((getline l < rules) > 0) print l; print "EOF"; next } { print }' \
  "$here/paths/router-rules-$kind.sh"
