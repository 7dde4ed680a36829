use corroborate_model::{bare_events_line, FactStatus, Report};
use std::fmt::Write;

/// The report for people: stories, their articles with outlets and dates,
/// events and facts with their status, and discrepancies first.
pub fn to_markdown(report: &Report) -> String {
    let mut out = String::new();
    let n_articles = report.articles.len();
    let _ = writeln!(out, "# corroborate report\n");
    let _ = writeln!(
        out,
        "{n_articles} article(s) in {} story(ies).\n",
        report.stories.len()
    );
    for story in &report.stories {
        let _ = writeln!(out, "## {} — {}\n", story.id, escape(&story.title));
        let _ = writeln!(
            out,
            "{} article(s), {} independent source(s) (copies of one another count once).\n",
            story.articles.len(),
            story.independent_sources
        );
        if !story.discrepancies.is_empty() {
            let _ = writeln!(out, "### Discrepancies\n");
            for d in &story.discrepancies {
                let severity = d
                    .severity
                    .map(|s| format!(" ({s:?})").to_lowercase())
                    .unwrap_or_default();
                let _ = writeln!(
                    out,
                    "- **{:?}**{severity} in `{}` — {}: states {}, expected {}. {}",
                    d.kind,
                    d.article,
                    escape(&d.subject),
                    escape(&d.stated),
                    escape(&d.expected),
                    escape(&d.explanation)
                );
            }
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "| article | outlet | published | language | derived from |"
        );
        let _ = writeln!(out, "|---|---|---|---|---|");
        for id in &story.articles {
            let Some(a) = report.articles.iter().find(|a| &a.id == id) else {
                continue;
            };
            let date = a
                .published
                .map(|d| {
                    format!(
                        "{d}{}",
                        a.published_source
                            .as_deref()
                            .map(|s| format!(" ({s})"))
                            .unwrap_or_default()
                    )
                })
                .unwrap_or_else(|| "unknown".into());
            let derived = a
                .derived_from
                .as_ref()
                .map(|d| {
                    format!(
                        "`{d}`{}",
                        a.derivation_similarity
                            .map(|s| format!(" ({s:.2})"))
                            .unwrap_or_default()
                    )
                })
                .unwrap_or_else(|| "—".into());
            let _ = writeln!(
                out,
                "| `{}` | {} | {date} | {} | {derived} |",
                escape(&a.id.0),
                escape(a.outlet.as_deref().unwrap_or("—")),
                a.language.as_deref().unwrap_or("—"),
            );
        }
        out.push('\n');
        if story.events.is_empty() {
            let _ = writeln!(out, "No events extracted.\n");
        }
        for e in story.events.iter().filter(|e| !e.is_bare()) {
            let place = e
                .location
                .as_ref()
                .map(|p| format!(" in {}", p.name))
                .unwrap_or_default();
            let date = e
                .date
                .and_then(|d| d.best)
                .map(|d| format!(" on {d}"))
                .unwrap_or_default();
            let sub = e
                .subtype
                .as_deref()
                .map(|s| format!(" ({s})"))
                .unwrap_or_default();
            let _ = writeln!(out, "### {} — {}{sub}{place}{date}\n", e.id, e.event_type);
            if !e.actors.is_empty() {
                let actors: Vec<String> = e
                    .actors
                    .iter()
                    .map(|a| format!("{} ({})", escape(&a.name), a.role))
                    .collect();
                let _ = writeln!(out, "Actors: {}\n", actors.join(", "));
            }
            for f in e
                .facts
                .iter()
                .filter(|f| f.attribute != "quantity" || e.facts.len() < 4)
            {
                let status = match f.status {
                    FactStatus::Corroborated => "corroborated",
                    FactStatus::Conflict => "CONFLICT",
                    FactStatus::SingleSource => "single source",
                };
                if let Some(q) = f.qualifiers.get("quote").and_then(|q| q.as_str()) {
                    let _ = writeln!(
                        out,
                        "- quote: “{}” — {status}, {} supporting",
                        escape(q),
                        f.support.len()
                    );
                    continue;
                }
                let details: Vec<String> = f
                    .qualifiers
                    .iter()
                    .map(|(k, v)| {
                        format!(
                            "{k}: {}",
                            v.as_str().map_or_else(|| v.to_string(), str::to_owned)
                        )
                    })
                    .collect();
                let details = if details.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", escape(&details.join(", ")))
                };
                let v = &f.value;
                let range =
                    |x: Option<f64>| x.map(|x| x.to_string()).unwrap_or_else(|| "open".into());
                let _ = writeln!(
                    out,
                    "- {}{details}: {} [{}..{}] — {status}, {} supporting, {} conflicting",
                    f.attribute,
                    v.best.map(|b| b.to_string()).unwrap_or_else(|| "?".into()),
                    range(v.low),
                    range(v.high),
                    f.support.len(),
                    f.conflicting.len()
                );
            }
            out.push('\n');
        }
        let bare = bare_events_line(&story.events);
        if !bare.is_empty() {
            let _ = writeln!(
                out,
                "Also told, with no place, people or figures: {}\n",
                escape(&bare)
            );
        }
    }
    out
}

/// Keeps article-supplied text from breaking the Markdown table or markup.
fn escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_text_cannot_break_the_table() {
        assert_eq!(escape("a|b<script>"), "a\\|b&lt;script&gt;");
    }
}
