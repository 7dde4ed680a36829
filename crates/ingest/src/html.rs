//! HTML pages: main text through the trafilatura extractor (with a block-text
//! fallback of our own), metadata from `<meta>`, JSON-LD, `<link>` and `<time>`.

use crate::IngestError;
use chrono::NaiveDate;
use scraper::{ElementRef, Html, Node, Selector};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::OnceLock;

/// What an HTML page yields: its main text and its metadata.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlDocument {
    /// Headline (`og:title`, else the first `<h1>`, else `<title>`).
    pub title: Option<String>,
    /// Outlet name (`og:site_name`, JSON-LD publisher, `application-name`).
    pub outlet: Option<String>,
    /// Canonical URL (`<link rel=canonical>`, else `og:url`).
    pub url: Option<String>,
    /// Publication date from metadata.
    pub published: Option<NaiveDate>,
    /// Language from `<html lang>` or `content-language`, as an ISO 639-1 code.
    pub language: Option<String>,
    /// Main text, one paragraph per line.
    pub text: String,
}

/// Fewer characters than this from the main extractor means it missed the
/// article; the block-text fallback is tried.
const MIN_MAIN_TEXT: usize = 200;

/// Extracts the main text and metadata of an HTML page.
///
/// Boilerplate (navigation, cookie banners, related links, comments) is left
/// out; paragraphs keep their boundaries, one per line, and the headline is
/// not glued to the first paragraph.
///
/// ```
/// use corroborate_ingest::extract_html;
/// let page = r#"<html lang="en"><head><meta property="og:site_name" content="The Ledger">
///   <meta property="article:published_time" content="2025-10-15T09:12:00Z"></head>
///   <body><nav>Home | World</nav><article><h1>Storm hits coast</h1>
///   <p>A storm hit the coast on Tuesday, flooding 40 homes.</p></article></body></html>"#;
/// let doc = extract_html(page).unwrap();
/// assert_eq!(doc.outlet.as_deref(), Some("The Ledger"));
/// assert_eq!(doc.published.map(|d| d.to_string()).as_deref(), Some("2025-10-15"));
/// assert!(doc.text.contains("flooding 40 homes") && !doc.text.contains("Home | World"));
/// ```
pub fn extract_html(html: &str) -> Result<HtmlDocument, IngestError> {
    extract_html_within(html, DEFAULT_MAX_HTML_DEPTH)
}

/// Deepest element nesting [`extract_html`] accepts. HTML parsers work in
/// time that grows with the square of the nesting (200,000 nested `<div>`s
/// take minutes), and real pages stay below a few hundred.
pub const DEFAULT_MAX_HTML_DEPTH: usize = 2_000;

/// [`extract_html`] with a nesting limit: a page whose elements nest deeper
/// than `max_depth` is refused with [`IngestError::TooDeep`] before parsing.
pub fn extract_html_within(html: &str, max_depth: usize) -> Result<HtmlDocument, IngestError> {
    let depth = nesting_depth(html, max_depth);
    if depth > max_depth {
        return Err(IngestError::TooDeep { limit: max_depth });
    }
    let dom = Html::parse_document(html);
    let mut doc = metadata(&dom);
    let main = catch_unwind(AssertUnwindSafe(|| {
        trafilatura::extract(html, &trafilatura::Options::default())
    }));
    let main = match main {
        Ok(Ok(result)) => {
            if doc.outlet.is_none() && !result.metadata.sitename.trim().is_empty() {
                doc.outlet = Some(result.metadata.sitename.trim().to_owned());
            }
            if doc.published.is_none() {
                doc.published = result.metadata.date;
            }
            if doc.title.is_none() && !result.metadata.title.trim().is_empty() {
                doc.title = Some(result.metadata.title.trim().to_owned());
            }
            paragraphs_from_html_fragment(&result.content_html).unwrap_or(result.content_text)
        }
        Ok(Err(_)) | Err(_) => String::new(),
    };
    let main = tidy(&main);
    // On short pages the extractor tends to fall back to the whole body,
    // menus included; our block text of <article>/<main> leaves those out.
    doc.text = if main.chars().count() >= MIN_MAIN_TEXT {
        main
    } else {
        block_text(&dom).unwrap_or(main)
    };
    if let Some(title) = &doc.title {
        doc.text = strip_leading_title(&doc.text, title);
    }
    if doc.text.trim().is_empty() {
        return Err(IngestError::NoText);
    }
    Ok(doc)
}

