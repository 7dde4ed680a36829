#!/usr/bin/env python3
"""Score the engine's story clustering and cross-document event coreference on ECB+ dev.

The script rebuilds the text of every ECB+ development document with
``understanding.parse_cat`` and writes it to ``<doc_name>.txt``. The file stem,
e.g. ``12_10ecbplus``, is the article id. It then runs the engine once over all
of them (``BIN run DIR --format json``) and scores the report against the gold.
It uses only the Python standard library and writes nothing into the
repository. The corpus is read at run time from ``--data``.

Usage (from the repository root)::

    python3 eval/stories.py [--bin target/release/corroborate]
        [--data ../shared/data] [--json OUT.json] [--verbose] [--texts DIR]
    python3 eval/stories.py --selftest      # the scorers' own checks; exit 1 on failure

Data
----
``ecbplus/ECB+/<topic>/<topic>_<n>ecb.xml`` and ``..._<n>ecbplus.xml``: the 8
dev topics (2, 5, 12, 18, 21, 23, 34, 35), 197 documents. All of them go to the
engine in one run, so stories must not merge across topics or across halves.
``ecbplus/ECBplus_coreference_sentences.dev.csv`` lists the sentences checked
for coreference (Topic,File,Sentence Number). Row (T, F, S) refers to document
``T_F`` and to the tokens whose ``sentence`` attribute is S (0-based). 34_5ecb
has no listed sentence.

Gold stories (what was checked)
-------------------------------
A gold story is (topic, half). The ``N_Mecb.xml`` files of topic N report one
seminal event and the ``N_Mecbplus.xml`` files report another, similar one.
This gives 16 gold stories. Both READMEs say so. The release README.txt
says the ecbplus component describes seminal events other than the ECB ones,
and the local README.md names the two events of every topic. The annotation
agrees. Each run recomputes this as "gold check". Of the cross-document event
instances (CROSS_DOC_COREF ``note`` ids), only one spans both halves of a
topic. It is the topic-34 instance for the job offer to Sanjay Gupta, and its
only ecbplus mentions are 3 mentions in 34_4ecbplus, an article on Regina
Benjamin that recalls the earlier offer. All of them are in unlisted
sentences, so in the scored scope no gold event cluster spans two gold stories.
No instance spans two topics.

Story clustering metrics
------------------------
Items are the 197 articles. The system story of an article is
``articles[].story`` in the report. If that is missing, the story listed in
``stories[].articles`` is used. An article absent from the report counts as a
system story of its own (reported as "articles missing").
  pairwise   over unordered article pairs. TP = pairs in the same gold and the
             same system story. P = TP / system same-story pairs,
             R = TP / gold same-story pairs, F1 = 2PR/(P+R).
  B-cubed    per article a: P(a) = |S(a) n G(a)| / |S(a)| and
             R(a) = |S(a) n G(a)| / |G(a)|, where S(a) and G(a) are the system
             and gold stories holding a. P and R are the averages over all
             articles, F1 = 2PR/(P+R).
Any ratio with a zero denominator is 0. With --verbose, each gold story is
listed, worst B-cubed F1 first. The list shows the system stories it is split
over (split = low B-cubed recall) and the other gold stories that share those
system stories (merged = low B-cubed precision).

Event coreference: gold
-----------------------
A gold mention is an anchored markable whose tag starts with ``ACTION_`` or
``NEG_ACTION_``, in a listed sentence. The tags found are ACTION_{OCCURRENCE,
REPORTING, STATE, GENERIC, ASPECTUAL, PERCEPTION, CAUSATIVE} and
NEG_ACTION_{OCCURRENCE, STATE, REPORTING, GENERIC}. A mention's sentence is that
of its first token. It covers the characters of its anchored tokens (15 of the
2,647 event mentions in the dev files are discontinuous). Unanchored markables
are instance records, not mentions.

Gold clusters:
  * ``CROSS_DOC_COREF``: its ``source`` m_ids are mentions of the document,
    its ``target`` is the instance markable, and its ``note`` equals the
    target's ``instance_id``, which is the same in every document. Mentions are
    grouped across documents by ``note``.
  * ``INTRA_DOC_COREF``: it has no note. Its target is an unanchored markable
    without an instance_id (TAG_DESCRIPTOR "" or a word, often
    UNKNOWN_INSTANCE_TAG). Its sources form one within-document cluster, keyed
    by document and r_id. 12 event mentions in listed sentences are in such
    chains.
  * Singletons: a mention in no relation is a cluster of its own. These are
    KEPT, as in the standard ECB+ setup (Cybulska & Vossen 2015, Barhom et al.
    2019, Cattan et al. 2021), so they count in B-cubed and CEAF-e. MUC ignores
    them by definition.
No event mention is a source of two relations, no two event mentions share a
span, and no cross-document instance mixes event and participant mentions. The
only event/non-event tag mix is in INTRA_DOC_COREF chains, whose target is
UNKNOWN_INSTANCE_TAG. Clusters are restricted to the listed sentences, so a
cross-document cluster can become a singleton.

Event coreference: system
-------------------------
Each ``stories[].events[]`` entry is one system cluster, split by the
mentions' ``part``: the words that tell a casualty of the event ("killing",
"wounded": ``part`` ``killed``/``injured``/``missing``) are the event's
killing or injuring, which ECB+ annotates as events of their own, so each part
of an event is one cluster and the words without a part another. Its
``mentions[]`` entries are ``{"article", "span": [start, end), "text"[, "part"]}``, with
offsets in code points into the article text (the text the script wrote, which
``corroborate show`` returns unchanged). Spans are checked against the text as
in understanding.py (exact / normalised / realigned / unaligned). A mention
whose (article, span) was already seen in an earlier event is dropped
("duplicate mentions"). Only mentions whose start lies in a listed sentence are
kept ("system mentions" in the table). Mentions outside are dropped, as in the
standard evaluation, and so are mentions of unknown articles.

Mention mapping
---------------
Each kept system mention proposes the gold mention of its article that it
overlaps most (shared characters; ties go to the earlier gold start, then the
shorter gold mention). If several system mentions propose the same gold
mention, the one with the largest overlap wins. Ties go to the smaller length
difference, then the earlier start, then report order. The others become
twinless ("lost to a better match"). The mapping is one-to-one. A matched
system mention takes its gold mention's identity. An unmatched system mention
is twinless and keeps an identity of its own.
  mention precision = matched / system mentions
  mention recall    = matched / gold mentions

Coreference metrics (predicted mentions)
----------------------------------------
K = gold clusters over gold mentions, R = system clusters over system mentions
after mapping. The two mention sets differ. Twinless gold mentions (missed)
are in no response cluster, and twinless system mentions (spurious) are in no
key cluster. The definitions follow the CoNLL-2012 reference scorer v8 and
Pradhan et al. (ACL 2014), with no mentions added or removed:
  MUC      R = sum_k (|k| - |p(k)|) / sum_k (|k| - 1), where p(k) is the
           partition of k by the response clusters, and each key mention in no
           response cluster is a part of its own. P is the same with K and R
           swapped, so each twinless system mention is a part of its own.
           Singleton clusters add 0 to both sums.
  B-cubed  R = sum_k sum_r |k n r|^2 / |k|  /  sum_k |k|
           P = sum_k sum_r |k n r|^2 / |r|  /  sum_r |r|
           A missed gold mention adds 0 to R's numerator and a spurious system
           mention adds 0 to P's numerator. Both still count in the denominators.
  CEAF-e   phi4(k, r) = 2 |k n r| / (|k| + |r|). The best one-to-one alignment
           g* of K with R (Kuhn-Munkres, solved separately in each connected
           component of the "shares a mention" graph, which gives the same
           optimum) gives Phi = sum phi4(k, g*(k)). R = Phi / |K|,
           P = Phi / |R|. The cluster sizes include twinless mentions.
  CoNLL F1 = (F1_MUC + F1_B3 + F1_CEAFe) / 3.
Every F1 = 2PR/(P+R), and any ratio with a zero denominator is 0. When the
engine reports no events, every coreference figure is 0.

Output: a table on stdout, and with --json every figure as JSON. The output is
deterministic: files are sorted, ties are broken by position, and no timings are
written. Exit status 2 means a missing binary, missing data or a failed engine
run. 1 means a failed --selftest.
"""

