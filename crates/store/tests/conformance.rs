//! One conformance suite for every `Store` backend: each case runs on a
//! fresh SQLite file and on a fresh database of a throw-away PostgreSQL
//! cluster, and both must behave the same — same outcomes, same stories
//! and copy families from the same inputs, same listings, a clean `check`.

#[path = "support/pg.rs"]
mod pg;

use chrono::NaiveDate;
use corroborate_cluster::sketch;
use corroborate_model::{Article, ArticleId, DateSource, PublishedDate};
use corroborate_store::{AlertRecord, Outcome, SourceState, Store, StoreError, StoryQuery};
use std::collections::BTreeMap;

type Opener = Box<dyn Fn() -> Box<dyn Store + Send>>;
type Case = fn(&dyn Fn() -> Box<dyn Store + Send>);

const CASES: &[(&str, Case)] = &[
    ("idempotent by id and by content", idempotent),
    ("reprints share story and family", reprints),
    ("a batch decides as one-by-one does", batch_equals_sequence),
    ("stories listed, filtered, searched", listing),
    ("reopened, checked, consolidated", reopen_check_recluster),
    ("hostile ids and searches are data", hostile),
    ("watch state: sources and alerts once", watch_state),
];

fn run_all(fresh: &mut dyn FnMut() -> Opener) {
    for (name, case) in CASES {
        eprintln!("conformance: {name}");
        let open = fresh();
        case(&*open);
    }
}

#[test]
fn sqlite_passes_the_conformance_suite() {
    let dir = tempfile::tempdir().unwrap();
    let mut n = 0;
    run_all(&mut || {
        n += 1;
        let path = dir.path().join(format!("c{n}.db"));
        Box::new(move || corroborate_store::open(path.to_str().unwrap()).unwrap())
    });
}

#[test]
fn postgres_passes_the_conformance_suite() {
    let Some(cluster) = pg::PgCluster::start() else {
        return;
    };
    run_all(&mut || {
        let url = cluster.database();
        Box::new(move || corroborate_store::open(&url).unwrap())
    });
}

fn article(id: &str, text: &str) -> Article {
    Article::plain(id, "en", text)
}

fn dated(mut a: Article, y: i32, m: u32, d: u32) -> Article {
    a.published = Some(PublishedDate {
        date: NaiveDate::from_ymd_opt(y, m, d).unwrap(),
        source: DateSource::Metadata,
    });
    a
}

fn ingest_all(s: &mut dyn Store, articles: &[Article]) -> Vec<Outcome> {
    let sketches: Vec<_> = articles.iter().map(sketch).collect();
    let batch: Vec<_> = articles.iter().zip(&sketches).collect();
    s.ingest_batch(&batch).unwrap()
}

const FLOOD: &str = "Floodwaters forced 340 residents of Passau from their homes after the Danube rose to 8.9 metres, \
    the highest level since 2013, the city said. Firefighters built sandbag walls along the old town overnight.";

/// Invented news items, each distinct from the others, with reprints and
/// rewrites made from them by the corpus below.
const ITEMS: &[&str] = &[
    FLOOD,
    "Ghent's council voted 29 to 20 to extend the car-free zone to three more streets next spring, \
     after a year of trials that cut traffic on the ring road by a fifth, the mayor told reporters.",
    "A fire at a recycling plant near Tarnow burned for eleven hours before 60 firefighters brought it \
     under control; residents were told to keep windows shut because of the smoke, the regional fire service said.",
    "The Lisbon metro will run all night on weekends from June, the operator announced, after a pilot \
     on the green line carried 12,000 passengers a night without incident during the spring festival.",
    "Two climbers were rescued from the north face of the Eiger on Sunday after a storm trapped them \
     at 3,400 metres for two nights; a helicopter crew reached them at first light, the rescue service said.",
    "Farmers in the Po valley say the drought has cut the maize harvest by 40 percent, and the regional \
     government has asked Rome for an emergency fund of 200 million euros to cover the losses.",
];

