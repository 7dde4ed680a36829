#!/usr/bin/env python3
"""Clustering at crawl scale on a generated corpus: ingest, memory, attach latency, pairwise F1.

For each size N: scripts/gen_corpus.py writes N + 208 articles as story
families of 16 (originals, reprints, light edits, rewrites with changed
numbers and dates; the generator's families are the gold stories). The
first N are ingested into a fresh SQLite store by the release binary
(wall time and peak RSS by /usr/bin/time); the last 208 (13 stories: each
story's first article starts a story, the others join one) are then
attached one at a time with `corroborate bench attach` (p50/p99 latency,
one transaction each, N already indexed). Pairwise precision, recall and F1
of the stored stories against the gold families; store bytes per article.
With --e2e, `corroborate run` (ingest, consolidation, annotation,
extraction, corroboration, JSON report of every story) on the N articles.

Usage: python3 eval/scale.py [--sizes 10000,100000,1000000] [--e2e] [--keep DIR]
"""

import argparse
import collections
import os
import sqlite3
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "corroborate")
PER_STORY = 16
TAIL = 13 * PER_STORY


def timed(cmd):
    """Runs `cmd` under /usr/bin/time; returns (seconds, peak RSS KiB, stdout)."""
    r = subprocess.run(["/usr/bin/time", "-f", "%e %M", *cmd], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"scale: {' '.join(cmd)} failed: {r.stderr[-2000:]}")
    secs, rss = r.stderr.strip().splitlines()[-1].split()
    return float(secs), int(rss), r.stdout


def pairwise(pred, gold):
    """Pairwise precision, recall, F1 of two id -> label maps (same ids)."""
    def pairs(labels):
        groups = collections.Counter(labels.values())
        return sum(n * (n - 1) // 2 for n in groups.values())
    joint = collections.Counter((pred[i], gold[i]) for i in gold)
    tp = sum(n * (n - 1) // 2 for n in joint.values())
    p = tp / max(1, pairs(pred))
    r = tp / max(1, pairs(gold))
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def run(n, work, e2e):
    corpus = os.path.join(work, f"gen-{n}.jsonl")
    gold_path = os.path.join(work, f"gen-{n}.gold")
    head = os.path.join(work, f"head-{n}")
    tail = os.path.join(work, f"tail-{n}.jsonl")
    stories = (n + TAIL) // PER_STORY
    t = time.perf_counter()
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "gen_corpus.py"), "--stories", str(stories),
                    "--per-story", str(PER_STORY), "--out", corpus, "--gold", gold_path], check=True)
    # The first N as files of 20,000 articles (each under the default input
    # size limit), the rest apart.
    os.makedirs(head, exist_ok=True)
    size = 0
    with open(corpus, encoding="utf-8") as f, open(tail, "w", encoding="utf-8") as tl:
        chunk = None
        for i, line in enumerate(f):
            if i >= n:
                tl.write(line)
                continue
            if i % 20000 == 0:
                if chunk:
                    chunk.close()
                chunk = open(os.path.join(head, f"part-{i // 20000:04d}.jsonl"), "w", encoding="utf-8")
            chunk.write(line)
            size += len(line.encode("utf-8"))
        if chunk:
            chunk.close()
    os.remove(corpus)
    print(f"[{n}] generated {stories * PER_STORY} articles in {time.perf_counter() - t:.0f} s "
          f"({size / 1e6:.0f} MB of JSON Lines for the first {n})", flush=True)
    db = os.path.join(work, f"store-{n}.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    secs, rss, _ = timed([BIN, "--db", db, "--quiet", "ingest", head])
    size = sum(os.path.getsize(db + s) for s in ("", "-wal") if os.path.exists(db + s))
    print(f"[{n}] ingest: {secs:.1f} s = {n / secs:.0f} articles/s, peak RSS {rss / 1024:.0f} MiB "
          f"({rss * 1024 / n:.0f} bytes per article), store {size / 1e6:.0f} MB ({size / n:.0f} bytes per article)",
          flush=True)
    gold = {}
    with open(gold_path, encoding="utf-8") as f:
        for line in f:
            aid, s = line.rstrip("\n").split("\t")
            gold[aid] = s
    con = sqlite3.connect(db)
    pred = dict(con.execute("SELECT id, story FROM articles"))
    con.close()
    g = {i: gold[i] for i in pred}
    p, r, f1 = pairwise(pred, g)
    print(f"[{n}] stories {len(set(pred.values()))} (gold {len(set(g.values()))}); "
          f"pairwise P {p:.3f} R {r:.3f} F1 {f1:.3f}", flush=True)
    _, arss, out = timed([BIN, "--db", db, "--quiet", "bench", "attach", tail])
    print(f"[{n}] {out.strip()}; process peak RSS {arss / 1024:.0f} MiB", flush=True)
    if e2e:
        secs, rss, _ = timed([BIN, "--quiet", "run", head, "--format", "json", "--out", os.devnull])
        print(f"[{n}] end to end (run: ingest, consolidation, annotation, extraction, corroboration, "
              f"JSON report): {secs:.1f} s = {n / secs:.0f} articles/s, peak RSS {rss / 1024:.0f} MiB", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,100000,1000000")
    ap.add_argument("--e2e", action="store_true")
    ap.add_argument("--keep", help="work directory to keep (default: a temporary one)")
    args = ap.parse_args()
    if not os.path.exists(BIN):
        sys.exit("scale: build the release binary first (make setup)")
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or tmp
        os.makedirs(work, exist_ok=True)
        for n in map(int, args.sizes.split(",")):
            run(n, work, args.e2e)


if __name__ == "__main__":
    main()
