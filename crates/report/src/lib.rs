//! Report assembly and rendering for corroborate.
//!
//! [`build_report`] turns stored articles (with their story and copy-family
//! keys) into the [`Report`] of `SPEC.md` §3; [`to_json`], [`to_markdown`]
//! render it and [`json_schema`] describes the JSON for validators.

mod exports;
mod markdown;
mod parquet_export;

pub use exports::{
    escape_html, fact_value, geojson_features, interval_text, to_csv, to_geojson, to_html,
    CSV_COLUMNS,
};
pub use markdown::to_markdown;
pub use parquet_export::{to_parquet, PARQUET_SCHEMA};

use corroborate_corroborate::{analyse, Member};
use corroborate_extract::extract;
use corroborate_model::{
    par_map, threads, Annotations, ArticleEvent, ArticleSummary, Report, StoredArticle, Story,
    REPORT_VERSION,
};
pub use corroborate_understand::Gazetteer;
use corroborate_understand::{annotate_with, SentenceMemo};
use std::collections::BTreeMap;

/// Longest story title derived from an article's lead.
const MAX_TITLE_CHARS: usize = 160;

/// Reads a short invented article, in English and in a language that
/// writes numbers the European way, so that the grammars are compiled and
/// the lexicons parsed now rather than by the first stories of a report.
/// Compiling them takes a quarter of a second: `corroborate run` does it on
/// a spare thread while ingesting. The result is discarded.
pub fn prepare(gazetteer: Option<&Gazetteer>) {
    const SAMPLE: &str =
        "KYIV, Ukraine (AP) — On Monday night 3 people were killed and 1,250 homes \
        damaged in a drone attack on the port, Mayor Ana Ruiz said. \"We will rebuild,\" she said.";
    for lang in ["en", "de"] {
        let article = corroborate_model::Article::plain("prepare", lang, SAMPLE);
        let annotations = corroborate_understand::annotate(&article, gazetteer);
        std::hint::black_box(extract(&article, &annotations));
    }
}

/// Builds the report over `articles`. With `story` set (an id such as
/// `s3`), only that story and its articles are included.
///
/// Each story's members are annotated and their events extracted, then the
/// story is corroborated: copy lineage (reprints and rewrites), linked
/// events with consensus facts, discrepancies and sentence alignment. Without
/// a gazetteer, places are missing from events.
///
/// Story ids are `s` + the store's story key, stable across runs on one store.
pub fn build_report(
    articles: &[StoredArticle],
    story: Option<&str>,
    gazetteer: Option<&Gazetteer>,
) -> Report {
    let mut by_story: BTreeMap<i64, Vec<&StoredArticle>> = BTreeMap::new();
    for a in articles {
        by_story.entry(a.story).or_default().push(a);
    }
    let chosen: Vec<(String, Vec<&StoredArticle>)> = by_story
        .into_iter()
        .map(|(key, members)| (format!("s{key}"), members))
        .filter(|(id, _)| story.is_none_or(|s| s == id))
        .collect();
    let built = build_stories(&chosen, gazetteer);
    let mut summaries = Vec::new();
    let mut stories = Vec::new();
    for (s, story) in built {
        summaries.extend(s);
        stories.push(story);
    }
    Report {
        version: REPORT_VERSION.to_owned(),
        articles: summaries,
        stories,
    }
}

/// Builds every chosen story, results in their order. Stories are
/// independent of each other, so they are built on every core, largest
/// first so that the cores finish together. A story with more members than
/// one core's share of all members (a lone story, or one breaking story
/// among small ones) spreads its own members over the cores instead.
fn build_stories(
    chosen: &[(String, Vec<&StoredArticle>)],
    gazetteer: Option<&Gazetteer>,
) -> Vec<(Vec<ArticleSummary>, Story)> {
    let total: usize = chosen.iter().map(|(_, m)| m.len()).sum();
    let share = total / threads().max(1);
    let mut order: Vec<usize> = (0..chosen.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(chosen[i].1.len()));
    let (large, rest): (Vec<usize>, Vec<usize>) = order
        .into_iter()
        .partition(|&i| chosen.len() == 1 || chosen[i].1.len() > share);
    let mut built: Vec<Option<(Vec<ArticleSummary>, Story)>> =
        (0..chosen.len()).map(|_| None).collect();
    for i in large {
        let (id, members) = &chosen[i];
        built[i] = Some(story_report(id, members.clone(), gazetteer, true));
    }
    let small = par_map(&rest, |&i| {
        let (id, members) = &chosen[i];
        story_report(id, members.clone(), gazetteer, false)
    });
    for (i, story) in rest.into_iter().zip(small) {
        built[i] = Some(story);
    }
    built.into_iter().flatten().collect()
}

