#!/usr/bin/env python3
"""Score the engine's time and place recognition on real annotated news.

The script rebuilds the plain text of every gold document and runs
``corroborate annotate --format json`` over it. It then compares the
engine's ``times`` and ``places`` with the gold mentions. It uses only the
Python standard library and writes nothing into the repository. The corpora
are read at run time from ``--data``.

Usage (from the repository root)::

    python3 eval/understanding.py [--bin target/release/corroborate]
        [--data ../shared/data] [--json OUT.json] [--verbose]

Corpora
-------
Both corpora are CAT XML. ``<token t_id sentence number>`` elements are
followed by ``<Markables>``, whose mention elements hold ``<token_anchor
t_id>`` children. Markables without anchors are "instance" records (a
cross-document id, or a DCT without text). They are never gold mentions.

Text rebuilt per document: the tokens of one sentence are detokenised the way
news is written ("Feb. 3, 2009", "2:18 p.m.", "three-year-old": see
``space_before``), and each sentence goes on its own line in token order. Whitespace inside a token is
collapsed; one ECB+ token (in 2_5ecbplus) ends in a tab. Every token's [start, end) offset
is kept in Unicode code points. A gold mention covers the characters of its
anchored tokens. The ECB+ ``ecbplus`` files keep their first line, which is
the source URL (sentence 0), and some also have a date or title line. The
engine has to cope with these lines.

Running the engine
------------------
Each document is written as ``<doc_name without .xml>.txt`` into a temporary
directory. The engine is called once for each distinct publication date:
``BIN annotate --format json [--published YYYY-MM-DD] FILE...``. Results are
matched to files by their ``article`` field (the file stem). If no article
field matches, the script falls back to input order. Every returned span is
checked against the rebuilt text:
  exact       text[span] == mention.text
  normalised  equal after NFC and whitespace collapsing
  realigned   mention.text found elsewhere; the nearest occurrence is used
  unaligned   not found; the span is kept as given
These counts are reported as "alignment".

Metric 1: ESC dev, time-expression values
-----------------------------------------
Data: ``esc/dev/*/*.xml.xml`` (65 ``ecbplus`` documents of topics 5, 7, 8, 32,
33 and 35).

Publication date: the value of the ``DCT="TRUE"`` markable, cut to its
date part. Where there are several, the one anchored in the text wins
(5_9ecbplus has an anchored dateline 2005-07-25T17:18Z and an unanchored
2005-07-24). Formats seen: ``2009-02-04T04:11Z``, ``2009-02-04``,
``2005-05-16T23:03``, ``2009:02:03T17:59:13Z`` (colons, accepted), ``2006``
(year only) and ``PRESENT_REF``. The last two give no day, so those
documents run without ``--published``. Many DCT markables have no token
anchor.

Gold: every anchored ``TIME_*`` markable with DCT != "TRUE" and a non-empty
``value``. Durations and repetitions have no DCT attribute. ESC's set type
is named ``TIME_REPETITION`` (TimeML SET); there is no ``TIME_SET`` tag.
  found     some system time mention overlaps the gold characters.
            found / gold is the span recall.
  strict    some system span equals the gold span (first token start to
            last token end).
  value     the best-overlapping system mention (most shared characters,
            then earliest start) has value == gold value after light
            normalisation: case and a final "Z" are ignored; a gold value
            with a time part (``2009-02-04T04:11Z``, ``2012-07-07TNI``) is
            compared at its date part when the system gives a plain date;
            ``PRESENT_REF`` and durations (``P1M``) must be equal.
  acc|found = value-correct / found;  acc|gold = value-correct / gold.
These are broken down by gold type and by gold value granularity: day
(YYYY-MM-DD), day+time (YYYY-MM-DDT..), month, year, week (YYYY-Wnn[-WE]),
duration (P..), ref (PRESENT_REF...), other (``2005-XX-XX`` ...).
Precision: system time mentions that overlap some anchored ``TIME_*``
markable (of any kind, DCT datelines and value-less ones included), divided
by all system time mentions.

Metric 2: ECB+ dev, time and location mention recall
----------------------------------------------------
Data: ``ecbplus/ECB+/<topic>/*.xml``. All 197 documents, ``ecb`` and
``ecbplus``, with no publication date.

Gold: anchored ``TIME_*`` markables (TIME_DATE, TIME_OF_THE_DAY,
TIME_DURATION, TIME_REPETITION) and ``LOC_*`` markables (LOC_GEO, LOC_FAC,
LOC_OTHER). A gold time counts as recalled when a system time overlaps it,
and a gold location when a system place overlaps it. There are two scopes:
  selected  sentences listed in ECBplus_coreference_sentences.dev.csv. The
            row (Topic, File, Sentence Number) refers to file
            ``<Topic>_<File>.xml``, and its sentence number is the tokens'
            ``sentence`` attribute as it stands (0-based).
  all       every sentence.
Place precision is the number of system places (by their start's sentence)
in the scope that overlap some gold ``LOC_*``, divided by all system places
in the scope. Time precision is computed the same way against ``TIME_*``.
Only LOC_GEO (named cities, regions, countries...) is what a gazetteer can
be expected to find. LOC_FAC (buildings, stores) and LOC_OTHER are reported
for completeness.

Sentence-number check (computed on every run and shown as "sentence
check"): CROSS_DOC_COREF-linked mentions were counted inside the listed
sentences with the listed number shifted by -1, 0 and +1. Offset 0 fits best
by far: 2264 of 3494 at 0, against 714 at -1 and 448 at +1. In ``ecb`` files
it fits almost perfectly (883 of 892). In ``ecbplus`` files about half the
linked mentions fall outside the listed sentences (1381 of 2602), and a shift
makes this worse, not better. So these files were annotated beyond their
selection, as the release README warns, and the numbering is not off by one.
Sentence 0 of an ``ecbplus`` file (the URL) is never listed. 34_5ecb has no
listed sentence at all.

Output: a table on stdout; with --json, every figure as JSON. The output is
deterministic: files are sorted, ties are broken by position, and no
timestamps are written.
"""

