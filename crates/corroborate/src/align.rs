//! Sentence alignment: which sentence of article B says what a sentence of
//! article A says. Rewrites keep the order of what they retell, so the
//! alignment is monotone: a dynamic programme picks the order-preserving set
//! of sentence pairs with the greatest total similarity.

use crate::words::{jaccard, SentenceWords};
use crate::Member;
use corroborate_model::SentencePair;

/// Largest alignment table (sentences of one article × of the other):
/// 4 million cells is two 32 MB tables, a few thousand sentences each.
pub const MAX_ALIGN_CELLS: usize = 4_000_000;
/// Least content-word Jaccard similarity for two sentences to align.
pub const MIN_SENTENCE_SIMILARITY: f64 = 0.2;

/// Aligned sentence pairs `(i in a, j in b, similarity)`, in order. Two
/// articles of different languages (`across`) are compared by their
/// sentences' anchors — figures, places and names — instead of words.
pub(crate) fn align(
    a: &SentenceWords,
    b: &SentenceWords,
    across: bool,
) -> Vec<(usize, usize, f64)> {
    let (sa, sb) = if across && !a.anchors.is_empty() && !b.anchors.is_empty() {
        (&a.anchors, &b.anchors)
    } else {
        (&a.sets, &b.sets)
    };
    let (n, m) = (sa.len(), sb.len());
    // Two very long articles would need a huge table: align none of it
    // rather than exhaust memory (the lineage does not depend on it).
    if n == 0 || m == 0 || (n + 1).saturating_mul(m + 1) > MAX_ALIGN_CELLS {
        return Vec::new();
    }
    let sim = |i: usize, j: usize| {
        let s = jaccard(&sa[i], &sb[j]);
        if s >= MIN_SENTENCE_SIMILARITY {
            s
        } else {
            0.0
        }
    };
    // score[i][j]: best total for a[..i], b[..j].
    let mut score = vec![vec![0.0f64; m + 1]; n + 1];
    let mut pair = vec![vec![0.0f64; m + 1]; n + 1];
    for i in 1..=n {
        for j in 1..=m {
            let s = sim(i - 1, j - 1);
            pair[i][j] = s;
            let take = if s > 0.0 {
                score[i - 1][j - 1] + s
            } else {
                0.0
            };
            score[i][j] = take.max(score[i - 1][j]).max(score[i][j - 1]);
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 && j > 0 {
        let s = pair[i][j];
        if s > 0.0 && (score[i][j] - (score[i - 1][j - 1] + s)).abs() < 1e-12 {
            out.push((i - 1, j - 1, s));
            i -= 1;
            j -= 1;
        } else if score[i - 1][j] >= score[i][j - 1] {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    out.reverse();
    out
}

/// The alignment a story shows: each member against the member it derives
/// from, or else against the story's first member.
pub(crate) fn story_alignment(
    members: &[Member],
    texts: &[SentenceWords],
    derived_from: &[Option<(usize, f64)>],
) -> Vec<SentencePair> {
    let mut out = Vec::new();
    for (i, derived) in derived_from.iter().enumerate().skip(1) {
        let other = derived.map_or(0, |(p, _)| p);
        let (a, b) = (other.min(i), other.max(i));
        if a == b {
            continue;
        }
        let across = members[a].article.language != members[b].article.language;
        for (x, y, s) in align(&texts[a], &texts[b], across) {
            out.push(SentencePair {
                a: members[a].article.id.clone(),
                a_span: texts[a].span(x),
                b: members[b].article.id.clone(),
                b_span: texts[b].span(y),
                similarity: (s * 1000.0).round() / 1000.0,
            });
        }
    }
    out
}
