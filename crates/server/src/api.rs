//! The JSON API (`/api/...`), described by `openapi.json`.

use crate::error::ApiError;
use crate::state::{AppState, StorySummary};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{Path, Query, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::NaiveDate;
use corroborate_ingest::IngestOptions;
use corroborate_model::{Report, StoredArticle};
use corroborate_pipeline::{ingest_bytes, Event};
use corroborate_report::build_report;
use corroborate_store::{Outcome, SqliteStore, Store, StoryQuery};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use std::sync::Arc;

/// The OpenAPI 3 document of this API.
pub const OPENAPI: &str = include_str!("openapi.json");

/// Default and largest page sizes of listings.
const DEFAULT_LIMIT: usize = 20;
const MAX_LIMIT: usize = 200;
/// Most articles one analyse request may carry.
pub(crate) const MAX_ANALYSE_ARTICLES: usize = 50;

type Shared = State<Arc<AppState>>;

/// Filters and page of the story listing (API query and the list page's form).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct StoryFilter {
    /// Skip this many stories.
    pub offset: Option<u64>,
    /// Page size (clamped to 1–200, default 20).
    pub limit: Option<i64>,
    /// Stories with an article published on or after this day.
    pub from: Option<String>,
    /// … on or before this day.
    pub to: Option<String>,
    /// A located event's place, region or country code contains this.
    pub place: Option<String>,
    /// Words some article of the story contains (full-text search).
    pub q: Option<String>,
    /// Only stories with (true) or without (false) conflicts.
    pub conflicts: Option<bool>,
}

/// A page of a listing.
#[derive(Debug, Serialize)]
pub struct Listing<T> {
    /// Items matching the filters, in all pages.
    pub total: usize,
    /// Items skipped.
    pub offset: usize,
    /// Page size.
    pub limit: usize,
    /// This page.
    pub items: Vec<T>,
}

/// Largest offset a listing takes (the largest integer JSON keeps exact).
const MAX_OFFSET: u64 = (1 << 53) - 1;

/// Offset and page size of a listing: the size is clamped to 1–200, an
/// offset beyond [`MAX_OFFSET`] is refused.
pub(crate) fn page_bounds(
    offset: Option<u64>,
    limit: Option<i64>,
) -> Result<(usize, usize), ApiError> {
    let offset = offset.unwrap_or(0);
    if offset > MAX_OFFSET {
        return Err(ApiError::bad_request(format!(
            "offset: at most {MAX_OFFSET}"
        )));
    }
    let limit = limit
        .unwrap_or(DEFAULT_LIMIT as i64)
        .clamp(1, MAX_LIMIT as i64);
    Ok((
        usize::try_from(offset).unwrap_or(usize::MAX),
        limit as usize,
    ))
}

fn date_param(name: &str, value: Option<&str>) -> Result<Option<NaiveDate>, ApiError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => NaiveDate::parse_from_str(v, "%Y-%m-%d")
            .map(Some)
            .map_err(|_| ApiError::bad_request(format!("{name}: expected a date YYYY-MM-DD"))),
    }
}

/// The stories matching `filter`, one page of them analysed.
pub(crate) fn story_listing(
    state: &AppState,
    store: &dyn Store,
    filter: &StoryFilter,
) -> Result<Listing<StorySummary>, ApiError> {
    let query = StoryQuery {
        from: date_param("from", filter.from.as_deref())?,
        to: date_param("to", filter.to.as_deref())?,
        text: filter.q.clone().filter(|q| !q.trim().is_empty()),
    };
    let rows = state.story_rows(store, &query)?;
    let (offset, limit) = page_bounds(filter.offset, filter.limit)?;
    let place = filter.place.as_deref().map(str::trim).unwrap_or("");
    if place.is_empty() && filter.conflicts.is_none() {
        let mut items = Vec::new();
        for row in rows.iter().skip(offset).take(limit) {
            if let Some((_, summary)) = state.summary_row(store, row)? {
                items.push(summary);
            }
        }
        return Ok(Listing {
            total: rows.len(),
            offset,
            limit,
            items,
        });
    }
    // Place and conflicts are known only after analysis: analyse every
    // candidate (cached across requests), then page.
    let mut matching = Vec::new();
    for row in rows.iter() {
        let Some((a, summary)) = state.summary_row(store, row)? else {
            continue;
        };
        if filter
            .conflicts
            .is_some_and(|c| c != a.summary.has_conflicts)
        {
            continue;
        }
        if !a.summary.is_at(place, &a.report) {
            continue;
        }
        matching.push(summary);
    }
    Ok(Listing {
        total: matching.len(),
        offset,
        limit,
        items: matching.into_iter().skip(offset).take(limit).collect(),
    })
}

