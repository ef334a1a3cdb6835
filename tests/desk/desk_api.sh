#!/usr/bin/env bash
# desk_api.sh — the staff desk's API end to end, as a script would use it, through the
# real `desk` and curl: clerk-add and serve refusing bad values (exit 2, one line);
# sign-in (cookie HttpOnly + SameSite=Strict), 401 without it, lockout after wrong
# PINs; /api/scan's JSON; the same verdict and pre-check as `precheck verify --json`
# (one code path); actions refused without the CSRF token or from another origin;
# 收件 / 受理 / 退回 checked; lookup in any spelling; today's list; records kept across
# a restart; and every pack version kept: a receipt made under a superseded version
# still re-evaluates with that version.
# usage: desk_api.sh DESK PRECHECK DESK_MKRECEIPT SOURCE_DIR
set -euo pipefail
desk=$1 precheck=$2 mk=$3 src=$4
dir=$(mktemp -d)
pid=
# The desk must stop cleanly on SIGTERM (under the sanitizers: no leak, no error).
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

# ---- keys, clerks, packs of two versions, receipts
"$precheck" keygen kiosk --id hall-1-k1 --secret "$dir/k1.key" --keyring "$dir/ring" >/dev/null
echo 483172 | "$desk" clerk-add --db "$dir/desk.db" 0001 >/dev/null
echo 572914 | "$desk" clerk-add --db "$dir/desk.db" 0002 >/dev/null
set +e
echo 483172 | "$desk" clerk-add --db "$dir/desk.db" 0001 2>/dev/null; dup=$?
echo 483172 | "$desk" clerk-add --db "$dir/desk.db" "bad id" 2>/dev/null; badid=$?
echo 12 | "$desk" clerk-add --db "$dir/desk.db" 0003 2>"$dir/err"; short=$?
trivial=
for pin in 123456 000000 246810 987654 111111; do # guessable PINs (pc_pin_weakness)
    echo $pin | "$desk" clerk-add --db "$dir/desk.db" 0004 2>"$dir/weak"; trivial="$trivial$?"
    grep -q "容易被猜到" "$dir/weak" || fail "clerk-add $pin: $(cat "$dir/weak")"
done
set -e
[ "$dup" = 1 ] && [ "$badid" = 2 ] && [ "$short" = 2 ] || fail "clerk-add: exits $dup $badid $short"
[ "$trivial" = 22222 ] || fail "clerk-add took a guessable PIN: exits $trivial"
[ "$(wc -l < "$dir/err")" = 1 ] || fail "clerk-add: not one line: $(cat "$dir/err")"
[ "$(stat -c %a "$dir/desk.db")" = 600 ] || fail "desk.db is not 0600"
ok

# An older version of one policy: another version number and another first material.
mkdir -p "$dir/old" "$dir/future"
sed -e 's/^version: .*/version: "2026.1.1"/' -e 's/- name: 容错免责认定申请书/- name: （旧版）容错免责认定申请书/' \
  "$src/rules/guangxi-sti.yaml" > "$dir/old/guangxi-sti.yaml"
ln -s "$src/rules/calendar" "$dir/old/calendar"
sed -e 's/^version: .*/version: "2099.1.1"/' "$src/rules/guangxi-sti.yaml" > "$dir/future/guangxi-sti.yaml"
notified=$(date -d '-3 days' +%F)
answers='{"scope":1,"direction":"yes","cause":0,"major_loss":"no","decision":"unsure",
 "private_gain":"no","kind":0,"situations":[1],"s2_records":"unsure","notified":"'$notified'"}'
new=$("$mk" "$dir/k1.key" "$src/rules/guangxi-sti.yaml" "$answers")
old=$("$mk" "$dir/k1.key" "$dir/old/guangxi-sti.yaml" "$answers" $(( $(date +%s) - 86400 )))
future=$("$mk" "$dir/k1.key" "$dir/future/guangxi-sti.yaml" "$answers")