from __future__ import annotations

import argparse
import bisect
import collections
import csv
import json
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ESC_TYPES = ["TIME_DATE", "TIME_DURATION", "TIME_OF_THE_DAY", "TIME_REPETITION"]
GRANULARITIES = ["day", "day+time", "month", "year", "week", "duration", "ref", "other"]
ECB_TIME_TYPES = ["TIME_DATE", "TIME_OF_THE_DAY", "TIME_DURATION", "TIME_REPETITION"]
ECB_LOC_TYPES = ["LOC_GEO", "LOC_FAC", "LOC_OTHER"]


class EvalError(Exception):
    """A fatal problem, reported as one line."""


# --------------------------------------------------------------------------
# Reading CAT XML


@dataclass
class Markable:
    tag: str
    m_id: str
    attrs: dict
    tokens: list  # t_ids, document order
    intervals: list  # merged [(start, end)] character ranges
    start: int
    end: int
    sentence: int


@dataclass
class Doc:
    name: str  # file stem given to the engine
    path: Path
    text: str
    line_starts: list  # character offset of each line
    line_sentence: list  # CAT sentence number of each line
    markables: list  # anchored markables
    instances: list = field(default_factory=list)  # markables without anchors (attrs only)
    tokens_collapsed: int = 0

    def sentence_at(self, offset: int) -> int:
        i = bisect.bisect_right(self.line_starts, offset) - 1
        return self.line_sentence[max(i, 0)]

    def line_at(self, offset: int) -> tuple[int, int]:
        i = max(bisect.bisect_right(self.line_starts, offset) - 1, 0)
        s = self.line_starts[i]
        e = self.text.find("\n", s)
        return s, (len(self.text) if e < 0 else e)


# Penn-Treebank quote tokens back to typographic quotes.
QUOTES = {"``": "“", "''": "”"}
ATTACH_LEFT = {",", ".", ":", ";", "!", "?", ")", "]", "}", "%", "”", "'s", "’s", "n't", "n’t",
               "'", "’", "'re", "'ll", "'ve", "'d", "'m", "’re", "’ll", "’ve", "’d", "’m"}
ATTACH_RIGHT = {"(", "[", "{", "$", "#", "“"}


def space_before(prev: list[str], w: str) -> bool:
    """Detokenisation: whether a space goes between the words so far and `w`.

    The corpora store tokens, and news text is not written "Oct . 21 , 2011"
    or "2 : 18 p . m": the text handed to the engine is rebuilt the way it was
    published ("Oct. 21, 2011", "2:18 p.m.", "three-year-old", "200,000").
    """
    p = prev[-1]
    pp = prev[-2] if len(prev) > 1 else ""
    if w in ATTACH_LEFT or p in ATTACH_RIGHT:
        return False
    if w == "-" or p == "-":
        return False
    # "2 : 18", "8 . 40am", "200 , 000": punctuation between digits.
    if p in {":", "."} and pp[-1:].isdigit() and w[:1].isdigit():
        return False
    if p == "," and pp[-1:].isdigit() and len(w) == 3 and w.isdigit():
        return False
    # "p . m", "U . S": single letters joined by dots.
    if p == "." and len(pp) == 1 and pp.isalpha() and len(w) <= 2 and w[:1].isalpha():
        return False
    return True


