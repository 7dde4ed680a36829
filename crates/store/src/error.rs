use thiserror::Error;

/// Why a store operation failed.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum StoreError {
    /// The database reported an error.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// PostgreSQL (or the connection to it) reported an error.
    #[error("PostgreSQL error: {0}")]
    Postgres(#[from] postgres::Error),
    /// The database was written by a newer corroborate.
    #[error("the store has schema version {found}, newer than this corroborate understands ({supported}); upgrade corroborate")]
    TooNew {
        /// Version in the file.
        found: i64,
        /// Newest version this build knows.
        supported: i64,
    },
    /// A read was started on a PostgreSQL connection inside another read
    /// of the same store (a bug in the caller, never a state of the data).
    #[error("the store's connection is already in use by another read")]
    ConnectionInUse,
    /// A stored row does not hold what the schema promises.
    #[error("corrupt row in the store: {0}")]
    Corrupt(String),
}
