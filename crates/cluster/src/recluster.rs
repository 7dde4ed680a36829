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
    /// Its language (a [`crate::Sketch`]'s): document frequencies are
    /// counted per language, as at ingest ([`crate::df_key`]).
    pub language: &'a str,
    /// Publication date, when known: a family published far from a story's
    /// dates needs more resemblance to join it (see `assign`).
    pub published: Option<chrono::NaiveDate>,
}

type Vector = Vec<(u32, f32)>;
/// Member families of a story (or of one of its languages): their number
/// and the sum of their vectors.
type Members = (usize, HashMap<u32, f64>);

/// The language whose document frequencies an item's terms count in:
/// English and unknown languages share one count ([`crate::df_key`]).
fn df_language(lang: &str) -> &str {
    if lang.is_empty() {
        "en"
    } else {
        lang
    }
}

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
///     .map(|(i, s)| ReclusterItem {
///         key: i as i64, family: i as i64, terms: &s.terms, language: &s.language, published: None,
///     })
///     .collect();
/// assert_eq!(recluster(&items), [0, 0, 2]);
/// ```
pub fn recluster(items: &[Item]) -> Vec<i64> {
    // Term ids (one per term, whatever the language, so that a name or a
    // figure links translations) and document frequencies per language.
    let mut ids: HashMap<&str, u32> = HashMap::new();
    let mut df: HashMap<(&str, u32), u32> = HashMap::new();
    let mut docs: HashMap<&str, f32> = HashMap::new();
    for it in items {
        let lang = df_language(it.language);
        *docs.entry(lang).or_default() += 1.0;
        // Ids in term order, not the map's (random) iteration order: ties
        // between equal weights, and so the stories, are the same on every
        // run.
        let mut terms: Vec<&String> = it.terms.keys().collect();
        terms.sort_unstable();
        for t in terms {
            let n = ids.len() as u32;
            let id = *ids.entry(t.as_str()).or_insert(n);
            *df.entry((lang, id)).or_default() += 1;
        }
    }
    let vector = |it: &Item| -> Vector {
        let lang = df_language(it.language);
        let n = docs.get(lang).copied().unwrap_or(0.0);
        let mut v: Vector = it
            .terms
            .iter()
            .filter_map(|(t, &c)| {
                let id = *ids.get(t.as_str())?;
                let d = df.get(&(lang, id)).copied().unwrap_or(0) as f32;
                let idf = ((n + PRIOR_DOCS + 1.0) / (d + 1.0)).ln();
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
    let mut family_lang: HashMap<i64, &str> = HashMap::new();
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
            e.insert(vector(it));
            family_lang.insert(it.family, df_language(it.language));
        }
    }
    // Stories: member family vectors; an inverted index of heavy terms finds candidates.
    // Per story: its label, member count and the sum of its members'
    // vectors — the average cosine to the members is `v · sum / count`.
    let mut stories: Vec<(i64, usize, HashMap<u32, f64>)> = Vec::new();
    // The same per story and language: a family is compared with the
    // members of its own language too, so that translations in a story do
    // not dilute the average an original's rewrites must reach.
    let mut by_lang: Vec<HashMap<&str, Members>> = Vec::new();
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
                let average = |count: usize, sum: &HashMap<u32, f64>| -> f64 {
                    let dot: f64 = v
                        .iter()
                        .map(|(id, w)| f64::from(*w) * sum.get(id).copied().unwrap_or(0.0))
                        .sum();
                    dot / count.max(1) as f64
                };
                let same = by_lang[s]
                    .get(family_lang[&fam])
                    .map_or(0.0, |(c, sum)| average(*c, sum));
                let avg = average(*count, sum).max(same);
                let date = family_date.get(&fam).copied();
                let nearest = match (date, spans[s]) {
                    (Some(d), Some((lo, hi))) => Some(d.clamp(lo, hi)),
                    _ => None,
                };
                (s, avg * date_factor(date, nearest))
            })
            .filter(|(_, avg)| *avg >= SAME_STORY_AVERAGE)
            .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.cmp(&a.0)));
        let s = match best {
            Some((s, _)) => s,
            None => {
                stories.push((fam, 0, HashMap::new()));
                by_lang.push(HashMap::new());
                spans.push(None);
                stories.len() - 1
            }
        };
        stories[s].1 += 1;
        if let Some(d) = family_date.get(&fam).copied() {
            spans[s] = Some(spans[s].map_or((d, d), |(lo, hi)| (lo.min(d), hi.max(d))));
        }
        let own = by_lang[s].entry(family_lang[&fam]).or_default();
        own.0 += 1;
        for (id, w) in v {
            *stories[s].2.entry(*id).or_insert(0.0) += f64::from(*w);
            *own.1.entry(*id).or_insert(0.0) += f64::from(*w);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sketch_text_in;

    fn labels(texts: &[(&str, &str)]) -> Vec<i64> {
        let sketches: Vec<_> = texts.iter().map(|(t, l)| sketch_text_in(t, l)).collect();
        let items: Vec<Item> = sketches
            .iter()
            .enumerate()
            .map(|(i, s)| Item {
                key: i as i64,
                family: i as i64,
                terms: &s.terms,
                language: &s.language,
                published: None,
            })
            .collect();
        recluster(&items)
    }

    #[test]
    fn translations_in_a_story_do_not_keep_a_rewrite_of_its_original_out() {
        let original =
            "The ferry company of Porto cancelled 38 crossings after a storm flooded the harbour \
            terminal, and the harbour master said repairs to the terminal would take two weeks.";
        let rewrite = "Storm damage at the harbour terminal halted ferry crossings for two weeks, \
            officials said, as engineers inspected flooded ticket halls and the pier.";
        let other =
            "The city library of Braga opened a reading room for children with 400 new books.";
        let mut texts = vec![(original, "en")];
        // Seven translations of the original join its story first.
        texts.extend([
            ("La compañía de ferris de Porto canceló 38 travesías tras inundarse la terminal.", "es"),
            ("Die Fährgesellschaft von Porto strich 38 Überfahrten nach der Flut im Terminal.", "de"),
            ("La compagnie de ferry de Porto a annulé 38 traversées après l'inondation du terminal.", "fr"),
            ("La compagnia dei traghetti di Porto ha cancellato 38 traversate dopo l'alluvione.", "it"),
            ("Поромна компанія Порту скасувала 38 рейсів після того, як шторм затопив термінал.", "uk"),
            ("Przedsiębiorstwo promowe z Porto odwołało 38 rejsów po zalaniu terminalu.", "pl"),
            ("Trajektna tvrtka iz Porta otkazala je 38 plovidbi nakon poplave terminala.", "hr"),
        ]);
        texts.push((rewrite, "en"));
        texts.push((other, "en"));
        let got = labels(&texts);
        assert_eq!(
            got[8], got[0],
            "the English rewrite joins the original's story: {got:?}"
        );
        assert_ne!(got[9], got[0], "other news stays apart: {got:?}");
    }
}
