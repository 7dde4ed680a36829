//! One watch cycle: poll every source (conditional GET, politely), fetch
//! the pages of new items, ingest them, re-corroborate the stories whose
//! membership changed, and send the alerts that calls for — once.

use crate::alerts::{story_alerts, AlertRules, Sink};
use crate::http::{Body, FetchError, FetchOptions, Fetched, Fetcher};
use crate::robots::{Robots, MAX_ROBOTS_BYTES};
use crate::schedule::{origin, run, HostClock, Politeness};
use crate::sitemap::{self, looks_like_sitemap, Sitemap, SitemapEntry};
use crate::WatchError;
use chrono::NaiveDate;
use corroborate_ingest::feed::FeedItem;
use corroborate_ingest::{extract_page, finish_article, sniff, Draft, IngestOptions, Sniffed};
use corroborate_model::StoredArticle;
use corroborate_model::{Article, InputKind};
use corroborate_pipeline::{ingest_articles, Event};
use corroborate_report::{build_report, Gazetteer};
use corroborate_store::{
    membership_version, now_secs as now, AlertRecord, Outcome, SourceState, Store, StoryQuery,
};
use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use url::Url;

/// Growth of the store (a fraction of it) after which the stories are
/// consolidated again: consolidation reads every stored article, so a
/// watcher adding a few articles a cycle runs it now and then, not each time.
const CONSOLIDATE_GROWTH: f64 = 0.02;

/// How soon a site whose `robots.txt` could not be read is asked again.
const ROBOTS_RETRY: Duration = Duration::from_secs(600);

/// Most alerts recorded in one transaction.
const ALERT_BATCH: usize = 1024;

/// How a watch behaves.
#[derive(Debug, Clone)]
pub struct WatchOptions {
    /// The HTTP client's limits and identity.
    pub fetch: FetchOptions,
    /// Per-site delay and concurrency.
    pub politeness: Politeness,
    /// When alerts fire and what they link to.
    pub rules: AlertRules,
    /// Where alerts go (default: the watch's own output, [`Sink::Log`]).
    pub sinks: Vec<Sink>,
    /// Limits for reading fetched pages and feeds.
    pub ingest: IngestOptions,
    /// Most new items taken from one source in one cycle (newest first);
    /// the rest wait for the next cycle.
    pub max_new_items: usize,
    /// A feed item whose text is shorter than this (in characters) is a
    /// summary: its page is fetched for the full text.
    pub full_text_min_chars: usize,
    /// How long a site's `robots.txt` is trusted before it is fetched again.
    pub robots_ttl: Duration,
}

impl Default for WatchOptions {
    fn default() -> Self {
        WatchOptions {
            fetch: FetchOptions::default(),
            politeness: Politeness::default(),
            rules: AlertRules::default(),
            sinks: vec![Sink::Log],
            ingest: IngestOptions::default(),
            max_new_items: 100,
            full_text_min_chars: 600,
            robots_ttl: Duration::from_secs(24 * 3600),
        }
    }
}

/// What one cycle did.
#[derive(Debug, Clone, Default)]
pub struct CycleReport {
    /// Sources polled (child sitemaps included).
    pub sources: usize,
    /// Sources that answered with content.
    pub changed: usize,
    /// Sources that answered `304 Not Modified`.
    pub not_modified: usize,
    /// Sources that failed.
    pub failed: usize,
    /// Items listed by the changed sources.
    pub items: usize,
    /// New items (not stored yet).
    pub new_items: usize,
    /// Article pages fetched.
    pub pages: usize,
    /// Requests not made because `robots.txt` disallows them.
    pub robots_blocked: usize,
    /// Articles newly stored.
    pub stored: usize,
    /// Stories re-corroborated (their membership changed).
    pub stories_corroborated: usize,
    /// Alerts delivered / failed (to be retried next cycle).
    pub alerts_sent: usize,
    /// Alerts whose delivery failed this cycle.
    pub alerts_failed: usize,
    /// One line per problem (a source, an item, an alert).
    pub problems: Vec<String>,
    /// The lines of alerts sent to the `log` destination.
    pub alert_lines: Vec<String>,
    /// Time spent fetching sources and pages.
    pub fetch_time: Duration,
    /// Time spent storing.
    pub ingest_time: Duration,
    /// Time spent re-corroborating changed stories.
    pub corroborate_time: Duration,
    /// The longest single story re-corroboration.
    pub slowest_story: Duration,
    /// Whether the cycle stopped early on request (nothing half-written).
    pub interrupted: bool,
}