/// Text of an HTML fragment (a feed item's description), one block per line.
pub(crate) fn fragment_text(fragment: &str) -> String {
    if nesting_depth(fragment, DEFAULT_MAX_HTML_DEPTH) > DEFAULT_MAX_HTML_DEPTH {
        // Too deep to parse in reasonable time: keep the text between tags.
        return tidy(&strip_tags(fragment));
    }
    let dom = Html::parse_fragment(fragment);
    let mut out = String::new();
    collect_blocks(dom.root_element(), &mut out);
    tidy(&out)
}

/// Elements that never nest (void) or whose end tag may be left out (an
/// unclosed `<p>` or `<li>` is closed by the next one): they do not count
/// towards the nesting depth.
const FLAT_ELEMENTS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead",
    "tbody", "tfoot", "colgroup", "rb", "rt", "rp", "html", "head", "body", "!doctype",
];

/// The deepest nesting of elements in `html`, from its tags alone (no
/// parse): start tags deepen, end tags close. Stops counting past `limit`.
///
/// ```
/// use corroborate_ingest::nesting_depth;
/// assert_eq!(nesting_depth("<div><span>a</span><br><p>b<p>c</div>", 100), 2);
/// assert_eq!(nesting_depth(&"<div>".repeat(50), 10), 11);
/// ```
pub fn nesting_depth(html: &str, limit: usize) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut deepest, mut i) = (0usize, 0usize, 0usize);
    while let Some(off) = bytes[i..].iter().position(|&b| b == b'<') {
        i += off + 1;
        let rest = &bytes[i..];
        if rest.starts_with(b"!--") {
            // Skip the comment.
            match html[i..].find("-->") {
                Some(end) => i += end + 3,
                None => break,
            }
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = i + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'!' || **b == b'-')
            .count();
        if name_len == 0 {
            continue;
        }
        let name = html[name_start..name_start + name_len].to_ascii_lowercase();
        let tag_end = bytes[name_start..]
            .iter()
            .position(|&b| b == b'>')
            .map(|p| name_start + p);
        let self_closing = tag_end.is_some_and(|e| e > 0 && bytes[e - 1] == b'/');
        if closing {
            if !FLAT_ELEMENTS.contains(&name.as_str()) {
                depth = depth.saturating_sub(1);
            }
        } else if !self_closing && !FLAT_ELEMENTS.contains(&name.as_str()) {
            depth += 1;
            deepest = deepest.max(depth);
            if deepest > limit {
                return deepest;
            }
        }
        // Raw text elements: skip to their end tag.
        if !closing && matches!(name.as_str(), "script" | "style" | "textarea" | "title") {
            let from = tag_end.unwrap_or(i);
            match find_end_tag(&bytes[from..], name.as_bytes()) {
                Some(end) => i = from + end,
                None => break,
            }
        }
    }
    deepest
}

/// Offset in `rest` of the end tag `</name` (ASCII case ignored), without
/// copying: a page of many scripts is scanned once.
fn find_end_tag(rest: &[u8], name: &[u8]) -> Option<usize> {
    let mut at = 0;
    while let Some(off) = rest[at..].windows(2).position(|w| w == b"</") {
        let start = at + off;
        let tag = rest.get(start + 2..start + 2 + name.len())?;
        if tag.eq_ignore_ascii_case(name) {
            return Some(start);
        }
        at = start + 2;
    }
    None
}

/// The text of `html` with its tags removed (for markup too deep to parse).
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn paragraphs_from_html_fragment(content_html: &str) -> Option<String> {
    if content_html.trim().is_empty() {
        return None;
    }
    let t = fragment_text(content_html);
    (!t.trim().is_empty()).then_some(t)
}

