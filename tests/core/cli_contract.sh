#!/usr/bin/env bash
# cli_contract.sh — `precheck eval` as design.md promises it: the issue's example gives
# the expected JSON; every bad input exits 2 with one stderr line naming the offending
# value and nothing on stdout. `precheck questions` as text (zh-CN, and en by
# PRECHECK_LANG) and as JSON.
set -u
precheck=$1 rules=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail=0
bad() { echo "FAIL: $*" >&2; fail=1; }

eval_ok() { # facts-json today → stdout JSON in $tmp/out
  printf '%s' "$1" > "$tmp/facts.json"
  "$precheck" eval --rules "$rules" --policy guangxi-sti --facts "$tmp/facts.json" --today "$2" > "$tmp/out" 2> "$tmp/err" || bad "eval exit $? for $1"
}
jq_get() { python3 -c "import json,sys; d=json.load(open('$tmp/out')); print(eval(sys.argv[1]))" "$1"; }

eval_ok '{"facts":{"3":true,"4.1":true,"4.2":true,"4.3":true,"4.4":true,"5.5":true}}' 2026-11-22
[ "$(jq_get 'd["outcome"]')" = exempt ] || bad "example: outcome $(jq_get 'd["outcome"]')"
[ "$(jq_get 'd["policy_status"]')" = draft ] || bad "example: policy_status"
[ "$(jq_get '"5.5" in d["basis"]')" = True ] || bad "example: 5.5 not in basis"
[ "$(jq_get 'len(d["materials"])')" = 5 ] || bad "example: materials"
[ "$(jq_get 'all(m["cite"]=="6.1" for m in d["materials"])')" = True ] || bad "example: material cites"
[ "$(jq_get 'd["deadline"]["state"]')" = unknown ] || bad "example: deadline without a date is unknown"
[ "$(jq_get 'd["deadline"]["date"]')" = None ] || bad "example: deadline without a date has no date"
[ "$(jq_get 'd["deadline"]["event"]')" = 科学技术行政部门启动追责程序 ] || bad "example: the deadline names its own event"
[ "$(jq_get 'd["draft"]')" = True ] || bad "example: a draft says so"
[ "$(jq_get 'len(d["steps"]) > 0')" = True ] || bad "example: steps"

eval_ok '{"facts":{"3":true,"4.1":true,"4.2":true,"4.3":false,"4.4":true,"5.5":true}}' 2026-11-22
[ "$(jq_get 'd["outcome"]')" = ineligible ] || bad "4.3 false: outcome"
[ "$(jq_get '"4.3" in d["basis"]')" = True ] || bad "4.3 false: basis"

eval_ok '{"facts":{"3":true},"dates":{"notified_on":"2026-09-20"}}' 2026-09-21
[ "$(jq_get 'd["deadline"]["date"]')" = 2026-10-23 ] || bad "deadline across the National Day: $(jq_get 'd["deadline"]')"
eval_ok '{"facts":{"3":true},"dates":{"notified_on":"not_yet"}}' 2026-09-21
[ "$(jq_get 'd["deadline"]["state"]')" = not_started ] || bad "deadline not started: $(jq_get 'd["deadline"]')"

# each pack names its own deadline event, or sets none (issue 8, defect 7); steps the
# applicant takes part in are marked, and the warning on false applications is given (defect 9)
pack_eval() { printf '{"facts":{}}' | "$precheck" eval --rules "$rules" --policy "$1" --today 2024-06-01 --facts - > "$tmp/out" || bad "eval $1"; }
pack_eval guangxi-sti
[ "$(jq_get 'd["deadline"]["event"]')" = 科学技术行政部门启动追责程序 ] || bad "guangxi event"
[ "$(jq_get 'any(s["applicant"] and s["cite"].startswith("8.") for s in d["steps"])')" = True ] || bad "guangxi 第八条 steps"
[ "$(jq_get '"科研诚信" in d["warning"]')" = True ] || bad "guangxi warning"
pack_eval yunnan-sti
[ "$(jq_get 'any(s["applicant"] and s["cite"].startswith("9.") for s in d["steps"])')" = True ] || bad "yunnan 第九条 steps"
[ "$(jq_get 'd["warning"] != ""')" = True ] || bad "yunnan warning"
pack_eval yuexiu-reform
[ "$(jq_get '"申辩" in d["deadline"]["event"]')" = True ] || bad "yuexiu event: $(jq_get 'd["deadline"]')"
[ "$(jq_get 'any(s["applicant"] and s["cite"] == "6.2" for s in d["steps"])')" = True ] || bad "yuexiu 六（二） step"
pack_eval sichuan-ftz
[ "$(jq_get 'd["deadline"]')" = None ] || bad "sichuan sets no deadline"
[ "$(jq_get 'any(s["applicant"] and s["cite"] == "12.3" for s in d["steps"])')" = True ] || bad "sichuan 第十二条（三） step"
pack_eval shaoxing-cadre
[ "$(jq_get 'd["deadline"]')" = None ] || bad "shaoxing sets no deadline"

