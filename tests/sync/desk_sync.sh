#!/usr/bin/env bash
# desk_sync.sh — the desk's records reach the department, end to end with the real
# programs: a kiosk's pre-checks (desk_issue: store first, then the receipt) go to a
# receiver with kiosk-sync; a real `desk serve` signs a clerk in, scans the receipts
# and records 收件 (materials ticked), 受理, 退回 and 不予受理 through its API; `desk sync
# --config desk.yaml` (the desk's YAML, sync: mapping) sends them to the receiver,
# which knows the desk from its --desks keyring; `receiver export --desk` shows each
# record once with the pre-check's policy, its receipt's time (the pre-check's key at
# the department) and no applicant answer; a second run sends
# nothing; records sent again (the desk lost its marks) store nothing twice; the
# operator console's /console/api/desk counts them per policy; bad settings exit 2 with
# one line; a desk the receiver does not know, or a kiosk's key used as a desk's, exits
# 77 and marks nothing; nobody listening exits 75; a wrong url (404) exits 65.
# usage: desk_sync.sh DESK RECEIVER KIOSK_SYNC DESK_ISSUE SOURCE_DIR
set -euo pipefail
desk=$1 recv=$2 ks=$3 issue=$4 src=$5
dir=$(mktemp -d)
dpid= rpid=
cleanup() {
  [ -n "$dpid" ] && kill "$dpid" 2>/dev/null
  [ -n "$rpid" ] && kill "$rpid" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  for log in receiver.log desk.log; do [ -f "$dir/$log" ] && tail -5 "$dir/$log" >&2; done
  exit 1
}
cd "$dir"
wait_port() { for _ in $(seq 600); do [ -s "$1" ] && return 0; sleep 0.05; done; fail "no $1"; }

# ---- keys: the department, a kiosk, the desk (its own keyring), a desk nobody enrolled
"$recv" keygen --id department --secret dept.key --public dept.keyring >/dev/null
"$recv" keygen --id hall1-k01 --secret kiosk.key --public kiosks.keyring >/dev/null
"$recv" keygen --id hall1-desk1 --secret desk.key --public desks.keyring >/dev/null
"$recv" keygen --id hall1-desk9 --secret stranger.key --public stranger.keyring >/dev/null

# ---- three pre-checks at the kiosk, carried to the department by kiosk-sync
notified=$(date -d '-3 days' +%F)
answers='{"scope":1,"direction":"yes","cause":0,"major_loss":"no","decision":"unsure",
 "private_gain":"no","kind":0,"situations":[1],"s2_records":"unsure","notified":"'$notified'"}'
