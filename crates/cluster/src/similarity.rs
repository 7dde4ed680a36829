use crate::{MinHash, Sketch};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::Arc;

/// Estimated shingle Jaccard at or above which two articles are copies of
/// one another (reprint or light edit): one copy family.
pub const NEAR_DUPLICATE: f64 = 0.5;
/// TF-IDF cosine (after the date factor) at or above which an article joins
/// the story of its most similar candidate.
pub const SAME_STORY: f64 = 0.3;
/// Terms kept in a stored vector: enough for cosine, small enough to index.
const MAX_TERMS: usize = 96;
/// Terms under which an article is indexed for candidate lookup.
pub const ANCHORS: usize = 16;

/// How many stored articles contain each term, for inverse document frequency.
///
/// Frequencies are counted per language ([`df_key`]): a Spanish article's
/// "palu" and an English one's are counted apart, so translations stored
/// beside the originals do not change how English articles weigh their
/// words, while the vectors themselves keep the same term for both (a name
/// or a figure still links the two languages).
#[derive(Debug, Clone, Default)]
pub struct DocFreqs {
    /// Number of articles counted.
    pub docs: u64,
    /// Articles containing each term, by [`df_key`].
    pub df: HashMap<String, u64>,
    /// Language of the article being weighed (`""` or `"en"`: English keys).
    pub language: String,
}

/// The key under which a term of an article in `lang` is counted for
/// document frequency: the term itself in English (and when the language
/// is unknown), else the term tagged with the language.
///
/// ```
/// use corroborate_cluster::df_key;
/// assert_eq!(df_key("palu", "en"), "palu");
/// assert_eq!(df_key("palu", "es"), "es\u{1f}palu");
/// ```
pub fn df_key<'t>(term: &'t str, lang: &str) -> std::borrow::Cow<'t, str> {
    if lang.is_empty() || lang == "en" {
        std::borrow::Cow::Borrowed(term)
    } else {
        std::borrow::Cow::Owned(format!("{lang}\u{1f}{term}"))
    }
}

/// Pseudo-documents, containing none of the terms, added to the counts. A
/// small store would otherwise give a story's own words a low IDF just
/// because the story's articles are most of what it holds; at crawl scale
/// the prior vanishes.
const PRIOR_DOCS: f32 = 100.0;

impl DocFreqs {
    fn idf(&self, term: &str) -> f32 {
        let key = df_key(term, &self.language);
        let df = self.df.get(key.as_ref()).copied().unwrap_or(0) as f32;
        (1.0 + (self.docs as f32 + PRIOR_DOCS) / (df + 1.0)).ln()
    }
}

/// Dot product of two sparse vectors sorted by key (the cosine of two
/// normalised ones).
pub(crate) fn sparse_dot<K: Ord>(a: &[(K, f32)], b: &[(K, f32)]) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0f64);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += f64::from(a[i].1) * f64::from(b[j].1);
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

/// An article's TF-IDF vector: its heaviest terms, L2-normalised, sorted by
/// term. Shared, not copied, when cloned: a stored article is a candidate
/// of many new ones.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TermVector(Arc<[(String, f32)]>);

impl TermVector {
    /// Weighs term counts by inverse document frequency (sub-linear term
    /// frequency; numbers weigh half again as much — they tell apart stories
    /// that share vocabulary) and keeps the heaviest terms.
    pub fn weigh(terms: &HashMap<String, u32>, df: &DocFreqs) -> Self {
        let mut v: Vec<(String, f32)> = terms
            .iter()
            .map(|(t, &n)| {
                let boost = if t.chars().any(|c| c.is_ascii_digit()) {
                    1.5
                } else {
                    1.0
                };
                (t.clone(), (1.0 + (n as f32).ln()) * df.idf(t) * boost)
            })
            .collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v.truncate(MAX_TERMS);
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|(_, w)| *w /= norm);
        }
        v.sort_by(|a, b| a.0.cmp(&b.0));
        TermVector(v.into())
    }

    /// The terms and their weights, sorted by term.
    pub fn terms(&self) -> &[(String, f32)] {
        &self.0
    }

    /// Cosine similarity of two normalised vectors.
    pub fn cosine(&self, other: &TermVector) -> f64 {
        sparse_dot(&self.0, &other.0)
    }

    /// The `n` heaviest terms: the keys under which the article is indexed.
    pub fn anchors(&self, n: usize) -> Vec<&str> {
        let mut v: Vec<&(String, f32)> = self.0.iter().collect();
        v.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v.into_iter().take(n).map(|(t, _)| t.as_str()).collect()
    }

    /// Compact text encoding for storage: `term\tweight` lines.
    pub fn encode(&self) -> String {
        self.0
            .iter()
            .map(|(t, w)| format!("{t}\t{w}"))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// Reads [`TermVector::encode`]'s output; malformed lines are skipped.
    pub fn decode(s: &str) -> Self {
        let mut v: Vec<(String, f32)> = s
            .lines()
            .filter_map(|l| {
                let (t, w) = l.split_once('\t')?;
                Some((t.to_owned(), w.parse().ok()?))
            })
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        TermVector(v.into())
    }
}

