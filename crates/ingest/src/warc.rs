//! WARC files (`.warc`, `.warc.gz`): the HTML of `response` records, read as
//! a stream so that a crawl of any size passes through bounded memory.

use crate::IngestError;
use std::io::{BufRead, Read};

/// An HTML page found in a WARC response record.
#[derive(Debug)]
pub(crate) struct WarcPage {
    /// `WARC-Target-URI`: the page's URL and article id.
    pub uri: String,
    /// Charset of the HTTP `Content-Type` header, if any.
    pub http_content_type: Option<String>,
    /// The HTTP body.
    pub body: Vec<u8>,
}

/// Longest header line accepted (WARC or HTTP).
const MAX_HEADER_LINE: u64 = 64 * 1024;

/// What the record reader finds, handed over as soon as it is read.
#[derive(Debug)]
pub(crate) enum WarcEvent {
    /// An HTML page of a response record.
    Page(WarcPage),
    /// A record that cannot be used, with its target URI.
    Problem(String, IngestError),
}

/// Reads records from `reader`, handing every HTML response and every
/// unusable record to `event`. Stops at the first structural error (a
/// truncated file), which is returned after the complete records.
pub(crate) fn read_records<R: BufRead>(
    mut reader: R,
    max_record: u64,
    event: &mut dyn FnMut(WarcEvent),
) -> Result<(), IngestError> {
    let mut index = 0usize;
    loop {
        // Skip the blank lines that separate records.
        let version = loop {
            let line = read_line(&mut reader)?;
            match line {
                None => return Ok(()),
                Some(l) if l.trim().is_empty() => continue,
                Some(l) => break l,
            }
        };
        index += 1;
        if !version.starts_with("WARC/") {
            return Err(IngestError::Warc(format!(
                "record {index}: expected a WARC/ version line"
            )));
        }
        let headers = read_headers(&mut reader)?;
        let get = |k: &str| {
            headers
                .iter()
                .find(|(h, _)| h.eq_ignore_ascii_case(k))
                .map(|(_, v)| v.as_str())
        };
        let length: u64 = get("Content-Length")
            .and_then(|v| v.trim().parse().ok())
            .ok_or_else(|| IngestError::Warc(format!("record {index}: missing Content-Length")))?;
        let record_type = get("WARC-Type").unwrap_or("").to_ascii_lowercase();
        let uri = get("WARC-Target-URI")
            .unwrap_or("")
            .trim()
            .trim_matches(|c| c == '<' || c == '>')
            .to_owned();
        let is_http = get("Content-Type")
            .is_some_and(|c| c.to_ascii_lowercase().contains("application/http"));
        if record_type != "response" || !is_http || length > max_record {
            if record_type == "response" && length > max_record {
                event(WarcEvent::Problem(
                    uri.clone(),
                    IngestError::RecordTooLarge {
                        size: length,
                        limit: max_record,
                    },
                ));
            }
            let skipped = std::io::copy(&mut (&mut reader).take(length), &mut std::io::sink())?;
            if skipped < length {
                return Err(IngestError::Warc(format!(
                    "record {index}: truncated ({skipped} of {length} bytes)"
                )));
            }
            continue;
        }
        let mut block = Vec::with_capacity(length as usize);
        (&mut reader).take(length).read_to_end(&mut block)?;
        if (block.len() as u64) < length {
            return Err(IngestError::Warc(format!(
                "record {index}: truncated ({} of {length} bytes)",
                block.len()
            )));
        }
        match http_response(&block) {
            Some((status, content_type, body)) if (200..300).contains(&status) => {
                let is_html = content_type.as_deref().is_none_or(|c| {
                    let c = c.to_ascii_lowercase();
                    c.contains("html") || c.contains("xml")
                });
                if is_html && !body.is_empty() {
                    event(WarcEvent::Page(WarcPage {
                        uri,
                        http_content_type: content_type,
                        body: body.to_vec(),
                    }));
                }
            }
            Some(_) => {}
            None => event(WarcEvent::Problem(
                uri,
                IngestError::Warc("unreadable HTTP response in record".into()),
            )),
        }
    }
}

