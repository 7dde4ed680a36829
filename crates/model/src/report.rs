//! The report: the JSON contract of `SPEC.md` §3. Field names are fixed —
//! external evaluations read them; fields may be added, never renamed.

use crate::{ArticleId, DateRange, Interval, Span};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Version written in every report's `version` field.
pub const REPORT_VERSION: &str = env!("CARGO_PKG_VERSION");

/// Everything corroborate knows about a set of articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Report {
    /// The engine version that wrote the report.
    pub version: String,
    /// Every article, with its story and copy lineage.
    pub articles: Vec<ArticleSummary>,
    /// Every story with its events and discrepancies.
    pub stories: Vec<Story>,
}

/// An article as the report lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ArticleSummary {
    /// Article id.
    pub id: ArticleId,
    /// Canonical URL.
    pub url: Option<String>,
    /// Publishing outlet.
    pub outlet: Option<String>,
    /// Headline (or first line of the text).
    pub title: Option<String>,
    /// Publication date, ISO `YYYY-MM-DD`.
    pub published: Option<chrono::NaiveDate>,
    /// How the publication date was found (`metadata`, `dateline`, `caption`, `user`).
    #[serde(default)]
    pub published_source: Option<String>,
    /// ISO 639-1 language code.
    pub language: Option<String>,
    /// Id of the story the article belongs to.
    pub story: Option<String>,
    /// The article this one copies or rewrites, if any.
    pub derived_from: Option<ArticleId>,
    /// Similarity (0..1) to `derived_from`.
    pub derivation_similarity: Option<f64>,
}

/// One real-world news item told by one or more articles.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Story {
    /// Story id (`s1`, `s2`, …).
    pub id: String,
    /// Headline of the story (its earliest article's).
    pub title: String,
    /// Ids of the member articles, earliest first.
    pub articles: Vec<ArticleId>,
    /// Number of copy families among the members (reprints count once).
    pub independent_sources: usize,
    /// Events reported in the story.
    pub events: Vec<Event>,
    /// Which sentence of one article says what a sentence of another says.
    #[serde(default)]
    pub alignment: Vec<SentencePair>,
    /// Disagreements between articles, or inside one, with evidence.
    pub discrepancies: Vec<Discrepancy>,
    /// Why articles in different languages are in this story: for each
    /// article not in the language of the story's first, the
    /// language-independent anchors it shares with its nearest article of
    /// another language. Absent when the story has one language.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub language_links: Vec<LanguageLink>,
}

/// The anchors that tie an article to an article of another language in
/// its story: figures, and names that fold to one key across scripts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct LanguageLink {
    /// The article explained.
    pub article: ArticleId,
    /// Its language.
    pub language: String,
    /// The article of another language it shares most anchors with.
    pub linked_to: ArticleId,
    /// That article's language.
    pub linked_language: String,
    /// The shared anchors, in the explained article's order.
    pub shared: Vec<SharedAnchor>,
}

/// One anchor two articles share, as each writes it ("Запоріжжя",
/// "Zaporizhzhia").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SharedAnchor {
    /// The language-independent key (`#85`, `@spr`).
    pub key: String,
    /// How the explained article writes it.
    pub text: String,
    /// How the linked article writes it.
    pub linked_text: String,
}

/// Two sentences of two articles of a story that say the same thing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct SentencePair {
    /// First article.
    pub a: ArticleId,
    /// Character span of its sentence.
    pub a_span: Span,
    /// Second article.
    pub b: ArticleId,
    /// Character span of its sentence.
    pub b_span: Span,
    /// Similarity of the two sentences (0..1).
    pub similarity: f64,
}

/// A place, geocoded against the gazetteer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Place {
    /// Name as the gazetteer spells it.
    pub name: String,
    /// ISO 3166-1 alpha-2 country code.
    pub country: Option<String>,
    /// First-level administrative division.
    pub admin1: Option<String>,
    /// Latitude in degrees.
    pub lat: Option<f64>,
    /// Longitude in degrees.
    pub lon: Option<f64>,
    /// GeoNames id.
    pub geonames_id: Option<u64>,
    /// Inhabitants, as the gazetteer counts them: how far a city's area
    /// reaches (its suburbs can be where an event "in the city" happened).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub population: Option<u64>,
}

