//! Copy lineage: reprints and light edits share a copy family already (the
//! store's MinHash test); here rewrites join it too. A rewrite changes the
//! wording but keeps the facts in the same order, so the sequence of
//! *anchors* — figures, places, people, in text order — of one article is
//! largely a subsequence of the other's. Independent reports of the same news
//! share some anchors, in another order and among many others.
//!
//! A translation keeps the facts in the same order too, but its words,
//! inflected names and even its readings of number words differ; between
//! articles of two languages the anchors compared are the
//! language-independent ones ([`corroborate_text::cross_anchor_sequence`]:
//! figures and names folded across scripts), in text order.

use crate::languages::Anchors;
use crate::words::{common_sorted, SentenceWords};
use crate::Member;
use corroborate_model::{EntityKind, NumberKind};
use rustc_hash::FxHashMap;

/// Share of the shorter anchor sequence that must appear, in order, in the
/// other article for it to count as a rewrite.
pub const REWRITE_ANCHOR_SHARE: f64 = 0.75;
/// Most anchors compared per article.
pub const MAX_ANCHORS: usize = 2_000;
/// Fewest anchors an article needs before its order can prove anything.
pub const MIN_ANCHORS: usize = 8;
/// Share of the shorter cross-language anchor sequence that must appear,
/// in order, in an article of another language for one to be a
/// translation of the other. Calibrated on multilingual-news ntrex-dev:
/// 372 of its 512 translations reach 0.6 against their English original
/// (transliterations of names vary, translators convert units), and 2 of
/// 126 pairs of independent reports of one story in two languages do.
pub const TRANSLATION_ANCHOR_SHARE: f64 = 0.6;
/// Fewest cross-language anchors an article needs for a translation test:
/// a short wire report names a place, an official and two or three
/// figures.
pub const MIN_CROSS_ANCHORS: usize = 5;

/// The lineage of a story's members.
#[derive(Debug, Clone, PartialEq)]
pub struct Lineage {
    /// Per member, the member it derives from and how similar they are.
    pub derived_from: Vec<Option<(usize, f64)>>,
    /// Per member, its family (0-based, dense).
    pub family: Vec<usize>,
    /// Number of families.
    pub families: usize,
}

/// The anchors of an article in text order: figures (`n:6`), places
/// (`p:703845`) and people (`e:putin`).
pub fn anchors(m: &Member) -> Vec<String> {
    let a = m.annotations;
    let mut items: Vec<(usize, String)> = Vec::new();
    for n in &a.numbers {
        if matches!(n.kind, NumberKind::Count | NumberKind::Age) {
            let v = n.value.best.or(n.value.low).or(n.value.high).unwrap_or(0.0);
            items.push((n.span.start, format!("n:{v}")));
        }
    }
    for p in &a.places {
        let key = p
            .place
            .geonames_id
            .map_or_else(|| p.place.name.to_lowercase(), |id| id.to_string());
        items.push((p.span.start, format!("p:{key}")));
    }
    for e in a.entities.iter().filter(|e| e.kind == EntityKind::Person) {
        let surname = e.name.rsplit(' ').next().unwrap_or(&e.name).to_lowercase();
        for mention in e.mentions.iter().filter(|m| m.via != "pronoun") {
            items.push((mention.span.start, format!("e:{surname}")));
        }
    }
    items.sort_by_key(|(at, _)| *at);
    // The order of the first anchors tells a rewrite; a cap keeps the
    // comparison of two huge articles bounded.
    items.truncate(MAX_ANCHORS);
    items.into_iter().map(|(_, k)| k).collect()
}

