//! What the understanding layer reads off one article: sentences, numbers,
//! times, places, entities, relations and quotes, each with the span that
//! states it and a normalised value. `corroborate annotate` prints these; the
//! event extractor reads them.

use crate::{DateRange, Interval, Place, Span};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Everything the understanding pass found in one article.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Annotations {
    /// Article id.
    pub article: String,
    /// ISO 639-1 language code (metadata first, else detected).
    pub language: Option<String>,
    /// Publication date relative expressions were resolved against.
    pub published: Option<NaiveDate>,
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
    /// Numbers as intervals, with the noun they count.
    pub numbers: Vec<NumberMention>,
    /// Dates, relative times and durations.
    pub times: Vec<TimeMention>,
    /// Places matched against the gazetteer.
    pub places: Vec<PlaceMention>,
    /// People and organisations, with their mentions and roles.
    pub entities: Vec<Entity>,
    /// Kinship and affiliation relations between entities.
    pub relations: Vec<Relation>,
    /// Direct and reported quotes with their speakers.
    pub quotes: Vec<Quote>,
}

/// What part of an article a sentence belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum SentenceKind {
    /// A headline line (first line, short, no final stop).
    Headline,
    /// A photo caption ("FILE - …", "(AP Photo/…)").
    Caption,
    /// Running text.
    Body,
}

/// One sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Sentence {
    /// Position in the article, from 0.
    pub index: usize,
    /// Paragraph (line block) it is in, from 0.
    pub paragraph: usize,
    /// Character span.
    pub span: Span,
    /// Headline, caption or body.
    pub kind: SentenceKind,
}

/// What a number measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NumberKind {
    /// How many of something ("96 drones", "six people").
    Count,
    /// A person's age ("a three-year-old girl": one person aged 3).
    Age,
    /// A percentage.
    Percent,
    /// An amount of money.
    Money,
    /// A position in a sequence ("third", "5th").
    Ordinal,
    /// A calendar year or another number that counts nothing.
    Other,
}

/// A physical quantity brought to one unit per dimension, so that "20 feet"
/// and "6 metres" compare: the stated value converted, widened by the
/// precision the text states it with (half its last digit, and at least 2 %,
/// the rounding a translator's conversion adds).
///
/// ```
/// use corroborate_model::{Interval, Measure};
/// let feet = Measure { unit: "m".into(), value: Interval::range(5.94, 6.25) };
/// let metres = Measure { unit: "m".into(), value: Interval::range(5.5, 6.5) };
/// assert!(feet.agrees(&metres));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Measure {
    /// The canonical unit of its dimension: `m`, `km/h`, `kg`, `°C`, `ha`, `l`.
    pub unit: String,
    /// The value in that unit, as an interval.
    pub value: Interval,
}

impl Measure {
    /// Whether two measures can state the same quantity: same canonical
    /// unit and intersecting intervals.
    pub fn agrees(&self, other: &Measure) -> bool {
        self.unit == other.unit && self.value.intersects(&other.value)
    }
}

/// A number stated in the text, as an interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct NumberMention {
    /// Span of the whole expression, quantifier included ("over 40").
    pub span: Span,
    /// The words of the expression.
    pub text: String,
    /// Index of the sentence it is in.
    pub sentence: usize,
    /// Value as an interval ("over 40" → 41..open).
    pub value: Interval,
    /// Count, age, percent…
    pub kind: NumberKind,
    /// The noun counted ("drones", "residential buildings"), or for an age the
    /// person described ("girl").
    pub unit: Option<String>,
    /// Span of the unit.
    pub unit_span: Option<Span>,
    /// The grammar rule that fired (`digits`, `words`, `more_than`, `age`…).
    pub rule: String,
    /// For a physical quantity ("385 miles", "27 °C"), its value in the
    /// canonical unit of its dimension.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<Measure>,
}

/// What a time expression denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TimeKind {
    /// A day or a vaguer stretch of calendar ("Tuesday", "last month").
    Date,
    /// A length of time ("five-hour talks").
    Duration,
    /// A time of day or part of a day ("overnight", "this morning").
    TimeOfDay,
    /// "now", "currently": the publication time itself.
    Present,
}

