#!/usr/bin/env python3
"""Regression gate: instruction counts per article of each stage, against BENCHMARKS.md.

Wall time on this shared 2-core machine varies by tens of percent from run
to run; instruction counts under valgrind's callgrind are the same for the
same binary and inputs. Each gate runs one `corroborate bench` (release
build) on small fixed inputs under callgrind, counting only the timed
function (`--toggle-collect`), and divides by the articles it processed.
Callgrind counts only the thread that enters that function, so the gates
run on one thread (`CORROBORATE_THREADS=1`): the count is the whole work.
The build fails when a figure is worse than twice the value recorded in the
"Regression gate" table of BENCHMARKS.md (a speed below half the recorded).

Usage: python3 eval/bench_gate.py            check (part of make test)
       python3 eval/bench_gate.py --record   print the measured table rows
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "corroborate")
SHARED = os.path.join(ROOT, "..", "shared", "data")
BENCHMARKS = os.path.join(ROOT, "BENCHMARKS.md")
ROW = re.compile(r"^\|\s*`([a-z-]+)`\s*\|\s*([\d,]+)\s*\|")


def gates(work):
    """(name, function to count, articles processed, command) for each gate."""
    corpus = os.path.join(work, "gate.jsonl")
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "gen_corpus.py"), "--stories", "25",
                    "--per-story", "8", "--seed", "7", "--out", corpus], check=True)
    seeds = os.path.join(SHARED, "seeds")
    db = os.path.join(work, "gate.db")
    return [
        ("dedup", "*bench_dedup*", 200, [BIN, "-q", "bench", "dedup", corpus]),
        ("understand", "*timed_understand*", 2 * 3,
         [BIN, "-q", "bench", "understand", seeds, "--repeat", "3"]),
        ("ingest", "*ingest_paths*", 200, [BIN, "-q", "--db", db, "ingest", corpus]),
        ("corroborate", "*timed_corroborate*", 20 * 2,
         [BIN, "-q", "bench", "corroborate", seeds, "--articles", "20", "--repeat", "2"]),
    ]


def count(function, cmd):
    r = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
                        f"--toggle-collect={function}", *cmd], capture_output=True, text=True,
                       env={**os.environ, "CORROBORATE_THREADS": "1"})
    if r.returncode != 0:
        sys.exit(f"bench_gate: {' '.join(cmd)} failed under valgrind:\n{r.stderr[-2000:]}")
    m = re.search(r"Collected\s*:\s*(\d+)", r.stderr)
    if not m:
        sys.exit(f"bench_gate: no instruction count from callgrind:\n{r.stderr[-2000:]}")
    return int(m.group(1))


def recorded():
    table, inside = {}, False
    for line in open(BENCHMARKS, encoding="utf-8"):
        if line.startswith("## "):
            inside = line.strip() == "## Regression gate"
        elif inside and (m := ROW.match(line)):
            table[m.group(1)] = int(m.group(2).replace(",", ""))
    return table


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--record", action="store_true", help="print the measured rows instead of checking")
    args = ap.parse_args()
    if not os.path.exists(BIN):
        sys.exit("bench_gate: build the release binary first (cargo build --release)")
    base = {} if args.record else recorded()
    if not args.record and not base:
        sys.exit("bench_gate: BENCHMARKS.md has no 'Regression gate' table")
    failed = []
    with tempfile.TemporaryDirectory() as work:
        for name, function, articles, cmd in gates(work):
            per = count(function, cmd) // articles
            if args.record:
                print(f"| `{name}` | {per:,} | `{' '.join(os.path.relpath(c, ROOT) if c.startswith(ROOT) else c for c in cmd[1:])}` |")
                continue
            limit = 2 * base.get(name, 0)
            verdict = "ok" if per <= limit else "REGRESSION"
            print(f"bench gate {name}: {per:,} instructions per article (recorded {base.get(name, 0):,}; "
                  f"fails above {limit:,}): {verdict}")
            if per > limit:
                failed.append(name)
    if failed:
        sys.exit(f"bench_gate: slower than half the recorded speed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