from __future__ import annotations

import argparse
import collections
import doctest
import itertools
import json
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import understanding as und  # noqa: E402  (same folder: parse_cat, align, read_selection)

REPO = Path(__file__).resolve().parent.parent
EVENT_PREFIXES = ("ACTION_", "NEG_ACTION_")


# A fatal problem, reported as one line (the same class as understanding.py's).
EvalError = und.EvalError


def ratio(a: float, b: float) -> float:
    """a / b, with 0 for a zero denominator.

    >>> ratio(1, 4), ratio(3, 0)
    (0.25, 0.0)
    """
    return a / b if b else 0.0


def f1(p: float, r: float) -> float:
    """Harmonic mean; 0 when both are 0.

    >>> f1(1.0, 0.5) == 2 / 3, f1(0.0, 0.0)
    (True, 0.0)
    """
    return 2 * p * r / (p + r) if p + r else 0.0


def prf(p: float, r: float) -> dict:
    return {"precision": p, "recall": r, "f1": f1(p, r)}


# --------------------------------------------------------------------------
# Clustering of items (articles): pairwise and B-cubed


def pairwise_prf(gold: dict, system: dict) -> dict:
    """Pairwise P/R/F1 over unordered item pairs; gold and system map item -> label.

    Gold {a,b,c}{d}, system {a,b}{c,d}: gold pairs ab ac bc, system pairs ab cd,
    one shared pair: P = 1/2, R = 1/3.

    >>> g = {"a": 1, "b": 1, "c": 1, "d": 2}
    >>> s = {"a": "x", "b": "x", "c": "y", "d": "y"}
    >>> r = pairwise_prf(g, s); (r["precision"], round(r["recall"], 4), r["gold_pairs"], r["system_pairs"])
    (0.5, 0.3333, 3, 2)
    >>> pairwise_prf(g, g)["f1"]
    1.0
    """
    items = sorted(gold)
    joint = collections.Counter((gold[i], system[i]) for i in items)
    gsz = collections.Counter(gold[i] for i in items)
    ssz = collections.Counter(system[i] for i in items)
    pairs = lambda n: n * (n - 1) // 2  # noqa: E731
    tp = sum(pairs(n) for n in joint.values())
    gp = sum(pairs(n) for n in gsz.values())
    sp = sum(pairs(n) for n in ssz.values())
    out = prf(ratio(tp, sp), ratio(tp, gp))
    out.update({"common_pairs": tp, "gold_pairs": gp, "system_pairs": sp})
    return out


