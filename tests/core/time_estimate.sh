#!/usr/bin/env bash
# time_estimate.sh — the welcome screen's "大约需要 A 到 B 分钟" is true: every pack's
# exempt cases, walked through the kiosk's questions and timed with the reading model of
# app/core/walk.h (`precheck test` prints the minutes), take between A and B minutes.
set -u
precheck=$1 rules=$2 strings=$3
line=$(grep '^welcome.time:' "$strings") || { echo "FAIL: no welcome.time in $strings"; exit 1; }
read -r lo hi < <(echo "$line" | grep -oE '[0-9]+' | head -2 | tr '\n' ' ')
[ -n "${lo:-}" ] && [ -n "${hi:-}" ] || { echo "FAIL: welcome.time has no range: $line"; exit 1; }
out=$("$precheck" test --rules "$rules") || { echo "FAIL: precheck test failed"; exit 1; }
fail=0
while read -r pack a b; do
  echo "$pack: $a to $b minutes (welcome says $lo to $hi)"
  python3 -c "import sys; a,b,lo,hi=map(float,sys.argv[1:]); sys.exit(0 if lo<=a and b<=hi else 1)" "$a" "$b" "$lo" "$hi" \
    || { echo "FAIL: $pack takes $a to $b minutes, outside $lo to $hi"; fail=1; }
done < <(echo "$out" | sed -nE 's/^([a-z0-9-]+): .*minutes to an exempt result: ([0-9.]+) to ([0-9.]+)$/\1 \2 \3/p')
[ "$(echo "$out" | grep -c 'minutes to an exempt result')" -ge 1 ] || { echo "FAIL: no timings printed"; exit 1; }
exit $fail
