//! What the extractor reads off one article: its events and their facts,
//! before they are linked across the articles of a story.

use crate::{Actor, DateRange, Interval, Place, PlaceKind, Span};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One event as one article tells it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ArticleEvent {
    /// `attack`, `disaster`, `meeting`, `statement`, `agreement`, `protest`, `arrest`, `other`.
    #[serde(rename = "type")]
    pub event_type: String,
    /// `missile`, `drone`, `shelling`, `talks`, `remarks`, …
    pub subtype: Option<String>,
    /// Word-level span of the trigger ("attack", "talks", "said").
    pub trigger: Span,
    /// The trigger words.
    pub trigger_text: String,
    /// Index of the sentence the event is first told in.
    pub sentence: usize,
    /// Every sentence the article tells the event in.
    pub sentences: Vec<usize>,
    /// Where it happened.
    pub location: Option<Place>,
    /// Whether the location is a city, a region or a country.
    pub location_kind: Option<PlaceKind>,
    /// When it happened.
    pub date: Option<DateRange>,
    /// Who took part, with their part.
    pub actors: Vec<Actor>,
    /// What the article states about it.
    pub facts: Vec<ArticleFact>,
    /// Further words of the article that evoke the same event (in a later
    /// sentence that tells it again): span and words, in text order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<(Span, String)>,
    /// Which of the evoking words (trigger and `also`) tell a casualty of
    /// the event rather than the event itself: span and the fact's
    /// attribute ("*killed*" → `killed`, "*wounded*" → `injured`). A report
    /// keeps them on its mentions, so that a reader who counts a killing
    /// as an event of its own (as ECB+ does) can tell it from the attack.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<(Span, String)>,
}

/// One fact as one article states it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ArticleFact {
    /// `killed`, `injured`, `damaged`, `launched`, `duration_hours`, `quantity`…
    pub attribute: String,
    /// The value as an interval.
    pub value: Interval,
    /// Details: `unit`, `object`, `children`, `age`, `gender`, `quote`, `speaker`.
    pub qualifiers: serde_json::Map<String, serde_json::Value>,
    /// Index of the sentence that states it.
    pub sentence: usize,
    /// Span of the value's words.
    pub span: Span,
}
