#!/usr/bin/env python3
"""Raw character error rate of OCR text against its ground truth.

    cer.py GT.txt OCR.txt [GT2.txt OCR2.txt ...]   per pair, then the total
    cer.py --self-test                              bit-vector vs plain DP

Raw CER = Levenshtein distance (unit costs) / length of the ground truth,
both counted in Unicode code points after every whitespace character is
removed (what str.split() splits on: spaces, U+3000, tabs, newlines, form
feeds).  Nothing else is normalised: ， and , are different characters.
Over several pages the figure is the micro-average, total edits / total
ground-truth characters, so a long page weighs more than a short one.

The distance is computed with the bit-vector algorithm of G. Myers, "A fast
bit-vector algorithm for approximate string matching based on dynamic
programming" (J. ACM 46(3), 1999), in the form for whole-string distance
given by H. Hyyrö (2001): one column of the DP table is a pair of bit masks
(+1 / -1 vertical steps), so a page costs len(text) big-integer operations
instead of len(text) x len(truth) cell updates.
"""

import random
import sys


def strip_whitespace(text):
    return "".join(text.split())


def distance(truth, text):
    """Levenshtein distance between two strings, by code point."""
    m = len(truth)
    if m == 0:
        return len(text)
    if not text:
        return m
    # positions of each character in truth, as bits of an m-bit mask
    where = {}
    for i, char in enumerate(truth):
        where[char] = where.get(char, 0) | (1 << i)
    full = (1 << m) - 1
    top = 1 << (m - 1)
    plus, minus = full, 0        # vertical deltas of the current column
    score = m                    # D[m][j], the last row
    for char in text:
        match = where.get(char, 0)
        x_v = match | minus
        x_h = (((match & plus) + plus) ^ plus) | match
        h_plus = minus | (~(x_h | plus) & full)
        h_minus = plus & x_h
        if h_plus & top:
            score += 1
        elif h_minus & top:
            score -= 1
        # Row 0 of the table is 0, 1, 2, ...: every horizontal step there
        # is +1, shifted in at the bottom.
        h_plus = ((h_plus << 1) | 1) & full
        h_minus = (h_minus << 1) & full
        plus = h_minus | (~(x_v | h_plus) & full)
        minus = h_plus & x_v
    return score


def distance_table(truth, text):
    """The textbook O(len*len) DP, kept to check distance()."""
    previous = list(range(len(text) + 1))
    for i, a in enumerate(truth, 1):
        current = [i]
        for j, b in enumerate(text, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (a != b)))
        previous = current
    return previous[-1]


def page_errors(truth, text):
    """(edits, ground-truth length) of one page, whitespace removed."""
    truth = strip_whitespace(truth)
    return distance(truth, strip_whitespace(text)), len(truth)


def self_test():
    rng = random.Random(11)
    alphabet = "工资拖欠元，。0123456789ab"
    cases = [("", ""), ("", "甲"), ("甲", ""), ("kitten", "sitting"),
             ("欠薪一万元", "欠新一万兀"), ("a" * 70, "a" * 69 + "b")]
    for _ in range(400):
        a = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 90)))
        b = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 90)))
        cases.append((a, b))
    for a, b in cases:
        fast, slow = distance(a, b), distance_table(a, b)
        if fast != slow:
            print("mismatch: %r %r: %d != %d" % (a, b, fast, slow))
            return 1
    assert page_errors("工 资\n拖欠\u3000元", "工资拖欠 元") == (0, 5)
    print("cer.py: %d cases agree" % len(cases))
    return 0


def main(argv):
    if argv == ["--self-test"]:
        return self_test()
    if not argv or len(argv) % 2:
        sys.stderr.write("usage: cer.py GT OCR [GT OCR ...] | --self-test\n")
        return 2
    total_edits = total_chars = 0
    for gt_path, ocr_path in zip(argv[0::2], argv[1::2]):
        with open(gt_path, encoding="utf-8") as f:
            truth = f.read()
        with open(ocr_path, encoding="utf-8") as f:
            text = f.read()
        edits, chars = page_errors(truth, text)
        total_edits += edits
        total_chars += chars
        print("%s\t%d/%d\t%.4f" % (ocr_path, edits, chars, edits / chars if chars else 0.0))
    if len(argv) > 2:
        print("total\t%d/%d\t%.4f" % (total_edits, total_chars,
                                      total_edits / total_chars if total_chars else 0.0))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