fn read_line<R: BufRead>(reader: &mut R) -> Result<Option<String>, IngestError> {
    let mut buf = Vec::new();
    let n = reader
        .take(MAX_HEADER_LINE)
        .read_until(b'\n', &mut buf)
        .map_err(gzip_or_io)?;
    if n == 0 {
        return Ok(None);
    }
    if !buf.ends_with(b"\n") && n as u64 >= MAX_HEADER_LINE {
        return Err(IngestError::Warc("header line too long".into()));
    }
    Ok(Some(String::from_utf8_lossy(&buf).trim_end().to_owned()))
}

fn read_headers<R: BufRead>(reader: &mut R) -> Result<Vec<(String, String)>, IngestError> {
    let mut headers = Vec::new();
    loop {
        match read_line(reader)? {
            None => return Err(IngestError::Warc("truncated record headers".into())),
            Some(l) if l.is_empty() => return Ok(headers),
            Some(l) => {
                if let Some((k, v)) = l.split_once(':') {
                    headers.push((k.trim().to_owned(), v.trim().to_owned()));
                }
                if headers.len() > 1000 {
                    return Err(IngestError::Warc("too many header lines".into()));
                }
            }
        }
    }
}

/// Status, `Content-Type` and body of an HTTP response block.
fn http_response(block: &[u8]) -> Option<(u16, Option<String>, &[u8])> {
    let end = find(block, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| find(block, b"\n\n").map(|i| (i, i + 2)))?;
    let head = String::from_utf8_lossy(&block[..end.0]);
    let mut lines = head.lines();
    let status: u16 = lines.next()?.split_whitespace().nth(1)?.parse().ok()?;
    let content_type = lines
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.trim().eq_ignore_ascii_case("content-type"))
        .map(|(_, v)| v.trim().to_owned());
    Some((status, content_type, &block[end.1..]))
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// A gzip stream that ends early surfaces as an I/O error; name it.
pub(crate) fn gzip_or_io(e: std::io::Error) -> IngestError {
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof
        | std::io::ErrorKind::InvalidData
        | std::io::ErrorKind::InvalidInput => IngestError::Gzip(e.to_string()),
        _ => IngestError::Io(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, uri: &str, block: &str) -> String {
        format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype={kind}\r\nContent-Length: {}\r\n\r\n{block}\r\n\r\n",
            block.len()
        )
    }

    #[test]
    fn reads_html_responses_and_skips_the_rest() {
        let page = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Hello</p>";
        let warc = [
            record("request", "https://a.example/", "GET / HTTP/1.1\r\n\r\n"),
            record("response", "https://a.example/", page),
            record(
                "response",
                "https://b.example/",
                "HTTP/1.1 404 Not Found\r\n\r\n",
            ),
        ]
        .concat();
        let mut pages = Vec::new();
        read_records(warc.as_bytes(), 1 << 20, &mut |e| match e {
            WarcEvent::Page(p) => pages.push(p),
            WarcEvent::Problem(_, e) => panic!("{e}"),
        })
        .unwrap();
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].uri, "https://a.example/");
        assert_eq!(pages[0].body, b"<p>Hello</p>");
    }

    #[test]
    fn truncation_is_an_error_after_the_complete_records() {
        let page = "HTTP/1.1 200 OK\r\n\r\n<p>Hello there</p>";
        let mut warc = [
            record("response", "https://a.example/", page),
            record("response", "https://b.example/", page),
        ]
        .concat();
        warc.truncate(warc.len() - 12);
        let mut pages = 0;
        let err = read_records(warc.as_bytes(), 1 << 20, &mut |e| {
            pages += matches!(e, WarcEvent::Page(_)) as usize
        })
        .unwrap_err();
        assert_eq!(pages, 1);
        assert!(err.to_string().contains("truncated"), "{err}");
    }
}
