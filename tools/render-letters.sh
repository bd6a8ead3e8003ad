#!/bin/sh
# Renders each letter of a labelled folder as a scanned page (skewed, noisy,
# grey paper: bench/render.py's "scan" condition), for `make eval` to read
# through OCR.  Pages already rendered are kept.
#
#   tools/render-letters.sh LETTERS-DIR OUT-DIR     -> OUT-DIR/scan/NNN-pPP.png
set -eu
letters=$1
out=$2
here=$(dirname "$0")
mkdir -p "$out"
n=0
total=$(ls "$letters"/*.txt | wc -l)
for f in "$letters"/*.txt; do
    n=$((n + 1))
    name=$(basename "$f" .txt)
    if ls "$out/scan/$name-p"* >/dev/null 2>&1; then
        continue
    fi
    printf '\rrendering %s/%s' "$n" "$total" >&2
    # The CJK fonts have no emoji (a WeChat-style letter may use one):
    # characters beyond the Basic Multilingual Plane are left out of the page.
    tmp="$out/.letters/$name.txt"
    mkdir -p "$out/.letters"
    python3 -c 'import sys; t=open(sys.argv[1], encoding="utf-8").read(); open(sys.argv[2], "w", encoding="utf-8").write("".join(c for c in t if ord(c) < 0x10000))' "$f" "$tmp"
    python3 "$here/../bench/render.py" "$tmp" "$out" --conditions scan --seed "$n" >/dev/null
done
printf '\n' >&2
