use crate::lexicon::builtin;
use unicode_normalization::UnicodeNormalization;

/// A word of the text with its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word<'a> {
    /// The word as written.
    pub text: &'a str,
    /// Byte offset of its first character.
    pub start: usize,
    /// Byte offset one past its last character.
    pub end: usize,
}

/// Splits text into words: maximal runs of letters, digits and marks, with an
/// apostrophe or hyphen kept inside a word ("son-in-law", "Kyiv’s" → one word).
///
/// ```
/// use corroborate_text::words;
/// let w: Vec<&str> = words("Kyiv’s son-in-law, 40,000 people").map(|w| w.text).collect();
/// assert_eq!(w, ["Kyiv’s", "son-in-law", "40", "000", "people"]);
/// ```
pub fn words(text: &str) -> impl Iterator<Item = Word<'_>> {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        // Skip to the first word character.
        let start = loop {
            let (i, c) = chars.next()?;
            if is_word_char(c) {
                break i;
            }
        };
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if is_word_char(c) {
                chars.next();
                continue;
            }
            if is_joiner(c) {
                // Keep the joiner only when a word character follows it.
                let mut ahead = text[i + c.len_utf8()..].chars();
                if ahead.next().is_some_and(|n| n.is_alphabetic())
                    && text[..i]
                        .chars()
                        .next_back()
                        .is_some_and(|p| p.is_alphabetic())
                {
                    chars.next();
                    continue;
                }
            }
            end = i;
            break;
        }
        Some(Word {
            text: &text[start..end],
            start,
            end,
        })
    })
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\u{0300}'..='\u{036F}')
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '-' | '‐')
}

/// Byte offset of every character of `text`, plus `text.len()` at the end:
/// turns the character spans of reports into byte ranges for slicing.
///
/// ```
/// assert_eq!(corroborate_text::char_byte_offsets("aé b"), [0, 1, 3, 4, 5]);
/// ```
pub fn char_byte_offsets(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect()
}

/// Folds a word for comparison: lower case, accents removed, apostrophes unified.
///
/// ```
/// use corroborate_text::fold_word;
/// assert_eq!(fold_word("Kyiv’s"), "kyiv's");
/// assert_eq!(fold_word("Zürich"), "zurich");
/// ```
pub fn fold_word(w: &str) -> String {
    if w.is_ascii() {
        return w.to_ascii_lowercase();
    }
    w.nfd()
        .filter(|c| !matches!(c, '\u{0300}'..='\u{036F}'))
        .map(|c| if matches!(c, '’' | 'ʼ') { '\'' } else { c })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether a folded word is a function word in the stop-word lexicons.
pub fn is_stopword(folded: &str) -> bool {
    builtin::stopwords_en().contains(folded)
}

/// The folded content words of a text: stop words, one-letter words and a
/// possessive `'s` removed. Numbers are kept (they tell stories apart).
///
/// ```
/// use corroborate_text::content_words;
/// assert_eq!(content_words("The mayor’s office said 40 homes"), ["mayor", "office", "40", "homes"]);
/// ```
pub fn content_words(text: &str) -> Vec<String> {
    words(text)
        .filter_map(|w| {
            let mut f = fold_word(w.text);
            if f.ends_with("'s") {
                f.truncate(f.len() - 2);
            }
            (f.chars().count() > 1 && !is_stopword(&f)).then_some(f)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_carry_byte_offsets() {
        let text = "Петренко — Novak";
        let w: Vec<Word> = words(text).collect();
        assert_eq!(w.len(), 2);
        assert_eq!(&text[w[0].start..w[0].end], "Петренко");
        assert_eq!(&text[w[1].start..w[1].end], "Novak");
    }

    #[test]
    fn trailing_joiners_are_not_part_of_words() {
        let w: Vec<&str> = words("rock-'n' roll - 'quoted'").map(|w| w.text).collect();
        assert_eq!(w, ["rock", "n", "roll", "quoted"]);
    }

    #[test]
    fn stop_words_are_dropped() {
        assert!(content_words("and the of which").is_empty());
    }
}
