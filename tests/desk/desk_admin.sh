#!/usr/bin/env bash
# desk_admin.sh — the staff desk as an administrator and the hall's kiosks meet it,
# end to end through the real `desk` and curl:
# - the configuration file: serve from --config alone; flags override it; each bad value
#   refused at start (exit 2) with one line naming the file, line and key; --dept-key
#   still accepted with a deprecation line, dept_key: in the file pointed to hall_key;
# - clerk administration: clerk-list (no hashes), clerk-pin (new PIN, lockout cleared,
#   sessions ended), clerk-unlock, clerk-remove (sessions end at once), their exit codes;
# - retention at start: an old receipt's answers and an old synced reason wiped, a fresh
#   receipt and an unsynced record untouched; a new scan of the slip brings it back;
# - help requests: POST /api/help signed by a kiosk of the keyring → 204 and listed for
#   a clerk with the kiosk's name; unsigned, changed, unknown kiosk, stale → 401/400
#   with the reason; a replay ignored; 我去处理 (ack) needs the CSRF token, closes it.
# usage: desk_admin.sh DESK PRECHECK DESK_MKRECEIPT DESK_HELPCALL SOURCE_DIR
set -euo pipefail
desk=$1 precheck=$2 mk=$3 helpcall=$4 src=$5
dir=$(mktemp -d)
pid=
stop() {
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null
  local code=0
  wait "$pid" 2>/dev/null || code=$?
  pid=
  [ "$code" = 0 ] || fail "desk exited with $code"
}
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; [ -f "$dir/desk.log" ] && tail -5 "$dir/desk.log" >&2; exit 1; }
n=0
ok() { n=$((n + 1)); }
call() { # method path [curl args…] → body in $dir/body, status echoed
  local m=$1 p=$2
  shift 2
  curl -s -o "$dir/body" -w '%{http_code}' -X "$m" "$@" "$url$p"
}
json() { jq -r "$1" "$dir/body"; }
login() { # clerk pin jar → status
  call POST /api/login -c "$3" -H 'Content-Type: application/json' -d "{\"clerk\":\"$1\",\"pin\":\"$2\"}"
}

"$precheck" keygen kiosk --id hall-1-k1 --secret "$dir/k1.key" --keyring "$dir/ring" >/dev/null
"$precheck" keygen kiosk --id hall-1-k2 --secret "$dir/k2.key" --keyring "$dir/ring" >/dev/null
"$precheck" keygen kiosk --id elsewhere --secret "$dir/k9.key" --keyring "$dir/other-ring" >/dev/null
cat > "$dir/desk.yaml" <<YAML
# the desk of hall 1
db: $dir/desk.db
keyring: $dir/ring
listen: 127.0.0.1:0
port_file: $dir/port
rules: $src/rules
hall: 测试大厅
retention_days: 30
kiosks:
  hall-1-k2: 2 号自助机
YAML

start() { # extra flags…
  rm -f "$dir/port"
  "$desk" serve --config "$dir/desk.yaml" "$@" 2>>"$dir/desk.log" &
  pid=$!
  for _ in $(seq 600); do [ -s "$dir/port" ] && break; sleep 0.05; done
  [ -s "$dir/port" ] || fail "desk did not start"
  url="http://127.0.0.1:$(cat "$dir/port")"
}

