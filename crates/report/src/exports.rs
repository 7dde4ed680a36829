//! Exports for other tools: ACLED-style CSV, GeoJSON of located events, and
//! a single-file HTML report for people.

use corroborate_model::{bare_events_line, Event, Fact, Interval, Report, Story};
use corroborate_text::Lexicon;
use serde_json::{json, Value};
use std::fmt::Write;
use std::sync::OnceLock;

/// ACLED's columns (where corroborate has the field), then ours.
pub const CSV_COLUMNS: [&str; 19] = [
    "event_id_cnty",
    "event_date",
    "year",
    "event_type",
    "sub_event_type",
    "actor1",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "source",
    "notes",
    "fatalities",
    "injured",
    "fatalities_low",
    "fatalities_high",
    "sources_independent",
    "story",
];

fn acled() -> &'static Lexicon {
    static CELL: OnceLock<Lexicon> = OnceLock::new();
    CELL.get_or_init(|| Lexicon::parse(include_str!("../../../lexicons/events/acled.tsv")))
}

/// ACLED event type and sub-event type of an event.
fn acled_types(e: &Event) -> (String, String) {
    let lex = acled();
    let rows = lex.get_all(&e.event_type);
    let sub = e.subtype.as_deref().unwrap_or("*");
    rows.iter()
        .find(|r| r.first().is_some_and(|s| s == sub))
        .or_else(|| rows.iter().find(|r| r.first().is_some_and(|s| s == "*")))
        .map(|r| {
            (
                r.get(1).cloned().unwrap_or_default(),
                r.get(2).cloned().unwrap_or_default(),
            )
        })
        .unwrap_or_else(|| ("Strategic developments".into(), "Other".into()))
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn num(v: Option<f64>) -> String {
    v.map(|x| {
        if x.fract() == 0.0 {
            format!("{}", x as i64)
        } else {
            format!("{x}")
        }
    })
    .unwrap_or_default()
}

fn fact<'a>(e: &'a Event, attribute: &str) -> Option<&'a Fact> {
    e.facts.iter().find(|f| f.attribute == attribute)
}

