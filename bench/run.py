#!/usr/bin/env python3
"""The OCR benchmark (`make bench`): xinfang against the `tesseract` command
on the same rendered letters, in five conditions, on two cores.

    bench/run.py [--xinfang build/xinfang] [--build build/bench]
                 [--conditions clean,scan,...] [--skip-one-process]

1. Renders every bench/letters/NN.txt with bench/render.py into
   BUILD/pages/KEY/, KEY a hash of the letters, the renderer and the
   ImageMagick and font files in use, so a second run renders nothing.
2. For each condition, over all its pages (one file per page, so both
   tools read identical inputs), with OMP_THREAD_LIMIT=1 for every process:
     tesseract          `tesseract PAGE stdout -l chi_sim`, two at a time
                        (a pool of two, as `xargs -P 2` would run them)
     xinfang 2 x 1      `xinfang ocr --json`, two processes, each on half
                        the pages, each home's xinfang.conf: [ocr] workers=1
                        (the figure the ratios compare)
     xinfang 1 x 2      one process on all pages with [ocr] workers=2
   Every xinfang process gets its own new home holding only that
   xinfang.conf.  Wall time gives pages per second; `/usr/bin/time -f %M`
   the peak RSS of the largest single process (for xinfang, the largest
   of the process and its OCR workers); a sampler the peak of everything
   the run had in memory at once; bench/cer.py the raw CER, micro-averaged:
   total edits / total ground-truth characters.  CPU time used by other
   processes during a run is measured and reported, since it would make
   the speed figures unfair.
3. Prints a table per condition with the xinfang/tesseract ratios, and
   writes BUILD/results.json, BUILD/results.md and every OCR text to
   BUILD/out/CONDITION/TOOL/PAGE.txt.

Needs (Debian): tesseract-ocr tesseract-ocr-chi-sim imagemagick
fonts-noto-cjk time (and libtiff-tools to inspect the fax pages).
"""

import argparse
import concurrent.futures
import glob
import hashlib
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import cer      # noqa: E402
import render   # noqa: E402

GNU_TIME = "/usr/bin/time"
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def fail(message):
    sys.stderr.write("bench: %s\n" % message)
    sys.exit(1)


def check_tools(xinfang):
    if not os.access(xinfang, os.X_OK):
        fail("%s not built (run make)" % xinfang)
    if not os.access(GNU_TIME, os.X_OK):
        fail("%s missing (Debian: apt-get install time)" % GNU_TIME)
    if shutil.which("tesseract") is None:
        fail("tesseract missing (Debian: apt-get install tesseract-ocr tesseract-ocr-chi-sim)")
    langs = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True).stdout
    if "chi_sim" not in langs.split():
        fail("tesseract has no chi_sim (Debian: apt-get install tesseract-ocr-chi-sim)")


def check_letters(letters):
    """The letters' 18-digit ID numbers must carry valid GB 11643 check
    digits: a typo would make them useless for testing the field reader."""
    for path in letters:
        with open(path, encoding="utf-8") as f:
            text = f.read()
        for number in re.findall(r"(?<!\d)\d{17}[\dX](?!\d)", text):
            total = sum(int(d) * w for d, w in zip(number[:17], ID_WEIGHTS))
            if "10X98765432"[total % 11] != number[17]:
                fail("%s: ID number %s has a wrong check digit" % (path, number))


def input_key(letters):
    digest = hashlib.sha256()
    for path in [os.path.join(HERE, "render.py")] + letters:
        digest.update(os.path.basename(path).encode() + b"\0")
        with open(path, "rb") as f:
            digest.update(f.read())
    convert = render.convert_binary()
    version = subprocess.run([convert, "-version"], capture_output=True, text=True).stdout
    digest.update(version.encode())
    for font, _family in sorted(render.FONT_FILES.values()):
        st = os.stat(font)
        digest.update(("%s %d %d" % (font, st.st_size, int(st.st_mtime))).encode())
    return digest.hexdigest()[:16]


