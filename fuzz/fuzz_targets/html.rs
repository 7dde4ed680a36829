#![no_main]
//! HTML main-content extraction and metadata, through the ingest path.
#[path = "common.rs"]
mod common;
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(html) = std::str::from_utf8(data) {
        let _ = corroborate_ingest::extract_html(html);
    }
    common::read(data, "html");
});
