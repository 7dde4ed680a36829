//! Sources for corroborate: every input of `SPEC.md` §2 turned into
//! [`Article`]s.
//!
//! An input is a file, a directory (read recursively) or standard input. Its
//! kind is sniffed from its bytes — the extension is only a hint, because
//! extensions lie — and its bytes are decoded with the declared or detected
//! encoding. One input may hold many articles (a feed, a JSON Lines file, a
//! WARC crawl); they are handed one at a time to a sink, so a crawl is never
//! held in memory whole.
//!
//! ```no_run
//! use corroborate_ingest::{read_input, Input, IngestOptions, Item};
//! let mut stored = 0;
//! read_input(&Input::Path("examples".into()), &IngestOptions::default(), &mut |item| {
//!     if let Item::Article(_) = item { stored += 1 }
//! });
//! ```

mod decode;
mod error;
pub mod feed;
mod html;
mod jsonl;
mod plain;
mod sniff;
mod sources;
mod warc;

pub use error::IngestError;
pub use html::{
    announced_feeds, extract_html, extract_html_within, nesting_depth, HtmlDocument,
    DEFAULT_MAX_HTML_DEPTH,
};
pub use sniff::{sniff, Sniffed};
pub use sources::{
    expand_inputs, extract_page, finish_article, read_bytes, read_input, Draft, IngestOptions,
    Input, Item, Problem,
};
