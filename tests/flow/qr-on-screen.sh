#!/usr/bin/env bash
# qr-on-screen.sh — the result screen's QR code reads the way a staff scanner reads it:
# runs receipt.script, decodes the screenshot with zbarimg, and checks that the text
# is a receipt ("RC1…") and that the printer got a job.
# usage: qr-on-screen.sh KIOSK SOURCE_DIR OUT_DIR
set -eu
kiosk=$1 root=$2 out=$3
rm -rf "$out" && mkdir -p "$out"
printf 'kiosk_id: flow-qr\ndatabase: %s/queue.sqlite\nprinter: %s/printer.bin\n' "$out" "$out" > "$out/kiosk.yaml"
SDL_VIDEODRIVER=dummy "$kiosk" --config "$out/kiosk.yaml" --size 1080x1920 --today 2026-11-25 \
  --build-date 2017-01-01 --script "$root/tests/flow/receipt.script" --screenshots "$out"
text=$(zbarimg -q --raw "$out/receipt.png")
case "$text" in
  RC1*) echo "qr-on-screen: decoded ${#text} characters: ${text:0:24}…" ;;
  *) echo "qr-on-screen: no receipt in the QR: '$text'" >&2; exit 1 ;;
esac
[ -s "$out/printer.bin" ] || { echo "qr-on-screen: nothing was printed" >&2; exit 1; }
