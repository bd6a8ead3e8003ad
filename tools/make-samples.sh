#!/bin/sh
# Regenerates the committed sample inputs in testdata/samples/ (used by
# `make demo` and the integration tests) from their ground-truth texts:
#
#   letter-N.txt -> letter-N.png   300 dpi 4-bit grey "mailroom scan", one page
#   fax-1.txt    -> fax-1.tif      CCITT G3 TIFF, fine resolution (204x196)
#   (script)     -> mail-1.eml     via tools/make-sample-eml.py
#
# Only needed when a sample text or the rendering changes; the build and the
# tests use the committed files and never run this.  It needs:
#   - ../shared/tools/render_page.py (override with SHARED_TOOLS=/path/to/dir)
#   - ImageMagick 6 (`convert`), tiffcp (libtiff-tools), fonts-noto-cjk
#   - python3
# Seeds are fixed, so the same tool versions give byte-identical files.
#
# Usage: tools/make-samples.sh            (from anywhere)
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
SAMPLES=testdata/samples
SHARED_TOOLS=${SHARED_TOOLS:-../shared/tools}
RENDER=$SHARED_TOOLS/render_page.py

die() { echo "make-samples: $*" >&2; exit 1; }
[ -f "$RENDER" ] || die "needs $RENDER (set SHARED_TOOLS to the folder holding render_page.py)"
command -v python3 >/dev/null 2>&1 || die "needs python3"
command -v convert >/dev/null 2>&1 || die "needs ImageMagick (convert)"
command -v tiffcp >/dev/null 2>&1 || die "needs tiffcp (libtiff-tools)"
fc-list 2>/dev/null | grep -q "Noto Sans CJK SC" || die "needs fonts-noto-cjk"

TMP=$(mktemp -d "${TMPDIR:-/tmp}/make-samples.XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM

# render_letter N FONT POINTSIZE SEED [degradation options of render_page.py]
# Renders letter-N.txt on A4 at 300 dpi, then keeps the top part of the page
# (the rest is blank), clips the paper grey to white as a scanner's
# background suppression does and stores 16 grey levels: ~100-300 KB a page.
render_letter() {
    n=$1 font=$2 pt=$3 seed=$4
    shift 4
    python3 "$RENDER" "$SAMPLES/letter-$n.txt" "$TMP/letter-$n" \
        --font "$font" --pointsize "$pt" --seed "$seed" "$@" >/dev/null
    [ -f "$TMP/letter-$n-p01.png" ] || die "letter-$n: render failed"
    [ ! -e "$TMP/letter-$n-p02.png" ] || die "letter-$n.txt does not fit on one page"
    lines=$(wc -l <"$TMP/letter-$n-p01.gt.txt")
    # top margin 30 mm (354 px) + lines at 1.5 em + 25 mm (295 px) below
    h=$(awk -v n="$lines" -v pt="$pt" 'BEGIN { printf "%d", 354 + n * pt * 300 / 72 * 1.5 + 295 }')
    convert "$TMP/letter-$n-p01.png" -gravity North -crop "2480x$h+0+0" +repage \
        -level 5%,88% -posterize 16 \
        -units PixelsPerInch -density 300 \
        -define png:exclude-chunks=date,time,text,ztxt,itxt \
        -define png:compression-level=9 \
        "$SAMPLES/letter-$n.png"
    echo "  letter-$n.png  $(wc -c <"$SAMPLES/letter-$n.png") bytes, $lines lines"
}

echo "make-samples: rendering into $SAMPLES/"
# (Noto Serif regular at these sizes makes tesseract misread digits, e.g. an
# extra 0 in the ID number, so the serif letter uses the bold face.)
#             N font       pt seed degradations
render_letter 1 sans       12 101 --skew 0.7  --noise 0.25 --speckle 0.02 --blur 0.5 --paper 8 92
render_letter 2 serif-bold 14 202 --skew -1.1 --noise 0.25 --speckle 0.02 --blur 0.5 --paper 10 90
render_letter 3 sans       13 303 --skew 0.4  --noise 0.2  --speckle 0.01 --blur 0.4 --paper 6 94

python3 "$RENDER" "$SAMPLES/fax-1.txt" "$TMP/fax-1" --fax fine \
    --font sans --pointsize 12 --seed 404 --skew -0.6 --blur 0.6 --noise 0.6 \
    --speckle 0.03 --paper 5 82 >/dev/null
[ ! -e "$TMP/fax-1-p02.gt.txt" ] || die "fax-1.txt does not fit on one page"
cp "$TMP/fax-1.tif" "$SAMPLES/fax-1.tif"
echo "  fax-1.tif  $(wc -c <"$SAMPLES/fax-1.tif") bytes"

python3 tools/make-sample-eml.py "$SAMPLES/mail-1.eml"
echo "  mail-1.eml  $(wc -c <"$SAMPLES/mail-1.eml") bytes"
