#!/usr/bin/env python3
"""Measures what each page clean-up step earns: raw CER and time of
`xinfang ocr --steps LIST` over the rendered benchmark pages of the given
conditions, one line per step list.  Run `make bench` first (it renders the
pages into build/bench/pages/KEY/).

    bench/steps.py [--xinfang build/xinfang] [--pages DIR] [--limit N]
                   [--conditions scan,fax-std] [STEPS ...]

STEPS default to a ladder: none, grey, +deskew, +normalise, +binarise,
+despeckle, +orient; then the default steps (no deskew) without and with
the standard-fax model.  Each run uses the configured workers (one per core).
"""

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cer  # noqa: E402

LADDER = ["none", "grey", "grey,deskew", "grey,deskew,normalise",
          "grey,deskew,normalise,binarise",
          "grey,deskew,normalise,binarise,despeckle",
          "grey,orient,deskew,normalise,binarise,despeckle",
          "grey,orient,normalise,binarise,despeckle,correct",
          "default"]


def newest_pages(root):
    done = [d for d in glob.glob(os.path.join(root, "*"))
            if os.path.isdir(d) and not d.endswith(".partial")]
    if not done:
        sys.exit("steps: no rendered pages under %s (run make bench)" % root)
    return max(done, key=os.path.getmtime)


def run(xinfang, steps, pages):
    with tempfile.TemporaryDirectory(prefix="xinfang-steps.") as home:
        started = time.monotonic()
        out = subprocess.run([xinfang, "--home", home, "ocr", "--json",
                              "--steps", steps] + pages,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             check=False)
        elapsed = time.monotonic() - started
    texts = {}
    for line in out.stdout.decode("utf-8").splitlines():
        record = json.loads(line)
        texts[record["file"]] = "\n".join(p["text"] for p in record["pages"])
    return texts, elapsed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--xinfang", default="build/xinfang")
    parser.add_argument("--pages", default="build/bench/pages")
    parser.add_argument("--conditions", default="clean,scan,jpeg,fax-fine,fax-std")
    parser.add_argument("--limit", type=int, default=0,
                        help="at most N pages per condition")
    parser.add_argument("steps", nargs="*")
    args = parser.parse_args()
    root = newest_pages(args.pages)
    ladder = args.steps or LADDER

    print("%-10s %-48s %8s %8s" % ("condition", "steps", "raw CER", "pages/s"))
    for condition in args.conditions.split(","):
        pages = sorted(glob.glob(os.path.join(root, condition, "*.*")))
        if args.limit:
            pages = pages[:args.limit]
        truth = {}
        for page in pages:
            name = os.path.splitext(os.path.basename(page))[0]
            with open(os.path.join(root, "gt", name + ".txt"), encoding="utf-8") as f:
                truth[page] = f.read()
        for steps in ladder:
            texts, elapsed = run(args.xinfang, steps, pages)
            edits = chars = 0
            for page in pages:
                e, n = cer.page_errors(truth[page], texts.get(page, ""))
                edits += e
                chars += n
            print("%-10s %-48s %7.2f%% %8.2f" % (condition, steps,
                                                100.0 * edits / max(chars, 1),
                                                len(pages) / elapsed))
            sys.stdout.flush()


if __name__ == "__main__":
    main()
