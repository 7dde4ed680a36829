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
    /// Sorted, deduplicated hashes of each sentence's language-independent
    /// anchors (figures, places, names folded across scripts), to align a
    /// sentence with its translation; empty unless the story has articles
    /// in several languages.
    pub anchors: Vec<Vec<u64>>,
}

fn hash(w: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    w.hash(&mut h);
    h.finish()
}

impl SentenceWords {
    /// The sentences of a member; with their anchors when `anchors`.
    pub fn of(member: &Member, anchors: bool) -> Self {
        let text = &member.article.text;
        let lang = member.article.language.as_deref().unwrap_or("en");
        let bytes = corroborate_text::char_byte_offsets(text);
        let mut out = SentenceWords {
            texts: Vec::new(),
            spans: Vec::new(),
            sets: Vec::new(),
            anchors: Vec::new(),
        };
        for (i, s) in member.annotations.sentences.iter().enumerate() {
            let (a, b) = (
                bytes.get(s.span.start).copied().unwrap_or(text.len()),
                bytes.get(s.span.end).copied().unwrap_or(text.len()),
            );
            let t = text.get(a..b).unwrap_or("").to_owned();
            out.sets.push(word_set(&t));
            if anchors {
                out.anchors.push(anchor_set(member, i, &t, lang));
            }
            out.texts.push(t);
            out.spans.push(s.span);
        }
        out
    }

    /// The sentences of every member; with anchors when the members are
    /// in several languages.
    pub fn of_all(members: &[Member], several_languages: bool) -> Vec<Self> {
        members
            .iter()
            .map(|m| Self::of(m, several_languages))
            .collect()
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
    let common = common_sorted(a, b);
    common as f64 / (a.len() + b.len() - common) as f64
}

/// How many items two sorted sequences share, each counted as often as the
/// sequence holding it fewer times (for sets: the size of the intersection).
pub(crate) fn common_sorted<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Sorted, deduplicated hashes of sentence `i`'s anchors: the values of
/// its counts and ages, its places, and the cross-script keys of its names.
fn anchor_set(member: &Member, i: usize, text: &str, lang: &str) -> Vec<u64> {
    let a = member.annotations;
    let mut v: Vec<u64> = corroborate_text::cross_anchor_sequence(text, lang)
        .iter()
        .filter(|k| k.starts_with('@'))
        .map(|k| hash(k))
        .collect();
    for n in a.numbers.iter().filter(|n| n.sentence == i) {
        if let Some(x) = n.value.best.or(n.value.low).or(n.value.high) {
            v.push(hash(&format!("n:{x}")));
        }
    }
    for p in a.places.iter().filter(|p| p.sentence == i) {
        if let Some(id) = p.place.geonames_id {
            v.push(hash(&format!("p:{id}")));
        }
    }
    v.sort_unstable();
    v.dedup();
    v
}

/// Sorted, deduplicated hashes of a text's content words.
pub(crate) fn word_set(t: &str) -> Vec<u64> {
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