/// Each item, a light edit of it, and a version with a sentence added.
fn corpus() -> Vec<Article> {
    let mut out = Vec::new();
    for (i, text) in ITEMS.iter().enumerate() {
        out.push(dated(
            article(&format!("o{i}"), text),
            2025,
            3,
            1 + i as u32,
        ));
        out.push(dated(
            article(&format!("e{i}"), &text.replacen(" the ", " that ", 1)),
            2025,
            3,
            1 + i as u32,
        ));
        out.push(dated(
            article(
                &format!("x{i}"),
                &format!("{text} More details are expected later on Tuesday."),
            ),
            2025,
            3,
            2 + i as u32,
        ));
    }
    out
}

/// Stories and families as sorted lists of ids; copies as id → id.
type Shape = (Vec<Vec<String>>, Vec<Vec<String>>, BTreeMap<String, String>);

/// The partition of article ids into stories and into copy families, and
/// which article each copies, by id: comparable across stores whose keys
/// differ.
fn shape(s: &dyn Store) -> Shape {
    let all = s.articles().unwrap();
    let id_of: BTreeMap<i64, String> = all
        .iter()
        .map(|a| (a.key, a.article.id.0.clone()))
        .collect();
    let group = |f: &dyn Fn(&corroborate_model::StoredArticle) -> i64| {
        let mut g: BTreeMap<i64, Vec<String>> = BTreeMap::new();
        for a in &all {
            g.entry(f(a)).or_default().push(a.article.id.0.clone());
        }
        let mut v: Vec<Vec<String>> = g.into_values().collect();
        v.sort();
        v
    };
    let copies = all
        .iter()
        .filter_map(|a| Some((a.article.id.0.clone(), id_of.get(&a.copy_of?)?.clone())))
        .collect();
    (group(&|a| a.story), group(&|a| a.family), copies)
}

fn idempotent(open: &dyn Fn() -> Box<dyn Store + Send>) {
    let mut s = open();
    let a = article("a", FLOOD);
    assert!(matches!(
        s.ingest(&a, &sketch(&a)).unwrap(),
        Outcome::Stored {
            new_story: true,
            ..
        }
    ));
    assert_eq!(
        s.ingest(&a, &sketch(&a)).unwrap(),
        Outcome::SameId { same_content: true }
    );
    let other_text = article("a", ITEMS[1]);
    assert_eq!(
        s.ingest(&other_text, &sketch(&other_text)).unwrap(),
        Outcome::SameId {
            same_content: false
        }
    );
    let copy = article("b", FLOOD);
    assert_eq!(
        s.ingest(&copy, &sketch(&copy)).unwrap(),
        Outcome::SameContent {
            existing: ArticleId("a".into())
        }
    );
    // Within one batch, as if stored one after another.
    let c = article("c", ITEMS[2]);
    let c_copy = article("c2", ITEMS[2]);
    let outcomes = ingest_all(s.as_mut(), &[c.clone(), c.clone(), c_copy]);
    assert!(
        matches!(outcomes[0], Outcome::Stored { .. }),
        "{outcomes:?}"
    );
    assert_eq!(outcomes[1], Outcome::SameId { same_content: true });
    assert_eq!(
        outcomes[2],
        Outcome::SameContent {
            existing: ArticleId("c".into())
        }
    );
    assert_eq!(s.count_articles().unwrap(), 2);
    assert!(s.check().unwrap().is_ok());
}

fn reprints(open: &dyn Fn() -> Box<dyn Store + Send>) {
    let mut s = open();
    let a = article("a", FLOOD);
    let b = article(
        "b",
        &FLOOD.replace("the city said", "the city administration said"),
    );
    let c = article("c", ITEMS[1]);
    for x in [&a, &b, &c] {
        s.ingest(x, &sketch(x)).unwrap();
    }
    let all = s.articles().unwrap();
    assert_eq!(all[0].story, all[1].story);
    assert_eq!(all[1].family, all[0].key);
    assert_eq!(all[1].copy_of, Some(all[0].key));
    assert_ne!(all[2].story, all[0].story);
    assert_eq!(s.article("b").unwrap().unwrap().article.text, b.text);
    assert!(s.article("zzz").unwrap().is_none());
}

