#!/usr/bin/env python3
"""Cross-lingual story clustering on ../shared/data/multilingual-news:
ntrex-dev (the 64 English articles and their professional translations)
and itn-dev (one-sentence news blurbs written separately in each language).

    python3 eval/multilingual.py            # both parts
    python3 eval/multilingual.py --part ntrex
    python3 eval/multilingual.py --part itn

For English alone, for English with each other language, and for all nine
languages together, the articles are ingested into a fresh store
(`corroborate ingest`, release build, every article dated 2018-09-29, the
days the sources were published) and the stories found are scored against
the hand-made story clusters of `story_clusters.tsv` (a translation belongs
to its original's story) as pairwise and B-cubed F1. Also reported: how
many translations landed in their original's story, how many were marked
as derived from their original or another translation of it (`derived_from`, from the JSON report;
every English article is stored before its translations, so on a tie of
publication days the original comes first), and how many articles were
marked as derived from an article that is not their original or a
translation of it (wrong lineage).

itn-dev: every distinct blurb version is an article dated the day the
scraper saw it (`seen_at`), in its language (the one Serbo-Croatian blurb
as Croatian); the gold story is its `story_id`. Scored the same way for
English alone, English with each other language, and all languages
together. These are rewrites, not translations: no lineage is scored.
"""
import argparse
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from stories import bcubed_items, pairwise_prf  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NEWS = os.path.join(ROOT, "..", "shared", "data", "multilingual-news")
DATA = os.path.join(NEWS, "ntrex-dev")
BIN = os.path.join(ROOT, "target", "release", "corroborate")
LANGS = ["uk", "ru", "es", "de", "fr", "it", "hr", "pl"]


def load():
    docs = [json.loads(line) for line in open(os.path.join(DATA, "docs.jsonl"), encoding="utf-8")]
    story = {}
    with open(os.path.join(DATA, "story_clusters.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            cols = line.rstrip("\n").split("\t")
            story[cols[0]] = cols[2]
    return docs, story


def run(docs, story, langs):
    chosen = [d for d in docs if d["lang"] in langs]
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "docs.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for d in chosen:
                f.write(json.dumps({"id": f"{d['doc_id']}/{d['lang']}", "language": d["lang"],
                                    "outlet": d["outlet"], "text": "\n".join(d["segments"])},
                                   ensure_ascii=False) + "\n")
        db = os.path.join(tmp, "x.db")
        subprocess.run([BIN, "--db", db, "--quiet", "ingest", "--published", "2018-09-29", path], check=True)
        system = dict(sqlite3.connect(db).execute("SELECT id, story FROM articles"))
        report = json.loads(subprocess.run([BIN, "--db", db, "--quiet", "report"], check=True,
                                           capture_output=True, text=True).stdout)
    gold = {f"{d['doc_id']}/{d['lang']}": story[d["doc_id"]] for d in chosen}
    system = {k: system.get(k, f"missing:{k}") for k in gold}
    pw, b3 = pairwise_prf(gold, system), bcubed_items(gold, system)
    joined = sum(1 for d in chosen if d["lang"] != "en"
                 and system[f"{d['doc_id']}/{d['lang']}"] == system[f"{d['doc_id']}/en"])
    translations = sum(1 for d in chosen if d["lang"] != "en")
    parent = {a["id"]: a.get("derived_from") for a in report["articles"]}
    # A translation's lineage is right when it names its original or
    # another translation of it (a Russian and a Ukrainian translation of one
    # article published the same day cannot be told apart in order).
    derived = sum(1 for k, p in parent.items()
                  if not k.endswith("/en") and p and p.rsplit("/", 1)[0] == k.rsplit("/", 1)[0])
    wrong = sum(1 for k, p in parent.items()
                if p and p.rsplit("/", 1)[0] != k.rsplit("/", 1)[0])
    return pw, b3, joined, translations, derived, wrong, len(set(system.values()))


def itn():
    blurbs = [json.loads(line) for line in open(os.path.join(NEWS, "itn-dev", "blurbs.jsonl"), encoding="utf-8")]
    for i, b in enumerate(blurbs):
        b["id"] = f"itn{i}/{b['lang']}"
        b["language"] = "hr" if b["lang"] == "sh" else b["lang"]
    langs = sorted({b["language"] for b in blurbs} - {"en"}, key=lambda l: -sum(b["language"] == l for b in blurbs))
    print(f"{'languages':<12} {'blurbs':>8} {'stories':>8} {'gold':>5} {'pairwise P':>10} {'R':>6} {'F1':>6}  {'B3 F1':>6}")
    for group in [["en"]] + [["en", l] for l in langs] + [["en"] + langs]:
        chosen = [b for b in blurbs if b["language"] in group]
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "blurbs.jsonl")
            with open(path, "w", encoding="utf-8") as f:
                for b in sorted(chosen, key=lambda b: b["seen_at"]):
                    f.write(json.dumps({"id": b["id"], "language": b["language"], "published": b["seen_at"][:10],
                                        "text": b["text"]}, ensure_ascii=False) + "\n")
            db = os.path.join(tmp, "x.db")
            subprocess.run([BIN, "--db", db, "--quiet", "ingest", path], check=True)
            system = dict(sqlite3.connect(db).execute("SELECT id, story FROM articles"))
        gold = {b["id"]: b["story_id"] for b in chosen}
        # A blurb seen again unchanged is the stored article (the store
        # keeps one article per content): it is in that article's story.
        # (Same content: the same words, whatever their case, "ё" or "е".)
        def content(text):
            return " ".join(re.findall(r"\w+", text.lower().replace("ё", "е")))
        first = {}
        for b in sorted(chosen, key=lambda b: b["seen_at"]):
            first.setdefault(content(b["text"]), b["id"])
        system = {b["id"]: system.get(b["id"], system.get(first[content(b["text"])], f"missing:{b['id']}"))
                  for b in chosen}
        pw, b3 = pairwise_prf(gold, system), bcubed_items(gold, system)
        name = "+".join(group) if len(group) < len(langs) + 1 else "all"
        print(f"{name:<12} {len(chosen):>8} {len(set(system.values())):>8} {len(set(gold.values())):>5} "
              f"{pw['precision']:>10.3f} {pw['recall']:>6.3f} {pw['f1']:>6.3f}  {b3['f1']:>6.3f}")


def ntrex():
    docs, story = load()
    print(f"{'languages':<12} {'articles':>8} {'stories':>8} {'pairwise P':>10} {'R':>6} {'F1':>6}  {'B3 F1':>6}  translations with their original  derived_from its original (or a translation)  derived_from another article")
    for langs in [["en"]] + [["en", l] for l in LANGS] + [["en"] + LANGS]:
        pw, b3, joined, translations, derived, wrong, n = run(docs, story, set(langs))
        name = "+".join(langs) if len(langs) < 9 else "all nine"
        share = f"{joined}/{translations}" if translations else "—"
        print(f"{name:<12} {64 * len(langs):>8} {n:>8} {pw['precision']:>10.3f} {pw['recall']:>6.3f} {pw['f1']:>6.3f}  {b3['f1']:>6.3f}  {share:>32}  {derived if translations else '—':>44}  {wrong:>26}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--part", choices=["ntrex", "itn", "both"], default="both")
    part = ap.parse_args().part
    if part in ("ntrex", "both"):
        print("ntrex-dev: articles and their professional translations")
        ntrex()
    if part in ("itn", "both"):
        print("\nitn-dev: one-sentence blurbs written separately in each language")
        itn()


if __name__ == "__main__":
    main()