def render_pages(letters, pages_root):
    """Renders all letters once; returns the folder that holds them."""
    key = input_key(letters)
    final = os.path.join(pages_root, key)
    if os.path.exists(os.path.join(final, "complete")):
        print("bench: pages cached in %s" % final)
        return final
    os.makedirs(pages_root, exist_ok=True)
    for old in os.listdir(pages_root):          # one set of pages is enough
        shutil.rmtree(os.path.join(pages_root, old), ignore_errors=True)
    work = final + ".partial"
    os.makedirs(work)
    # The fonts first, alone, so the parallel renders find them made.
    for kind in render.FONT_FILES:
        render.prepare_font(kind, os.path.join(work, "fonts"))
    print("bench: rendering %d letters in %d conditions into %s"
          % (len(letters), len(render.CONDITIONS), final))
    started = time.monotonic()

    def one(path):
        result = subprocess.run([sys.executable, os.path.join(HERE, "render.py"),
                                 path, work], capture_output=True, text=True)
        if result.returncode != 0:
            fail("rendering %s failed:\n%s" % (path, result.stderr))
        return result.stdout.strip()

    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        for line in pool.map(one, letters):
            print("  " + line)
    shutil.rmtree(os.path.join(work, "work"), ignore_errors=True)
    os.rename(work, final)
    with open(os.path.join(final, "complete"), "w") as f:
        f.write("%.1f s\n" % (time.monotonic() - started))
    return final


def peak_kb(path):
    # GNU time writes "Command exited with non-zero status N" first when
    # the command fails; the figure is the last line.
    with open(path) as f:
        lines = [l.strip() for l in f if l.strip()]
    try:
        return int(lines[-1])
    except (IndexError, ValueError):
        return 0


def bench_env():
    env = dict(os.environ)
    env["OMP_THREAD_LIMIT"] = "1"
    return env


def run_tesseract(pages, scratch):
    """Two `tesseract` processes at a time, like xargs -P 2.  Returns
    (texts by page, peak KB of one process, failures)."""
    env = bench_env()
    texts, peaks, failures = {}, [], []
    lock = threading.Lock()

    def one(page):
        rss = os.path.join(scratch, os.path.basename(page) + ".rss")
        result = subprocess.run([GNU_TIME, "-f", "%M", "-o", rss,
                                 "tesseract", page, "stdout", "-l", "chi_sim"],
                                env=env, capture_output=True)
        with lock:
            peaks.append(peak_kb(rss))
            if result.returncode != 0:
                failures.append(page)
            texts[page] = result.stdout.decode("utf-8", "replace")

    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        list(pool.map(one, pages))
    return texts, max(peaks), failures


def run_xinfang(xinfang, pages, processes, workers, scratch):
    """`xinfang ocr --json` as processes processes, each on its share of
    the pages (every n-th, so long and short letters mix), each with its
    own home whose xinfang.conf sets [ocr] workers.  Returns (texts by
    page, peak KB of one process, failures)."""
    env = bench_env()
    shares = [pages[i::processes] for i in range(processes)]
    running = []
    for i, share in enumerate(shares):
        home = tempfile.mkdtemp(prefix="home%d." % i, dir=scratch)
        with open(os.path.join(home, "xinfang.conf"), "w") as f:
            f.write("[ocr]\nworkers = %d\n" % workers)
        rss = os.path.join(scratch, "xinfang%d.rss" % i)
        out = open(os.path.join(scratch, "xinfang%d.json" % i), "w+b")
        err = open(os.path.join(scratch, "xinfang%d.err" % i), "w+b")
        proc = subprocess.Popen([GNU_TIME, "-f", "%M", "-o", rss, xinfang, "ocr", "--json",
                                 "--home", home] + share, env=env, stdout=out, stderr=err)
        running.append((proc, rss, out, err))
    for proc, *_ in running:
        proc.wait()

    texts, peaks = {}, []
    for proc, rss, out, err in running:
        peaks.append(peak_kb(rss))
        out.seek(0)
        for line in out.read().decode("utf-8", "replace").splitlines():
            if not line.strip():
                continue
            record = json.loads(line)
            texts[record["file"]] = "\n".join(p["text"] for p in record["pages"])
        err.seek(0)
        message = err.read().decode("utf-8", "replace").strip()
        if message:
            sys.stderr.write("bench: xinfang said: %s\n" % message[:2000])
        out.close()
        err.close()
    failures = [p for p in pages if p not in texts]
    return texts, max(peaks), failures


