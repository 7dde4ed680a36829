#![no_main]
//! Gzip-compressed WARC: the input is compressed first, so the fuzzer
//! explores WARC structure inside gzip; the raw bytes are also read as a
//! .gz (corrupt and truncated streams).
#[path = "common.rs"]
mod common;
use std::io::Write;
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let _ = e.write_all(data);
    if let Ok(gz) = e.finish() {
        common::read(&gz, "gz");
    }
    common::read(data, "gz");
});
