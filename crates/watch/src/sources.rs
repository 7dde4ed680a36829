//! The SOURCES a watch is given: feed or sitemap URLs, OPML files of
//! feeds, and plain list files (one URL per line, `#` comments).

use crate::WatchError;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::path::Path;
use url::Url;

/// Largest OPML or list file read.
const MAX_LIST_BYTES: u64 = 16 << 20;

/// Expands the command line's SOURCES into URLs to poll, in order, without
/// duplicates. An argument that is not a URL is read as a file: OPML when
/// it holds an `<opml` element, else one URL per line.
pub fn expand_sources(args: &[String]) -> Result<Vec<Url>, WatchError> {
    let mut out: Vec<Url> = Vec::new();
    let push = |u: Url, out: &mut Vec<Url>| {
        if !out.contains(&u) {
            out.push(u);
        }
    };
    for arg in args {
        if arg.starts_with("http://") || arg.starts_with("https://") {
            let u = Url::parse(arg).map_err(|e| WatchError::Source {
                argument: arg.clone(),
                reason: e.to_string(),
            })?;
            push(u, &mut out);
            continue;
        }
        if arg.contains("://") {
            return Err(WatchError::Source {
                argument: arg.clone(),
                reason: "only http and https sources are watched".into(),
            });
        }
        for u in read_list_file(Path::new(arg))? {
            push(u, &mut out);
        }
    }
    Ok(out)
}

fn read_list_file(path: &Path) -> Result<Vec<Url>, WatchError> {
    let problem = |reason: String| WatchError::Source {
        argument: path.display().to_string(),
        reason,
    };
    let meta = std::fs::metadata(path).map_err(|e| problem(e.to_string()))?;
    if meta.len() > MAX_LIST_BYTES {
        return Err(problem(format!("larger than {MAX_LIST_BYTES} bytes")));
    }
    let bytes = std::fs::read(path).map_err(|e| problem(e.to_string()))?;
    let text = String::from_utf8_lossy(&bytes);
    let urls = if text.contains("<opml") {
        opml_urls(&text).map_err(problem)?
    } else {
        list_urls(&text).map_err(problem)?
    };
    if urls.is_empty() {
        return Err(problem("no http or https URL in it".into()));
    }
    Ok(urls)
}

/// The `xmlUrl` of every `<outline>` of an OPML document (nested
/// categories included).
pub fn opml_urls(text: &str) -> Result<Vec<Url>, String> {
    let mut reader = Reader::from_str(text);
    let mut urls = Vec::new();
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if e.local_name().as_ref() == "outline" => {
                for attr in e.attributes().flatten() {
                    if attr
                        .key
                        .local_name()
                        .as_ref()
                        .eq_ignore_ascii_case("xmlurl")
                    {
                        let value = attr
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .map_err(|e| format!("OPML: {e}"))?;
                        if let Ok(u) = Url::parse(value.trim()) {
                            if matches!(u.scheme(), "http" | "https") {
                                urls.push(u);
                            }
                        }
                    }
                }
            }
            Ok(Event::DocType(_)) => return Err("OPML: a DOCTYPE is refused".into()),
            Ok(Event::Eof) => break,
            Err(e) => return Err(format!("OPML: {e}")),
            _ => {}
        }
    }
    Ok(urls)
}

/// One URL per line; blank lines and `#` comments skipped.
pub fn list_urls(text: &str) -> Result<Vec<Url>, String> {
    let mut urls = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let u = Url::parse(line).map_err(|e| format!("line {}: {e}: {line}", i + 1))?;
        if !matches!(u.scheme(), "http" | "https") {
            return Err(format!("line {}: only http and https: {line}", i + 1));
        }
        urls.push(u);
    }
    Ok(urls)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opml_outlines_nested_in_categories_are_read() {
        let opml = r#"<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
            <outline text="World"><outline type="rss" text="A" xmlUrl="https://a.example/rss"/>
            <outline text="B" xmlUrl="https://b.example/feed?x=1&amp;y=2"></outline></outline>
            <outline text="bad" xmlUrl="file:///etc/passwd"/></body></opml>"#;
        let urls = opml_urls(opml).unwrap();
        let urls: Vec<&str> = urls.iter().map(Url::as_str).collect();
        assert_eq!(
            urls,
            ["https://a.example/rss", "https://b.example/feed?x=1&y=2"]
        );
    }

    #[test]
    fn list_files_skip_comments_and_refuse_other_schemes() {
        let urls =
            list_urls("# feeds\nhttps://a.example/rss  # the A\n\nhttp://b.example/sitemap.xml\n")
                .unwrap();
        assert_eq!(urls.len(), 2);
        assert!(list_urls("ftp://x.example/f")
            .unwrap_err()
            .contains("line 1"));
    }

    #[test]
    fn arguments_mix_urls_and_files_without_duplicates() {
        let dir = tempfile::tempdir().unwrap();
        let list = dir.path().join("feeds.txt");
        std::fs::write(&list, "https://a.example/rss\nhttps://c.example/rss\n").unwrap();
        let urls =
            expand_sources(&["https://a.example/rss".into(), list.display().to_string()]).unwrap();
        assert_eq!(urls.len(), 2);
        assert!(expand_sources(&["file:///etc/passwd".into()]).is_err());
        assert!(expand_sources(&[dir.path().join("missing").display().to_string()]).is_err());
    }
}