def busy_jiffies():
    """(busy, steal) CPU jiffies of the whole machine since boot."""
    with open("/proc/stat") as f:
        fields = [int(v) for v in f.readline().split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return user + nice + system + irq + softirq, steal


def tree_rss_kb(root):
    """Summed resident memory of root's descendants, GNU time excepted."""
    parent, name = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                stat = f.read()
        except OSError:
            continue
        close = stat.rindex(")")
        name[int(entry)] = stat[stat.index("(") + 1:close]
        parent[int(entry)] = int(stat[close + 2:].split()[1])
    total = 0
    page_kb = os.sysconf("SC_PAGE_SIZE") // 1024
    for pid in parent:
        p, inside = parent[pid], False
        while p > 1:
            if p == root:
                inside = True
                break
            p = parent.get(p, 0)
        if not inside or name[pid] == "time":
            continue
        try:
            with open("/proc/%d/statm" % pid) as f:
                total += int(f.read().split()[1]) * page_kb
        except OSError:
            pass
    return total


def measure(run):
    """Runs run() and returns its result with the wall time, the peak of
    the summed RSS of everything it started (sampled every 0.1 s), and the
    CPU seconds that other processes on the machine used meanwhile, which
    would make the timing unfair."""
    ticks = os.sysconf("SC_CLK_TCK")
    stop = threading.Event()
    peak_total = [0]

    def sample():
        while not stop.wait(0.1):
            peak_total[0] = max(peak_total[0], tree_rss_kb(os.getpid()))

    sampler = threading.Thread(target=sample)
    busy0, steal0 = busy_jiffies()
    self0 = resource.getrusage(resource.RUSAGE_SELF)
    child0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    sampler.start()
    started = time.monotonic()
    result = run()
    wall = time.monotonic() - started
    stop.set()
    sampler.join()
    busy1, steal1 = busy_jiffies()
    self1 = resource.getrusage(resource.RUSAGE_SELF)
    child1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    ours = sum(getattr(b, f) - getattr(a, f) for a, b in ((self0, self1), (child0, child1))
               for f in ("ru_utime", "ru_stime"))
    other = max(0.0, (busy1 - busy0) / ticks - ours)
    return result, wall, peak_total[0], other, (steal1 - steal0) / ticks


def typefaces(letters):
    """Each letter's typeface, as render.py reads its first line, by the
    stem its pages are named after."""
    faces = {}
    for path in letters:
        with open(path, encoding="utf-8") as f:
            style, _ = render.parse_letter(f.read())
        faces[os.path.splitext(os.path.basename(path))[0]] = style.font
    return faces


def page_face(page, faces):
    """The typeface of a page (NAME-pNN.ext)."""
    stem = os.path.splitext(os.path.basename(page))[0]
    return faces.get(stem.rsplit("-p", 1)[0], "?")


def score(pages, truth, texts, save_dir, faces):
    """Edits and characters in all, and by typeface."""
    os.makedirs(save_dir, exist_ok=True)
    edits = chars = 0
    by_face = {}
    for page in pages:
        text = texts.get(page, "")
        e, n = cer.page_errors(truth[page], text)
        edits += e
        chars += n
        face = by_face.setdefault(page_face(page, faces), [0, 0])
        face[0] += e
        face[1] += n
        name = os.path.splitext(os.path.basename(page))[0] + ".txt"
        with open(os.path.join(save_dir, name), "w", encoding="utf-8") as f:
            f.write(text)
    return edits, chars, by_face


def ratio(a, b):
    return a / b if b else float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--xinfang", default="build/xinfang")
    parser.add_argument("--build", default="build/bench")
    parser.add_argument("--letters", default=os.path.join(HERE, "letters"))
    parser.add_argument("--conditions", default=",".join(render.CONDITIONS))
    parser.add_argument("--skip-one-process", action="store_true",
                        help="do not also time xinfang as a single process")
    args = parser.parse_args()
    conditions = args.conditions.split(",")
    for c in conditions:
        if c not in render.CONDITIONS:
            parser.error("unknown condition '%s'" % c)
    xinfang = os.path.abspath(args.xinfang)

    check_tools(xinfang)
    letters = sorted(glob.glob(os.path.join(args.letters, "*.txt")))
    if not letters:
        fail("no letters in %s" % args.letters)
    check_letters(letters)
    faces = typefaces(letters)
    pages_dir = render_pages(letters, os.path.join(args.build, "pages"))

    truth = {}
    version = subprocess.run([xinfang, "--version"], capture_output=True, text=True).stdout
    head = subprocess.run(["git", "-C", HERE, "describe", "--always", "--dirty"],
                          capture_output=True, text=True).stdout.strip()
    results = {"cores": os.cpu_count(), "pages_dir": pages_dir, "git": head,
               "xinfang": version.splitlines()[0] if version else "", "conditions": {}}
    print("bench: %s, source %s" % (results["xinfang"], head or "unknown"))
    out_root = os.path.join(args.build, "out")
    shutil.rmtree(out_root, ignore_errors=True)
    scratch_root = tempfile.mkdtemp(prefix="xinfang-bench.")
    # A private copy, so that a rebuild during the run cannot mix two
    # versions of xinfang in one table.
    xinfang = shutil.copy2(xinfang, os.path.join(scratch_root, "xinfang"))
    try:
        for condition in conditions:
            pages = sorted(glob.glob(os.path.join(pages_dir, condition, "*.*")))
            for page in pages:
                stem = os.path.splitext(os.path.basename(page))[0]
                with open(os.path.join(pages_dir, "gt", stem + ".txt"), encoding="utf-8") as f:
                    truth[page] = f.read()
            runs = [("tesseract", "tesseract, 2 at a time",
                     lambda d: run_tesseract(pages, d)),
                    ("xinfang", "xinfang, 2 procs x 1 worker",
                     lambda d: run_xinfang(xinfang, pages, 2, 1, d))]
            if not args.skip_one_process:
                runs.append(("xinfang-1", "xinfang, 1 proc x 2 workers",
                             lambda d: run_xinfang(xinfang, pages, 1, 2, d)))
            rows = {}
            for key, label, go in runs:
                scratch = tempfile.mkdtemp(prefix=key + ".", dir=scratch_root)
                (texts, peak, failures), wall, peak_total, other, steal = measure(
                    lambda: go(scratch))
                edits, chars, by_face = score(pages, truth, texts,
                                              os.path.join(out_root, condition, key),
                                              faces)
                rows[key] = {"label": label, "pages": len(pages), "wall_s": round(wall, 2),
                             "pages_per_s": len(pages) / wall, "peak_rss_mb": peak / 1024.0,
                             "peak_total_rss_mb": peak_total / 1024.0,
                             "edits": edits, "chars": chars, "cer": edits / chars,
                             "cer_by_face": {f: e / n for f, (e, n) in sorted(by_face.items())
                                             if n},
                             "other_cpu_s": round(other, 1), "steal_s": round(steal, 1),
                             "failed": [os.path.basename(p) for p in failures]}
            results["conditions"][condition] = rows
            print_condition(condition, rows)
    finally:
        shutil.rmtree(scratch_root, ignore_errors=True)

    os.makedirs(args.build, exist_ok=True)
    with open(os.path.join(args.build, "results.json"), "w") as f:
        json.dump(results, f, indent=1)
    summary = markdown(results)
    with open(os.path.join(args.build, "results.md"), "w") as f:
        f.write(summary)
    print("\n" + summary)
    print("bench: OCR texts in %s, figures in %s/results.{json,md}" % (out_root, args.build))


ORDER = ("xinfang", "xinfang-1", "tesseract")


def ratios(rows, key):
    x, t = rows[key], rows["tesseract"]
    return (ratio(x["cer"], t["cer"]), ratio(x["pages_per_s"], t["pages_per_s"]),
            ratio(x["peak_rss_mb"], t["peak_rss_mb"]),
            ratio(x["peak_total_rss_mb"], t["peak_total_rss_mb"]))


def print_condition(condition, rows):
    any_row = rows["tesseract"]
    print("\n== %s: %d pages, %d ground-truth characters"
          % (condition, any_row["pages"], any_row["chars"]))
    print("  %-30s %8s %8s %12s %12s" % ("", "raw CER", "pages/s", "peak RSS MB",
                                         "all at once"))
    for key in ORDER:
        if key in rows:
            r = rows[key]
            note = "  (%d failed)" % len(r["failed"]) if r["failed"] else ""
            print("  %-30s %8.4f %8.3f %12.1f %12.1f%s"
                  % (r["label"], r["cer"], r["pages_per_s"], r["peak_rss_mb"],
                     r["peak_total_rss_mb"], note))
    faces = sorted(any_row["cer_by_face"])
    if len(faces) > 1:
        print("  raw CER by typeface: " + "; ".join(
            "%s %s" % (rows[key]["label"].split(",")[0], ", ".join(
                "%s %.4f" % (f, rows[key]["cer_by_face"][f]) for f in faces))
            for key in ("xinfang", "tesseract") if key in rows))
    for key in ("xinfang", "xinfang-1"):
        if key in rows:
            print("  %-30s %8.2f %8.2f %12.2f %12.2f"
                  % (("ratio " + rows[key]["label"].split(", ")[1] + "/tess",)
                     + ratios(rows, key)))
    for key in ORDER:
        if key in rows and rows[key]["other_cpu_s"] > 0.05 * 2 * rows[key]["wall_s"]:
            print("  warning: other processes used %.0f CPU-s during the %s run (%.0f s);"
                  " its speed is understated" % (rows[key]["other_cpu_s"], rows[key]["label"],
                                                 rows[key]["wall_s"]))


def markdown(results):
    lines = ["| condition | pages | run | raw CER | pages/s | peak RSS MB, one process |"
             " peak RSS MB, all at once |",
             "|---|---:|---|---:|---:|---:|---:|"]
    for condition, rows in results["conditions"].items():
        for key in ORDER:
            if key in rows:
                r = rows[key]
                lines.append("| %s | %d | %s | %.4f | %.3f | %.0f | %.0f |"
                             % (condition, r["pages"], r["label"], r["cer"],
                                r["pages_per_s"], r["peak_rss_mb"], r["peak_total_rss_mb"]))
        for key in ("xinfang", "xinfang-1"):
            if key in rows:
                lines.append("| %s | | **ratio %s / tesseract** | %.2f | %.2f | %.2f | %.2f |"
                             % ((condition, rows[key]["label"].split(", ")[1])
                                + ratios(rows, key)))
    faces = sorted({f for rows in results["conditions"].values()
                    for r in rows.values() for f in r["cer_by_face"]})
    if len(faces) > 1:
        lines += ["", "Raw CER by typeface (the letters' first line says which):", "",
                  "| condition | run | " + " | ".join(faces) + " |",
                  "|---|---|" + "---:|" * len(faces)]
        for condition, rows in results["conditions"].items():
            for key in ORDER:
                if key in rows:
                    lines.append("| %s | %s | %s |" % (
                        condition, rows[key]["label"], " | ".join(
                            "%.4f" % rows[key]["cer_by_face"][f]
                            if f in rows[key]["cer_by_face"] else "" for f in faces)))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
