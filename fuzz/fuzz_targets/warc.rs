#![no_main]
//! Plain WARC files.
#[path = "common.rs"]
mod common;
libfuzzer_sys::fuzz_target!(|data: &[u8]| common::read(data, "warc"));
