//! Word-delimited regular grammars that stay on the regex crate's fast path.
//!
//! A Unicode `\b` makes the lazy DFA give up on any non-ASCII byte (a curly
//! apostrophe is enough), and the search falls back to a backtracker many
//! times slower. The grammars therefore spell word edges as characters —
//! [`START`] and [`END`] — wrap the words they want in a group named `all`,
//! and [`captures`] restarts each search on the delimiter the previous match
//! consumed, so two expressions one space apart are both found.

use regex::{Captures, Regex};

/// Start of a word: the text's start or a character that is no word character.
pub(crate) const START: &str = r"(?:^|[^\p{L}\p{N}_])";
/// End of a word: the text's end or a character that is no word character.
pub(crate) const END: &str = r"(?:$|[^\p{L}\p{N}_])";

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every match of `re` in `text`, a trailing delimiter shared with the next
/// match allowed. Callers read positions from the group `all`.
pub(crate) fn captures<'t>(re: &Regex, text: &'t str) -> Vec<Captures<'t>> {
    let mut out = Vec::new();
    let mut at = 0;
    while at <= text.len() {
        let Some(c) = re.captures_at(text, at) else {
            break;
        };
        let Some(m) = c.get(0) else { break };
        let mut next = m.end();
        if let Some(last) = text[..next].chars().next_back() {
            if !is_word(last) && next - last.len_utf8() > m.start() {
                next -= last.len_utf8();
            }
        }
        if next <= at {
            next = at + text[at..].chars().next().map_or(1, char::len_utf8);
        }
        at = next;
        out.push(c);
    }
    out
}

/// The `all` group of a match (the whole match when there is none).
pub(crate) fn core<'t>(c: &Captures<'t>) -> regex::Match<'t> {
    c.name("all")
        .or_else(|| c.get(0))
        .expect("a match has a group 0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adjacent_words_are_all_found() {
        let re = Regex::new(&format!(r"(?i){START}(?P<all>may|june){END}")).unwrap();
        let found: Vec<&str> = captures(&re, "May June’s may-june")
            .iter()
            .map(|c| core(c).as_str())
            .collect();
        assert_eq!(found, ["May", "June", "may", "june"]);
        assert!(captures(&re, "mayor").is_empty());
    }
}