def bcubed_items(gold: dict, system: dict) -> dict:
    """Item B-cubed P/R/F1 (every item in both clusterings).

    Gold {a,b,c}{d}, system {a,b}{c,d}. P: a,b 2/2, c 1/2, d 1/2, so P = 3/4.
    R: a,b 2/3, c 1/3, d 1/1, so R = (2/3+2/3+1/3+1)/4 = 2/3.

    >>> g = {"a": 1, "b": 1, "c": 1, "d": 2}
    >>> s = {"a": "x", "b": "x", "c": "y", "d": "y"}
    >>> r = bcubed_items(g, s); (r["precision"], round(r["recall"], 4))
    (0.75, 0.6667)
    >>> bcubed_items(g, g)["f1"], bcubed_items(g, {i: i for i in g})["precision"]
    (1.0, 1.0)
    """
    items = sorted(gold)
    joint = collections.Counter((gold[i], system[i]) for i in items)
    gsz = collections.Counter(gold[i] for i in items)
    ssz = collections.Counter(system[i] for i in items)
    p = sum(joint[(gold[i], system[i])] / ssz[system[i]] for i in items)
    r = sum(joint[(gold[i], system[i])] / gsz[gold[i]] for i in items)
    return prf(ratio(p, len(items)), ratio(r, len(items)))


# --------------------------------------------------------------------------
# Coreference metrics over mention identities (predicted-mention variants)


def _index(clusters: list) -> dict:
    return {m: i for i, c in enumerate(clusters) for m in c}


