#!/bin/sh
# kiosk_cli.sh KIOSK VERSION DIR — the kiosk's command line (issue 12): --help on stdout
# with exit 0, --version with the project's version, an unknown option refused on
# stderr with exit 2; --hash-pin refuses easy PINs with the reason and hashes a good
# one; a configuration whose staff_pin_hash is not a hash stops the kiosk at start with
# a message naming the key.
set -u
kiosk=$1 version=$2 dir=$3
rm -rf "$dir" && mkdir -p "$dir"
fail() { echo "kiosk_cli: $*" >&2; exit 1; }
"$kiosk" --help >"$dir/out" 2>"$dir/err" || fail "--help: exit $?"
grep -q "^Usage: kiosk" "$dir/out" && [ ! -s "$dir/err" ] || fail "--help: no usage on stdout"
[ "$("$kiosk" --version)" = "kiosk $version" ] || fail "--version: $("$kiosk" --version)"
"$kiosk" --frobnicate >"$dir/out" 2>"$dir/err"
[ $? -eq 2 ] || fail "an unknown option: exit status is not 2"
grep -q -- "--frobnicate: not an option" "$dir/err" && [ ! -s "$dir/out" ] || fail "unknown option: $(cat "$dir/err")"
for pin in 12345 000000 123456 246810 987654 99999999 12a456; do
  echo "$pin" | "$kiosk" --hash-pin >"$dir/out" 2>"$dir/err"
  [ $? -eq 2 ] && [ ! -s "$dir/out" ] || fail "--hash-pin took the easy PIN $pin"
  grep -q "这个 PIN 不能使用：" "$dir/err" || fail "--hash-pin $pin: no reason: $(cat "$dir/err")"
done
echo 123456 | "$kiosk" --hash-pin 2>&1 | grep -q "连续" || fail "--hash-pin 123456: not called a run"
echo 483172 | "$kiosk" --hash-pin >"$dir/out" || fail "--hash-pin refused 483172"
grep -q '^staff_pin_hash: "\$argon2id\$' "$dir/out" || fail "--hash-pin printed: $(cat "$dir/out")"
printf 'database: %s/q.sqlite\nstaff_pin_hash: "$argon2id$v=19$m=65536,t=2,p=1$abc$def"\n' "$dir" >"$dir/bad.yaml"
SDL_VIDEODRIVER=dummy "$kiosk" --config "$dir/bad.yaml" --size 1080x1920 2>"$dir/err" >/dev/null
rc=$?
[ $rc -ne 0 ] || fail "a kiosk with an invalid staff_pin_hash started"
grep -q "bad.yaml:2: staff_pin_hash: not a PIN hash" "$dir/err" || fail "invalid hash: $(cat "$dir/err")"
echo "kiosk_cli: ok"