# ---- the configuration: bad values refused at start, one line naming the key
refused() { # expected words, then the file's text
  local says=$1
  printf '%s\n' "$2" > "$dir/bad.yaml"
  set +e
  "$desk" serve --config "$dir/bad.yaml" >/dev/null 2>"$dir/err"
  local code=$?
  set -e
  [ "$code" = 2 ] && [ "$(wc -l < "$dir/err")" = 1 ] && grep -qF "$says" "$dir/err" ||
    fail "config: exit $code, wanted \"$says\": $(cat "$dir/err")"
}
refused "bad.yaml:2: listen: give ADDR:PORT" $'db: x\nlisten: 8780'
refused "bad.yaml:1: retention_days: out of range 1..3650" 'retention_days: 0'
refused "bad.yaml:2: key \"db\" appears twice" $'db: a\ndb: b'
refused "aliases" $'db: &d a\nkeyring: *d'
refused "more than one YAML document" $'db: a\n---\ndb: b'
refused "bad.yaml:1: dept_key: renamed hall_key" 'dept_key: /etc/precheck/hall.key'
refused "bad.yaml:1: colour: unknown setting" 'colour: blue'
refused "bad.yaml:3: kiosks: not a kiosk id" $'db: a\nkiosks:\n  "no such id": 1 号'
set +e
"$desk" serve --config "$dir/none.yaml" 2>"$dir/err"; code=$?
"$desk" serve --config "$dir/desk.yaml" --listen nowhere 2>"$dir/err2"; code2=$?
set -e
[ "$code" = 2 ] && grep -q "none.yaml" "$dir/err" || fail "a missing file: $code $(cat "$dir/err")"
[ "$code2" = 2 ] && grep -q "^desk: --listen: give ADDR:PORT" "$dir/err2" || fail "a bad flag: $(cat "$dir/err2")"
ok

# the example file loads as it is (its paths point at a package's places)
"$desk" clerk-list --config "$src/app/desk/desk.example.yaml" --db "$dir/example.db" >/dev/null ||
  fail "desk.example.yaml does not load"
ok

# a desk file of the first schema (before clerk-list and help requests) is migrated in place
sqlite3 "$dir/v1.db" "CREATE TABLE clerk (id TEXT PRIMARY KEY, pin_hash TEXT NOT NULL,
  failed INTEGER NOT NULL DEFAULT 0, locked_until INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL);
  CREATE TABLE session (token_hash TEXT PRIMARY KEY, clerk_id TEXT NOT NULL REFERENCES clerk(id) ON DELETE CASCADE,
  csrf TEXT NOT NULL, created_at INTEGER NOT NULL, last_seen INTEGER NOT NULL);
  CREATE TABLE receipt (receipt_id TEXT PRIMARY KEY, text TEXT NOT NULL, first_seen INTEGER NOT NULL);
  CREATE TABLE event (seq INTEGER PRIMARY KEY AUTOINCREMENT, receipt_id TEXT NOT NULL, action TEXT NOT NULL,
  clerk_id TEXT NOT NULL, at INTEGER NOT NULL, verdict TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '',
  materials TEXT NOT NULL DEFAULT '[]', synced_at INTEGER NOT NULL DEFAULT 0);
  INSERT INTO clerk VALUES ('0042', 'x', 0, 0, 1);
  INSERT INTO event (receipt_id, action, clerk_id, at, reason) VALUES ('R1', 'return', '0042', 5, '缺材料');
  PRAGMA user_version = 1;"
"$desk" clerk-list --db "$dir/v1.db" | grep -q '^0042 .* active .* never$' || fail "v1 file: $("$desk" clerk-list --db "$dir/v1.db" 2>&1)"
[ "$(sqlite3 "$dir/v1.db" "PRAGMA user_version; SELECT reason FROM event")" = "$(printf '2\n缺材料')" ] ||
  fail "v1 file not migrated with its records"
ok

