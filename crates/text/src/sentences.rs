use crate::lexicon::builtin;
use crate::pubdate::is_caption;
use corroborate_model::SentenceKind;

/// A sentence found by [`split_sentences`], with byte offsets into the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentenceSpan {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset one past the last character.
    pub end: usize,
    /// Paragraph (non-empty line) it belongs to, from 0.
    pub paragraph: usize,
    /// Headline, caption or running text.
    pub kind: SentenceKind,
}

/// Longest line still taken for a headline when it has no final stop.
const HEADLINE_MAX_CHARS: usize = 200;

/// Splits an article into paragraphs (non-empty lines) and those into
/// sentences.
///
/// A sentence ends at `.`, `!`, `?` or `…` (closing quotes and brackets
/// included) followed by a space and an upper-case letter, digit or opening
/// quote — unless the word before the stop is an abbreviation from
/// `lexicons/text/abbreviations.tsv` ("Gen.", "Dec.", "U.S.") or a single
/// initial ("J. Smith"). A quoted sentence followed by its attribution
/// (`“…,” he said.`) stays one sentence because the attribution starts
/// lower-case. The first line is a headline when it is short and has no final
/// stop; a line with a photo-credit cue is a caption, kept whole.
///
/// ```
/// use corroborate_text::split_sentences;
/// use corroborate_model::SentenceKind;
/// let text = "Storm hits coast\nGen. Ruiz said 40 homes burned. Rain fell in St. Paul on Monday.";
/// let s = split_sentences(text);
/// assert_eq!(s.len(), 3);
/// assert_eq!(s[0].kind, SentenceKind::Headline);
/// assert_eq!(&text[s[1].start..s[1].end], "Gen. Ruiz said 40 homes burned.");
/// ```
pub fn split_sentences(text: &str) -> Vec<SentenceSpan> {
    let mut out = Vec::new();
    let mut paragraph = 0;
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let line_start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let lead = line.len() - line.trim_start().len();
        let body = line.trim();
        if body.is_empty() {
            continue;
        }
        let start = line_start + lead;
        let end = start + body.len();
        if is_caption(body) {
            out.push(SentenceSpan {
                start,
                end,
                paragraph,
                kind: SentenceKind::Caption,
            });
        } else if out.is_empty() && is_headline(body) {
            out.push(SentenceSpan {
                start,
                end,
                paragraph,
                kind: SentenceKind::Headline,
            });
        } else {
            for (s, e) in split_paragraph(body) {
                out.push(SentenceSpan {
                    start: start + s,
                    end: start + e,
                    paragraph,
                    kind: SentenceKind::Body,
                });
            }
        }
        paragraph += 1;
    }
    out
}

/// Whether a line reads as a headline: short, and not closed by a full
/// stop, a question or a colon ("Woman Killed In Hit-And-Run, Driver
/// Charged").
///
/// ```
/// use corroborate_text::is_headline;
/// assert!(is_headline("Cyclist killed by hit-and-run driver in Salford"));
/// assert!(!is_headline("A cyclist was killed in Salford on Sunday."));
/// ```
pub fn is_headline(line: &str) -> bool {
    let line = line.trim_end();
    let last = line.chars().next_back().unwrap_or('.');
    line.chars().count() <= HEADLINE_MAX_CHARS && !matches!(last, '.' | '!' | '?' | '…' | ':')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '“')
}

fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '«' | '(' | '[' | '„' | '—' | '-'
    )
}