"$issue" kiosk.db kiosk.key "$src/rules/guangxi-sti.yaml" "$answers" 3 > receipts.txt
mapfile -t rc < receipts.txt
[ ${#rc[@]} = 3 ] || fail "desk_issue made ${#rc[@]} receipts"
"$recv" init --db receiver.db >/dev/null
"$recv" serve --db receiver.db --kiosks kiosks.keyring --desks desks.keyring --key dept.key \
  --rules "$src/rules" --port 0 --port-file rport 2>>receiver.log &
rpid=$!
wait_port rport
rurl="http://127.0.0.1:$(cat rport)"
mkdir rules
printf '{"database":"%s/kiosk.db","kiosk_key":"%s/kiosk.key","department_keys":"%s/dept.keyring",
"url":"%s","rules_dir":"%s/rules","max_attempts":2,"backoff_initial_ms":10,"timeout_seconds":5}\n' \
  "$dir" "$dir" "$dir" "$rurl" "$dir" > kiosk-sync.json
"$ks" --config kiosk-sync.json --quiet run >/dev/null || fail "kiosk-sync run"
[ "$("$recv" list --db receiver.db | wc -l)" = 3 ] || fail "the pre-checks did not arrive"

# ---- the desk: a clerk scans the receipts and records what happened
echo 483172 | "$desk" clerk-add --db desk.db 0001 >/dev/null
"$desk" serve --db desk.db --keyring kiosks.keyring --rules "$src/rules" --listen 127.0.0.1:0 \
  --port-file dport 2>>desk.log &
dpid=$!
wait_port dport
durl="http://127.0.0.1:$(cat dport)"
call() { # method path [curl args…] → body in $dir/body, status echoed
  local m=$1 p=$2
  shift 2
  curl -s -o body -w '%{http_code}' -X "$m" "$@" "$durl$p"
}
[ "$(call POST /api/login -c jar -H 'Content-Type: application/json' \
      -d '{"clerk":"0001","pin":"483172"}')" = 200 ] || fail "desk login: $(cat body)"
csrf=$(jq -r .csrf body)
ids=()
for r in "${rc[@]}"; do
  [ "$(call POST /api/scan -b jar --data "$r")" = 200 ] && [ "$(jq -r .verdict body)" = valid ] ||
    fail "scan: $(cat body)"
  ids+=("$(jq -r .receipt_id body)")
done
rec() { # receipt_id action [extra JSON]
  [ "$(call POST /api/record -b jar -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" \
        -d "{\"receipt_id\":\"$1\",\"action\":\"$2\"${3:-}}")" = 200 ] || fail "record $2: $(cat body)"
}
rec "${ids[0]}" receive ',"materials":[0]'
rec "${ids[0]}" accept
rec "${ids[1]}" return ',"reason":"缺少营业执照副本"'
rec "${ids[2]}" refuse ',"reason":"不属于本政策适用范围"'

# ---- desk sync: bad settings exit 2 with one line naming what is wrong
cat > desk.yaml <<EOF
db: $dir/desk.db
listen: 127.0.0.1:8780
sync:
  url: $rurl
  key: $dir/desk.key
  id: hall1-desk1
  department_keys: $dir/dept.keyring
  batch_size: 2
  max_attempts: 2
EOF
sed 's/batch_size: 2/batch_size: none/' desk.yaml > bad.yaml
sed 's/  batch_size: 2/  colour: red/' desk.yaml > unknown.yaml
for args in "--config bad.yaml" "--config unknown.yaml" "--config desk.yaml --id hall1-desk2" \
            "--db desk.db" "--config desk.yaml --url ftp://x" "--config nowhere.yaml"; do
  set +e
  # shellcheck disable=SC2086
  "$desk" sync $args >/dev/null 2>err
  code=$?
  set -e
  [ "$code" = 2 ] && [ "$(wc -l < err)" = 1 ] || fail "desk sync $args: exit $code: $(cat err)"
done
grep -q batch_size <("$desk" sync --config bad.yaml 2>&1) || fail "bad value not named"
grep -q colour <("$desk" sync --config unknown.yaml 2>&1) || fail "unknown key not named"
"$desk" sync --help | grep -q "desk sync" || fail "desk sync --help"

# a desk the receiver does not know, and a kiosk's key as a desk's: 77, nothing marked
for key in stranger.key kiosk.key; do
  set +e
  "$desk" sync --config desk.yaml --id "" --key "$key" >out 2>err
  code=$?
  set -e
  [ "$code" = 77 ] && grep -q "pending 4" out || fail "$key: exit $code: $(cat out err)"
done
# nobody listening: 75, nothing marked
set +e
"$desk" sync --config desk.yaml --url http://127.0.0.1:9 >out 2>err
code=$?
set -e
[ "$code" = 75 ] && grep -q "pending 4" out || fail "receiver down: exit $code: $(cat out)"

# a wrong url (the receiver answers 404, signed): 65, nothing marked
set +e
"$desk" sync --config desk.yaml --url "$rurl/intake" >out 2>err
code=$?
set -e
[ "$code" = 65 ] && grep -q "refused 4, pending 4" out || fail "wrong url: exit $code: $(cat out err)"

# ---- the night's run: every record once, two batches of two
"$desk" sync --config desk.yaml >out 2>err || fail "desk sync: $(cat out err)"
grep -q "sent 4, acknowledged 4, refused 0, pending 0" out || fail "summary: $(cat out)"
[ "$(grep -c '^desk sync: batch' err)" = 2 ] || fail "batches: $(cat err)"
"$recv" export --desk --db receiver.db > desk.jsonl
[ "$(wc -l < desk.jsonl)" = 4 ] || fail "export: $(cat desk.jsonl)"
[ "$(jq -r 'select(.record.action == "receive") | .record.materials | tostring' desk.jsonl)" = "[0]" ] ||
  fail "materials"
[ "$(jq -r '.record.kiosk_id' desk.jsonl | sort -u)" = hall1-k01 ] || fail "kiosk ids"
[ "$(jq -r '.policy_id' desk.jsonl | sort -u)" = guangxi-sti ] || fail "policy join"
[ "$(jq -r '.record.clerk_id' desk.jsonl | sort -u)" = 0001 ] || fail "clerk"
grep -q 缺少营业执照副本 desk.jsonl || fail "reason"
! grep -q -e answers -e scan desk.jsonl || fail "answers or scans left the desk"
[ "$(jq -r .seq desk.jsonl | tr '\n' ' ')" = "1 2 3 4 " ] || fail "seq"
# each record carries its receipt's time, the department's key for the pre-check
while read -r rid made; do
  [ "$made" -gt 0 ] || fail "no receipt time sent for $rid"
  if command -v sqlite3 >/dev/null; then
    [ "$(sqlite3 receiver.db "SELECT count(*) FROM submission WHERE kiosk_id = 'hall1-k01'
      AND created_at = $made AND receipt_id = '$rid'")" = 1 ] || fail "receipt time of $rid"
  fi
done < <(jq -r '"\(.record.receipt_id) \(.record.receipt_created_at)"' desk.jsonl)
"$recv" export --desk --db receiver.db --since 2 | jq -e -s 'length == 2' >/dev/null ||
  fail "export --since"

# nothing left to send; sent again after the desk lost its marks: nothing stored twice
"$desk" sync --config desk.yaml >out 2>err || fail "second run"
grep -q "sent 0, acknowledged 0" out || fail "second run sent: $(cat out)"
kill "$dpid"
wait "$dpid" || fail "desk exit"
dpid=
if command -v sqlite3 >/dev/null; then # (scripts/setup.sh installs it)
  sqlite3 desk.db "UPDATE event SET synced_at = 0"
  "$desk" sync --config desk.yaml >out 2>err || fail "resend"
  grep -q "sent 4, acknowledged 4" out && grep -q "(0 new)" err || fail "resend: $(cat out err)"
  [ "$("$recv" export --desk --db receiver.db | wc -l)" = 4 ] || fail "stored twice"
fi

# ---- the operator console counts them per policy
echo 'correct horse battery' | "$recv" operator-add --db receiver.db wang >/dev/null
curl -sf -c cjar -H 'Content-Type: application/json' \
  -d '{"name":"wang","password":"correct horse battery"}' "$rurl/console/api/login" >/dev/null ||
  fail "console login"
curl -sf -b cjar "$rurl/console/api/desk" > report.json || fail "console desk report"
jq -e '.totals == {"receive":1,"accept":1,"returned":2} and .policies[0].id == "guangxi-sti"
       and (.policies[0].title | length) > 0 and .not_received == 0' report.json >/dev/null ||
  fail "report: $(cat report.json)"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$rurl/console/api/desk")" = 401 ] ||
  fail "report without signing in"
echo "desk_sync: 4 records scanned, recorded, sent once, counted; refusals checked"
