//! The watcher against a local HTTP server started by each test on a free
//! loopback port: feeds and pages that change between cycles, 304s,
//! robots.txt, slow and broken hosts, alerts to a local webhook, restarts.
//! Nothing leaves the machine; every wait is bounded by the fetch timeout.

#[path = "../../store/tests/support/pg.rs"]
mod pg;

use corroborate_store::{SqliteStore, Store};
use corroborate_watch::local_server::{LocalServer, Resource};
use corroborate_watch::{
    AlertRules, CycleReport, FetchOptions, Politeness, Sink, WatchOptions, Watcher,
};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};
use url::Url;

const RSS: &str = "application/rss+xml";

/// One feed item: link path, title, RFC 2822 date, full text.
struct Item<'a> {
    path: &'a str,
    title: &'a str,
    date: &'a str,
    text: &'a str,
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// An RSS feed whose items carry their full text (`content:encoded`).
fn rss(server: &LocalServer, outlet: &str, items: &[Item]) -> String {
    let mut s = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel><title>{outlet}</title><language>en</language>"
    );
    for i in items {
        let paragraphs: String = i
            .text
            .split('\n')
            .map(|p| format!("<p>{}</p>", esc(p)))
            .collect();
        s.push_str(&format!(
            "<item><title>{}</title><link>{}</link><pubDate>{}</pubDate><description>{}</description><content:encoded>{}</content:encoded></item>",
            esc(i.title),
            server.url(i.path),
            i.date,
            esc(i.text.split('\n').next().unwrap_or("")),
            esc(&paragraphs)
        ));
    }
    s.push_str("</channel></rss>");
    s
}

/// An RSS feed of summaries only: the watcher must fetch each page.
fn summary_rss(server: &LocalServer, items: &[(&str, &str)]) -> String {
    let mut s =
        String::from("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Brief</title>");
    for (path, summary) in items {
        s.push_str(&format!(
            "<item><title>{summary}</title><link>{}</link><pubDate>Tue, 10 Mar 2026 09:00:00 GMT</pubDate><description>{summary}</description></item>",
            server.url(path)
        ));
    }
    s.push_str("</channel></rss>");
    s
}

fn page(title: &str, body: &str) -> String {
    let paragraphs: String = body
        .split('\n')
        .map(|p| format!("<p>{}</p>", esc(p)))
        .collect();
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><title>{t}</title></head><body><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>{t}</h1>{paragraphs}</article><footer>© Example News</footer></body></html>",
        t = esc(title)
    )
}

/// One report of the floods, at `/a`.
fn one_report() -> Item<'static> {
    Item {
        path: "/a",
        title: "Floods in Novi Sad",
        date: DATE,
        text: WIRE,
    }
}

/// Two independent reports of the same floods, agreeing on the figures.
fn two_reports() -> [Item<'static>; 2] {
    [
        Item {
            path: "/wire",
            title: "Flash floods kill three in Novi Sad",
            date: DATE,
            text: WIRE,
        },
        Item {
            path: "/daily",
            title: "Danube tributary bursts its banks",
            date: DATE,
            text: DAILY,
        },
    ]
}

fn options() -> WatchOptions {
    WatchOptions {
        fetch: FetchOptions {
            timeout: Duration::from_secs(2),
            retries: 1,
            backoff: Duration::from_millis(20),
            allow_private: true,
            ..FetchOptions::default()
        },
        politeness: Politeness {
            delay: Duration::from_millis(5),
            per_host: 2,
            workers: 8,
        },
        full_text_min_chars: 100,
        ..WatchOptions::default()
    }
}

fn url(s: String) -> Url {
    Url::parse(&s).unwrap()
}

fn cycle(w: &mut Watcher, store: &mut dyn Store) -> CycleReport {
    w.cycle(store, &AtomicBool::new(false)).expect("cycle")
}

