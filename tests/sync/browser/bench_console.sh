#!/usr/bin/env bash
# bench_console.sh — the operator console's overview with 1,000,000 pre-checks in
# Debian's chromium (ctest labels bench and browser; issue 11's figure): fills a
# receiver's SQLite database in bulk (console_bulk: 50 kiosks, 120 days, their
# statuses), starts the real `receiver serve` with the console on loopback and runs
# bench_console.mjs, which signs an operator in through the page and times the
# overview drawn: the first load after the fill (it builds the rollups: the one-off
# upgrade cost), a reload after a day's 10,000 new rows, plain reloads (p50).
# Prints one figure a line and asserts no time. Screenshot console-1m.png in
# $PC_CONSOLE_SHOTS (default: console-shots/). Exit 77 (skipped) when chromium or
# playwright-core is missing (scripts/setup.sh installs both).
# usage: bench_console.sh RECEIVER CONSOLE_BULK SOURCE_DIR [N]
set -euo pipefail
recv=$1 bulk=$2 src=$(cd "$3" && pwd) n=${4:-1000000}
here=$(cd "$(dirname "$0")" && pwd)
chromium=${PC_CHROMIUM:-/usr/bin/chromium}
modules=$src/tests/desk/browser/node_modules
if [ ! -x "$chromium" ]; then echo "SKIP: $chromium missing (scripts/setup.sh installs it)"; exit 77; fi
if [ ! -d "$modules/playwright-core" ]; then
  echo "SKIP: playwright-core missing: npm ci --prefix $src/tests/desk/browser"; exit 77
fi
start=$SECONDS
dir=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$recv" keygen --id department --secret "$dir/dept.key" --public "$dir/dept.keyring" >/dev/null ||
  fail "department keygen"
for h in $(seq 0 9); do for k in $(seq 0 4); do    # the 50 kiosks console_fill.c uses
  "$recv" keygen --id "hall$h-k0$k" --secret "$dir/k$h$k.key" --public "$dir/kiosks.keyring" \
    >/dev/null || fail "kiosk keygen"
done; done
# a configuration of its own: never a machine's /etc/precheck/receiver.yaml
printf 'silent_hours: 24\n' > "$dir/receiver.yaml"
cfg=(--config "$dir/receiver.yaml")
"$recv" init "${cfg[@]}" --db "$dir/receiver.db" >/dev/null || fail "receiver init"
secs=$("$bulk" fill "$dir/receiver.db" "$src/rules" 0 "$n" 7200) || fail "fill"
echo "console_browser_rows $n"
echo "console_browser_fill_seconds $secs (one transaction, not timed in the page)"
echo 'correct horse battery' | "$recv" operator-add "${cfg[@]}" --db "$dir/receiver.db" wang >/dev/null ||
  fail "operator-add"

"$recv" serve "${cfg[@]}" --db "$dir/receiver.db" --kiosks "$dir/kiosks.keyring" --key "$dir/dept.key" \
  --port 0 --port-file "$dir/port" --rules "$src/rules" --console "$src/assets/console" \
  2>"$dir/receiver.log" &
pid=$!
for _ in $(seq 600); do [ -s "$dir/port" ] && break; sleep 0.05; done
[ -s "$dir/port" ] || { cat "$dir/receiver.log"; fail "receiver did not start"; }

export CONSOLE_URL="http://127.0.0.1:$(cat "$dir/port")/console/" CONSOLE_TMP=$dir
export CONSOLE_CHROMIUM=$chromium CONSOLE_SHOTS=${PC_CONSOLE_SHOTS:-$PWD/console-shots}
export CONSOLE_MODULES=$modules CONSOLE_ROWS=$n
export CONSOLE_MORE="$bulk more $dir/receiver.db $src/rules $n $((n / 100)) 3600"
mkdir -p "$CONSOLE_SHOTS"
rc=0
node "$here/bench_console.mjs" || rc=$?
[ $rc -eq 0 ] || { tail -20 "$dir/receiver.log"; exit $rc; }
echo "console_browser_bench_seconds $((SECONDS - start)) (the whole bench, fill included)"