def muc(key: list, response: list) -> dict:
    """MUC (Vilain et al. 1995), with twinless mentions as their own parts.

    Classic example: key {A,B,C,D}, response {A,B}{C,D}. R = (4-2)/(4-1) = 2/3, P = 1.

    >>> r = muc([{"A", "B", "C", "D"}], [{"A", "B"}, {"C", "D"}]); (round(r["recall"], 4), r["precision"])
    (0.6667, 1.0)

    Pradhan et al. (2014) predicted-mention example: key {a,b,c}{d,e,f,g},
    response {a,b}{c,d}{f,g,h,i}. R = (1+1)/(2+3), P = (1+0+1)/(1+1+3).

    >>> r = muc([set("abc"), set("defg")], [set("ab"), set("cd"), set("fghi")]); (r["recall"], r["precision"])
    (0.4, 0.4)
    >>> muc([{"a"}, {"b"}], [{"a"}, {"b"}])["f1"]   # singletons only: 0/0
    0.0
    """

    def side(a: list, b: list) -> float:
        where = _index(b)
        num = den = 0
        for c in a:
            if len(c) < 2:
                continue
            parts = {where.get(m, ("twinless", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return ratio(num, den)

    return prf(side(response, key), side(key, response))


def bcubed(key: list, response: list) -> dict:
    """B-cubed on mention identities, twinless mentions scoring 0 (reference scorer v8).

    Pradhan et al. (2014) example: R = (4/3 + 1/3 + 1/4 + 4/4) / 7 = 5/12,
    P = (4/2 + 1/2 + 1/2 + 4/4) / 8 = 1/2.

    >>> r = bcubed([set("abc"), set("defg")], [set("ab"), set("cd"), set("fghi")])
    >>> (round(r["recall"], 6) == round(5 / 12, 6), r["precision"])
    (True, 0.5)
    >>> bcubed([set("ab"), {"c"}], [set("ab"), {"c"}])["f1"]
    1.0
    """
    where = _index(response)
    overlap = collections.Counter()
    for ki, c in enumerate(key):
        for m in c:
            if m in where:
                overlap[(ki, where[m])] += 1
    r_num = sum(n * n / len(key[ki]) for (ki, ri), n in overlap.items())
    p_num = sum(n * n / len(response[ri]) for (ki, ri), n in overlap.items())
    return prf(ratio(p_num, sum(len(c) for c in response)), ratio(r_num, sum(len(c) for c in key)))


def hungarian_max(w: list) -> tuple[float, list]:
    """Maximum-weight one-to-one assignment for an n x m matrix (rows may stay unassigned if n > m).

    Returns (total, [(row, col), ...]). O(n^2 m) shortest augmenting paths.

    >>> hungarian_max([[0.8, 0.4], [0.0, 0.5]])[0]
    1.3
    >>> _brute_force_check(200)
    True
    """
    n = len(w)
    m = len(w[0]) if n else 0
    if n == 0 or m == 0:
        return 0.0, []
    transposed = n > m
    if transposed:
        w = [list(col) for col in zip(*w)]
        n, m = m, n
    inf = float("inf")
    # Minimise cost = -w; rows 1..n, cols 1..m (e-maxx formulation).
    u = [0.0] * (n + 1)
    v = [0.0] * (m + 1)
    p = [0] * (m + 1)
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0 = p[j0]
            delta = inf
            j1 = 0
            row = w[i0 - 1]
            for j in range(1, m + 1):
                if not used[j]:
                    cur = -row[j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j] = cur
                        way[j] = j0
                    if minv[j] < delta:
                        delta = minv[j]
                        j1 = j
            for j in range(m + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    pairs = sorted((p[j] - 1, j - 1) for j in range(1, m + 1) if p[j])
    total = sum(w[i][j] for i, j in pairs)
    if transposed:
        pairs = sorted((j, i) for i, j in pairs)
    return total, pairs


def _brute_force_check(trials: int) -> bool:
    """Compare hungarian_max with exhaustive search on small random matrices (fixed seed)."""
    rng = random.Random(7)
    for _ in range(trials):
        n, m = rng.randint(1, 5), rng.randint(1, 5)
        w = [[rng.choice([0.0, 0.0, rng.random()]) for _ in range(m)] for _ in range(n)]
        best = 0.0
        if n <= m:
            for perm in itertools.permutations(range(m), n):
                best = max(best, sum(w[i][perm[i]] for i in range(n)))
        else:
            for perm in itertools.permutations(range(n), m):
                best = max(best, sum(w[perm[j]][j] for j in range(m)))
        got, pairs = hungarian_max(w)
        if abs(got - best) > 1e-9 or len({i for i, _ in pairs}) != len(pairs) or len({j for _, j in pairs}) != len(pairs):
            return False
    return True


def ceafe(key: list, response: list) -> dict:
    """CEAF-e (Luo 2005) with phi4 = 2|k n r| / (|k| + |r|).

    Pradhan et al. (2014) example: phi4(abc, ab) = 0.8, phi4(defg, fghi) = 0.5 is
    the best alignment, so Phi = 1.3, R = 1.3/2 = 0.65 and P = 1.3/3.

    >>> r = ceafe([set("abc"), set("defg")], [set("ab"), set("cd"), set("fghi")])
    >>> (round(r["recall"], 6), round(r["precision"], 6))
    (0.65, 0.433333)

    Key {a,b}{c}, response {a,b,c}: phi4 = 0.8 (vs 0.5), so R = 0.4, P = 0.8.

    >>> r = ceafe([set("ab"), {"c"}], [set("abc")]); (round(r["recall"], 6), round(r["precision"], 6))
    (0.4, 0.8)
    >>> ceafe([set("ab"), {"c"}], [{"c"}, set("ab")])["f1"], ceafe([set("ab")], [])["f1"]
    (1.0, 0.0)
    """
    where = _index(response)
    shared = collections.Counter()
    for ki, c in enumerate(key):
        for m in c:
            if m in where:
                shared[(ki, where[m])] += 1
    # Connected components of the bipartite "shares a mention" graph.
    parent: dict = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for ki, ri in shared:
        a, b = find(("k", ki)), find(("r", ri))
        if a != b:
            parent[max(a, b)] = min(a, b)
    comps = collections.defaultdict(lambda: ([], []))
    for node in sorted(parent):
        comps[find(node)][0 if node[0] == "k" else 1].append(node[1])
    total = 0.0
    for root in sorted(comps):
        ks, rs = comps[root]
        w = [[2 * shared.get((ki, ri), 0) / (len(key[ki]) + len(response[ri])) for ri in rs] for ki in ks]
        total += hungarian_max(w)[0]
    out = prf(ratio(total, len(response)), ratio(total, len(key)))
    out["phi"] = total
    return out


def coref_scores(key: list, response: list) -> dict:
    """All metrics and CoNLL F1.

    >>> s = coref_scores([set("ab"), {"c"}], [set("ab"), {"c"}]); s["conll_f1"]
    1.0
    >>> coref_scores([set("ab")], [])["conll_f1"]
    0.0
    """
    out = {"muc": muc(key, response), "bcubed": bcubed(key, response), "ceafe": ceafe(key, response)}
    out["conll_f1"] = (out["muc"]["f1"] + out["bcubed"]["f1"] + out["ceafe"]["f1"]) / 3
    return out


# --------------------------------------------------------------------------
# Mention mapping


@dataclass
class Gold:
    doc: str
    m_id: str
    tag: str
    start: int
    end: int
    intervals: list
    sentence: int
    cluster: str
    text: str

    @property
    def ident(self) -> str:
        return f"{self.doc}:{self.m_id}"


@dataclass
class Sys:
    doc: str
    start: int
    end: int
    event: str  # the system cluster: event index and the mention's part
    order: int  # position in the report


def overlap(s: Sys, g: Gold) -> int:
    return sum(max(0, min(s.end, ge) - max(s.start, gs)) for gs, ge in g.intervals)


def map_mentions(system: list, gold: list) -> tuple[dict, collections.Counter]:
    """One-to-one map from system mentions (index) to gold mentions, by character overlap.

    Each system mention proposes the gold mention it overlaps most; a gold mention claimed
    twice goes to the larger overlap (then smaller length difference, then earlier start).

    >>> g = [Gold("d", "1", "ACTION_OCCURRENCE", 0, 4, [(0, 4)], 1, "c1", "shot"),
    ...      Gold("d", "2", "ACTION_OCCURRENCE", 5, 9, [(5, 9)], 1, "c1", "dead")]
    >>> s = [Sys("d", 0, 9, 0, 0), Sys("d", 0, 4, 1, 1), Sys("d", 6, 8, 2, 2), Sys("e", 0, 4, 3, 3), Sys("d", 10, 12, 4, 4)]
    >>> m, st = map_mentions(s, g); sorted(m.items()), st["lost_to_better_match"], st["no_overlap"]
    ([(1, 0), (2, 1)], 1, 2)
    """
    by_doc = collections.defaultdict(list)
    for gi, g in enumerate(gold):
        by_doc[g.doc].append(gi)
    claims = collections.defaultdict(list)
    stats = collections.Counter()
    for si, s in enumerate(system):
        best = None
        for gi in by_doc.get(s.doc, ()):
            g = gold[gi]
            ov = overlap(s, g)
            if ov <= 0:
                continue
            k = (-ov, g.start, g.end - g.start, gi)
            if best is None or k < best[0]:
                best = (k, gi)
        if best is None:
            stats["no_overlap"] += 1
            continue
        g = gold[best[1]]
        claims[best[1]].append(((-overlap(s, g), abs((s.end - s.start) - (g.end - g.start)), s.start, s.order), si))
    mapping = {}
    for gi, cl in sorted(claims.items()):
        cl.sort()
        mapping[cl[0][1]] = gi
        stats["lost_to_better_match"] += len(cl) - 1
    return mapping, stats


# --------------------------------------------------------------------------
# Gold


def load_gold(data: Path) -> dict:
    files, sel = und.ecb_files(data)
    docs, story_of, mentions = [], {}, []
    notes_halves = collections.defaultdict(set)
    descriptors = {}
    quirks = collections.Counter()
    for f in files:
        d = und.parse_cat(f)
        if d.name in story_of:
            raise EvalError(f"duplicate document name {d.name}")
        topic, _, rest = d.name.partition("_")
        half = "ecbplus" if rest.endswith("ecbplus") else "ecb" if rest.endswith("ecb") else None
        if half is None or topic != f.parent.name:
            raise EvalError(f"unexpected ECB+ file name {f}")
        docs.append(d)
        story_of[d.name] = f"{topic}/{half}"
        anchored = {m.m_id: m for m in d.markables}
        instances = {m.m_id: m for m in d.instances}
        chain = {}  # m_id -> cluster id
        rels = ET.parse(f).getroot().find("Relations")
        for r in list(rels) if rels is not None else []:
            if r.tag == "CROSS_DOC_COREF":
                cid = r.get("note") or f"{d.name}:r{r.get('r_id')}"
                tgt = r.find("target")
                inst = instances.get(tgt.get("m_id")) if tgt is not None else None
                if inst is not None:
                    descriptors.setdefault(cid, inst.attrs.get("TAG_DESCRIPTOR", ""))
                    if inst.attrs.get("instance_id") != r.get("note"):
                        quirks["note_differs_from_target_instance_id"] += 1
            elif r.tag == "INTRA_DOC_COREF":
                cid = f"{d.name}:intra{r.get('r_id')}"
            else:
                quirks[f"relation_{r.tag}"] += 1
                continue
            for s in r.findall("source"):
                mid = s.get("m_id")
                if mid in chain:
                    quirks["mention_in_two_relations"] += 1
                    continue
                chain[mid] = cid
                m = anchored.get(mid)
                if m is not None and m.tag.startswith(EVENT_PREFIXES) and r.tag == "CROSS_DOC_COREF":
                    notes_halves[cid].add(story_of[d.name])
        listed = sel.get(d.name, set())
        for m in d.markables:
            if not m.tag.startswith(EVENT_PREFIXES) or m.sentence not in listed:
                continue
            cid = chain.get(m.m_id)
            if cid is None:
                kind, cid = "singleton", f"{d.name}:single{m.m_id}"
            else:
                kind = "intra" if cid.startswith(f"{d.name}:intra") else "cross"
            mentions.append(Gold(d.name, m.m_id, m.tag, m.start, m.end, m.intervals, m.sentence, cid,
                                 d.text[m.start:m.end]))
            quirks[f"mentions_{kind}"] += 1
    clusters = collections.defaultdict(list)
    for g in mentions:
        clusters[g.cluster].append(g.ident)
    cross_story = sorted(c for c, ms in clusters.items()
                         if len({story_of[m.split(":")[0]] for m in ms}) > 1)
    multi = {n: sorted(h) for n, h in notes_halves.items() if len(h) > 1}
    return {
        "docs": docs,
        "story_of": story_of,
        "selection": sel,
        "mentions": mentions,
        "clusters": {c: sorted(ms) for c, ms in sorted(clusters.items())},
        "descriptors": descriptors,
        "check": {
            "event_instances": len(notes_halves),
            "event_instances_in_two_stories": {f"{n} ({descriptors.get(n, '')})": h for n, h in sorted(multi.items())},
            "event_instances_in_two_topics": sorted(n for n, h in multi.items()
                                                    if len({x.split('/')[0] for x in h}) > 1),
            "listed_clusters_in_two_stories": cross_story,
            "documents_without_listed_sentence": sorted(d.name for d in docs if not sel.get(d.name)),
            "rows_for_unknown_files": sorted(k for k in sel if k not in story_of),
        },
        "quirks": dict(sorted(quirks.items())),
    }


# --------------------------------------------------------------------------
# Engine


def run_engine(binary: str, docs: list, texts: Path) -> dict:
    texts.mkdir(parents=True, exist_ok=True)
    ours = {f"{d.name}.txt" for d in docs}
    extra = sorted(p.name for p in texts.iterdir() if p.name not in ours)
    if extra:
        raise EvalError(f"{texts} holds other files ({', '.join(extra[:3])}...); the engine reads the whole "
                        "directory, so give --texts an empty or dedicated directory")
    for d in docs:
        (texts / f"{d.name}.txt").write_text(d.text, encoding="utf-8")
    cmd = [binary, "run", str(texts), "--format", "json"]
    try:
        proc = subprocess.run(cmd, capture_output=True)
    except OSError as err:
        raise EvalError(f"cannot run engine {binary}: {err.strerror or err}")
    if proc.returncode != 0:
        msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise EvalError(f"engine failed: `{binary} run <dir> --format json` exited {proc.returncode}: "
                        f"{msg[0] if msg else '(no message)'}")
    try:
        report = json.loads(proc.stdout.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as err:
        raise EvalError(f"engine output is not JSON ({err})")
    if not isinstance(report, dict) or not isinstance(report.get("stories"), list):
        raise EvalError("engine output has no `stories` array")
    return report


# --------------------------------------------------------------------------
# Evaluation


def eval_stories(gold: dict, report: dict) -> dict:
    story_of = gold["story_of"]
    names = sorted(story_of)
    from_articles = {a.get("id"): a.get("story") for a in report.get("articles") or [] if isinstance(a, dict)}
    from_stories = {}
    titles = {}
    for s in report.get("stories") or []:
        titles[s.get("id")] = s.get("title") or ""
        for a in s.get("articles") or []:
            from_stories.setdefault(a, s.get("id"))
    system, missing, inconsistent = {}, [], 0
    for n in names:
        sid = from_articles.get(n) or from_stories.get(n)
        if n in from_articles and n in from_stories and from_articles[n] != from_stories[n]:
            inconsistent += 1
        if sid is None:
            missing.append(n)
            sid = f"(missing {n})"
        system[n] = sid
    gold_labels = {n: story_of[n] for n in names}
    res = {
        "articles": len(names),
        "gold_stories": len(set(gold_labels.values())),
        "system_stories": len(set(system.values())),
        "articles_missing": missing,
        "articles_with_inconsistent_story": inconsistent,
        "unknown_articles_in_report": sorted(a for a in set(from_articles) | set(from_stories)
                                             if a not in story_of and a is not None),
        "pairwise": pairwise_prf(gold_labels, system),
        "bcubed": bcubed_items(gold_labels, system),
    }
    # Per gold story: split over system stories, merged with other gold stories.
    per = []
    sys_members = collections.defaultdict(list)
    for n in names:
        sys_members[system[n]].append(n)
    for gs in sorted(set(gold_labels.values()), key=lambda x: (int(x.split("/")[0]), x)):
        members = [n for n in names if gold_labels[n] == gs]
        split = collections.Counter(system[n] for n in members)
        p = sum(split[system[n]] / len(sys_members[system[n]]) for n in members) / len(members)
        r = sum(split[system[n]] / len(members) for n in members) / len(members)
        merged = collections.Counter(gold_labels[x] for s in split for x in sys_members[s] if gold_labels[x] != gs)
        per.append({
            "gold_story": gs, "articles": len(members), "system_stories": len(split),
            "bcubed_precision": p, "bcubed_recall": r, "bcubed_f1": f1(p, r),
            "split": [{"story": s, "of_this": c, "size": len(sys_members[s]), "title": titles.get(s, "")}
                      for s, c in sorted(split.items(), key=lambda x: (-x[1], x[0]))],
            "merged_with": [{"gold_story": g, "articles": c} for g, c in sorted(merged.items(), key=lambda x: (-x[1], x[0]))],
        })
    res["per_gold_story"] = sorted(per, key=lambda x: (x["bcubed_f1"], x["gold_story"]))
    return res


def eval_coref(gold: dict, report: dict) -> dict:
    docs = {d.name: d for d in gold["docs"]}
    sel = gold["selection"]
    stats = collections.Counter()
    align_stats = collections.Counter()
    system: list[Sys] = []
    seen = set()
    events = 0
    order = 0
    for s in report.get("stories") or []:
        for ev in s.get("events") or []:
            ei = events
            events += 1
            for m in ev.get("mentions") or []:
                stats["reported"] += 1
                if not isinstance(m, dict):
                    stats["malformed"] += 1
                    continue
                d = docs.get(m.get("article"))
                if d is None:
                    stats["unknown_article"] += 1
                    continue
                aligned = und.align([m], d, align_stats)
                if not aligned:
                    continue
                a = aligned[0]
                key = (d.name, a.start, a.end)
                if key in seen:
                    stats["duplicate"] += 1
                    continue
                seen.add(key)
                if d.sentence_at(a.start) not in sel.get(d.name, set()):
                    stats["outside_listed_sentences"] += 1
                    continue
                system.append(Sys(d.name, a.start, a.end, f"{ei}:{m.get('part') or ''}", order))
                order += 1
    mentions = gold["mentions"]
    mapping, map_stats = map_mentions(system, mentions)
    key = [set(ms) for ms in gold["clusters"].values()]
    resp_members = collections.defaultdict(set)
    for si, s in enumerate(system):
        ident = mentions[mapping[si]].ident if si in mapping else f"sys:{s.doc}:{s.start}:{s.end}"
        resp_members[s.event].add(ident)
    response = [resp_members[e] for e in sorted(resp_members)]
    scores = coref_scores(key, response)
    sizes = collections.Counter(len(c) for c in key)
    return {
        "gold_mentions": len(mentions),
        "gold_clusters": len(key),
        "gold_singleton_clusters": sizes[1],
        "gold_mentions_in_no_relation": gold["quirks"].get("mentions_singleton", 0),
        "gold_mentions_intra_doc_only": gold["quirks"].get("mentions_intra", 0),
        "gold_cross_doc_clusters": sum(1 for c in gold["clusters"] if ":" not in c),
        "system_events": events,
        "system_clusters_in_listed": len(response),
        "system_mentions_reported": stats["reported"],
        "system_mentions": len(system),
        "system_mentions_dropped": {k: stats[k] for k in ("outside_listed_sentences", "duplicate", "unknown_article", "malformed")},
        "alignment": dict(sorted(align_stats.items())),
        "matched": len(mapping),
        "unmatched": {"no_overlap": map_stats["no_overlap"], "lost_to_better_match": map_stats["lost_to_better_match"]},
        "mentions": prf(ratio(len(mapping), len(system)), ratio(len(mapping), len(mentions))),
        **scores,
        "_largest": _largest_clusters(gold, mapping, system),
    }


def _largest_clusters(gold: dict, mapping: dict, system: list) -> list:
    sys_of = {mi: system[si].event for si, mi in mapping.items()}
    index = {g.ident: i for i, g in enumerate(gold["mentions"])}
    out = []
    for cid, ms in sorted(gold["clusters"].items(), key=lambda x: (-len(x[1]), x[0]))[:10]:
        evs = collections.Counter(sys_of.get(index[m]) for m in ms)
        out.append(f"  {len(ms):>4} mentions {len(set(m.split(':')[0] for m in ms)):>3} docs  "
                   f"{gold['descriptors'].get(cid, cid)[:40]:<40} missed {evs.pop(None, 0):>3}, "
                   f"over {len(evs)} system events {dict(sorted(evs.items(), key=lambda x: -x[1])[:5])}")
    return out


# --------------------------------------------------------------------------
# Output


def pct(x: float) -> str:
    return f"{100 * x:5.1f}"


def print_report(res: dict, verbose: bool) -> None:
    st, co, chk = res["stories"], res["coref"], res["gold_check"]
    if verbose:
        print("--- gold stories, worst B3 F1 first (P < 100: merged with others; R < 100: split)")
        for g in st["per_gold_story"]:
            print(f"  {g['gold_story']:<11} {g['articles']:>3} docs in {g['system_stories']:>2} system stories  "
                  f"B3 P {pct(g['bcubed_precision'])} R {pct(g['bcubed_recall'])} F1 {pct(g['bcubed_f1'])}")
            print("      split: " + ", ".join(f"{s['story']} {s['of_this']}/{s['size']}" for s in g["split"]))
            if g["merged_with"]:
                print("      merged with: " + ", ".join(f"{m['gold_story']} x{m['articles']}" for m in g["merged_with"]))
        print("--- largest gold event clusters (listed sentences): missed mentions, system events covering the rest")
        for line in co["_largest"]:
            print(line)
        print()
    topics = len({g["gold_story"].split("/")[0] for g in st["per_gold_story"]})
    print(f"ECB+ dev: {st['articles']} articles, {topics} topics, one engine run over all of them")
    print(f"Story clustering      gold  system   {'P':>5}  {'R':>5}  {'F1':>5}")
    print(f"  stories            {st['gold_stories']:>5}   {st['system_stories']:>5}")
    pw, b3 = st["pairwise"], st["bcubed"]
    print(f"  pairwise           {pw['gold_pairs']:>5}   {pw['system_pairs']:>5}   {pct(pw['precision'])}  "
          f"{pct(pw['recall'])}  {pct(pw['f1'])}   (article pairs; {pw['common_pairs']} shared)")
    print(f"  B-cubed                           {pct(b3['precision'])}  {pct(b3['recall'])}  {pct(b3['f1'])}")
    if st["articles_missing"] or st["unknown_articles_in_report"] or st["articles_with_inconsistent_story"]:
        print(f"  articles missing from report: {len(st['articles_missing'])}, unknown ids in report: "
              f"{len(st['unknown_articles_in_report'])}, articles[].story != stories[].articles: "
              f"{st['articles_with_inconsistent_story']}")
    print()
    print("Event coreference (listed sentences, singletons kept, predicted mentions)")
    print(f"  gold mentions {co['gold_mentions']} in {co['gold_clusters']} clusters "
          f"({co['gold_singleton_clusters']} of size 1; {co['gold_mentions_in_no_relation']} mentions in no relation, "
          f"{co['gold_mentions_intra_doc_only']} in intra-doc chains)")
    drop = co["system_mentions_dropped"]
    print(f"  system: {co['system_events']} events, {co['system_mentions_reported']} mentions reported; "
          f"{co['system_mentions']} in listed sentences in {co['system_clusters_in_listed']} clusters "
          f"(dropped: {drop['outside_listed_sentences']} outside, {drop['duplicate']} duplicate, "
          f"{drop['unknown_article'] + drop['malformed']} unusable)")
    um = co["unmatched"]
    print(f"  matched {co['matched']} (unmatched system: {um['no_overlap']} no overlap, "
          f"{um['lost_to_better_match']} lost to a better match)")
    print(f"  {'metric':<10}{'P':>7}{'R':>7}{'F1':>7}")
    for label, k in (("mentions", "mentions"), ("MUC", "muc"), ("B-cubed", "bcubed"), ("CEAF-e", "ceafe")):
        s = co[k]
        print(f"  {label:<10}{pct(s['precision']):>7}{pct(s['recall']):>7}{pct(s['f1']):>7}")
    print(f"  {'CoNLL F1':<10}{'':>14}{pct(co['conll_f1']):>7}")
    if co["alignment"]:
        print("  span alignment: " + und.fmt_align(co["alignment"]))
    print()
    multi = chk["event_instances_in_two_stories"]
    print(f"Gold check: {chk['event_instances']} cross-doc event instances; in both halves of a topic: "
          f"{len(multi)} {'(' + '; '.join(f'{k}: {v}' for k, v in multi.items()) + ')' if multi else ''}; "
          f"in two topics: {len(chk['event_instances_in_two_topics'])}; listed-sentence clusters spanning "
          f"two gold stories: {len(chk['listed_clusters_in_two_stories'])}; "
          f"documents without listed sentence: {', '.join(chk['documents_without_listed_sentence']) or '-'}")


# --------------------------------------------------------------------------


def selftest() -> int:
    this = sys.modules[__name__]
    result = doctest.testmod(this, verbose=False, optionflags=doctest.NORMALIZE_WHITESPACE)
    if result.failed:
        print(f"selftest: {result.failed} of {result.attempted} checks FAILED", file=sys.stderr)
        return 1
    print(f"selftest: {result.attempted} checks passed")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default="target/release/corroborate", help="engine binary")
    ap.add_argument("--data", default="../shared/data", help="shared data directory (holds ecbplus/)")
    ap.add_argument("--json", metavar="OUT", help="write every figure as JSON to OUT")
    ap.add_argument("--verbose", action="store_true",
                    help="list every gold story (split/merged) and the largest gold event clusters")
    ap.add_argument("--texts", metavar="DIR", help="write the document texts to DIR (kept) instead of a temporary directory")
    ap.add_argument("--selftest", action="store_true", help="run the scorers' self-checks and exit (1 on failure)")
    args = ap.parse_args(argv)
    if hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    if args.selftest:
        return selftest()

    binary = und.resolve(args.bin)
    if not binary.exists() and "/" not in args.bin:
        found = shutil.which(args.bin)
        binary = Path(found) if found else binary
    data = und.resolve(args.data)
    try:
        und.check_inputs(binary, args.bin, data, args.data)
        gold = load_gold(data)
        with tempfile.TemporaryDirectory(prefix="corroborate-stories-") as tmp:
            texts = Path(args.texts) if args.texts else Path(tmp) / "ecbplus"
            report = run_engine(str(binary.resolve()), gold["docs"], texts)
        res = {
            "documents": len(gold["docs"]),
            "gold_check": gold["check"],
            "gold_quirks": gold["quirks"],
            "stories": eval_stories(gold, report),
            "coref": eval_coref(gold, report),
        }
    except EvalError as err:
        print(f"stories.py: {err}", file=sys.stderr)
        return 2
    print_report(res, args.verbose)
    res["coref"].pop("_largest")
    und.write_json(args.json, res)
    return 0


if __name__ == "__main__":
    sys.exit(main())
