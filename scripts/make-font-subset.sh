#!/usr/bin/env bash
# make-font-subset.sh — rebuilds fonts/NotoSansSC-Subset.otf and
# fonts/NotoSansSC-Bold-Subset.otf, the kiosk's bundled fonts (regular and real bold).
#
# Why: the full Noto Sans CJK collection is ~20 MB and holds JP/KR/TC faces the kiosk
# never shows. The subset keeps face 2 (SC) of Debian's NotoSansCJK-Regular.ttc and
# only the characters the kiosk can show: every character in assets/ and rules/*.yaml
# (and the policy sources in rules/sources/, which clause texts are quoted from),
# ASCII, common CJK punctuation, and the 6,763 hanzi of GB 2312 so that a new pack's
# words are very likely covered before the subset is remade. The bold file is face 2
# (SC) of NotoSansCJK-Bold.ttc with the same characters: headlines, questions and buttons
# are drawn with it instead of SDL_ttf's synthetic bold, which smudges dense hanzi. The output is
# reproducible: same inputs, same fonttools → same file. Rerun after adding a pack;
# tests/ui's glyph test fails when a character is missing.
# Needs: fonttools (pyftsubset), fonts-noto-cjk, python3 (Debian packages).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
src="${NOTO_CJK_TTC:-/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc}"
src_bold="${NOTO_CJK_BOLD_TTC:-/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc}"
chars="$(mktemp)"
trap 'rm -f "$chars"' EXIT

python3 - "$root" > "$chars" <<'PY'
import glob, os, sys
root = sys.argv[1]
cs = set(chr(c) for c in range(0x20, 0x7F))
cs |= set("，。、；：？！“”‘’「」『』（）【】《》〈〉〔〕…—～·￥％＋－×÷＝／　０１２３４５６７８９"
          "①②③④⑤⑥⑦⑧⑨⑩℃№▲▼◀▶←→↑↓✓✔✕✗○●□■△☆★")
for hi in range(0xB0, 0xF8):            # GB 2312 hanzi, levels 1 and 2
    for lo in range(0xA1, 0xFF):
        try:
            cs.add(bytes([hi, lo]).decode("gb2312"))
        except UnicodeDecodeError:
            pass
files = sorted(glob.glob(os.path.join(root, "assets", "*.yaml"))
               + glob.glob(os.path.join(root, "rules", "*.yaml"))
               + glob.glob(os.path.join(root, "rules", "sources", "*.txt")))
for f in files:
    with open(f, encoding="utf-8") as fh:
        cs |= set(fh.read())
cs = sorted(c for c in cs if c.isprintable() or c == "\u3000")
sys.stdout.write("".join(cs))
PY

# subset TTC OUT: face 2 (Noto Sans CJK SC) of TTC, only the characters above.
subset() {
  pyftsubset "$1" --font-number=2 --text-file="$chars" --output-file="$2" \
    --layout-features='*' --name-IDs='*' --name-languages='*' --notdef-outline \
    --no-hinting
  echo "make-font-subset: wrote $2 ($(wc -c < "$2") bytes, $(wc -m < "$chars") characters)" >&2
}
subset "$src" "$root/fonts/NotoSansSC-Subset.otf"
subset "$src_bold" "$root/fonts/NotoSansSC-Bold-Subset.otf"
