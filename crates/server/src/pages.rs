//! The web UI's pages, rendered on the server with `maud` (which escapes
//! every interpolated string: article text is untrusted). The only scripts
//! are the binary's own files under `/assets/`, and the Content Security
//! Policy forbids any other.

use crate::api::{self, analyse_pasted, story_key, story_listing, Pasted, StoryFilter};
use crate::error::{ApiError, PageError};
use crate::state::AppState;
use crate::view::{self, discrepancy_id, fact_id, Mark, Tone};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use chrono::NaiveDate;
use corroborate_model::{FactStatus, Report, Severity, StoredArticle, Story};
use corroborate_report::fact_value;
use maud::{html, Markup, DOCTYPE};
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

type Shared = State<Arc<AppState>>;

/// The page frame: navigation, stylesheet, the UI script.
pub fn layout(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · corroborate" }
                link rel="stylesheet" href="/assets/app.css";
                script src="/assets/app.js" defer {}
            }
            body {
                header.top {
                    a.brand href="/" { "corroborate" }
                    nav aria-label="Main" {
                        a href="/" { "Stories" }
                        a href="/map" { "Map" }
                        a href="/timeline" { "Timeline" }
                        a href="/analyse" { "Analyse" }
                    }
                }
                main { (body) }
            }
        }
    }
}

fn date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| "undated".into())
}

fn dates(first: Option<NaiveDate>, last: Option<NaiveDate>) -> String {
    match (first, last) {
        (Some(a), Some(b)) if a != b => format!("{} – {}", date(Some(a)), date(Some(b))),
        (a, _) => date(a),
    }
}

fn query<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, PageError> {
    q.map(|Query(t)| t).map_err(|e| {
        PageError(ApiError::bad_request(format!(
            "bad query: {}",
            e.body_text()
        )))
    })
}

/// `GET /`: the story list with its filters.
pub async fn index(
    State(state): Shared,
    q: Result<Query<StoryFilter>, QueryRejection>,
) -> Result<Markup, PageError> {
    let filter = query(q)?;
    let f = filter.clone();
    let listing = state
        .with_store(move |store, st| story_listing(st, store, &f))
        .await?;
    let link = |offset: usize| {
        let mut q = form_urlencoded::Serializer::new(String::new());
        for (k, v) in [
            ("q", filter.q.as_deref()),
            ("place", filter.place.as_deref()),
            ("from", filter.from.as_deref()),
            ("to", filter.to.as_deref()),
        ] {
            if let Some(v) = v.filter(|v| !v.is_empty()) {
                q.append_pair(k, v);
            }
        }
        if let Some(c) = filter.conflicts {
            q.append_pair("conflicts", if c { "true" } else { "false" });
        }
        q.append_pair("offset", &offset.to_string());
        format!("/?{}", q.finish())
    };
    let body = html! {
        h1 { "Stories" }
        form.filters method="get" action="/" role="search" {
            label { "Words " input type="search" name="q" value=[filter.q.as_deref()]; }
            label { "Place " input type="text" name="place" value=[filter.place.as_deref()]; }
            label { "From " input type="date" name="from" value=[filter.from.as_deref()]; }
            label { "To " input type="date" name="to" value=[filter.to.as_deref()]; }
            label { input type="checkbox" name="conflicts" value="true" checked[filter.conflicts == Some(true)]; " with conflicts only" }
            button type="submit" { "Filter" }
        }
        p.count { (listing.total) " stories" }
        @if listing.items.is_empty() {
            p { "No stories yet. Ingest articles with " code { "corroborate ingest" } ", POST them to " code { "/api/articles" } ", or try the " a href="/analyse" { "analyse page" } "." }
        } @else {
            table.stories data-now=(corroborate_store::now_secs()) {
                thead { tr { th { "Story" } th { "Dates" } th { "Articles" } th { "Independent sources" } th { "Events" } th { "Status" } } }
                tbody {
                    @for s in &listing.items {
                        tr data-story=(s.id) data-first-seen=(s.first_seen) data-changed=(s.changed) {
                            td { a href={ "/stories/" (s.id) } { (if s.title.is_empty() { s.id.as_str() } else { s.title.as_str() }) }
                                 @if !s.places.is_empty() { br; small { (s.places.join(", ")) } } }
                            td { (dates(s.first_published, s.last_published)) }
                            td.num { (s.articles) }
                            td.num { (s.independent_sources) }
                            td.num { (s.events) }
                            td { @if s.has_conflicts { span.badge.conflict title="Sources disagree" { "⚠ conflicts" } } @else { span.badge.ok { "consistent" } } }
                        }
                    }
                }
            }
            nav.pages aria-label="Pages" {
                @if listing.offset > 0 { a rel="prev" href=(link(listing.offset.saturating_sub(listing.limit))) { "← newer" } }
                @if listing.offset + listing.items.len() < listing.total { a rel="next" href=(link(listing.offset + listing.limit)) { "older →" } }
            }
        }
    };
    Ok(layout("Stories", body))
}

