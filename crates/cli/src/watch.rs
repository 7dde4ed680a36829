//! `corroborate watch`, `corroborate sources` and the watcher of
//! `serve --watch`: argument parsing and wiring of the watch crate.

use crate::{load_gazetteer, open_store, UserError};
use anyhow::{Context, Result};
use corroborate_model::Severity;
use corroborate_watch::{
    expand_sources, AlertRules, CycleReport, FetchOptions, Politeness, Sink, WatchOptions, Watcher,
};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::Duration;

/// Options shared by `watch` and `serve --watch`.
#[derive(clap::Args, Clone)]
pub(crate) struct WatchFlags {
    /// Time between the starts of two cycles: 90s, 5m, 1h (a bare number
    /// is seconds).
    #[arg(long, value_name = "DURATION", default_value = "5m", value_parser = parse_duration)]
    every: Duration,
    /// Send alerts here: webhook:URL (JSON POST), exec:COMMAND (JSON on
    /// stdin) or log (one line each in this output, the default). Repeat
    /// for several destinations.
    #[arg(long = "alert", value_name = "SINK")]
    alerts: Vec<String>,
    /// Send only these kinds of alert (comma-separated): new_story,
    /// discrepancy, revision. Default: all.
    #[arg(long, value_name = "KINDS", value_delimiter = ',', value_parser = ["new_story", "discrepancy", "revision"])]
    alert_on: Vec<String>,
    /// Send only discrepancies at least this severe.
    #[arg(long, value_name = "LEVEL", value_parser = ["high", "medium", "low"])]
    min_severity: Option<String>,
    /// Announce a new story once it has this many independent sources.
    #[arg(long, value_name = "N", default_value_t = 2)]
    min_sources: usize,
    /// Base URL of the web UI that alerts link to (default: the served
    /// address under `serve`, else http://127.0.0.1:8080).
    #[arg(long, value_name = "URL")]
    ui_url: Option<String>,
    /// Allow requests to loopback and private addresses (refused by
    /// default so that a hostile feed cannot probe an internal network).
    #[arg(long)]
    allow_private: bool,
    /// Shortest time between two requests to one site (robots.txt
    /// Crawl-delay lengthens it).
    #[arg(long, value_name = "DURATION", default_value = "1s", value_parser = parse_duration)]
    host_delay: Duration,
    /// Most requests to one site at once.
    #[arg(long, value_name = "N", default_value_t = 1)]
    per_host: usize,
    /// Most requests at once over all sites.
    #[arg(long, value_name = "N", default_value_t = 16)]
    workers: usize,
    /// Longest time one request may take.
    #[arg(long, value_name = "DURATION", default_value = "20s", value_parser = parse_duration)]
    timeout: Duration,
    /// Largest response read, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 16 << 20)]
    max_response_bytes: u64,
    /// Retries of a request after a 5xx, 429 or timeout (with backoff).
    #[arg(long, value_name = "N", default_value_t = 2)]
    retries: u32,
    /// Most new items taken from one source per cycle (newest first).
    #[arg(long, value_name = "N", default_value_t = 100)]
    max_new_items: usize,
    /// The User-Agent sent (its first word is matched in robots.txt).
    #[arg(long, value_name = "TEXT")]
    user_agent: Option<String>,
}