def parse_cat(path: Path) -> Doc:
    root = ET.parse(path).getroot()
    name = root.get("doc_name") or path.name
    while name.endswith(".xml"):
        name = name[: -len(".xml")]
    lines: list[list[str]] = []
    line_sentence: list[int] = []
    tok_line: dict[str, tuple[int, int]] = {}  # t_id -> (line index, position in line)
    collapsed = 0
    for tok in root.iter("token"):
        sent = int(tok.get("sentence"))
        raw = tok.text or ""
        word = " ".join(raw.split())
        if word != raw:
            collapsed += 1
        if not line_sentence or line_sentence[-1] != sent:
            line_sentence.append(sent)
            lines.append([])
        tok_line[tok.get("t_id")] = (len(lines) - 1, len(lines[-1]))
        lines[-1].append(word)
    # Lay out the text and compute token offsets.
    parts: list[str] = []
    line_starts: list[int] = []
    tok_span: dict[str, tuple[int, int]] = {}
    offset = 0
    line_tok_offsets: list[list[tuple[int, int]]] = []
    for words in lines:
        line_starts.append(offset)
        offs = []
        pos = offset
        line_text = ""
        prev: list[str] = []  # the non-empty words laid out so far on this line
        for w in words:
            if not w:
                offs.append((pos, pos))
                continue
            w = QUOTES.get(w, w)
            if prev and space_before(prev, w):
                line_text += " "
                pos += 1
            offs.append((pos, pos + len(w)))
            line_text += w
            pos += len(w)
            prev.append(w)
        line_tok_offsets.append(offs)
        parts.append(line_text)
        offset += len(line_text) + 1
    text = "\n".join(parts) + "\n"
    for t_id, (li, pi) in tok_line.items():
        tok_span[t_id] = line_tok_offsets[li][pi]
    tok_sent = {t_id: line_sentence[li] for t_id, (li, _) in tok_line.items()}

    markables, instances = [], []
    mk = root.find("Markables")
    for e in list(mk) if mk is not None else []:
        anchors = list(dict.fromkeys(a.get("t_id") for a in e.findall("token_anchor") if a.get("t_id") in tok_span))
        attrs = dict(e.attrib)
        if not anchors:
            instances.append(Markable(e.tag, e.get("m_id", ""), attrs, [], [], 0, 0, -1))
            continue
        spans = sorted(tok_span[t] for t in anchors)
        merged: list[list[int]] = []
        for s, en in spans:
            if merged and s <= merged[-1][1] + 1 and tok_sent_line(text, merged[-1][1], s):
                merged[-1][1] = max(merged[-1][1], en)
            else:
                merged.append([s, en])
        intervals = [(s, en) for s, en in merged]
        markables.append(
            Markable(
                e.tag,
                e.get("m_id", ""),
                attrs,
                anchors,
                intervals,
                intervals[0][0],
                intervals[-1][1],
                min(tok_sent[t] for t in anchors),
            )
        )
    return Doc(name, path, text, line_starts, line_sentence, markables, instances, collapsed)


def tok_sent_line(text: str, a: int, b: int) -> bool:
    """Whether offsets a..b lie on one line (merging adjacent tokens)."""
    return "\n" not in text[a:b]


# --------------------------------------------------------------------------
# Running the engine


def run_engine(binary: str, groups: list[tuple[str | None, list[Doc]]], workdir: Path) -> tuple[dict, dict]:
    """Call the engine once per group; return ({doc name: annotation}, stats)."""
    results: dict[str, dict] = {}
    stats = collections.Counter()
    for published, docs in groups:
        files = []
        for d in docs:
            p = workdir / f"{d.name}.txt"
            p.write_text(d.text, encoding="utf-8")
            files.append(str(p))
        cmd = [binary, "annotate", "--format", "json"]
        if published:
            cmd += ["--published", published]
        stats["calls"] += 1
        try:
            proc = subprocess.run(cmd + files, capture_output=True)
        except OSError as err:
            raise EvalError(f"cannot run engine {binary}: {err.strerror or err}")
        if proc.returncode != 0:
            msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            first = msg[0] if msg else "(no message)"
            raise EvalError(
                f"engine failed: `{binary} annotate --format json"
                f"{' --published ' + published if published else ''} <{len(files)} files>` "
                f"exited {proc.returncode}: {first}"
            )
        try:
            out = json.loads(proc.stdout.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as err:
            raise EvalError(f"engine output is not JSON ({err}) for `annotate` on {len(files)} files")
        if isinstance(out, dict):
            out = [out]
        if not isinstance(out, list) or not all(isinstance(o, dict) for o in out):
            raise EvalError("engine output is not a JSON array of objects")
        names = [d.name for d in docs]
        by_article = {o.get("article"): o for o in out}
        if any(n in by_article for n in names):
            for n in names:
                if n in by_article:
                    results[n] = by_article[n]
                else:
                    stats["documents_without_output"] += 1
        elif len(out) == len(names):
            stats["matched_by_order"] += len(names)
            for n, o in zip(names, out):
                results[n] = o
        else:
            raise EvalError(
                f"engine returned {len(out)} objects for {len(names)} files and no 'article' matched a file stem"
            )
    return results, stats


# --------------------------------------------------------------------------
# Spans


@dataclass
class SysMention:
    start: int
    end: int
    text: str
    obj: dict


def _norm(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).split())


