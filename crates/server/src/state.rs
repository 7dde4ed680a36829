//! What every request shares: a pool of store connections, the gazetteer,
//! and a cache of analysed stories keyed by their membership version.

use crate::error::ApiError;
use chrono::NaiveDate;
use corroborate_ingest::IngestOptions;
use corroborate_model::{FactStatus, Report, StoredArticle};
use corroborate_report::{build_report, Gazetteer};
use corroborate_store::{membership_version, Store, StoreError, StoryQuery, StoryRow};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// Opens a new connection to the store the server works on. Called at
/// most [`STORE_SLOTS`] times in steady use; connections are pooled.
pub type StoreOpener = Arc<dyn Fn() -> Result<Box<dyn Store + Send>, StoreError> + Send + Sync>;

/// Most analysed stories kept in memory.
const CACHE_STORIES: usize = 2_000;
/// How long a read of the store generation is trusted: another process's
/// ingest shows within this time; this server's own uploads at once.
const FRESH: Duration = Duration::from_millis(200);
/// Most story listings (distinct queries) kept in memory.
const QUERY_CACHE: usize = 256;
/// Most article details kept in memory.
const ARTICLE_CACHE: usize = 20_000;
/// Most store calls running at once; as many idle connections are kept.
/// Without a bound, a burst of a thousand requests (every cache hit
/// confirms the store generation once [`FRESH`] has passed) opened and
/// closed a connection each: slow, and under load a rare open failed.
/// SQLite reads are CPU-bound on a few cores, so more would not be faster.
const STORE_SLOTS: usize = 16;

/// Settings of a server.
#[derive(Debug, Clone)]
pub struct Options {
    /// Bearer token the API (and the pages) require; `None` on loopback.
    pub token: Option<String>,
    /// Largest request body accepted, in bytes.
    pub max_body_bytes: usize,
    /// Limits for uploaded articles (the CLI's ingest limits).
    pub ingest: IngestOptions,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            token: None,
            max_body_bytes: 16 << 20,
            ingest: IngestOptions::default(),
        }
    }
}

/// One story after corroboration, as the pages and the API show it.
#[derive(Debug)]
pub struct Analysed {
    /// Membership version it was computed for.
    pub version: i64,
    /// The report restricted to this story (its articles and the story).
    pub report: Report,
    /// The listing line.
    pub summary: StorySummary,
    /// The member articles, for their texts.
    pub members: Vec<StoredArticle>,
    /// `report` as JSON, serialised once for every request that wants it.
    pub json: axum::body::Bytes,
}

/// A story as the list shows it.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StorySummary {
    /// Story id (`s3`).
    pub id: String,
    /// Headline.
    pub title: String,
    /// Member articles.
    pub articles: usize,
    /// Copy families among them.
    pub independent_sources: usize,
    /// Earliest publication date.
    pub first_published: Option<NaiveDate>,
    /// Latest publication date.
    pub last_published: Option<NaiveDate>,
    /// Languages of the members.
    pub languages: Vec<String>,
    /// Events found.
    pub events: usize,
    /// Discrepancies flagged.
    pub discrepancies: usize,
    /// Whether any figure conflicts or any discrepancy was found.
    pub has_conflicts: bool,
    /// Places of the located events.
    pub places: Vec<String>,
    /// When the story's first article was stored (seconds since the
    /// epoch): the UI marks stories new since a reader's last visit.
    pub first_seen: i64,
    /// When its latest article was stored: the UI marks stories changed
    /// since the last visit.
    pub changed: i64,
}

impl StorySummary {
    fn of(report: &Report) -> Option<StorySummary> {
        let story = report.stories.first()?;
        let dates = report.articles.iter().filter_map(|a| a.published);
        let mut languages: Vec<String> = report
            .articles
            .iter()
            .filter_map(|a| a.language.clone())
            .collect();
        languages.sort();
        languages.dedup();
        let mut places: Vec<String> = story
            .events
            .iter()
            .filter_map(|e| e.location.as_ref().map(|p| p.name.clone()))
            .collect();
        places.sort();
        places.dedup();
        let conflicting = story
            .events
            .iter()
            .flat_map(|e| &e.facts)
            .any(|f| f.status == FactStatus::Conflict);
        Some(StorySummary {
            id: story.id.clone(),
            title: story.title.clone(),
            articles: story.articles.len(),
            independent_sources: story.independent_sources,
            first_published: dates.clone().min(),
            last_published: dates.max(),
            languages,
            events: story.events.len(),
            discrepancies: story.discrepancies.len(),
            has_conflicts: conflicting || !story.discrepancies.is_empty(),
            places,
            first_seen: 0,
            changed: 0,
        })
    }