# ---- clerks: add, list (no hashes), wrong PINs lock, unlock, new PIN, remove
echo 483172 | "$desk" clerk-add --config "$dir/desk.yaml" 0001 >/dev/null
echo 572914 | "$desk" clerk-add --db "$dir/desk.db" 0002 >/dev/null
echo 640285 | "$desk" clerk-add --db "$dir/desk.db" 0003 >/dev/null
start
for _ in 1 2 3 4 5; do code=$(login 0002 000000 "$dir/jar2"); done
[ "$code" = 423 ] || fail "0002 not locked: $code"
[ "$(login 0001 483172 "$dir/jar1")" = 200 ] || fail "0001 sign-in"
csrf1=$(json .csrf)
[ "$(login 0003 640285 "$dir/jar3")" = 200 ] || fail "0003 sign-in"
"$desk" clerk-list --db "$dir/desk.db" > "$dir/list"
grep -q '^0001 .* active .* [0-9]\{4\}-[0-9][0-9]-[0-9][0-9] [0-9:]*$' "$dir/list" || fail "list 0001: $(cat "$dir/list")"
grep -q '^0002 .* locked until ' "$dir/list" && grep -q 'never$' "$dir/list" || fail "list 0002: $(cat "$dir/list")"
! grep -q 'argon2' "$dir/list" || fail "clerk-list shows a hash"
"$desk" clerk-unlock --db "$dir/desk.db" 0002 | grep -q "clerk 0002 unlocked" || fail "unlock"
[ "$(login 0002 572914 "$dir/jar2")" = 200 ] || fail "0002 after unlock: $(cat "$dir/body")"
echo 975310 | "$desk" clerk-pin --db "$dir/desk.db" 0002 | grep -q "new PIN" || fail "clerk-pin"
[ "$(call GET /api/me -b "$dir/jar2")" = 401 ] || fail "a new PIN leaves the old session open"
[ "$(login 0002 572914 "$dir/jar2")" = 401 ] || fail "the old PIN still works"
[ "$(login 0002 975310 "$dir/jar2")" = 200 ] || fail "the new PIN does not work"
[ "$(call GET /api/me -b "$dir/jar3")" = 200 ] || fail "0003 not signed in"
"$desk" clerk-remove --db "$dir/desk.db" 0003 | grep -q "clerk 0003 removed" || fail "remove"
[ "$(call GET /api/me -b "$dir/jar3")" = 401 ] || fail "a removed clerk's session lives on"
[ "$(login 0003 640285 "$dir/jar3")" = 401 ] || fail "a removed clerk signs in"
set +e
"$desk" clerk-remove --db "$dir/desk.db" 0003 2>"$dir/err"; gone=$?
"$desk" clerk-unlock --db "$dir/desk.db" nobody 2>>"$dir/err"; nobody=$?
echo 12 | "$desk" clerk-pin --db "$dir/desk.db" 0001 2>>"$dir/err"; short=$?
"$desk" clerk-list --db "$dir/desk.db" extra 2>>"$dir/err"; extra=$?
"$desk" clerk-unlock 0001 2>>"$dir/err"; nodb=$?
set -e
[ "$gone $nobody $short $extra $nodb" = "1 1 2 2 2" ] || fail "exit codes: $gone $nobody $short $extra $nodb"
grep -q "clerk 0003: no such clerk" "$dir/err" || fail "message: $(cat "$dir/err")"
[ "$(login 0001 483172 "$dir/jar1")" = 200 ] || fail "0001 lost their PIN"
csrf1=$(json .csrf)
ok

# ---- help requests from kiosks
help() { # key at words [curl args…] → status
  local key=$1 at=$2 words=$3
  shift 3
  "$helpcall" "$key" "$at" "$words" > "$dir/req"
  call POST /api/help --data-binary "$(sed -n 1p "$dir/req")" \
    -H "X-PC-Signature: $(sed -n 2p "$dir/req")" "$@"
}
now=$(date +%s)
[ "$(help "$dir/k2.key" "$now" "第 3 题")" = 204 ] || fail "help: $(cat "$dir/body")"
[ "$(help "$dir/k2.key" "$now" "第 3 题")" = 204 ] || fail "a replay: $(cat "$dir/body")"
[ "$(help "$dir/k1.key" $((now - 1)) "结果页")" = 204 ] || fail "help k1"
[ "$(help "$dir/k9.key" "$now" "欢迎页")" = 401 ] && [ "$(json .error)" = unknown_kiosk ] ||
  fail "a kiosk of another hall: $(cat "$dir/body")"
[ "$(help "$dir/k1.key" $((now - 400)) "欢迎页")" = 401 ] && [ "$(json .error)" = stale ] ||
  fail "an old request: $(cat "$dir/body")"