def align(mentions: list, doc: Doc, stats: collections.Counter) -> list[SysMention]:
    """Check each mention's span against our text; realign when needed."""
    out = []
    n = len(doc.text)
    for m in mentions or []:
        span = m.get("span")
        if isinstance(span, dict):
            span = [span.get("start"), span.get("end")]
        try:
            s, e = int(span[0]), int(span[1])
        except (TypeError, ValueError, IndexError):
            stats["bad_span"] += 1
            continue
        if s > e:
            s, e = e, s
        s, e = max(0, min(s, n)), max(0, min(e, n))
        want = m.get("text")
        if not isinstance(want, str):
            stats["exact"] += 1
        elif doc.text[s:e] == want:
            stats["exact"] += 1
        elif _norm(doc.text[s:e]) == _norm(want):
            stats["normalised"] += 1
        else:
            best = None
            for cand in {want, unicodedata.normalize("NFC", want), want.strip()}:
                if not cand:
                    continue
                i = doc.text.find(cand)
                while i >= 0:
                    if best is None or abs(i - s) < abs(best[0] - s):
                        best = (i, i + len(cand))
                    i = doc.text.find(cand, i + 1)
            if best is not None:
                stats["realigned"] += 1
                s, e = best
            else:
                stats["unaligned"] += 1
        out.append(SysMention(s, e, doc.text[s:e], m))
    return out


def overlap_chars(m: SysMention, g: Markable) -> int:
    return sum(max(0, min(m.end, ge) - max(m.start, gs)) for gs, ge in g.intervals)


def context(doc: Doc, start: int, end: int) -> str:
    ls, le = doc.line_at(start)
    line = doc.text[ls:le]
    a, b = start - ls, min(end, le) - ls
    snippet = line[:a] + "[[" + line[a:b] + "]]" + line[b:]
    # Trim long lines around the mark.
    i = snippet.find("[[")
    lo = max(0, i - 80)
    hi = min(len(snippet), snippet.find("]]") + 82)
    return ("…" if lo else "") + snippet[lo:hi] + ("…" if hi < len(snippet) else "")


# --------------------------------------------------------------------------
# Values

DATE_PART = re.compile(r"^(\d{4})[-:](\d{2})[-:](\d{2})")


def granularity(v: str) -> str:
    v = v.strip().upper()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        return "day"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}T.+", v):
        return "day+time"
    if re.fullmatch(r"\d{4}-\d{2}", v):
        return "month"
    if re.fullmatch(r"\d{4}", v):
        return "year"
    if re.fullmatch(r"\d{4}-W\d{2}(-WE)?", v):
        return "week"
    if v.startswith("P"):
        return "duration"
    if v.endswith("_REF"):
        return "ref"
    return "other"


def values_match(gold: str, system) -> bool:
    if not isinstance(system, str):
        return False
    g = gold.strip().upper().rstrip("Z")
    s = system.strip().upper().rstrip("Z")
    if g == s:
        return True
    # Times of day are scored at the day: the corpus normalises clock times to
    # UTC ("2:18 p.m." → T19:18Z) with time zones the text does not state, and
    # annotates "Saturday night" sometimes as the day, sometimes as TNI.
    day = r"^\d{4}-\d{2}-\d{2}(T.*)?$"
    if re.match(day, g) and re.match(day, s) and ("T" in g or "T" in s):
        return g[:10] == s[:10]
    return False


