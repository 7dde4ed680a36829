#!/usr/bin/env python3
"""HTML main-text extraction: accuracy and speed on the article-extraction
benchmark (../shared/data/article-extraction-benchmark), corroborate beside
trafilatura in the same run.

    python3 eval/extraction.py [--peers] [--repeat 3]

corroborate: every page is ingested into a fresh store (`corroborate
ingest`, release build) and the stored text of each page is scored. Its
time covers the whole ingest (decompression, decoding, extraction,
metadata, sketching, SQLite), an upper bound on extraction alone.
With --peers, trafilatura (PyPI, into target/peers-venv) extracts the same
pages with the benchmark runner's call, timed on the already-decompressed
HTML. Scores follow the benchmark's metric: 4-token shingles of `\\w+`
tokens, per-page precision/recall, macro averages, F1 of the two means.
"""
import argparse
import collections
import gzip
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "..", "shared", "data", "article-extraction-benchmark")
BIN = os.path.join(ROOT, "target", "release", "corroborate")
VENV = os.path.join(ROOT, "target", "peers-venv")
TOKEN = re.compile(r"\w+")


def shingles(text):
    tokens = TOKEN.findall(text or "")
    if not tokens:
        return collections.Counter()
    if len(tokens) < 4:
        return collections.Counter([tuple(tokens)])
    return collections.Counter(tuple(tokens[i:i + 4]) for i in range(len(tokens) - 3))


def score(truth, pred):
    """Macro precision, recall, F1 and exact-token accuracy (benchmark metric)."""
    precisions, recalls, exact = [], [], 0
    for pid, body in truth.items():
        t, p = shingles(body), shingles(pred.get(pid) or "")
        tp = sum(min(n, p[s]) for s, n in t.items())
        fp = sum(max(0, n - t[s]) for s, n in p.items())
        fn = sum(max(0, n - p[s]) for s, n in t.items())
        if fp == 0 and fn == 0:
            prec = rec = 1.0
        else:
            prec = tp / (tp + fp) if (tp + fp) else 0.0
            rec = tp / (tp + fn) if (tp + fn) else 0.0
        if p:
            precisions.append(prec)
        if t:
            recalls.append(rec)
        exact += TOKEN.findall(body) == TOKEN.findall(pred.get(pid) or "")
    P = sum(precisions) / len(precisions) if precisions else 0.0
    R = sum(recalls) / len(recalls) if recalls else 0.0
    F = 2 * P * R / (P + R) if P + R else 0.0
    return P, R, F, exact / len(truth)


def corroborate(repeat):
    times, texts = [], {}
    for _ in range(repeat):
        with tempfile.TemporaryDirectory() as d:
            db = os.path.join(d, "x.db")
            t = time.perf_counter()
            subprocess.run([BIN, "--db", db, "--quiet", "ingest", os.path.join(DATA, "html")], check=False)
            times.append(time.perf_counter() - t)
            texts = dict(sqlite3.connect(db).execute("SELECT id, text FROM articles"))
    return texts, min(times)


def peers(pages, repeat):
    python = os.path.join(VENV, "bin", "python")
    if not os.path.exists(python):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        subprocess.run([python, "-m", "pip", "install", "-q", "trafilatura==2.3.1", "lxml_html_clean"], check=True)
    code = r"""
import json, sys, time, trafilatura
pages = json.load(sys.stdin)
best, out = None, {}
for _ in range(int(sys.argv[1])):
    t = time.perf_counter()
    out = {pid: trafilatura.extract(html, include_comments=False) for pid, html in pages.items()}
    e = time.perf_counter() - t
    best = e if best is None else min(best, e)
json.dump({"time": best, "out": out, "version": trafilatura.__version__}, sys.stdout)
"""
    r = subprocess.run([python, "-c", code, str(repeat)], input=json.dumps(pages), capture_output=True, text=True, check=True)
    return json.loads(r.stdout)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--peers", action="store_true", help="also run trafilatura from PyPI")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs; the fastest counts")
    args = ap.parse_args()
    truth_all = json.load(open(os.path.join(DATA, "ground-truth.json"), encoding="utf-8"))
    truth = {k: v["articleBody"] for k, v in truth_all.items()}
    pages = {}
    for name in sorted(os.listdir(os.path.join(DATA, "html"))):
        with gzip.open(os.path.join(DATA, "html", name), "rt", encoding="utf-8", errors="replace") as f:
            pages[name.split(".")[0]] = f.read()
    texts, secs = corroborate(args.repeat)
    P, R, F, A = score(truth, texts)
    n = len(pages)
    print(f"pages: {n}")
    print(f"corroborate   F1 {F:.3f}  P {P:.3f}  R {R:.3f}  accuracy {A:.3f}  "
          f"{secs:.2f} s = {n / secs:.0f} pages/s (whole ingest, one thread)")
    if args.peers:
        r = peers(pages, args.repeat)
        P2, R2, F2, A2 = score(truth, r["out"])
        print(f"trafilatura {r['version']}  F1 {F2:.3f}  P {P2:.3f}  R {R2:.3f}  accuracy {A2:.3f}  "
              f"{r['time']:.2f} s = {n / r['time']:.0f} pages/s (extraction only, one process)")
        print(f"ratio corroborate / trafilatura: speed {r['time'] / secs:.2f}x, F1 {F - F2:+.3f}")


if __name__ == "__main__":
    main()