/// Polls a fixed list of sources into a store, cycle after cycle.
pub struct Watcher {
    sources: Vec<Url>,
    opts: WatchOptions,
    fetcher: Fetcher,
    clock: HostClock,
    /// Each site's `robots.txt`: when it was read, how long it holds.
    robots: Mutex<HashMap<String, RobotsEntry>>,
    gazetteer: Option<Arc<Gazetteer>>,
    /// Story key → membership version last corroborated.
    versions: HashMap<i64, i64>,
    /// Stories stored before this time were corroborated by an earlier run.
    baseline: Option<i64>,
    /// Articles handed to the store since the last consolidation.
    unconsolidated: u64,
}

/// What polling one source gave.
enum Poll {
    NotModified,
    Feed {
        outlet: Option<String>,
        kind: InputKind,
        items: Vec<FeedItem>,
    },
    Pages(Vec<SitemapEntry>),
    /// Further sources: the sitemaps of an index, the feeds a page announces.
    Children {
        kind: &'static str,
        children: Vec<SitemapEntry>,
    },
}

/// A site's `robots.txt` as read: when, how long it holds, its rules.
type RobotsEntry = (Instant, Duration, Arc<Robots>);

/// A source to poll: its URL, the sitemap index that listed it, its state.
type SourceTask = (Url, Option<String>, SourceState);

/// An item whose page is to be fetched.
struct PageTask {
    source: String,
    id: String,
    url: Url,
    hint: Draft,
    /// The feed's own text, used when the page cannot be had.
    fallback: Option<Draft>,
}

impl Watcher {
    /// A watcher over `sources` (see [`crate::expand_sources`]).
    pub fn new(sources: Vec<Url>, opts: WatchOptions, gazetteer: Option<Arc<Gazetteer>>) -> Self {
        Watcher {
            fetcher: Fetcher::new(opts.fetch.clone()),
            sources,
            opts,
            clock: HostClock::default(),
            robots: Mutex::new(HashMap::new()),
            gazetteer,
            versions: HashMap::new(),
            baseline: None,
            unconsolidated: 0,
        }
    }

    /// Runs cycles every `every` until `stop` is set (checked between
    /// cycles, between a cycle's phases, and while waiting), calling
    /// `on_cycle` after each. Only a store failure ends it early.
    pub fn run(
        &mut self,
        store: &mut dyn Store,
        every: Duration,
        stop: &AtomicBool,
        on_cycle: &mut dyn FnMut(&CycleReport),
    ) -> Result<(), WatchError> {
        while !stop.load(Ordering::SeqCst) {
            let started = Instant::now();
            let report = self.cycle(store, stop)?;
            on_cycle(&report);
            while !stop.load(Ordering::SeqCst) && started.elapsed() < every {
                std::thread::sleep(Duration::from_millis(100).min(every));
            }
        }
        Ok(())
    }