def dct_of(doc: Doc) -> tuple[str | None, str, str]:
    """(YYYY-MM-DD or None, raw value, where it came from)."""
    cands = [m for m in doc.markables if m.tag.startswith("TIME") and m.attrs.get("DCT") == "TRUE"]
    source = "anchored"
    if not cands:
        cands = [m for m in doc.instances if m.tag.startswith("TIME") and m.attrs.get("DCT") == "TRUE"]
        source = "unanchored"
    if not cands:
        return None, "", "none"
    raw = (cands[0].attrs.get("value") or "").strip()
    mt = DATE_PART.match(raw)
    if not mt:
        return None, raw, source + ",no-day"
    return "-".join(mt.groups()), raw, source


# --------------------------------------------------------------------------
# Metric 1: ESC


def ratio(a: int, b: int):
    return round(a / b, 4) if b else None


def eval_esc(binary: str, data: Path, workdir: Path, verbose: bool) -> dict:
    files = sorted((data / "esc" / "dev").glob("*/*.xml.xml"), key=lambda p: (p.parent.name.zfill(4), p.name))
    if not files:
        raise EvalError(f"no ESC files under {data / 'esc' / 'dev'}")
    docs = [parse_cat(f) for f in files]
    groups: dict = collections.defaultdict(list)
    dct_info = collections.Counter()
    no_day = []
    multi_dct = []
    for d in docs:
        day, raw, src = dct_of(d)
        dct_info[src] += 1
        n_dct = sum(1 for m in d.markables + d.instances if m.tag.startswith("TIME") and m.attrs.get("DCT") == "TRUE")
        if n_dct > 1:
            multi_dct.append(d.name)
        if day is None:
            no_day.append(f"{d.name}={raw or '-'}")
        if raw and day and not re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}Z?)?", raw):
            dct_info["odd_format"] += 1
        groups[day].append(d)
    order = sorted(groups, key=lambda k: (k is None, k or ""))
    results, run_stats = run_engine(binary, [(k, groups[k]) for k in order], workdir)

    align_stats = collections.Counter()
    by_type = {t: collections.Counter() for t in ESC_TYPES}
    by_gran = {g: collections.Counter() for g in GRANULARITIES}
    total = collections.Counter()
    kinds = collections.defaultdict(collections.Counter)
    sys_total = sys_tp = 0
    misses = []
    for d in docs:
        ann = results.get(d.name, {})
        sys_times = align(ann.get("times"), d, align_stats)
        any_gold = [m for m in d.markables if m.tag.startswith("TIME")]
        gold = [m for m in any_gold if m.attrs.get("DCT") != "TRUE" and (m.attrs.get("value") or "").strip()]
        for g in gold:
            gv = g.attrs["value"].strip()
            over = [(overlap_chars(s, g), s) for s in sys_times]
            over = [(n, s) for n, s in over if n > 0]
            found = bool(over)
            strict = any(s.start == g.start and s.end == g.end for _, s in over)
            best = min(over, key=lambda x: (-x[0], x[1].start, x[1].end))[1] if over else None
            correct = found and values_match(gv, best.obj.get("value"))
            if best is not None:
                kinds[g.tag][str(best.obj.get("kind"))] += 1
            for c in (total, by_type.setdefault(g.tag, collections.Counter()), by_gran[granularity(gv)]):
                c["gold"] += 1
                c["found"] += found
                c["strict"] += strict
                c["value_correct"] += correct
            if verbose and not correct:
                what = (
                    f"value {best.obj.get('value')!r} (system [{best.text}]) != gold {gv!r}"
                    if found
                    else f"MISSED gold {gv!r}"
                )
                misses.append(f"  {d.name} {g.tag}: {what}\n      {context(d, g.start, g.end)}")
        for s in sys_times:
            sys_total += 1
            if any(overlap_chars(s, g) > 0 for g in any_gold):
                sys_tp += 1
            elif verbose:
                misses.append(
                    f"  {d.name} SPURIOUS system time kind={s.obj.get('kind')} value={s.obj.get('value')!r}"
                    f" rule={s.obj.get('rule')}\n      {context(d, s.start, s.end)}"
                )

    def summarise(c):
        return {
            "gold": c["gold"],
            "found": c["found"],
            "recall": ratio(c["found"], c["gold"]),
            "strict": c["strict"],
            "strict_recall": ratio(c["strict"], c["gold"]),
            "value_correct": c["value_correct"],
            "value_accuracy_found": ratio(c["value_correct"], c["found"]),
            "value_accuracy_gold": ratio(c["value_correct"], c["gold"]),
        }

    return {
        "documents": len(docs),
        "engine_calls": run_stats["calls"],
        "documents_without_output": run_stats["documents_without_output"],
        "dct": {
            "sources": dict(sorted(dct_info.items())),
            "without_day": no_day,
            "multiple_dct_markables": multi_dct,
            "distinct_published_dates": len([k for k in groups if k]),
        },
        "alignment": dict(sorted(align_stats.items())),
        "all": summarise(total),
        "by_type": {t: summarise(c) for t, c in by_type.items()},
        "by_granularity": {g: summarise(c) for g, c in by_gran.items()},
        "system_kind_by_gold_type": {t: dict(sorted(c.items())) for t, c in sorted(kinds.items())},
        "system": {
            "mentions": sys_total,
            "overlapping_gold": sys_tp,
            "overlapping_no_gold": sys_total - sys_tp,
            "precision": ratio(sys_tp, sys_total),
        },
        "_verbose": misses,
    }


