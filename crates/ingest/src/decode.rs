//! Bytes to text: the declared encoding when there is one, else a detected one.

use encoding_rs::{Encoding, UTF_8};
use regex::bytes::Regex;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// Text decoded from bytes, with what it took.
#[derive(Debug)]
pub(crate) struct Decoded {
    /// The text, NFC-normalised, with `\n` line ends and no control characters.
    pub text: String,
    /// Name of the encoding used.
    pub encoding: &'static str,
    /// Byte sequences that were invalid in that encoding and were replaced.
    pub replaced: bool,
}

/// The charset named by an HTML `<meta charset>` or `http-equiv` in the page head.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r#"(?i-u)<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-z0-9_:.\-]{2,40})"#)
            .expect("charset pattern compiles")
    });
    let head = &bytes[..bytes.len().min(8192)];
    re.captures(head)
        .and_then(|c| Encoding::for_label(c.get(1)?.as_bytes()))
}

/// The charset of an HTTP `Content-Type` header value.
pub(crate) fn header_charset(content_type: &str) -> Option<&'static Encoding> {
    let lower = content_type.to_ascii_lowercase();
    let at = lower.find("charset=")?;
    let label = lower[at + 8..].trim_matches(|c: char| c == '"' || c == '\'' || c.is_whitespace());
    let label = label
        .split(|c: char| c == ';' || c.is_whitespace())
        .next()?;
    Encoding::for_label(label.trim_matches('"').as_bytes())
}

fn guess(bytes: &[u8]) -> &'static Encoding {
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    det.guess(None, true)
}

/// Decodes an HTML page: BOM, then `<meta charset>`, then the HTTP header's
/// charset, then detection.
pub(crate) fn decode_html(bytes: &[u8], http_charset: Option<&'static Encoding>) -> Decoded {
    let declared = Encoding::for_bom(bytes)
        .map(|(e, _)| e)
        .or_else(|| meta_charset(bytes))
        .or(http_charset);
    decode_with(bytes, declared)
}

/// Decodes plain text or markup without a meta charset: BOM, then UTF-8 if
/// valid, then detection.
pub(crate) fn decode_plain(bytes: &[u8]) -> Decoded {
    decode_with(bytes, Encoding::for_bom(bytes).map(|(e, _)| e))
}

fn decode_with(bytes: &[u8], declared: Option<&'static Encoding>) -> Decoded {
    // A page declaring UTF-16 in a meta tag cannot be read as ASCII: WHATWG says use UTF-8.
    let declared = declared.map(|e| {
        if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE {
            UTF_8
        } else {
            e
        }
    });
    let encoding = declared.unwrap_or_else(|| guess(bytes));
    let (text, used, replaced) = encoding.decode(bytes);
    Decoded {
        text: clean(&text),
        encoding: used.name(),
        replaced,
    }
}

/// NFC, `\n` line ends, control characters (other than tab and newline) as spaces.
pub(crate) fn clean(text: &str) -> String {
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    unified
        .trim_start_matches('\u{feff}')
        .nfc()
        .map(|c| {
            if c.is_control() && c != '\n' && c != '\t' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1251_declared_in_meta() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251
            .encode("<meta charset=\"windows-1251\"><p>Снегопад в Новосибирске</p>");
        let d = decode_html(&bytes, None);
        assert!(d.text.contains("Снегопад в Новосибирске"));
        assert_eq!(d.encoding, "windows-1251");
        assert!(!d.replaced);
    }

    #[test]
    fn latin1_detected_without_declaration() {
        let bytes = b"La gr\xe8ve des cheminots a paralys\xe9 la gare de Toulouse, o\xf9 les trains \xe9taient rares.";
        let d = decode_plain(bytes);
        assert!(
            d.text.contains("grève") && d.text.contains("paralysé"),
            "{}",
            d.text
        );
    }

    #[test]
    fn invalid_utf8_in_a_utf8_page_is_replaced_and_flagged() {
        let d = decode_html(b"<meta charset=utf-8><p>Riga \xff\xfe bridge</p>", None);
        assert!(d.replaced);
        assert!(d.text.contains("Riga") && d.text.contains('\u{fffd}'));
    }

    #[test]
    fn http_header_charset_is_used_when_the_page_has_none() {
        let enc = header_charset("text/html; charset=\"KOI8-R\"").unwrap();
        assert_eq!(enc.name(), "KOI8-R");
    }

    #[test]
    fn line_ends_and_controls_are_normalised() {
        assert_eq!(clean("a\r\nb\rc\u{0007}d\u{feff}"), "a\nb\nc d\u{feff}");
    }
}
