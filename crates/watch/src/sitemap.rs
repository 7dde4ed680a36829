//! Sitemaps (sitemaps.org) and Google News sitemaps: the page URLs a site
//! lists, with their dates, or the child sitemaps of a sitemap index.

use quick_xml::events::Event;
use quick_xml::Reader;

/// Most entries read from one sitemap (the protocol's own limit).
pub const MAX_SITEMAP_ENTRIES: usize = 50_000;

/// One `<url>` (or, in an index, `<sitemap>`) entry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SitemapEntry {
    /// `<loc>`.
    pub loc: String,
    /// `<lastmod>`, else `<news:publication_date>`, as written.
    pub date: Option<String>,
    /// `<news:title>`.
    pub title: Option<String>,
    /// `<news:language>`.
    pub language: Option<String>,
    /// `<news:name>`: the publication.
    pub publication: Option<String>,
}

/// A parsed sitemap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sitemap {
    /// A `<urlset>`: pages.
    Pages(Vec<SitemapEntry>),
    /// A `<sitemapindex>`: further sitemaps.
    Index(Vec<SitemapEntry>),
}

/// Whether these bytes look like a sitemap rather than a feed.
pub fn looks_like_sitemap(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let text = String::from_utf8_lossy(head);
    text.contains("<urlset") || text.contains("<sitemapindex")
}

/// Parses a sitemap or sitemap index. A DOCTYPE is refused (entity
/// expansion); entries without `<loc>` are skipped.
pub fn parse(bytes: &[u8]) -> Result<Sitemap, String> {
    let mut reader = Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut entries = Vec::new();
    let mut index = None;
    let mut current: Option<SitemapEntry> = None;
    let mut field: Option<String> = None;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => {
                let name = e.local_name().as_ref().to_ascii_lowercase();
                match name.as_str() {
                    "urlset" if index.is_none() => index = Some(false),
                    "sitemapindex" if index.is_none() => index = Some(true),
                    "url" | "sitemap" => current = Some(SitemapEntry::default()),
                    _ => field = Some(name),
                }
            }
            Ok(Event::End(e)) => {
                let name = e.local_name().as_ref().to_ascii_lowercase();
                if matches!(name.as_str(), "url" | "sitemap") {
                    if let Some(entry) =
                        current.take().map(trim_entry).filter(|c| !c.loc.is_empty())
                    {
                        if entries.len() < MAX_SITEMAP_ENTRIES {
                            entries.push(entry);
                        }
                    }
                }
                field = None;
            }
            Ok(Event::Text(t)) => {
                let (Some(entry), Some(f)) = (current.as_mut(), field.as_deref()) else {
                    continue;
                };
                append_field(entry, f, &t.into_inner());
            }
            Ok(Event::CData(t)) => {
                if let (Some(entry), Some(f)) = (current.as_mut(), field.as_deref()) {
                    append_field(entry, f, &t.into_inner());
                }
            }
            Ok(Event::GeneralRef(r)) => {
                // Predefined entities inside a value (`&amp;` in a URL).
                if let (Some(entry), Some(f)) = (current.as_mut(), field.as_deref()) {
                    let ch = match r.as_ref() {
                        "amp" => "&",
                        "lt" => "<",
                        "gt" => ">",
                        "quot" => "\"",
                        "apos" => "'",
                        _ => "",
                    };
                    append_field(entry, f, ch);
                }
            }
            Ok(Event::DocType(_)) => return Err("sitemap: a DOCTYPE is refused".into()),
            Ok(Event::Eof) => break,
            Err(e) => return Err(format!("sitemap: {e}")),
            _ => {}
        }
        buf.clear();
    }
    match index {
        Some(true) => Ok(Sitemap::Index(entries)),
        Some(false) => Ok(Sitemap::Pages(entries)),
        None => Err("not a sitemap: no <urlset> or <sitemapindex>".into()),
    }
}

fn slot<'a>(entry: &'a mut SitemapEntry, field: &str) -> Option<&'a mut String> {
    Some(match field {
        "loc" => &mut entry.loc,
        "lastmod" | "publication_date" => entry.date.get_or_insert_with(String::new),
        "title" => entry.title.get_or_insert_with(String::new),
        "language" => entry.language.get_or_insert_with(String::new),
        "name" => entry.publication.get_or_insert_with(String::new),
        _ => return None,
    })
}

/// Adds a piece of a field's text (text arrives in pieces around entity
/// references); surrounding white space is trimmed when the entry ends.
fn append_field(entry: &mut SitemapEntry, field: &str, value: &str) {
    // A publication date does not overwrite a `lastmod` read before it.
    if field == "publication_date" && entry.date.as_deref().is_some_and(|d| !d.trim().is_empty()) {
        return;
    }
    if let Some(s) = slot(entry, field) {
        s.push_str(value);
    }
}

fn trim_entry(mut e: SitemapEntry) -> SitemapEntry {
    let tidy = |s: &mut String| *s = s.trim().to_owned();
    tidy(&mut e.loc);
    for f in [
        &mut e.date,
        &mut e.title,
        &mut e.language,
        &mut e.publication,
    ] {
        if let Some(s) = f.as_mut() {
            tidy(s);
        }
        if f.as_deref() == Some("") {
            *f = None;
        }
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_sitemaps_give_pages_with_dates_and_titles() {
        let xml = br#"<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
 <url><loc>https://n.example/a?x=1&amp;y=2</loc>
  <news:news><news:publication><news:name>The Courier</news:name><news:language>en</news:language></news:publication>
  <news:publication_date>2025-12-04T08:00:00Z</news:publication_date><news:title>Strikes overnight</news:title></news:news></url>
 <url><loc>https://n.example/b</loc><lastmod>2025-12-03</lastmod></url>
 <url><lastmod>2025-12-03</lastmod></url>
</urlset>"#;
        let Sitemap::Pages(p) = parse(xml).unwrap() else {
            panic!("pages expected")
        };
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].loc, "https://n.example/a?x=1&y=2");
        assert_eq!(p[0].date.as_deref(), Some("2025-12-04T08:00:00Z"));
        assert_eq!(p[0].title.as_deref(), Some("Strikes overnight"));
        assert_eq!(p[0].publication.as_deref(), Some("The Courier"));
        assert_eq!(p[1].date.as_deref(), Some("2025-12-03"));
        assert!(looks_like_sitemap(xml));
    }

    #[test]
    fn an_index_lists_child_sitemaps() {
        let xml = br#"<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://n.example/s1.xml</loc></sitemap></sitemapindex>"#;
        assert_eq!(
            parse(xml).unwrap(),
            Sitemap::Index(vec![SitemapEntry {
                loc: "https://n.example/s1.xml".into(),
                ..SitemapEntry::default()
            }])
        );
    }

    #[test]
    fn doctypes_and_non_sitemaps_are_refused() {
        assert!(parse(br#"<!DOCTYPE x [<!ENTITY a "b">]><urlset></urlset>"#).is_err());
        assert!(parse(b"<rss><channel/></rss>").is_err());
        assert!(parse(b"\x00\x01binary").is_err());
    }
}