# --------------------------------------------------------------------------
# Metric 2: ECB+


def read_selection(path: Path) -> dict:
    sel: dict = collections.defaultdict(set)
    with path.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            sel[f"{row['Topic'].strip()}_{row['File'].strip()}"].add(int(row["Sentence Number"]))
    return sel


def sentence_check(docs: list[Doc], sel: dict) -> dict:
    """Where do cross-document-linked mentions fall relative to the listed sentences?"""
    counts = {half: collections.Counter() for half in ("ecb", "ecbplus", "all")}
    for d in docs:
        kind = "ecbplus" if d.name.endswith("ecbplus") else "ecb"
        root = ET.parse(d.path).getroot()
        linked = set()
        rels = root.find("Relations")
        for r in list(rels) if rels is not None else []:
            if r.tag == "CROSS_DOC_COREF":
                linked.update(s.get("m_id") for s in r.findall("source"))
        listed = sel.get(d.name, set())
        for m in d.markables:
            if m.m_id in linked:
                for c in (counts[kind], counts["all"]):
                    c["linked"] += 1
                    for off in (-1, 0, 1):
                        c[off] += (m.sentence + off) in listed
    out = {}
    for half, c in counts.items():
        out[half] = {"linked_mentions": c["linked"], "in_listed_offset_-1": c[-1], "in_listed_offset_0": c[0],
                     "in_listed_offset_+1": c[1]}
    return out


def ecb_files(data: Path) -> tuple[list, dict]:
    """The ECB+ dev documents (by topic, then name) and the selection of
    gold-checked sentences; shared with stories.py."""
    root = data / "ecbplus"
    files = sorted((root / "ECB+").glob("*/*.xml"), key=lambda p: (p.parent.name.zfill(4), p.name))
    if not files:
        raise EvalError(f"no ECB+ files under {root / 'ECB+'}")
    sel_path = root / "ECBplus_coreference_sentences.dev.csv"
    if not sel_path.exists():
        raise EvalError(f"missing {sel_path}")
    return files, read_selection(sel_path)