/// Independent families behind an event: the story's families among the
/// articles that mention it.
/// The articles that tell an event (each may evoke it in several words).
fn articles_of(e: &Event) -> usize {
    let mut ids: Vec<&str> = e.mentions.iter().map(|m| m.article.0.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    ids.len()
}

fn sources(report: &Report, story: &Story, e: &Event) -> usize {
    let mut roots: Vec<String> = e
        .mentions
        .iter()
        .map(|m| {
            report
                .articles
                .iter()
                .find(|a| a.id == m.article)
                .and_then(|a| a.derived_from.as_ref())
                .map_or(m.article.0.clone(), |d| d.0.clone())
        })
        .collect();
    roots.sort();
    roots.dedup();
    roots.len().min(story.independent_sources.max(1))
}

/// One row per event, in ACLED's column order plus `injured`,
/// `fatalities_low`, `fatalities_high`, `sources_independent` and `story`.
/// A bare event ([`Event::is_bare`]: no place, people or figures) is no
/// row: a coder has nothing to code in it.
pub fn to_csv(report: &Report) -> String {
    let mut out = CSV_COLUMNS.join(",");
    out.push('\n');
    for story in &report.stories {
        for e in story.events.iter().filter(|e| !e.is_bare()) {
            let (ty, sub) = acled_types(e);
            let killed = fact(e, "killed");
            let injured = fact(e, "injured");
            let place = e.location.as_ref();
            let date = e.date.and_then(|d| d.best.or(d.low));
            let mut ids: Vec<String> = e.mentions.iter().map(|m| m.article.0.clone()).collect();
            ids.dedup();
            let notes = e
                .facts
                .iter()
                .flat_map(|f| f.support.first())
                .map(|s| s.sentence.clone())
                .next()
                .unwrap_or_default();
            let row = [
                e.id.clone(),
                date.map(|d| d.to_string()).unwrap_or_default(),
                date.map(|d| d.format("%Y").to_string()).unwrap_or_default(),
                ty,
                sub,
                e.actors.first().map(|a| a.name.clone()).unwrap_or_default(),
                place.and_then(|p| p.country.clone()).unwrap_or_default(),
                place.and_then(|p| p.admin1.clone()).unwrap_or_default(),
                place.map(|p| p.name.clone()).unwrap_or_default(),
                num(place.and_then(|p| p.lat)),
                num(place.and_then(|p| p.lon)),
                ids.join("; "),
                notes,
                num(killed.and_then(|f| f.value.best)),
                num(injured.and_then(|f| f.value.best)),
                num(killed.and_then(|f| f.value.low.or(f.value.best))),
                num(killed.and_then(|f| f.value.high.or(f.value.best))),
                sources(report, story, e).to_string(),
                story.id.clone(),
            ];
            let line: Vec<String> = row.iter().map(|f| csv_field(f)).collect();
            out.push_str(&line.join(","));
            out.push('\n');
        }
    }
    out
}

/// A GeoJSON FeatureCollection of the events that have a located place.
pub fn to_geojson(report: &Report) -> String {
    let fc: Value = json!({"type": "FeatureCollection", "features": geojson_features(report)});
    serde_json::to_string_pretty(&fc).unwrap_or_default() + "\n"
}

/// The GeoJSON point features of [`to_geojson`], one per located event, for
/// callers that gather them across reports.
pub fn geojson_features(report: &Report) -> Vec<Value> {
    let mut features = Vec::new();
    for story in &report.stories {
        for e in &story.events {
            let Some(p) = &e.location else { continue };
            let (Some(lat), Some(lon)) = (p.lat, p.lon) else {
                continue;
            };
            let value = |a: &str| fact(e, a).and_then(|f| f.value.best);
            features.push(json!({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
                "properties": {
                    "id": e.id, "story": story.id, "type": e.event_type, "subtype": e.subtype,
                    "date": e.date.and_then(|d| d.best), "place": p.name, "country": p.country,
                    "admin1": p.admin1, "geonames_id": p.geonames_id,
                    "killed": value("killed"), "injured": value("injured"),
                    "articles": articles_of(e), "sources_independent": sources(report, story, e),
                }
            }));
        }
    }
    features
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font:15px/1.5 system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}\
h1,h2,h3{line-height:1.2}table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}\
.corroborated{background:#e3f2e1}.conflict{background:#fde2e1}.single_source{background:#f3f3f3}\
.disc{border-left:4px solid #c62828;padding:.25rem .75rem;margin:.5rem 0;background:#fff5f5}.ambiguous{border-color:#ef6c00;background:#fff8ef}\
blockquote{margin:.25rem 0;color:#444}small{color:#555}";

/// A fact's consensus value as people read it: `6`, `40+`, `up to 10`,
/// `2–5 (best 3)`, or the quote of a statement.
pub fn fact_value(f: &Fact) -> String {
    interval_text(&f.value).unwrap_or_else(|| {
        f.qualifiers
            .get("quote")
            .and_then(Value::as_str)
            .map(|q| format!("“{q}”"))
            .unwrap_or_default()
    })
}

/// An interval as people read it: `6`, `40+`, `up to 10`, `2–5 (best 3)`;
/// `None` when it has no bound.
///
/// ```
/// use corroborate_model::Interval;
/// assert_eq!(corroborate_report::interval_text(&Interval::at_least(40.0)).as_deref(), Some("40+"));
/// ```
pub fn interval_text(v: &Interval) -> Option<String> {
    Some(match (v.low, v.best, v.high) {
        (Some(l), _, Some(h)) if l == h => num(Some(l)),
        (Some(l), _, None) => format!("{}+", num(Some(l))),
        (None, _, Some(h)) => format!("up to {}", num(Some(h))),
        (Some(l), _, Some(h)) => {
            format!("{}–{} (best {})", num(Some(l)), num(Some(h)), num(v.best))
        }
        (None, _, None) => return None,
    })
}

/// A single-file HTML report for people: per story, discrepancies first,
/// then events with their facts, status and sources. All text is escaped.
pub fn to_html(report: &Report) -> String {
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>corroborate report</title><style>{STYLE}</style></head><body>"
    );
    let _ = write!(
        o,
        "<h1>corroborate report</h1><p>{} article(s) in {} story(ies). Status colours: <span class=\"corroborated\">corroborated</span> · <span class=\"conflict\">conflict</span> · <span class=\"single_source\">single source</span>.</p>",
        report.articles.len(),
        report.stories.len()
    );
    for s in &report.stories {
        let _ = write!(
            o,
            "<section><h2>{} — {}</h2><p>{} article(s), {} independent source(s).</p>",
            escape_html(&s.id),
            escape_html(&s.title),
            s.articles.len(),
            s.independent_sources
        );
        if !s.discrepancies.is_empty() {
            let _ = write!(o, "<h3>Discrepancies</h3>");
            for d in &s.discrepancies {
                let sev = d
                    .severity
                    .map(|x| format!("{x:?}").to_lowercase())
                    .unwrap_or_default();
                let _ = write!(
                    o,
                    "<div class=\"disc {}\"><b>{:?}</b> {} in <code>{}</code> — {}: states <b>{}</b>, expected <b>{}</b>. {}",
                    escape_html(&sev),
                    d.kind,
                    escape_html(&sev),
                    escape_html(&d.article.0),
                    escape_html(&d.subject),
                    escape_html(&d.stated),
                    escape_html(&d.expected),
                    escape_html(&d.explanation)
                );
                for ev in &d.evidence {
                    let _ = write!(
                        o,
                        "<blockquote><small>{} [{}–{}]</small> {}</blockquote>",
                        escape_html(&ev.article.0),
                        ev.span.start,
                        ev.span.end,
                        escape_html(&ev.sentence)
                    );
                }
                o.push_str("</div>");
            }
        }
        let _ = write!(o, "<h3>Articles</h3><table><tr><th>article</th><th>outlet</th><th>published</th><th>derived from</th></tr>");
        for id in &s.articles {
            let Some(a) = report.articles.iter().find(|a| &a.id == id) else {
                continue;
            };
            let _ = write!(
                o,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape_html(&a.id.0),
                escape_html(a.outlet.as_deref().unwrap_or("")),
                a.published.map(|d| d.to_string()).unwrap_or_default(),
                escape_html(a.derived_from.as_ref().map_or("", |d| d.0.as_str()))
            );
        }
        o.push_str("</table>");
        if !s.events.is_empty() {
            let _ = write!(o, "<h3>Events</h3>");
        }
        for e in s.events.iter().filter(|e| !e.is_bare()) {
            let place = e
                .location
                .as_ref()
                .map_or(String::new(), |p| format!(" in {}", p.name));
            let date = e
                .date
                .and_then(|d| d.best)
                .map_or(String::new(), |d| format!(" on {d}"));
            let _ = write!(
                o,
                "<h4>{} {}{}{} <small>({} mention(s))</small></h4><table><tr><th>fact</th><th>value</th><th>status</th><th>sources</th></tr>",
                escape_html(&e.event_type),
                escape_html(e.subtype.as_deref().unwrap_or("")),
                escape_html(&place),
                escape_html(&date),
                e.mentions.len()
            );
            for f in e.facts.iter().filter(|f| f.attribute != "quantity") {
                let status = format!("{:?}", f.status).to_lowercase();
                let status = match status.as_str() {
                    "singlesource" => "single_source".to_owned(),
                    s => s.to_owned(),
                };
                let srcs: Vec<String> = f
                    .support
                    .iter()
                    .chain(&f.conflicting)
                    .map(|s| {
                        format!(
                            "<b>{}</b>: {}",
                            escape_html(&s.article.0),
                            escape_html(&s.sentence)
                        )
                    })
                    .collect();
                let _ = write!(
                    o,
                    "<tr class=\"{status}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    escape_html(&f.attribute),
                    escape_html(&fact_value(f)),
                    escape_html(&status),
                    srcs.join("<br>")
                );
            }
            o.push_str("</table>");
        }
        let bare = bare_events_line(&s.events);
        if !bare.is_empty() {
            let _ = write!(
                o,
                "<p class=\"bare\">Also told, with no place, people or figures: {}</p>",
                escape_html(&bare)
            );
        }
        o.push_str("</section>");
    }
    o.push_str("</body></html>\n");
    o
}

#[cfg(test)]
mod tests {
    use super::*;
    use corroborate_model::{ArticleId, Story};

    fn report(title: &str) -> Report {
        Report {
            version: "test".into(),
            articles: Vec::new(),
            stories: vec![Story {
                id: "s1".into(),
                title: title.into(),
                articles: vec![ArticleId("a".into())],
                independent_sources: 1,
                events: Vec::new(),
                alignment: Vec::new(),
                language_links: Vec::new(),
                discrepancies: Vec::new(),
            }],
        }
    }

    #[test]
    fn article_text_is_escaped_in_html() {
        let html = to_html(&report(
            "<script>alert(1)</script><img src=x onerror=\"y\">",
        ));
        assert!(!html.contains("<script>alert"));
        assert!(!html.contains("<img"));
        assert!(html.contains("&lt;script&gt;"));
    }

    #[test]
    fn csv_fields_with_commas_and_quotes_are_quoted() {
        assert_eq!(csv_field("a, \"b\""), "\"a, \"\"b\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(
            to_csv(&report("t")).lines().count(),
            1,
            "header only without events"
        );
    }
}