/// `s12` → 12.
pub(crate) fn story_key(id: &str) -> Result<i64, ApiError> {
    id.strip_prefix('s')
        .and_then(|k| k.parse::<i64>().ok())
        .filter(|k| *k > 0)
        .ok_or_else(|| ApiError::not_found(format!("no story {id:?}: story ids look like s12")))
}

fn query<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    q.map(|Query(t)| t)
        .map_err(|e| ApiError::bad_request(format!("bad query: {}", e.body_text())))
}

/// `GET /api/health`
pub async fn health(State(state): Shared) -> Result<Json<Value>, ApiError> {
    let n = state
        .with_store(|store, _| Ok(store.count_articles()?))
        .await?;
    Ok(Json(
        json!({ "status": "ok", "articles": n, "version": env!("CARGO_PKG_VERSION") }),
    ))
}

/// `GET /api/openapi.json`
pub async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI).into_response()
}

/// `GET /api/stories`
pub async fn stories(
    State(state): Shared,
    RawQuery(raw): RawQuery,
    q: Result<Query<StoryFilter>, QueryRejection>,
) -> Result<Response, ApiError> {
    let filter = query(q)?;
    let raw = raw.unwrap_or_default();
    // A repeated listing is answered from memory, without the store.
    if let Some(json) = state
        .fresh_generation()
        .and_then(|g| state.cached_listing(&raw, g))
    {
        return Ok(json_bytes(json));
    }
    let json = state
        .with_store(move |store, st| {
            let generation = st.generation(store)?;
            let listing = story_listing(st, store, &filter)?;
            let json: Bytes = serde_json::to_vec(&listing).unwrap_or_default().into();
            st.keep_listing(raw, generation, json.clone());
            Ok(json)
        })
        .await?;
    Ok(json_bytes(json))
}

/// `GET /api/stories/{id}`: the report (SPEC §3) of one story.
pub async fn story(State(state): Shared, Path(id): Path<String>) -> Result<Response, ApiError> {
    let key = story_key(&id)?;
    if let Some(json) = state
        .fresh_generation()
        .and_then(|g| state.cached_story_json(key, g))
    {
        return Ok(json_bytes(json));
    }
    let a = state
        .with_store(move |store, st| st.analysed(store, key))
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no story {id:?}")))?;
    Ok(json_bytes(a.json.clone()))
}

/// A response of JSON already serialised.
fn json_bytes(bytes: Bytes) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], bytes).into_response()
}

/// Query of the article listing.
#[derive(Debug, Deserialize)]
pub struct PageQuery {
    offset: Option<u64>,
    limit: Option<i64>,
}

/// An article in a listing (no text).
#[derive(Debug, Serialize)]
pub struct ArticleItem {
    id: String,
    url: Option<String>,
    outlet: Option<String>,
    title: String,
    published: Option<NaiveDate>,
    language: Option<String>,
    story: String,
}

impl ArticleItem {
    fn of(a: &StoredArticle) -> Self {
        ArticleItem {
            id: a.article.id.0.clone(),
            url: a.article.url.clone(),
            outlet: a.article.outlet.clone(),
            title: a.article.display_title(),
            published: a.article.published_date(),
            language: a.article.language.clone(),
            story: format!("s{}", a.story),
        }
    }
}

