//! The watcher's errors.

use corroborate_ingest::IngestError;
use corroborate_store::StoreError;

/// What can go wrong while watching. Only [`WatchError::Store`] ends a
/// watch; the others concern one source, page or alert and are reported.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    /// The store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A request failed.
    #[error(transparent)]
    Fetch(#[from] crate::http::FetchError),
    /// `robots.txt` disallows the URL.
    #[error("disallowed by robots.txt: {0}")]
    Robots(String),
    /// A response that is not what was expected (not a feed or sitemap…).
    #[error("{0}")]
    Format(String),
    /// A feed or page that could not be read.
    #[error(transparent)]
    Ingest(#[from] IngestError),
    /// A SOURCES argument that cannot be used.
    #[error("{argument}: {reason}")]
    Source {
        /// The argument.
        argument: String,
        /// Why.
        reason: String,
    },
    /// An `--alert` value that cannot be used.
    #[error("alert: {0}")]
    Alert(String),
}
