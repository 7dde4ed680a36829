//! Watching the news as it happens: `corroborate watch` polls RSS/Atom
//! feeds and (news) sitemaps, fetches the pages of new items, ingests them
//! idempotently, re-corroborates only the stories that changed and sends
//! alerts — a new story with enough independent sources, a new discrepancy,
//! a revised figure — once each, across restarts.
//!
//! It is polite and safe by construction: `robots.txt` is honoured
//! ([`Robots`]), each site gets a minimum delay and a concurrency limit
//! ([`schedule`]), requests are conditional (ETag / Last-Modified), bounded
//! in time, size and redirects, retried with backoff, and never reach a
//! loopback or private address unless allowed ([`Guard`]).

mod alerts;
mod bench;
mod error;
mod guard;
mod http;
pub mod local_server;
mod robots;
pub mod schedule;
pub mod sitemap;
mod sources;
mod watcher;

pub use alerts::{
    log_line, story_alerts, Alert, AlertRules, DiscrepancyAlert, RevisionAlert, Sink,
};
pub use bench::{bench_watch, WatchBench};
pub use error::WatchError;
pub use guard::{is_public, Guard};
pub use http::{Body, FetchError, FetchOptions, Fetched, Fetcher};
pub use robots::Robots;
pub use schedule::{origin, HostClock, Politeness};
pub use sources::{expand_sources, list_urls, opml_urls};
pub use watcher::{CycleReport, WatchOptions, Watcher};