# ---- serve: bad values refused with one line, exit 2
for args in "--listen 127.0.0.1" "--listen nowhere:80" "--listen 127.0.0.1:99999" \
            "--listen 127.0.0.1:0 --lang xx" "--listen 127.0.0.1:0 --rules $dir/none"; do
  set +e
  # shellcheck disable=SC2086
  "$desk" serve --db "$dir/desk.db" --keyring "$dir/ring" $args >/dev/null 2>"$dir/err"
  code=$?
  set -e
  [ "$code" = 2 ] && [ "$(wc -l < "$dir/err")" = 1 ] || fail "serve $args: exit $code: $(cat "$dir/err")"
done
ok

start() { # rules dir
  rm -f "$dir/port"
  "$desk" serve --db "$dir/desk.db" --keyring "$dir/ring" --rules "$1" --hall "测试大厅" \
    --listen 127.0.0.1:0 --port-file "$dir/port" 2>>"$dir/desk.log" &
  pid=$!
  for _ in $(seq 600); do [ -s "$dir/port" ] && break; sleep 0.05; done
  [ -s "$dir/port" ] || fail "desk did not start"
  url="http://127.0.0.1:$(cat "$dir/port")"
}
call() { # method path [curl args…] → body in $dir/body, status echoed
  local m=$1 p=$2
  shift 2
  curl -s -o "$dir/body" -w '%{http_code}' -X "$m" "$@" "$url$p"
}
json() { jq -r "$1" "$dir/body"; }

# ---- the desk first receives the old version, then the current ones
start "$dir/old"
stop
start "$src/rules"
ls "$dir/desk.db.packs" | grep -q '^guangxi-sti@2026.1.1.yaml$' || fail "old version not kept"
ls "$dir/desk.db.packs" | grep -q '^guangxi-sti@2026.12.1.yaml$' || fail "new version not kept"
ok

# ---- sign-in
[ "$(call POST /api/scan --data "$new")" = 401 ] || fail "scan without a clerk: $(cat "$dir/body")"
[ "$(call GET /api/today)" = 401 ] || fail "today without a clerk"
[ "$(call POST /api/login -H 'Content-Type: application/json' -d '{"clerk":"0001","pin":"999999"}')" = 401 ] ||
  fail "wrong PIN"
[ "$(json .message)" = "工号或 PIN 不正确" ] || fail "wrong PIN words: $(cat "$dir/body")"
[ "$(call POST /api/login -H 'Content-Type: application/json' -d '{"clerk":"nobody","pin":"999999"}')" = 401 ] ||
  fail "unknown clerk"
status=$(call POST /api/login -D "$dir/headers" -c "$dir/jar" -H 'Content-Type: application/json' \
  -d '{"clerk":"0001","pin":"483172"}')