const WIRE: &str = "Flash floods killed three people and injured 12 in the Serbian city of Novi Sad on Monday, officials said.\nRescue teams evacuated 240 residents from flooded homes overnight, the city's emergency service said.\nMayor Ana Petrović said the Danube tributary rose faster than ever recorded.\nPolice chief Goran Savić said roads to the east of the city remained closed.";
const DAILY: &str = "Three people died in floods when a tributary of the Danube burst its banks in Novi Sad on Monday, and 12 others were hurt, the regional health office said.\nVolunteers filled sandbags through the night near the old fortress while 240 residents left flooded homes.\nMayor Ana Petrović asked for help from Belgrade.\nPolice chief Goran Savić said his officers had warned residents in low-lying streets of Novi Sad.";
const DRIFT: &str = "Flash floods killed seven people and injured 12 in the Serbian city of Novi Sad on Monday, officials said.\nRescue teams evacuated 240 residents from flooded homes overnight, the city's emergency service said.\nMayor Ana Petrović said the Danube tributary rose faster than ever recorded.\nPolice chief Goran Savić said roads to the east of the city remained closed.";
const DATE: &str = "Tue, 10 Mar 2026 09:00:00 GMT";

#[test]
fn new_items_appear_in_the_next_cycle_and_unchanged_feeds_cost_a_304() {
    let server = LocalServer::start().unwrap();
    let items = [one_report()];
    server.set("/feed.xml", RSS, rss(&server, "Wire", &items));
    let mut store = SqliteStore::in_memory().unwrap();
    let mut w = Watcher::new(vec![url(server.url("/feed.xml"))], options(), None);

    let first = cycle(&mut w, &mut store);
    assert_eq!(
        (first.changed, first.stored, first.failed),
        (1, 1, 0),
        "{first:?}"
    );
    assert!(store.article(&server.url("/a")).unwrap().is_some());

    let second = cycle(&mut w, &mut store);
    assert_eq!((second.not_modified, second.stored), (1, 0), "{second:?}");
    let feed_requests = server.requests_to("/feed.xml");
    assert_eq!(feed_requests.last().unwrap().status, 304);
    assert!(feed_requests[0].user_agent.starts_with("corroborate/"));

    let items = [
        Item {
            path: "/a",
            title: "Floods in Novi Sad",
            date: DATE,
            text: WIRE,
        },
        Item {
            path: "/b",
            title: "Danube tributary bursts its banks",
            date: DATE,
            text: DAILY,
        },
    ];
    server.set("/feed.xml", RSS, rss(&server, "Wire", &items));
    let third = cycle(&mut w, &mut store);
    assert_eq!(
        (third.changed, third.new_items, third.stored),
        (1, 1, 1),
        "{third:?}"
    );
    assert_eq!(store.count_articles().unwrap(), 2);

    let health = store.watch_sources().unwrap();
    assert_eq!(health.len(), 1);
    let h = &health[0];
    assert_eq!(
        (
            h.kind.as_str(),
            h.not_modified,
            h.articles_stored,
            h.items_seen
        ),
        ("feed", 1, 2, 3)
    );
    assert!(h.etag.is_some() && h.last_success.is_some() && h.last_error.is_none());
}

#[test]
fn summaries_are_followed_to_their_pages_and_robots_txt_is_honoured() {
    let server = LocalServer::start().unwrap();
    server.set(
        "/robots.txt",
        "text/plain",
        "User-agent: *\nDisallow: /private/\n",
    );
    server.set(
        "/brief.xml",
        RSS,
        summary_rss(
            &server,
            &[
                ("/news/floods.html", "Floods hit Novi Sad"),
                ("/private/memo.html", "Internal memo"),
            ],
        ),
    );
    server.set(
        "/news/floods.html",
        "text/html; charset=utf-8",
        page("Floods hit Novi Sad", WIRE),
    );
    server.set("/private/memo.html", "text/html", page("Memo", DAILY));
    let mut store = SqliteStore::in_memory().unwrap();
    let mut w = Watcher::new(vec![url(server.url("/brief.xml"))], options(), None);
    let r = cycle(&mut w, &mut store);
    assert_eq!((r.pages, r.robots_blocked), (1, 1), "{r:?}");
    assert!(
        server.requests_to("/private/memo.html").is_empty(),
        "robots.txt disallows it"
    );
    let article = store
        .article(&server.url("/news/floods.html"))
        .unwrap()
        .unwrap();
    assert!(
        article.article.text.contains("240 residents"),
        "the page's full text is stored"
    );
    // The disallowed item keeps the feed's own summary, fetched with the feed.
    let memo = store
        .article(&server.url("/private/memo.html"))
        .unwrap()
        .unwrap();
    assert_eq!(memo.article.text.trim(), "Internal memo");
    assert_eq!(server.requests_to("/robots.txt").len(), 1);
}

