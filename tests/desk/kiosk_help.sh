#!/usr/bin/env bash
# kiosk_help.sh — 请工作人员帮助 from a real kiosk to a real staff desk on loopback
# (issue 9): the kiosk (SDL dummy driver, scripted touches) posts its signed request with
# libcurl from a thread of its own; the desk lists it for a signed-in clerk with the
# kiosk's name and where the applicant is (第 2 题). A desk that is not there: the kiosk
# shows where the staff are and says nothing about the network; a kiosk without a desk
# configured calls nobody; a desk_url that is not a URL stops the kiosk at start.
# usage: kiosk_help.sh KIOSK DESK PRECHECK SOURCE_DIR
set -euo pipefail
kiosk=$1 desk=$2 precheck=$3 src=$4
dir=$(mktemp -d)
here=$(cd "$(dirname "$0")" && pwd)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; for f in "$dir"/*.log; do echo "--- $f"; tail -5 "$f"; done >&2; exit 1; }
export SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy

"$precheck" keygen kiosk --id hall-1-k2 --secret "$dir/k2.key" --keyring "$dir/ring" >/dev/null
echo 483172 | "$desk" clerk-add --db "$dir/desk.db" 0001 >/dev/null
printf 'kiosks:\n  hall-1-k2: 2 号自助机\n' > "$dir/desk.yaml"
"$desk" serve --config "$dir/desk.yaml" --db "$dir/desk.db" --keyring "$dir/ring" --rules "$src/rules" \
  --listen 127.0.0.1:0 --port-file "$dir/port" 2>"$dir/desk.log" &
pid=$!
for _ in $(seq 600); do [ -s "$dir/port" ] && break; sleep 0.05; done
[ -s "$dir/port" ] || fail "desk did not start"
url="http://127.0.0.1:$(cat "$dir/port")"

run_kiosk() { # name script desk_url
  mkdir -p "$dir/$1"
  { echo "kiosk_id: hall-1-k2"; echo "database: $dir/$1/queue.sqlite"; echo "signing_key: $dir/k2.key"
    echo "help_place: 一楼综合受理 3 号窗口"; [ -n "$3" ] && echo "desk_url: $3"; } > "$dir/$1/kiosk.yaml"
  "$kiosk" --config "$dir/$1/kiosk.yaml" --size 1080x1920 --today 2026-11-25 --build-date 2017-01-01 \
    --script "$here/$2" --screenshots "$dir/$1" 2>"$dir/$1.log" || fail "kiosk $1 ($2)"
}

# ---- a desk on the network: the request is listed for the clerk
run_kiosk with-desk kiosk_help.script "$url/"
grep -q "help request: the staff desk has it" "$dir/with-desk.log" || fail "the kiosk did not log the call"
curl -s -o /dev/null -c "$dir/jar" -H 'Content-Type: application/json' \
  -d '{"clerk":"0001","pin":"483172"}' "$url/api/login"
curl -s -b "$dir/jar" "$url/api/help" > "$dir/help.json"
# three taps, two calls: the second tap at once calls nobody, the next applicant's does
# (even within the same second: the kiosk's next call is a second later than the last)
[ "$(grep -c "help request: the staff desk has it" "$dir/with-desk.log")" = 2 ] ||
  fail "calls made: $(grep -c "help request" "$dir/with-desk.log")"
[ "$(jq '.help | length' "$dir/help.json")" = 2 ] || fail "two requests listed: $(cat "$dir/help.json")"
[ "$(jq -r '.help[1].screen' "$dir/help.json")" = "欢迎页" ] || fail "the second: $(cat "$dir/help.json")"
[ "$(jq -r '.help[0].kiosk' "$dir/help.json")" = hall-1-k2 ] || fail "kiosk: $(cat "$dir/help.json")"
[ "$(jq -r '.help[0].screen' "$dir/help.json")" = "第 2 题" ] || fail "screen: $(cat "$dir/help.json")"
jq -r '.help[0].words' "$dir/help.json" | grep -q '^2 号自助机 请求帮助 · ' || fail "words: $(cat "$dir/help.json")"
[ -s "$dir/with-desk/help-notified.png" ] || fail "no screenshot"
cp "$dir/with-desk/help-notified.png" "${PC_KIOSK_HELP_SHOTS:-$PWD}/kiosk-help-notified.png" 2>/dev/null || true

# ---- no desk listening there: the card shows where staff are, the kiosk goes on
kill "$pid"; wait "$pid" || fail "desk exited badly"; pid=
run_kiosk desk-gone kiosk_help_nodesk.script "$url/"
grep -q "help request not delivered" "$dir/desk-gone.log" || fail "the failure is not in the log"
cp "$dir/desk-gone/help-failed.png" "${PC_KIOSK_HELP_SHOTS:-$PWD}/kiosk-help-failed.png" 2>/dev/null || true

# ---- no desk configured: nobody is called
sed 's/expect help-call failed/expect help-call none/' "$here/kiosk_help_nodesk.script" > "$dir/none.script"
mkdir -p "$dir/no-desk"
{ echo "kiosk_id: hall-1-k2"; echo "database: $dir/no-desk/queue.sqlite"; echo "signing_key: $dir/k2.key"; } > "$dir/no-desk/kiosk.yaml"
"$kiosk" --config "$dir/no-desk/kiosk.yaml" --size 1080x1920 --today 2026-11-25 --build-date 2017-01-01 \
  --script "$dir/none.script" --screenshots "$dir/no-desk" 2>"$dir/no-desk.log" || fail "kiosk without a desk"
! grep -q "help request" "$dir/no-desk.log" || fail "a kiosk without a desk called one"
# ---- a desk_url that is not a URL is refused at start, naming the key
printf 'desk_url: 192.168.1.20:8780\n' > "$dir/bad.yaml"
set +e
"$kiosk" --config "$dir/bad.yaml" --size 1080x1920 2>"$dir/bad.log"; code=$?
set -e
[ "$code" != 0 ] && grep -q 'bad.yaml:1: desk_url: must be "" or http://ADDR:PORT/' "$dir/bad.log" ||
  fail "a bad desk_url: exit $code: $(cat "$dir/bad.log")"
echo "kiosk_help: the kiosk's call reached the desk; without a desk, nothing alarming"