/// `GET /stories/{id}`: the side-by-side verification view.
pub async fn story(State(state): Shared, Path(id): Path<String>) -> Result<Markup, PageError> {
    let key = story_key(&id)?;
    let a = state
        .with_store(move |store, st| st.analysed(store, key))
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no story {id:?}")))?;
    let Some(story) = a.report.stories.first() else {
        return Err(ApiError::not_found("empty story").into());
    };
    Ok(layout(
        &story.title,
        story_view(&a.report, story, &a.members),
    ))
}

/// The legend of the value colours (shared by every story view).
fn legend() -> Markup {
    html! {
        p.legend aria-label="Legend" {
            "Values: "
            mark.v.agree { "agrees" } " with independent sources · "
            mark.v.single { "single source" } " · "
            mark.v.conflict { "conflicts" } " with the consensus. Click a value to light up its evidence in every column."
        }
    }
}

fn severity(s: Option<Severity>) -> &'static str {
    match s {
        Some(Severity::High) => "high",
        Some(Severity::Medium) => "medium",
        Some(Severity::Low) => "low",
        Some(Severity::Ambiguous) => "ambiguous",
        None => "",
    }
}

fn status(s: FactStatus) -> (&'static str, Tone) {
    match s {
        FactStatus::Corroborated => ("corroborated", Tone::Agree),
        FactStatus::Conflict => ("conflict", Tone::Conflict),
        FactStatus::SingleSource => ("single source", Tone::Single),
    }
}

