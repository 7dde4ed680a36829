//! Sentences as sets of content words, for similarity between sentences of
//! different articles.

use crate::Member;
use corroborate_model::Span;
use corroborate_text::content_words;
use std::hash::{Hash, Hasher};

/// The sentences of one member: text, span and hashed content words.
pub(crate) struct SentenceWords {
    pub texts: Vec<String>,
    pub spans: Vec<Span>,
    /// Sorted, deduplicated hashes of each sentence's content words.
    pub sets: Vec<Vec<u64>>,
}

fn hash(w: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    w.hash(&mut h);
    h.finish()
}

impl SentenceWords {
    pub fn of(member: &Member) -> Self {
        let text = &member.article.text;
        let bytes = corroborate_text::char_byte_offsets(text);
        let mut out = SentenceWords {
            texts: Vec::new(),
            spans: Vec::new(),
            sets: Vec::new(),
        };
        for s in &member.annotations.sentences {
            let (a, b) = (
                bytes.get(s.span.start).copied().unwrap_or(text.len()),
                bytes.get(s.span.end).copied().unwrap_or(text.len()),
            );
            let t = text.get(a..b).unwrap_or("").to_owned();
            out.sets.push(word_set(&t));
            out.texts.push(t);
            out.spans.push(s.span);
        }
        out
    }

    pub fn of_all(members: &[Member]) -> Vec<Self> {
        members.iter().map(Self::of).collect()
    }

    /// The text of sentence `i` (empty when out of range).
    pub fn text(&self, i: usize) -> &str {
        self.texts.get(i).map_or("", String::as_str)
    }

    /// The span of sentence `i`.
    pub fn span(&self, i: usize) -> Span {
        self.spans.get(i).copied().unwrap_or(Span::new(0, 0))
    }
}

/// Jaccard similarity of two sorted hash sets.
pub(crate) fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    common as f64 / (a.len() + b.len() - common) as f64
}

/// Word-set similarity of two free texts (quotes).
pub(crate) fn text_similarity(a: &str, b: &str) -> f64 {
    jaccard(&word_set(a), &word_set(b))
}

/// Sorted, deduplicated hashes of a text's content words.
fn word_set(t: &str) -> Vec<u64> {
    let mut v: Vec<u64> = content_words(t).iter().map(|w| hash(w)).collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Share of the content words of `part` that occur in `whole`.
pub(crate) fn contained(part: &str, whole: &str) -> f64 {
    let (p, w) = (word_set(part), word_set(whole));
    if p.is_empty() {
        return 0.0;
    }
    p.iter().filter(|x| w.binary_search(x).is_ok()).count() as f64 / p.len() as f64
}