"$helpcall" "$dir/k1.key" "$now" "欢迎页" > "$dir/req"
[ "$(call POST /api/help --data-binary "$(sed -n 1p "$dir/req" | sed 's/欢迎页/结果页/')" \
      -H "X-PC-Signature: $(sed -n 2p "$dir/req")")" = 401 ] && [ "$(json .error)" = bad_signature ] ||
  fail "a changed request: $(cat "$dir/body")"
[ "$(call POST /api/help --data-binary "$(sed -n 1p "$dir/req")")" = 401 ] || fail "an unsigned request"
[ "$(call POST /api/help --data-binary 'hello' -H 'X-PC-Signature: AAAA')" = 400 ] &&
  json .reason | grep -q kiosk || fail "not JSON: $(cat "$dir/body")"
[ "$(call GET /api/help)" = 401 ] || fail "the list without a clerk"
[ "$(call GET /api/help -b "$dir/jar1")" = 200 ] || fail "the list"
[ "$(json '.help | length')" = 2 ] || fail "two open requests (the replay ignored): $(cat "$dir/body")"
json '.help[0].words' | grep -q '^2 号自助机 请求帮助 · [0-9][0-9]:[0-9][0-9]$' || fail "words: $(json '.help[0].words')"
json '.help[1].words' | grep -q '^自助机 hall-1-k1 请求帮助 · ' || fail "words by id: $(json '.help[1].words')"
[ "$(json '.help[0].screen')" = "第 3 题" ] || fail "screen: $(json '.help[0].screen')"
first=$(json '.help[0].id')
[ "$(call POST /api/help/ack -b "$dir/jar1" -d "{\"id\":$first}")" = 403 ] || fail "ack without the CSRF token"
[ "$(call POST /api/help/ack -b "$dir/jar1" -H "X-CSRF-Token: $csrf1" -d "{\"id\":$first}")" = 200 ] ||
  fail "ack: $(cat "$dir/body")"
[ "$(json '.help | length')" = 1 ] || fail "after ack: $(cat "$dir/body")"
[ "$(call POST /api/help/ack -b "$dir/jar1" -H "X-CSRF-Token: $csrf1" -d "{\"id\":$first}")" = 409 ] &&
  [ "$(json .message)" = "已有同事去处理了" ] || fail "ack twice: $(cat "$dir/body")"
[ "$(sqlite3 "$dir/desk.db" "SELECT acked_by FROM help WHERE seq = $first")" = 0001 ] || fail "acked_by"
grep -q "help requested by kiosk hall-1-k2 (a repeat, ignored)" "$dir/desk.log" || fail "replay not logged"
# the page's polling does not keep a forgotten session alive; the clerk's own requests do
sqlite3 "$dir/desk.db" "UPDATE session SET last_seen = $((now - 1800)) WHERE clerk_id = '0001'"
[ "$(call GET /api/help -b "$dir/jar1")" = 200 ] || fail "poll"
[ "$(sqlite3 "$dir/desk.db" "SELECT max(last_seen) FROM session WHERE clerk_id = '0001'")" = $((now - 1800)) ] ||
  fail "polling marked the session used"
[ "$(call GET /api/me -b "$dir/jar1")" = 200 ] || fail "me"
[ "$(sqlite3 "$dir/desk.db" "SELECT max(last_seen) FROM session WHERE clerk_id = '0001'")" -ge "$now" ] ||
  fail "the clerk's request did not mark the session used"
ok
stop

# ---- retention at start: receipts untouched for 30 days whose records were all sent
notified=$(date -d '-3 days' +%F)
answers='{"scope":1,"direction":"yes","cause":0,"major_loss":"no","decision":"unsure",
 "private_gain":"no","kind":0,"situations":[1],"s2_records":"unsure","notified":"'$notified'"}'
r_old=$("$mk" "$dir/k1.key" "$src/rules/guangxi-sti.yaml" "$answers")
r_new=$("$mk" "$dir/k1.key" "$src/rules/guangxi-sti.yaml" "$answers")
r_unsent=$("$mk" "$dir/k1.key" "$src/rules/guangxi-sti.yaml" "$answers")
start
[ "$(login 0001 483172 "$dir/jar1")" = 200 ] || fail "sign-in"
csrf1=$(json .csrf)
ids=()
i=0
for r in "$r_old" "$r_new" "$r_unsent"; do
  [ "$(call POST /api/scan -b "$dir/jar1" --data "$r")" = 200 ] || fail "scan"
  ids+=("$(json .receipt_id)")
  [ "$(call POST /api/record -b "$dir/jar1" -H "X-CSRF-Token: $csrf1" -H 'Content-Type: application/json' \
        -d "{\"receipt_id\":\"$(json .receipt_id)\",\"action\":\"return\",\"reason\":\"缺第${i}份审计报告\"}")" = 200 ] ||
    fail "return: $(cat "$dir/body")"
  i=$((i + 1))
done
stop
old_at=$(( $(date +%s) - 31 * 86400 ))
sqlite3 "$dir/desk.db" "UPDATE event SET at = $old_at WHERE receipt_id IN ('${ids[0]}', '${ids[2]}');
  UPDATE receipt SET first_seen = $old_at WHERE receipt_id IN ('${ids[0]}', '${ids[2]}');
  UPDATE event SET synced_at = $old_at + 3600 WHERE receipt_id IN ('${ids[0]}', '${ids[1]}');"
start
grep -q "answers of 1 receipts and 1 reasons wiped" "$dir/desk.log" || fail "retention not logged: $(tail -3 "$dir/desk.log")"
[ "$(sqlite3 "$dir/desk.db" "SELECT length(text) FROM receipt WHERE receipt_id = '${ids[0]}'")" = 0 ] ||
  fail "the old receipt's answers are still there"
[ "$(sqlite3 "$dir/desk.db" "SELECT count(*) FROM event WHERE receipt_id = '${ids[0]}' AND reason <> ''")" = 0 ] ||
  fail "the old reason is still there"
! cat "$dir/desk.db" "$dir/desk.db-wal" 2>/dev/null | grep -qa "缺第0份" ||
  fail "the wiped reason is still in the file (or its journal)"
cat "$dir/desk.db" "$dir/desk.db-wal" 2>/dev/null | grep -qa "缺第2份" || fail "the grep finds nothing at all"
[ "$(call GET "/api/receipt?id=${ids[0]}" -b "$dir/jar1")" = 410 ] && json .message | grep -q 保存期限 ||
  fail "lookup of a wiped receipt: $(cat "$dir/body")"
[ "$(call GET "/api/receipt?id=${ids[1]}" -b "$dir/jar1")" = 200 ] && [ "$(json '.history[1].detail')" = 缺第1份审计报告 ] ||
  fail "the fresh receipt was touched: $(cat "$dir/body")"
[ "$(call GET "/api/receipt?id=${ids[2]}" -b "$dir/jar1")" = 200 ] && [ "$(json '.history[1].detail')" = 缺第2份审计报告 ] ||
  fail "the unsent record was touched: $(cat "$dir/body")"
# the applicant brings the slip again: the answers are back, the wiped reason says so
[ "$(call POST /api/scan -b "$dir/jar1" --data "$r_old")" = 200 ] && [ "$(json .verdict)" = valid ] || fail "re-scan"
[ "$(json '.history[1].detail')" = "（已按保存期限清除）" ] || fail "wiped reason: $(json '.history[1]')"
[ "$(call GET "/api/receipt?id=${ids[0]}" -b "$dir/jar1")" = 200 ] || fail "after re-scan: $(cat "$dir/body")"
ok
stop

# ---- --dept-key still works for one version, with a line saying the new name
"$precheck" keygen hall --secret "$dir/hall.key" --public "$dir/hall.pub" >/dev/null
start --dept-key "$dir/hall.key"
grep -q -- "--dept-key is now --hall-key" "$dir/desk.log" || fail "no deprecation line"
stop
: > "$dir/desk.log"
start --hall-key "$dir/hall.key"
! grep -q -- "dept-key" "$dir/desk.log" || fail "a deprecation line for --hall-key"
ok
stop
echo "desk_admin: $n groups of checks passed"
