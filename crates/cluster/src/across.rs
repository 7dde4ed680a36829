//! Linking stories across languages. Consolidation compares words, so a
//! story told in Ukrainian and its English telling share almost none; what
//! they do share is language-independent: figures, and names once folded
//! across scripts (`corroborate_text::name_key`: "Віткофф", "Уиткофф" and
//! "Witkoff" have one key). [`merge_across_languages`] joins stories whose
//! languages differ when those anchors agree; in a corpus of one language
//! it changes nothing.

use corroborate_text::cross_anchor_sequence;
use std::collections::{HashMap, HashSet};

/// Least cosine between two stories' weighted anchor sets for them to be
/// one story told in two languages (calibrated on multilingual-news
/// ntrex-dev, see `EVALUATION.md`).
pub const SAME_STORY_ACROSS: f64 = 0.35;
/// Anchors shared by more stories than this are too common to link by.
const MAX_ANCHOR_STORIES: usize = 64;
/// Share of the smaller story's (IDF-weighted) anchors that the other must
/// have to join it whatever the cosine, given at least
/// [`MIN_SHARED_COVERED`] shared: a short wire report against a long
/// telling in a language that capitalises every noun (German), whose many
/// extra anchors drag the cosine down; and a story retold in many versions
/// as its toll rose, each language's versions seen at other times, so
/// that each side holds figures the other never saw (the Turkey–Syria
/// earthquake in itn-dev: seven figures shared, a quarter of the Russian
/// side's weight). 0.15–0.28 give the same stories on multilingual-news
/// (ntrex-dev and itn-dev, see `EVALUATION.md`); 0.5 kept that story
/// apart.
pub const SMALL_STORY_COVERED: f64 = 0.25;
/// Fewest shared anchors for [`SMALL_STORY_COVERED`] to apply.
const MIN_SHARED_COVERED: usize = 5;
/// Pseudo-stories, holding none of the anchors, added to the counts: in a
/// store of three stories an anchor two of them share would otherwise
/// weigh almost nothing. At crawl scale the prior vanishes.
const PRIOR_STORIES: f64 = 20.0;
/// Fewest shared anchors for a link (one shared name or figure is chance).
const MIN_SHARED: usize = 3;

/// The language-independent anchors of a text as a set (sorted):
/// [`corroborate_text::cross_anchor_sequence`] without order or repeats.
///
/// ```
/// use corroborate_cluster::cross_anchors;
/// let en = cross_anchors("Mayor Olena Kovalenko met Taras Bondar in Lisbon on 1,200 pages.", "en");
/// let uk = cross_anchors("Мер Олена Коваленко зустрілася з Тарасом Бондарем у Лісабоні: 1 200 сторінок.", "uk");
/// let shared: Vec<_> = en.iter().filter(|a| uk.contains(a)).collect();
/// assert!(shared.len() >= 3, "{shared:?}");
/// ```
pub fn cross_anchors(text: &str, lang: &str) -> Vec<String> {
    let mut v = cross_anchor_sequence(text, lang);
    v.sort();
    v.dedup();
    v
}

/// One article as the cross-language pass sees it.
#[derive(Debug, Clone)]
pub struct CrossItem<'a> {
    /// Its language (`None`: unknown, treated as a language of its own).
    pub language: Option<&'a str>,
    /// Its [`cross_anchors`].
    pub anchors: &'a [String],
}

