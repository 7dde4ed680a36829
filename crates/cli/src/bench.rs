//! `corroborate bench …`: reads the inputs into memory, times one stage,
//! prints one line of figures (the command lines in `BENCHMARKS.md`).

use crate::{load_gazetteer, open_store, parse_date, UserError};
use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::Subcommand;
use corroborate_ingest::IngestOptions;
use corroborate_pipeline::read_articles;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub(crate) enum BenchWhat {
    /// The per-story corroboration (lineage, alignment, event linking,
    /// consensus, discrepancies) of the inputs' articles cycled into one
    /// story of `--articles` members.
    Corroborate {
        /// Files or directories of articles.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Members of the story.
        #[arg(long, default_value_t = 100)]
        articles: usize,
        /// Runs to time.
        #[arg(long, default_value_t = 10)]
        repeat: usize,
    },
    /// The understanding pass (sentences, numbers, times, places, people,
    /// quotes), then event extraction on its annotations, each timed apart
    /// (the gazetteer load too).
    Understand {
        /// Files or directories of articles.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Passes over the articles.
        #[arg(long, default_value_t = 10)]
        repeat: usize,
        /// Publication date for inputs without one.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        published: Option<NaiveDate>,
        /// Threads to spread the articles over.
        #[arg(long, default_value_t = 1)]
        threads: usize,
    },
    /// Near-duplicate detection: MinHash signatures and an in-memory LSH
    /// index queried and filled article by article (what datasketch does).
    Dedup {
        /// Files or directories of articles.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Threads for the signatures (the index is filled on one).
        #[arg(long, default_value_t = 1)]
        threads: usize,
    },
    /// Attaching new articles one at a time (one transaction each) to the
    /// store `--db` names, which should already hold many: latency of each.
    Attach {
        /// Files or directories of the new articles.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// A watch over `--feeds` local RSS feeds (each on its own loopback
    /// site) of `--items` articles each, taken from the inputs: the cold
    /// cycle, a cycle over unchanged feeds, and one after one feed gained
    /// an article. Uses a fresh store in a temporary file unless --db.
    Watch {
        /// Files or directories of articles (feeds × items + 1 needed).
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Feeds.
        #[arg(long, default_value_t = 500)]
        feeds: usize,
        /// Items per feed.
        #[arg(long, default_value_t = 50)]
        items: usize,
    },
}

/// Peak resident memory of this process so far, in KiB (Linux; 0 elsewhere).
fn peak_rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

pub(crate) fn run(what: BenchWhat, db: Option<&str>, quiet: bool) -> Result<ExitCode> {
    match what {
        BenchWhat::Corroborate {
            paths,
            articles,
            repeat,
        } => {
            let gaz = load_gazetteer(quiet);
            let read = read_articles(&paths, &IngestOptions::default());
            let b = corroborate_pipeline::bench_corroborate(&read, gaz.as_ref(), articles, repeat);
            println!(
                "corroborate: one story of {} articles ({} events) in p50 {:.1} ms, max {:.1} ms over {} runs on 1 thread",
                b.articles, b.events, b.p50_ms, b.max_ms, repeat
            );
        }
        BenchWhat::Understand {
            paths,
            repeat,
            published,
            threads,
        } => {
            let started = std::time::Instant::now();
            let gaz = load_gazetteer(quiet);
            let load_ms = started.elapsed().as_secs_f64() * 1e3;
            let opts = IngestOptions {
                published,
                ..IngestOptions::default()
            };
            let articles = read_articles(&paths, &opts);
            let b =
                corroborate_pipeline::bench_understand(&articles, gaz.as_ref(), repeat, threads);
            println!(
                "understand: {} articles ({} chars) x {} passes in {:.2} s on {} thread(s): {:.0} articles/s, p50 {:.0} µs, p99 {:.0} µs per article; event extraction {:.0} articles/s ({} events per pass); gazetteer load {:.0} ms ({} entries); peak RSS {} KiB",
                b.articles,
                b.chars,
                b.repeat,
                b.seconds,
                b.threads,
                b.articles_per_second(),
                b.p50_us,
                b.p99_us,
                b.extracted_per_second(),
                b.events,
                load_ms,
                gaz.as_ref().map_or(0, |g| g.len()),
                peak_rss_kib()
            );
        }
        BenchWhat::Dedup { paths, threads } => {
            let articles = read_articles(&paths, &IngestOptions::default());
            let b = corroborate_pipeline::bench_dedup(&articles, threads);
            println!(
                "dedup: {} articles on {} thread(s): signatures {:.3} s, LSH index {:.3} s: {:.0} articles/s; {} candidate pairs, {} near-duplicate pairs; peak RSS {} KiB",
                b.articles,
                b.threads,
                b.sketch_seconds,
                b.index_seconds,
                b.articles_per_second(),
                b.candidates,
                b.near_duplicates,
                peak_rss_kib()
            );
        }
        BenchWhat::Watch {
            paths,
            feeds,
            items,
        } => {
            let articles = read_articles(&paths, &IngestOptions::default());
            let temp = std::env::temp_dir()
                .join(format!("corroborate-bench-watch-{}.db", std::process::id()));
            let path = db.map_or_else(|| temp.display().to_string(), str::to_owned);
            let mut store = corroborate_store::open(&path).context("opening the bench store")?;
            let gaz = load_gazetteer(quiet).map(std::sync::Arc::new);
            let b = corroborate_watch::bench_watch(articles, feeds, items, store.as_mut(), gaz)
                .map_err(|e| UserError(e.to_string()))?;
            drop(store);
            if db.is_none() {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", temp.display()));
                }
            }
            let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
            println!(
                "watch: {} feeds x {} items on {} local sites",
                b.feeds, b.items, b.feeds
            );
            println!(
                "  cold cycle: {:.2} s ({} stored; fetch {:.2} s, ingest {:.2} s, corroborate {} stories {:.2} s)",
                b.cold_wall.as_secs_f64(),
                b.cold.stored,
                b.cold.fetch_time.as_secs_f64(),
                b.cold.ingest_time.as_secs_f64(),
                b.cold.stories_corroborated,
                b.cold.corroborate_time.as_secs_f64()
            );
            println!(
                "  unchanged cycle: {:.3} s ({} not modified, {} failed); RSS {} KiB before it, {} KiB after",
                b.unchanged_wall.as_secs_f64(),
                b.unchanged.not_modified,
                b.unchanged.failed,
                b.rss_kib.0,
                b.rss_kib.1
            );
            println!(
                "  one new article: cycle {:.3} s (fetch {:.1} ms, ingest + consolidation {:.1} ms, finding and re-corroborating the {} changed story of {} articles {:.1} ms, of which its corroboration {:.1} ms)",
                b.changed_wall.as_secs_f64(),
                ms(b.changed.fetch_time),
                ms(b.changed.ingest_time),
                b.changed.stories_corroborated,
                b.joined_story_articles,
                ms(b.changed.corroborate_time),
                ms(b.changed.slowest_story)
            );
            println!(
                "  {} alert(s) received by the local webhook; peak RSS {} KiB",
                b.alerts_received,
                peak_rss_kib()
            );
        }
        BenchWhat::Attach { paths } => {
            let mut store = open_store(db)?;
            let articles = read_articles(&paths, &IngestOptions::default());
            if articles.is_empty() {
                return Err(UserError("no articles to attach in the inputs".into()).into());
            }
            let b = corroborate_pipeline::bench_attach(store.as_mut(), &articles)?;
            println!(
                "attach: {} new articles to a store of {}: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms per article (one transaction each); peak RSS {} KiB",
                b.attached,
                b.indexed,
                b.p50_ms,
                b.p99_ms,
                b.max_ms,
                peak_rss_kib()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
