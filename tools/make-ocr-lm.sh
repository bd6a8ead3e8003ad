#!/bin/sh
# Rebuilds the counts of the OCR text correction (ocr/correct.c).
#
#   tools/make-ocr-lm.sh XINFANG BUILD-DIR         (make ocr-lm)
#
# ocr/ocr-lm.txt: renders the training letters in three conditions (clean,
# fine fax, noisy scan; bench/render.py, in the serif and sans faces at
# 11-15 pt in turn), reads them with xinfang with the correction itself
# switched off, and counts what the recogniser reads for what
# (tools/ocr-lm.py).  The language is apart (make ocr-lang).  About half
# an hour.
#
#   tools/make-ocr-lm.sh --fax XINFANG BUILD-DIR   (make ocr-fax-lm)
#
# ocr/ocr-fax-lm.txt: the training and dev letters, and 2100 letters of the
# repeat sets that the standard-fax model was neither trained nor validated
# on (tools/fax-model/lines.py --list 330 2100), faxed at standard
# resolution and read by the model that XINFANG has compiled in (so run it
# after make fax-model); only what that model misreads, each misreading
# seen once or more.  The engine adds these counts to the others for the
# pages that model reads.  About an hour and a quarter, most of it rendering.
#
# Never the evaluation or benchmark letters.  Pages already rendered are
# kept in BUILD-DIR, and only the pages of the letters named here are read.
set -eu
fax=0
if [ "${1:-}" = --fax ]; then
    fax=1
    shift
fi
xinfang=$1
build=$2
here=$(dirname "$0")
root=$here/..
mkdir -p "$build/letters" "$build/pages" "$build/home" "$build/ocr"
printf '[ocr]\nworkers = 2\n' > "$build/home/xinfang.conf"
: > "$build/letters.list"

# render CONDITIONS FILE...: each letter FOLDER/NAME.txt as
# pages/CONDITION/FOLDER-NAME-pMM, the face and size turning with each, and
# its name added to letters.list.  A letter whose truth (written last) and
# first condition are there is not rendered again.
render() {
    conditions=$1
    shift
    n=0
    for f in "$@"; do
        n=$((n + 1))
        name=$(basename "$(dirname "$f")")-$(basename "$f")
        echo "${name%.txt}" >> "$build/letters.list"
        if [ $((n % 2)) = 0 ]; then font=serif; else font=sans; fi
        if ls "$build/pages/gt/${name%.txt}-p"* >/dev/null 2>&1 \
            && ls "$build/pages/${conditions%%,*}/${name%.txt}-p"* >/dev/null 2>&1; then
            continue
        fi
        if [ -t 2 ]; then printf '\rrendering %s of %s' "$n" "$#" >&2; fi
        python3 -c 'import sys; t=open(sys.argv[1], encoding="utf-8").read(); open(sys.argv[2], "w", encoding="utf-8").write(sys.argv[3] + "\n" + "".join(c for c in t if ord(c) < 0x10000))' \
            "$f" "$build/letters/$name" "#! font=$font size=$((11 + n % 5)) spacing=1.5"
        python3 "$root/bench/render.py" "$build/letters/$name" "$build/pages" \
            --conditions "$conditions" --seed "$n" >/dev/null
    done
    if [ -t 2 ]; then printf '\n' >&2; fi
}

# read CONDITION STEPS: the pages in CONDITION of the letters in
# letters.list read into ocr/CONDITION.jsonl, xinfang's warnings into
# ocr/CONDITION.log.
read_pages() {
    condition=$1
    steps=$2
    set --
    while read -r name; do
        for page in "$build/pages/$condition/$name-p"*; do
            if [ -e "$page" ]; then set -- "$@" "$page"; fi
        done
    done < "$build/letters.list"
    if ! "$xinfang" --home "$build/home" ocr --json --steps "$steps" "$@" \
            > "$build/ocr/$condition.jsonl" 2> "$build/ocr/$condition.log"; then
        tail -n 5 "$build/ocr/$condition.log" >&2
        echo "make-ocr-lm: reading the $condition pages failed ($build/ocr/$condition.log)" >&2
        exit 1
    fi
}

if [ "$fax" = 1 ]; then
    # Letters 330-2429 of the fax model's shuffle, counted from 0 (paths
    # within the repository, without blanks).
    holdout=$(python3 "$here/fax-model/lines.py" --list 330 2100)
    if [ "$(echo "$holdout" | wc -l)" != 2100 ]; then
        echo "make-ocr-lm: expected 2100 repeat-set letters from lines.py --list" >&2
        exit 1
    fi
    render fax-std "$root"/testdata/letters/train/*.txt "$root"/testdata/letters/dev/*.txt
    # shellcheck disable=SC2086
    render fax-std $holdout
    read_pages fax-std grey,orient,normalise,binarise,despeckle,fax-model
    if grep -q "standard-fax model cannot be loaded" "$build/ocr/fax-std.log"; then
        echo "make-ocr-lm: $xinfang could not load its standard-fax model" >&2
        exit 1
    fi
    python3 "$here/ocr-lm.py" --out "$root/ocr/ocr-fax-lm.txt" --min-confusions 1 \
        --pairs "$build/ocr/fax-std.jsonl" "$build/pages/gt"
    exit 0
fi

render clean,fax-fine,scan "$root"/testdata/letters/train/*.txt
pairs=""
for condition in clean fax-fine scan; do
    read_pages "$condition" grey,orient,normalise,binarise,despeckle
    pairs="$pairs --pairs $build/ocr/$condition.jsonl $build/pages/gt"
done
# shellcheck disable=SC2086
python3 "$here/ocr-lm.py" --out "$root/ocr/ocr-lm.txt" $pairs
