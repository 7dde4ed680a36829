#!/usr/bin/env python3
"""Agreement of extracted numbers, dates and typed facts between an article
and its translation, on ../shared/data/multilingual-news (ntrex-dev).

    python3 eval/agreement.py [--bin target/release/corroborate] [--verbose LANG]

Every one of the 64 English articles and its professional translation into
each language (uk, ru, es, de, fr, it, hr, pl) is read by
`corroborate annotate` (release build, every article dated 2018-09-29, the
days the sources were published). Segment i of a translation says what
English segment i says, so the gold is parallel: a number, a date or a fact
the engine reads off English segment i should be read off segment i of the
translation too, with the same value.

Three things are compared, per aligned segment, as multisets:

* numbers: the interval (low, high) of every number mention; a number with
  a unit of measurement ("385 miles", "620 km") is compared by its
  `measure`, the value in the canonical unit of its dimension widened by
  the precision it is written with, and two measures match when they have
  the same unit and their intervals overlap (a translator converts miles
  to kilometres and rounds);
* dates: the resolved range (low, high) of every time expression that
  states a date ("now" and "recently" are left out: their value is the
  publication date by construction, whatever the text says);
* facts: (attribute, low, high) of every typed fact (`killed`, `injured`,
  `damaged`, ...; not the generic `quantity`), by the segment of its span.

Agreement is the Dice coefficient over all segments of all articles,
2 * matched / (found in English + found in the translation): 1.0 when both
sides read the same values, lower for anything read on one side only or
with a different value. The English side is not gold, only the reference:
a value misread identically on both sides counts as agreement. Nothing is
written into the repository.
"""
import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "..", "shared", "data", "multilingual-news", "ntrex-dev")
LANGS = ["uk", "ru", "es", "de", "fr", "it", "hr", "pl"]
KINDS = ["numbers", "dates", "facts"]


def segment_starts(segments):
    """Character offset of each segment in "\\n".join(segments)."""
    starts, at = [], 0
    for s in segments:
        starts.append(at)
        at += len(s) + 1
    return starts


def segment_of(starts, offset):
    lo = 0
    for i, s in enumerate(starts):
        if s <= offset:
            lo = i
    return lo


def rounded(v):
    return None if v is None else round(float(v), 3)


def read(binary, docs):
    """Annotate `docs` in one call; per article id, per kind, a Counter of
    (segment, value) items."""
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "docs.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for d in docs:
                f.write(json.dumps({"id": f"{d['doc_id']}/{d['lang']}", "language": d["lang"],
                                    "text": "\n".join(d["segments"])}, ensure_ascii=False) + "\n")
        out = subprocess.run([binary, "--db", os.path.join(tmp, "x.db"), "--quiet", "annotate",
                              "--published", "2018-09-29", path],
                             check=True, capture_output=True, text=True).stdout
    by_id = {f"{d['doc_id']}/{d['lang']}": d for d in docs}
    found = {}
    for a in json.loads(out):
        starts = segment_starts(by_id[a["article"]]["segments"])
        items = {k: collections.Counter() for k in KINDS}
        measures = []
        for n in a["numbers"]:
            v, seg = n["value"], segment_of(starts, n["span"][0])
            if n.get("measure"):
                m = n["measure"]
                measures.append((seg, m["unit"], m["value"]["low"], m["value"]["high"]))
            else:
                items["numbers"][(seg, rounded(v["low"]), rounded(v["high"]))] += 1
        items["measures"] = measures
        for t in a["times"]:
            r = t.get("range") or {}
            # "now", "recently": the publication date by construction, no
            # date the article states.
            if t["kind"] == "present" or t["rule"] == "recent":
                continue
            if r.get("low") or r.get("high"):
                items["dates"][(segment_of(starts, t["span"][0]), r.get("low"), r.get("high"))] += 1
        for e in a["events"]:
            for fact in e["facts"]:
                if fact["attribute"] in ("quantity", "quote") or not fact.get("span"):
                    continue
                v = fact["value"]
                items["facts"][(segment_of(starts, fact["span"][0]), fact["attribute"],
                                rounded(v.get("low")), rounded(v.get("high")))] += 1
        found[a["article"]] = items
    return found


def overlaps(a, b):
    """Whether two measures (segment, unit, low, high) can state one quantity."""
    if a[:2] != b[:2]:
        return False
    lo = max(x for x in (a[2], b[2], float("-inf")) if x is not None)
    hi = min(x for x in (a[3], b[3], float("inf")) if x is not None)
    return lo <= hi


def match_measures(en, tr):
    """(found in English, found in the translation, matched one to one)."""
    left, matched = list(tr), 0
    for a in en:
        for i, b in enumerate(left):
            if overlaps(a, b):
                del left[i]
                matched += 1
                break
    return len(en), len(tr), matched


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "corroborate"))
    ap.add_argument("--verbose", metavar="LANG", help="list the disagreements for one language")
    args = ap.parse_args()
    docs = [json.loads(line) for line in open(os.path.join(DATA, "docs.jsonl"), encoding="utf-8")]
    found = read(args.bin, docs)
    english = [d["doc_id"] for d in docs if d["lang"] == "en"]
    print(f"{'language':<9}" + "".join(f" {k + ' (en/tr/agree)':>24}" for k in KINDS) + f" {'all':>6}")
    totals = {k: [0, 0, 0] for k in KINDS}
    for lang in LANGS:
        row = {k: [0, 0, 0] for k in KINDS}
        for doc in english:
            en, tr = found[f"{doc}/en"], found[f"{doc}/{lang}"]
            for k in KINDS:
                matched = sum((en[k] & tr[k]).values())
                row[k][0] += sum(en[k].values())
                row[k][1] += sum(tr[k].values())
                row[k][2] += matched
                if args.verbose == lang and en[k] != tr[k]:
                    print(f"  {doc} {k}: en only {sorted((en[k] - tr[k]).elements(), key=str)}"
                          f" | {lang} only {sorted((tr[k] - en[k]).elements(), key=str)}")
            en_m, tr_m, m_m = match_measures(en["measures"], tr["measures"])
            row["numbers"][0] += en_m
            row["numbers"][1] += tr_m
            row["numbers"][2] += m_m
            if args.verbose == lang and m_m < max(en_m, tr_m):
                print(f"  {doc} measures: en {en['measures']} | {lang} {tr['measures']}")
        cells = ""
        for k in KINDS:
            n_en, n_tr, m = row[k]
            dice = 2 * m / (n_en + n_tr) if n_en + n_tr else 1.0
            cells += f" {f'{n_en}/{n_tr}/{m}':>14} {dice:>9.3f}"
            for i in range(3):
                totals[k][i] += row[k][i]
        n_all = sum(row[k][0] + row[k][1] for k in KINDS)
        m_all = sum(row[k][2] for k in KINDS)
        print(f"{lang:<9}{cells} {2 * m_all / n_all if n_all else 1.0:>6.3f}")
    cells = ""
    for k in KINDS:
        n_en, n_tr, m = totals[k]
        cells += f" {f'{n_en}/{n_tr}/{m}':>14} {2 * m / (n_en + n_tr):>9.3f}"
    n_all = sum(totals[k][0] + totals[k][1] for k in KINDS)
    m_all = sum(totals[k][2] for k in KINDS)
    print(f"{'all':<9}{cells} {2 * m_all / n_all:>6.3f}")


if __name__ == "__main__":
    sys.exit(main())
