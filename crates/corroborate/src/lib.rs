//! Corroboration of one story: which articles copy or rewrite which
//! ([`lineage`]), which sentences say the same thing ([`align`]), which
//! event mentions are one real-world event ([`link`]), what the independent
//! sources agree on ([`consensus`]) and where they — or an article and
//! itself — disagree ([`discrepancies`]).
//!
//! Everything here is a reduce over the members of one story: the per-article
//! work (annotation, extraction) is done before, so a story of a hundred
//! articles is corroborated in milliseconds and stories can be spread over
//! cores or machines.

pub mod align;
pub mod consensus;
pub mod discrepancies;
pub mod languages;
pub mod lineage;
pub mod link;
mod words;

use corroborate_model::{
    Annotations, Article, ArticleEvent, Discrepancy, Event, LanguageLink, SentencePair,
};

/// One article of a story with what the earlier stages read off it.
#[derive(Debug, Clone, Copy)]
pub struct Member<'a> {
    /// The article.
    pub article: &'a Article,
    /// Its annotations.
    pub annotations: &'a Annotations,
    /// Its events.
    pub events: &'a [ArticleEvent],
    /// Copy family the store assigned (near-duplicates share one).
    pub family: u64,
}

/// Everything corroboration found in one story.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct StoryAnalysis {
    /// Per member: the member it is derived from, with a similarity.
    pub derived_from: Vec<Option<(usize, f64)>>,
    /// Per member: its copy family (members of one family count once).
    pub family: Vec<usize>,
    /// Number of copy families.
    pub independent_sources: usize,
    /// The story's events, linked across members.
    pub events: Vec<Event>,
    /// Disagreements, with evidence.
    pub discrepancies: Vec<Discrepancy>,
    /// Sentence alignment of each member with the story's reference member.
    pub alignment: Vec<SentencePair>,
    /// Why members of other languages are in the story (empty for a story
    /// of one language).
    pub language_links: Vec<LanguageLink>,
}

/// Corroborates one story. `story_id` prefixes event ids (`s1` → `s1e1`).
pub fn analyse(members: &[Member], story_id: &str) -> StoryAnalysis {
    let several = languages::several_languages(members);
    let texts = words::SentenceWords::of_all(members, several);
    let anchors = languages::anchors_of(members, several);
    let lineage = lineage::lineage(members, &texts, &anchors);
    let alignment = align::story_alignment(members, &texts, &lineage.derived_from);
    let clusters = link::link(members, &texts);
    let events = consensus::events(members, &clusters, &lineage.family, &texts, story_id);
    let discrepancies = discrepancies::find(members, &clusters, &events, &lineage.family, &texts);
    StoryAnalysis {
        independent_sources: lineage.families,
        derived_from: lineage.derived_from,
        family: lineage.family,
        events,
        discrepancies,
        alignment,
        language_links: languages::language_links(members, &anchors),
    }
}