fn batch_equals_sequence(open: &dyn Fn() -> Box<dyn Store + Send>) {
    let articles = corpus();
    let mut batched = open();
    let outcomes = ingest_all(batched.as_mut(), &articles);
    assert!(outcomes.iter().all(|o| matches!(o, Outcome::Stored { .. })));
    let (stories, families, copies) = shape(batched.as_ref());
    assert_eq!(stories.len(), ITEMS.len(), "{stories:?}");
    assert!(families.len() <= stories.len() * 2, "{families:?}");
    assert!(!copies.is_empty());

    // The same articles one at a time in a fresh SQLite store: the same
    // stories, families and copies — whatever the backend under test.
    let dir = tempfile::tempdir().unwrap();
    let mut one_by_one =
        corroborate_store::open(dir.path().join("seq.db").to_str().unwrap()).unwrap();
    for a in &articles {
        one_by_one.ingest(a, &sketch(a)).unwrap();
    }
    assert_eq!(shape(one_by_one.as_ref()), (stories, families, copies));
    assert!(batched.check().unwrap().is_ok());
}

fn listing(open: &dyn Fn() -> Box<dyn Store + Send>) {
    let mut s = open();
    let flood = dated(
        article(
            "f",
            "Floodwater reached the old bridge in Sarnica on Monday. Forty homes were evacuated.",
        ),
        2025,
        3,
        2,
    );
    let vote = dated(
        article(
            "v",
            "The council voted to rebuild the harbour wall after a long debate about costs and tenders.",
        ),
        2025,
        5,
        9,
    );
    for a in [&flood, &vote] {
        s.ingest(a, &sketch(a)).unwrap();
    }
    let all = s.story_rows(&StoryQuery::default()).unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0].last_published, vote.published_date(), "newest first");
    let key_of = |id: &str| s.article(id).unwrap().unwrap().story;
    let q = |text: &str| StoryQuery {
        text: Some(text.into()),
        ..StoryQuery::default()
    };
    let hits = s.story_rows(&q("FLOODWATER bridge")).unwrap();
    assert_eq!(
        hits.iter().map(|r| r.key).collect::<Vec<_>>(),
        [key_of("f")]
    );
    assert!(
        s.story_rows(&q("bridge harbour")).unwrap().is_empty(),
        "all words"
    );
    assert!(s
        .story_rows(&q("bridge\" OR \"council"))
        .unwrap()
        .is_empty());
    assert_eq!(
        s.story_rows(&q("\"\"\")) *(^-")).unwrap().len(),
        2,
        "no words: no filter"
    );
    let may = StoryQuery {
        from: NaiveDate::from_ymd_opt(2025, 4, 1),
        ..StoryQuery::default()
    };
    let keys = |q: &StoryQuery| {
        s.story_rows(q)
            .unwrap()
            .iter()
            .map(|r| r.key)
            .collect::<Vec<_>>()
    };
    assert_eq!(keys(&may), [key_of("v")]);
    let march = StoryQuery {
        to: NaiveDate::from_ymd_opt(2025, 3, 31),
        ..StoryQuery::default()
    };
    assert_eq!(keys(&march), [key_of("f")]);
    let members = s.story_members(key_of("f")).unwrap();
    assert_eq!(members.len(), 1);
    assert_eq!(members[0].article.id.0, "f");
    let row = all.iter().find(|r| r.key == key_of("f")).unwrap();
    assert_eq!(
        row.version,
        corroborate_store::membership_version(members.iter().map(|m| m.key)),
        "the query and the function agree"
    );
    assert_eq!(
        (row.articles, row.first_published),
        (1, flood.published_date())
    );
    assert!(s.story_members(9999).unwrap().is_empty());
    let before = s.generation().unwrap();
    let more = article(
        "m",
        "A new bakery opened near the station on Friday, selling rye bread.",
    );
    s.ingest(&more, &sketch(&more)).unwrap();
    assert!(
        s.generation().unwrap() > before,
        "an ingest changes the generation"
    );
    let page = s.article_page(1, 10).unwrap();
    assert_eq!(page.len(), 2);
    assert_eq!(page[0].article.id.0, "v");
    assert!(s.article_page(10, 10).unwrap().is_empty());
}

