#![no_main]
//! Dates and times resolved against a publication date.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let published = chrono::NaiveDate::from_ymd_opt(2025, 12, 4);
    for lang in ["en", "uk", "fr"] {
        for t in corroborate_text::find_times(&text, published, lang) {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end) && t.start <= t.end);
        }
    }
    let _ = corroborate_text::find_dates(&text);
    let _ = corroborate_text::published_from_text(&text);
});