#[test]
fn sqlite_a_changed_figure_triggers_exactly_one_discrepancy_alert_and_a_restart_resends_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("watch.db");
    one_discrepancy_alert_across_restarts(&|| Box::new(SqliteStore::open(&db).unwrap()));
}

#[test]
fn postgres_a_changed_figure_triggers_exactly_one_discrepancy_alert_and_a_restart_resends_nothing()
{
    let Some(cluster) = pg::PgCluster::start() else {
        return;
    };
    let db = cluster.database();
    one_discrepancy_alert_across_restarts(&|| corroborate_store::open(&db).unwrap());
}

/// The scenario on the store `open` opens (again after the restart).
fn one_discrepancy_alert_across_restarts(open: &dyn Fn() -> Box<dyn Store + Send>) {
    let server = LocalServer::start().unwrap();
    let hook = "/hook";
    let two = two_reports();
    server.set("/feed.xml", RSS, rss(&server, "Wire", &two));
    let mut opts = options();
    opts.sinks = vec![Sink::parse(&format!("webhook:{}", server.url(hook))).unwrap()];
    opts.rules = AlertRules {
        min_sources: 2,
        ui_url: "http://127.0.0.1:9999".into(),
        ..AlertRules::default()
    };
    let sources = vec![url(server.url("/feed.xml"))];
    let alerts = |kind: &str| -> Vec<serde_json::Value> {
        server
            .requests_to(hook)
            .iter()
            .map(|r| serde_json::from_str::<serde_json::Value>(&r.body).unwrap())
            .filter(|v| v["kind"] == kind)
            .collect()
    };
    {
        let mut store = open();
        let mut w = Watcher::new(sources.clone(), opts.clone(), None);
        let r = cycle(&mut w, store.as_mut());
        assert_eq!(r.stored, 2, "{r:?}");
        assert!(
            alerts("discrepancy").is_empty(),
            "two agreeing reports: {:?}",
            server.requests_to(hook)
        );

        let [wire, daily] = two_reports();
        let three = [
            wire,
            daily,
            Item {
                path: "/drift",
                title: "Floods kill seven in Novi Sad",
                date: DATE,
                text: DRIFT,
            },
        ];
        server.set("/feed.xml", RSS, rss(&server, "Wire", &three));
        let r = cycle(&mut w, store.as_mut());
        assert_eq!((r.stored, r.stories_corroborated), (1, 1), "{r:?}");
        let got = alerts("discrepancy");
        assert_eq!(got.len(), 1, "{got:#?}");
        let d = &got[0]["discrepancy"];
        assert_eq!(d["kind"], "number");
        assert_eq!(d["article"], server.url("/drift"));
        assert!(d["stated"].as_str().unwrap().contains('7'), "{d}");
        assert!(d["consensus"].as_str().unwrap().contains('3'), "{d}");
        assert!(!d["evidence"].as_array().unwrap().is_empty());
        assert!(got[0]["story_url"]
            .as_str()
            .unwrap()
            .starts_with("http://127.0.0.1:9999/stories/s"));

        // The same state again: nothing new to say.
        server.set("/feed.xml", RSS, rss(&server, "Wire ", &three));
        cycle(&mut w, store.as_mut());
        assert_eq!(alerts("discrepancy").len(), 1);
    }
    let before = server.requests_to(hook).len();
    // A restart over the same store: the story is looked at again, nothing re-sent.
    let mut store = open();
    let mut w = Watcher::new(sources, opts, None);
    let r = cycle(&mut w, store.as_mut());
    assert_eq!(r.alerts_sent, 0, "{r:?}");
    assert_eq!(server.requests_to(hook).len(), before);
    assert_eq!(store.pending_alerts().unwrap().len(), 0);
}