impl Place {
    /// Great-circle distance to `other` in kilometres, when both have
    /// coordinates: how far apart two places named for one event are.
    ///
    /// ```
    /// use corroborate_model::Place;
    /// let at = |lat, lon| Place { name: String::new(), country: None, admin1: None,
    ///     lat: Some(lat), lon: Some(lon), geonames_id: None, population: None };
    /// let km = at(50.45, 30.52).distance_km(&at(46.48, 30.73)).unwrap();
    /// assert!((km - 442.0).abs() < 5.0); // Kyiv to Odesa
    /// ```
    pub fn distance_km(&self, other: &Place) -> Option<f64> {
        const EARTH_RADIUS_KM: f64 = 6371.0;
        let (lat1, lon1) = (self.lat?.to_radians(), self.lon?.to_radians());
        let (lat2, lon2) = (other.lat?.to_radians(), other.lon?.to_radians());
        let h = ((lat2 - lat1) / 2.0).sin().powi(2)
            + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
        Some(2.0 * EARTH_RADIUS_KM * h.sqrt().min(1.0).asin())
    }
}

/// Someone who takes part in an event, with the part they play.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Actor {
    /// Name of the person, organisation or country.
    pub name: String,
    /// `perpetrator`, `target`, `speaker`, `participant`, …
    pub role: String,
}

/// The words in one article that evoke an event (its trigger).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Mention {
    /// Article the words are in.
    pub article: ArticleId,
    /// Word-level span of the trigger.
    pub span: Span,
    /// The trigger words.
    pub text: String,
    /// The fact the words tell when they tell a casualty of the event
    /// rather than the event itself: `killed` for "killed" in "a gunman
    /// opened fire, killing two", `injured`, `missing`, `arrested` (an
    /// arrest told in an attack's report), `displaced` ("fled"). None for
    /// words of the event itself ("opened fire", "attack").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part: Option<String>,
}

/// Something that happened, linked across the articles that report it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Event {
    /// Event id, unique in the report (`s1e3`).
    pub id: String,
    /// `attack`, `disaster`, `meeting`, `statement`, `agreement`, `protest`, `arrest`, `other`.
    #[serde(rename = "type")]
    pub event_type: String,
    /// Finer type: `missile`, `drone`, `talks`, `remarks`, …
    pub subtype: Option<String>,
    /// Where it happened.
    pub location: Option<Place>,
    /// When it happened.
    pub date: Option<DateRange>,
    /// Who took part.
    pub actors: Vec<Actor>,
    /// Trigger words in every article that reports it.
    pub mentions: Vec<Mention>,
    /// What the articles state about it.
    pub facts: Vec<Fact>,
}

impl Event {
    /// Whether the event holds nothing but the words that tell it: no
    /// place, people or facts ("she *walked* out", "it was *announced*").
    /// The JSON report keeps such events, since event coreference reads
    /// them; reports for people list them on one line, after the events
    /// that say where, who and how many.
    pub fn is_bare(&self) -> bool {
        self.location.is_none() && self.actors.is_empty() && self.facts.is_empty()
    }

    /// A short name for the event: its subtype, or its type without one.
    pub fn label(&self) -> &str {
        self.subtype.as_deref().unwrap_or(&self.event_type)
    }

    /// How many articles tell the event.
    pub fn article_count(&self) -> usize {
        let mut articles: Vec<&ArticleId> = self.mentions.iter().map(|m| &m.article).collect();
        articles.sort_unstable();
        articles.dedup();
        articles.len()
    }
}

/// Most labels [`bare_events_line`] names; the rest are counted.
pub const BARE_LINE_LABELS: usize = 30;

/// The bare events of a story ([`Event::is_bare`]) as one line for people:
/// each label once, the ones most articles tell first, with the number of
/// articles when more than one ("walk (3), return, announce"). A story of
/// many articles tells hundreds: past [`BARE_LINE_LABELS`] they are counted
/// ("and 12 more").
///
/// ```
/// # use corroborate_model::{Event, bare_events_line};
/// let e = |sub: &str| Event {
///     id: "s1e1".into(), event_type: "other".into(), subtype: Some(sub.into()),
///     location: None, date: None, actors: vec![], mentions: vec![], facts: vec![],
/// };
/// assert_eq!(bare_events_line(&[e("walk"), e("return")]), "walk, return");
/// ```
pub fn bare_events_line(events: &[Event]) -> String {
    let mut labels: Vec<(&str, usize)> = Vec::new();
    for e in events.iter().filter(|e| e.is_bare()) {
        let n = e.article_count();
        match labels.iter_mut().find(|(l, _)| *l == e.label()) {
            Some((_, m)) => *m = (*m).max(n),
            None => labels.push((e.label(), n)),
        }
    }
    // Stable: labels told by as many articles keep the story's order.
    labels.sort_by_key(|l| std::cmp::Reverse(l.1));
    let mut line = labels
        .iter()
        .take(BARE_LINE_LABELS)
        .map(|(l, n)| {
            if *n > 1 {
                format!("{l} ({n})")
            } else {
                (*l).to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    if labels.len() > BARE_LINE_LABELS {
        line.push_str(&format!(" and {} more", labels.len() - BARE_LINE_LABELS));
    }
    line
}

/// How well a fact is backed across independent sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum FactStatus {
    /// Two or more independent articles agree and none conflicts.
    Corroborated,
    /// Some sources state values that do not intersect.
    Conflict,
    /// Only one independent source states it, however many copies.
    SingleSource,
}

/// One article's statement of a fact value, with the sentence that states it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Support {
    /// Article that states the value.
    pub article: ArticleId,
    /// The value as that article states it.
    pub value: Interval,
    /// The sentence that states it.
    pub sentence: String,
    /// Character span of the sentence (or the value) in the article text.
    pub span: Span,
    /// Character span of the value's own words, inside `span`, so that a
    /// reader can light up exactly what the article states.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_span: Option<Span>,
}

/// An earlier value of a figure that grew in later reports (an update, not a conflict).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Revision {
    /// The earlier value.
    pub value: Interval,
    /// Article that stated it.
    pub article: ArticleId,
}