fn reopen_check_recluster(open: &dyn Fn() -> Box<dyn Store + Send>) {
    let articles = corpus();
    {
        let mut s = open();
        ingest_all(s.as_mut(), &articles[..9]);
    }
    let mut s = open();
    let a = &articles[0];
    assert_eq!(
        s.ingest(a, &sketch(a)).unwrap(),
        Outcome::SameId { same_content: true },
        "what was stored survives reopening"
    );
    ingest_all(s.as_mut(), &articles[9..]);
    let before = s.generation().unwrap();
    let moved = s.recluster(None).unwrap();
    assert_eq!(s.generation().unwrap() > before, moved > 0);
    let report = s.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
    assert_eq!(report.articles as usize, articles.len());
    assert_eq!(
        report.stories as usize,
        s.story_rows(&StoryQuery::default()).unwrap().len()
    );
    // A second store on the same database sees the same.
    let t = open();
    assert_eq!(t.count_articles().unwrap(), s.count_articles().unwrap());
    assert_eq!(shape(t.as_ref()), shape(s.as_ref()));
}

fn watch_state(open: &dyn Fn() -> Box<dyn Store + Send>) {
    let mut s = open();
    assert!(s.watch_sources().unwrap().is_empty());
    let mut feed = SourceState {
        url: "https://news.example/rss".into(),
        kind: "feed".into(),
        etag: Some("\"v1\"".into()),
        last_checked: Some(1_700_000_000),
        last_success: Some(1_700_000_000),
        items_seen: 50,
        articles_stored: 12,
        ..SourceState::default()
    };
    s.save_watch_source(&feed).unwrap();
    feed.etag = Some("\"v2\"".into());
    feed.not_modified = 3;
    feed.last_error = Some("HTTP 503 \u{0} odd".into());
    s.save_watch_source(&feed).unwrap();
    let child = SourceState {
        url: "https://news.example/sitemap-1.xml".into(),
        kind: "sitemap".into(),
        parent: Some("https://news.example/sitemap.xml".into()),
        ..SourceState::default()
    };
    s.save_watch_source(&child).unwrap();
    let got = open().watch_sources().unwrap();
    assert_eq!(got.len(), 2, "a source saved twice is one row");
    assert_eq!(got[0].url, "https://news.example/rss");
    assert_eq!(
        (
            got[0].etag.as_deref(),
            got[0].not_modified,
            got[0].items_seen
        ),
        (Some("\"v2\""), 3, 50)
    );
    assert_eq!(
        got[1].parent.as_deref(),
        Some("https://news.example/sitemap.xml")
    );

    let alert = |key: &str, sink: &str| AlertRecord {
        key: key.into(),
        sink: sink.into(),
        kind: "discrepancy".into(),
        payload: format!("{{\"id\":\"{key}\"}}"),
        created_at: 1_700_000_100,
        attempts: 0,
        last_error: None,
    };
    assert!(s
        .record_alert(&alert("a1", "webhook:https://hooks.example/x"))
        .unwrap());
    assert!(
        s.record_alert(&alert("a1", "exec:cat")).unwrap(),
        "another sink is another delivery"
    );
    assert!(
        !s.record_alert(&alert("a1", "webhook:https://hooks.example/x"))
            .unwrap(),
        "recorded once"
    );
    assert!(s
        .record_alert(&alert("a2'; DROP TABLE alerts; --", "exec:cat"))
        .unwrap());
    assert_eq!(s.pending_alerts().unwrap().len(), 3);
    s.alert_attempted("a1", "exec:cat", Some("exit 1")).unwrap();
    s.alert_attempted("a1", "webhook:https://hooks.example/x", None)
        .unwrap();
    let pending = open().pending_alerts().unwrap();
    assert_eq!(pending.len(), 2);
    let failed = pending.iter().find(|a| a.key == "a1").unwrap();
    assert_eq!(
        (failed.attempts, failed.last_error.as_deref()),
        (1, Some("exit 1"))
    );
    assert_eq!(open().alerts_delivered().unwrap(), 1);
    assert!(
        !open().record_alert(&alert("a1", "exec:cat")).unwrap(),
        "still once after reopening"
    );
    assert!(s.check().unwrap().is_ok());
}