impl WatchFlags {
    fn options(&self, ui_default: &str) -> Result<WatchOptions> {
        let mut sinks = self
            .alerts
            .iter()
            .map(|a| Sink::parse(a).map_err(|e| UserError(e.to_string())))
            .collect::<Result<Vec<_>, _>>()?;
        if sinks.is_empty() {
            sinks.push(Sink::Log);
        }
        let default = FetchOptions::default();
        Ok(WatchOptions {
            fetch: FetchOptions {
                user_agent: self.user_agent.clone().unwrap_or(default.user_agent),
                timeout: self.timeout,
                max_bytes: self.max_response_bytes,
                retries: self.retries,
                allow_private: self.allow_private,
                ..default
            },
            politeness: Politeness {
                delay: self.host_delay,
                per_host: self.per_host.max(1),
                workers: self.workers.max(1),
            },
            rules: AlertRules {
                min_sources: self.min_sources.max(1),
                ui_url: self.ui_url.clone().unwrap_or_else(|| ui_default.to_owned()),
                kinds: self.alert_on.clone(),
                min_severity: self.min_severity.as_deref().map(|s| match s {
                    "high" => Severity::High,
                    "medium" => Severity::Medium,
                    _ => Severity::Low,
                }),
            },
            sinks,
            max_new_items: self.max_new_items.max(1),
            ..WatchOptions::default()
        })
    }
}

/// `90s`, `5m`, `1h`, `250ms`, or a bare number of seconds.
pub(crate) fn parse_duration(s: &str) -> Result<Duration, String> {
    let s = s.trim();
    let split = s
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(s.len());
    let (n, unit) = s.split_at(split);
    let n: f64 = n.parse().map_err(|_| format!("not a duration: {s:?}"))?;
    let secs = match unit.trim() {
        "" | "s" => n,
        "ms" => n / 1000.0,
        "m" | "min" => n * 60.0,
        "h" => n * 3600.0,
        other => return Err(format!("unknown unit {other:?} (use ms, s, m or h)")),
    };
    if !secs.is_finite() || !(0.0..=365.0 * 86400.0).contains(&secs) {
        return Err(format!("out of range: {s:?}"));
    }
    Ok(Duration::from_secs_f64(secs))
}

/// A flag set by SIGINT or SIGTERM; a second signal exits at once.
pub(crate) fn stop_flag() -> Result<Arc<AtomicBool>> {
    use signal_hook::consts::{SIGINT, SIGTERM};
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [SIGINT, SIGTERM] {
        signal_hook::flag::register_conditional_shutdown(sig, 130, Arc::clone(&stop))
            .context("installing the signal handler")?;
        signal_hook::flag::register(sig, Arc::clone(&stop))
            .context("installing the signal handler")?;
    }
    Ok(stop)
}

/// One line per cycle on stdout; problems on stderr.
fn print_cycle(n: usize, r: &CycleReport, quiet: bool) {
    for p in &r.problems {
        eprintln!("corroborate: watch: {p}");
    }
    for line in &r.alert_lines {
        println!("{line}");
    }
    if quiet {
        return;
    }
    println!(
        "cycle {n}: {} source(s): {} changed, {} not modified, {} failed; {} new item(s), {} page(s) fetched, {} stored; {} story(ies) re-corroborated; {} alert(s) sent{} — {:.2} s",
        r.sources,
        r.changed,
        r.not_modified,
        r.failed,
        r.new_items,
        r.pages,
        r.stored,
        r.stories_corroborated,
        r.alerts_sent,
        if r.alerts_failed > 0 { format!(", {} failed (retried next cycle)", r.alerts_failed) } else { String::new() },
        (r.fetch_time + r.ingest_time + r.corroborate_time).as_secs_f64()
    );
    let _ = std::io::Write::flush(&mut std::io::stdout());
}

/// `corroborate watch SOURCES...`.
pub(crate) fn watch(
    db: Option<&str>,
    sources: &[String],
    flags: &WatchFlags,
    once: bool,
    quiet: bool,
) -> Result<ExitCode> {
    let urls = expand_sources(sources).map_err(|e| UserError(e.to_string()))?;
    let opts = flags.options("http://127.0.0.1:8080")?;
    let mut store = open_store(db)?;
    let gaz = load_gazetteer(quiet).map(Arc::new);
    let stop = stop_flag()?;
    if !quiet {
        println!(
            "corroborate: watching {} source(s) every {:?}{}",
            urls.len(),
            flags.every,
            if once {
                " (one cycle)"
            } else {
                "; Ctrl-C stops after the current write"
            }
        );
    }
    let mut watcher = Watcher::new(urls, opts, gaz);
    let mut n = 0;
    if once {
        let r = watcher.cycle(store.as_mut(), &stop)?;
        print_cycle(1, &r, quiet);
        return Ok(ExitCode::SUCCESS);
    }
    watcher.run(store.as_mut(), flags.every, &stop, &mut |r| {
        n += 1;
        print_cycle(n, r, quiet);
    })?;
    if !quiet {
        println!("corroborate: watch stopped");
    }
    Ok(ExitCode::SUCCESS)
}