#[test]
fn a_failed_alert_is_retried_next_cycle_and_then_sent_once() {
    let server = LocalServer::start().unwrap();
    let two = two_reports();
    server.set("/feed.xml", RSS, rss(&server, "Wire", &two));
    server.set_status("/hook", 503);
    let mut opts = options();
    opts.sinks = vec![Sink::parse(&format!("webhook:{}", server.url("/hook"))).unwrap()];
    let mut store = SqliteStore::in_memory().unwrap();
    let mut w = Watcher::new(vec![url(server.url("/feed.xml"))], opts, None);
    let r = cycle(&mut w, &mut store);
    assert!(r.alerts_failed >= 1 && r.alerts_sent == 0, "{r:?}");
    let pending = store.pending_alerts().unwrap();
    assert_eq!(pending[0].kind, "new_story");
    server.put(
        "/hook",
        Resource {
            status: 204,
            content_type: "text/plain".into(),
            body: vec![],
            delay: Duration::ZERO,
            location: None,
        },
    );
    let r = cycle(&mut w, &mut store);
    assert_eq!(r.alerts_sent, pending.len(), "{r:?}");
    assert!(store.pending_alerts().unwrap().is_empty());
    let r = cycle(&mut w, &mut store);
    assert_eq!(r.alerts_sent, 0);
}

#[test]
fn a_slow_or_broken_host_does_not_stall_the_others() {
    let good = LocalServer::start().unwrap();
    let slow = LocalServer::start().unwrap();
    let broken = LocalServer::start().unwrap();
    let items = [one_report()];
    good.set("/feed.xml", RSS, rss(&good, "Good", &items));
    slow.set("/feed.xml", RSS, rss(&slow, "Slow", &items));
    slow.set_delay("/feed.xml", Duration::from_secs(5));
    broken.set_status("/feed.xml", 500);
    let mut opts = options();
    opts.fetch.timeout = Duration::from_millis(700);
    opts.fetch.retries = 1;
    let mut store = SqliteStore::in_memory().unwrap();
    let sources = vec![
        url(slow.url("/feed.xml")),
        url(broken.url("/feed.xml")),
        url(good.url("/feed.xml")),
    ];
    let mut w = Watcher::new(sources, opts, None);
    let t = Instant::now();
    let r = cycle(&mut w, &mut store);
    assert!(
        t.elapsed() < Duration::from_secs(5),
        "the slow host's 5 s were not waited for"
    );
    assert_eq!((r.changed, r.failed, r.stored), (1, 2, 1), "{r:?}");
    // The broken host was retried once (politely), then given up on.
    assert_eq!(broken.requests_to("/feed.xml").len(), 2);
    let health = store.watch_sources().unwrap();
    let broken_state = health
        .iter()
        .find(|s| s.url == broken.url("/feed.xml"))
        .unwrap();
    assert_eq!(broken_state.last_error.as_deref(), Some("HTTP 500"));
    assert_eq!(broken_state.failures, 1);
    let slow_state = health
        .iter()
        .find(|s| s.url == slow.url("/feed.xml"))
        .unwrap();
    assert!(slow_state.last_error.is_some() && slow_state.last_success.is_none());
}

#[test]
fn private_addresses_are_refused_unless_allowed() {
    let server = LocalServer::start().unwrap();
    server.set("/feed.xml", RSS, "<rss/>");
    assert_refused(&server, server.url("/feed.xml"));
}

/// Watches `source` without `--allow-private`: the cycle fails on it as
/// not a public address, and no request reaches the loopback server.
fn assert_refused(server: &LocalServer, source: String) {
    let mut opts = options();
    opts.fetch.allow_private = false;
    let mut store = SqliteStore::in_memory().unwrap();
    let mut w = Watcher::new(vec![url(source)], opts, None);
    let r = cycle(&mut w, &mut store);
    assert_eq!(r.failed, 1);
    assert!(
        r.problems[0].contains("not a public address"),
        "{:?}",
        r.problems
    );
    assert!(
        server.requests().is_empty(),
        "no request reached the loopback server"
    );
}

#[test]
fn redirects_are_followed_within_bounds() {
    let server = LocalServer::start().unwrap();
    let items = [one_report()];
    server.set("/feed.xml", RSS, rss(&server, "Wire", &items));
    let redirect = |to: &str| Resource {
        status: 301,
        content_type: "text/plain".into(),
        body: vec![],
        delay: Duration::ZERO,
        location: Some(to.into()),
    };
    server.put("/old-feed", redirect("/feed.xml"));
    server.put("/loop", redirect("/loop"));
    let mut store = SqliteStore::in_memory().unwrap();
    let mut w = Watcher::new(
        vec![url(server.url("/old-feed")), url(server.url("/loop"))],
        options(),
        None,
    );
    let r = cycle(&mut w, &mut store);
    assert_eq!((r.changed, r.failed, r.stored), (1, 1, 1), "{r:?}");
    assert!(
        r.problems.iter().any(|p| p.contains("redirects")),
        "{:?}",
        r.problems
    );
    assert!(server.requests_to("/loop").len() <= 6);
}

