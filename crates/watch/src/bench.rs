//! `corroborate bench watch`: a watch over many local feeds, timed cycle
//! by cycle — the cold cycle that fetches and ingests everything, a cycle
//! over unchanged feeds (all `304`), and a cycle after one feed gained one
//! article (incremental re-corroboration of the story it joins).

use crate::local_server::LocalServer;
use crate::{CycleReport, FetchOptions, Sink, WatchError, WatchOptions, Watcher};
use corroborate_model::Article;
use corroborate_report::{escape_html, Gazetteer};
use corroborate_store::Store;
use std::fmt::Write;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::{Duration, Instant};
use url::Url;

/// What the benchmark measured.
#[derive(Debug, Clone)]
pub struct WatchBench {
    /// Feeds served, each by its own local server (its own site).
    pub feeds: usize,
    /// Items per feed.
    pub items: usize,
    /// The first cycle: everything fetched, stored and corroborated.
    pub cold: CycleReport,
    /// Its wall time.
    pub cold_wall: Duration,
    /// A cycle over the unchanged feeds.
    pub unchanged: CycleReport,
    /// Its wall time.
    pub unchanged_wall: Duration,
    /// Resident memory before and after the unchanged cycle, KiB.
    pub rss_kib: (u64, u64),
    /// Alerts the receiver got over all cycles.
    pub alerts_received: usize,
    /// The cycle after one feed gained one article.
    pub changed: CycleReport,
    /// Its wall time.
    pub changed_wall: Duration,
    /// Articles in the story the new article joined (after it joined).
    pub joined_story_articles: usize,
}

/// Serves `articles` as `feeds` RSS feeds of `items` items each (full
/// text in `content:encoded`), one local server per feed, and runs a
/// watcher over them into `store`. One article is held back and added to
/// the first feed before the third cycle.
pub fn bench_watch(
    mut articles: Vec<Article>,
    feeds: usize,
    items: usize,
    store: &mut dyn Store,
    gazetteer: Option<Arc<Gazetteer>>,
) -> Result<WatchBench, WatchError> {
    let needed = feeds * items + 1;
    if articles.len() < needed || feeds == 0 || items == 0 {
        return Err(WatchError::Format(format!(
            "{feeds} feeds of {items} items need {needed} articles; {} given",
            articles.len()
        )));
    }
    articles.truncate(needed);
    // Held back: a later member of an early story, when the corpus comes
    // in story families (as scripts/gen_corpus.py writes it).
    let held = articles.remove(3);
    let mut servers = Vec::with_capacity(feeds);
    let mut feed_items: Vec<Vec<Article>> = vec![Vec::new(); feeds];
    for (i, a) in articles.into_iter().enumerate() {
        feed_items[i % feeds].push(a);
    }
    let io = |e: std::io::Error| WatchError::Format(format!("local server: {e}"));
    for list in &feed_items {
        let server = LocalServer::start().map_err(io)?;
        server.set("/feed.xml", "application/rss+xml", rss(&server, list));
        servers.push(server);
    }
    let sources: Vec<Url> = servers
        .iter()
        .filter_map(|s| Url::parse(&s.url("/feed.xml")).ok())
        .collect();
    // Alerts go to a local webhook, so that every changed story is
    // re-corroborated as a real watch with alerts does.
    let receiver = LocalServer::start().map_err(io)?;
    let hook = Sink::parse(&format!("webhook:{}", receiver.url("/alerts")))?;
    let opts = WatchOptions {
        fetch: FetchOptions {
            allow_private: true,
            ..FetchOptions::default()
        },
        max_new_items: items,
        sinks: vec![hook],
        ..WatchOptions::default()
    };
    let delay = opts.politeness.delay;
    let mut watcher = Watcher::new(sources, opts, gazetteer);
    let stop = AtomicBool::new(false);
    let timed =
        |w: &mut Watcher, store: &mut dyn Store| -> Result<(CycleReport, Duration), WatchError> {
            let t = Instant::now();
            let r = w.cycle(store, &stop)?;
            Ok((r, t.elapsed()))
        };
    let (cold, cold_wall) = timed(&mut watcher, store)?;
    let before = rss_kib();
    let (unchanged, unchanged_wall) = timed(&mut watcher, store)?;
    let rss_kib = (before, rss_kib());
    feed_items[0].push(held.clone());
    // Cycles are minutes apart: the site's politeness delay has passed.
    std::thread::sleep(delay);
    servers[0].set(
        "/feed.xml",
        "application/rss+xml",
        rss(&servers[0], &feed_items[0]),
    );
    let (changed, changed_wall) = timed(&mut watcher, store)?;
    let joined_story_articles = store
        .article(&servers[0].url(&item_path(&held)))?
        .map(|a| store.story_members(a.story).map(|m| m.len()))
        .transpose()?
        .unwrap_or(0);
    Ok(WatchBench {
        feeds,
        items,
        cold,
        cold_wall,
        unchanged,
        unchanged_wall,
        rss_kib,
        changed,
        changed_wall,
        joined_story_articles,
        alerts_received: receiver.requests_to("/alerts").len(),
    })
}

/// Current resident memory, KiB (0 where `/proc` is missing).
fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

fn item_path(a: &Article) -> String {
    let safe: String =
        a.id.0
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
    format!("/a/{safe}")
}

/// An RSS 2.0 feed of these articles with their full text.
fn rss(server: &LocalServer, articles: &[Article]) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>",
    );
    let outlet = articles
        .first()
        .and_then(|a| a.outlet.clone())
        .unwrap_or_else(|| "Local feed".into());
    let _ = write!(
        s,
        "<title>{}</title><link>{}</link>",
        escape_html(&outlet),
        server.url("/")
    );
    for a in articles {
        let html: String = a
            .text
            .split('\n')
            .filter(|p| !p.trim().is_empty())
            .map(|p| format!("<p>{}</p>", escape_html(p)))
            .collect();
        let date = a
            .published_date()
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .map(|d| d.format("%a, %d %b %Y %H:%M:%S GMT").to_string())
            .unwrap_or_default();
        let _ = write!(
            s,
            "<item><title>{}</title><link>{}</link><guid>{}</guid><pubDate>{date}</pubDate><content:encoded>{}</content:encoded></item>",
            escape_html(&a.display_title()),
            server.url(&item_path(a)),
            escape_html(&a.id.0),
            escape_html(&html)
        );
    }
    s.push_str("</channel></rss>");
    s
}