# precheck walk: the screens the kiosk would show, and the same outcome as eval
printf '%s' '{"facts":{"3":true,"4.1":true,"4.2":true,"4.3":true,"4.4":true,"5.5":true},"dates":{"notified_on":"2026-11-20"}}' > "$tmp/w.json"
"$precheck" walk --rules "$rules" --policy guangxi-sti --facts "$tmp/w.json" --today 2026-11-22 > "$tmp/out" 2> "$tmp/err" || bad "walk exit $?"
[ "$(jq_get 'd["result"]["outcome"]')" = exempt ] || bad "walk: outcome $(jq_get 'd["result"]["outcome"]')"
[ "$(jq_get '0 < len(d["screens"]) <= 10')" = True ] || bad "walk: $(jq_get 'len(d["screens"])') screens"
[ "$(jq_get 'd["screens"][0]["question"]')" != "" ] || bad "walk: screens name their question"
[ "$(jq_get 'd["result"]["deadline"]["date"]')" != None ] || bad "walk: the date question was asked and answered"
printf '%s' '{"answers":{"nope":"yes"}}' > "$tmp/w2.json"
"$precheck" walk --rules "$rules" --policy guangxi-sti --facts "$tmp/w2.json" > "$tmp/out" 2> "$tmp/err"
[ $? = 2 ] && [ ! -s "$tmp/out" ] && grep -q '"nope"' "$tmp/err" || bad "walk: unknown question id refused"

expect_refused() { # name, needle, args...
  local name=$1 needle=$2; shift 2
  "$precheck" eval --rules "$rules" "$@" > "$tmp/out" 2> "$tmp/err"; local rc=$?
  [ $rc -eq 2 ] || bad "$name: exit $rc, expected 2"
  [ -s "$tmp/out" ] && bad "$name: stdout not empty"
  [ "$(wc -l < "$tmp/err")" -eq 1 ] || bad "$name: stderr is not one line: $(cat "$tmp/err")"
  grep -qF -- "$needle" "$tmp/err" || bad "$name: stderr lacks \"$needle\": $(cat "$tmp/err")"
}
printf '{"facts":{"3":true}}' > "$tmp/good.json"
expect_refused "unknown policy" "no-such-policy" --policy no-such-policy --facts "$tmp/good.json"
expect_refused "odd policy name" "../x" --policy ../x --facts "$tmp/good.json"
printf '{"facts":{"99.1":true}}' > "$tmp/f1.json"
expect_refused "unknown citation" '"99.1"' --policy guangxi-sti --facts "$tmp/f1.json"
printf '{"facts":{"3":tru}}' > "$tmp/f2.json"
expect_refused "malformed JSON" "malformed JSON" --policy guangxi-sti --facts "$tmp/f2.json"
printf '{"dates":{"notified_on":"2026-02-30"}}' > "$tmp/f3.json"
expect_refused "impossible date" "2026-02-30" --policy guangxi-sti --facts "$tmp/f3.json"
printf '{"facts":{"3":"yes"}}' > "$tmp/f4.json"
expect_refused "non-boolean value" '"3"' --policy guangxi-sti --facts "$tmp/f4.json"
expect_refused "bad --today" "2026-13-01" --policy guangxi-sti --facts "$tmp/good.json" --today 2026-13-01
expect_refused "missing facts file" "/nonexistent.json" --policy guangxi-sti --facts /nonexistent.json
expect_refused "missing --facts" "--facts" --policy guangxi-sti

"$precheck" questions --rules "$rules" --policy guangxi-sti > "$tmp/q" || bad "questions exit $?"
grep -q "第三条" "$tmp/q" || bad "questions: no citation label"
grep -q "^   回答：是 / 否 / 不确定$" "$tmp/q" || bad "questions: no answer line"
PRECHECK_LANG=en "$precheck" questions --rules "$rules" --policy guangxi-sti > "$tmp/q"
grep -q "^   Answer: Yes / No / Not sure$" "$tmp/q" || bad "questions: PRECHECK_LANG=en"
"$precheck" questions --rules "$rules" --policy guangxi-sti --lang xx > "$tmp/out" 2> "$tmp/err"
[ $? = 2 ] && [ ! -s "$tmp/out" ] && grep -q '"xx"' "$tmp/err" || bad "questions --lang xx"
"$precheck" questions --rules "$rules" --policy guangxi-sti --json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert len(d["questions"])>5' || bad "questions --json"
exit $fail
