//! `corroborate bench …`: reads the inputs into memory, times one stage,
//! prints one line of figures (the command lines in `BENCHMARKS.md`).

use crate::{load_gazetteer, open_store, parse_date, UserError};
use anyhow::Result;
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