    /// Whether the story happened at `place`: a located event's place name,
    /// region or country code contains it (case ignored).
    pub fn is_at(&self, place: &str, report: &Report) -> bool {
        let want = place.trim().to_lowercase();
        if want.is_empty() {
            return true;
        }
        report
            .stories
            .iter()
            .flat_map(|s| &s.events)
            .filter_map(|e| e.location.as_ref())
            .any(|p| {
                [Some(&p.name), p.admin1.as_ref(), p.country.as_ref()]
                    .into_iter()
                    .flatten()
                    .any(|v| v.to_lowercase().contains(&want))
            })
    }
}

/// Shared state of a running server.
pub struct AppState {
    open: StoreOpener,
    pool: Mutex<Vec<Box<dyn Store + Send>>>,
    /// Permits to run a store call ([`STORE_SLOTS`]).
    slots: Arc<tokio::sync::Semaphore>,
    gazetteer: Option<Arc<Gazetteer>>,
    /// Analysed stories by key, with the store generation they were last
    /// confirmed at (then no membership query is needed).
    cache: Mutex<HashMap<i64, (u64, Arc<Analysed>)>>,
    /// The store generation last read, and when: cache hits younger than
    /// [`FRESH`] are answered without touching the store.
    known: Mutex<(Option<Instant>, u64)>,
    /// Story listing answers (JSON) by raw query string.
    listings: GenerationCache<String, axum::body::Bytes>,
    /// Story listings by query, with the store generation they were read at.
    rows: GenerationCache<StoryQuery, Arc<Vec<StoryRow>>>,
    /// Article details (JSON) by id, with the store generation.
    articles: GenerationCache<String, axum::body::Bytes>,
    pub(crate) options: Options,
}

impl AppState {
    /// State over the store `open` connects to; one connection is opened
    /// now, so that a store that cannot be opened fails at start-up.
    pub fn new(
        open: StoreOpener,
        gazetteer: Option<Gazetteer>,
        options: Options,
    ) -> Result<Self, StoreError> {
        let first = open()?;
        Ok(AppState {
            open,
            pool: Mutex::new(vec![first]),
            slots: Arc::new(tokio::sync::Semaphore::new(STORE_SLOTS)),
            gazetteer: gazetteer.map(Arc::new),
            cache: Mutex::new(HashMap::new()),
            known: Mutex::new((None, 0)),
            listings: GenerationCache::new(QUERY_CACHE),
            rows: GenerationCache::new(QUERY_CACHE),
            articles: GenerationCache::new(ARTICLE_CACHE),
            options,
        })
    }

    /// Compiles the lexicons and grammars the understanding pass builds on
    /// first use (a few hundred milliseconds), so that no request pays for it.
    pub fn warm_up(&self) {
        let article = corroborate_model::Article {
            id: corroborate_model::ArticleId("warm-up".into()),
            url: None,
            outlet: None,
            title: Some("Warm-up".into()),
            published: None,
            language: Some("en".into()),
            text: "Two people were injured on Monday, officials said, and 3 homes were damaged."
                .into(),
            input: corroborate_model::InputKind::Text,
            source: String::new(),
        };
        let annotations = corroborate_understand::annotate(&article, self.gazetteer());
        std::hint::black_box(corroborate_extract::extract(&article, &annotations));
    }

    /// Corroborates the latest `stories` stories ahead of their first view
    /// (the story list, the map and the timeline open many at once), so a
    /// freshly started server over a large store answers them quickly.
    /// Errors only end the prefetch: requests will compute what is missing.
    pub fn prefetch(&self, stories: usize) {
        let Ok(store) = (self.open)() else { return };
        let Ok(rows) = self.story_rows(store.as_ref(), &StoryQuery::default()) else {
            return;
        };
        for row in rows.iter().take(stories) {
            if self.analysed_row(store.as_ref(), row).is_err() {
                return;
            }
        }
    }