/// The feeds a page announces, as written: the `href` of each
/// `<link rel="alternate">` whose `type` is RSS or Atom, in page order.
///
/// ```
/// let page = r#"<head><link rel="alternate" type="application/rss+xml" href="/rss.xml">
///   <link rel="stylesheet" href="/a.css"></head>"#;
/// assert_eq!(corroborate_ingest::announced_feeds(page), ["/rss.xml"]);
/// ```
pub fn announced_feeds(html: &str) -> Vec<String> {
    let dom = Html::parse_document(html);
    dom.select(&selectors().link_href)
        .filter_map(|l| {
            let e = l.value();
            let alternate = e.attr("rel").is_some_and(|r| {
                r.split_ascii_whitespace()
                    .any(|w| w.eq_ignore_ascii_case("alternate"))
            });
            let feed = e.attr("type").is_some_and(|t| {
                let t = t.to_ascii_lowercase();
                t.contains("rss+xml") || t.contains("atom+xml")
            });
            (alternate && feed).then(|| e.attr("href")).flatten()
        })
        .map(|h| h.trim().to_owned())
        .collect()
}

fn sel(s: &'static str) -> Selector {
    Selector::parse(s).unwrap_or_else(|_| unreachable!("selector {s} is valid"))
}

fn selectors() -> &'static Selectors {
    static S: OnceLock<Selectors> = OnceLock::new();
    S.get_or_init(|| Selectors {
        meta: sel("meta"),
        link_canonical: sel("link[rel~=canonical]"),
        link_href: sel("link[href]"),
        html: sel("html"),
        title: sel("title"),
        h1: sel("h1"),
        time: sel("time[datetime]"),
        json_ld: sel(r#"script[type="application/ld+json"]"#),
        main: sel("article, main, [role=main], [itemprop=articleBody]"),
        body: sel("body"),
    })
}

struct Selectors {
    meta: Selector,
    link_canonical: Selector,
    link_href: Selector,
    html: Selector,
    title: Selector,
    h1: Selector,
    time: Selector,
    json_ld: Selector,
    main: Selector,
    body: Selector,
}

fn text_of(e: ElementRef) -> String {
    e.text()
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn non_empty(s: Option<&str>) -> Option<String> {
    s.map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Metadata keys that carry a publication date, most specific first.
const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.created",
    "date",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "og:updated_time",
    "article:modified_time",
];

fn metadata(dom: &Html) -> HtmlDocument {
    let s = selectors();
    let mut metas: Vec<(String, String)> = Vec::new();
    for m in dom.select(&s.meta) {
        let v = m.value();
        let key = v
            .attr("property")
            .or_else(|| v.attr("name"))
            .or_else(|| v.attr("itemprop"))
            .or_else(|| v.attr("http-equiv"));
        if let (Some(k), Some(c)) = (key, v.attr("content")) {
            metas.push((k.trim().to_ascii_lowercase(), c.trim().to_owned()));
        }
    }
    let meta = |k: &str| {
        non_empty(
            metas
                .iter()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.as_str()),
        )
    };
    let ld = json_ld(dom);

    let title = meta("og:title")
        .or_else(|| meta("twitter:title"))
        .or_else(|| ld.headline.clone())
        .or_else(|| {
            dom.select(&s.h1)
                .next()
                .map(text_of)
                .filter(|t| !t.is_empty())
        })
        .or_else(|| {
            dom.select(&s.title)
                .next()
                .map(text_of)
                .filter(|t| !t.is_empty())
        });
    let outlet = meta("og:site_name")
        .or_else(|| ld.publisher.clone())
        .or_else(|| meta("application-name"));
    let url = dom
        .select(&s.link_canonical)
        .find_map(|l| non_empty(l.value().attr("href")))
        .filter(|u| u.starts_with("http"))
        .or_else(|| meta("og:url"));
    let published = DATE_KEYS
        .iter()
        .find_map(|k| meta(k).and_then(|v| parse_date_value(&v)))
        .or_else(|| ld.published.as_deref().and_then(parse_date_value))
        .or_else(|| {
            dom.select(&s.time)
                .find_map(|t| t.value().attr("datetime").and_then(parse_date_value))
        });
    let language = dom
        .select(&s.html)
        .next()
        .and_then(|h| non_empty(h.value().attr("lang")))
        .or_else(|| meta("content-language"))
        .or_else(|| ld.language.clone())
        .or_else(|| meta("og:locale"))
        .and_then(|l| language_code(&l));
    HtmlDocument {
        title,
        outlet,
        url,
        published,
        language,
        text: String::new(),
    }
}

/// An ISO 639-1 code from a language tag ("en-US", "uk_UA", "ru").
pub(crate) fn language_code(tag: &str) -> Option<String> {
    let code: String = tag
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect::<String>()
        .to_ascii_lowercase();
    (code.len() == 2).then_some(code)
}