[ "$status" = 200 ] || fail "login: $status $(cat "$dir/body")"
grep -i '^set-cookie: desk_session=' "$dir/headers" | grep -q 'HttpOnly' || fail "cookie not HttpOnly"
grep -i '^set-cookie: desk_session=' "$dir/headers" | grep -q 'SameSite=Strict' || fail "cookie not SameSite"
csrf=$(json .csrf)
[ ${#csrf} = 64 ] || fail "no CSRF token"
ok

# ---- scan: the JSON, and the same as `precheck verify --json`
[ "$(call POST /api/scan -b "$dir/jar" --data "$new")" = 200 ] || fail "scan: $(cat "$dir/body")"
for key in verdict receipt_id outcome answers materials deadline; do
  [ "$(json "has(\"$key\")")" = true ] || fail "scan JSON lacks $key"
done
[ "$(json .verdict)" = valid ] && [ "$(json .outcome)" = refer ] || fail "scan: $(json '.verdict,.outcome')"
[ "$(json '.answers[0].unsure')" = true ] && [ "$(json '.answers[1].unsure')" = true ] &&
  [ "$(json '.answers[2].unsure')" = false ] || fail "不确定 answers are not first"
[ "$(json '.materials | length')" = 5 ] || fail "materials: $(json .materials)"
[ "$(json .deadline.days_left)" -gt 0 ] || fail "deadline: $(json .deadline)"
id=$(json .receipt_id)
shown=$(json .receipt_no)
keys='{verdict, receipt_id, outcome, answers, clauses, materials, deadline, steps, words}'
jq -S "$keys" "$dir/body" > "$dir/api.json"
mkdir "$dir/all" && ln -s "$dir"/desk.db.packs/*.yaml "$src/rules/calendar" "$dir/all/"
"$precheck" verify --json --keyring "$dir/ring" --rules "$dir/all" "$new" | jq -S "$keys" > "$dir/cli.json"
cmp -s "$dir/api.json" "$dir/cli.json" || fail "API and precheck verify differ: $(diff "$dir/api.json" "$dir/cli.json" | head)"
# Caps Lock and the scanner's CR LF
[ "$(call POST /api/scan -b "$dir/jar" --data-binary "$(printf '%s\r\n' "${new,,}")")" = 200 ] &&
  [ "$(json .verdict)" = valid ] || fail "lower-case scan: $(json .verdict)"
ok

# ---- every pack version: the old receipt re-evaluates with the old version
[ "$(call POST /api/scan -b "$dir/jar" --data "$old")" = 200 ] || fail "old scan"
[ "$(json .verdict)" = valid ] && [ "$(json .result.pack_version)" = 2026.1.1 ] ||
  fail "old receipt: $(json '.verdict,.result.pack_version')"
json '.materials[0].name' | grep -q '^（旧版）' || fail "old receipt not evaluated with its version"
[ "$(call POST /api/scan -b "$dir/jar" --data "$future")" = 200 ] && [ "$(json .verdict)" = unknown_pack ] ||
  fail "a version never received: $(json .verdict)"
ok

# ---- refused scans
changed="${new:0:${#new}-20}$([ "${new: -20:1}" = A ] && echo B || echo A)${new: -19}"
[ "$(call POST /api/scan -b "$dir/jar" --data "$changed")" = 200 ] && [ "$(json .verdict)" = tampered ] ||
  fail "one character changed: $(json .verdict)"
[ "$(json 'has("answers")')" = false ] || fail "a changed receipt shows answers"
[ "$(call POST /api/scan -b "$dir/jar" --data "hello")" = 200 ] && [ "$(json .verdict)" = malformed ] ||
  fail "malformed: $(json .verdict)"
ok

# ---- actions: CSRF, origin, checks
rec() { call POST /api/record -b "$dir/jar" -H 'Content-Type: application/json' "$@"; }
[ "$(rec -d "{\"receipt_id\":\"$id\",\"action\":\"accept\"}")" = 403 ] || fail "record without CSRF token"
[ "$(rec -H "X-CSRF-Token: $csrf" -H 'Origin: http://evil.example' \
      -d "{\"receipt_id\":\"$id\",\"action\":\"accept\"}")" = 403 ] || fail "record from another origin"
[ "$(call POST /api/scan -b "$dir/jar" -H 'Sec-Fetch-Site: cross-site' --data "$new")" = 403 ] ||
  fail "scan from another site"
[ "$(rec -H "X-CSRF-Token: $csrf" -d "{\"receipt_id\":\"$id\",\"action\":\"return\"}")" = 400 ] ||
  fail "return without a reason"
[ "$(rec -H "X-CSRF-Token: $csrf" -d "{\"receipt_id\":\"$id\",\"action\":\"receive\",\"materials\":[9]}")" = 400 ] ||
  fail "receive a material not on the list"
[ "$(rec -H "X-CSRF-Token: $csrf" -d '{"receipt_id":"0000 0000 0000","action":"accept"}')" = 400 ] ||
  fail "record for a receipt never scanned"
[ "$(rec -H "X-CSRF-Token: $csrf" -H "Origin: $url" \
      -d "{\"receipt_id\":\"${shown,,}\",\"action\":\"receive\",\"materials\":[0,2]}")" = 200 ] ||
  fail "receive: $(cat "$dir/body")"
[ "$(json .record.status)" = receive ] && [ "$(jq -c .record.received "$dir/body")" = "[0,2]" ] ||
  fail "receive record: $(json .record)"
[ "$(rec -H "X-CSRF-Token: $csrf" -d "{\"receipt_id\":\"$id\",\"action\":\"return\",\"reason\":\"缺经费审计报告\"}")" = 200 ] ||
  fail "return"
[ "$(rec -H "X-CSRF-Token: $csrf" -d "{\"receipt_id\":\"$id\",\"action\":\"accept\"}")" = 200 ] || fail "accept"
[ "$(json .record.status)" = accept ] || fail "accept record: $(json .record)"
ok

# ---- lookup in any spelling, today's list, history
lookup=$(echo "$shown" | tr 'A-Z ' 'a-z-')
[ "$(call GET "/api/receipt?id=$lookup" -b "$dir/jar")" = 200 ] || fail "lookup $lookup: $(cat "$dir/body")"
[ "$(json '[.history[].action] | join(",")')" = "scan,scan,scan,receive,return,accept" ] ||
  fail "history: $(json '[.history[].action]')"
[ "$(json '.history[4].detail')" = "缺经费审计报告" ] || fail "reason not kept"
# a changed scan of it shows its record with the materials named (from the kept receipt)
[ "$(call POST /api/scan -b "$dir/jar" --data "$changed")" = 200 ] && [ "$(json .verdict)" = tampered ] ||
  fail "changed scan"
json '[.history[] | select(.action == "receive")][0].detail' | grep -q '^收到：' ||
  fail "materials not named under a changed scan: $(json '.history')"
[ "$(call GET "/api/receipt?id=0000-0000-0000" -b "$dir/jar")" = 404 ] || fail "unknown number"
[ "$(call GET "/api/receipt?id=hello" -b "$dir/jar")" = 400 ] || fail "bad number"
[ "$(call GET /api/today -b "$dir/jar")" = 200 ] || fail "today"
[ "$(json "[.today[] | select(.receipt_id == \"$id\")][0].action")" = accept ] || fail "today: $(cat "$dir/body")"
ok

# ---- lockout: five wrong PINs lock the clerk id, the right PIN then too
for i in 1 2 3 4 5; do
  code=$(call POST /api/login -H 'Content-Type: application/json' -d '{"clerk":"0002","pin":"000000"}')
done
[ "$code" = 423 ] || fail "fifth wrong PIN: $code"
[ "$(call POST /api/login -H 'Content-Type: application/json' -d '{"clerk":"0002","pin":"572914"}')" = 423 ] ||
  fail "locked clerk signed in"
ok

# ---- records and the lockout survive a restart; sign-out ends the session
stop
start "$src/rules"
[ "$(call GET "/api/receipt?id=$id" -b "$dir/jar")" = 200 ] && [ "$(json '.history | length')" = 7 ] ||
  fail "after restart: $(cat "$dir/body")"
[ "$(call POST /api/login -H 'Content-Type: application/json' -d '{"clerk":"0002","pin":"572914"}')" = 423 ] ||
  fail "lockout forgotten on restart"
[ "$(call POST /api/logout -b "$dir/jar" -H "X-CSRF-Token: $csrf")" = 200 ] || fail "logout"
[ "$(call GET /api/me -b "$dir/jar")" = 401 ] || fail "session lives on after sign-out"
[ "$(call GET / )" = 200 ] && grep -q '扫描回执' "$dir/body" && ! grep -q '{{' "$dir/body" || fail "page"
ok
stop
"$desk" --help | grep -q "desk serve" || { echo "FAIL: desk --help"; exit 1; }
"$desk" --version | grep -q '^desk [0-9]' || { echo "FAIL: desk --version"; exit 1; }
echo "desk_api: $n groups of checks passed"
