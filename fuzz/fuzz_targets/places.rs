#![no_main]
//! Place recognition against the real gazetteer (`make gazetteer` first):
//! name lookup and the understanding pass's places.
use std::sync::OnceLock;
#[path = "common.rs"]
mod common;
static GAZ: OnceLock<Option<corroborate_understand::Gazetteer>> = OnceLock::new();
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let gaz = GAZ.get_or_init(|| corroborate_understand::Gazetteer::open_default().ok());
    let a = common::article(data);
    if let Some(g) = gaz {
        let _ = g.lookup(&a.text);
    }
    let ann = corroborate_understand::annotate(&a, gaz.as_ref());
    let chars = a.text.chars().count();
    for p in &ann.places {
        assert!(p.span.start <= p.span.end && p.span.end <= chars);
    }
});