fn kind(k: corroborate_model::DiscrepancyKind) -> String {
    serde_json::to_value(k)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// One story: discrepancies, events with their facts, then the articles in
/// aligned columns with every fact value marked.
pub fn story_view(report: &Report, story: &Story, members: &[StoredArticle]) -> Markup {
    let texts: HashMap<&str, &str> = members
        .iter()
        .map(|m| (m.article.id.0.as_str(), m.article.text.as_str()))
        .collect();
    let marks = view::marks(report, &texts);
    let summary = |id: &str| report.articles.iter().find(|a| a.id.0 == id);
    let label = |id: &str| {
        summary(id)
            .and_then(|a| a.outlet.clone().or_else(|| a.url.clone()))
            .unwrap_or_else(|| id.to_owned())
    };
    // Columns in the story's order (earliest first).
    let columns: Vec<&StoredArticle> = story
        .articles
        .iter()
        .filter_map(|id| members.iter().find(|m| m.article.id == *id))
        .collect();
    let sentences: Vec<Vec<corroborate_model::Span>> = columns
        .iter()
        .map(|m| sentence_spans(&m.article.text))
        .collect();
    let column_of: HashMap<&str, usize> = columns
        .iter()
        .enumerate()
        .map(|(i, m)| (m.article.id.0.as_str(), i))
        .collect();
    let locate = |id: &str, at: usize| -> Option<view::Cell> {
        let c = *column_of.get(id)?;
        let s = sentences[c]
            .iter()
            .position(|sp| sp.start <= at && at < sp.end.max(sp.start + 1))?;
        Some((c, s))
    };
    let pairs: Vec<(view::Cell, view::Cell)> = story
        .alignment
        .iter()
        .filter_map(|p| {
            Some((
                locate(&p.a.0, p.a_span.start)?,
                locate(&p.b.0, p.b_span.start)?,
            ))
        })
        .collect();
    let counts: Vec<usize> = sentences.iter().map(Vec::len).collect();
    let rows = view::rows(&counts, &pairs);
    let bytes: Vec<Vec<usize>> = columns
        .iter()
        .map(|m| corroborate_text::char_byte_offsets(&m.article.text))
        .collect();
    let no_marks: Vec<Mark> = Vec::new();
    // Events that say where, who or how many get a section each; the
    // rest ("walked", "returned") one line.
    let told: Vec<&corroborate_model::Event> =
        story.events.iter().filter(|e| !e.is_bare()).collect();
    let bare = corroborate_model::bare_events_line(&story.events);
    html! {
        article.story data-story=(story.id) {
            h1 { (story.title) }
            p.meta {
                (story.articles.len()) " articles · "
                strong { (story.independent_sources) } " independent source" (if story.independent_sources == 1 { "" } else { "s" })
                " · " (told.len()) " events · " (story.discrepancies.len()) " discrepancies"
                " · " a href={ "/api/stories/" (story.id) } { "JSON" }
                " · " a href={ "/map?story=" (story.id) } { "map" }
            }
            (legend())
            @if !story.discrepancies.is_empty() {
                section.discrepancies aria-labelledby="disc-h" {
                    h2 #disc-h { "Discrepancies" }
                    @for (i, d) in story.discrepancies.iter().enumerate() {
                        div class={ "disc " (severity(d.severity)) } {
                            p {
                                span.kind { (kind(d.kind)) }
                                @if d.severity.is_some() { " " span class={ "sev " (severity(d.severity)) } { (severity(d.severity)) } }
                                " · " (d.subject) " — " strong { (label(&d.article.0)) } " states "
                                button.v.conflict type="button" data-fact=(discrepancy_id(&story.id, i)) aria-pressed="false" { (d.stated) }
                                @if !d.expected.is_empty() { "; expected " em { (d.expected) } }
                            }
                            p.why { (d.explanation) }
                        }
                    }
                }
            }
            @if !story.language_links.is_empty() {
                section.languages aria-labelledby="lang-h" {
                    h2 #lang-h { "Across languages" }
                    ul {
                        @for l in &story.language_links {
                            li {
                                strong { (label(&l.article.0)) } " (" (l.language) ") joins "
                                strong { (label(&l.linked_to.0)) } " (" (l.linked_language) ") through "
                                @for (i, a) in l.shared.iter().enumerate() {
                                    @if i > 0 { ", " }
                                    span.anchor { (a.text) } @if a.text != a.linked_text { " = " (a.linked_text) }
                                }
                            }
                        }
                    }
                }
            }
            section.events aria-labelledby="ev-h" {
                h2 #ev-h { "Events" }
                @if told.is_empty() { p { "No events found." } }
                @for e in &told {
                    div.event id=(e.id) {
                        h3 {
                            (e.event_type) @if let Some(s) = &e.subtype { " (" (s) ")" }
                            @if let Some(p) = &e.location { " · " (p.name) @if let Some(c) = &p.country { ", " (c) } }
                            @if let Some(d) = e.date.and_then(|d| d.best) { " · " (date(Some(d))) }
                        }
                        @if !e.facts.is_empty() {
                            ul.facts {
                                @for (i, f) in e.facts.iter().enumerate() {
                                    @let (word, tone) = status(f.status);
                                    li {
                                        span.attr { (f.attribute.replace('_', " ")) }
                                        @if let Some(o) = f.qualifiers.get("object").and_then(|v| v.as_str()) { " (" (o) ")" }
                                        " "
                                        button type="button" class={ "v " (tone.class()) } data-fact=(fact_id(&e.id, i)) aria-pressed="false" { (fact_value(f)) }
                                        " " small { (word) " · " (f.support.len()) " stating" @if !f.conflicting.is_empty() { ", " (f.conflicting.len()) " conflicting" } }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if !bare.is_empty() {
                p.bare { "Also told, with no place, people or figures: " (bare) }
            }
            section.side aria-labelledby="side-h" {
                h2 #side-h { "Side by side" }
                p.status aria-live="polite" {}
                div.grid role="table" aria-label="Articles side by side, aligned by sentence" data-columns=(columns.len()) {
                    div.row.head role="row" {
                        @for m in &columns {
                            @let s = summary(&m.article.id.0);
                            div.cell role="columnheader" data-article=(m.article.id.0) {
                                a href={ "/articles/" (urlencode(&m.article.id.0)) } { strong { (label(&m.article.id.0)) } }
                                br;
                                small {
                                    (date(m.article.published_date()))
                                    @if let Some(l) = &m.article.language { " · " (l) }
                                    @if let Some(d) = s.and_then(|s| s.derived_from.as_ref()) { " · derived from " (label(&d.0)) } @else { " · independent" }
                                }
                            }
                        }
                    }
                    @for row in &rows {
                        div.row role="row" {
                            @for (c, cell) in row.iter().enumerate() {
                                div.cell role="cell" data-article=(columns[c].article.id.0) {
                                    @for &si in cell {
                                        @let m = columns[c];
                                        @let ms = marks.get(&m.article.id.0).unwrap_or(&no_marks);
                                        span.s data-s=(si) {
                                            @for p in view::pieces(&m.article.text, &bytes[c], sentences[c][si], ms) {
                                                @if let Some(t) = p.tone {
                                                    mark class={ "v " (t.class()) } data-fact=(p.targets.join(" ")) tabindex="0" { (p.text) }
                                                } @else { (p.text) }
                                            }
                                        }
                                        " "
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Character spans of the sentences of `text`.
fn sentence_spans(text: &str) -> Vec<corroborate_model::Span> {
    let bytes = corroborate_text::char_byte_offsets(text);
    let ch = |b: usize| bytes.partition_point(|&x| x < b);
    corroborate_text::split_sentences(text)
        .iter()
        .map(|s| corroborate_model::Span::new(ch(s.start), ch(s.end)))
        .collect()
}

fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes())
        .collect::<String>()
        .replace('+', "%20")
}

/// `GET /articles/{id}`: one article's text with what the engine read in it.
pub async fn article(State(state): Shared, Path(id): Path<String>) -> Result<Markup, PageError> {
    let found = state
        .with_store(move |store, _| Ok(store.article(&id)?.ok_or(id)))
        .await?;
    let stored = found.map_err(|id| ApiError::not_found(format!("no article {id:?}")))?;
    let a = &stored.article;
    let ann = corroborate_understand::annotate(a, state.gazetteer());
    let title = a.display_title();
    let body = html! {
        h1 { (title) }
        p.meta {
            @if let Some(o) = &a.outlet { (o) " · " }
            (date(a.published_date()))
            @if let Some(l) = &a.language { " · " (l) }
            " · story " a href={ "/stories/s" (stored.story) } { "s" (stored.story) }
            @if let Some(u) = &a.url { " · " span.url { (u) } }
            " · " a href={ "/api/articles/" (urlencode(&a.id.0)) } { "JSON" }
        }
        div.text { @for para in a.text.lines().filter(|l| !l.trim().is_empty()) { p { (para) } } }
        h2 { "What the engine read" }
        table.ann {
            tr { th { "Places" } td { (ann.places.iter().map(|p| p.place.name.as_str()).collect::<Vec<_>>().join(" · ")) } }
            tr { th { "People and organisations" } td { (ann.entities.iter().map(|e| e.name.as_str()).collect::<Vec<_>>().join(" · ")) } }
            tr { th { "Numbers" } td { (ann.numbers.len()) } }
            tr { th { "Dates and times" } td { (ann.times.len()) } }
            tr { th { "Quotes" } td { (ann.quotes.len()) } }
        }
    };
    Ok(layout(&title, body))
}

/// Query of the map page.
#[derive(Debug, serde::Deserialize)]
pub struct MapPage {
    story: Option<String>,
}

/// `GET /map`: located events on an offline world map (drawn by
/// `/assets/map.js` from `/api/map`).
pub async fn map(q: Result<Query<MapPage>, QueryRejection>) -> Result<Markup, PageError> {
    let q = query(q)?;
    let src = match q.story.as_deref() {
        Some(s) => {
            story_key(s)?;
            format!("/api/map?story={s}")
        }
        None => "/api/map".to_owned(),
    };
    let body = html! {
        h1 { "Event map" }
        p { "Located events of the latest " (api::MAP_STORIES) " stories; a marker's area grows with the casualties reported. Click a marker to open its story." }
        figure.map {
            svg #map data-src=(src) role="img" aria-label="World map of located events" viewBox="0 0 960 500" {}
            figcaption #map-status aria-live="polite" { "Loading…" }
        }
        script src="/assets/vendor/d3-array.min.js" {}
        script src="/assets/vendor/d3-geo.min.js" {}
        script src="/assets/vendor/topojson-client.min.js" {}
        script src="/assets/map.js" {}
    };
    Ok(layout("Map", body))
}

/// Most stories the timeline draws.
const TIMELINE_STORIES: usize = 100;

/// `GET /timeline`: events and publication dates of the latest stories.
pub async fn timeline(State(state): Shared) -> Result<Markup, PageError> {
    let analysed = state
        .with_store(|store, st| {
            let rows = st.story_rows(store, &corroborate_store::StoryQuery::default())?;
            let mut out = Vec::new();
            for row in rows.iter().take(TIMELINE_STORIES) {
                if let Some(a) = st.analysed_row(store, row)? {
                    out.push(a);
                }
            }
            Ok(out)
        })
        .await?;
    // Every dated thing: (story index, date, is_event, label).
    let mut points: Vec<(usize, NaiveDate, bool, String)> = Vec::new();
    for (i, a) in analysed.iter().enumerate() {
        for art in &a.report.articles {
            if let Some(d) = art.published {
                let who = art.outlet.clone().unwrap_or_else(|| art.id.0.clone());
                points.push((i, d, false, format!("{who} published {d}")));
            }
        }
        for e in a
            .report
            .stories
            .iter()
            .flat_map(|s| &s.events)
            .filter(|e| !e.is_bare())
        {
            if let Some(d) = e.date.and_then(|d| d.best) {
                let place = e
                    .location
                    .as_ref()
                    .map(|p| format!(" in {}", p.name))
                    .unwrap_or_default();
                points.push((i, d, true, format!("{}{place} on {d}", e.event_type)));
            }
        }
    }
    let (Some(lo), Some(hi)) = (
        points.iter().map(|p| p.1).min(),
        points.iter().map(|p| p.1).max(),
    ) else {
        return Ok(layout(
            "Timeline",
            html! { h1 { "Timeline" } p { "No dated events or articles yet." } },
        ));
    };
    let span_days = (hi - lo).num_days().max(1) as f64;
    let (left, width, row_h) = (320.0, 600.0, 28.0);
    let x = |d: NaiveDate| left + width * (d - lo).num_days() as f64 / span_days;
    let height = row_h * analysed.len() as f64 + 40.0;
    let mut by_row: BTreeMap<usize, Vec<&(usize, NaiveDate, bool, String)>> = BTreeMap::new();
    for p in &points {
        by_row.entry(p.0).or_default().push(p);
    }
    let body = html! {
        h1 { "Timeline" }
        p.legend { svg.key width="14" height="14" aria-hidden="true" { circle cx="7" cy="7" r="5" class="pub" {} } " article published · "
                   svg.key width="14" height="14" aria-hidden="true" { rect x="2" y="2" width="10" height="10" class="evt" transform="rotate(45 7 7)" {} } " event date" }
        svg.timeline role="img" aria-label="Timeline of events and publication dates" viewBox={ "0 0 940 " (height) } {
            line x1=(left) x2=(left + width) y1=(height - 24.0) y2=(height - 24.0) class="axis" {}
            text x=(left) y=(height - 6.0) class="tick" { (lo.format("%Y-%m-%d")) }
            text x=(left + width) y=(height - 6.0) class="tick end" { (hi.format("%Y-%m-%d")) }
            @for (i, a) in analysed.iter().enumerate() {
                @let y = row_h * i as f64 + 16.0;
                a href={ "/stories/" (a.summary.id) } {
                    text x="0" y=(y + 4.0) class="label" { (truncate(&a.summary.title, 48)) }
                }
                line x1=(left) x2=(left + width) y1=(y) y2=(y) class="lane" {}
                @for p in by_row.get(&i).map(Vec::as_slice).unwrap_or(&[]) {
                    @if p.2 {
                        rect x=(x(p.1) - 5.0) y=(y - 5.0) width="10" height="10" class="evt" transform={ "rotate(45 " (x(p.1)) " " (y) ")" } { title { (p.3) } }
                    } @else {
                        circle cx=(x(p.1)) cy=(y) r="4" class="pub" { title { (p.3) } }
                    }
                }
            }
        }
    };
    Ok(layout("Timeline", body))
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        s.chars().take(n - 1).collect::<String>() + "…"
    }
}

/// Number of article blocks the analyse form starts with.
const ANALYSE_BLOCKS: usize = 3;

fn analyse_form(pasted: &[Pasted]) -> Markup {
    let blocks = pasted.len().max(ANALYSE_BLOCKS);
    html! {
        form #analyse method="post" action="/analyse" {
            @for i in 0..blocks {
                @let p = pasted.get(i).cloned().unwrap_or_default();
                fieldset.pasted {
                    legend { "Article " (i + 1) }
                    label { "URL " input type="url" name={ "url" (i) } value=[p.url.as_deref()]; }
                    label { "Outlet " input type="text" name={ "outlet" (i) } value=[p.outlet.as_deref()]; }
                    label { "Published " input type="date" name={ "published" (i) } value=[p.published.as_deref()]; }
                    label.text { "Text " textarea name={ "text" (i) } rows="8" { (p.text) } }
                }
            }
            button type="button" #add-article { "Add another article" }
            " "
            button type="submit" { "Analyse" }
        }
    }
}

/// `GET /analyse`: paste articles and compare them without storing them.
pub async fn analyse_page() -> Markup {
    layout(
        "Analyse",
        html! {
            h1 { "Analyse pasted articles" }
            p { "Paste the texts of several reports (with their URL and date when you have them). Nothing is stored." }
            (analyse_form(&[]))
        },
    )
}

/// Parses the analyse form: fields `text0`, `url0`, `outlet0`,
/// `published0`, `text1`, …
fn pasted_from_form(body: &[u8]) -> Vec<Pasted> {
    let mut by_index: BTreeMap<usize, Pasted> = BTreeMap::new();
    for (k, v) in form_urlencoded::parse(body) {
        let split = k.find(|c: char| c.is_ascii_digit()).unwrap_or(k.len());
        let (field, index) = k.split_at(split);
        let Ok(i) = index.parse::<usize>() else {
            continue;
        };
        if i >= 1000 {
            continue;
        }
        let p = by_index.entry(i).or_default();
        let v = v.into_owned();
        match field {
            "text" => p.text = v,
            "url" => p.url = Some(v),
            "outlet" => p.outlet = Some(v),
            "published" => p.published = Some(v),
            "title" => p.title = Some(v),
            _ => {}
        }
    }
    by_index.into_values().collect()
}

/// `POST /analyse`: the story view of the pasted articles.
pub async fn analyse_submit(
    State(state): Shared,
    bytes: Result<Bytes, BytesRejection>,
) -> Result<Markup, PageError> {
    let bytes = bytes.map_err(|e| ApiError::new(e.status(), e.body_text()))?;
    let pasted = pasted_from_form(&bytes);
    let st = Arc::clone(&state);
    let p = pasted.clone();
    let result = tokio::task::spawn_blocking(move || analyse_pasted(&p, &st))
        .await
        .map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "analysis failed"))?;
    let (report, articles, problems) = match result {
        Ok(r) => r,
        Err(e) => {
            return Ok(layout(
                "Analyse",
                html! { h1 { "Analyse pasted articles" } p.error role="alert" { (e.message) } (analyse_form(&pasted)) },
            ))
        }
    };
    let body = html! {
        h1 { "Analysis of " (articles.len()) " pasted articles" }
        @for p in &problems { p.error { (p) } }
        @if report.stories.len() > 1 { p { "They tell " (report.stories.len()) " different stories." } }
        @for s in &report.stories { (story_view(&report, s, &articles)) }
        details { summary { "Edit and analyse again" } (analyse_form(&pasted)) }
    };
    Ok(layout("Analysis", body))
}

/// Unknown page.
pub async fn not_found() -> PageError {
    PageError(ApiError::not_found("no such page"))
}
