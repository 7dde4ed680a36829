//! Domain types shared by every stage of corroborate.
//!
//! Stages talk to each other only through these types: `ingest` produces
//! [`Article`]s, `cluster` groups them into [`Story`] memberships, the store
//! persists them and `report` renders a [`Report`] whose JSON field names are
//! fixed by the product contract (`SPEC.md` §3). Nothing here does I/O.
//!
//! ```
//! use corroborate_model::{Interval, Span};
//! let six = Interval::exact(6.0);
//! assert!(six.intersects(&Interval::at_least(5.0)));
//! assert_eq!(Span::new(3, 9).len(), 6);
//! ```

mod annotation;
mod article;
mod extraction;
mod interval;
mod par;
mod report;
mod span;

pub use annotation::{
    Ago, Annotations, Entity, EntityKind, EntityMention, Measure, NumberKind, NumberMention,
    PlaceKind, PlaceMention, Quote, Relation, Role, Sentence, SentenceKind, TimeKind, TimeMention,
};
pub use article::{Article, ArticleId, DateSource, InputKind, PublishedDate, StoredArticle};
pub use extraction::{ArticleEvent, ArticleFact};
pub use interval::{DateRange, Interval};
pub use par::{par_map, threads, THREADS_VAR};
pub use report::{
    bare_events_line, Actor, ArticleSummary, Discrepancy, DiscrepancyKind, Event, Evidence, Fact,
    FactStatus, LanguageLink, Mention, Place, Report, Revision, SentencePair, Severity,
    SharedAnchor, Story, Support, REPORT_VERSION,
};
pub use span::Span;
