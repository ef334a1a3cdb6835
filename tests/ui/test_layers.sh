#!/usr/bin/env bash
# test_layers.sh — app/ui's dependencies run one way (app/ui/README.md):
#   base ← draw ← screens ← flow ← main, with session (no SDL) beside base and script/
#   (the scripted test mode) on top. Each file may include only the headers of its own
#   folder and of the folders below it, and session/ includes no SDL at all.
# usage: test_layers.sh APP_UI_DIR
set -u
ui=$1
declare -A allowed=(
  [base]="base"
  [session]="session"
  [draw]="base draw"
  [screens]="base draw session screens"
  [flow]="base draw session screens flow"
  [script]="base draw session screens flow script"
  [.]="base draw session screens flow script"
)
bad=0 n=0
for dir in "${!allowed[@]}"; do
  for f in "$ui/$dir"/*.[ch]; do
    [ -e "$f" ] || continue
    n=$((n + 1))
    while IFS= read -r line; do
      layer=${line#*\"}; layer=${layer%%/*}
      case " ${allowed[$dir]} " in *" $layer "*) ;; *)
        echo "$f: $line: ${dir/#./main} may not include $layer/"; bad=$((bad + 1)) ;;
      esac
    done < <(grep -E '^#include "[a-z_]+/' "$f")
  done
done
if grep -n '#include <SDL' "$ui"/session/*.[ch]; then echo "session/ includes SDL"; bad=$((bad + 1)); fi
[ "$n" -gt 20 ] || { echo "test_layers: only $n files found under $ui"; exit 1; }
[ "$bad" -eq 0 ] && echo "test_layers: $n files, every include runs down the layers"
[ "$bad" -eq 0 ]