    /// One cycle. Sources, pages and alerts that fail are reported in
    /// [`CycleReport::problems`] and retried next cycle; only a store
    /// failure is an error.
    pub fn cycle(
        &mut self,
        store: &mut dyn Store,
        stop: &AtomicBool,
    ) -> Result<CycleReport, WatchError> {
        let mut report = CycleReport::default();
        let mut states: HashMap<String, SourceState> = store
            .watch_sources()?
            .into_iter()
            .map(|s| (s.url.clone(), s))
            .collect();
        if self.baseline.is_none() {
            // Stories stored since the earliest last poll of our sources may
            // not have been corroborated (a crash, a stop): look at them again.
            let earliest = self
                .sources
                .iter()
                .filter_map(|u| states.get(u.as_str()).and_then(|s| s.last_checked))
                .min();
            self.baseline = Some(earliest.unwrap_or_else(now));
        }
        let started = Instant::now();

        // Sources, then the child sitemaps of any sitemap index.
        let mut wave: Vec<(Url, Option<String>)> =
            self.sources.iter().map(|u| (u.clone(), None)).collect();
        let mut polled: HashSet<String> = HashSet::new();
        let mut articles: Vec<(String, Article)> = Vec::new();
        let mut pages: Vec<PageTask> = Vec::new();
        for _depth in 0..2 {
            wave.retain(|(u, _)| polled.insert(u.to_string()));
            if wave.is_empty() {
                break;
            }
            let tasks: Vec<(String, SourceTask)> = wave
                .drain(..)
                .map(|(u, parent)| {
                    let state = states
                        .get(u.as_str())
                        .cloned()
                        .unwrap_or_else(|| SourceState {
                            url: u.to_string(),
                            kind: "unknown".into(),
                            ..SourceState::default()
                        });
                    (origin(&u), (u, parent, state))
                })
                .collect();
            let results = self.fetch_all(tasks, &|(u, parent, state)| {
                let r = self.poll(&u, &state);
                (u, parent, state, r)
            });
            for (url, parent, mut state, result) in results {
                report.sources += 1;
                state.last_checked = Some(now());
                state.parent = parent.or(state.parent);
                match result {
                    Err(e) => {
                        report.failed += 1;
                        report.problems.push(format!("{url}: {e}"));
                        state.last_error = Some(e.to_string());
                        state.last_error_at = Some(now());
                        state.failures += 1;
                    }
                    Ok((poll, validators)) => {
                        state.last_success = Some(now());
                        state.failures = 0;
                        if let Some((etag, modified)) = validators {
                            state.etag = etag;
                            state.last_modified = modified;
                        }
                        match poll {
                            Poll::NotModified => {
                                report.not_modified += 1;
                                state.not_modified += 1;
                                // An unchanged index still has children
                                // that change: poll those it listed before.
                                let known: Vec<Url> = states
                                    .values()
                                    .filter(|c| c.parent.as_deref() == Some(url.as_str()))
                                    .filter_map(|c| Url::parse(&c.url).ok())
                                    .collect();
                                for child in known {
                                    wave.push((child, Some(url.to_string())));
                                }
                            }
                            Poll::Feed {
                                outlet,
                                kind,
                                items,
                            } => {
                                report.changed += 1;
                                state.kind = "feed".into();
                                state.items_seen += items.len() as i64;
                                report.items += items.len();
                                self.take_feed_items(
                                    store,
                                    &url,
                                    outlet,
                                    kind,
                                    items,
                                    &mut articles,
                                    &mut pages,
                                    &mut report,
                                )?;
                            }
                            Poll::Pages(entries) => {
                                report.changed += 1;
                                state.kind = "sitemap".into();
                                state.items_seen += entries.len() as i64;
                                report.items += entries.len();
                                self.take_sitemap_entries(
                                    store,
                                    &url,
                                    entries,
                                    &mut pages,
                                    &mut report,
                                )?;
                            }
                            Poll::Children { kind, children } => {
                                report.changed += 1;
                                state.kind = kind.into();
                                state.items_seen += children.len() as i64;
                                for child in children.into_iter().take(self.opts.max_new_items) {
                                    match url.join(&child.loc) {
                                        Ok(u) => wave.push((u, Some(url.to_string()))),
                                        Err(e) => report
                                            .problems
                                            .push(format!("{url}: child {}: {e}", child.loc)),
                                    }
                                }
                            }
                        }
                    }
                }
                states.insert(url.to_string(), state);
            }
        }

        // Pages of the new items that need one.
        if !pages.is_empty() && !stop.load(Ordering::SeqCst) {
            let tasks: Vec<(String, PageTask)> =
                pages.into_iter().map(|p| (origin(&p.url), p)).collect();
            let fetched = self.fetch_all(tasks, &|task| {
                let r = self.fetch_page(&task);
                (task, r)
            });
            for (task, result) in fetched {
                match result {
                    Ok(article) => {
                        report.pages += 1;
                        articles.push((task.source, article));
                    }
                    Err(e) => {
                        if matches!(e, WatchError::Robots(_)) {
                            report.robots_blocked += 1;
                        }
                        report.problems.push(format!("{}: {e}", task.id));
                        if let Some(draft) = task.fallback {
                            articles.push((task.source, finish_article(draft, &self.opts.ingest)));
                        }
                    }
                }
            }
        }
        report.fetch_time = started.elapsed();
        if stop.load(Ordering::SeqCst) {
            // Nothing fetched is stored: the next run fetches it again.
            report.interrupted = true;
            return Ok(report);
        }

        // Store what is new.
        let t = Instant::now();
        let mut source_of: HashMap<String, String> = HashMap::new();
        let batch: Vec<Article> = articles
            .into_iter()
            .map(|(source, a)| {
                source_of.insert(a.id.0.clone(), source);
                a
            })
            .collect();
        // Stories an article joined; `None` when the consolidation after
        // the ingest moved articles (then every story is compared).
        let mut touched: Option<HashSet<i64>> = Some(HashSet::new());
        if !batch.is_empty() {
            let mut stored_by: HashMap<String, i64> = HashMap::new();
            let mut joined: HashSet<i64> = HashSet::new();
            // Consolidation reads the whole store: once it has grown by
            // CONSOLIDATE_GROWTH since the last one (and on the first cycle).
            self.unconsolidated += batch.len() as u64;
            let total = store.count_articles()? + batch.len() as u64;
            let consolidate = self.unconsolidated as f64 >= CONSOLIDATE_GROWTH * total as f64;
            if consolidate {
                self.unconsolidated = 0;
            }
            let gazetteer = self.gazetteer.clone();
            let places = move |text: &str| {
                gazetteer
                    .as_deref()
                    .map_or_else(Vec::new, |g| g.place_anchors(text))
            };
            let summary = ingest_articles(store, batch, consolidate, Some(&places), &mut |e| {
                if let Event::Article {
                    id,
                    outcome: Outcome::Stored { story, .. },
                } = e
                {
                    joined.insert(*story);
                    if let Some(s) = source_of.get(&id.0) {
                        *stored_by.entry(s.clone()).or_default() += 1;
                    }
                }
            })?;
            report.stored = summary.stored;
            touched = (summary.restoried == 0).then_some(joined);
            for (source, n) in stored_by {
                if let Some(s) = states.get_mut(&source) {
                    s.articles_stored += n;
                }
            }
        }
        report.ingest_time = t.elapsed();

        // Re-corroborate the stories whose membership changed and alert.
        let t = Instant::now();
        self.corroborate_changed(store, &mut report, touched)?;
        report.corroborate_time = t.elapsed();
        self.deliver_pending(store, &mut report)?;

        for url in &polled {
            if let Some(s) = states.get(url) {
                store.save_watch_source(s)?;
            }
        }
        Ok(report)
    }

