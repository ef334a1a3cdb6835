#!/usr/bin/env bash
# pack_reload.sh — the rollout end to end, as it runs in a hall (issue 11): the
# department publishes a set of packs (receiver publish), kiosk-sync run fetches it from
# a real receiver and switches the rules directory; the kiosk runs on it; while an
# applicant is in a session a new version is published and switched in; the session
# finishes on the old version (its stored receipt carries it), the next one, after the
# welcome screen, gets the new version, without a restart. Then the operator rolls back
# (receiver rollback): the next run switches the kiosk back to the old version.
# The kiosk reads its script (pack_reload.script) from a pipe, so that the switch
# happens at a known point of the session.
# Usage: pack_reload.sh KIOSK KIOSK_SYNC RECEIVER SOURCE_DIR OUT_DIR
set -u
kiosk=$1 ks=$2 recv=$3 src=$4 out=$5
script=$src/tests/flow/pack_reload.script
rm -rf "$out" && mkdir -p "$out" && cd "$out" || exit 1
rpid="" kpid=""
cleanup() {
  [ -n "$rpid" ] && kill "$rpid" 2>/dev/null && wait "$rpid" 2>/dev/null
  [ -n "$kpid" ] && kill "$kpid" 2>/dev/null && wait "$kpid" 2>/dev/null
  exec 3>&- 2>/dev/null
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; [ -f kiosk.log ] && tail -20 kiosk.log; exit 1; }
version_of() { sed -n 's/^version: "\(.*\)"/\1/p' "$1"; }

"$recv" keygen --id department --secret dept.key --public dept.keyring >/dev/null || fail keygen
"$recv" keygen --id flow-reload --secret kiosk.key --public kiosks.keyring >/dev/null || fail keygen
"$recv" init --db receiver.db >/dev/null || fail "receiver init"
mkdir -p packs && cp -r "$src"/rules/*.yaml "$src/rules/sources" "$src/rules/calendar" packs/ &&
  rm -f packs/*.cases.yaml
old=$(version_of packs/sichuan-ftz.yaml)
"$recv" publish --key dept.key --packs packs --store store >/dev/null || fail "publish 1"
"$recv" serve --db receiver.db --kiosks kiosks.keyring --key dept.key --port 0 --port-file port \
  --store store 2>receiver.log &
rpid=$!
for _ in $(seq 300); do [ -s port ] && break; sleep 0.1; done
[ -s port ] || fail "receiver: $(cat receiver.log)"
cat > sync.yaml <<CFG
database: $out/queue.sqlite
kiosk_key: $out/kiosk.key
department_keys: $out/dept.keyring
url: http://127.0.0.1:$(cat port)
rules_dir: $out/rules
max_attempts: 1
CFG
run() { "$ks" --config sync.yaml --quiet run > sync.out 2>&1 || fail "kiosk-sync run: $(cat sync.out)"; }
run
grep -q "packs: manifest 1 switched in as generations/1" sync.out || fail "first set: $(cat sync.out)"

cat > kiosk.yaml <<CFG
kiosk_id: flow-reload
database: $out/queue.sqlite
rules_dir: $out/rules
idle_seconds: 60
countdown_seconds: 20
CFG
mkfifo script.pipe
SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy "$kiosk" --config kiosk.yaml --size 1080x1920 \
  --today 2026-11-25 --build-date 2017-01-01 --script script.pipe 2>kiosk.log &
kpid=$!
exec 3>script.pipe
sed '/^#### switch/,$d' "$script" >&3
for _ in $(seq 300); do grep -q "part one done" kiosk.log && break; sleep 0.1; done
grep -q "part one done" kiosk.log || fail "the kiosk did not reach the session"

# a new version, published and switched in while the session is open
sed -i "s/^version: \".*\"/version: \"2099.1.1\"/" packs/sichuan-ftz.yaml
"$recv" publish --key dept.key --packs packs --store store >/dev/null || fail "publish 2"
run
grep -q "packs: manifest 2 switched in as generations/2 (files: 1 fetched" sync.out ||
  fail "second set: $(cat sync.out)"
sed '1,/^#### switch/d' "$script" >&3
exec 3>&-
wait "$kpid"; rc=$?; kpid=""
[ $rc -eq 0 ] || fail "the script failed (rc $rc)"
grep -q "packs reloaded from generations/2" kiosk.log || fail "no reload in the log"
versions=$(sqlite3 queue.sqlite "SELECT pack_version FROM submission ORDER BY seq" | tr '\n' ' ')
[ "$versions" = "$old 2099.1.1 " ] || fail "receipts' versions: $versions (want $old, then 2099.1.1)"

# the operator rolls back: a new serial with the first set's content
"$recv" rollback --key dept.key --to 1 --store store | grep -q "manifest 3 published" || fail rollback
run
grep -q "packs: manifest 3 switched in as generations/3 (files: 1 fetched" sync.out ||
  fail "rollback run: $(cat sync.out)"
[ "$(version_of rules/current/sichuan-ftz.yaml)" = "$old" ] || fail "not rolled back"
[ ! -e rules/generations/1 ] && [ -d rules/generations/2 ] || fail "generations kept: $(ls rules/generations)"
echo "ok: receipts $versions; rolled back to $old"
