#!/usr/bin/env python3
"""Builds the data of the OCR text correction (ocr/correct.c): the language
of Chinese petition letters (counts of characters, pairs and triples), or
which character the recogniser reads for which (the channel), counted by
aligning OCR output with the truth of pages rendered from letters.  The
evaluation and benchmark letters are never used.

    tools/ocr-lm.py --out ocr-lang.txt --corpus DIR [DIR...] \\
                    [--corpus-list FILE]                        (make ocr-lang)
    tools/ocr-lm.py --out ocr/ocr-lm.txt \\
                    --pairs OCR-JSONL TRUTH-DIR [--pairs ...]   (make ocr-lm)

With --corpus (each DIR holding NNN.txt letters) and --corpus-list (a file
naming one letter a line), only the language is written: the u, b and t
lines (make ocr-lang gzips them into ocr/ocr-lang.txt.gz).  With --pairs, only the channel: ocr/ocr-lm.txt, and
ocr/ocr-fax-lm.txt, the misreadings of the standard-fax model, which the
engine adds to those for the pages that model reads
(tools/make-ocr-lm.sh --fax, with --min-confusions 1).

Each --pairs gives the OCR texts (what `xinfang ocr --json` printed, one file
per line, its pages joined by line breaks) and a folder of ground truths
NAME.txt, NAME being the read file's name without its extension.  Whitespace
is removed before counting and aligning, as bench/cer.py does.

Output (UTF-8, sorted, the same input always gives the same file):
    xinfang-ocr-lm 1
    u <TAB> C <TAB> N          C seen N times in the corpus
    b <TAB> AB <TAB> N         the pair AB seen N times
    t <TAB> ABC <TAB> N        the triple ABC seen N times
    c <TAB> T <TAB> R <TAB> N  truth T read as R N times (N >= --min-confusions, 2)
    s <TAB> T <TAB> N          T in the aligned truths N times
"""

import argparse
import collections
import difflib
import glob
import json
import os
import sys


def norm(text):
    return "".join(text.split())


def is_han(c):
    return "\u4e00" <= c <= "\u9fff"


def readings(jsonl):
    """(name, text) of each file `xinfang ocr --json` read, in name order."""
    out = []
    with open(jsonl, encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            name = os.path.splitext(os.path.basename(d["file"]))[0]
            out.append((name, "\n".join(p["text"] for p in d.get("pages", []))))
    return sorted(out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--corpus", nargs="+", default=[])
    parser.add_argument("--corpus-list")
    parser.add_argument("--pairs", nargs=2, action="append", default=[],
                        metavar=("OCR-JSONL", "TRUTH"))
    parser.add_argument("--min-confusions", type=int, default=2)
    args = parser.parse_args()
    if bool(args.corpus or args.corpus_list) == bool(args.pairs):
        parser.error("give either --corpus (the language) or --pairs (the channel)")

    letters = []
    for folder in args.corpus:
        letters += sorted(glob.glob(os.path.join(folder, "*.txt")))
    if args.corpus_list:
        letters += [line for line in open(args.corpus_list, encoding="utf-8")
                    .read().splitlines() if line]
    grams = {1: collections.Counter(), 2: collections.Counter(), 3: collections.Counter()}
    for path in letters:
        text = norm(open(path, encoding="utf-8").read())
        for n, counter in grams.items():
            counter.update(text[i:i + n] for i in range(len(text) - n + 1))

    confusions = collections.Counter()
    seen = collections.Counter()
    for jsonl, truth_dir in args.pairs:
        for name, text in readings(jsonl):
            truth_path = os.path.join(truth_dir, name + ".txt")
            if not os.path.exists(truth_path):
                continue
            truth = norm(open(truth_path, encoding="utf-8").read())
            read = norm(text)
            matcher = difflib.SequenceMatcher(None, truth, read, autojunk=False)
            for op, a1, a2, b1, b2 in matcher.get_opcodes():
                if op == "equal":
                    seen.update(truth[a1:a2])
                elif op == "replace" and a2 - a1 == b2 - b1:
                    for t, r in zip(truth[a1:a2], read[b1:b2]):
                        seen[t] += 1
                        if is_han(t) and is_han(r):
                            confusions[(t, r)] += 1
    kept = {k: n for k, n in confusions.items() if n >= args.min_confusions}
    involved = {c for pair in kept for c in pair}

    with open(args.out, "w", encoding="utf-8") as out:
        out.write("xinfang-ocr-lm 1\n")
        for n, tag in ((1, "u"), (2, "b"), (3, "t")):
            for gram in sorted(grams[n]):
                if all(c.isprintable() and c not in "\t\n" for c in gram):
                    out.write("%s\t%s\t%d\n" % (tag, gram, grams[n][gram]))
        for (t, r) in sorted(kept):
            out.write("c\t%s\t%s\t%d\n" % (t, r, kept[(t, r)]))
        for c in sorted(involved):
            if seen[c] > 0:
                out.write("s\t%s\t%d\n" % (c, seen[c]))
    sys.stderr.write("%s: %d letters, %d characters, %d pairs, %d triples, "
                     "%d confusions\n" % (args.out, len(letters), len(grams[1]),
                                         len(grams[2]), len(grams[3]), len(kept)))


if __name__ == "__main__":
    main()
