#!/usr/bin/env python3
"""Lay out one benchmark letter on A4 pages and write them in the five
conditions the OCR benchmark reads: clean, scan, jpeg, fax-fine, fax-std.

Python standard library plus ImageMagick 6 `convert` and the Noto CJK fonts
(Debian: imagemagick fonts-noto-cjk).  Layout is done here with advance
widths read from the font file, so that lines wrap by real character width;
ImageMagick only draws.  The ground truth of a page is exactly the lines
drawn on it, one per line.

    render.py LETTER.txt OUTDIR [--seed N] [--conditions clean,scan,...]

writes OUTDIR/gt/NAME-pNN.txt and OUTDIR/CONDITION/NAME-pNN.{png,jpg,tif},
plus OUTDIR/fonts/ (the extracted fonts, shared between letters).

A letter is UTF-8 text, one paragraph a line, with a little markup:
    #! font=serif size=14 spacing=1.6 indent=2 justify=1 pagenum=1 margins=T,B,L,R
                  (first line only: the letter's layout; margins in mm)
    #c TEXT       a centred line (title)
    #r TEXT       a right-aligned line (signature, date)
    #l TEXT       a line flush left, not indented (salutation)
    #t A|B|C      a table row; consecutive rows share column positions
    (blank line)  half a line of space
Anything else is a paragraph, first line indented, wrapped and justified.

Why the fonts are extracted: the Noto CJK fonts ship as .ttc collections
whose face 0 is the Japanese variant.  ImageMagick 6 draws face 0 of a .ttc
whichever face fontconfig names, so Simplified Chinese glyphs (骨, 直, 角,
门 differ visibly) would be drawn in their Japanese forms.  This script
copies the tables of the SC face, found by its name table, into a plain
OpenType file, and hands ImageMagick that file's path.
"""

import argparse
import hashlib
import os
import random
import struct
import subprocess
import sys

DPI = 300
A4_MM = (210.0, 297.0)
FAX_WIDTH = 1728            # ITU-T T.4 scan line: 1728 pels on 215 mm
FAX_HDPI = 204              # 8 pels/mm, written as 204 dpi
FAX_VDPI = {"fax-fine": 196, "fax-std": 98}   # 7.7 / 3.85 lines per mm
CONDITIONS = ("clean", "scan", "jpeg", "fax-fine", "fax-std")
EXTENSION = {"clean": "png", "scan": "png", "jpeg": "jpg",
             "fax-fine": "tif", "fax-std": "tif"}

FONT_FILES = {
    "sans": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "Noto Sans CJK SC"),
    "serif": ("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", "Noto Serif CJK SC"),
}

# A line must not begin with closing punctuation nor end with an opening one
# (the usual rule of Chinese typesetting).
CLOSERS = set("，。、；：？！）》」』】”’…%,.;:?!)]")
OPENERS = set("（《「『【“‘([")


def mm_to_px(mm):
    return int(round(mm * DPI / 25.4))


# ---------------------------------------------------------------- fonts

class Face:
    """One face of an OpenType file or collection: its table directory,
    name, and the advance width of each character."""

    def __init__(self, data, offset):
        self.data = data
        count = struct.unpack_from(">H", data, offset + 4)[0]
        self.version = data[offset:offset + 4]
        self.tables = {}
        for i in range(count):
            tag, checksum, start, length = struct.unpack_from(
                ">4sIII", data, offset + 12 + 16 * i)
            self.tables[tag] = (checksum, start, length)
        self._widths = {}
        self._cmap = None

    def table(self, tag):
        _, start, length = self.tables[tag]
        return self.data[start:start + length]

    def family(self):
        """The Windows-platform family name (name ID 1), or ''."""
        name = self.table(b"name")
        count, strings = struct.unpack_from(">HH", name, 2)
        for i in range(count):
            platform, encoding, _lang, name_id, length, start = struct.unpack_from(
                ">HHHHHH", name, 6 + 12 * i)
            if platform == 3 and encoding in (1, 10) and name_id == 1:
                raw = name[strings + start:strings + start + length]
                return raw.decode("utf-16-be", "replace")
        return ""

    def _load_cmap(self):
        # Only the format-12 subtable (full Unicode) is read; the Noto CJK
        # fonts all have one.
        cmap = self.table(b"cmap")
        count = struct.unpack_from(">H", cmap, 2)[0]
        for i in range(count):
            platform, encoding, start = struct.unpack_from(">HHI", cmap, 4 + 8 * i)
            if struct.unpack_from(">H", cmap, start)[0] == 12:
                groups = struct.unpack_from(">I", cmap, start + 12)[0]
                ranges = [struct.unpack_from(">III", cmap, start + 16 + 12 * g)
                          for g in range(groups)]
                self._cmap = {}
                for first, last, glyph in ranges:
                    for code in range(first, last + 1):
                        self._cmap[code] = glyph + code - first
                return
        raise ValueError("font has no format-12 cmap")

    def advance(self, char):
        """Advance width of char in em."""
        width = self._widths.get(char)
        if width is not None:
            return width
        if self._cmap is None:
            self._load_cmap()
        head = self.table(b"head")
        units = struct.unpack_from(">H", head, 18)[0]
        metrics = struct.unpack_from(">H", self.table(b"hhea"), 34)[0]
        glyph = self._cmap.get(ord(char), 0)
        if glyph == 0 and char not in " \u3000":
            raise ValueError("character %r (U+%04X) is not in the font" % (char, ord(char)))
        _, start, _ = self.tables[b"hmtx"]
        index = min(glyph, metrics - 1)
        width = struct.unpack_from(">H", self.data, start + 4 * index)[0] / units
        self._widths[char] = width
        return width

    def write(self, path):
        """Writes this face alone as an OpenType file (tables copied as they
        are; checksums stay valid since no table changes)."""
        tags = sorted(self.tables)
        count = len(tags)
        power = 1
        while power * 2 <= count:
            power *= 2
        header = struct.pack(">4sHHHH", self.version, count, power * 16,
                             power.bit_length() - 1, count * 16 - power * 16)
        position = 12 + 16 * count
        records, bodies = [], []
        for tag in tags:
            checksum, start, length = self.tables[tag]
            records.append(struct.pack(">4sIII", tag, checksum, position, length))
            body = self.data[start:start + length]
            body += b"\0" * (-length % 4)
            bodies.append(body)
            position += len(body)
        tmp = "%s.%d.tmp" % (path, os.getpid())
        with open(tmp, "wb") as f:
            f.write(header + b"".join(records) + b"".join(bodies))
        os.replace(tmp, path)


