#!/usr/bin/env bash
# sync_cli.sh — the two programs end to end, as operators and the systemd timer use
# them: keys, `receiver init` (a mistyped --db is an error, the file is made 0600), a
# receiver serving over HTTP and then HTTPS (self-signed certificate made here with
# openssl, pinned with ca_file), `kiosk-sync run` and its exit statuses, a kiosk
# enrolled while the receiver runs (accepted after SIGHUP, no restart), `receiver list`,
# USB export/import/acknowledgement, a pack fetched over HTTP, `receiver export` (JSON
# lines with --since, CSV with labels), `receiver operator-add` and the console's
# sign-in and fleet over HTTP (with curl when it is there).
# Usage: sync_cli.sh KIOSK_SYNC RECEIVER SYNC_SEED RULES_DIR
set -u
ks=$1 recv=$2 seed=$3 rules=$4
tmp=$(mktemp -d)
rpid=""
cleanup() { [ -n "$rpid" ] && kill "$rpid" 2>/dev/null && wait "$rpid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$tmp"

"$recv" keygen --id department --secret dept.key --public dept.keyring >/dev/null || fail "dept keygen"
"$recv" keygen --id hall1-k01 --secret kiosk.key --public kiosks.keyring >/dev/null || fail "kiosk keygen"
"$seed" kiosk.db hall1-k01 25 || fail "seed"

# a mistyped database path is an error, never a new empty database
out=$("$recv" serve --db recevier.db --kiosks kiosks.keyring --key dept.key --port 0 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q "no such database" || fail "mistyped --db: rc $rc: $out"
"$recv" list --db recevier.db >/dev/null 2>&1 && fail "list on a missing database"
[ ! -e recevier.db ] || fail "a mistyped --db made a file"
# `receiver init` makes it, 0600 whatever the umask
(umask 022; "$recv" init --db receiver.db >/dev/null) || fail "init"
[ "$(stat -c %a receiver.db)" = 600 ] || fail "receiver.db is mode $(stat -c %a receiver.db)"
mkdir -p rules/sources packs usb
cp "$rules/sources/yunnan-sti.txt" rules/sources/
cp "$rules/yunnan-sti.yaml" rules/

start_receiver() {   # extra args; sets rpid and port
  rm -f port
  "$recv" serve --db receiver.db --kiosks kiosks.keyring --key dept.key --port 0 \
      --port-file port --store store "$@" 2>>receiver.log &
  rpid=$!
  for _ in $(seq 300); do [ -s port ] && break; sleep 0.1; done
  [ -s port ] || fail "receiver did not start: $(cat receiver.log)"
  port=$(cat port)
}
stop_receiver() { kill "$rpid"; wait "$rpid"; rc=$?; rpid=""; [ $rc -eq 0 ] || fail "receiver exit $rc"; }
config() {   # url [ca_file]
  printf 'database: %s/kiosk.db\nkiosk_key: %s/kiosk.key\ndepartment_keys: %s/dept.keyring
url: "%s"\nca_file: "%s"\nrules_dir: %s/rules\nbatch_size: 10\nmax_attempts: 2
backoff_initial_ms: 10\nbackoff_max_ms: 20\ntimeout_seconds: 5\n' \
    "$tmp" "$tmp" "$tmp" "$1" "${2:-}" "$tmp" > sync.yaml
}

# bad configuration (YAML): exit 2, naming the key and the reason
bad() {   # text expected-words
  printf '%b' "$1" > bad.yaml
  out=$("$ks" --config bad.yaml run 2>&1); rc=$?
  [ $rc -eq 2 ] && echo "$out" | grep -q "$2" || fail "bad config ($1): rc $rc: $out"
}
bad 'batch_size: 0\n' "batch_size: must be a whole number from 1 to 1000"
bad 'batch_size: ten\n' "batch_size: must be a whole number"
bad 'requests_in_flight: 5\n' "requests_in_flight: must be a whole number from 1 to 4"
bad 'colour: red\n' "colour: unknown key"
bad 'url: a\nurl: b\n' "url"                       # a key written twice
bad 'base: &b x\nurl: *b\n' "alias"                 # aliases refused
bad 'url: a\n---\nurl: b\n' "more than one YAML document"
bad 'rules_dir: [a, b]\n' "rules_dir: must be a text"
bad 'retention_days: 40\ndelete_after_days: 30\n' "delete_after_days: must not be shorter"
# JSON configuration files are no longer read (a clean break: no installed base)
echo '{"batch_size": 10}' > old.json
out=$("$ks" --config old.json run 2>&1); rc=$?
[ $rc -eq 2 ] || fail "a JSON configuration was read: rc $rc: $out"

# nobody listening: 75, nothing marked
config "http://127.0.0.1:9"
"$ks" --config sync.yaml --quiet run >/dev/null; rc=$?
[ $rc -eq 75 ] || fail "receiver down: rc $rc"
"$ks" --config sync.yaml status | grep -q "pending 25, synced 0" || fail "status after failed run"

# plain HTTP on loopback
start_receiver
config "http://127.0.0.1:$port"
out=$("$ks" --config sync.yaml --quiet run); rc=$?
[ $rc -eq 0 ] || fail "run: rc $rc: $out"
echo "$out" | grep -q "sent 25, acknowledged 25, pending 0, failed 0" || fail "summary: $out"
[ "$("$recv" list --db receiver.db | wc -l)" -eq 25 ] || fail "receiver list"
echo "$out" | grep -q "retention: 0 wiped, 0 deleted; store check: ok" || fail "night upkeep: $out"
# retention after the sync (issue 9): synced rows past retention_days lose their personal
# data, past delete_after_days they go; a pending row is never touched, however old
if command -v sqlite3 >/dev/null; then
  day=86400 now=$(date +%s)
  sqlite3 kiosk.db "UPDATE submission SET synced_at = $now - 40 * $day WHERE seq <= 5;
                    UPDATE submission SET synced_at = $now - 400 * $day WHERE seq BETWEEN 6 AND 8;
                    INSERT INTO submission(receipt_id, kiosk_id, created_at, policy_id, pack_version,
                      answers_json, outcome, basis_json, contact) VALUES('OLDPENDING01', 'hall1-k01',
                      $now - 900 * $day, 'sichuan-ftz', '1', '{}', 'refer', '[]', 'pending-contact');"
  config "http://127.0.0.1:9" # the department out of reach: the old pending row stays pending
  out=$("$ks" --config sync.yaml --quiet run 2>&1); rc=$?
  config "http://127.0.0.1:$port"
  # rows 1-8 are past 30 days (wiped), 6-8 past 365 (then deleted)
  echo "$out" | grep -q "retention: 8 wiped, 3 deleted; store check: ok" || fail "retention by kiosk-sync: rc $rc: $out"
  [ "$(sqlite3 kiosk.db "SELECT count(*) FROM submission WHERE seq <= 5 AND answers_json IS NULL")" = 5 ] ||
    fail "retention: personal data not wiped"
  [ "$(sqlite3 kiosk.db "SELECT count(*) FROM submission WHERE seq BETWEEN 6 AND 8")" = 0 ] ||
    fail "retention: old synced rows not deleted"
  sqlite3 kiosk.db "SELECT contact FROM submission WHERE receipt_id = 'OLDPENDING01'" | grep -q pending-contact ||
    fail "retention touched a row that never reached the department"
  sqlite3 kiosk.db "DELETE FROM submission WHERE receipt_id = 'OLDPENDING01'"
fi
[ "$("$recv" export --db receiver.db | grep -c '"receipt_id"')" -eq 25 ] || fail "receiver export"
[ "$("$recv" list --db receiver.db --after 20 | wc -l)" -eq 5 ] || fail "receiver list --after"
# export: seq in every line, --since, no kiosk-side field; CSV with labels beside codes
"$recv" export --db receiver.db --since 20 > since.jsonl || fail "export --since"
[ "$(wc -l < since.jsonl)" -eq 5 ] && [ "$(grep -c '^{"seq":2[1-5],' since.jsonl)" -eq 5 ] ||
  fail "export --since: $(head -c 300 since.jsonl)"
"$recv" export --db receiver.db | grep -q 'sync_state\|synced_at_unix\|"purged"' && fail "export leaks kiosk fields"
"$recv" export --db receiver.db --csv --rules "$rules" > all.csv || fail "export --csv"
[ "$(wc -l < all.csv)" -eq 26 ] || fail "csv rows: $(wc -l < all.csv)"
head -1 all.csv | grep -q '^seq,receipt_id,kiosk_id,hall,received_at,source,created_at,policy_id,policy_title,pack_version,outcome,outcome_words,' ||
  fail "csv header: $(head -1 all.csv)"
grep -q 'yunnan-sti,云南省.*,refer,需到窗口确认,' all.csv || fail "csv labels: $(sed -n 2p all.csv)"
grep -q sync_state all.csv && fail "csv leaks sync_state"
# operators and the console over HTTP; the kiosk's status arrived with its run
echo short | "$recv" operator-add --db receiver.db wang >/dev/null 2>&1 && fail "short password accepted"
echo 'correct horse battery' | "$recv" operator-add --db receiver.db wang >/dev/null || fail "operator-add"
if command -v curl >/dev/null; then
  base="http://127.0.0.1:$port/console"
  code=$(curl -s -o /dev/null -w '%{http_code}' "$base/api/fleet")
  [ "$code" = 401 ] || fail "fleet without a session: $code"
  curl -s -c jar -o /dev/null -H 'Content-Type: application/json' \
    -d '{"name":"wang","password":"correct horse battery"}' "$base/api/login" || fail "login"
  grep -q pc_console jar || fail "no session cookie"
  curl -s -b jar "$base/api/fleet" | grep -q '"kiosk_id":"hall1-k01".*"printer":"unknown".*"queue_depth":0' ||
    fail "fleet: $(curl -s -b jar "$base/api/fleet" | head -c 400)"
  curl -s -b jar "$base/" | grep -q '运维控制台' || fail "console page"
fi

# a kiosk enrolled while the receiver runs: refused (77) until SIGHUP reloads the
# keyring, then accepted by the same process
"$recv" keygen --id hall1-k02 --secret kiosk2.key --public kiosks.keyring >/dev/null || fail "keygen 2"
"$seed" kiosk2.db hall1-k02 4 || fail "seed 2"
sed 's/kiosk\.db/kiosk2.db/; s/kiosk\.key/kiosk2.key/' sync.yaml > sync2.yaml
"$ks" --config sync2.yaml --quiet run >/dev/null 2>&1; rc=$?
[ $rc -eq 77 ] || fail "kiosk not yet loaded: rc $rc"
kill -HUP "$rpid"
for _ in $(seq 300); do grep -q "keyring reloaded" receiver.log && break; sleep 0.1; done
grep -q "keyring reloaded from kiosks.keyring: 2 kiosks" receiver.log || fail "no reload: $(cat receiver.log)"
out=$("$ks" --config sync2.yaml --quiet run); rc=$?
[ $rc -eq 0 ] && echo "$out" | grep -q "acknowledged 4" || fail "after SIGHUP: rc $rc: $out"
kill -0 "$rpid" || fail "the receiver did not survive SIGHUP"

# a pack fetched over HTTP, signed by the department: published (the receiver serves only
# what a signed manifest names), then fetched by name with its pc-pack/1 signature
mkdir -p packs/sources
cp "$rules/sources/yunnan-sti.txt" packs/sources/
sed 's/^version: ".*"/version: "2099.12.1"/' "$rules/yunnan-sti.yaml" > packs/yunnan-sti.yaml
"$recv" publish --key dept.key --packs packs --store store >/dev/null || fail "publish"
echo 'not a pack' > store/files/stray.yaml
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v1/packs/stray.yaml" 2>/dev/null || echo 404)
[ "$code" = 404 ] || fail "an unpublished file was served: $code"
"$ks" --config sync.yaml pack-fetch "http://127.0.0.1:$port/v1/packs/yunnan-sti.yaml" >/dev/null 2>&1 \
  || fail "pack-fetch"
grep -q 'version: "2099.12.1"' rules/current/yunnan-sti.yaml || fail "pack not switched"
# serve --packs (any file of a directory) is gone
out=$("$recv" serve --db receiver.db --kiosks kiosks.keyring --key dept.key --packs packs 2>&1); rc=$?
[ $rc -eq 2 ] && echo "$out" | grep -q "serve --store" || fail "serve --packs: rc $rc: $out"
# the same pack with a signature from elsewhere: refused (65), pack kept
"$recv" keygen --id department --secret other.key --public other.keyring >/dev/null
sed 's/version: "2099.12.1"/version: "2100.1.1"/' packs/yunnan-sti.yaml > evil.yaml
"$recv" pack-sign --key other.key evil.yaml evil.yaml.sig
"$ks" --config sync.yaml pack-import evil.yaml evil.yaml.sig 2>/dev/null; rc=$?
[ $rc -eq 65 ] && grep -q 'version: "2099.12.1"' rules/current/yunnan-sti.yaml || fail "evil pack: rc $rc"
stop_receiver

# offline: export to the stick, import twice, acknowledge
"$seed" kiosk.db hall1-k01 7
"$ks" --config sync.yaml export usb >/dev/null || fail "export"
bundle=$(ls usb/*.pcbundle)
"$recv" import --db receiver.db --kiosks kiosks.keyring "$bundle" | grep -q "7 submissions, 7 new" \
  || fail "import"
"$recv" import --db receiver.db --kiosks kiosks.keyring --ack usb/ack.json --key dept.key "$bundle" \
  | grep -q "7 submissions, 0 new, 7 already present" || fail "import twice"
sed 's/exempt/refer!/' "$bundle" > usb/tampered.pcbundle
"$recv" import --db receiver.db --kiosks kiosks.keyring usb/tampered.pcbundle 2>/dev/null \
  && fail "tampered bundle imported"
[ "$("$recv" list --db receiver.db | wc -l)" -eq 36 ] || fail "receiver holds other than 36"
"$ks" --config sync.yaml ack-import usb/ack.json | grep -q "7 submissions marked synced" || fail "ack-import"
"$ks" --config sync.yaml status | grep -q "pending 0, synced 29" || fail "status after ack (3 deleted by retention above)"

# HTTPS with a pinned self-signed certificate
if command -v openssl >/dev/null; then
  openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1" -keyout tls.key -out tls.crt 2>/dev/null || fail "openssl"
  "$seed" kiosk.db hall1-k01 5
  start_receiver --tls-cert tls.crt --tls-key tls.key
  config "https://127.0.0.1:$port"              # system CAs: the certificate is not trusted
  "$ks" --config sync.yaml --quiet run >/dev/null 2>&1; rc=$?
  [ $rc -eq 75 ] || fail "HTTPS without the pinned CA: rc $rc"
  config "https://127.0.0.1:$port" "$tmp/tls.crt"
  out=$("$ks" --config sync.yaml --quiet run); rc=$?
  [ $rc -eq 0 ] && echo "$out" | grep -q "acknowledged 5" || fail "HTTPS run: rc $rc: $out"
  stop_receiver
  [ "$("$recv" list --db receiver.db | wc -l)" -eq 41 ] || fail "receiver holds other than 41"
else
  echo "note: openssl not found; HTTPS not tested"
fi
echo "ok"
