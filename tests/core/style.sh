#!/usr/bin/env bash
# style.sh — the code follows the house .clang-format: every C file under app/ and sync/
# is as `clang-format -i` would leave it. Prints the files that are not.
set -u
src=$1
command -v clang-format >/dev/null || { echo "clang-format is not installed (scripts/setup.sh)"; exit 1; }
cd "$src"
bad=0
while IFS= read -r f; do
  if ! clang-format --style=file --dry-run -Werror "$f" >/dev/null 2>&1; then
    echo "not in the house style: $f (clang-format -i $f)"
    bad=1
  fi
done < <(find app sync -name '*.c' -o -name '*.h' | sort)
exit $bad