def eval_ecb(binary: str, data: Path, workdir: Path, verbose: bool) -> dict:
    files, sel = ecb_files(data)
    docs = [parse_cat(f) for f in files]
    names = {d.name for d in docs}
    unknown_rows = sorted(k for k in sel if k not in names)
    no_rows = sorted(d.name for d in docs if d.name not in sel)
    bad_sentences = sorted(
        f"{d.name}:{s}" for d in docs for s in sel.get(d.name, ()) if s not in set(d.line_sentence)
    )
    results, run_stats = run_engine(binary, [(None, docs)], workdir)

    align_stats = collections.Counter()
    types = ECB_TIME_TYPES + ECB_LOC_TYPES
    rec = {scope: collections.defaultdict(collections.Counter) for scope in ("selected", "all")}
    prec = {scope: {"places": collections.Counter(), "times": collections.Counter()} for scope in ("selected", "all")}
    misses = []
    for d in docs:
        ann = results.get(d.name, {})
        sys_t = align(ann.get("times"), d, align_stats)
        sys_p = align(ann.get("places"), d, align_stats)
        listed = sel.get(d.name, set())
        golds = [m for m in d.markables if m.tag.startswith(("TIME_", "LOC_"))]
        for g in golds:
            pool = sys_t if g.tag.startswith("TIME_") else sys_p
            hit = any(overlap_chars(s, g) > 0 for s in pool)
            group = "TIME_*" if g.tag.startswith("TIME_") else "LOC_*"
            for scope in ("selected", "all"):
                if scope == "selected" and g.sentence not in listed:
                    continue
                for key in (g.tag, group):
                    rec[scope][key]["gold"] += 1
                    rec[scope][key]["recalled"] += hit
            if verbose and not hit:
                where = "listed" if g.sentence in listed else "unlisted"
                misses.append(f"  {d.name} MISSED {g.tag} ({where} sentence {g.sentence})\n      "
                              f"{context(d, g.start, g.end)}")
        for label, pool, prefix in (("places", sys_p, "LOC_"), ("times", sys_t, "TIME_")):
            targets = [g for g in golds if g.tag.startswith(prefix)]
            for s in pool:
                tp = any(overlap_chars(s, g) > 0 for g in targets)
                in_listed = d.sentence_at(s.start) in listed
                for scope in ("selected", "all"):
                    if scope == "selected" and not in_listed:
                        continue
                    prec[scope][label]["system"] += 1
                    prec[scope][label]["overlapping_gold"] += tp
                if verbose and not tp and label == "places":
                    place = s.obj.get("place") or {}
                    misses.append(
                        f"  {d.name} SPURIOUS place {place.get('name')!r} ({s.obj.get('kind')}, "
                        f"{place.get('country')}) {'listed' if in_listed else 'unlisted'} sentence\n      "
                        f"{context(d, s.start, s.end)}"
                    )

    def recall_table(scope):
        out = {}
        for key in ["TIME_*"] + ECB_TIME_TYPES + ["LOC_*"] + ECB_LOC_TYPES + sorted(set(rec[scope]) - set(types) - {"TIME_*", "LOC_*"}):
            c = rec[scope].get(key, collections.Counter())
            out[key] = {"gold": c["gold"], "recalled": c["recalled"], "recall": ratio(c["recalled"], c["gold"])}
        return out

    def prec_table(scope):
        return {
            label: {"system": c["system"], "overlapping_gold": c["overlapping_gold"],
                    "precision": ratio(c["overlapping_gold"], c["system"])}
            for label, c in prec[scope].items()
        }

    return {
        "documents": len(docs),
        "documents_ecb": sum(1 for d in docs if not d.name.endswith("ecbplus")),
        "documents_ecbplus": sum(1 for d in docs if d.name.endswith("ecbplus")),
        "engine_calls": run_stats["calls"],
        "documents_without_output": run_stats["documents_without_output"],
        "selection": {
            "rows": sum(len(v) for v in sel.values()),
            "files_listed": len(sel),
            "documents_without_listed_sentence": no_rows,
            "rows_for_unknown_files": unknown_rows,
            "rows_for_missing_sentences": bad_sentences,
            "sentence_check": sentence_check(docs, sel),
        },
        "alignment": dict(sorted(align_stats.items())),
        "recall": {scope: recall_table(scope) for scope in ("selected", "all")},
        "precision": {scope: prec_table(scope) for scope in ("selected", "all")},
        "_verbose": misses,
    }


# --------------------------------------------------------------------------
# Output


def pct(x) -> str:
    return "   -  " if x is None else f"{100 * x:5.1f}%"


def print_report(res: dict) -> None:
    esc = res["esc"]
    print(f"ESC dev — time values ({esc['documents']} docs, {esc['engine_calls']} engine calls, "
          f"{esc['dct']['distinct_published_dates']} publication dates; "
          f"no day for {len(esc['dct']['without_day'])}: {', '.join(esc['dct']['without_day']) or '-'})")
    hdr = f"  {'gold group':<18}{'gold':>5}{'found':>6}{'recall':>8}{'strict':>7}{'s.rec':>8}{'value':>6}{'acc|fnd':>9}{'acc|gold':>9}"
    print(hdr)

    def row(label, c):
        print(f"  {label:<18}{c['gold']:>5}{c['found']:>6}{pct(c['recall']):>8}{c['strict']:>7}"
              f"{pct(c['strict_recall']):>8}{c['value_correct']:>6}{pct(c['value_accuracy_found']):>9}"
              f"{pct(c['value_accuracy_gold']):>9}")

    row("ALL", esc["all"])
    for t, c in esc["by_type"].items():
        row(t, c)
    for g, c in esc["by_granularity"].items():
        if c["gold"]:
            row("value:" + g, c)
    s = esc["system"]
    print(f"  system times: {s['mentions']}, overlapping gold TIME_*: {s['overlapping_gold']}, "
          f"overlapping none: {s['overlapping_no_gold']}  precision {pct(s['precision']).strip()}")
    print(f"  alignment: {fmt_align(esc['alignment'])}")
    print()

    ecb = res["ecbplus"]
    print(f"ECB+ dev — time/location mention recall ({ecb['documents']} docs: {ecb['documents_ecb']} ecb, "
          f"{ecb['documents_ecbplus']} ecbplus; no publication date)")
    print(f"  {'gold type':<18}{'selected sentences':>24}{'all sentences':>24}")
    for key in ecb["recall"]["all"]:
        a, b = ecb["recall"]["selected"][key], ecb["recall"]["all"][key]
        if not a["gold"] and not b["gold"]:
            continue
        note = "   <- what a gazetteer can find" if key == "LOC_GEO" else ""
        print(f"  {key:<18}{a['recalled']:>6}/{a['gold']:<5}{pct(a['recall']):>8}    "
              f"{b['recalled']:>6}/{b['gold']:<5}{pct(b['recall']):>8}{note}")
    for label, gold in (("places", "LOC_*"), ("times", "TIME_*")):
        a, b = ecb["precision"]["selected"][label], ecb["precision"]["all"][label]
        print(f"  {'prec ' + label:<18}{a['overlapping_gold']:>6}/{a['system']:<5}{pct(a['precision']):>8}    "
              f"{b['overlapping_gold']:>6}/{b['system']:<5}{pct(b['precision']):>8}   (system {label} overlapping gold {gold})")
    print("  LOC_GEO = named geo-political places (gazetteer-findable); LOC_FAC/LOC_OTHER are facilities and other places.")
    chk = ecb["selection"]["sentence_check"]["all"]
    print(f"  sentence check: of {chk['linked_mentions']} coref-linked mentions, in listed sentences at offset "
          f"-1/0/+1: {chk['in_listed_offset_-1']}/{chk['in_listed_offset_0']}/{chk['in_listed_offset_+1']}")
    print(f"  alignment: {fmt_align(ecb['alignment'])}")