    /// Runs `work` over tasks under the politeness limits.
    fn fetch_all<T: Send, R: Send>(
        &self,
        tasks: Vec<(String, T)>,
        work: &(dyn Fn(T) -> R + Sync),
    ) -> Vec<R> {
        let delay_for = |origin: &str| {
            self.robots
                .lock()
                .ok()
                .and_then(|m| m.get(origin).and_then(|(_, _, r)| r.crawl_delay))
                .unwrap_or(Duration::ZERO)
        };
        run(tasks, self.opts.politeness, &self.clock, &delay_for, work)
    }

    /// The site's `robots.txt`, fetched when not known or too old: a 4xx
    /// allows everything, a 5xx or an unreachable site disallows everything
    /// (RFC 9309) until it is asked again, after [`ROBOTS_RETRY`]. A site
    /// the guard refuses is an error, not a disallowing `robots.txt`.
    fn robots_for(&self, url: &Url) -> Result<Arc<Robots>, FetchError> {
        let key = origin(url);
        if let Ok(m) = self.robots.lock() {
            if let Some((at, ttl, r)) = m.get(&key) {
                if at.elapsed() < *ttl {
                    return Ok(Arc::clone(r));
                }
            }
        }
        let (robots, ttl) = match url.join("/robots.txt") {
            Err(_) => (Robots::allow_all(), self.opts.robots_ttl),
            Ok(r) => match self.fetcher.get(&r, None, None) {
                Ok(Fetched::Body(b)) => {
                    let text =
                        String::from_utf8_lossy(&b.bytes[..b.bytes.len().min(MAX_ROBOTS_BYTES)]);
                    (
                        Robots::parse(&text, self.fetcher.robots_token()),
                        self.opts.robots_ttl,
                    )
                }
                Ok(Fetched::NotModified) => (Robots::allow_all(), self.opts.robots_ttl),
                Err(FetchError::Status(s)) if (400..500).contains(&s) => {
                    (Robots::allow_all(), self.opts.robots_ttl)
                }
                Err(e @ (FetchError::Private { .. } | FetchError::Scheme(_))) => return Err(e),
                Err(_) => (
                    Robots::disallow_all(),
                    self.opts.robots_ttl.min(ROBOTS_RETRY),
                ),
            },
        };
        let robots = Arc::new(robots);
        if let Ok(mut m) = self.robots.lock() {
            m.insert(key, (Instant::now(), ttl, Arc::clone(&robots)));
        }
        Ok(robots)
    }