    /// The gazetteer, if one was loaded.
    pub fn gazetteer(&self) -> Option<&Gazetteer> {
        self.gazetteer.as_deref()
    }

    /// The place keys of a text, for consolidation to link languages by
    /// (none without a gazetteer).
    pub fn place_anchors(&self, text: &str) -> Vec<String> {
        self.gazetteer()
            .map_or_else(Vec::new, |g| g.place_anchors(text))
    }

    /// Runs `f` with a pooled store connection on the blocking thread pool
    /// (SQLite calls block).
    pub(crate) async fn with_store<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&mut dyn Store, &AppState) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        // Never closed, so acquiring only waits. The permit goes with the
        // call: it is held until the call ends, even if the client left.
        let slot = Arc::clone(&self.slots).acquire_owned().await.map_err(|_| {
            ApiError::new(
                axum::http::StatusCode::SERVICE_UNAVAILABLE,
                "the server is shutting down",
            )
        })?;
        let state = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let _slot = slot;
            let taken = lock(&state.pool).pop();
            let mut store = match taken {
                Some(s) => s,
                None => (state.open)()?,
            };
            let out = f(store.as_mut(), &state);
            let mut pool = lock(&state.pool);
            if pool.len() < STORE_SLOTS {
                pool.push(store);
            }
            out
        })
        .await
        .map_err(|e| {
            eprintln!("corroborate serve: request task failed: {e}");
            ApiError::new(
                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                "internal error while answering the request",
            )
        })?
    }

    /// The story with key `key`, corroborated (from the cache when its
    /// membership has not changed); `None` when there is no such story.
    pub(crate) fn analysed(
        &self,
        store: &dyn Store,
        key: i64,
    ) -> Result<Option<Arc<Analysed>>, ApiError> {
        let generation = self.generation(store)?;
        if let Some((g, hit)) = lock(&self.cache).get(&key) {
            if *g == generation {
                return Ok(Some(Arc::clone(hit)));
            }
        }
        let members = store.story_members(key)?;
        if members.is_empty() {
            return Ok(None);
        }
        let version = membership_version(members.iter().map(|m| m.key));
        if let Some(hit) = self.cached(key, version) {
            lock(&self.cache).insert(key, (generation, Arc::clone(&hit)));
            return Ok(Some(hit));
        }
        Ok(Some(self.analyse(key, version, generation, members)))
    }

    /// The story of a listing row, corroborated (cached by its version).
    /// The listing line of a story row (with the row's storage times).
    pub(crate) fn summary_row(
        &self,
        store: &dyn Store,
        row: &StoryRow,
    ) -> Result<Option<(Arc<Analysed>, StorySummary)>, ApiError> {
        Ok(self.analysed_row(store, row)?.map(|a| {
            let mut s = a.summary.clone();
            s.first_seen = row.first_ingested;
            s.changed = row.last_ingested;
            (a, s)
        }))
    }

    pub(crate) fn analysed_row(
        &self,
        store: &dyn Store,
        row: &StoryRow,
    ) -> Result<Option<Arc<Analysed>>, ApiError> {
        if let Some(hit) = self.cached(row.key, row.version) {
            return Ok(Some(hit));
        }
        self.analysed(store, row.key)
    }

    /// Reads the store generation and remembers it (see [`FRESH`]).
    pub(crate) fn generation(&self, store: &dyn Store) -> Result<u64, ApiError> {
        let g = store.generation()?;
        *lock(&self.known) = (Some(Instant::now()), g);
        Ok(g)
    }

    /// The generation read less than [`FRESH`] ago, if any.
    pub(crate) fn fresh_generation(&self) -> Option<u64> {
        let (at, g) = *lock(&self.known);
        at.filter(|t| t.elapsed() < FRESH).map(|_| g)
    }

    /// Forgets the generation (after this server wrote to the store).
    pub(crate) fn forget_generation(&self) {
        lock(&self.known).0 = None;
    }

    /// A story's report JSON when it is cached for `generation`.
    pub(crate) fn cached_story_json(&self, key: i64, generation: u64) -> Option<axum::body::Bytes> {
        lock(&self.cache)
            .get(&key)
            .filter(|(g, _)| *g == generation)
            .map(|(_, a)| a.json.clone())
    }

    /// An article's details JSON when cached for `generation`.
    pub(crate) fn cached_article_json(
        &self,
        id: &str,
        generation: u64,
    ) -> Option<axum::body::Bytes> {
        self.articles.get(id, generation)
    }

    /// A story listing's JSON when cached for `generation`.
    pub(crate) fn cached_listing(&self, query: &str, generation: u64) -> Option<axum::body::Bytes> {
        self.listings.get(query, generation)
    }

    /// Keeps a story listing's JSON for `generation`.
    pub(crate) fn keep_listing(&self, query: String, generation: u64, json: axum::body::Bytes) {
        self.listings.put(query, generation, json);
    }

    /// The stories matching `query`, read again only when the store has
    /// changed since (listing them scans the articles table).
    pub(crate) fn story_rows(
        &self,
        store: &dyn Store,
        query: &StoryQuery,
    ) -> Result<Arc<Vec<StoryRow>>, ApiError> {
        let generation = self.generation(store)?;
        if let Some(rows) = self.rows.get(query, generation) {
            return Ok(rows);
        }
        let rows = Arc::new(store.story_rows(query)?);
        self.rows.put(query.clone(), generation, Arc::clone(&rows));
        Ok(rows)
    }

    /// An article's details as JSON, made by `make` when the store has
    /// changed since it was last made (`None`: no such article).
    pub(crate) fn article_json(
        &self,
        store: &dyn Store,
        id: &str,
        make: impl FnOnce(&StoredArticle) -> axum::body::Bytes,
    ) -> Result<Option<axum::body::Bytes>, ApiError> {
        let generation = self.generation(store)?;
        if let Some(json) = self.articles.get(id, generation) {
            return Ok(Some(json));
        }
        let Some(stored) = store.article(id)? else {
            return Ok(None);
        };
        let json = make(&stored);
        self.articles.put(id.to_owned(), generation, json.clone());
        Ok(Some(json))
    }

    fn cached(&self, key: i64, version: i64) -> Option<Arc<Analysed>> {
        lock(&self.cache)
            .get(&key)
            .filter(|(_, a)| a.version == version)
            .map(|(_, a)| Arc::clone(a))
    }

    fn analyse(
        &self,
        key: i64,
        version: i64,
        generation: u64,
        members: Vec<StoredArticle>,
    ) -> Arc<Analysed> {
        let id = format!("s{key}");
        let report = build_report(&members, Some(&id), self.gazetteer());
        let summary = StorySummary::of(&report).unwrap_or_else(|| StorySummary {
            id,
            title: String::new(),
            articles: members.len(),
            independent_sources: 0,
            first_published: None,
            last_published: None,
            languages: Vec::new(),
            events: 0,
            discrepancies: 0,
            has_conflicts: false,
            places: Vec::new(),
            first_seen: 0,
            changed: 0,
        });
        let json = serde_json::to_vec(&report).unwrap_or_default().into();
        let analysed = Arc::new(Analysed {
            version,
            report,
            summary,
            members,
            json,
        });
        let mut cache = lock(&self.cache);
        if cache.len() >= CACHE_STORIES {
            // Crude but bounded: start over rather than track recency.
            cache.clear();
        }
        cache.insert(key, (generation, Arc::clone(&analysed)));
        analysed
    }
}

/// Values computed from the store, each valid for the store generation it
/// was computed at; bounded (cleared when full rather than tracking use).
struct GenerationCache<K, V> {
    map: Mutex<HashMap<K, (u64, V)>>,
    capacity: usize,
}

impl<K: std::hash::Hash + Eq, V: Clone> GenerationCache<K, V> {
    fn new(capacity: usize) -> Self {
        GenerationCache {
            map: Mutex::new(HashMap::new()),
            capacity,
        }
    }

    fn get<Q>(&self, key: &Q, generation: u64) -> Option<V>
    where
        K: std::borrow::Borrow<Q>,
        Q: std::hash::Hash + Eq + ?Sized,
    {
        lock(&self.map)
            .get(key)
            .filter(|(g, _)| *g == generation)
            .map(|(_, v)| v.clone())
    }

    fn put(&self, key: K, generation: u64, value: V) {
        let mut map = lock(&self.map);
        if map.len() >= self.capacity {
            map.clear();
        }
        map.insert(key, (generation, value));
    }
}

/// A poisoned lock only means another request panicked; its data (a pool,
/// a cache) is still consistent, so carry on.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}