#[derive(Default)]
struct JsonLd {
    headline: Option<String>,
    publisher: Option<String>,
    published: Option<String>,
    language: Option<String>,
}

fn json_ld(dom: &Html) -> JsonLd {
    let mut out = JsonLd::default();
    for script in dom.select(&selectors().json_ld) {
        let raw: String = script.text().collect();
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&raw) else {
            continue;
        };
        visit_json_ld(&value, &mut out, 0);
    }
    out
}

fn visit_json_ld(v: &serde_json::Value, out: &mut JsonLd, depth: usize) {
    use serde_json::Value;
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| visit_json_ld(i, out, depth + 1)),
        Value::Object(map) => {
            let s = |k: &str| {
                map.get(k)
                    .and_then(Value::as_str)
                    .and_then(|s| non_empty(Some(s)))
            };
            out.headline = out.headline.take().or_else(|| s("headline"));
            out.published = out.published.take().or_else(|| s("datePublished"));
            out.language = out.language.take().or_else(|| s("inLanguage"));
            if out.publisher.is_none() {
                out.publisher = map.get("publisher").and_then(|p| match p {
                    Value::Object(p) => p
                        .get("name")
                        .and_then(Value::as_str)
                        .and_then(|s| non_empty(Some(s))),
                    Value::String(p) => non_empty(Some(p)),
                    _ => None,
                });
            }
            for key in ["@graph", "mainEntity", "mainEntityOfPage"] {
                if let Some(inner) = map.get(key) {
                    visit_json_ld(inner, out, depth + 1);
                }
            }
        }
        _ => {}
    }
}

/// Parses a metadata date: ISO 8601 (the date as written, in the publisher's
/// own offset), RFC 2822, or a date in words.
pub(crate) fn parse_date_value(v: &str) -> Option<NaiveDate> {
    let v = v.trim();
    if let Some(iso) = v.get(..10) {
        if let Ok(d) = NaiveDate::parse_from_str(iso, "%Y-%m-%d") {
            return Some(d);
        }
    }
    if let Ok(dt) = chrono::DateTime::parse_from_rfc2822(v) {
        return Some(dt.date_naive());
    }
    corroborate_text::find_dates(v).first().map(|m| m.date)
}

/// Elements whose text is never article text.
fn is_boilerplate(name: &str, e: &scraper::node::Element) -> bool {
    if matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "nav"
            | "header"
            | "footer"
            | "aside"
            | "form"
            | "button"
            | "select"
            | "template"
            | "svg"
            | "iframe"
            | "figure"
            | "figcaption"
    ) {
        return true;
    }
    let marks = [e.attr("class").unwrap_or(""), e.attr("id").unwrap_or("")]
        .join(" ")
        .to_ascii_lowercase();
    [
        "cookie",
        "consent",
        "newsletter",
        "related",
        "share",
        "social",
        "comment",
        "promo",
        "advert",
        "banner",
        "subscribe",
    ]
    .iter()
    .any(|m| marks.contains(m))
}

fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "li"
            | "blockquote"
            | "pre"
            | "div"
            | "section"
            | "article"
            | "main"
            | "br"
            | "tr"
            | "dd"
            | "dt"
            | "td"
    )
}

/// Walks the tree writing text, with a newline at every block boundary.
fn collect_blocks(root: ElementRef, out: &mut String) {
    let mut stack = vec![(root.id(), false)];
    // An explicit stack: hostile pages nest deeper than the call stack allows.
    while let Some((id, closing)) = stack.pop() {
        let Some(node) = root.tree().get(id) else {
            continue;
        };
        match node.value() {
            Node::Text(t) if !closing => out.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                if closing {
                    if is_block(name) {
                        out.push('\n');
                    }
                    continue;
                }
                if is_boilerplate(name, e) {
                    continue;
                }
                if is_block(name) {
                    out.push('\n');
                }
                stack.push((id, true));
                let children: Vec<_> = node.children().map(|c| (c.id(), false)).collect();
                stack.extend(children.into_iter().rev());
            }
            Node::Document | Node::Fragment if !closing => {
                let children: Vec<_> = node.children().map(|c| (c.id(), false)).collect();
                stack.extend(children.into_iter().rev());
            }
            _ => {}
        }
    }
}