    /// GETs `url` if `robots.txt` allows it.
    fn polite_get(
        &self,
        url: &Url,
        etag: Option<&str>,
        modified: Option<&str>,
    ) -> Result<Fetched, WatchError> {
        self.fetcher.check_url(url)?;
        let robots = self.robots_for(url)?;
        let path = match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        };
        if !robots.allows(&path) {
            return Err(WatchError::Robots(url.to_string()));
        }
        Ok(self.fetcher.get(url, etag, modified)?)
    }

    /// Polls one source with its validators.
    #[allow(clippy::type_complexity)]
    fn poll(
        &self,
        url: &Url,
        state: &SourceState,
    ) -> Result<(Poll, Option<(Option<String>, Option<String>)>), WatchError> {
        let body =
            match self.polite_get(url, state.etag.as_deref(), state.last_modified.as_deref())? {
                Fetched::NotModified => return Ok((Poll::NotModified, None)),
                Fetched::Body(b) => b,
            };
        let validators = Some((body.etag.clone(), body.last_modified.clone()));
        let bytes = gunzip_if_needed(body.bytes, self.opts.ingest.max_decompressed_bytes)?;
        if looks_like_sitemap(&bytes) {
            let parsed = sitemap::parse(&bytes).map_err(WatchError::Format)?;
            return Ok((
                match parsed {
                    Sitemap::Pages(p) => Poll::Pages(p),
                    Sitemap::Index(children) => Poll::Children {
                        kind: "sitemap index",
                        children,
                    },
                },
                validators,
            ));
        }
        let kind = match sniff(&bytes, Some("xml")) {
            Sniffed::Atom => InputKind::Atom,
            Sniffed::Rss => InputKind::Rss,
            Sniffed::Html => {
                // A site's page: follow the feeds it announces.
                let feeds = discover_feeds(&bytes, url);
                if feeds.is_empty() {
                    return Err(WatchError::Format(
                        "an HTML page that announces no feed (link rel=alternate)".into(),
                    ));
                }
                let entries = feeds
                    .into_iter()
                    .map(|u| SitemapEntry {
                        loc: u.to_string(),
                        ..SitemapEntry::default()
                    })
                    .collect();
                return Ok((
                    Poll::Children {
                        kind: "page",
                        children: entries,
                    },
                    validators,
                ));
            }
            _ => {
                return Err(WatchError::Format(
                    "neither a feed (RSS, Atom) nor a sitemap".into(),
                ))
            }
        };
        let (outlet, items) = corroborate_ingest::feed::parse(&bytes)?;
        Ok((
            Poll::Feed {
                outlet,
                kind,
                items,
            },
            validators,
        ))
    }

    /// Feed items not stored yet: full-text items become articles, summary
    /// items become page fetches (with the summary as fallback).
    #[allow(clippy::too_many_arguments)]
    fn take_feed_items(
        &self,
        store: &dyn Store,
        source: &Url,
        outlet: Option<String>,
        kind: InputKind,
        items: Vec<FeedItem>,
        articles: &mut Vec<(String, Article)>,
        pages: &mut Vec<PageTask>,
        report: &mut CycleReport,
    ) -> Result<(), WatchError> {
        let mut fresh = Vec::new();
        for item in items {
            if store.article(&item.id)?.is_none() {
                fresh.push(item);
            }
        }
        fresh.sort_by_key(|item| std::cmp::Reverse(item.published));
        fresh.truncate(self.opts.max_new_items);
        report.new_items += fresh.len();
        for item in fresh {
            let draft = Draft {
                id: item.id.clone(),
                url: item.url.clone(),
                outlet: outlet.clone(),
                title: item.title.clone(),
                published: item.published,
                language: item.language.clone(),
                text: item.text.clone(),
                kind,
                source: format!("{source}#{}", item.id),
            };
            let short = item.text.chars().count() < self.opts.full_text_min_chars;
            let link = item.url.as_deref().and_then(|u| source.join(u).ok());
            match link {
                Some(url) if short || !item.full_content => pages.push(PageTask {
                    source: source.to_string(),
                    id: item.id.clone(),
                    url,
                    hint: draft.clone(),
                    fallback: Some(draft),
                }),
                _ => articles.push((source.to_string(), finish_article(draft, &self.opts.ingest))),
            }
        }
        Ok(())
    }

    /// Sitemap pages not stored yet, newest first, become page fetches.
    fn take_sitemap_entries(
        &self,
        store: &dyn Store,
        source: &Url,
        entries: Vec<SitemapEntry>,
        pages: &mut Vec<PageTask>,
        report: &mut CycleReport,
    ) -> Result<(), WatchError> {
        let mut fresh = Vec::new();
        for e in entries {
            let Ok(url) = source.join(&e.loc) else {
                report
                    .problems
                    .push(format!("{source}: bad <loc> {}", e.loc));
                continue;
            };
            if store.article(url.as_str())?.is_none() {
                fresh.push((url, e));
            }
        }
        fresh.sort_by(|a, b| b.1.date.cmp(&a.1.date));
        fresh.truncate(self.opts.max_new_items);
        report.new_items += fresh.len();
        for (url, e) in fresh {
            pages.push(PageTask {
                source: source.to_string(),
                id: url.to_string(),
                hint: Draft {
                    id: url.to_string(),
                    url: Some(url.to_string()),
                    outlet: e.publication,
                    title: e.title,
                    published: e.date.as_deref().and_then(day_of),
                    language: e.language,
                    text: String::new(),
                    kind: InputKind::Html,
                    source: url.to_string(),
                },
                url,
                fallback: None,
            });
        }
        Ok(())
    }

    /// Fetches an item's page and extracts its article; the item's own
    /// metadata fills what the page lacks.
    fn fetch_page(&self, task: &PageTask) -> Result<Article, WatchError> {
        let body: Body = match self.polite_get(&task.url, None, None)? {
            Fetched::Body(b) => b,
            Fetched::NotModified => {
                return Err(WatchError::Format("304 without validators".into()))
            }
        };
        let doc = extract_page(&body.bytes, body.content_type.as_deref(), &self.opts.ingest)?;
        let hint = &task.hint;
        let text = if doc.text.chars().count() >= hint.text.chars().count() {
            doc.text
        } else {
            hint.text.clone()
        };
        let draft = Draft {
            id: task.id.clone(),
            url: Some(task.url.to_string()),
            outlet: hint.outlet.clone().or(doc.outlet),
            title: hint.title.clone().or(doc.title),
            published: hint.published.or(doc.published),
            language: hint.language.clone().or(doc.language),
            text,
            kind: InputKind::Html,
            source: hint.source.clone(),
        };
        Ok(finish_article(draft, &self.opts.ingest))
    }

    /// Corroborates every story whose membership changed since this
    /// watcher last looked (on the first cycle: since the baseline) and
    /// records the alerts that gives.
    fn corroborate_changed(
        &mut self,
        store: &mut dyn Store,
        report: &mut CycleReport,
        touched: Option<HashSet<i64>>,
    ) -> Result<(), WatchError> {
        let first_look = self.versions.is_empty();
        let changed: Vec<i64> = match touched {
            // Only the stories articles joined can have changed.
            Some(keys) if !first_look => keys.into_iter().collect(),
            _ => {
                let rows = store.story_rows(&StoryQuery::default())?;
                let baseline = self.baseline.unwrap_or(i64::MAX);
                let mut changed = Vec::new();
                for row in &rows {
                    let known = self.versions.get(&row.key).copied();
                    let is_changed = match known {
                        Some(v) => v != row.version,
                        None => !first_look || row.last_ingested >= baseline,
                    };
                    if is_changed {
                        changed.push(row.key);
                    } else {
                        self.versions.insert(row.key, row.version);
                    }
                }
                changed
            }
        };
        self.baseline = Some(i64::MIN);
        let mut records = Vec::new();
        for key in changed {
            let t = Instant::now();
            let members = store.story_members(key)?;
            let version = membership_version(members.iter().map(|m| m.key));
            if members.is_empty() || self.versions.insert(key, version) == Some(version) {
                continue;
            }
            let Some(story) = self.corroborate_members(&members, key) else {
                continue;
            };
            report.stories_corroborated += 1;
            report.slowest_story = report.slowest_story.max(t.elapsed());
            for alert in story_alerts(&story, &self.opts.rules) {
                let payload =
                    serde_json::to_string(&alert).map_err(|e| WatchError::Format(e.to_string()))?;
                for sink in &self.opts.sinks {
                    records.push(AlertRecord {
                        key: alert.id.clone(),
                        sink: sink.name(),
                        kind: alert.kind.to_owned(),
                        payload: payload.clone(),
                        created_at: now(),
                        attempts: 0,
                        last_error: None,
                    });
                }
            }
            if records.len() >= ALERT_BATCH {
                store.record_alerts(&std::mem::take(&mut records))?;
            }
        }
        if !records.is_empty() {
            store.record_alerts(&records)?;
        }
        Ok(())
    }

    /// The report of one story, straight from the store.
    pub fn corroborate_story(
        &self,
        store: &dyn Store,
        key: i64,
    ) -> Result<Option<corroborate_model::Story>, WatchError> {
        Ok(self.corroborate_members(&store.story_members(key)?, key))
    }

    fn corroborate_members(
        &self,
        members: &[StoredArticle],
        key: i64,
    ) -> Option<corroborate_model::Story> {
        let id = format!("s{key}");
        let report = build_report(members, Some(&id), self.gazetteer.as_deref());
        report.stories.into_iter().next()
    }

    /// Sends every recorded, undelivered alert to its sink.
    fn deliver_pending(
        &self,
        store: &mut dyn Store,
        report: &mut CycleReport,
    ) -> Result<(), WatchError> {
        // A destination that fails is not tried again in this cycle: a
        // webhook that is down costs one timeout, not one per alert.
        let mut down: HashSet<String> = HashSet::new();
        for alert in store.pending_alerts()? {
            if down.contains(&alert.sink) {
                continue;
            }
            let Some(sink) = self.opts.sinks.iter().find(|s| s.name() == alert.sink) else {
                continue;
            };
            let lines = &mut report.alert_lines;
            match sink.deliver(&self.fetcher, &alert.payload, &mut |l| lines.push(l)) {
                Ok(()) => {
                    report.alerts_sent += 1;
                    store.alert_attempted(&alert.key, &alert.sink, None)?;
                }
                Err(e) => {
                    report.alerts_failed += 1;
                    report
                        .problems
                        .push(format!("alert to {}: {e}", alert.sink));
                    store.alert_attempted(&alert.key, &alert.sink, Some(&e))?;
                    down.insert(alert.sink.clone());
                }
            }
        }
        Ok(())
    }
}

