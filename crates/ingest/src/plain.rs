//! Plain text: the first line may be a headline or a photo caption.

/// A headline is one short line without a closing full stop.
const MAX_HEADLINE_CHARS: usize = 160;

/// The headline of a plain-text article: its first line when that line reads
/// like one (short, no sentence-final full stop, not a photo caption).
pub(crate) fn headline(text: &str) -> Option<String> {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next()?;
    lines.next()?; // a one-line text has no separate headline
    let looks_like_headline = first.chars().count() <= MAX_HEADLINE_CHARS
        && !first.ends_with('.')
        && !first.ends_with(')')
        && first.split_whitespace().count() >= 3;
    looks_like_headline.then(|| first.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_short_line_is_a_headline() {
        assert_eq!(
            headline("Metro line closes for works\nLYON — The line closes.").as_deref(),
            Some("Metro line closes for works")
        );
    }

    #[test]
    fn captions_and_sentences_are_not_headlines() {
        assert_eq!(
            headline("Leaders meet in Rome, Monday. (AP Photo/X)\nBody."),
            None
        );
        assert_eq!(headline("The council met on Tuesday.\nMore."), None);
        assert_eq!(headline("Only one line"), None);
    }
}