/// `GET /api/articles`
pub async fn articles(
    State(state): Shared,
    q: Result<Query<PageQuery>, QueryRejection>,
) -> Result<Json<Listing<ArticleItem>>, ApiError> {
    let q = query(q)?;
    let (offset, limit) = page_bounds(q.offset, q.limit)?;
    let listing = state
        .with_store(move |store, _| {
            let total = store.count_articles()? as usize;
            let items = store.article_page(offset, limit)?;
            Ok(Listing {
                total,
                offset,
                limit,
                items: items.iter().map(ArticleItem::of).collect(),
            })
        })
        .await?;
    Ok(Json(listing))
}

/// `GET /api/articles/{id}`: text, annotations and extracted events
/// (computed once per article and store generation).
pub async fn article(State(state): Shared, Path(id): Path<String>) -> Result<Response, ApiError> {
    if let Some(json) = state
        .fresh_generation()
        .and_then(|g| state.cached_article_json(&id, g))
    {
        return Ok(json_bytes(json));
    }
    let found = state
        .with_store(move |store, st| {
            let json = st.article_json(store, &id, |stored| {
                serde_json::to_vec(&article_detail(stored, st))
                    .unwrap_or_default()
                    .into()
            })?;
            Ok(json.ok_or(id))
        })
        .await?;
    let json = found.map_err(|id| ApiError::not_found(format!("no article {id:?}")))?;
    Ok(json_bytes(json))
}

fn article_detail(stored: &StoredArticle, state: &AppState) -> Value {
    let annotations = corroborate_understand::annotate(&stored.article, state.gazetteer());
    let events = corroborate_extract::extract(&stored.article, &annotations);
    let a = &stored.article;
    json!({
        "article": {
            "id": a.id, "url": a.url, "outlet": a.outlet, "title": a.title,
            "published": a.published_date(),
            "published_source": a.published.map(|p| p.source.as_str()),
            "language": a.language, "input": a.input, "source": a.source,
            "story": format!("s{}", stored.story), "text": a.text,
        },
        "annotations": annotations,
        "events": events,
    })
}

/// Query of an upload.
#[derive(Debug, Deserialize)]
pub struct UploadQuery {
    /// Publication date for every article of the body (as `--published`).
    published: Option<String>,
    /// Id of a plain-text or HTML body (default: `upload-` + a content hash).
    id: Option<String>,
}

/// How an upload's content type maps to the file extension the readers
/// take as a hint; JSON bodies are turned into JSON Lines first.
fn upload_kind(headers: &HeaderMap) -> Option<&'static str> {
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match ct.as_str() {
        "application/json" => Some("json"),
        "application/x-ndjson"
        | "application/jsonl"
        | "application/x-jsonlines"
        | "application/jsonlines" => Some("jsonl"),
        "text/html" | "application/xhtml+xml" => Some("html"),
        "text/plain" => Some("txt"),
        "application/rss+xml" | "application/atom+xml" | "application/xml" | "text/xml" => {
            Some("xml")
        }
        "application/warc" => Some("warc"),
        "application/gzip" => Some("gz"),
        _ => None,
    }
}

/// A JSON body (one article object or an array of them) as JSON Lines.
fn json_to_lines(body: &[u8]) -> Result<Vec<u8>, ApiError> {
    let value: Value = serde_json::from_slice(body)
        .map_err(|e| ApiError::bad_request(format!("malformed JSON: {e}")))?;
    let items = match value {
        Value::Array(items) => items,
        v @ Value::Object(_) => vec![v],
        _ => {
            return Err(ApiError::bad_request(
                "expected an article object or an array of them",
            ))
        }
    };
    if items.is_empty() {
        return Err(ApiError::bad_request("no articles in the body"));
    }
    let mut out = Vec::new();
    for item in items {
        if !item.is_object() {
            return Err(ApiError::bad_request(
                "every item must be an article object",
            ));
        }
        out.extend(serde_json::to_vec(&item).unwrap_or_default());
        out.push(b'\n');
    }
    Ok(out)
}