def fmt_align(a: dict) -> str:
    keys = ["exact", "normalised", "realigned", "unaligned", "bad_span"]
    return ", ".join(f"{k} {a.get(k, 0)}" for k in keys if a.get(k, 0) or k == "exact")


def resolve(p: str, must_exist: bool = True) -> Path:
    path = Path(p)
    if path.is_absolute() or path.exists():
        return path
    alt = REPO / path
    return alt if alt.exists() else path


def check_inputs(binary: Path, bin_arg: str, data: Path, data_arg: str) -> None:
    """Raise EvalError unless the engine binary and the data folder exist."""
    if not binary.is_file():
        raise EvalError(f"engine binary not found: {bin_arg} (build it with `make setup`)")
    if not data.is_dir():
        raise EvalError(f"data directory not found: {data_arg}")


def write_json(path: str | None, res: dict) -> None:
    """Write every figure as sorted, indented JSON when a path is given."""
    if path:
        with open(path, "w", encoding="utf-8") as f:
            json.dump(res, f, indent=2, sort_keys=True, ensure_ascii=False)
            f.write("\n")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default="target/release/corroborate", help="engine binary")
    ap.add_argument("--data", default="../shared/data", help="shared data directory (esc/, ecbplus/)")
    ap.add_argument("--json", metavar="OUT", help="write every figure as JSON to OUT")
    ap.add_argument("--verbose", action="store_true", help="print every miss/error with context")
    ap.add_argument("--texts", metavar="DIR",
                    help="keep the rebuilt document texts in DIR (esc/, ecbplus/) instead of a temporary directory, "
                         "e.g. as the corpus of `corroborate bench understand`")
    args = ap.parse_args(argv)
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet when piped into head

    binary = resolve(args.bin)
    if not binary.exists() and "/" not in args.bin:
        found = shutil.which(args.bin)
        binary = Path(found) if found else binary
    data = resolve(args.data)
    try:
        check_inputs(binary, args.bin, data, args.data)
        with tempfile.TemporaryDirectory(prefix="corroborate-eval-") as tmp:
            tmp = Path(args.texts) if args.texts else Path(tmp)
            (tmp / "esc").mkdir(parents=True, exist_ok=True)
            (tmp / "ecbplus").mkdir(parents=True, exist_ok=True)
            esc = eval_esc(str(binary.resolve()), data, tmp / "esc", args.verbose)
            ecb = eval_ecb(str(binary.resolve()), data, tmp / "ecbplus", args.verbose)
    except EvalError as err:
        print(f"understanding.py: {err}", file=sys.stderr)
        return 2
    res = {"esc": esc, "ecbplus": ecb}
    verbose_lines = {k: v.pop("_verbose") for k, v in res.items()}
    if args.verbose:
        for k, lines in verbose_lines.items():
            print(f"--- {k}: {len(lines)} misses/errors")
            for line in lines:
                print(line)
        print()
    print_report(res)
    write_json(args.json, res)
    return 0


if __name__ == "__main__":
    sys.exit(main())
