#!/usr/bin/env bash
# run-kiosk.sh — runs the kiosk where there is a screen, or shows its journey where
# there is none.
#   With $DISPLAY or $WAYLAND_DISPLAY: a window (KIOSK_SIZE, default 540x960: the
#   portrait layout at half size; 1080x1920 or 1920x1080 for real sizes).
#   On a console with DRM (/dev/dri/card*) and no display server: full screen (kmsdrm).
#   Otherwise: the scripted demo journey under SDL_VIDEODRIVER=dummy (tests/flow/demo.script:
#   the privacy notice, a result that leads on, a refusal with its next steps, large
#   text, the idle countdown), with its screenshots written to out/screenshots/.
# Extra arguments go to the kiosk (e.g. --config FILE, --today YYYY-MM-DD).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${KIOSK_BUILD:-$root/build}"
"$root/scripts/setup.sh"
if [ ! -x "$build/kiosk" ]; then
  cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build "$build" -j"$(nproc)" --target kiosk >/dev/null
fi
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  echo "run-kiosk: window ${KIOSK_SIZE:-540x960} on ${WAYLAND_DISPLAY:-$DISPLAY} (staff exit: hold the top-left corner 3 s, PIN)" >&2
  exec "$build/kiosk" --size "${KIOSK_SIZE:-540x960}" "$@"
fi
if compgen -G "/dev/dri/card*" >/dev/null && [ -z "${KIOSK_DEMO:-}" ]; then
  echo "run-kiosk: no display server; full screen on the console (kmsdrm)" >&2
  if SDL_VIDEODRIVER=kmsdrm "$build/kiosk" "$@"; then exit 0; fi
  echo "run-kiosk: kmsdrm did not start (DRM master? the input group?)" >&2
fi
out="$root/out/screenshots"
mkdir -p "$out"
echo "run-kiosk: no display here: running the scripted demo journey (SDL_VIDEODRIVER=dummy, 1080x1920)" >&2
rm -f "$out"/*.png
SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy "$build/kiosk" --size 1080x1920 --today 2026-11-25 \
  --build-date 2017-01-01 --script "$root/tests/flow/demo.script" --screenshots "$out" \
  --config <(printf 'kiosk_id: demo\ndatabase: %s/out/demo-queue.sqlite\nidle_seconds: 60\n%s\n%s\n%s\n%s\n' \
    "$root" "department: 示例市政务服务管理局" "help_place: 服务大厅3号咨询窗口" \
    "help_hours: 工作日 9:00—12:00，13:30—17:00" "help_phone: 020-12345678") "$@"
echo "run-kiosk: demo screenshots written to $out:" >&2
ls "$out" >&2
