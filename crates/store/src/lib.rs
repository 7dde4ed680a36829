//! Persistence for corroborate.
//!
//! [`Store`] is what the pipeline and the report need from a database; the
//! embedded SQLite backend ([`SqliteStore`], WAL mode, schema migrations) is
//! the default, and [`PgStore`] keeps the same contract in a PostgreSQL
//! database that several processes share. [`open`] picks the backend from
//! the `--db` value. A batch of articles is ingested in one transaction
//! that looks up each article's candidates, decides its story with
//! [`corroborate_cluster::assign`] and writes it with its index rows: an
//! interrupted ingest leaves no half article, and two processes ingesting
//! at once cannot both store it.

mod check;
mod error;
mod postgres;
mod shared;
mod sqlite;

pub use error::StoreError;

/// Language-independent keys a text names beyond its own words, for
/// consolidation to link stories told in different languages: the
/// GeoNames ids of its places (`Gazetteer::place_anchors`), which the
/// store cannot compute itself (the gazetteer is loaded by the caller).
pub type PlaceAnchors<'a> = dyn Fn(&str) -> Vec<String> + Sync + 'a;
pub use postgres::PgStore;
pub use shared::now_secs;
pub use sqlite::SqliteStore;

use chrono::NaiveDate;
use corroborate_cluster::Sketch;
use corroborate_model::{Article, ArticleId, StoredArticle};

/// Which stories a listing wants ([`Store::story_rows`]). Every filter is
/// optional; all given filters must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct StoryQuery {
    /// Stories with an article published on or after this day.
    pub from: Option<NaiveDate>,
    /// Stories with an article published on or before this day.
    pub to: Option<NaiveDate>,
    /// Words that some article of the story must contain (all of them, in
    /// its title or text; case and accents ignored). Any characters are
    /// safe: they are reduced to words, never passed as query syntax.
    pub text: Option<String>,
}

/// One story in a listing: enough to page and sort without reading texts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryRow {
    /// Story key (the report's id is `s{key}`).
    pub key: i64,
    /// Number of member articles.
    pub articles: usize,
    /// Earliest publication date among the members.
    pub first_published: Option<NaiveDate>,
    /// Latest publication date among the members.
    pub last_published: Option<NaiveDate>,
    /// Changes whenever the membership changes (an article joins, leaves
    /// or moves): a cache of anything computed from the members can be
    /// keyed by it.
    pub version: i64,
    /// When the story's first member was stored (seconds since the epoch).
    pub first_ingested: i64,
    /// When its latest member was stored (seconds since the epoch): the
    /// web UI marks stories new or changed since a reader's last visit.
    pub last_ingested: i64,
}

/// What the watcher knows of one polled source (a feed, a sitemap, or a
/// sitemap listed by a sitemap index): the validators for its next
/// conditional request and its health, shown by `corroborate sources`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceState {
    /// The source's URL (its key).
    pub url: String,
    /// `feed`, `sitemap` or `unknown` (not fetched successfully yet).
    pub kind: String,
    /// The sitemap index that listed it, for child sitemaps.
    pub parent: Option<String>,
    /// `ETag` of the last full response, sent back as `If-None-Match`.
    pub etag: Option<String>,
    /// `Last-Modified` of the last full response (`If-Modified-Since`).
    pub last_modified: Option<String>,
    /// Last poll, successful or not (seconds since the epoch).
    pub last_checked: Option<i64>,
    /// Last successful poll (a 200 or a 304).
    pub last_success: Option<i64>,
    /// The last error, one line, and when it happened.
    pub last_error: Option<String>,
    /// When [`SourceState::last_error`] happened.
    pub last_error_at: Option<i64>,
    /// Items (feed entries, sitemap URLs) seen over all polls.
    pub items_seen: i64,
    /// Articles stored from it over all polls.
    pub articles_stored: i64,
    /// Polls answered `304 Not Modified`.
    pub not_modified: i64,
    /// Polls that failed in a row (0 after a success).
    pub failures: i64,
}

/// One alert for one destination, kept so that it is sent once: recorded
/// before it is sent, marked delivered after, retried while undelivered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AlertRecord {
    /// What makes the alert unique (same key: same alert).
    pub key: String,
    /// The destination (`webhook:URL`, `exec:COMMAND`).
    pub sink: String,
    /// `new_story`, `discrepancy` or `revision`.
    pub kind: String,
    /// The JSON sent.
    pub payload: String,
    /// When it was recorded (seconds since the epoch).
    pub created_at: i64,
    /// Delivery attempts so far.
    pub attempts: i64,
    /// The last delivery error.
    pub last_error: Option<String>,
}

/// What ingesting one article did.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// Stored; `new_story` when it started a story.
    Stored {
        /// Key of its story.
        story: i64,
        /// Whether the article started that story.
        new_story: bool,
    },
    /// An article with this id is already stored (with the same content, or
    /// `same_content: false` when the id is reused for other text).
    SameId {
        /// Whether the stored text is the same.
        same_content: bool,
    },
    /// The same content is already stored under another id.
    SameContent {
        /// Id of the stored article.
        existing: ArticleId,
    },
}

/// What [`Store::check`] found: counts, and one line per inconsistency.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// Articles stored.
    pub articles: u64,
    /// Stories stored.
    pub stories: u64,
    /// Every inconsistency found, one line each (empty: the store is sound).
    pub problems: Vec<String>,
}

