#![no_main]
//! The whole understanding pass and event extraction on arbitrary text.
#[path = "common.rs"]
mod common;
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let a = common::article(data);
    let ann = corroborate_understand::annotate(&a, None);
    let _ = corroborate_extract::extract(&a, &ann);
    let _ = corroborate_understand::to_text(&ann);
});
