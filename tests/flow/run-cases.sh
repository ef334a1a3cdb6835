#!/usr/bin/env bash
# run-cases.sh — walks one policy through the kiosk for each of its cases (flow_cases
# writes the scripts), under SDL_VIDEODRIVER=dummy at 1080x1920 on a virtual clock.
# usage: run-cases.sh KIOSK FLOW_CASES SOURCE_DIR OUT_DIR PACK_ID [RULES_DIR]
# (RULES_DIR: where the pack and its cases are; default SOURCE_DIR/rules)
set -u
kiosk=$1 gen=$2 root=$3 out=$4 id=$5 rules=${6:-$3/rules}
dir="$out/$id"
rm -rf "$dir" && mkdir -p "$dir"
cat > "$dir/kiosk.yaml" <<CFG
kiosk_id: flow-$id
policies: [$id]
allow_drafts: true
rules_dir: $rules
database: $dir/queue.sqlite
CFG
"$gen" "$rules/$id.yaml" "$rules/$id.cases.yaml" "$dir" > "$dir/list" || exit 1
n=0 fail=0
while IFS=$'\t' read -r today script; do
  n=$((n + 1))
  if ! SDL_VIDEODRIVER=dummy "$kiosk" --config "$dir/kiosk.yaml" --size 1080x1920 --today "$today" \
       --build-date 2017-01-01 --script "$script" 2> "$script.log"; then
    fail=$((fail + 1))
    echo "FAIL $(head -1 "$script") ($script)"
    grep -E "\.script:[0-9]+:" "$script.log" | head -5
  fi
done < "$dir/list"
echo "$id: $n cases walked through the kiosk, $fail failed"
[ "$n" -gt 0 ] && [ "$fail" -eq 0 ]