#[test]
fn news_sitemaps_and_sitemap_indexes_are_read() {
    let server = LocalServer::start().unwrap();
    server.set(
        "/sitemap_index.xml",
        "application/xml",
        format!(
            "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><sitemap><loc>{}</loc></sitemap></sitemapindex>",
            server.url("/news-sitemap.xml")
        ),
    );
    server.set(
        "/news-sitemap.xml",
        "application/xml",
        format!(
            "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\"><url><loc>{}</loc><news:news><news:publication><news:name>Courier</news:name><news:language>en</news:language></news:publication><news:publication_date>2026-03-10T08:00:00Z</news:publication_date><news:title>Floods in Novi Sad</news:title></news:news></url></urlset>",
            server.url("/story/1")
        ),
    );
    server.set("/story/1", "text/html", page("Floods in Novi Sad", WIRE));
    let mut store = SqliteStore::in_memory().unwrap();
    let mut w = Watcher::new(vec![url(server.url("/sitemap_index.xml"))], options(), None);
    let r = cycle(&mut w, &mut store);
    assert_eq!((r.sources, r.pages, r.stored), (2, 1, 1), "{r:?}");
    let a = store
        .article(&server.url("/story/1"))
        .unwrap()
        .unwrap()
        .article;
    assert_eq!(a.outlet.as_deref(), Some("Courier"));
    assert_eq!(
        a.published_date().map(|d| d.to_string()).as_deref(),
        Some("2026-03-10")
    );
    let health = store.watch_sources().unwrap();
    let child = health
        .iter()
        .find(|s| s.url == server.url("/news-sitemap.xml"))
        .unwrap();
    assert_eq!(
        child.parent.as_deref(),
        Some(server.url("/sitemap_index.xml").as_str())
    );
    assert_eq!(child.kind, "sitemap");
}

