#!/usr/bin/env bash
# run.sh — the staff desk in a real browser: makes kiosk keys and a keyring with
# `precheck keygen`, two clerks with `desk clerk-add`, receipts as a kiosk issues them
# (desk_mkreceipt), starts `desk serve` on a free port, and runs the playwright-core
# script (desk.test.mjs, or bench.mjs) against Debian's chromium. Screenshots and the
# printed PDFs go to $PC_DESK_SHOTS (default: desk-shots/ in the working directory).
# Exit 77 (skipped) when chromium or the npm driver is missing: scripts/setup.sh
# installs both.
# usage: run.sh test|bench DESK PRECHECK DESK_MKRECEIPT SOURCE_DIR
set -euo pipefail
mode=$1 desk=$2 precheck=$3 mk=$4 src=$5
here=$(cd "$(dirname "$0")" && pwd)
chromium=${PC_CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then echo "SKIP: $chromium missing (scripts/setup.sh installs it)"; exit 77; fi
if [ ! -d "$here/node_modules/playwright-core" ]; then
  echo "SKIP: playwright-core missing: npm ci --prefix $here (scripts/setup.sh does)"; exit 77
fi
dir=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$dir"; }
trap cleanup EXIT

"$precheck" keygen kiosk --id hall-1-k1 --secret "$dir/k1.key" --keyring "$dir/kiosks.keyring" >/dev/null
"$precheck" keygen kiosk --id hall-1-k2 --secret "$dir/k2.key" --keyring "$dir/kiosks.keyring" >/dev/null
# the desk's configuration file: the name staff call the second kiosk by
printf 'kiosks:\n  hall-1-k2: 2 号自助机\n' > "$dir/desk.yaml"
echo 483172 | "$desk" clerk-add --db "$dir/desk.db" 0001 >/dev/null
echo 572914 | "$desk" clerk-add --db "$dir/desk.db" 0002 >/dev/null
# Two answers 不确定 (asked first), a notification three days ago (the deadline runs),
# the high-risk situation: the pre-check says "ask in person", five materials.
notified=$(date -d '-3 days' +%F)
answers='{"scope":1,"direction":"yes","cause":0,"major_loss":"no","decision":"unsure",
 "private_gain":"no","kind":0,"situations":[1],"s2_records":"unsure","notified":"'$notified'"}'
receipt=$("$mk" "$dir/k1.key" "$src/rules/guangxi-sti.yaml" "$answers")

hall="越秀区政务服务中心"
"$desk" serve --config "$dir/desk.yaml" --db "$dir/desk.db" --keyring "$dir/kiosks.keyring" --rules "$src/rules" \
  --listen 127.0.0.1:0 --port-file "$dir/port" --hall "$hall" 2>"$dir/desk.log" &
pid=$!
for _ in $(seq 600); do [ -s "$dir/port" ] && break; sleep 0.05; done
[ -s "$dir/port" ] || { cat "$dir/desk.log"; echo "FAIL: desk did not start"; exit 1; }

export DESK_URL="http://127.0.0.1:$(cat "$dir/port")/" DESK_RECEIPT="$receipt" DESK_HALL="$hall"
export DESK_CHROMIUM="$chromium" DESK_TMP="$dir" DESK_SHOTS="${PC_DESK_SHOTS:-$PWD/desk-shots}"
# a kiosk's signed help request is made by desk_helpcall (built beside desk_mkreceipt)
export DESK_HELPCALL="$(dirname "$mk")/desk_helpcall" DESK_KIOSK_KEY="$dir/k2.key"
mkdir -p "$DESK_SHOTS"
status=0
node "${PC_DESK_SCRIPT:-$here/$([ "$mode" = bench ] && echo bench.mjs || echo desk.test.mjs)}" || status=$?
# The desk must stop cleanly on SIGTERM (under the sanitizers: no leak, no error).
kill "$pid"
desk_status=0
wait "$pid" || desk_status=$?
pid=
[ "$desk_status" = 0 ] || { echo "FAIL: desk exited with $desk_status"; status=1; }
[ "$status" = 0 ] || { echo "--- desk log"; tail -40 "$dir/desk.log"; }
exit "$status"