/// A time expression with its resolved value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct TimeMention {
    /// Character span.
    pub span: Span,
    /// The words.
    pub text: String,
    /// Index of the sentence it is in.
    pub sentence: usize,
    /// Date, duration, time of day, present.
    pub kind: TimeKind,
    /// TIMEX3-style value: `2025-12-02`, `2025-12`, `2025`, `2025-W49`,
    /// `PT5H`, `PRESENT_REF`; `null` when unresolved (no publication date).
    pub value: Option<String>,
    /// The days it may denote; `null` for durations and unresolved ones.
    pub range: Option<DateRange>,
    /// Length of a duration in hours.
    pub hours: Option<f64>,
    /// The rule that fired (`month_day_year`, `weekday_past`, `years_ago`…).
    pub rule: String,
    /// Whether the value came from the publication date (relative) or from the
    /// text alone (absolute).
    pub relative: bool,
    /// For "N units ago": the amount as written, kept even when no
    /// publication date resolves it ("nearly four years ago" dates the
    /// article itself when the event it counts from is known).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ago: Option<Ago>,
}

/// The amount of an "N units ago" expression.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Ago {
    /// How many units.
    pub amount: f64,
    /// `day`, `week`, `month`, `year`, …
    pub unit: String,
    /// Quantifier effect before the amount (`nearly`, `more_than`, `about`…).
    pub quantifier: Option<String>,
}

/// What sort of place a gazetteer entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    /// A populated place.
    City,
    /// A first-level administrative division (oblast, state, province).
    Region,
    /// A country.
    Country,
}

/// A place named in the text and geocoded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PlaceMention {
    /// Character span of the name as written.
    pub span: Span,
    /// The words.
    pub text: String,
    /// Index of the sentence it is in.
    pub sentence: usize,
    /// City, region or country.
    pub kind: PlaceKind,
    /// The gazetteer entry.
    pub place: Place,
    /// How the entry was chosen among homonyms (`only`, `context`, `population`, `region_word`…).
    pub rule: String,
}

/// Person or organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organisation, institution or body.
    Organization,
}

/// A role a person holds, as the text states it ("special envoy" of Trump).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Role {
    /// The role words, lower-case ("special envoy", "president").
    pub role: String,
    /// Whose or of what, when stated ("Trump", "Ukraine").
    pub of: Option<String>,
    /// Span of the role words.
    pub span: Span,
}

/// One mention of an entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EntityMention {
    /// Character span.
    pub span: Span,
    /// The words.
    pub text: String,
    /// Index of the sentence it is in.
    pub sentence: usize,
    /// `name` (full), `surname`, `pronoun`, `title`.
    pub via: String,
}

/// A person or organisation with every mention of it in the article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Entity {
    /// Id inside the article (`e0`, `e1`, …).
    pub id: String,
    /// Person or organisation.
    pub kind: EntityKind,
    /// Fullest name the article uses.
    pub name: String,
    /// Mentions in text order.
    pub mentions: Vec<EntityMention>,
    /// Roles and titles the article gives the entity.
    pub roles: Vec<Role>,
}

/// A relation between two entities ("Lind's son-in-law Tomas Wren":
/// Wren is son-in-law of Lind).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Relation {
    /// Relation word, lower-case (`son-in-law`, `wife`, `adviser`).
    pub relation: String,
    /// Entity id of the one who holds the relation (Wren).
    pub subject: String,
    /// Subject's name.
    pub subject_name: String,
    /// Entity id of the other end (Lind), when resolved.
    pub object: Option<String>,
    /// The other end's name.
    pub object_name: Option<String>,
    /// Span of the words that state the relation.
    pub span: Span,
    /// Index of the sentence it is in.
    pub sentence: usize,
    /// Whether another person in the clause could also be the other end
    /// (a possessive pronoun with two candidates).
    pub ambiguous: bool,
    /// Other candidates for the other end, by name.
    pub alternatives: Vec<String>,
    /// The rule that fired (`possessive_name`, `possessive_pronoun`, `apposition`).
    pub rule: String,
}

/// A quote, direct or reported, with who said it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Quote {
    /// Span of the quoted words (inside the quotation marks), or of the
    /// reported clause.
    pub span: Span,
    /// The quoted words.
    pub text: String,
    /// Index of the sentence the quote starts in.
    pub sentence: usize,
    /// `direct` (in quotation marks), `reported` ("X said that …"), `according_to`.
    pub kind: String,
    /// Speaker as written, resolved to the entity's full name when known.
    pub speaker: Option<String>,
    /// Entity id of the speaker.
    pub speaker_entity: Option<String>,
    /// Span of the speaker words.
    pub speaker_span: Option<Span>,
    /// The cue ("said", "remarked", "told India Today", "wrote on Telegram").
    pub cue: Option<String>,
    /// Span of the cue.
    pub cue_span: Option<Span>,
}
