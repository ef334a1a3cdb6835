#!/bin/sh
# kiosk_cli.sh KIOSK VERSION DIR — the kiosk's command line (issue 12): --help on stdout
# with exit 0, --version with the project's version, an unknown option refused on
# stderr with exit 2; --hash-pin refuses easy PINs with the reason and hashes a good
# one; a configuration whose staff_pin_hash is not a hash stops the kiosk at start with
# a message naming the key. Without the bold font file beside the regular one the kiosk
# (or with a file that is not a font) still starts and shows its screens (synthetic
# bold), and the log says so.
set -u
kiosk=$1 version=$2 dir=$3 fonts=$4
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
mkdir -p "$dir/fonts"
cp "$fonts/NotoSansSC-Subset.otf" "$dir/fonts/"
printf 'database: %s/q2.sqlite\nfont: %s/fonts/NotoSansSC-Subset.otf\n' "$dir" "$dir" >"$dir/nobold.yaml"
printf 'tap start\nexpect screen notice\nexpect in-view notice:go\n' >"$dir/nobold.script"
SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy "$kiosk" --config "$dir/nobold.yaml" --size 1080x1920 \
  --today 2026-11-25 --script "$dir/nobold.script" >/dev/null 2>"$dir/err" || fail "no bold font: $(cat "$dir/err")"
grep -q "NotoSansSC-Bold-Subset.otf cannot be read; bold text drawn with synthetic bold" "$dir/err" ||
  fail "no bold font: not logged: $(cat "$dir/err")"
echo "not a font" >"$dir/fonts/NotoSansSC-Bold-Subset.otf"
SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy "$kiosk" --config "$dir/nobold.yaml" --size 1080x1920 \
  --today 2026-11-25 --script "$dir/nobold.script" >/dev/null 2>"$dir/err" || fail "bad bold font: $(cat "$dir/err")"
grep -q "NotoSansSC-Bold-Subset.otf: .*; bold text drawn with synthetic bold" "$dir/err" ||
  fail "bad bold font: not logged: $(cat "$dir/err")"
echo "kiosk_cli: ok"
