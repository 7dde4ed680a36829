//! RSS and Atom feeds: each item an article, its id the item's URL.

use crate::html::{fragment_text, language_code};
use crate::IngestError;
use chrono::NaiveDate;

/// One feed item, before it becomes an [`corroborate_model::Article`].
#[derive(Debug, Clone)]
pub struct FeedItem {
    /// The item's URL (its article id), else its guid.
    pub id: String,
    /// The item's link, when it has one.
    pub url: Option<String>,
    /// Its headline.
    pub title: Option<String>,
    /// Its publication (else update) day.
    pub published: Option<NaiveDate>,
    /// Its language (else the feed's), as a two-letter code.
    pub language: Option<String>,
    /// Its text: the full content when the feed carries it, else the summary.
    pub text: String,
    /// Whether `text` is the item's full content (`content:encoded`, Atom
    /// `content`) rather than a summary: a watcher fetches the linked page
    /// for summaries.
    pub full_content: bool,
}

/// The feed's outlet name and its items. Items without any text are skipped.
pub fn parse(bytes: &[u8]) -> Result<(Option<String>, Vec<FeedItem>), IngestError> {
    refuse_entity_declarations(bytes)?;
    let feed =
        feed_rs::parser::parse(bytes).map_err(|e| IngestError::Feed(one_line(&e.to_string())))?;
    let outlet = feed
        .title
        .as_ref()
        .map(|t| t.content.trim().to_owned())
        .filter(|t| !t.is_empty());
    let feed_language = feed.language.as_deref().and_then(language_code);
    let items = feed
        .entries
        .into_iter()
        .filter_map(|e| {
            let url = e
                .links
                .first()
                .map(|l| l.href.trim().to_owned())
                .filter(|h| !h.is_empty());
            let content = e
                .content
                .as_ref()
                .and_then(|c| c.body.clone())
                .filter(|b| !b.trim().is_empty());
            let full_content = content.is_some();
            let body = content.or_else(|| e.summary.as_ref().map(|s| s.content.clone()))?;
            let text = fragment_text(&body);
            if text.trim().is_empty() {
                return None;
            }
            Some(FeedItem {
                id: url.clone().unwrap_or_else(|| e.id.clone()),
                url,
                title: e
                    .title
                    .map(|t| fragment_text(&t.content))
                    .filter(|t| !t.is_empty()),
                published: e.published.or(e.updated).map(|d| d.date_naive()),
                language: e
                    .language
                    .as_deref()
                    .and_then(language_code)
                    .or_else(|| feed_language.clone()),
                text,
                full_content,
            })
        })
        .collect();
    Ok((outlet, items))
}

/// Feeds never need a DTD; one that declares entities is an expansion attack.
fn refuse_entity_declarations(bytes: &[u8]) -> Result<(), IngestError> {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if head.windows(8).any(|w| w.eq_ignore_ascii_case(b"<!ENTITY")) {
        return Err(IngestError::Feed(
            "entity declarations are refused (possible expansion attack)".into(),
        ));
    }
    Ok(())
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_become_articles() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>Courier</title><language>en-gb</language>
            <item><title>Flood</title><link>https://c.example/flood</link><pubDate>Wed, 15 Oct 2025 14:05:00 GMT</pubDate>
            <description>&lt;p&gt;The river rose.&lt;/p&gt;&lt;p&gt;Forty homes flooded.&lt;/p&gt;</description></item>
            <item><title>Empty</title><link>https://c.example/empty</link></item></channel></rss>"#;
        let (outlet, items) = parse(rss).unwrap();
        assert_eq!(outlet.as_deref(), Some("Courier"));
        assert_eq!(items.len(), 1);
        assert_eq!(items[0].id, "https://c.example/flood");
        assert_eq!(items[0].text, "The river rose.\nForty homes flooded.");
        assert_eq!(items[0].published, NaiveDate::from_ymd_opt(2025, 10, 15));
        assert_eq!(items[0].language.as_deref(), Some("en"));
    }

    #[test]
    fn entity_bombs_are_refused() {
        let bomb = br#"<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><rss><channel></channel></rss>"#;
        assert!(parse(bomb)
            .unwrap_err()
            .to_string()
            .contains("entity declarations"));
    }
}
