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
/// Whether byte `at` of `text` opens a sentence or a clause: only spaces
/// after the start, a sentence mark, a colon, a quotation mark, a bracket
/// or a dash. A capital there says nothing about a name.
pub(crate) fn opens_clause(text: &str, at: usize) -> bool {
    text[..at]
        .trim_end()
        .chars()
        .next_back()
        .is_none_or(|c| ".!?:;\"'«„“‘(—–-\n".contains(c))
}

/// Whether most words of `text` are capitalised, as in a headline ("Storm
/// Hits Coast This Morning"): there capitals say nothing of names.
pub(crate) fn in_title_case(text: &str) -> bool {
    let (mut all, mut capitals) = (0, 0);
    for w in words(text) {
        all += 1;
        if w.text.starts_with(char::is_uppercase) {
            capitals += 1;
        }
    }
    capitals * 2 > all
}

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

/// A key under which one name spelled in Latin or Cyrillic letters, in the
/// conventions of the covered languages, usually matches itself: folded
/// (lower case, no accents), Cyrillic transliterated
/// (`lexicons/text/translit.tsv`), spellings of one sound made one letter
/// (`lexicons/text/name_key.tsv`), then its first letter and the next
/// two consonants, a doubled one once (case endings of Slavic languages
/// fall after them). `None` for words in other scripts, with
/// digits, or whose key would be under three letters.
///
/// Stories told in different languages share few words but many names:
/// these keys are what lets a translation find its original.
///
/// ```
/// use corroborate_text::name_key;
/// assert_eq!(name_key("Witkoff"), name_key("Віткофф"));
/// assert_eq!(name_key("Witkoff"), name_key("Уиткофф"));
/// assert_eq!(name_key("Umerov"), name_key("Умєров"));
/// assert_eq!(name_key("Zelenskyy"), name_key("Зеленський"));
/// assert_eq!(name_key("Zelensky"), name_key("Zełenski"));
/// assert_eq!(name_key("Putin"), name_key("Путіним"));
/// assert_ne!(name_key("Kherson"), name_key("Kharkiv"));
/// assert_eq!(name_key("of"), None);
/// ```
pub fn name_key(word: &str) -> Option<String> {
    let folded = fold_word(word);
    let mut latin = String::with_capacity(folded.len() * 2);
    for c in folded.chars() {
        if c.is_ascii_lowercase() {
            latin.push(c);
        } else if c.is_alphabetic() {
            let mut buf = [0u8; 4];
            let row = builtin::translit().get(c.encode_utf8(&mut buf))?;
            latin.push_str(row.first().map_or("", String::as_str));
        } else if c.is_numeric() {
            return None;
        }
    }
    for (from, to) in name_key_rules() {
        if latin.contains(from.as_str()) {
            latin = latin.replace(from.as_str(), to);
        }
    }
    const VOWELS: &[char] = &['a', 'e', 'i', 'o', 'u', 'y', 'j'];
    // Three letters: Slavic case endings ("Путіним", "Зеленським",
    // "Putinem") fall after them; a key alone is weak evidence, shared by
    // unrelated names now and then, and weighs as a rare term only.
    const KEY_LETTERS: usize = 3;
    let mut chars = latin.chars().peekable();
    let mut first = chars.next()?;
    // An initial "u" before a vowel is an English "w" in Cyrillic
    // ("Уиткофф", "Уильямс").
    if first == 'u' && chars.peek().is_some_and(|c| VOWELS.contains(c)) {
        first = 'v';
    }
    let mut key = String::from(first);
    for c in chars {
        if key.len() == KEY_LETTERS {
            break;
        }
        if !VOWELS.contains(&c) && !key.ends_with(c) {
            key.push(c);
        }
    }
    (key.len() >= 3).then_some(key)
}

/// The rewrites of `lexicons/text/name_key.tsv`, longest pattern first.
fn name_key_rules() -> &'static [(String, String)] {
    static RULES: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    RULES.get_or_init(|| {
        let lex = builtin::name_key_rules();
        lex.keys_longest_first()
            .into_iter()
            .map(|from| {
                let to = lex
                    .get(from)
                    .and_then(|row| row.first().cloned())
                    .unwrap_or_default();
                (from.to_owned(), to)
            })
            .collect()
    })
}

/// Whether a folded word is a function word in the stop-word lexicons.
pub fn is_stopword(folded: &str) -> bool {
    builtin::stopwords_en().contains(folded)
}

/// Whether a folded word is a function word of `lang`: in its stop-word
/// list (`lexicons/stopwords/LANG.txt`) or the English one, which applies
/// to every language (English words turn up in news of all languages).
///
/// ```
/// use corroborate_text::is_function_word;
/// assert!(is_function_word("los", "es") && !is_function_word("los", "en"));
/// assert!(is_function_word("the", "de"));
/// ```
pub fn is_function_word(folded: &str, lang: &str) -> bool {
    is_stopword(folded) || builtin::stopwords(lang).is_some_and(|l| l.contains(folded))
}

/// Letters a content word of `lang` keeps as its stem
/// (`lexicons/text/stems.tsv`), for languages that inflect heavily.
fn stem_length(lang: &str) -> Option<usize> {
    builtin::stems().get(lang)?.first()?.parse().ok()
}

/// The folded content words of a text in `lang`: [`content_words`] with
/// that language's function words removed too, so two Spanish articles
/// are not alike for sharing "de", "la" and "que"; in languages with many
/// case endings each word cut to a stem (`lexicons/text/stems.tsv`).
///
/// ```
/// use corroborate_text::content_words_in;
/// assert_eq!(content_words_in("Los bomberos de la ciudad", "es"), ["bomberos", "ciudad"]);
/// assert_eq!(content_words_in("у Запоріжжі", "uk"), content_words_in("Запоріжжю", "uk"));
/// ```
pub fn content_words_in(text: &str, lang: &str) -> Vec<String> {
    let stem = stem_length(lang);
    words(text)
        .filter_map(|w| content_word(w.text))
        .filter(|w| !is_function_word(w, lang))
        .map(|w| match stem {
            Some(n) => w.chars().take(n).collect(),
            None => w,
        })
        .collect()
}

/// The folded content words of a text: stop words, one-letter words and a
/// possessive `'s` removed. Numbers are kept (they tell stories apart).
///
/// ```
/// use corroborate_text::content_words;
/// assert_eq!(content_words("The mayor’s office said 40 homes"), ["mayor", "office", "40", "homes"]);
/// ```
pub fn content_words(text: &str) -> Vec<String> {
    words(text).filter_map(|w| content_word(w.text)).collect()
}

/// One word as [`content_words`] keeps it: folded, a possessive `'s`
/// removed; `None` for a stop word or a one-letter word.
pub fn content_word(word: &str) -> Option<String> {
    let mut f = fold_word(word);
    if f.ends_with("'s") {
        f.truncate(f.len() - 2);
    }
    (f.chars().count() > 1 && !is_stopword(&f)).then_some(f)
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
