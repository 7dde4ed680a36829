use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` of character offsets (Unicode scalar
/// values, not bytes) into an article's extracted text.
///
/// Every value in a report points back to the text through a span, so that a
/// reader can check it against the sentence that states it. Spans serialise as
/// a two-element array, as `SPEC.md` requires: `[3812, 3898]`.
///
/// ```
/// use corroborate_model::Span;
/// let text = "Kyiv’s mayor";
/// let span = Span::new(0, 6);
/// assert_eq!(span.slice(text), Some("Kyiv’s"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(from = "[usize; 2]", into = "[usize; 2]")]
pub struct Span {
    /// First character of the range.
    pub start: usize,
    /// One past the last character of the range.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`; the two are swapped if given backwards.
    pub fn new(start: usize, end: usize) -> Self {
        if start <= end {
            Span { start, end }
        } else {
            Span {
                start: end,
                end: start,
            }
        }
    }

    /// Number of characters covered.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no character.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The covered text, or `None` when the span runs past the text's end.
    pub fn slice<'a>(&self, text: &'a str) -> Option<&'a str> {
        let mut indices = text
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()));
        let start = indices.nth(self.start)?;
        let end = if self.is_empty() {
            start
        } else {
            indices.nth(self.len() - 1)?
        };
        text.get(start..end)
    }

    /// Converts a byte range of `text` into a character span.
    ///
    /// Returns `None` when either bound is not on a character boundary.
    pub fn from_byte_range(text: &str, start: usize, end: usize) -> Option<Self> {
        if !text.is_char_boundary(start) || !text.is_char_boundary(end) || start > end {
            return None;
        }
        let s = text[..start].chars().count();
        let e = s + text[start..end].chars().count();
        Some(Span::new(s, e))
    }
}

impl From<[usize; 2]> for Span {
    fn from(v: [usize; 2]) -> Self {
        Span::new(v[0], v[1])
    }
}

impl From<Span> for [usize; 2] {
    fn from(s: Span) -> Self {
        [s.start, s.end]
    }
}

impl JsonSchema for Span {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Span".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Half-open [start, end) character offsets into the article's extracted text.",
            "type": "array",
            "items": {"type": "integer", "minimum": 0},
            "minItems": 2,
            "maxItems": 2
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_counts_characters_not_bytes() {
        let text = "Putin’s comments";
        assert_eq!(Span::new(6, 7).slice(text), Some("s"));
        assert_eq!(Span::new(0, 16).slice(text), Some(text));
        assert_eq!(Span::new(0, 17).slice(text), None);
        assert_eq!(Span::new(16, 16).slice(text), Some(""));
    }

    #[test]
    fn byte_range_round_trips() {
        let text = "Петренко met Novak";
        let b = text.find("met").unwrap();
        let span = Span::from_byte_range(text, b, b + 3).unwrap();
        assert_eq!(span, Span::new(9, 12));
        assert_eq!(span.slice(text), Some("met"));
        assert!(Span::from_byte_range(text, 1, 2).is_none());
    }

    #[test]
    fn serialises_as_pair() {
        assert_eq!(serde_json::to_string(&Span::new(4, 9)).unwrap(), "[4,9]");
        let back: Span = serde_json::from_str("[9,4]").unwrap();
        assert_eq!(back, Span::new(4, 9));
    }
}
