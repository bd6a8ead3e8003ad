#!/bin/sh
# Rebuilds ocr/ocr-lm.txt (make ocr-lm): renders the training letters in
# three conditions (clean, fine fax, noisy scan; bench/render.py, in the
# serif and sans faces at 11-15 pt in turn), reads them with xinfang with
# the correction itself switched off, and counts what the recogniser reads
# for what (tools/ocr-lm.py), with the language of the training, dev and
# repeat letters.  Never the evaluation or benchmark letters.  Pages
# already rendered are kept; the whole takes about half an hour.
#
#   tools/make-ocr-lm.sh XINFANG BUILD-DIR
set -eu
xinfang=$1
build=$2
here=$(dirname "$0")
root=$here/..
mkdir -p "$build/letters" "$build/pages" "$build/home"
printf '[ocr]\nworkers = 2\n' > "$build/home/xinfang.conf"
n=0
for f in "$root"/testdata/letters/train/*.txt; do
    n=$((n + 1))
    name=$(basename "$f")
    if [ $((n % 2)) = 0 ]; then font=serif; else font=sans; fi
    if ls "$build/pages/gt/${name%.txt}-p"* >/dev/null 2>&1; then
        continue
    fi
    if [ -t 2 ]; then printf '\rrendering %s' "$n" >&2; fi
    python3 -c 'import sys; t=open(sys.argv[1], encoding="utf-8").read(); open(sys.argv[2], "w", encoding="utf-8").write(sys.argv[3] + "\n" + "".join(c for c in t if ord(c) < 0x10000))' \
        "$f" "$build/letters/$name" "#! font=$font size=$((11 + n % 5)) spacing=1.5"
    python3 "$root/bench/render.py" "$build/letters/$name" "$build/pages" \
        --conditions clean,fax-fine,scan --seed "$n" >/dev/null
done
if [ -t 2 ]; then printf '\n' >&2; fi
pairs=""
for condition in clean fax-fine scan; do
    out="$build/ocr/$condition"
    mkdir -p "$out"
    "$xinfang" --home "$build/home" ocr --json \
        --steps grey,orient,normalise,binarise,despeckle \
        "$build/pages/$condition"/* > "$build/ocr/$condition.jsonl"
    python3 -c '
import json, os, sys
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    name = os.path.splitext(os.path.basename(d["file"]))[0]
    with open(os.path.join(sys.argv[2], name + ".txt"), "w", encoding="utf-8") as out:
        out.write("\n".join(p["text"] for p in d["pages"]))
' "$build/ocr/$condition.jsonl" "$out"
    pairs="$pairs --pairs $out $build/pages/gt"
done
# shellcheck disable=SC2086
python3 "$here/ocr-lm.py" --out "$root/ocr/ocr-lm.txt" \
    --corpus "$root/testdata/letters/train" "$root/testdata/letters/dev" \
    "$root/testdata/repeats" $pairs
