#![no_main]
//! RSS and Atom feeds.
#[path = "common.rs"]
mod common;
libfuzzer_sys::fuzz_target!(|data: &[u8]| common::read(data, "xml"));