def open_face(path, family):
    """The face of font file path whose family name is family."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] == b"ttcf":
        count = struct.unpack_from(">I", data, 8)[0]
        offsets = struct.unpack_from(">%dI" % count, data, 12)
    else:
        offsets = (0,)
    for offset in offsets:
        face = Face(data, offset)
        if face.family() == family:
            return face
    raise SystemExit("render.py: no face '%s' in %s (Debian: apt-get install fonts-noto-cjk)"
                     % (family, path))


def prepare_font(kind, font_dir):
    """Returns (Face, path of a one-face .otf that ImageMagick can draw)."""
    ttc, family = FONT_FILES[kind]
    if not os.path.exists(ttc):
        raise SystemExit("render.py: %s missing (Debian: apt-get install fonts-noto-cjk)" % ttc)
    face = open_face(ttc, family)
    out = os.path.join(font_dir, family.replace(" ", "") + "-Regular.otf")
    if not os.path.exists(out):
        os.makedirs(font_dir, exist_ok=True)
        face.write(out)
    return face, out


# ---------------------------------------------------------------- layout

class Style:
    def __init__(self):
        self.font = "sans"
        self.size = 12.0          # pt; 12 is 小四, 14 四号, 16 三号
        self.spacing = 1.5        # baseline to baseline, in em
        self.indent = 2.0         # em
        self.justify = True
        self.pagenum = False
        self.margins = (30.0, 25.0, 28.0, 26.0)   # top, bottom, left, right mm

    def set(self, key, value):
        if key == "font":
            if value not in FONT_FILES:
                raise ValueError("font must be one of %s" % ", ".join(FONT_FILES))
            self.font = value
        elif key in ("size", "spacing", "indent"):
            setattr(self, key, float(value))
        elif key in ("justify", "pagenum"):
            setattr(self, key, value not in ("0", "no", "false"))
        elif key == "margins":
            parts = tuple(float(v) for v in value.split(","))
            if len(parts) != 4:
                raise ValueError("margins takes four numbers: top,bottom,left,right")
            self.margins = parts
        else:
            raise ValueError("unknown layout key '%s'" % key)


def parse_letter(text):
    """Returns (Style, blocks); a block is (kind, payload)."""
    style = Style()
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").split("\n")
    if lines and lines[0].startswith("#!"):
        for item in lines.pop(0)[2:].split():
            key, _, value = item.partition("=")
            style.set(key, value)
    blocks = []
    for line in lines:
        line = line.rstrip()
        if not line.strip():
            blocks.append(("gap", None))
        elif line[:3] in ("#c ", "#r ", "#l "):
            blocks.append((line[1], line[3:].strip()))
        elif line.startswith("#t "):
            blocks.append(("t", [cell.strip() for cell in line[3:].split("|")]))
        else:
            blocks.append(("p", line.strip(" \u3000")))
    while blocks and blocks[-1][0] == "gap":
        blocks.pop()
    return style, blocks


def units(text):
    """Breakable units: a run of ASCII letters and digits stays whole."""
    out, run = [], ""
    for char in text:
        if char.isascii() and (char.isalnum() or char in "-./:@"):
            run += char
            continue
        if run:
            out.append(run)
            run = ""
        out.append(char)
    if run:
        out.append(run)
    return out


def wrap(text, face, width, indent):
    """Greedy wrapping of one paragraph into lines no wider than width em
    (the first indent em narrower).  Closing punctuation that would start a
    line hangs in the margin instead; an opening one moves down with the
    next unit."""
    lines, line, used, room = [], [], 0.0, width - indent
    for unit in units(text):
        w = sum(face.advance(c) for c in unit)
        if not line or used + w <= room + 1e-6:
            line.append(unit)
            used += w
            continue
        if unit in CLOSERS:
            line.append(unit)
            lines.append("".join(line))
            line, used, room = [], 0.0, width
            continue
        carried = []
        while len(line) > 1 and line[-1] in OPENERS:
            carried.insert(0, line.pop())
        lines.append("".join(line).rstrip())
        room = width
        line = carried + ([unit] if unit != " " else [])
        used = sum(face.advance(c) for u in line for c in u)
    if line:
        lines.append("".join(line).rstrip())
    return lines


def layout(style, blocks, face):
    """Returns pages, each a list of (x_px, baseline_px, text, kerning_px)
    and its ground-truth lines."""
    page_w, page_h = mm_to_px(A4_MM[0]), mm_to_px(A4_MM[1])
    top, bottom, left, right = (mm_to_px(m) for m in style.margins)
    em = style.size * DPI / 72.0
    width = (page_w - left - right) / em
    line_h = style.spacing * em
    first_baseline = top + em * 0.88
    last_baseline = page_h - bottom - (em * 1.5 if style.pagenum else 0)

    # Rows first, each (x_em, text, kerning_em, height_in_lines).
    rows = []
    i = 0
    while i < len(blocks):
        kind, payload = blocks[i]
        if kind == "gap":
            rows.append(None)
        elif kind == "c":
            w = sum(face.advance(c) for c in payload)
            rows.append([((width - w) / 2, payload)])
        elif kind == "r":
            w = sum(face.advance(c) for c in payload)
            rows.append([(width - w - style.indent, payload)])
        elif kind == "l":
            for text in wrap(payload, face, width, 0):
                rows.append([(0.0, text)])
        elif kind == "t":
            table = []
            while i < len(blocks) and blocks[i][0] == "t":
                table.append(blocks[i][1])
                i += 1
            i -= 1
            columns = max(len(r) for r in table)
            widths = [0.0] * columns
            for r in table:
                for k, cell in enumerate(r):
                    widths[k] = max(widths[k], sum(face.advance(c) for c in cell))
            gap = min(3.0, max(1.0, (width - style.indent - sum(widths)) / max(1, columns - 1)))
            for r in table:
                x, cells = style.indent, []
                for k, cell in enumerate(r):
                    cells.append((x, cell))
                    x += widths[k] + gap
                rows.append(cells)
        else:
            lines = wrap(payload, face, width, style.indent)
            for n, text in enumerate(lines):
                x = style.indent if n == 0 else 0.0
                kern = 0.0
                if style.justify and n < len(lines) - 1 and len(text) > 1:
                    natural = x + sum(face.advance(c) for c in text)
                    kern = max(-0.1, min(0.4, (width - natural) / (len(text) - 1)))
                rows.append([(x, text, kern)])
        i += 1

    pages, page, y = [], [], first_baseline
    for row in rows:
        if row is None:
            if page:
                y += line_h * 0.5
            continue
        if y > last_baseline and page:
            pages.append(page)
            page, y = [], first_baseline
        placed = []
        for cell in row:
            x, text = cell[0], cell[1]
            kern = cell[2] if len(cell) > 2 else 0.0
            placed.append((left + x * em, y, text, kern * em))
        page.append(placed)
        y += line_h
    if page:
        pages.append(page)

    out = []
    for number, page in enumerate(pages, 1):
        items = [item for row in page for item in row]
        truth = ["  ".join(item[2] for item in row) for row in page]
        if style.pagenum:
            footer = "第%d页 共%d页" % (number, len(pages))
            w = sum(face.advance(c) for c in footer) * em
            items.append(((page_w - w) / 2, page_h - bottom / 2, footer, 0.0))
            truth.append(footer)
        out.append((items, truth))
    return out, em


# ---------------------------------------------------------------- drawing

def convert_binary():
    # /usr/local/bin/convert may be a stand-in on some machines; the
    # Debian binary is the one that draws.
    for path in ("/usr/bin/convert-im6.q16", "/usr/bin/convert"):
        if os.path.exists(path):
            return path
    raise SystemExit("render.py: ImageMagick 6 convert missing (Debian: apt-get install imagemagick)")


def magick_text(text):
    # -annotate expands %-escapes and reads @file; neither is wanted.
    text = text.replace("\\", "\\\\").replace("%", "%%")
    return "\\" + text if text.startswith("@") else text


def run(cmd):
    result = subprocess.run(cmd, capture_output=True, text=True)
    if result.returncode != 0 or result.stderr.strip():
        raise SystemExit("render.py: %s failed:\n%s" % (os.path.basename(cmd[0]), result.stderr))


def draw(convert, items, font_path, em, out):
    page_w, page_h = mm_to_px(A4_MM[0]), mm_to_px(A4_MM[1])
    cmd = [convert, "-size", "%dx%d" % (page_w, page_h), "xc:white",
           "-font", font_path, "-density", str(DPI),
           "-pointsize", "%.4f" % (em * 72.0 / DPI), "-fill", "#141414"]
    for x, y, text, kern in items:
        cmd += ["-kerning", "%.3f" % kern,
                "-annotate", "+%d+%d" % (round(x), round(y)), magick_text(text)]
    cmd += ["-colorspace", "Gray", "-depth", "8",
            "-units", "PixelsPerInch", "-density", str(DPI), out]
    run(cmd)


def degrade(convert, clean, condition, out, seed):
    rng = random.Random(seed)
    # No creation dates in the PNG, so the same inputs give the same bytes.
    density = ["-units", "PixelsPerInch", "-density", str(DPI),
               "-define", "png:exclude-chunks=date,time"]
    if condition == "clean":
        cmd = [convert, clean] + density + [out]
    elif condition == "scan":
        angle = rng.uniform(1.5, 2.0) * rng.choice((-1, 1))
        cmd = [convert, clean, "-seed", str(rng.randrange(1 << 30)),
               "-virtual-pixel", "white", "-distort", "SRT", "%.3f" % angle,
               "-blur", "0x0.7",
               "+level", "7%,88%",            # grey recycled paper, ink not black
               "-attenuate", "0.6", "+noise", "Gaussian",
               "-attenuate", "0.08", "+noise", "Impulse",
               "-colorspace", "Gray", "-depth", "8"] + density + [out]
    elif condition == "jpeg":
        cmd = [convert, clean, "-colorspace", "Gray", "-quality", "18"] + density + [out]
    else:
        vdpi = FAX_VDPI[condition]
        w = int(round(A4_MM[0] / 25.4 * FAX_HDPI))   # the sheet: 1687 pels
        h = int(round(A4_MM[1] / 25.4 * vdpi))
        cmd = [convert, clean, "-filter", "Triangle", "-resize", "%dx%d!" % (w, h),
               "-background", "white", "-gravity", "center",
               "-extent", "%dx%d" % (FAX_WIDTH, h), "+gravity",
               "-threshold", "55%", "-type", "bilevel",
               "-compress", "Fax",
               "-units", "PixelsPerInch", "-density", "%dx%d" % (FAX_HDPI, vdpi), out]
    run(cmd)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("letter")
    parser.add_argument("outdir")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--conditions", default=",".join(CONDITIONS))
    args = parser.parse_args()
    conditions = args.conditions.split(",")
    for c in conditions:
        if c not in CONDITIONS:
            parser.error("unknown condition '%s'" % c)

    name = os.path.splitext(os.path.basename(args.letter))[0]
    with open(args.letter, encoding="utf-8") as f:
        try:
            style, blocks = parse_letter(f.read())
        except ValueError as e:
            raise SystemExit("render.py: %s: %s" % (args.letter, e))
    face, font_path = prepare_font(style.font, os.path.join(args.outdir, "fonts"))
    try:
        pages, em = layout(style, blocks, face)
    except ValueError as e:
        raise SystemExit("render.py: %s: %s" % (args.letter, e))

    convert = convert_binary()
    for sub in ["gt", "work"] + conditions:
        os.makedirs(os.path.join(args.outdir, sub), exist_ok=True)
    for number, (items, truth) in enumerate(pages, 1):
        stem = "%s-p%02d" % (name, number)
        clean = os.path.join(args.outdir, "work", stem + ".png")
        draw(convert, items, font_path, em, clean)
        for condition in conditions:
            # One seed per letter, page and condition, independent of the
            # order in which they are made.
            key = "%d/%s/%s" % (args.seed, stem, condition)
            seed = int.from_bytes(hashlib.sha256(key.encode()).digest()[:4], "big")
            out = os.path.join(args.outdir, condition, "%s.%s" % (stem, EXTENSION[condition]))
            degrade(convert, clean, condition, out, seed)
        with open(os.path.join(args.outdir, "gt", stem + ".txt"), "w", encoding="utf-8") as f:
            f.write("\n".join(truth) + "\n")
        os.unlink(clean)
    print("%s: %d page(s)" % (name, len(pages)))


if __name__ == "__main__":
    main()