/// A typed statement about an event: `killed`, `injured`, `damaged`, `quantity`…
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Fact {
    /// Attribute name, lower-case snake_case.
    pub attribute: String,
    /// Consensus interval with its point estimate.
    pub value: Interval,
    /// Details: `unit`, `object`, `children`, `age`, `gender`, `quote`…
    pub qualifiers: serde_json::Map<String, serde_json::Value>,
    /// Agreement across independent sources.
    pub status: FactStatus,
    /// Articles whose values agree with the consensus.
    pub support: Vec<Support>,
    /// Articles whose values disagree with it.
    pub conflicting: Vec<Support>,
    /// Earlier values of a growing figure, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revisions: Vec<Revision>,
}

/// The kind of a discrepancy (`SPEC.md` §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DiscrepancyKind {
    /// A date that disagrees with other sources or with the article itself.
    Date,
    /// A number outside every independent source's interval.
    Number,
    /// A wrong place.
    Place,
    /// A wrong name, title or relation.
    Person,
    /// A statement credited to someone else.
    Attribution,
    /// A quote whose words differ in substance.
    Quote,
    /// An article that contradicts itself.
    Internal,
}

/// How sure the engine is that a discrepancy is an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Clearly wrong.
    High,
    /// Probably wrong.
    Medium,
    /// Minor.
    Low,
    /// Wording that can be read against the consensus but need not be.
    Ambiguous,
}

/// A sentence that backs a discrepancy.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Evidence {
    /// Article holding the sentence.
    pub article: ArticleId,
    /// The sentence.
    pub sentence: String,
    /// Its character span.
    pub span: Span,
}

/// A disagreement between articles, or inside one, with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Discrepancy {
    /// What kind of thing disagrees.
    pub kind: DiscrepancyKind,
    /// The article that states the odd value.
    pub article: ArticleId,
    /// What the value is about ("injured in Novi Sad").
    pub subject: String,
    /// What the article states.
    pub stated: String,
    /// What the consensus or the article's own context says.
    pub expected: String,
    /// Sentences that show it.
    pub evidence: Vec<Evidence>,
    /// One sentence saying why it is flagged.
    pub explanation: String,
    /// How sure the engine is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bare(label: &str, articles: &[&str]) -> Event {
        Event {
            id: format!("s1e-{label}"),
            event_type: "other".into(),
            subtype: Some(label.into()),
            location: None,
            date: None,
            actors: Vec::new(),
            mentions: articles
                .iter()
                .map(|a| Mention {
                    article: ArticleId((*a).into()),
                    span: Span::new(0, 1),
                    text: label.into(),
                    part: None,
                })
                .collect(),
            facts: Vec::new(),
        }
    }

    #[test]
    fn the_bare_line_names_what_most_articles_tell_first_and_counts_the_tail() {
        let mut events = vec![
            bare("walk", &["a"]),
            bare("return", &["a", "b", "b"]),
            bare("open", &["c"]),
        ];
        // An event with a place is no bare event.
        let mut placed = bare("visit", &["a", "b"]);
        placed.location = Some(Place {
            name: "Tartu".into(),
            country: None,
            admin1: None,
            lat: None,
            lon: None,
            geonames_id: None,
            population: None,
        });
        events.push(placed);
        assert_eq!(bare_events_line(&events), "return (2), walk, open");
        let many: Vec<Event> = (0..BARE_LINE_LABELS + 3)
            .map(|i| bare(&format!("w{i}"), &["a"]))
            .collect();
        let line = bare_events_line(&many);
        assert!(line.ends_with(", w29 and 3 more"), "{line}");
    }
}