/// Fallback extraction: the text blocks of `<article>`/`<main>`, else `<body>`.
fn block_text(dom: &Html) -> Option<String> {
    let s = selectors();
    let root = dom
        .select(&s.main)
        .max_by_key(|e| e.text().map(str::len).sum::<usize>())
        .or_else(|| dom.select(&s.body).next())?;
    let mut out = String::new();
    collect_blocks(root, &mut out);
    let t = tidy(&out);
    (!t.is_empty()).then_some(t)
}

/// One paragraph per line: whitespace inside a line folded, empty lines dropped.
pub(crate) fn tidy(text: &str) -> String {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Drops a first line that only repeats the headline.
fn strip_leading_title(text: &str, title: &str) -> String {
    match text.split_once('\n') {
        Some((first, rest)) if first.trim() == title.trim() && !rest.trim().is_empty() => {
            rest.to_owned()
        }
        _ => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_from_json_ld_and_time() {
        let page = r#"<html><head><script type="application/ld+json">
            {"@context":"https://schema.org","@type":"NewsArticle","headline":"Bridge closes",
             "datePublished":"2025-06-21T07:00:00+03:00","publisher":{"@type":"Organization","name":"Harbour News"},
             "inLanguage":"et"}</script></head>
            <body><article><p>The bridge closed for nine hours after a crash involving two lorries on the approach road.</p></article></body></html>"#;
        let d = extract_html(page).unwrap();
        assert_eq!(d.title.as_deref(), Some("Bridge closes"));
        assert_eq!(d.outlet.as_deref(), Some("Harbour News"));
        assert_eq!(d.published, NaiveDate::from_ymd_opt(2025, 6, 21));
        assert_eq!(d.language.as_deref(), Some("et"));
    }

    #[test]
    fn paragraphs_stay_apart_and_boilerplate_goes() {
        let page = "<html><body><div class=cookie-banner>We use cookies</div><article><h1>Head</h1>\
            <p>First paragraph about the flood in the valley town.</p><p>Second paragraph about the river.</p></article>\
            <aside class=related>Related: other news</aside><footer>Copyright</footer></body></html>";
        let d = extract_html(page).unwrap();
        assert!(
            d.text.contains("valley town.\nSecond paragraph"),
            "{}",
            d.text
        );
        assert!(
            !d.text.contains("cookies")
                && !d.text.contains("Related")
                && !d.text.contains("Copyright")
        );
        assert!(!d.text.starts_with("Head"));
    }

    #[test]
    fn page_without_text_is_an_error() {
        assert!(matches!(extract_html("<html><head><title>T</title></head><body><script>var x = 1;</script></body></html>"), Err(IngestError::NoText)));
    }

    #[test]
    fn nesting_is_counted_without_parsing() {
        assert_eq!(
            nesting_depth(
                "<!-- <div><div> --><div><script>if (a<b) {}</script></div>",
                9
            ),
            2,
            "div > script; the comment and the script text do not count"
        );
        assert_eq!(nesting_depth("<ul><li>a<li>b</ul><img src=x><br/>", 9), 1);
        let deep = format!(
            "<html><body>{}x{}</body></html>",
            "<div>".repeat(3_000),
            "</div>".repeat(3_000)
        );
        assert!(matches!(
            extract_html(&deep),
            Err(IngestError::TooDeep { limit: 2_000 })
        ));
        assert!(extract_html_within(&deep, 5_000).is_ok());
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let page = format!(
            "<body>{}<p>deep text</p>{}</body>",
            "<div>".repeat(20_000),
            "</div>".repeat(20_000)
        );
        assert!(fragment_text(&page).contains("deep text"));
    }

    #[test]
    fn dates_in_several_forms() {
        assert_eq!(
            parse_date_value("Wed, 15 Oct 2025 14:05:00 GMT"),
            NaiveDate::from_ymd_opt(2025, 10, 15)
        );
        assert_eq!(
            parse_date_value("2025-01-20T08:00:00+07:00"),
            NaiveDate::from_ymd_opt(2025, 1, 20)
        );
        assert_eq!(
            parse_date_value("March 3, 2025"),
            NaiveDate::from_ymd_opt(2025, 3, 3)
        );
        assert_eq!(parse_date_value("soon"), None);
    }
}
