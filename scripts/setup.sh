#!/usr/bin/env bash
# Installs the Debian packages the kiosk, its tests and its tools need, when missing.
# Everything comes from Debian's archive (design.md, "Dependencies").
set -euo pipefail
packages=(
  build-essential cmake pkg-config clang clang-format libclang-rt-14-dev valgrind
  libsdl2-dev libsdl2-ttf-dev libsqlite3-dev libqrencode-dev libyaml-dev
  libjansson-dev libsodium-dev libcurl4-openssl-dev libmicrohttpd-dev libpng-dev
  liboath-dev libespeak-ng-dev espeak-ng-data zbar-tools fonts-noto-cjk fonttools python3
  sqlite3 xvfb openssl libpq-dev postgresql
  chromium poppler-utils jq curl  # the staff desk's browser tests (tests/desk): browser, PDF text, API
  help2man  # the man pages, from each program's --help (cmake/PcManPages.cmake)
)
# The browser tests' driver (playwright-core, pinned in tests/desk/browser/package-lock.json).
desk_browser="$(dirname "$0")/../tests/desk/browser"
if command -v npm >/dev/null && [ ! -d "$desk_browser/node_modules/playwright-core" ]; then
  npm ci --prefix "$desk_browser" --no-audit --no-fund --loglevel=error >/dev/null
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "setup: installing ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