fn body(body: Result<Bytes, BytesRejection>) -> Result<Bytes, ApiError> {
    body.map_err(|e| ApiError::new(e.status(), e.body_text()))
}

/// `POST /api/articles`: stores the body's articles, as `corroborate ingest`.
pub async fn upload(
    State(state): Shared,
    q: Result<Query<UploadQuery>, QueryRejection>,
    headers: HeaderMap,
    bytes: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    let q = query(q)?;
    let bytes = body(bytes)?;
    if bytes.is_empty() {
        return Err(ApiError::bad_request("empty body: send an article"));
    }
    let mut opts: IngestOptions = state.options.ingest.clone();
    opts.published = date_param("published", q.published.as_deref())?;
    let (ext, data) = match upload_kind(&headers) {
        Some("json") => (Some("jsonl"), json_to_lines(&bytes)?),
        kind => (kind, bytes.to_vec()),
    };
    let name = match q.id.map(|i| i.trim().to_owned()).filter(|i| !i.is_empty()) {
        Some(id) if id.len() <= 512 => id,
        Some(_) => return Err(ApiError::bad_request("id: at most 512 bytes")),
        None => {
            let digest = Sha256::digest(&data);
            let hex: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
            format!("upload-{hex}")
        }
    };
    let outcome = state
        .with_store(move |store, state| {
            let mut articles = Vec::new();
            let mut problems = Vec::new();
            let places = |text: &str| state.place_anchors(text);
            let summary =
                ingest_bytes(
                    store,
                    &name,
                    ext,
                    data,
                    &opts,
                    Some(&places),
                    &mut |ev| match ev {
                        Event::Article { id, outcome } => {
                            let status = match outcome {
                                Outcome::Stored { .. } => "stored",
                                Outcome::SameId {
                                    same_content: false,
                                } => "id_reused",
                                Outcome::SameId { .. } | Outcome::SameContent { .. } => "unchanged",
                            };
                            articles.push((id.0.clone(), status));
                        }
                        Event::Problem(p) => problems.push(p.to_string()),
                        _ => {}
                    },
                )?;
            let mut listed = Vec::new();
            for (id, status) in articles {
                let story = store.article(&id)?.map(|a| format!("s{}", a.story));
                listed.push(json!({ "id": id, "outcome": status, "story": story }));
            }
            Ok((summary, listed, problems))
        })
        .await?;
    let (summary, listed, problems) = outcome;
    // What this server wrote shows at once in its next answers.
    state.forget_generation();
    let status = if summary.read == 0 {
        StatusCode::UNPROCESSABLE_ENTITY
    } else if summary.stored > 0 {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    let mut out = json!({
        "read": summary.read, "stored": summary.stored, "unchanged": summary.unchanged,
        "errors": summary.errors, "warnings": summary.warnings,
        "articles": listed, "problems": problems,
    });
    if summary.read == 0 {
        out["error"] = json!(problems
            .first()
            .cloned()
            .unwrap_or_else(|| "no article in the body".into()));
    }
    Ok((status, Json(out)).into_response())
}

/// One pasted article of an analyse request.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct Pasted {
    /// The article's text (required).
    pub text: String,
    /// Where it was published.
    pub url: Option<String>,
    /// Who published it.
    pub outlet: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// ISO 639-1 language code.
    pub language: Option<String>,
}

/// Body of `POST /api/analyse`.
#[derive(Debug, Deserialize)]
pub struct AnalyseRequest {
    /// The articles to compare.
    pub articles: Vec<Pasted>,
}

