#!/usr/bin/env bash
# sync_rollout.sh — pack rollout refusals, end to end with the real programs (issue 11):
# a receiver publishes; kiosk-sync run switches the kiosk's rules directory; then a
# tampered manifest (from the receiver's own store), a manifest signed by another key, a
# file whose bytes are not the manifest's hash and a replayed older serial (these two
# from a plain HTTP server standing in for a hostile network: python3 -m http.server)
# are each refused with exit 65 and leave the live set byte for byte as it was, while
# the submissions of the same run still reach the department; a run killed with SIGKILL
# while fetching leaves the live set, and its leftovers (and planted ones) are removed
# by the next run; a rollback; the versions in force and the manifest serial reach
# the console's fleet, which counts packs behind the latest published manifest.
# Usage: sync_rollout.sh KIOSK_SYNC RECEIVER SYNC_SEED RULES_DIR
set -u
ks=$1 recv=$2 seed=$3 rules=$4
py=$(command -v python3) || { echo "python3 not found"; exit 77; }
tmp=$(mktemp -d)
rpid="" hpid=""
cleanup() {
  for p in $rpid $hpid; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
  rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$tmp"

"$recv" keygen --id department --secret dept.key --public dept.keyring >/dev/null || fail keygen
"$recv" keygen --id department --secret other.key --public other.keyring >/dev/null || fail keygen
"$recv" keygen --id hall1-k01 --secret kiosk.key --public kiosks.keyring >/dev/null || fail keygen
"$recv" init --db receiver.db >/dev/null || fail init
mkdir -p packs && cp -r "$rules"/*.yaml "$rules/sources" "$rules/calendar" packs/ &&
  rm -f packs/*.cases.yaml
# a pack that fails lint is not published
cp packs/yunnan-sti.yaml keep.yaml
sed -i 's/容错免责的适用主体及范围/容错免责的适用对象及范围/' packs/yunnan-sti.yaml
"$recv" publish --key dept.key --packs packs --store store >/dev/null 2>&1 && fail "a pack failing lint was published"
[ ! -d store/manifests ] || [ -z "$(ls store/manifests)" ] || fail "a manifest was written"
cp keep.yaml packs/yunnan-sti.yaml
"$recv" publish --key dept.key --packs packs --store store | grep -q "manifest 1 published" || fail "publish 1"

"$recv" serve --db receiver.db --kiosks kiosks.keyring --key dept.key --port 0 --port-file port \
  --store store 2>receiver.log &
rpid=$!
for _ in $(seq 300); do [ -s port ] && break; sleep 0.1; done
[ -s port ] || fail "receiver: $(cat receiver.log)"
base=http://127.0.0.1:$(cat port)
config() {   # url
  printf 'database: %s/kiosk.db\nkiosk_key: %s/kiosk.key\ndepartment_keys: %s/dept.keyring
url: "%s"\nrules_dir: %s/rules\nmax_attempts: 1\ntimeout_seconds: 5\n' \
    "$tmp" "$tmp" "$tmp" "$1" "$tmp" > sync.yaml
}
config "$base"
"$seed" kiosk.db hall1-k01 3 || fail seed
run() { "$ks" --config sync.yaml run > out 2>&1; echo $?; }
[ "$(run)" = 0 ] || fail "first run: $(cat out)"
grep -q "packs: manifest 1 switched in as generations/1" out || fail "first set: $(cat out)"
grep -q "acknowledged 3" out || fail "submissions: $(cat out)"
[ "$(cat rules/manifest-serial)" = 1 ] || fail "serial not kept"
"$ks" --config sync.yaml status | grep -q "packs: generations/1 (manifest 1; last accepted 1)" ||
  fail "status: $("$ks" --config sync.yaml status)"
[ "$(run)" = 0 ] && grep -q "manifest 1 already in place" out || fail "second run: $(cat out)"
snapshot() { (cd rules && readlink current && find generations -type f | sort | xargs sha256sum); }
snapshot > before

refused() {   # what grep must find; the live set unchanged, submissions still delivered
  "$seed" kiosk.db hall1-k01 2
  rc=$(run)
  [ "$rc" = 65 ] || fail "$1: rc $rc: $(cat out)"
  grep -q "$1" out || fail "$1: $(cat out)"
  grep -q "acknowledged 2, pending 0" out || fail "$1: the submissions did not go: $(cat out)"
  snapshot | cmp -s - before || fail "$1: the live set changed"
  [ -z "$(find rules -name '.*')" ] || fail "$1: temp files left: $(find rules -name '.*')"
}

# 2: a new version published, then its manifest tampered with in the store
sed -i 's/^version: ".*"/version: "2099.1.1"/' packs/sichuan-ftz.yaml
"$recv" publish --key dept.key --packs packs --store store >/dev/null || fail "publish 2"
cp store/manifests/2.pcmanifest good2.pcmanifest
sed -i 's/2099\.1\.1/2099.1.2/' store/manifests/2.pcmanifest
refused "manifest refused: signature does not verify"
# signed by a key that is not the department's
"$recv" publish --key other.key --packs packs --store other-store >/dev/null || fail "publish other"
cp other-store/manifests/1.pcmanifest store/manifests/2.pcmanifest
refused "manifest refused: signature does not verify"

# a hostile server: the genuine manifest 2, a file whose bytes are not its hash
mkdir -p evil/v1/files
cp good2.pcmanifest evil/v1/manifest
cp store/files/* evil/v1/files/
sha=$(sha256sum packs/sichuan-ftz.yaml | cut -d' ' -f1)
[ -f "evil/v1/files/$sha" ] || fail "published file not found by hash"
sed -i 's/2099\.1\.1/2099.1.3/' "evil/v1/files/$sha"
"$py" -u -m http.server --bind 127.0.0.1 0 --directory evil > http.log 2>&1 &
hpid=$!
for _ in $(seq 300); do grep -q "port" http.log 2>/dev/null && break; sleep 0.1; done
hport=$(sed -n 's/.* port \([0-9]*\).*/\1/p' http.log | head -1)
[ -n "$hport" ] || fail "http.server: $(cat http.log)"
config "http://127.0.0.1:$hport"   # nothing pending: it takes no submissions (501)
rc=$(run)
[ "$rc" = 65 ] && grep -q "manifest file sichuan-ftz.yaml: its SHA-256 is not the manifest's" out ||
  fail "tampered file: rc $rc: $(cat out)"
snapshot | cmp -s - before || fail "tampered file: the live set changed"
# the genuine set from the hostile server is taken (its signature is what counts) ...
cp store/files/"$sha" evil/v1/files/"$sha"
"$ks" --config sync.yaml pack-rollback >/dev/null 2>&1 && fail "rollback with no previous generation"
rc=$(run)
grep -q "packs: manifest 2 switched in as generations/2" out || fail "genuine manifest 2: rc $rc: $(cat out)"
grep -q 'version: "2099.1.1"' rules/current/sichuan-ftz.yaml || fail "not switched to 2099.1.1"
snapshot > before
# ... and an older serial, replayed, is refused
cp store/manifests/1.pcmanifest evil/v1/manifest
rc=$(run)
[ "$rc" = 65 ] && grep -q "manifest serial 1 is older than 2 already accepted (replayed?)" out ||
  fail "replay: rc $rc: $(cat out)"
snapshot | cmp -s - before || fail "replay: the live set changed"

# a run killed (SIGKILL) while it fetches a file: the live set stays, a temp generation
# is left behind, and the next run removes it (below). The file is a pipe that the
# hostile server blocks on; the manifest (serial 3: manifest 1's content) is genuine.
cp -r store kstore
"$recv" rollback --key dept.key --to 1 --store kstore >/dev/null || fail "rollback in a copy"
cp kstore/manifests/3.pcmanifest evil/v1/manifest
old_sha=$(sha256sum "$rules/sichuan-ftz.yaml" | cut -d' ' -f1)
rm -f "evil/v1/files/$old_sha" && mkfifo "evil/v1/files/$old_sha"
"$ks" --config sync.yaml --quiet run > out 2>&1 &
kpid=$!
for _ in $(seq 100); do [ -n "$(find rules/generations -maxdepth 1 -name '.tmp-*')" ] && break; sleep 0.05; done
sleep 0.5
kill -9 "$kpid" || fail "the run ended before it could be killed: $(cat out)"
wait "$kpid" 2>/dev/null
[ -n "$(find rules/generations -maxdepth 1 -name '.tmp-*')" ] || fail "killed run: no temp generation to clean"
snapshot | cmp -s - before || fail "killed run: the live set changed"
echo > "evil/v1/files/$old_sha"   # lets the server's thread go
rm -f "evil/v1/files/$old_sha"

# back to the genuine receiver (its manifest 2 restored); a killed run's leftovers go
config "$base"
cp good2.pcmanifest store/manifests/2.pcmanifest
mkdir -p rules/generations/.tmp-killed && echo half > rules/generations/.tmp-killed/x.yaml
echo half > rules/.kiosk-sync-killed
ln -s generations/9 rules/.current-new
"$recv" rollback --key dept.key --to 1 --store store | grep -q "manifest 3 published" || fail rollback
[ "$(run)" = 0 ] || fail "rollback run: $(cat out)"
grep -q "packs: manifest 3 switched in as generations/3" out || fail "rollback: $(cat out)"
[ -z "$(find rules -name '.*')" ] || fail "leftovers stay: $(find rules -name '.*')"
grep -q 'version: "2099.1.1"' rules/current/sichuan-ftz.yaml && fail "rollback kept 2099.1.1"
# the kiosk can go back a generation by itself too
"$ks" --config sync.yaml pack-rollback | grep -q "generations/2 are live again" || fail "pack-rollback"
grep -q 'version: "2099.1.1"' rules/current/sichuan-ftz.yaml || fail "pack-rollback: not 2099.1.1"

# a new kiosk (its rules directory not made yet) reads the installed packs; its first
# pack-import makes generation 1 of them with the one pack replaced
mkdir fresh
sed 's#rules_dir: .*#rules_dir: '"$tmp"'/fresh/rules#' sync.yaml > fresh.yaml
sed 's/^version: ".*"/version: "2099.9.9"/' "$rules/yunnan-sti.yaml" > y.yaml
"$recv" pack-sign --key dept.key y.yaml y.yaml.sig || fail pack-sign
"$ks" --config fresh.yaml pack-import y.yaml y.yaml.sig >/dev/null 2>&1 || fail "first pack-import"
[ "$(readlink fresh/rules/current)" = generations/1 ] || fail "fresh: no generation 1"
[ "$(ls fresh/rules/current/*.yaml | wc -l)" = "$(ls "$rules"/*.yaml | grep -vc cases)" ] ||
  fail "fresh: the installed packs were not carried: $(ls fresh/rules/current)"
grep -q 'version: "2099.9.9"' fresh/rules/current/yunnan-sti.yaml || fail "fresh: pack not in"
[ -f fresh/rules/current/sources/yunnan-sti.txt ] && [ -f fresh/rules/current/calendar/2026.json ] ||
  fail "fresh: sources or calendar missing"

# the console: this kiosk's status carries the manifest serial and its versions; it is
# one pack off the latest manifest (3 names the old sichuan-ftz; the kiosk went back to
# manifest 2 by itself)
"$ks" --config sync.yaml --quiet run >/dev/null 2>&1
if command -v curl >/dev/null; then
  echo 'correct horse battery' | "$recv" operator-add --db receiver.db wang >/dev/null || fail operator
  curl -s -c jar -o /dev/null -H 'Content-Type: application/json' \
    -d '{"name":"wang","password":"correct horse battery"}' "$base/console/api/login" || fail login
  curl -s -b jar "$base/console/api/fleet" > fleet.json
  "$py" - fleet.json <<'PY' || fail "fleet: $(head -c 600 fleet.json)"
import json, sys
f = json.load(open(sys.argv[1]))
k = [k for k in f["kiosks"] if k["kiosk_id"] == "hall1-k01"][0]
assert f["published_serial"] == 3, f["published_serial"]
assert k["manifest_serial"] == 2, k["manifest_serial"]  # rolled back locally to generation 2
behind = [(p["id"], p["kiosk"]) for p in k["packs_behind"]]
assert behind == [("sichuan-ftz", "2099.1.1")], behind
PY
fi
echo ok