/// Most feeds followed from one page.
const MAX_DISCOVERED_FEEDS: usize = 8;

/// The feeds a page announces (`corroborate_ingest::announced_feeds`, in
/// its first 256 KiB), resolved against the page's URL; http(s) only.
fn discover_feeds(html: &[u8], base: &Url) -> Vec<Url> {
    let head = String::from_utf8_lossy(&html[..html.len().min(256 * 1024)]);
    let mut out: Vec<Url> = Vec::new();
    for href in corroborate_ingest::announced_feeds(&head) {
        if let Ok(u) = base.join(&href) {
            if matches!(u.scheme(), "http" | "https") && !out.contains(&u) {
                out.push(u);
            }
        }
        if out.len() >= MAX_DISCOVERED_FEEDS {
            break;
        }
    }
    out
}

/// Expands a gzip file (a `sitemap.xml.gz`), bounded; other bytes pass.
fn gunzip_if_needed(bytes: Vec<u8>, limit: u64) -> Result<Vec<u8>, WatchError> {
    if !bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(bytes);
    }
    let mut out = Vec::new();
    flate2::read::MultiGzDecoder::new(&bytes[..])
        .take(limit + 1)
        .read_to_end(&mut out)
        .map_err(|e| WatchError::Format(format!("gzip: {e}")))?;
    if out.len() as u64 > limit {
        return Err(WatchError::Format(format!(
            "gzip expands beyond {limit} bytes"
        )));
    }
    Ok(out)
}

