#!/usr/bin/env python3
"""Training lines for the standard-fax model (make fax-model).

usage: lines.py OUTDIR SLICE COUNT UNICHARSET [--pages]
       lines.py --list FIRST COUNT

Takes COUNT fictional letters of the repeat sets (testdata/repeats-holdout*),
letters (SLICE - 1) * COUNT to SLICE * COUNT of a fixed shuffle (so slices
of one COUNT do not overlap; make-fax-model.sh trains on letters 0-299, two
slices of 150, and validates on 300-329, slice 11 of 30), lays the first page
of each out as bench/render.py does (Noto Serif CJK seven times in ten,
otherwise Noto Sans CJK, 12-16 pt, varied spacing and margins), faxes it at
204 x 98 dpi as the benchmark's fax-std pages are made, and cleans it with
build/fax-prep, which is the OCR engine's own page preparation.  Then each
line of one run of text is cut out with a 12-pixel margin and written as
NAME.png with its text (NAME.gt.txt, NAME.box as WordStr) and Tesseract's
NAME.lstmf.  The benchmark's letters (bench/letters) are not used.

Full-width punctuation that the model's character set (UNICHARSET, the
lstm-unicharset of chi_sim) holds only in its ASCII form, such as ： and
（）, is written in that form: the engine's text clean-up turns it back.
A line with any other character the model cannot write is left out.

With --list, prints the paths of letters FIRST to FIRST + COUNT - 1 of the
shuffle, one a line: make-ocr-lm.sh --fax counts the model's misreadings on
letters it was neither trained nor validated on (330-629, from 0 as above).

With --pages, writes whole pages instead (OUTDIR/prep/*.png and
OUTDIR/gt/*.txt) for validation.
"""
import glob
import os
import random
import subprocess
import sys
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "bench"))
import render  # noqa: E402

PREP = os.path.join(ROOT, "build", "fax-prep")


def charset(path):
    with open(path, encoding="utf-8") as f:
        next(f)
        return {line.split(" ")[0] for line in f}


def writable(text, chars):
    """text in the forms the model writes, or None."""
    out = ""
    for c in text:
        if c not in chars and unicodedata.normalize("NFKC", c) in chars:
            c = unicodedata.normalize("NFKC", c)
        if c not in chars:
            return None
        out += c
    return out


def letter(path, rng):
    font = "serif" if rng.random() < 0.7 else "sans"
    head = "#! font=%s size=%d spacing=%.2f justify=%d margins=%.1f,25,%.1f,%.1f" % (
        font, rng.choice([12, 12, 13, 14, 14, 15, 16]), rng.uniform(1.4, 1.9),
        rng.random() < 0.7, rng.uniform(18, 34), rng.uniform(20, 30), rng.uniform(20, 28))
    body = []
    with open(path, encoding="utf-8") as f:
        for line in f.read().split("\n"):
            s = line.strip(" \u3000")
            if s:
                body.append(("#r " + s) if line.startswith("\u3000" * 6) else s)
    return font, head + "\n" + "\n".join(body)


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def shuffled_letters():
    """The repeat sets' letters in the fixed order the slices are cut from."""
    files = sorted(glob.glob(os.path.join(ROOT, "testdata", "repeats-holdout*", "*.txt")))
    random.Random(0).shuffle(files)
    return files


def main():
    if sys.argv[1:2] == ["--list"]:
        first, count = int(sys.argv[2]), int(sys.argv[3])
        print("\n".join(shuffled_letters()[first:first + count]))
        return
    out, slice_no, count, chars = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), charset(sys.argv[4])
    pages_only = "--pages" in sys.argv[5:]
    files = shuffled_letters()
    rng = random.Random(slice_no)
    convert = render.convert_binary()
    os.makedirs(out, exist_ok=True)
    if pages_only:
        os.makedirs(os.path.join(out, "prep"), exist_ok=True)
        os.makedirs(os.path.join(out, "gt"), exist_ok=True)
    fonts, made = {}, 0
    # The fax page: 1687 pels of A4 across, centred in the 1728-pel line;
    # 98 lines per inch down, squared to 204 by the engine.
    sx = 1687 / render.mm_to_px(render.A4_MM[0])
    sy = round(render.A4_MM[1] / 25.4 * 98) / render.mm_to_px(render.A4_MM[1]) * 204 / 98
    for path in files[(slice_no - 1) * count:slice_no * count]:
        name = "%s-%s" % (os.path.basename(os.path.dirname(path)).replace("repeats-holdout", "h"),
                          os.path.basename(path)[:-4])
        font, text = letter(path, rng)
        try:
            style, blocks = render.parse_letter(text)
            if font not in fonts:
                fonts[font] = render.prepare_font(font, os.path.join(out, "fonts"))
            face, font_path = fonts[font]
            pages, em = render.layout(style, blocks, face)
        except ValueError as e:   # a character the font lacks
            print("lines.py: %s left out: %s" % (path, e), file=sys.stderr)
            continue
        items, truth = pages[0]
        stem = os.path.join(out, "%s-%s" % (name, font))
        render.draw(convert, items, font_path, em, stem + ".png")
        render.degrade(convert, stem + ".png", "fax-std", stem + ".tif", rng.randrange(1 << 30))
        page = os.path.join(out, "prep", os.path.basename(stem) + ".png") if pages_only else stem + ".page.png"
        run([PREP, stem + ".tif", page])
        os.unlink(stem + ".png")
        os.unlink(stem + ".tif")
        if pages_only:
            with open(os.path.join(out, "gt", os.path.basename(stem) + ".txt"), "w", encoding="utf-8") as f:
                f.write("\n".join(truth) + "\n")
            made += 1
            continue
        rows = {}
        for item in items:
            rows.setdefault(round(item[1]), []).append(item)
        for k, (_, row) in enumerate(sorted(rows.items())):
            if len(row) != 1:
                continue   # table cells: one line image per run of text
            x, baseline, line_text, _ = row[0]
            line_text = writable("".join(line_text.split()), chars)
            if not line_text:
                continue
            x0 = max(0, int(x * sx + 20 - 0.3 * em * sx))
            y0 = int(baseline * sy - em * sx)
            line = "%s-l%02d" % (stem, k)
            run([convert, page, "-crop", "%dx%d+%d+%d" % (1728 - x0, int(1.3 * em * sx), x0, y0),
                 "+repage", "-trim", "+repage", "-bordercolor", "white", "-border", "12",
                 "-units", "PixelsPerInch", "-density", "204", line + ".png"],
                stderr=subprocess.DEVNULL)
            size = subprocess.run(["identify", "-format", "%w %h", line + ".png"],
                                  capture_output=True, text=True, check=True).stdout.split()
            w, h = int(size[0]), int(size[1])
            if w < 60:   # nothing left of the line but specks
                os.unlink(line + ".png")
                continue
            with open(line + ".box", "w", encoding="utf-8") as f:
                f.write("WordStr 0 0 %d %d 0 #%s\n\t %d 0 %d %d 0\n" % (w, h, line_text, w, w + 1, h))
            with open(line + ".gt.txt", "w", encoding="utf-8") as f:
                f.write(line_text + "\n")
            subprocess.run(["tesseract", line + ".png", line, "-l", "chi_sim", "--psm", "13", "lstm.train"],
                           capture_output=True, env=dict(os.environ, OMP_THREAD_LIMIT="1"))
            if os.path.exists(line + ".lstmf"):
                made += 1
        os.unlink(page)
    print("lines.py: slice %d: %d %s" % (slice_no, made, "pages" if pages_only else "lines"))


if __name__ == "__main__":
    main()
