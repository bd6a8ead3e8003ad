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
    python3 "$here/../bench/render.py" "$f" "$out" --conditions scan --seed "$n" >/dev/null
done
printf '\n' >&2