#[test]
fn hostile_responses_are_one_line_errors_and_the_cycle_goes_on() {
    let server = LocalServer::start().unwrap();
    server.set(
        "/binary",
        "application/octet-stream",
        vec![0u8, 159, 146, 150, 0, 1, 2],
    );
    server.set("/bomb", RSS, "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaa\">]><rss><channel><item><description>&a;</description></item></channel></rss>");
    server.set("/huge", RSS, vec![b'a'; 3 << 20]);
    let items = [one_report()];
    server.set("/feed.xml", RSS, rss(&server, "Wire", &items));
    let mut opts = options();
    opts.fetch.max_bytes = 1 << 20;
    let mut store = SqliteStore::in_memory().unwrap();
    let sources = ["/binary", "/bomb", "/huge", "/feed.xml"]
        .map(|p| url(server.url(p)))
        .to_vec();
    let mut w = Watcher::new(sources, opts, None);
    let r = cycle(&mut w, &mut store);
    assert_eq!((r.failed, r.stored), (3, 1), "{r:?}");
    for p in &r.problems {
        assert!(!p.contains('\n'), "{p}");
    }
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn a_rising_toll_in_a_later_report_is_one_revision_alert() {
    let server = LocalServer::start().unwrap();
    let two = two_reports();
    server.set("/feed.xml", RSS, rss(&server, "Wire", &two));
    let mut opts = options();
    opts.sinks = vec![Sink::parse(&format!("webhook:{}", server.url("/hook"))).unwrap()];
    let mut store = SqliteStore::in_memory().unwrap();
    let mut w = Watcher::new(vec![url(server.url("/feed.xml"))], opts, None);
    cycle(&mut w, &mut store);
    // An independent report a day later: the toll has risen.
    let later = "Flash floods in the Serbian city of Novi Sad killed five people on Monday, officials said a day later, after rescuers searching flooded homes found two more victims.\nMayor Ana Petrović declared a day of mourning as the Danube tributary began to recede.\nPolice chief Goran Savić said roads to the east of Novi Sad would reopen on Wednesday.";
    let [wire, daily] = two_reports();
    let three = [
        wire,
        daily,
        Item {
            path: "/update",
            title: "Novi Sad flood toll rises to five",
            date: "Wed, 11 Mar 2026 09:00:00 GMT",
            text: later,
        },
    ];
    server.set("/feed.xml", RSS, rss(&server, "Wire", &three));
    let r = cycle(&mut w, &mut store);
    assert_eq!(r.stored, 1, "{r:?}");
    let sent: Vec<serde_json::Value> = server
        .requests_to("/hook")
        .iter()
        .map(|r| serde_json::from_str(&r.body).unwrap())
        .collect();
    let revisions: Vec<&serde_json::Value> =
        sent.iter().filter(|v| v["kind"] == "revision").collect();
    assert_eq!(revisions.len(), 1, "{sent:#?}");
    let rev = &revisions[0]["revision"];
    assert_eq!(
        (
            rev["attribute"].as_str(),
            rev["from"].as_str(),
            rev["to"].as_str()
        ),
        (Some("killed"), Some("3"), Some("5")),
        "{rev}"
    );
    assert_eq!(rev["article"], server.url("/update"));
    assert!(
        sent.iter().all(|v| v["kind"] != "discrepancy"),
        "a later, higher toll is an update, not a conflict: {sent:#?}"
    );
}

#[test]
fn an_unchanged_sitemap_index_still_has_its_sitemaps_polled() {
    let server = LocalServer::start().unwrap();
    server.set(
        "/index.xml",
        "application/xml",
        format!(
            "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><sitemap><loc>{}</loc></sitemap></sitemapindex>",
            server.url("/today.xml")
        ),
    );
    let urlset = |paths: &[&str]| {
        let urls: String = paths
            .iter()
            .map(|p| {
                format!(
                    "<url><loc>{}</loc><lastmod>2026-03-10</lastmod></url>",
                    server.url(p)
                )
            })
            .collect();
        format!("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">{urls}</urlset>")
    };
    server.set("/today.xml", "application/xml", urlset(&["/s/1"]));
    server.set("/s/1", "text/html", page("Floods in Novi Sad", WIRE));
    server.set("/s/2", "text/html", page("Danube bursts its banks", DAILY));
    let mut store = SqliteStore::in_memory().unwrap();
    let mut w = Watcher::new(vec![url(server.url("/index.xml"))], options(), None);
    assert_eq!(cycle(&mut w, &mut store).stored, 1);
    server.set("/today.xml", "application/xml", urlset(&["/s/1", "/s/2"]));
    let r = cycle(&mut w, &mut store);
    assert_eq!((r.not_modified, r.changed, r.stored), (1, 1, 1), "{r:?}");
    assert_eq!(server.requests_to("/index.xml").last().unwrap().status, 304);
}

#[test]
fn a_site_page_leads_to_the_feeds_it_announces() {
    let server = LocalServer::start().unwrap();
    server.set(
        "/",
        "text/html",
        "<!DOCTYPE html><html><head><title>Wire</title><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/feed.xml\"></head><body><p>Latest news</p></body></html>",
    );
    server.set("/feed.xml", RSS, rss(&server, "Wire", &[one_report()]));
    let mut store = SqliteStore::in_memory().unwrap();
    let mut w = Watcher::new(vec![url(server.url("/"))], options(), None);
    let r = cycle(&mut w, &mut store);
    assert_eq!((r.sources, r.stored), (2, 1), "{r:?}");
    let health = store.watch_sources().unwrap();
    let home = health.iter().find(|s| s.url == server.url("/")).unwrap();
    assert_eq!(home.kind, "page");
    let feed = health
        .iter()
        .find(|s| s.url == server.url("/feed.xml"))
        .unwrap();
    assert_eq!(
        (feed.kind.as_str(), feed.parent.as_deref()),
        ("feed", Some(server.url("/").as_str()))
    );
}

#[test]
fn a_name_that_resolves_to_loopback_is_refused_too() {
    let server = LocalServer::start().unwrap();
    server.set("/feed.xml", RSS, rss(&server, "Wire", &[one_report()]));
    let by_name = server.url("/feed.xml").replace("127.0.0.1", "localhost");
    assert_refused(&server, by_name);
}