/// Byte ranges of the sentences of one paragraph (relative to it).
fn split_paragraph(p: &str) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = p.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let (_, c) = chars[i];
        if !matches!(c, '.' | '!' | '?' | '…') {
            i += 1;
            continue;
        }
        // Run of terminal punctuation and closers.
        let mut j = i + 1;
        while j < chars.len()
            && (matches!(chars[j].1, '.' | '!' | '?' | '…') || is_closer(chars[j].1))
        {
            j += 1;
        }
        // Must be followed by whitespace, then a sentence opener.
        let mut k = j;
        while k < chars.len() && chars[k].1.is_whitespace() {
            k += 1;
        }
        if k == j || k >= chars.len() {
            i = j;
            continue;
        }
        let next = chars[k].1;
        let opens = next.is_uppercase() || next.is_ascii_digit() || is_opener(next);
        if opens
            && !(c == '.'
                && (is_abbreviation_before(p, chars[i].0)
                    || is_day_before_month(p, chars[i].0, chars[k].0)))
        {
            let end = chars.get(j).map_or(p.len(), |x| x.0);
            out.push((start, end));
            start = chars[k].0;
        }
        i = j;
    }
    if start < p.len() {
        out.push((start, p.trim_end().len().max(start)));
    }
    out
}

/// Whether the period at byte `dot` closes the day of a date written
/// day-first with an ordinal dot ("am 30. September", "30. rujna"): one or
/// two digits before it, a month name (`lexicons/months.tsv`) at `next`.
fn is_day_before_month(p: &str, dot: usize, next: usize) -> bool {
    let digits = p[..dot]
        .chars()
        .rev()
        .take_while(char::is_ascii_digit)
        .count();
    let boundary = p[..dot - digits]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    let word: String = p[next..]
        .chars()
        .take_while(|c| c.is_alphabetic())
        .collect::<String>()
        .to_lowercase();
    (1..=2).contains(&digits) && boundary && builtin::months().contains(&word)
}

/// Whether the word right before the period at byte `dot` is an abbreviation
/// or an initial, so the period does not end the sentence.
fn is_abbreviation_before(p: &str, dot: usize) -> bool {
    let before = &p[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '«'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    let mut letters = word.chars();
    if let (Some(first), None) = (letters.next(), letters.next()) {
        // A single upper-case letter: an initial ("J. Smith").
        return first.is_uppercase();
    }
    builtin::abbreviations().contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        split_sentences(text)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn quotes_with_attribution_stay_one_sentence() {
        let t = "Intro line here.\n“We are ready. We will go,” the mayor said. Then it rained.";
        assert_eq!(
            texts(t),
            [
                "Intro line here.",
                "“We are ready.",
                "We will go,” the mayor said.",
                "Then it rained."
            ]
        );
    }

    #[test]
    fn an_ordinal_day_before_a_month_does_not_end_a_sentence() {
        assert_eq!(
            texts("Sie kam am 30. Mai 2005 an. Dann ging sie."),
            ["Sie kam am 30. Mai 2005 an.", "Dann ging sie."]
        );
        assert_eq!(
            texts("Es waren 30. Dann gingen sie."),
            ["Es waren 30.", "Dann gingen sie."]
        );
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        let t = "x.\nThe U.S. envoy met Lt. Col. J. Novak on Dec. 3 in the city. He left.";
        let s = texts(t);
        assert_eq!(
            s[1],
            "The U.S. envoy met Lt. Col. J. Novak on Dec. 3 in the city."
        );
        assert_eq!(s[2], "He left.");
    }

    #[test]
    fn captions_and_headlines_are_kept_apart() {
        let t = "Floods close the valley road\nFILE - Water covers a street, Monday, May 5, 2025. (AP Photo/Jo Doe)\nThe road closed. Crews worked.";
        let s = split_sentences(t);
        let kinds: Vec<SentenceKind> = s.iter().map(|x| x.kind).collect();
        assert_eq!(
            kinds,
            [
                SentenceKind::Headline,
                SentenceKind::Caption,
                SentenceKind::Body,
                SentenceKind::Body
            ]
        );
        assert_eq!(s[3].paragraph, 2);
    }

    #[test]
    fn a_first_line_ending_in_a_stop_is_not_a_headline() {
        let s = split_sentences("It rained. Rivers rose.");
        assert!(s.iter().all(|x| x.kind == SentenceKind::Body));
        assert_eq!(s.len(), 2);
    }
}