/// One story of the report and its articles' summaries: its members are
/// annotated (on every core when `parallel`), their events extracted, and
/// the story corroborated.
fn story_report(
    id: &str,
    mut members: Vec<&StoredArticle>,
    gazetteer: Option<&Gazetteer>,
    parallel: bool,
) -> (Vec<ArticleSummary>, Story) {
    members.sort_by_key(|a| {
        (
            a.article.published_date().is_none(),
            a.article.published_date(),
            a.key,
        )
    });
    // Reprints share most sentences: each common one is read once.
    let memo = SentenceMemo::default();
    let read = |a: &&StoredArticle| {
        let ann = annotate_with(&a.article, gazetteer, &memo);
        let ev = extract(&a.article, &ann);
        (ann, ev)
    };
    let (annotations, events): (Vec<Annotations>, Vec<Vec<ArticleEvent>>) = if parallel {
        par_map(&members, read).into_iter().unzip()
    } else {
        members.iter().map(read).unzip()
    };
    let input: Vec<Member> = members
        .iter()
        .zip(&annotations)
        .zip(&events)
        .map(|((a, ann), ev)| Member {
            article: &a.article,
            annotations: ann,
            events: ev,
            family: a.family as u64,
        })
        .collect();
    let analysis = analyse(&input, id);
    let mut summaries = Vec::with_capacity(members.len());
    for (i, a) in members.iter().enumerate() {
        let derived = analysis.derived_from[i];
        // Near-duplicates keep the store's shingle similarity.
        let similarity = derived.map(|(p, s)| {
            if members[p].family == a.family {
                a.copy_similarity
                    .or(members[p].copy_similarity)
                    .map_or(s, round3)
            } else {
                s
            }
        });
        summaries.push(ArticleSummary {
            id: a.article.id.clone(),
            url: a.article.url.clone(),
            outlet: a.article.outlet.clone(),
            title: Some(a.article.display_title()).filter(|t| !t.is_empty()),
            published: a.article.published_date(),
            published_source: a.article.published.map(|p| p.source.as_str().to_owned()),
            language: a.article.language.clone(),
            story: Some(id.to_owned()),
            derived_from: derived.map(|(p, _)| members[p].article.id.clone()),
            derivation_similarity: similarity,
        });
    }
    let story = Story {
        title: story_title(&members),
        articles: members.iter().map(|a| a.article.id.clone()).collect(),
        independent_sources: analysis.independent_sources,
        events: analysis.events,
        alignment: analysis.alignment,
        language_links: analysis.language_links,
        discrepancies: analysis.discrepancies,
        id: id.to_owned(),
    };
    (summaries, story)
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// The story's title: its earliest member's headline, else the first
/// sentence of its first paragraph that is not a photo caption.
fn story_title(members: &[&StoredArticle]) -> String {
    if let Some(t) = members
        .iter()
        .find_map(|a| a.article.title.as_deref().filter(|t| !t.trim().is_empty()))
    {
        return t.trim().to_owned();
    }
    let Some(first) = members.first() else {
        return String::new();
    };
    let lead = first
        .article
        .text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !corroborate_text::is_caption(l))
        .unwrap_or("");
    let sentence = lead.find(". ").map_or(lead, |i| &lead[..=i]);
    let mut title: String = sentence.chars().take(MAX_TITLE_CHARS).collect();
    if sentence.chars().count() > MAX_TITLE_CHARS {
        title.push('…');
    }
    title
}

/// The report as pretty-printed JSON.
pub fn to_json(report: &Report) -> String {
    // Serialising plain data structures cannot fail.
    serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// The JSON Schema (draft 2020-12) of the JSON report, generated from the types.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Report);
    serde_json::to_string_pretty(&schema).unwrap_or_default() + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;
    use corroborate_model::ArticleId;
    use corroborate_model::{Article, DateSource, InputKind, PublishedDate};

    fn stored(
        key: i64,
        story: i64,
        family: i64,
        copy_of: Option<i64>,
        date: Option<&str>,
    ) -> StoredArticle {
        StoredArticle {
            key,
            article: Article {
                id: ArticleId(format!("a{key}")),
                url: None,
                outlet: None,
                title: None,
                published: date.map(|d| PublishedDate {
                    date: d.parse().unwrap(),
                    source: DateSource::Metadata,
                }),
                language: None,
                text: format!("Lead sentence {key}. More text.\nSecond paragraph."),
                input: InputKind::Text,
                source: String::new(),
            },
            story,
            family,
            copy_of,
            copy_similarity: copy_of.map(|_| 0.8),
        }
    }

    #[test]
    fn families_count_once_and_derive_from_the_earliest() {
        let arts = [
            stored(1, 1, 1, None, Some("2025-10-15")),
            stored(2, 1, 1, Some(1), Some("2025-10-14")),
            stored(3, 1, 3, None, Some("2025-10-15")),
            stored(4, 2, 4, None, None),
        ];
        let r = build_report(&arts, None, None);
        assert_eq!(r.stories.len(), 2);
        assert_eq!(r.stories[0].independent_sources, 2);
        assert_eq!(r.stories[0].articles[0].0, "a2", "earliest first");
        let a1 = r.articles.iter().find(|a| a.id.0 == "a1").unwrap();
        assert_eq!(a1.derived_from.as_ref().map(|d| d.0.as_str()), Some("a2"));
        let a2 = r.articles.iter().find(|a| a.id.0 == "a2").unwrap();
        assert_eq!(a2.derived_from, None);
        assert_eq!(r.stories[0].title, "Lead sentence 2.");
    }

    #[test]
    fn a_single_story_can_be_selected() {
        let arts = [stored(1, 1, 1, None, None), stored(2, 2, 2, None, None)];
        let r = build_report(&arts, Some("s2"), None);
        assert_eq!(r.stories.len(), 1);
        assert_eq!(r.articles.len(), 1);
        assert_eq!(r.articles[0].story.as_deref(), Some("s2"));
    }
}

#[cfg(test)]
mod schema_file {
    /// `schema/report.schema.json` is generated from the types; this keeps it
    /// in sync. Regenerate with `corroborate schema > schema/report.schema.json`.
    #[test]
    fn committed_schema_matches_the_types() {
        let committed = include_str!("../../../schema/report.schema.json");
        assert_eq!(committed, super::json_schema(), "schema/report.schema.json is stale: run `corroborate schema > schema/report.schema.json`");
    }
}
