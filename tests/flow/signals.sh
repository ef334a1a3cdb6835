#!/bin/sh
# signals.sh KIOSK DIR — the kiosk in script mode under the dummy driver; SIGINT, SIGHUP
# and SIGQUIT leave it running, SIGTERM ends it with exit 0 and the store's clean-close
# mark (<database>.clean) written (issue 12: only systemd's stop ends the kiosk).
set -u
kiosk=$1 dir=$2 src=$(dirname "$0")
rm -rf "$dir" && mkdir -p "$dir"
printf 'kiosk_id: flow-signals\ndatabase: %s/queue.sqlite\n' "$dir" >"$dir/kiosk.yaml"
SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy "$kiosk" --config "$dir/kiosk.yaml" --size 1080x1920 \
  --today 2026-11-25 --build-date 2017-01-01 --script "$src/signals.script" 2>"$dir/log" &
pid=$!
fail() { echo "signals: $*" >&2; cat "$dir/log" >&2; kill -KILL "$pid" 2>/dev/null; exit 1; }
for _ in $(seq 300); do grep -q "kiosk: serving" "$dir/log" && break; sleep 0.1; done
grep -q "kiosk: serving" "$dir/log" || fail "the kiosk never began serving"
[ ! -e "$dir/queue.sqlite.clean" ] || fail "the clean-close mark exists while the store is open"
for sig in INT HUP QUIT; do
  kill -s "$sig" "$pid" || fail "cannot send SIG$sig"
  sleep 0.5
  kill -0 "$pid" 2>/dev/null || fail "SIG$sig ended the kiosk"
done
kill -s TERM "$pid"
wait "$pid"
rc=$?
[ "$rc" -eq 0 ] || fail "SIGTERM: exit status $rc, expected 0"
grep -q "kiosk: SIGTERM: closing" "$dir/log" || fail "SIGTERM was not handled as a stop"
[ -s "$dir/queue.sqlite.clean" ] || fail "no clean-close mark after SIGTERM"
echo "signals: INT, HUP, QUIT ignored; TERM: exit 0, store closed cleanly"
