use thiserror::Error;

/// Why an input, or one item of it, could not be read. Each renders as one
/// line that names the reason; the caller adds the file name.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum IngestError {
    /// The file could not be opened or read.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// The input has no bytes.
    #[error("empty input")]
    Empty,
    /// The input is binary data, not text or markup.
    #[error("binary data, not text, HTML, a feed or a WARC file")]
    Binary,
    /// The input is larger than the configured limit.
    #[error(
        "input is {size} bytes, over the {limit}-byte limit (raise it with --max-input-bytes)"
    )]
    TooLarge {
        /// Size of the input in bytes (or a lower bound).
        size: u64,
        /// The limit in force.
        limit: u64,
    },
    /// A WARC record is larger than the configured limit (it is skipped;
    /// the records after it are read).
    #[error("WARC record is {size} bytes, over the {limit}-byte limit (raise it with --max-record-bytes)")]
    RecordTooLarge {
        /// Declared length of the record.
        size: u64,
        /// The limit in force.
        limit: u64,
    },
    /// HTML nested too deep to parse in reasonable time.
    #[error("HTML elements nest deeper than {limit} levels (raise it with --max-html-depth)")]
    TooDeep {
        /// The limit in force.
        limit: usize,
    },
    /// A compressed stream expands past the configured limit.
    #[error("decompresses to more than {limit} bytes (raise it with --max-decompressed-bytes)")]
    DecompressionBomb {
        /// The limit in force.
        limit: u64,
    },
    /// A compressed stream ends before its end.
    #[error("truncated or corrupt gzip stream: {0}")]
    Gzip(String),
    /// Nothing readable was left after extraction.
    #[error("no article text found")]
    NoText,
    /// An RSS or Atom feed that does not parse.
    #[error("malformed feed: {0}")]
    Feed(String),
    /// A WARC file that does not follow the format.
    #[error("malformed WARC: {0}")]
    Warc(String),
    /// A JSON Lines record that is not a valid article.
    #[error("line {line}: {message}")]
    JsonLine {
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
    /// The HTML extractor gave up on the page.
    #[error("HTML extraction failed: {0}")]
    Html(String),
    /// Bytes that were invalid in the page's encoding were replaced (a warning).
    #[error("invalid {encoding} byte sequences were replaced with U+FFFD")]
    InvalidBytes {
        /// The encoding the bytes were read with.
        encoding: &'static str,
    },
    /// A directory tree that loops back on itself through a link.
    #[error("symbolic link loop")]
    LinkLoop,
}
