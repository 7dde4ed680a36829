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

use corroborate_cluster::Sketch;
use corroborate_model::{Article, ArticleId, StoredArticle};

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

/// What a store must do for the pipeline, the CLI and the report.
pub trait Store {
    /// Stores one article atomically, attached to its story and copy family.
    /// Idempotent: the same id or the same content again changes nothing.
    fn ingest(&mut self, article: &Article, sketch: &Sketch) -> Result<Outcome, StoreError>;

    /// Every stored article, in ingest order.
    fn articles(&self) -> Result<Vec<StoredArticle>, StoreError>;

    /// One article by id.
    fn article(&self, id: &str) -> Result<Option<StoredArticle>, StoreError>;

    /// Number of stored articles.
    fn count_articles(&self) -> Result<u64, StoreError>;

    /// Revisits every article's story with the whole collection's term
    /// frequencies (see `corroborate_cluster::recluster`), in one
    /// transaction. Returns how many articles changed story.
    fn recluster(&mut self) -> Result<usize, StoreError>;
}
