//! Story consolidation over a whole collection. Ingest decides each article's
//! story on arrival, with the document frequencies known then — early
//! articles are compared with poor weights and a decision is never revised.
//! After an ingest, [`recluster`] revisits every decision with the
//! collection's final frequencies: copy families are taken in arrival order
//! and each joins the story whose members it is most similar to *on
//! average* (group average: one chance resemblance does not chain two
//! stories together, as it can with the single best match). Then
//! [`absorb_small_stories`] lets each small story join the larger story
//! whose centroid it fits, which only the finished stories have.

use crate::similarity::date_factor;
use std::collections::HashMap;

/// Least average TF-IDF cosine between a copy family and a story's members
/// for the family to join the story (calibrated on the ECB+ development
/// topics and multilingual-news ntrex-dev, see `EVALUATION.md`: 0.12–0.13
/// give the same stories on both; below, stories of one subject merge —
/// a match preview with the match report — and [`absorb_small_stories`]
/// recovers what a stricter first pass leaves out).
pub const SAME_STORY_AVERAGE: f64 = 0.125;
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
/// The collection's TF-IDF weighting: one normalised vector per family
/// (its first member in arrival order), with the family's language and
/// earliest publication date, and the families in arrival order.
struct Families<'a> {
    order: Vec<i64>,
    vector: HashMap<i64, Vector>,
    /// The [`CANDIDATE_TERMS`] heaviest terms of each family: the keys it
    /// is found by.
    heavy: HashMap<i64, Vec<u32>>,
    language: HashMap<i64, &'a str>,
    date: HashMap<i64, chrono::NaiveDate>,
}

