//! Story consolidation over a whole collection. Ingest decides each article's
//! story on arrival, with the document frequencies known then — early
//! articles are compared with poor weights and a decision is never revised.
//! After an ingest, [`recluster`] revisits every decision with the
//! collection's final frequencies: copy families are taken in arrival order
//! and each joins the story whose members it is most similar to *on
//! average* (group average: one chance resemblance does not chain two
//! stories together, as it can with the single best match).

use crate::similarity::date_factor;
use std::collections::HashMap;

/// Least average TF-IDF cosine between a copy family and a story's members
/// for the family to join the story (calibrated on the ECB+ development
/// topics, see `EVALUATION.md`).
pub const SAME_STORY_AVERAGE: f64 = 0.11;
/// Pseudo-documents added to the collection size: in a handful of articles
/// of one story, every shared word would otherwise weigh nothing.
const PRIOR_DOCS: f32 = 20.0;
/// Heaviest terms of a family used to find candidate stories.
const CANDIDATE_TERMS: usize = 20;

/// One article as consolidation sees it.
#[derive(Debug, Clone)]
pub struct Item<'a> {
    /// Arrival order key.
    pub key: i64,
    /// Copy family key (near-duplicates share one).
    pub family: i64,
    /// Content-word counts of the article.
    pub terms: &'a HashMap<String, u32>,
    /// Publication date, when known: a family published far from a story's
    /// dates needs more resemblance to join it (see `assign`).
    pub published: Option<chrono::NaiveDate>,
}

type Vector = Vec<(u32, f32)>;

/// Story label (the key of the story's first family) for every item, in
/// the order given. Items of one family always share a story.
///
/// ```
/// use corroborate_cluster::{recluster, sketch_text, ReclusterItem};
/// let texts = [
///     "Floods forced 340 residents of Passau from their homes as the Danube rose.",
///     "Passau: the Danube rose and 340 residents had to leave their homes.",
///     "The council of Ghent voted to extend the car-free zone next spring.",
/// ];
/// let sketches: Vec<_> = texts.iter().map(|t| sketch_text(t)).collect();
/// let items: Vec<ReclusterItem> = sketches.iter().enumerate()
///     .map(|(i, s)| ReclusterItem { key: i as i64, family: i as i64, terms: &s.terms, published: None })
///     .collect();
/// assert_eq!(recluster(&items), [0, 0, 2]);
/// ```
pub fn recluster(items: &[Item]) -> Vec<i64> {
    // Term ids and global document frequencies.
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut df: Vec<u32> = Vec::new();
    for it in items {
        for t in it.terms.keys() {
            let n = ids.len() as u32;
            let id = *ids.entry(t.as_str()).or_insert(n);
            if id as usize == df.len() {
                df.push(0);
            }
            df[id as usize] += 1;
        }
    }
    let n = items.len() as f32;
    let vector = |terms: &HashMap<String, u32>| -> Vector {
        let mut v: Vector = terms
            .iter()
            .filter_map(|(t, &c)| {
                let id = *ids.get(t.as_str())?;
                let idf = ((n + PRIOR_DOCS + 1.0) / (df[id as usize] as f32 + 1.0)).ln();
                Some((id, (1.0 + (c as f32).ln()) * idf))
            })
            .collect();
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|(_, w)| *w /= norm);
        }
        v.sort_by_key(|(id, _)| *id);
        v
    };
    // Families in arrival order, each represented by its first member.
    let mut family_order: Vec<i64> = Vec::new();
    let mut family_vec: HashMap<i64, Vector> = HashMap::new();
    let mut family_date: HashMap<i64, chrono::NaiveDate> = HashMap::new();
    for it in items {
        if let Some(d) = it.published {
            family_date
                .entry(it.family)
                .and_modify(|e| *e = (*e).min(d))
                .or_insert(d);
        }
    }
    let mut sorted: Vec<&Item> = items.iter().collect();
    sorted.sort_by_key(|it| it.key);
    for it in &sorted {
        if let std::collections::hash_map::Entry::Vacant(e) = family_vec.entry(it.family) {
            family_order.push(it.family);
            e.insert(vector(it.terms));
        }
    }
    // Stories: member family vectors; an inverted index of heavy terms finds candidates.
    // Per story: its label, member count and the sum of its members'
    // vectors — the average cosine to the members is `v · sum / count`.
    let mut stories: Vec<(i64, usize, HashMap<u32, f64>)> = Vec::new();
    // Earliest and latest publication date of each story's families.
    let mut spans: Vec<Option<(chrono::NaiveDate, chrono::NaiveDate)>> = Vec::new();
    let mut index: HashMap<u32, Vec<usize>> = HashMap::new();
    let mut story_of: HashMap<i64, i64> = HashMap::new();
    for fam in family_order {
        let v = &family_vec[&fam];
        let mut heavy: Vec<&(u32, f32)> = v.iter().collect();
        heavy.sort_by(|a, b| b.1.total_cmp(&a.1));
        let mut cands: Vec<usize> = heavy
            .iter()
            .take(CANDIDATE_TERMS)
            .filter_map(|(id, _)| index.get(id))
            .flatten()
            .copied()
            .collect();
        cands.sort_unstable();
        cands.dedup();
        let best = cands
            .iter()
            .map(|&s| {
                let (_, count, sum) = &stories[s];
                let dot: f64 = v
                    .iter()
                    .map(|(id, w)| f64::from(*w) * sum.get(id).copied().unwrap_or(0.0))
                    .sum();
                let date = family_date.get(&fam).copied();
                let nearest = match (date, spans[s]) {
                    (Some(d), Some((lo, hi))) => Some(d.clamp(lo, hi)),
                    _ => None,
                };
                (s, dot / *count as f64 * date_factor(date, nearest))
            })
            .filter(|(_, avg)| *avg >= SAME_STORY_AVERAGE)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        let s = match best {
            Some((s, _)) => s,
            None => {
                stories.push((fam, 0, HashMap::new()));
                spans.push(None);
                stories.len() - 1
            }
        };
        stories[s].1 += 1;
        if let Some(d) = family_date.get(&fam).copied() {
            spans[s] = Some(spans[s].map_or((d, d), |(lo, hi)| (lo.min(d), hi.max(d))));
        }
        for (id, w) in v {
            *stories[s].2.entry(*id).or_insert(0.0) += f64::from(*w);
        }
        for (id, _) in heavy.iter().take(CANDIDATE_TERMS) {
            let e = index.entry(*id).or_default();
            if e.last() != Some(&s) {
                e.push(s);
            }
        }
        story_of.insert(fam, stories[s].0);
    }
    items.iter().map(|it| story_of[&it.family]).collect()
}
