#!/usr/bin/env bash
# lint_mutation.sh — proves the verbatim check bites: one character changed in one
# clause's text (or one clause's citation dropped from the logic's questions) makes
# `precheck lint` fail, naming the file, line and citation.
set -u
precheck=$1 rules=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp -r "$rules/." "$tmp/"
pack="$tmp/guangxi-sti.yaml"
"$precheck" lint "$pack" > /dev/null || { echo "FAIL: pristine pack does not lint clean"; exit 1; }
python3 - "$pack" <<'PY'
import sys, re
p = sys.argv[1]; s = open(p, encoding='utf-8').read()
s2 = s.replace('（三）没有谋取个人私利。遵守廉政规定', '（三）没有谋取个人私利。遵守廉洁规定', 1)
assert s2 != s, 'mutation target not found'
open(p, 'w', encoding='utf-8').write(s2)
PY
out=$("$precheck" lint "$pack"); rc=$?
[ $rc -ne 0 ] || { echo "FAIL: lint passed a changed clause text"; exit 1; }
echo "$out" | grep -qE "guangxi-sti.yaml:[0-9]+: 4\.3: text is not found verbatim" || { echo "FAIL: message: $out"; exit 1; }
echo "ok: $out"

# A word written twice in a question ("工作工作", issue 8 defect 12) fails lint too.
pack="$tmp/shaoxing-cadre.yaml"
"$precheck" lint "$pack" > /dev/null || { echo "FAIL: pristine shaoxing pack does not lint clean"; exit 1; }
python3 - "$pack" <<'PY'
import sys
p = sys.argv[1]; s = open(p, encoding='utf-8').read()
s2 = s.replace('出现失误的这项工作，', '出现失误的这项工作工作，', 1)
assert s2 != s, 'mutation target not found'
open(p, 'w', encoding='utf-8').write(s2)
PY
out=$("$precheck" lint "$pack"); rc=$?
[ $rc -ne 0 ] || { echo "FAIL: lint passed a doubled word"; exit 1; }
echo "$out" | grep -qE "shaoxing-cadre.yaml:[0-9]+: cond_policy: a word is written twice" || { echo "FAIL: message: $out"; exit 1; }
echo "ok: $out"
