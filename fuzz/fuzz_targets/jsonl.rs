#![no_main]
//! JSON Lines records.
#[path = "common.rs"]
mod common;
libfuzzer_sys::fuzz_target!(|data: &[u8]| common::read(data, "jsonl"));
