#!/usr/bin/env bash
# run.sh — the operator console in a real browser (ctest label `browser`): starts
# console_site (a receiver seeded through the real sync with four kiosks, ten days of
# pre-checks and their statuses, one operator) on a free port and runs console.test.mjs
# against Debian's chromium with playwright-core (reused from tests/desk/browser's
# node_modules: this test adds no npm packages of its own). Screenshots go to
# $PC_CONSOLE_SHOTS (default: console-shots/ in the working directory).
# Exit 77 (skipped) when chromium or playwright-core is missing (scripts/setup.sh
# installs both).
# usage: run.sh CONSOLE_SITE SOURCE_DIR
set -euo pipefail
site=$1 src=$2
here=$(cd "$(dirname "$0")" && pwd)
chromium=${PC_CHROMIUM:-/usr/bin/chromium}
modules=$src/tests/desk/browser/node_modules
if [ ! -x "$chromium" ]; then echo "SKIP: $chromium missing (scripts/setup.sh installs it)"; exit 77; fi
if [ ! -d "$modules/playwright-core" ]; then
  echo "SKIP: playwright-core missing: npm ci --prefix $src/tests/desk/browser"; exit 77
fi
dir=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT

mkfifo "$dir/stdin"
"$site" "$src/rules" "$src/assets/console" "$dir/port" wang 'correct horse battery' \
  <"$dir/stdin" 2>"$dir/site.log" &
pid=$!
exec 3>"$dir/stdin"        # the site serves until this closes
for _ in $(seq 600); do [ -s "$dir/port" ] && break; sleep 0.05; done
[ -s "$dir/port" ] || { cat "$dir/site.log"; echo "FAIL: console_site did not start"; exit 1; }

export CONSOLE_URL="http://127.0.0.1:$(cat "$dir/port")/console/" CONSOLE_TMP=$dir
export CONSOLE_CHROMIUM=$chromium CONSOLE_SHOTS=${PC_CONSOLE_SHOTS:-$PWD/console-shots}
export CONSOLE_MODULES=$modules
mkdir -p "$CONSOLE_SHOTS"
rc=0
node "$here/console.test.mjs" || rc=$?
exec 3>&-
[ $rc -eq 0 ] || { tail -20 "$dir/site.log"; exit $rc; }