/// A stored article that may belong with a new one.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Store key of the article.
    pub key: i64,
    /// Store key of its story.
    pub story: i64,
    /// Store key of its copy family.
    pub family: i64,
    /// Its MinHash signature.
    pub minhash: Vec<u32>,
    /// Its TF-IDF vector.
    pub vector: TermVector,
    /// Its publication date.
    pub published: Option<NaiveDate>,
}

/// Where a new article goes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Assignment {
    /// Story to join; `None` starts a new one.
    pub story: Option<i64>,
    /// Copy family to join, with the near-duplicate's key and similarity;
    /// `None` starts a new family.
    pub family: Option<(i64, i64, f64)>,
    /// Similarity to the closest candidate in the chosen story.
    pub story_similarity: Option<f64>,
}

/// Down-weights candidates published far apart: the same words a month
/// later are usually a different news item.
pub(crate) fn date_factor(a: Option<NaiveDate>, b: Option<NaiveDate>) -> f64 {
    match (a, b) {
        (Some(a), Some(b)) => match (a - b).num_days().abs() {
            0..=7 => 1.0,
            8..=30 => 0.6,
            _ => 0.3,
        },
        _ => 1.0,
    }
}

/// Decides where a new article goes among its candidates (pure: same
/// inputs, same answer, whatever the order of the candidates).
pub fn assign(
    sketch: &Sketch,
    vector: &TermVector,
    published: Option<NaiveDate>,
    candidates: &[Candidate],
) -> Assignment {
    let mut best_dup: Option<(&Candidate, f64)> = None;
    let mut best_story: Option<(&Candidate, f64)> = None;
    for c in candidates {
        let jaccard = MinHash::similarity(&sketch.minhash, &c.minhash);
        if jaccard >= NEAR_DUPLICATE
            && best_dup.is_none_or(|(b, s)| jaccard > s || (jaccard == s && c.key < b.key))
        {
            best_dup = Some((c, jaccard));
        }
        let score = vector.cosine(&c.vector).max(jaccard) * date_factor(published, c.published);
        if score >= SAME_STORY
            && best_story.is_none_or(|(b, s)| score > s || (score == s && c.key < b.key))
        {
            best_story = Some((c, score));
        }
    }
    if let Some((c, j)) = best_dup {
        return Assignment {
            story: Some(c.story),
            family: Some((c.family, c.key, j)),
            story_similarity: Some(j),
        };
    }
    match best_story {
        Some((c, s)) => Assignment {
            story: Some(c.story),
            family: None,
            story_similarity: Some(s),
        },
        None => Assignment::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sketch_text;

    fn candidate(key: i64, story: i64, text: &str, df: &DocFreqs) -> Candidate {
        let s = sketch_text(text);
        Candidate {
            key,
            story,
            family: key,
            vector: TermVector::weigh(&s.terms, df),
            minhash: s.minhash,
            published: None,
        }
    }

    const FLOOD: &str = "Floodwaters forced 340 residents of Passau from their homes after the Danube rose to 8.9 metres, \
        the highest level since 2013, the city said. Firefighters built sandbag walls along the old town.";

    #[test]
    fn reprint_joins_family_and_story() {
        let df = DocFreqs::default();
        let stored = candidate(1, 10, FLOOD, &df);
        let s = sketch_text(&FLOOD.replace("the city said", "the city administration said"));
        let a = assign(&s, &TermVector::weigh(&s.terms, &df), None, &[stored]);
        assert_eq!(a.story, Some(10));
        assert_eq!(a.family.map(|f| f.0), Some(1));
    }

    #[test]
    fn rewrite_joins_story_not_family() {
        let df = DocFreqs::default();
        let stored = candidate(1, 10, FLOOD, &df);
        let rewrite = "In Passau, 340 people had to leave their homes as the Danube climbed to 8.9 metres, its highest \
            level since 2013. Fire crews raised sandbag walls around the old town, officials said.";
        let s = sketch_text(rewrite);
        let a = assign(&s, &TermVector::weigh(&s.terms, &df), None, &[stored]);
        assert_eq!(a.story, Some(10));
        assert_eq!(a.family, None);
    }

    #[test]
    fn unrelated_article_starts_a_story() {
        let df = DocFreqs::default();
        let stored = candidate(1, 10, FLOOD, &df);
        let other = "The city council of Ghent voted 29 to 20 to extend the car-free zone to three more streets next spring.";
        let s = sketch_text(other);
        assert_eq!(
            assign(&s, &TermVector::weigh(&s.terms, &df), None, &[stored]),
            Assignment::default()
        );
    }

    #[test]
    fn vectors_round_trip_through_their_encoding() {
        let s = sketch_text(FLOOD);
        let v = TermVector::weigh(&s.terms, &DocFreqs::default());
        let back = TermVector::decode(&v.encode());
        assert!((v.cosine(&back) - 1.0).abs() < 1e-5);
    }
}
