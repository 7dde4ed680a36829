/// What an input's bytes look like, whatever its name says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sniffed {
    /// gzip-compressed bytes (a `.warc.gz`, or a compressed page).
    Gzip,
    /// A WARC file.
    Warc,
    /// An RSS or RDF feed.
    Rss,
    /// An Atom feed.
    Atom,
    /// An HTML page.
    Html,
    /// JSON Lines (one JSON object per line).
    Jsonl,
    /// Plain text.
    Text,
    /// Binary data that is none of the above.
    Binary,
}

/// How many leading bytes the sniffer reads.
const SNIFF_LEN: usize = 4096;

/// Decides what kind of input `bytes` is from its content; `extension` (lower
/// case, without the dot) only breaks ties between text-like kinds.
///
/// ```
/// use corroborate_ingest::{sniff, Sniffed};
/// assert_eq!(sniff(b"<!DOCTYPE html><p>Hi</p>", Some("txt")), Sniffed::Html);
/// assert_eq!(sniff(b"WARC/1.0\r\n", None), Sniffed::Warc);
/// assert_eq!(sniff(b"Four people were killed.", Some("html")), Sniffed::Text);
/// ```
pub fn sniff(bytes: &[u8], extension: Option<&str>) -> Sniffed {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return Sniffed::Gzip;
    }
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    let utf16 = head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]);
    if !utf16 && looks_binary(head) {
        return Sniffed::Binary;
    }
    let text = if utf16 {
        decode_utf16_head(head)
    } else {
        String::from_utf8_lossy(head).into_owned()
    };
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with("WARC/") {
        return Sniffed::Warc;
    }
    let lower = trimmed
        .chars()
        .take(SNIFF_LEN)
        .collect::<String>()
        .to_lowercase();
    if lower.starts_with('<') {
        // Skip the XML declaration, comments and doctype to the root element.
        if lower.contains("<rss") || lower.contains("<rdf:rdf") {
            return Sniffed::Rss;
        }
        if lower.contains("<feed") && (lower.contains("2005/atom") || !lower.contains("<html")) {
            return Sniffed::Atom;
        }
        return Sniffed::Html;
    }
    if trimmed.starts_with('{') && first_line_is_json_object(trimmed) {
        return Sniffed::Jsonl;
    }
    if has_html_markup(&lower)
        && !matches!(extension, Some("txt") if !lower.contains("<html") && !lower.contains("<body"))
    {
        return Sniffed::Html;
    }
    if matches!(extension, Some("html" | "htm" | "xhtml")) && has_html_markup(&lower) {
        return Sniffed::Html;
    }
    Sniffed::Text
}

/// Binary data: NUL bytes, or many control characters.
fn looks_binary(head: &[u8]) -> bool {
    if head.contains(&0) {
        return true;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    control * 20 > head.len().max(1)
}

fn decode_utf16_head(head: &[u8]) -> String {
    let (enc, _) = encoding_rs::Encoding::for_bom(head).unwrap_or((encoding_rs::UTF_16LE, 2));
    enc.decode(head).0.into_owned()
}

fn first_line_is_json_object(text: &str) -> bool {
    let line = text.lines().next().unwrap_or("").trim();
    line.ends_with('}') || text.len() >= SNIFF_LEN
}

fn has_html_markup(lower: &str) -> bool {
    [
        "<html",
        "<body",
        "<head",
        "<p>",
        "<p ",
        "<div",
        "<article",
        "<br",
        "<!doctype html",
    ]
    .iter()
    .any(|t| lower.contains(t))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_do_not_decide() {
        assert_eq!(
            sniff(b"<html><body><p>x</p></body></html>", Some("txt")),
            Sniffed::Html
        );
        assert_eq!(
            sniff(
                b"<?xml version=\"1.0\"?><rss version=\"2.0\">",
                Some("html")
            ),
            Sniffed::Rss
        );
        assert_eq!(
            sniff(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">", None),
            Sniffed::Atom
        );
        assert_eq!(
            sniff(b"{\"text\": \"x\"}\n{\"text\": \"y\"}\n", Some("txt")),
            Sniffed::Jsonl
        );
        assert_eq!(sniff(b"\x1f\x8b\x08\x00", Some("html")), Sniffed::Gzip);
    }

    #[test]
    fn binary_is_recognised() {
        assert_eq!(sniff(b"ab\0cd\x01\x02\x03", None), Sniffed::Binary);
        assert_eq!(sniff(b"plain words\nand lines", None), Sniffed::Text);
    }

    #[test]
    fn prose_mentioning_a_tag_stays_text() {
        assert_eq!(
            sniff(b"The <p> tag marks a paragraph.", Some("txt")),
            Sniffed::Text
        );
    }
}