/// Length of the longest common subsequence of two anchor sequences.
fn lcs(a: &[u32], b: &[u32]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for x in a {
        for (j, y) in b.iter().enumerate() {
            cur[j + 1] = if x == y {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// How much of the shorter anchor sequence appears, in order, in the other
/// (0 when either has fewer than [`MIN_ANCHORS`]).
pub fn rewrite_similarity(a: &[String], b: &[String]) -> f64 {
    let mut interner = Interner::default();
    let (x, y) = (interner.ids(a), interner.ids(b));
    ordered_share(&x, &y, MIN_ANCHORS)
}

/// How much of the shorter sequence appears, in order, in the other; 0
/// when either has fewer than `min` items.
fn ordered_share(a: &[u32], b: &[u32], min: usize) -> f64 {
    if a.len().min(b.len()) < min {
        return 0.0;
    }
    lcs(a, b) as f64 / a.len().min(b.len()) as f64
}

/// Gives each distinct anchor of a story one number, so that the pairwise
/// comparisons of a story's members compare integers, not strings.
#[derive(Default)]
struct Interner<'a>(FxHashMap<&'a str, u32>);

impl<'a> Interner<'a> {
    fn ids(&mut self, sequence: &'a [String]) -> Vec<u32> {
        sequence
            .iter()
            .map(|s| {
                let n = self.0.len() as u32;
                *self.0.entry(s.as_str()).or_insert(n)
            })
            .collect()
    }
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut y = x;
        while self.0[y] != r {
            let next = self.0[y];
            self.0[y] = r;
            y = next;
        }
        r
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.0[ra.max(rb)] = ra.min(rb);
        }
    }
}

/// Families and `derived_from` for every member: store families joined by
/// rewrites and translations; each member derives from the most similar
/// member of its family published before it (of two published the same
/// day, or undated, the one stored first). The first of a family derives
/// from nobody.
///
/// `cross` holds every member's language-independent anchors when the story
/// has several languages (and is empty otherwise).
pub(crate) fn lineage(members: &[Member], _texts: &[SentenceWords], cross: &[Anchors]) -> Lineage {
    let n = members.len();
    let mut uf = UnionFind((0..n).collect());
    for i in 0..n {
        for j in i + 1..n {
            if members[i].family == members[j].family {
                uf.union(i, j);
            }
        }
    }
    let anchors: Vec<Vec<String>> = members.iter().map(anchors).collect();
    let mut interner = Interner::default();
    let anchors: Vec<Vec<u32>> = anchors.iter().map(|a| interner.ids(a)).collect();
    let cross: Vec<Vec<u32>> = cross.iter().map(|a| interner.ids(&a.sequence)).collect();
    let language = |k: usize| members[k].article.language.as_deref();
    let translated = |i: usize, j: usize| match (language(i), language(j)) {
        (Some(a), Some(b)) => a != b && i < cross.len() && j < cross.len(),
        _ => false,
    };
    // The sequences two members compare, the fewest items that can prove
    // anything, and the share that makes one derive from the other.
    let rule = |t: bool| {
        if t {
            (&cross, MIN_CROSS_ANCHORS, TRANSLATION_ANCHOR_SHARE)
        } else {
            (&anchors, MIN_ANCHORS, REWRITE_ANCHOR_SHARE)
        }
    };
    let similarity = |i: usize, j: usize| {
        let (seqs, min, _) = rule(translated(i, j));
        ordered_share(&seqs[i], &seqs[j], min)
    };
    // The anchors two sequences share, in any order, bound the ones they
    // share in order: most pairs of a story fall short of that bound, and
    // their ordered comparison is left out (computed later only between
    // members of one family).
    let sorted = |seqs: &[Vec<u32>]| -> Vec<Vec<u32>> {
        seqs.iter()
            .map(|s| {
                let mut s = s.clone();
                s.sort_unstable();
                s
            })
            .collect()
    };
    let (sorted_anchors, sorted_cross) = (sorted(&anchors), sorted(&cross));
    let mut sim: Vec<Vec<Option<f64>>> = vec![vec![None; n]; n];
    for i in 0..n {
        for j in i + 1..n {
            let t = translated(i, j);
            let (seqs, min, share) = rule(t);
            let sorted = if t { &sorted_cross } else { &sorted_anchors };
            let shorter = seqs[i].len().min(seqs[j].len());
            if shorter >= min
                && (common_sorted(&sorted[i], &sorted[j]) as f64 / shorter as f64) < share
                && uf.find(i) != uf.find(j)
            {
                continue;
            }
            let s = similarity(i, j);
            sim[i][j] = Some(s);
            sim[j][i] = Some(s);
            if s >= share {
                uf.union(i, j);
            }
        }
    }
    let mut dense: FxHashMap<usize, usize> = FxHashMap::default();
    let family: Vec<usize> = (0..n)
        .map(|i| {
            let r = uf.find(i);
            let k = dense.len();
            *dense.entry(r).or_insert(k)
        })
        .collect();
    let derived_from = (0..n)
        .map(|i| {
            let kin: Vec<usize> = (0..n)
                .filter(|&j| j != i && family[j] == family[i])
                .collect();
            if kin.is_empty() {
                return None;
            }
            let date = |k: usize| members[k].article.published_date();
            // Candidates published before it (the same day: stored before
            // it); without both dates, stored before it.
            let before = |k: usize| match (date(k), date(i)) {
                (Some(a), Some(b)) => (a, k) < (b, i),
                _ => k < i,
            };
            // The most similar of them is the one it copies (a translation
            // of a rewrite derives from the rewrite); equal ones: the first.
            let of = |k: usize| sim[i][k].unwrap_or_else(|| similarity(i, k));
            let parent = kin
                .iter()
                .copied()
                .filter(|&k| before(k))
                .map(|k| (k, of(k)))
                .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)))?;
            Some((parent.0, (parent.1 * 1000.0).round() / 1000.0))
        })
        .collect();
    Lineage {
        derived_from,
        families: dense.len(),
        family,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_anchors_in_any_order_bound_those_shared_in_order() {
        // Small pseudo-random sequences over few symbols, so that orders
        // differ and symbols repeat.
        let mut state = 7u64;
        let mut next = |m: u64| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 33) % m) as u32
        };
        for _ in 0..500 {
            let a: Vec<u32> = (0..next(12) + 1).map(|_| next(5)).collect();
            let b: Vec<u32> = (0..next(12) + 1).map(|_| next(5)).collect();
            let (mut sa, mut sb) = (a.clone(), b.clone());
            sa.sort_unstable();
            sb.sort_unstable();
            let bound = common_sorted(&sa, &sb);
            assert!(lcs(&a, &b) <= bound, "{a:?} {b:?}");
            assert!(bound <= a.len().min(b.len()));
        }
        assert_eq!(common_sorted(&[1, 1, 2, 5], &[1, 2, 2, 5, 5]), 3);
        assert_eq!(lcs(&[1, 2, 3], &[3, 2, 1]), 1);
    }
}