fn hostile(open: &dyn Fn() -> Box<dyn Store + Send>) {
    let mut s = open();
    let ids = [
        "x'; DROP TABLE articles; --",
        "\" OR 1=1 --",
        "$1",
        "?; DELETE FROM stories",
        "ünï/cødé%20",
    ];
    for (i, id) in ids.iter().enumerate() {
        let a = article(id, &format!("{} Item {i} of a list.", ITEMS[i]));
        assert!(matches!(
            s.ingest(&a, &sketch(&a)).unwrap(),
            Outcome::Stored { .. }
        ));
    }
    for id in ids {
        assert_eq!(s.article(id).unwrap().unwrap().article.id.0, id);
    }
    for q in [
        "'; DROP TABLE articles; --",
        "a:b & !c | (d)",
        "NEAR(x y)",
        "\\",
        "%_*",
    ] {
        s.story_rows(&StoryQuery {
            text: Some(q.into()),
            ..StoryQuery::default()
        })
        .unwrap();
    }
    assert_eq!(s.count_articles().unwrap() as usize, ids.len());
    assert!(s.check().unwrap().is_ok());
}

/// PostgreSQL's own: a newer schema is refused, `check` names planted
/// damage, text PostgreSQL cannot hold (NUL) is stored, and two writers
/// at once store each article once.
#[test]
fn postgres_refuses_newer_schemas_and_check_finds_damage() {
    let Some(cluster) = pg::PgCluster::start() else {
        return;
    };
    let sound = || {
        let url = cluster.database();
        let mut s = corroborate_store::PgStore::connect(&url).unwrap();
        ingest_all(&mut s, &corpus());
        s.recluster(None).unwrap();
        assert!(s.check().unwrap().is_ok());
        (s, url)
    };
    let damage = [
        ("DELETE FROM lsh_bands WHERE band_key = (SELECT MIN(band_key) FROM lsh_bands)", "LSH band rows"),
        ("UPDATE term_df SET df = df + 5 WHERE term = (SELECT MIN(term) FROM term_df)", "document frequencies"),
        ("UPDATE meta SET value = '7' WHERE key = 'docs'", "document count"),
        ("INSERT INTO stories(key, created_at) VALUES (9999, '0')", "stories without articles"),
        ("UPDATE articles SET minhash = '\\x00'::bytea WHERE id = 'o1'", "stored MinHash"),
        ("UPDATE articles SET family = (SELECT key FROM articles WHERE id = 'o2') WHERE id = 'e1'", "copy families split"),
    ];
    for (sql, expected) in damage {
        let (mut s, _) = sound();
        s.execute_raw(sql).unwrap();
        let report = s.check().unwrap();
        assert!(
            report.problems.iter().any(|p| p.contains(expected)),
            "{sql}: {:?}",
            report.problems
        );
    }
    let (mut s, url) = sound();

    let mut nul = article(
        "nul\0id",
        "Text with a title that holds a NUL character in its metadata.",
    );
    nul.title = Some("bad\0title".into());
    assert!(matches!(
        s.ingest(&nul, &sketch(&nul)).unwrap(),
        Outcome::Stored { .. }
    ));
    assert!(s.article("nul\0id").unwrap().is_some());

    s.execute_raw("UPDATE corroborate_schema SET version = 99")
        .unwrap();
    assert!(matches!(
        corroborate_store::PgStore::connect(&url),
        Err(StoreError::TooNew { found: 99, .. })
    ));
}

#[test]
fn postgres_two_writers_at_once_store_each_article_once() {
    let Some(cluster) = pg::PgCluster::start() else {
        return;
    };
    let url = cluster.database();
    drop(corroborate_store::open(&url).unwrap());
    let articles = corpus();
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let url = url.clone();
            let mut mine = articles.clone();
            if w == 1 {
                mine.reverse();
            }
            std::thread::spawn(move || {
                let mut s = corroborate_store::open(&url).unwrap();
                for chunk in mine.chunks(3) {
                    ingest_all(s.as_mut(), chunk);
                }
            })
        })
        .collect();
    for w in writers {
        w.join().unwrap();
    }
    let s = corroborate_store::open(&url).unwrap();
    assert_eq!(s.count_articles().unwrap() as usize, articles.len());
    let report = s.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
}
