#![no_main]
//! Numbers as intervals, in every language with a lexicon.
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for lang in ["en", "uk", "ru", "es", "de"] {
        for n in corroborate_text::find_numbers(&text, lang) {
            assert!(text.is_char_boundary(n.start) && text.is_char_boundary(n.end) && n.start <= n.end);
        }
    }
});
