#!/usr/bin/env bash
# qr-on-screen.sh — the result screen's QR code reads the way a staff scanner reads it:
# runs receipt.script, decodes the screenshot with zbarimg, and checks that the text
# is a receipt ("RC1…") that `precheck verify` accepts with the keyring the kiosk keeps
# beside its database (no signing key configured: the kiosk made and kept its own), and
# that the printer got a job. A second session signs with the same kept key.
# usage: qr-on-screen.sh KIOSK PRECHECK SOURCE_DIR OUT_DIR
set -eu
kiosk=$1 precheck=$2 root=$3 out=$4
rm -rf "$out" && mkdir -p "$out"
printf 'kiosk_id: flow-qr\ndatabase: %s/queue.sqlite\nprinter: %s/printer.bin\n' "$out" "$out" > "$out/kiosk.yaml"
session() {
  SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy "$kiosk" --config "$out/kiosk.yaml" --size 1080x1920 --today 2026-11-25 \
    --build-date 2017-01-01 --script "$root/tests/flow/receipt.script" --screenshots "$out"
  # QR only: zbar also reads Code 39 and once took a dash of the screen for one ("-")
  text=$(zbarimg -q --raw -Sdisable -Sqrcode.enable "$out/receipt.png")
  case "$text" in
    RC1*) echo "qr-on-screen: decoded ${#text} characters: ${text:0:24}…" ;;
    *) echo "qr-on-screen: no receipt in the QR: '$text'" >&2; exit 1 ;;
  esac
  "$precheck" verify --rules "$root/rules" --keyring "$out/queue.sqlite.keyring" "$text" > "$out/verify.txt" \
    || { echo "qr-on-screen: precheck verify refused the on-screen receipt:" >&2; cat "$out/verify.txt" >&2; exit 1; }
}
session
[ -s "$out/printer.bin" ] || { echo "qr-on-screen: nothing was printed" >&2; exit 1; }
[ "$(stat -c %a "$out/queue.sqlite.key")" = 600 ] || { echo "qr-on-screen: key file is not 0600" >&2; exit 1; }
key_before=$(sha256sum < "$out/queue.sqlite.key")
session
[ "$(sha256sum < "$out/queue.sqlite.key")" = "$key_before" ] || { echo "qr-on-screen: the kept key changed" >&2; exit 1; }
[ "$(wc -l < "$out/queue.sqlite.keyring")" -eq 1 ] || { echo "qr-on-screen: keyring grew" >&2; exit 1; }
echo "qr-on-screen: both sessions verified by the staff desk"