/// Corroborates pasted articles without storing them: they are read as
/// JSON Lines into a store in memory (so reprints, ids and dates are
/// handled exactly as on ingest), then reported. Returns the report and the
/// articles (for their texts).
pub(crate) fn analyse_pasted(
    pasted: &[Pasted],
    state: &AppState,
) -> Result<(Report, Vec<StoredArticle>, Vec<String>), ApiError> {
    let pasted: Vec<&Pasted> = pasted
        .iter()
        .filter(|p| !p.text.trim().is_empty())
        .collect();
    if pasted.is_empty() {
        return Err(ApiError::bad_request(
            "paste the text of at least one article",
        ));
    }
    if pasted.len() > MAX_ANALYSE_ARTICLES {
        return Err(ApiError::bad_request(format!(
            "at most {MAX_ANALYSE_ARTICLES} articles per analysis"
        )));
    }
    let mut lines = Vec::new();
    for (i, p) in pasted.iter().enumerate() {
        let record = json!({
            "id": format!("pasted-{}", i + 1), "text": p.text, "url": p.url.as_deref().filter(|s| !s.trim().is_empty()),
            "outlet": p.outlet.as_deref().filter(|s| !s.trim().is_empty()),
            "title": p.title.as_deref().filter(|s| !s.trim().is_empty()),
            "published": p.published.as_deref().filter(|s| !s.trim().is_empty()),
            "language": p.language.as_deref().filter(|s| !s.trim().is_empty()),
        });
        lines.extend(serde_json::to_vec(&record).unwrap_or_default());
        lines.push(b'\n');
    }
    let mut store = SqliteStore::in_memory()?;
    let mut problems = Vec::new();
    let places = |text: &str| state.place_anchors(text);
    ingest_bytes(
        &mut store,
        "pasted",
        Some("jsonl"),
        lines,
        &state.options.ingest,
        Some(&places),
        &mut |ev| {
            if let Event::Problem(p) = ev {
                problems.push(p.to_string());
            }
        },
    )?;
    let articles = store.articles()?;
    Ok((
        build_report(&articles, None, state.gazetteer()),
        articles,
        problems,
    ))
}

/// `POST /api/analyse`: the report of pasted articles, nothing stored.
pub async fn analyse(
    State(state): Shared,
    bytes: Result<Bytes, BytesRejection>,
) -> Result<Json<Report>, ApiError> {
    let bytes = body(bytes)?;
    let req: AnalyseRequest = serde_json::from_slice(&bytes)
        .map_err(|e| ApiError::bad_request(format!("malformed JSON: {e}")))?;
    let st = Arc::clone(&state);
    let (report, _, _) = tokio::task::spawn_blocking(move || analyse_pasted(&req.articles, &st))
        .await
        .map_err(|_| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "analysis failed"))??;
    Ok(Json(report))
}

/// Query of the map data.
#[derive(Debug, Deserialize)]
pub struct MapQuery {
    story: Option<String>,
}

/// Most stories whose events the map shows (the latest).
pub(crate) const MAP_STORIES: usize = 500;

/// `GET /api/map`: located events as GeoJSON (of one story or the latest).
pub async fn map(
    State(state): Shared,
    q: Result<Query<MapQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let q = query(q)?;
    let only = q.story.as_deref().map(story_key).transpose()?;
    let features = state
        .with_store(move |store, st| {
            let mut features: Vec<Value> = Vec::new();
            let mut add =
                |report: &Report| features.extend(corroborate_report::geojson_features(report));
            match only {
                Some(key) => match st.analysed(store, key)? {
                    Some(a) => add(&a.report),
                    None => return Err(ApiError::not_found("no such story")),
                },
                None => {
                    for row in st
                        .story_rows(store, &StoryQuery::default())?
                        .iter()
                        .take(MAP_STORIES)
                    {
                        if let Some(a) = st.analysed_row(store, row)? {
                            add(&a.report);
                        }
                    }
                }
            }
            Ok(features)
        })
        .await?;
    let fc = json!({ "type": "FeatureCollection", "features": features });
    Ok((
        [(header::CONTENT_TYPE, "application/geo+json")],
        fc.to_string(),
    )
        .into_response())
}

/// Unknown `/api/...` path.
pub async fn not_found() -> ApiError {
    ApiError::not_found("no such endpoint; see /api/openapi.json")
}