/// New story labels: stories (`labels`, one per item) whose sets of
/// languages differ are joined when their anchors agree (cosine of
/// IDF-weighted anchor sets ≥ [`SAME_STORY_ACROSS`], at least three anchors
/// shared; or at least five shared that make [`SMALL_STORY_COVERED`] of the
/// smaller story's anchors), best pairs first. A join needs one of the two
/// stories to bring a language the other's group lacks so far: German
/// translations that same-language clustering grouped apart may join the
/// English story that already took one German member, but two stories of
/// the same languages never join here, and a corpus of one language is left
/// as it is. Labels of joined stories become the smaller label.
pub fn merge_across_languages(labels: &[i64], items: &[CrossItem]) -> Vec<i64> {
    // Stories: languages and anchor sets.
    let mut order: Vec<i64> = Vec::new();
    let mut langs: HashMap<i64, HashSet<&str>> = HashMap::new();
    let mut anchors: HashMap<i64, HashSet<&str>> = HashMap::new();
    // The languages each anchor of a story is written in by its members.
    let mut anchor_langs: HashMap<(i64, &str), HashSet<&str>> = HashMap::new();
    for (label, it) in labels.iter().zip(items) {
        if !langs.contains_key(label) {
            order.push(*label);
        }
        let lang = it.language.unwrap_or("?");
        langs.entry(*label).or_default().insert(lang);
        anchors
            .entry(*label)
            .or_default()
            .extend(it.anchors.iter().map(String::as_str));
        for a in it.anchors {
            anchor_langs
                .entry((*label, a.as_str()))
                .or_default()
                .insert(lang);
        }
    }
    // Whether stories `x` and `y` share anchor `a` across languages: some
    // member of one writes it in a language other than a member of the
    // other does (a story's own language shared with the other is no
    // evidence across languages).
    let across = |x: i64, y: i64, a: &str| {
        let (Some(lx), Some(ly)) = (anchor_langs.get(&(x, a)), anchor_langs.get(&(y, a))) else {
            return false;
        };
        lx.iter().any(|l| ly.iter().any(|m| l != m))
    };
    if order.len() < 2 {
        return labels.to_vec();
    }
    let mut df: HashMap<&str, usize> = HashMap::new();
    for set in anchors.values() {
        for a in set {
            *df.entry(a).or_default() += 1;
        }
    }
    let n = order.len() as f64;
    let weight = |a: &str| ((n + PRIOR_STORIES + 1.0) / (df[a] as f64 + 1.0)).ln();
    let norm: HashMap<i64, f64> = anchors
        .iter()
        .map(|(s, set)| {
            (
                *s,
                set.iter().map(|a| weight(a).powi(2)).sum::<f64>().sqrt(),
            )
        })
        .collect();
    // Candidate pairs through an inverted index of the rarer anchors.
    let mut index: HashMap<&str, Vec<i64>> = HashMap::new();
    for s in &order {
        for a in &anchors[s] {
            if df[a] > 1 && df[a] <= MAX_ANCHOR_STORIES {
                index.entry(a).or_default().push(*s);
            }
        }
    }
    let mut shared: HashMap<(i64, i64), (usize, f64)> = HashMap::new();
    for (a, stories) in &index {
        let w = weight(a).powi(2);
        for (i, x) in stories.iter().enumerate() {
            for y in &stories[i + 1..] {
                if !across(*x, *y, a) {
                    continue;
                }
                let key = ((*x).min(*y), (*x).max(*y));
                let e = shared.entry(key).or_default();
                e.0 += 1;
                e.1 += w;
            }
        }
    }
    let mut pairs: Vec<(f64, i64, i64)> = shared
        .into_iter()
        .filter(|((x, y), (count, _))| *count >= MIN_SHARED && langs[x] != langs[y])
        .map(|((x, y), (count, dot))| {
            let cosine = dot / (norm[&x] * norm[&y]).max(f64::MIN_POSITIVE);
            // Share of the smaller story's anchor weight that the other has.
            let overlap = dot / norm[&x].min(norm[&y]).powi(2).max(f64::MIN_POSITIVE);
            let covered = count >= MIN_SHARED_COVERED && overlap >= SMALL_STORY_COVERED;
            let score = if covered {
                cosine.max(SAME_STORY_ACROSS)
            } else {
                cosine
            };
            (score, x, y)
        })
        .filter(|(score, _, _)| *score >= SAME_STORY_ACROSS)
        .collect();
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    // Union of stories, best pairs first, languages kept disjoint.
    let mut parent: HashMap<i64, i64> = order.iter().map(|s| (*s, *s)).collect();
    let mut group_langs: HashMap<i64, HashSet<&str>> = langs.clone();
    fn root(parent: &mut HashMap<i64, i64>, mut s: i64) -> i64 {
        while parent[&s] != s {
            let up = parent[&parent[&s]];
            parent.insert(s, up);
            s = up;
        }
        s
    }
    for (_, x, y) in pairs {
        let (rx, ry) = (root(&mut parent, x), root(&mut parent, y));
        // One side must bring a language the other's group lacks: a story
        // of Spanish and German translations may join an English story that
        // already took a Spanish one (translations split off by
        // same-language clustering still tell the English story's news).
        let joinable =
            !langs[&x].is_subset(&group_langs[&ry]) || !langs[&y].is_subset(&group_langs[&rx]);
        if rx == ry || !joinable {
            continue;
        }
        let (keep, gone) = (rx.min(ry), rx.max(ry));
        parent.insert(gone, keep);
        let moved = group_langs.remove(&gone).unwrap_or_default();
        group_langs.entry(keep).or_default().extend(moved);
    }
    labels.iter().map(|l| root(&mut parent, *l)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item<'a>(language: &'a str, anchors: &'a [String]) -> CrossItem<'a> {
        CrossItem {
            language: Some(language),
            anchors,
        }
    }

    #[test]
    fn a_translation_joins_its_original_and_other_news_stays_apart() {
        let en = cross_anchors("Mayor Olena Kovalenko met Taras Bondar in Lisbon, where 214 ferries and 2,400 workers were discussed with Marta Sokil.", "en");
        let uk = cross_anchors("Мер Олена Коваленко зустрілася з Тарасом Бондарем у Лісабоні, де обговорили 214 поромів і 2 400 працівників із Мартою Сокіл.", "uk");
        let other = cross_anchors("In Lviv the council of Andriy Sadovyi approved 45 new buses and a tram line to Sykhiv.", "en");
        let items = [item("en", &en), item("uk", &uk), item("en", &other)];
        assert_eq!(merge_across_languages(&[1, 2, 3], &items), [1, 1, 3]);
    }

    #[test]
    fn translations_grouped_apart_join_a_story_that_already_has_their_language() {
        let en = cross_anchors("Mayor Olena Kovalenko met Taras Bondar in Lisbon, where 214 ferries and 2,400 workers were discussed with Marta Sokil.", "en");
        let en2 = cross_anchors("In Lisbon, Olena Kovalenko and Taras Bondar agreed on 214 ferries; Marta Sokil spoke for 2,400 workers.", "en");
        let uk = cross_anchors("Мер Олена Коваленко зустрілася з Тарасом Бондарем у Лісабоні, де обговорили 214 поромів і 2 400 працівників із Мартою Сокіл.", "uk");
        let uk2 = cross_anchors("У Лісабоні Олена Коваленко і Тарас Бондар домовилися про 214 поромів; Марта Сокіл говорила від імені 2 400 працівників.", "uk");
        // Story 1 holds both English reports and one translation; story 2
        // the other translation, which same-language clustering set apart.
        let items = [
            item("en", &en),
            item("uk", &uk),
            item("en", &en2),
            item("uk", &uk2),
        ];
        assert_eq!(merge_across_languages(&[1, 1, 1, 2], &items), [1, 1, 1, 1]);
    }

    #[test]
    fn a_translation_is_no_bridge_between_two_stories_of_its_original_language() {
        // Story 1: an English report and its Ukrainian translation; story 2:
        // another English report sharing names with the first only in
        // English. The translation brings Ukrainian, but the two stories
        // share no anchor across languages that the English ones do not
        // already share: no join.
        let en = cross_anchors(
            "Mayor Olena Kovalenko met Taras Bondar in Lisbon about 214 ferries.",
            "en",
        );
        let uk = cross_anchors("Мер зустрілася з міністром щодо поромів.", "uk");
        let other = cross_anchors(
            "Olena Kovalenko and Taras Bondar opened a school in Lisbon with 214 pupils.",
            "en",
        );
        let items = [item("en", &en), item("uk", &uk), item("en", &other)];
        assert_eq!(merge_across_languages(&[1, 1, 2], &items), [1, 1, 2]);
    }

    #[test]
    fn a_rising_toll_told_at_other_times_joins_by_its_figures() {
        // The English versions and the Russian ones were written at other
        // moments of one disaster: they share six tolls, while each side
        // names people the other does not. The cosine stays under the
        // bar; the shared figures cover a third of the Russian side.
        let en = cross_anchors(
            "The toll rose to 1,300, then 2,900, 5,400, 7,800, 12,000 and 16,000, said \
             Mayor Helga Brandt, Governor Piet Verhoef, Minister Ana Lucero, the envoy \
             Tomasz Wierzba, rescuers Karin Olofsson and Dmitri Vasquez.",
            "en",
        );
        let ru = cross_anchors(
            "Число погибших выросло до 1300, затем 2900, 5400, 7800, 12 000 и 16 000, \
             сообщили Фатима Юнус, Рашид Гюль, Эмре Шахин, Лейла Озтюрк.",
            "ru",
        );
        let items = [item("en", &en), item("ru", &ru)];
        assert_eq!(merge_across_languages(&[1, 2], &items), [1, 1]);
    }

    #[test]
    fn stories_of_one_language_are_never_joined() {
        let a = cross_anchors(
            "Mayor Olena Kovalenko met Taras Bondar in Lisbon about 214 ferries.",
            "en",
        );
        let b = a.clone();
        let items = [item("en", &a), item("en", &b)];
        assert_eq!(merge_across_languages(&[1, 2], &items), [1, 2]);
    }
}