impl<'a> Families<'a> {
    fn weigh(items: &[Item<'a>]) -> Self {
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
        let mut families = Families {
            order: Vec::new(),
            vector: HashMap::new(),
            heavy: HashMap::new(),
            language: HashMap::new(),
            date: HashMap::new(),
        };
        for it in items {
            if let Some(d) = it.published {
                families
                    .date
                    .entry(it.family)
                    .and_modify(|e| *e = (*e).min(d))
                    .or_insert(d);
            }
        }
        let mut sorted: Vec<&Item> = items.iter().collect();
        sorted.sort_by_key(|it| it.key);
        for it in sorted {
            if let std::collections::hash_map::Entry::Vacant(e) = families.vector.entry(it.family) {
                families.order.push(it.family);
                let v = vector(it);
                let mut by_weight: Vec<&(u32, f32)> = v.iter().collect();
                by_weight.sort_by(|a, b| b.1.total_cmp(&a.1));
                let heavy = by_weight
                    .iter()
                    .take(CANDIDATE_TERMS)
                    .map(|(id, _)| *id)
                    .collect();
                families.heavy.insert(it.family, heavy);
                e.insert(v);
                families
                    .language
                    .insert(it.family, df_language(it.language));
            }
        }
        families
    }

    /// The heaviest terms of a family: the keys it is found by.
    fn heavy(&self, family: i64) -> &[u32] {
        &self.heavy[&family]
    }

    /// Dot product of a family's vector with a sum of vectors.
    fn dot(&self, family: i64, sum: &HashMap<u32, f64>) -> f64 {
        self.vector[&family]
            .iter()
            .map(|(id, w)| f64::from(*w) * sum.get(id).copied().unwrap_or(0.0))
            .sum()
    }
}

pub fn recluster(items: &[Item]) -> Vec<i64> {
    let families = Families::weigh(items);
    // Per story: its label, member count and the sum of its members'
    // vectors — the average cosine to the members is `v · sum / count`.
    let mut stories: Vec<(i64, usize, HashMap<u32, f64>)> = Vec::new();
    // The same per story and language: a family is compared with the
    // members of its own language too, so that translations in a story do
    // not dilute the average an original's rewrites must reach.
    let mut by_lang: Vec<HashMap<&str, Members>> = Vec::new();
    // Earliest and latest publication date of each story's families.
    let mut spans: Vec<Span> = Vec::new();
    // Stories by the heavy terms of their members: the candidates.
    let mut index: HashMap<u32, Vec<usize>> = HashMap::new();
    let mut story_of: HashMap<i64, i64> = HashMap::new();
    for &fam in &families.order {
        let heavy = families.heavy(fam);
        let mut cands: Vec<usize> = heavy
            .iter()
            .filter_map(|id| index.get(id))
            .flatten()
            .copied()
            .collect();
        cands.sort_unstable();
        cands.dedup();
        let lang = families.language[&fam];
        let date = families.date.get(&fam).copied();
        let best = cands
            .iter()
            .map(|&s| {
                let (_, count, sum) = &stories[s];
                let same = by_lang[s]
                    .get(lang)
                    .map_or(0.0, |(c, sum)| families.dot(fam, sum) / (*c).max(1) as f64);
                let avg = (families.dot(fam, sum) / (*count).max(1) as f64).max(same);
                (s, avg * date_factor(date, nearest(date, spans[s])))
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
        widen(&mut spans[s], date);
        let own = by_lang[s].entry(lang).or_default();
        own.0 += 1;
        for (id, w) in &families.vector[&fam] {
            *stories[s].2.entry(*id).or_insert(0.0) += f64::from(*w);
            *own.1.entry(*id).or_insert(0.0) += f64::from(*w);
        }
        for &id in heavy {
            let e = index.entry(id).or_default();
            if e.last() != Some(&s) {
                e.push(s);
            }
        }
        story_of.insert(fam, stories[s].0);
    }
    items.iter().map(|it| story_of[&it.family]).collect()
}

/// Earliest and latest publication date of a story's families.
type Span = Option<(chrono::NaiveDate, chrono::NaiveDate)>;

/// The date of a story's span nearest to a family's date.
fn nearest(date: Option<chrono::NaiveDate>, span: Span) -> Option<chrono::NaiveDate> {
    match (date, span) {
        (Some(d), Some((lo, hi))) => Some(d.clamp(lo, hi)),
        _ => None,
    }
}

/// Widens a span to take in a date.
fn widen(span: &mut Span, date: Option<chrono::NaiveDate>) {
    if let Some(d) = date {
        *span = Some(span.map_or((d, d), |(lo, hi)| (lo.min(d), hi.max(d))));
    }
}

/// Least mean cosine between a small story's families and the centroid
/// (the normalised sum) of a larger story's members in each family's
/// language published within a week of it, for [`absorb_small_stories`]
/// to join them (calibrated on the ECB+ development topics and
/// multilingual-news ntrex-dev, see `EVALUATION.md`).
pub const SAME_STORY_CENTROID: f64 = 0.14;
/// Most families a story may have in any one language to be absorbed.
const SMALL_STORY: usize = 2;
/// Fewest families a larger story needs in a language, published within
/// a week of a small story's family, for their centroid to stand for the
/// story.
const CENTROID_MEMBERS: usize = 3;
/// Larger stories a small one is compared with: those sharing the most of
/// its heavy terms (the work per pair grows with the larger story).
const MAX_CANDIDATES: usize = 16;
/// A heavy term found in more stories than this finds no candidate: at
/// crawl scale it is a word of a whole genre ("police", "match").
const MAX_TERM_STORIES: usize = 256;
const _: () = assert!(
    CENTROID_MEMBERS > SMALL_STORY,
    "an absorbing story is never small"
);

/// New story labels: each small story (at most [`SMALL_STORY`] families
/// in every language) joins the larger story whose members it is closest
/// to as a whole, when its families' mean cosine with that story's
/// centroid reaches [`SAME_STORY_CENTROID`].
///
/// Why a second pass: [`recluster`] compares an arriving family with the
/// members a story has *so far*, on average. A feature that tells a big
/// story from its own angle (the rescue in one town of a quake that
/// others report by its toll) shares a little with each report and stays
/// under the average with all of them, yet it shares much with what they
/// have in common: their centroid, which only the finished story has.
///
/// Only members published within a week of a family make its centroid
/// (when both dates are known): a story that consolidation let grow over
/// months has one centroid per week, not one for the season, and two
/// fires in one city a month apart stay two stories. Labels of stories
/// left alone are kept.
///
/// ```
/// use corroborate_cluster::{absorb_small_stories, sketch_text, ReclusterItem};
/// let texts = [
///     "Floods forced 340 residents of Passau from their homes as the Danube rose to 8.9 metres.",
///     "Passau: the Danube rose to 8.9 metres and 340 residents had to leave their homes.",
///     "The Danube flood in Passau: 340 residents left their homes, the river at 8.9 metres.",
///     "In Passau volunteers filled sandbags through the night as the Danube flood reached the old town.",
///     "The council of Ghent voted to extend the car-free zone next spring.",
/// ];
/// let sketches: Vec<_> = texts.iter().map(|t| sketch_text(t)).collect();
/// let items: Vec<ReclusterItem> = sketches.iter().enumerate()
///     .map(|(i, s)| ReclusterItem {
///         key: i as i64, family: i as i64, terms: &s.terms, language: &s.language, published: None,
///     })
///     .collect();
/// assert_eq!(absorb_small_stories(&items, &[0, 0, 0, 3, 4]), [0, 0, 0, 0, 4]);
/// ```
pub fn absorb_small_stories(items: &[Item], labels: &[i64]) -> Vec<i64> {
    let families = Families::weigh(items);
    // Stories in order of first appearance: their families and how many
    // of them each language has.
    struct Story<'s> {
        label: i64,
        families: Vec<i64>,
        by_lang: HashMap<&'s str, usize>,
    }
    let mut stories: Vec<Story> = Vec::new();
    let mut of_label: HashMap<i64, usize> = HashMap::new();
    let mut family_label: HashMap<i64, i64> = HashMap::new();
    for (it, &label) in items.iter().zip(labels) {
        family_label.entry(it.family).or_insert(label);
    }
    for &fam in &families.order {
        let label = family_label[&fam];
        let s = *of_label.entry(label).or_insert_with(|| {
            stories.push(Story {
                label,
                families: Vec::new(),
                by_lang: HashMap::new(),
            });
            stories.len() - 1
        });
        let st = &mut stories[s];
        st.families.push(fam);
        *st.by_lang.entry(families.language[&fam]).or_default() += 1;
    }
    let mut index: HashMap<u32, Vec<usize>> = HashMap::new();
    for (s, st) in stories.iter().enumerate() {
        for &fam in &st.families {
            for &id in families.heavy(fam) {
                let e = index.entry(id).or_default();
                if e.last() != Some(&s) {
                    e.push(s);
                }
            }
        }
    }
    let mut into: HashMap<i64, i64> = HashMap::new();
    for st in stories.iter() {
        if st.by_lang.values().any(|c| *c > SMALL_STORY) {
            continue;
        }
        // Candidates: the larger stories that share the most heavy terms
        // with it, through terms that are not in too many stories to tell
        // one from another.
        let mut hits: HashMap<usize, u32> = HashMap::new();
        for id in st.families.iter().flat_map(|&f| families.heavy(f)) {
            let Some(list) = index.get(id).filter(|l| l.len() <= MAX_TERM_STORIES) else {
                continue;
            };
            for &t in list {
                if stories[t].families.len() > st.families.len() {
                    *hits.entry(t).or_default() += 1;
                }
            }
        }
        let mut cands: Vec<(u32, usize)> = hits.into_iter().map(|(t, n)| (n, t)).collect();
        cands.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        cands.truncate(MAX_CANDIDATES);
        let cands = cands.into_iter().map(|(_, t)| t);
        let best = cands
            .filter_map(|t| {
                // Mean cosine with the centroid of the larger story's
                // members in each family's language published near it,
                // over the families that have enough such members.
                let (mut total, mut n) = (0.0, 0usize);
                for &f in &st.families {
                    let lang = families.language[&f];
                    let date = families.date.get(&f).copied();
                    let near: Vec<i64> = stories[t]
                        .families
                        .iter()
                        .copied()
                        .filter(|m| families.language[m] == lang)
                        .filter(|m| date_factor(date, families.date.get(m).copied()) >= 1.0)
                        .collect();
                    if near.len() < CENTROID_MEMBERS {
                        continue;
                    }
                    let mut sum: HashMap<u32, f64> = HashMap::new();
                    for m in &near {
                        for (id, w) in &families.vector[m] {
                            *sum.entry(*id).or_insert(0.0) += f64::from(*w);
                        }
                    }
                    let norm = sum.values().map(|x| x * x).sum::<f64>().sqrt();
                    total += families.dot(f, &sum) / norm.max(f64::MIN_POSITIVE);
                    n += 1;
                }
                // Most of the small story must be comparable.
                (n > 0 && 2 * n >= st.families.len()).then(|| (total / n as f64, t))
            })
            .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        if let Some((_, t)) = best.filter(|(score, _)| *score >= SAME_STORY_CENTROID) {
            into.insert(st.label, stories[t].label);
        }
    }
    // No chains: a story that absorbs others has CENTROID_MEMBERS families
    // in some language, more than a small story may have.
    labels
        .iter()
        .map(|l| into.get(l).copied().unwrap_or(*l))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sketch_text_in;

    fn labels(texts: &[(&str, &str)]) -> Vec<i64> {
        with_items(texts, recluster)
    }

    /// Runs `f` over the texts as items, one family each, in order.
    fn with_items<T>(texts: &[(&str, &str)], f: impl Fn(&[Item]) -> T) -> T {
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
        f(&items)
    }

    /// Three wire reports of a quake: its toll, its magnitude, its aid.
    const QUAKE: [&str; 3] = [
        "A magnitude 6.8 earthquake struck the coast near Arequipa on Sunday, killing 41 people \
         and destroying hundreds of homes, the civil defence agency said. Aftershocks shook the \
         province through the night and the toll was expected to rise.",
        "The death toll from Sunday's 6.8 magnitude earthquake near Arequipa rose to 41, the civil \
         defence agency said, as rescuers searched collapsed homes and aftershocks rattled the \
         province.",
        "Aid convoys reached Arequipa province on Monday after the earthquake that killed 41 people; \
         the civil defence agency said hundreds of homes were destroyed and thousands slept outside \
         fearing aftershocks.",
    ];

    #[test]
    fn a_feature_on_a_big_story_joins_it_as_a_whole() {
        // A feature from the quake zone shares a little with each report
        // and much with what they have in common.
        let feature = "In Arequipa, survivors of the earthquake camped outside their destroyed \
             homes as aftershocks continued; a mother told how rescuers pulled her son from the \
             rubble of the civil defence post.";
        let other = "The regional parliament of Cusco approved a budget for new school buses.";
        let texts: Vec<(&str, &str)> = QUAKE
            .iter()
            .chain([&feature, &other])
            .map(|t| (*t, "en"))
            .collect();
        let got = with_items(&texts, |items| {
            absorb_small_stories(items, &[0, 0, 0, 3, 4])
        });
        assert_eq!(got, [0, 0, 0, 0, 4]);
    }

    #[test]
    fn a_small_story_with_no_language_in_common_is_left_alone() {
        // The big story has no Polish members: its centroid cannot be
        // compared with a Polish article, however close the names.
        let polish = "Trzęsienie ziemi w Arequipie: 41 ofiar, zniszczone domy, wstrząsy wtórne.";
        let texts: Vec<(&str, &str)> = QUAKE
            .iter()
            .map(|t| (*t, "en"))
            .chain([(polish, "pl")])
            .collect();
        let got = with_items(&texts, |items| absorb_small_stories(items, &[0, 0, 0, 3]));
        assert_eq!(got, [0, 0, 0, 3]);
    }

    #[test]
    fn only_members_published_near_a_small_story_make_its_centroid() {
        let feature = "In Arequipa, survivors of the earthquake camped outside their destroyed \
             homes as aftershocks continued; a mother told how rescuers pulled her son from the \
             rubble of the civil defence post.";
        let texts: Vec<(&str, &str)> = QUAKE.iter().chain([&feature]).map(|t| (*t, "en")).collect();
        let day = |m: u32, d: u32| chrono::NaiveDate::from_ymd_opt(2024, m, d);
        let absorbed = |feature_day| {
            let dates = [day(3, 3), day(3, 3), day(3, 4), feature_day];
            with_items(&texts, |items| {
                let dated: Vec<Item> = items
                    .iter()
                    .zip(dates)
                    .map(|(it, published)| Item {
                        published,
                        ..it.clone()
                    })
                    .collect();
                absorb_small_stories(&dated, &[0, 0, 0, 3])[3] == 0
            })
        };
        assert!(absorbed(day(3, 8)), "four days after the last report");
        assert!(!absorbed(day(5, 8)), "two months later");
    }

    #[test]
    fn a_story_of_the_same_kind_but_other_news_stays_apart() {
        // Another quake, elsewhere: the genre's words are shared, the
        // story's own are not.
        let other_quake = "A magnitude 5.1 earthquake shook Valparaíso late on Tuesday; \
             windows broke in the port and two people were treated for minor injuries, \
             the navy said. No tsunami warning was issued.";
        let texts: Vec<(&str, &str)> = QUAKE
            .iter()
            .chain([&other_quake])
            .map(|t| (*t, "en"))
            .collect();
        let got = with_items(&texts, |items| absorb_small_stories(items, &[0, 0, 0, 3]));
        assert_eq!(got, [0, 0, 0, 3]);
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
