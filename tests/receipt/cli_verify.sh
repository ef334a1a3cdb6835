#!/usr/bin/env bash
# cli_verify.sh — `precheck keygen` and `precheck verify` as staff use them: keys made
# by the tool (secrets 0600), one receipt of each kind checked as an argument with its
# own exit code and verdict, scanner input on stdin (lower case, CRLF, blank lines),
# sealed receipts with and without the hall key (--hall-key; --dept-key, its old name,
# still works and says so on stderr), and the text in English.
# usage: cli_verify.sh PRECHECK MAKE_RECEIPTS RULES_DIR
set -euo pipefail
precheck=$1 make=$2 rules=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

(umask 077; "$precheck" keygen kiosk --id k1 --secret "$dir/k1.key" --keyring "$dir/ring" > "$dir/pub")
[ "$(stat -c %a "$dir/ring")" = 644 ] || fail "keyring is not 0644 whatever the umask"
"$precheck" keygen department --secret "$dir/dept.key" --public "$dir/dept.pub"
[ "$(stat -c %a "$dir/k1.key")" = 600 ] || fail "kiosk secret is not 0600"
[ "$(stat -c %a "$dir/dept.key")" = 600 ] || fail "department secret is not 0600"
grep -q '^k1 ed25519 [0-9a-f]\{64\}$' "$dir/pub" || fail "public line: $(cat "$dir/pub")"
cmp -s "$dir/pub" "$dir/ring" || fail "keyring differs from the printed public line"
if "$precheck" keygen kiosk --id k1 --secret "$dir/k1.key" 2>/dev/null; then
  fail "keygen overwrote a secret key"
fi
chmod 640 "$dir/k1.key"   # a secret that others may read is refused at load
out=$("$precheck" verify --keyring "$dir/ring" --rules "$rules" --hall-key "$dir/k1.key" </dev/null 2>&1 || true)
echo "$out" | grep -q "readable by others" || fail "a group-readable secret was accepted: $out"
chmod 600 "$dir/k1.key"

"$make" "$dir/k1.key" "$dir/dept.pub" > "$dir/receipts"
declare -A want=([valid]=0 [sealed]=0 [malformed]=1 [tampered]=3 [forged]=4
                 [unknown_kiosk]=5 [unknown_pack]=6)
n=0
while IFS=$'\t' read -r kind text; do
  set +e
  out=$("$precheck" verify --keyring "$dir/ring" --hall-key "$dir/dept.key" --rules "$rules" \
        --json "$text")
  code=$?
  set -e
  [ "$code" = "${want[$kind]}" ] || fail "$kind: exit $code, want ${want[$kind]}: $out"
  verdict=$kind; [ "$kind" = sealed ] && verdict=valid
  echo "$out" | grep -q "\"verdict\": *\"$verdict\"" || fail "$kind: $out"
  n=$((n + 1))
done < "$dir/receipts"
[ "$n" = 7 ] || fail "expected 7 receipts, got $n"

# A scanner: lower case (Caps Lock), CR LF, a stray empty line; all valid → exit 0.
valid=$(grep '^valid' "$dir/receipts" | cut -f2)
printf '%s\r\n\r\n%s\n' "$valid" "${valid,,}" |
  "$precheck" verify --keyring "$dir/ring" --rules "$rules" > "$dir/scan.txt"
[ "$(grep -c '核验：回执有效' "$dir/scan.txt")" = 2 ] || fail "stdin scan: $(cat "$dir/scan.txt")"
grep -q '材料清单' "$dir/scan.txt" || fail "no materials checklist"
# The same in English (--lang), and a language that has no table.
"$precheck" verify --keyring "$dir/ring" --rules "$rules" --lang en "$valid" > "$dir/en.txt"
grep -q '^Check: Valid receipt' "$dir/en.txt" || fail "--lang en: $(cat "$dir/en.txt")"
set +e
"$precheck" verify --keyring "$dir/ring" --rules "$rules" --lang xx "$valid" > "$dir/xx.txt" 2>/dev/null
code=$?
set -e
[ "$code" = 2 ] && [ ! -s "$dir/xx.txt" ] || fail "--lang xx: exit $code"

# --dept-key, the old name: the same answer, and a line on stderr naming --hall-key.
sealed=$(grep '^sealed' "$dir/receipts" | cut -f2)
out=$("$precheck" verify --keyring "$dir/ring" --dept-key "$dir/dept.key" --rules "$rules" \
      --json "$sealed" 2>"$dir/dept-key.err") || fail "--dept-key: exit $?: $out"
echo "$out" | grep -q '"verdict": *"valid"' || fail "--dept-key: $out"
grep -q -- "--dept-key is now --hall-key" "$dir/dept-key.err" || fail "--dept-key: no deprecation line"
"$precheck" verify --keyring "$dir/ring" --hall-key "$dir/dept.key" --rules "$rules" "$sealed" \
  >/dev/null 2>"$dir/hall-key.err" || fail "--hall-key on a sealed receipt"
[ ! -s "$dir/hall-key.err" ] || fail "--hall-key wrote to stderr: $(cat "$dir/hall-key.err")"

# Sealed without the hall's key: only the number; exit 7.
set +e
out=$("$precheck" verify --keyring "$dir/ring" --rules "$rules" "$sealed")
code=$?
set -e
[ "$code" = 7 ] || fail "sealed without key: exit $code: $out"
echo "$out" | grep -q '回执编号：[0-9A-Z]\{4\} ' || fail "sealed without key shows no number: $out"

# Several lines: the exit code is the first rejection's.
set +e
printf '%s\n%s\n' "$valid" "$(grep '^forged' "$dir/receipts" | cut -f2)" |
  "$precheck" verify --keyring "$dir/ring" --rules "$rules" > /dev/null
code=$?
set -e
[ "$code" = 4 ] || fail "mixed stdin: exit $code, want 4"
# A line of any length is one verdict (issue 12): 20,000 characters, then a valid receipt.
set +e
out=$( { python3 -c "print('RC1' + 'A' * 20000)"; printf '%s\n' "$valid"; } |
  "$precheck" verify --keyring "$dir/ring" --rules "$rules" --json)
set -e
[ "$(echo "$out" | grep -c '"verdict"')" = 2 ] || fail "a long line is not one verdict: $(echo "$out" | grep -c verdict)"
echo "$out" | tail -n +2 | grep -q '"verdict": *"valid"' || echo "$out" | grep -q '"valid"' || fail "the receipt after a long line: $out"
"$precheck" --version | grep -q '^precheck [0-9]' || fail "precheck --version"
echo "cli_verify: 7 kinds, stdin scanning, sealed, long lines: ok"
