//! Shared by the fuzz targets: read bytes as an input of a given kind, the
//! way `corroborate ingest` reads a file, and make an article of text.

use corroborate_ingest::{read_bytes, IngestOptions, Item};
use corroborate_model::{Article, ArticleId, InputKind};

/// Limits small enough that the fuzzer explores structure, not size.
#[allow(dead_code)] // not every target reads inputs
pub fn options() -> IngestOptions {
    IngestOptions {
        max_input_bytes: 1 << 20,
        max_decompressed_bytes: 4 << 20,
        max_record_bytes: 1 << 20,
        ..IngestOptions::default()
    }
}

/// Reads `data` as an input with the extension hint `ext`; every article
/// must have an id.
#[allow(dead_code)] // not every target reads inputs
pub fn read(data: &[u8], ext: &str) {
    read_bytes("fuzz", Some(ext), data.to_vec(), &options(), &mut |item| {
        if let Item::Article(a) = item {
            assert!(!a.id.0.is_empty());
        }
    });
}

/// An English article of `text` (lossy UTF-8).
#[allow(dead_code)] // not every target makes articles
pub fn article(data: &[u8]) -> Article {
    Article {
        id: ArticleId("fuzz".into()),
        url: None,
        outlet: None,
        title: None,
        published: None,
        language: Some("en".into()),
        text: String::from_utf8_lossy(data).into_owned(),
        input: InputKind::Text,
        source: String::new(),
    }
}