/// The watcher thread of `serve --watch`: its own store connection, the
/// same stop flag as the server.
pub(crate) fn spawn_watcher(
    db: String,
    sources: &[String],
    flags: &WatchFlags,
    ui_default: &str,
    stop: Arc<AtomicBool>,
    quiet: bool,
) -> Result<std::thread::JoinHandle<()>> {
    let urls = expand_sources(sources).map_err(|e| UserError(e.to_string()))?;
    let opts = flags.options(ui_default)?;
    let every = flags.every;
    let mut store = corroborate_store::open(&db).context("opening the store for the watcher")?;
    let gaz = load_gazetteer(true).map(Arc::new);
    Ok(std::thread::spawn(move || {
        let mut watcher = Watcher::new(urls, opts, gaz);
        let mut n = 0;
        let result = watcher.run(store.as_mut(), every, &stop, &mut |r| {
            n += 1;
            print_cycle(n, r, quiet);
        });
        if let Err(e) = result {
            eprintln!("corroborate: watch: {e}; the watcher stopped (the server goes on)");
        }
    }))
}

/// `corroborate sources`: each watched source's health.
pub(crate) fn sources(db: Option<&str>) -> Result<ExitCode> {
    let store = open_store(db)?;
    let list = store.watch_sources()?;
    let now = corroborate_store::now_secs();
    let ago = |t: Option<i64>| t.map_or("never".to_string(), |t| format!("{} ago", human(now - t)));
    let mut out = std::io::stdout().lock();
    use std::io::Write;
    writeln!(out, "url\tkind\tlast success\tlast checked\titems seen\tstored\t304s\tfailures in a row\tlast error")?;
    for s in &list {
        let error = match (&s.last_error, s.last_error_at) {
            (Some(e), at) if s.failures > 0 => format!("{e} ({})", ago(at)),
            (Some(e), at) => format!("(recovered) {e} ({})", ago(at)),
            _ => "-".into(),
        };
        writeln!(
            out,
            "{}{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            if s.parent.is_some() { "  " } else { "" },
            s.url,
            s.kind,
            ago(s.last_success),
            ago(s.last_checked),
            s.items_seen,
            s.articles_stored,
            s.not_modified,
            s.failures,
            error
        )?;
    }
    let pending = store.pending_alerts()?.len();
    writeln!(
        out,
        "{} source(s); {} alert(s) delivered, {} waiting",
        list.len(),
        store.alerts_delivered()?,
        pending
    )?;
    Ok(ExitCode::SUCCESS)
}

fn human(secs: i64) -> String {
    let secs = secs.max(0);
    match secs {
        0..=119 => format!("{secs}s"),
        120..=7199 => format!("{}m", secs / 60),
        7200..=172_799 => format!("{}h", secs / 3600),
        _ => format!("{}d", secs / 86400),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_like_people_write_them() {
        assert_eq!(parse_duration("5m").unwrap(), Duration::from_secs(300));
        assert_eq!(parse_duration("90").unwrap(), Duration::from_secs(90));
        assert_eq!(parse_duration("250ms").unwrap(), Duration::from_millis(250));
        assert_eq!(parse_duration("1.5h").unwrap(), Duration::from_secs(5400));
        assert!(parse_duration("5 parsecs").is_err());
        assert!(parse_duration("-1s").is_err());
        assert!(parse_duration("").is_err());
    }
}