impl CheckReport {
    /// Whether no inconsistency was found.
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// The [`StoryRow::version`] of a story with these member keys: it changes
/// whenever an article joins, leaves or moves. Backends compute the same
/// value in their query (SQLite: `SUM(key) * 1000003 + MAX(key)`).
pub fn membership_version(keys: impl IntoIterator<Item = i64>) -> i64 {
    let (sum, max) = keys
        .into_iter()
        .fold((0i64, 0i64), |(s, m), k| (s.wrapping_add(k), m.max(k)));
    sum.wrapping_mul(1_000_003).wrapping_add(max)
}

/// Whether a `--db` value names a PostgreSQL database rather than an
/// SQLite file.
///
/// ```
/// assert!(corroborate_store::is_postgres_url("postgres://news@db.local/corroborate"));
/// assert!(!corroborate_store::is_postgres_url("corroborate.db"));
/// ```
pub fn is_postgres_url(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// Opens the store a `--db` value names: a `postgres://` (or
/// `postgresql://`) URL connects to PostgreSQL, anything else is the path
/// of an SQLite file (created when missing). Either way the schema is
/// brought up to date.
pub fn open(db: &str) -> Result<Box<dyn Store + Send>, StoreError> {
    Ok(if is_postgres_url(db) {
        Box::new(PgStore::connect(db)?)
    } else {
        Box::new(SqliteStore::open(std::path::Path::new(db))?)
    })
}

/// What a store must do for the pipeline, the CLI and the report.
pub trait Store {
    /// Stores a batch of articles atomically (all of them or, on error,
    /// none), each attached to its story and copy family as if they had
    /// been stored one after another: an article of the batch can join the
    /// story of an earlier one. Idempotent: the same id or the same content
    /// again (stored or earlier in the batch) changes nothing. One outcome
    /// per article, in order.
    fn ingest_batch(&mut self, batch: &[(&Article, &Sketch)]) -> Result<Vec<Outcome>, StoreError>;

    /// Stores one article ([`Store::ingest_batch`] of one).
    fn ingest(&mut self, article: &Article, sketch: &Sketch) -> Result<Outcome, StoreError> {
        self.ingest_batch(&[(article, sketch)])?
            .pop()
            .ok_or_else(|| StoreError::Corrupt("a batch of one gave no outcome".into()))
    }

    /// Every stored article, in ingest order.
    fn articles(&self) -> Result<Vec<StoredArticle>, StoreError>;

    /// Up to `limit` articles in ingest order, skipping the first `offset`.
    fn article_page(&self, offset: usize, limit: usize) -> Result<Vec<StoredArticle>, StoreError>;

    /// One article by id.
    fn article(&self, id: &str) -> Result<Option<StoredArticle>, StoreError>;

    /// Number of stored articles.
    fn count_articles(&self) -> Result<u64, StoreError>;

    /// A number that changes whenever articles are stored or stories
    /// consolidated (cheap: one indexed read), so that readers can cache
    /// anything computed from the store's contents.
    fn generation(&self) -> Result<u64, StoreError>;

    /// The stories that match `query`, latest publication first (stories
    /// without dates last, then newest key first).
    fn story_rows(&self, query: &StoryQuery) -> Result<Vec<StoryRow>, StoreError>;

    /// The member articles of one story, in ingest order (empty when there
    /// is no such story).
    fn story_members(&self, story: i64) -> Result<Vec<StoredArticle>, StoreError>;

    /// Verifies the store's integrity without changing it: the database
    /// file itself, no orphan or duplicate rows, every story's membership
    /// and every copy family consistent, the LSH and term indexes and the
    /// full-text index consistent with the stored articles (recomputed from
    /// their texts). `corroborate check` prints it.
    fn check(&self) -> Result<CheckReport, StoreError>;

    /// Revisits every article's story with the whole collection's term
    /// frequencies (see `corroborate_cluster::recluster`), in one
    /// transaction. `places`, when given, adds each article's place keys
    /// to the anchors that link stories across languages. Returns how many
    /// articles changed story.
    fn recluster(&mut self, places: Option<&PlaceAnchors<'_>>) -> Result<usize, StoreError>;

    /// Every source the watcher has polled, by URL.
    fn watch_sources(&self) -> Result<Vec<SourceState>, StoreError>;

    /// Records a source's state after a poll (inserted or replaced).
    fn save_watch_source(&mut self, source: &SourceState) -> Result<(), StoreError>;

    /// Records alerts for delivery, in one transaction, each unless one with
    /// the same key and sink is already recorded. Returns, per alert,
    /// whether it was new: an alert is recorded once, across restarts and
    /// processes.
    fn record_alerts(&mut self, alerts: &[AlertRecord]) -> Result<Vec<bool>, StoreError>;

    /// Records one alert ([`Store::record_alerts`] of one).
    fn record_alert(&mut self, alert: &AlertRecord) -> Result<bool, StoreError> {
        Ok(self
            .record_alerts(std::slice::from_ref(alert))?
            .first()
            .copied()
            .unwrap_or(false))
    }

    /// Alerts recorded but not delivered yet, oldest first.
    fn pending_alerts(&self) -> Result<Vec<AlertRecord>, StoreError>;

    /// Marks one delivery attempt: delivered (`error` is `None`) or failed.
    fn alert_attempted(
        &mut self,
        key: &str,
        sink: &str,
        error: Option<&str>,
    ) -> Result<(), StoreError>;

    /// Number of alerts delivered so far (`corroborate sources` shows it).
    fn alerts_delivered(&self) -> Result<u64, StoreError>;
}
