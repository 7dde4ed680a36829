//! Persistence for corroborate.
//!
//! [`Store`] is what the pipeline and the report need from a database; the
//! embedded SQLite backend ([`SqliteStore`], WAL mode, schema migrations) is
//! the default. Each article is ingested in one transaction that looks up its
//! candidates, decides its story with [`corroborate_cluster::assign`] and
//! writes it with its index rows: an interrupted ingest leaves no half
//! article, and two processes ingesting at once cannot both store it.

mod error;
mod sqlite;

pub use error::StoreError;
pub use sqlite::SqliteStore;

mod check;

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

/// What a store must do for the pipeline, the CLI and the report.
pub trait Store {
    /// Stores one article atomically, attached to its story and copy family.
    /// Idempotent: the same id or the same content again changes nothing.
    fn ingest(&mut self, article: &Article, sketch: &Sketch) -> Result<Outcome, StoreError>;

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
    /// transaction. Returns how many articles changed story.
    fn recluster(&mut self) -> Result<usize, StoreError>;
}
