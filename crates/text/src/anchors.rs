//! Language-independent anchors of a text: what a story told in Ukrainian
//! and its English telling still share once words are set aside. Figures
//! are written the same in every covered language, and names folded
//! across scripts ([`crate::name_key`]: "Віткофф", "Уиткофф" and
//! "Witkoff" have one key) mostly are too. Story linking across languages
//! compares the *sets* of anchors; copy lineage compares their *order*
//! (a translation keeps the facts in the same order).

use crate::tokens::{name_key, words};
use std::ops::Range;

/// The anchors of a text in text order, repeats kept: figures of two or
/// more digits (`#1200`; digit groups split by a space, comma or dot read
/// as one figure) and the cross-script keys of capitalised words that do
/// not open a sentence (`@…`). In `lang` = German, a capitalised word right
/// after a determiner ("die Behörden") is a noun, not a name
/// (`lexicons/text/determiners.tsv`).
///
/// ```
/// use corroborate_text::cross_anchor_sequence;
/// let en = cross_anchor_sequence("Mayor Olena Kovalenko met Taras Bondar in Lisbon on 1,200 pages.", "en");
/// let uk = cross_anchor_sequence("Мер Олена Коваленко зустрілася з Тарасом Бондарем у Лісабоні: 1 200 сторінок.", "uk");
/// assert_eq!(en.last().map(String::as_str), Some("#1200"));
/// assert_eq!(en, uk);
/// ```
pub fn cross_anchor_sequence(text: &str, lang: &str) -> Vec<String> {
    cross_anchor_spans(text, lang)
        .into_iter()
        .map(|(key, _)| key)
        .collect()
}

/// [`cross_anchor_sequence`] with where each anchor is written: the byte
/// range of its word or figure in `text`, so an explanation can show
/// "Запоріжжя" and "Zaporizhzhia" side by side.
///
/// ```
/// use corroborate_text::cross_anchor_spans;
/// let text = "Mayor Olena Kovalenko counted 1,200 pages.";
/// let spans = cross_anchor_spans(text, "en");
/// assert_eq!(&text[spans[2].1.clone()], "1,200");
/// ```
pub fn cross_anchor_spans(text: &str, lang: &str) -> Vec<(String, Range<usize>)> {
    let determiners = crate::lexicon::builtin::determiners();
    let covered = crate::lexicon_lang(lang);
    let mut after_determiner = false;
    let mut out: Vec<(String, Range<usize>)> = Vec::new();
    let mut sentence_start = true;
    // The digits of the figure being read, and where it started and ends.
    let mut digits = String::new();
    let mut figure = 0..0;
    let mut last_end = 0usize;
    let flush = |digits: &str, at: &Range<usize>, out: &mut Vec<(String, Range<usize>)>| {
        let value = digits.trim_start_matches('0');
        if digits.len() >= 2 && !value.is_empty() {
            out.push((format!("#{value}"), at.clone()));
        }
    };
    for w in words(text) {
        let between = &text[last_end.min(w.start)..w.start];
        last_end = w.start + w.text.len();
        // Digit groups split by a space, comma or dot form one figure.
        let joins = !digits.is_empty()
            && between.chars().count() == 1
            && matches!(between, " " | "," | "." | "\u{a0}" | "\u{202f}")
            && w.text.len() == 3
            && w.text.bytes().all(|b| b.is_ascii_digit());
        if !joins {
            flush(&digits, &figure, &mut out);
            digits.clear();
        }
        if between.contains(['.', '!', '?', '\n', ':', '—']) {
            sentence_start = true;
        }
        let first = w.text.chars().next();
        if w.text.bytes().all(|b| b.is_ascii_digit()) {
            if digits.is_empty() {
                figure.start = w.start;
            }
            digits.push_str(w.text);
            figure.end = last_end;
        } else if first.is_some_and(char::is_uppercase)
            && !sentence_start
            && !after_determiner
            && w.text.chars().count() >= 3
        {
            if let Some(k) = name_key(w.text) {
                out.push((format!("@{k}"), w.start..last_end));
            }
        }
        after_determiner = determiners
            .get_in(&crate::fold_word(w.text), covered, 0)
            .is_some();
        sentence_start = false;
    }
    flush(&digits, &figure, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_split_by_thin_spaces_are_one_figure() {
        let a = cross_anchor_sequence("Some 12 500 people and 1.200 cars, in 2025.", "en");
        assert_eq!(a, ["#12500", "#1200", "#2025"]);
    }

    #[test]
    fn german_nouns_after_a_determiner_are_not_names() {
        let a = cross_anchor_sequence("Laut Olena Kovalenko sind die Behörden im Einsatz.", "de");
        assert_eq!(a.len(), 2, "{a:?}");
    }

    #[test]
    fn sentence_initial_words_are_not_names() {
        let a = cross_anchor_sequence("Rain fell. Later Olena Kovalenko spoke.", "en");
        let key = |w: &str| format!("@{}", name_key(w).unwrap_or_default());
        assert_eq!(a, [key("Olena"), key("Kovalenko")]);
    }
}