/// The day of a sitemap date (`2025-12-04` or `2025-12-04T08:00:00Z`).
fn day_of(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_announce_their_feeds() {
        let base = Url::parse("https://news.example/world/").unwrap();
        let html = br#"<html><head><LINK REL="alternate" TYPE="application/rss+xml" title="World" HREF="/world/rss.xml">
            <link rel='stylesheet' href='/a.css'><link type="application/atom+xml" rel="alternate home" href="https://news.example/atom?a=1&amp;b=2"/>
            <link rel="alternate" type="text/html" hreflang="fr" href="/fr/"><link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
            </head><body></body></html>"#;
        let feeds: Vec<String> = discover_feeds(html, &base)
            .iter()
            .map(Url::to_string)
            .collect();
        assert_eq!(
            feeds,
            [
                "https://news.example/world/rss.xml",
                "https://news.example/atom?a=1&b=2"
            ]
        );
        assert!(discover_feeds(b"<html><body>no feeds</body></html>", &base).is_empty());
    }

    #[test]
    fn sitemap_dates_give_their_day() {
        assert_eq!(
            day_of("2025-12-04T08:00:00Z"),
            NaiveDate::from_ymd_opt(2025, 12, 4)
        );
        assert_eq!(day_of("2025-12-04"), NaiveDate::from_ymd_opt(2025, 12, 4));
        assert_eq!(day_of("soon"), None);
    }
}
