//! Limits on hostile input, each with its default, its flag and a test:
//! oversized inputs, gzip bombs (plain and inside `.warc.gz`), oversized
//! WARC records, entity bombs in feeds, deep nesting, multi-megabyte
//! lines, symbolic-link loops. Every bad input gets one line on stderr and
//! the run goes on with the good ones.

use flate2::write::GzEncoder;
use flate2::Compression;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_corroborate");
const GOOD: &str = "Floodwater closed the main road into Sarnica on Monday, the council said. Forty homes were evacuated.";

struct Run {
    out: Output,
    stderr: String,
}

fn ingest(db: &Path, args: &[&str], paths: &[&Path]) -> Run {
    let out = Command::new(BIN)
        .args(["--db", db.to_str().unwrap(), "ingest"])
        .args(args)
        .args(paths)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    Run { out, stderr }
}

fn stored(db: &Path) -> usize {
    use corroborate_store::Store;
    corroborate_store::SqliteStore::open(db)
        .unwrap()
        .count_articles()
        .unwrap() as usize
}

fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, GOOD).unwrap();
    let db = dir.path().join("l.db");
    (dir, good, db)
}

/// The run stored `good`, exited 1, and said exactly one error line
/// mentioning `needle`.
fn one_error_and_the_good_one_stored(run: &Run, db: &Path, needle: &str) {
    assert_eq!(run.out.status.code(), Some(1), "{}", run.stderr);
    let errors: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("corroborate: error:"))
        .collect();
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert!(errors[0].contains(needle), "{}", run.stderr);
    assert_eq!(stored(db), 1, "the good input is stored");
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = GzEncoder::new(Vec::new(), Compression::best());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn warc_response(uri: &str, body: &[u8]) -> Vec<u8> {
    let http = [
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".as_slice(),
        body,
    ]
    .concat();
    let mut rec = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        http.len()
    )
    .into_bytes();
    rec.extend_from_slice(&http);
    rec.extend_from_slice(b"\r\n\r\n");
    rec
}

#[test]
fn an_input_over_the_size_limit_is_refused() {
    let (dir, good, db) = setup();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, GOOD.repeat(100)).unwrap();
    let run = ingest(&db, &["--max-input-bytes", "5000"], &[&big, &good]);
    one_error_and_the_good_one_stored(&run, &db, "--max-input-bytes");
}

#[test]
fn a_gzip_bomb_is_stopped_not_expanded() {
    let (dir, good, db) = setup();
    // 64 MB of zeros in a few dozen kilobytes, as a plain .gz and inside a WARC.
    let zeros = vec![b'a'; 64 << 20];
    let bomb = dir.path().join("bomb.txt.gz");
    std::fs::write(&bomb, gzip(&zeros)).unwrap();
    let run = ingest(
        &db,
        &["--max-decompressed-bytes", "1000000"],
        &[&bomb, &good],
    );
    one_error_and_the_good_one_stored(&run, &db, "--max-decompressed-bytes");

    let (dir, good, db) = setup();
    let mut warc = warc_response(
        "https://example.invalid/ok",
        format!("<html><body><p>{GOOD} From the crawl.</p></body></html>").as_bytes(),
    );
    warc.extend(warc_response("https://example.invalid/bomb", &zeros));
    let bomb = dir.path().join("crawl.warc.gz");
    std::fs::write(&bomb, gzip(&warc)).unwrap();
    let run = ingest(
        &db,
        &[
            "--max-decompressed-bytes",
            "2000000",
            "--max-record-bytes",
            "100000000",
        ],
        &[&bomb, &good],
    );
    assert!(
        run.stderr.contains("--max-decompressed-bytes"),
        "{}",
        run.stderr
    );
    // The record before the bomb is kept, and the good file too.
    assert_eq!(stored(&db), 2, "{}", run.stderr);
}

#[test]
fn an_oversized_warc_record_is_skipped_and_the_rest_read() {
    let (dir, good, db) = setup();
    let mut warc = warc_response("https://example.invalid/huge", &vec![b'x'; 3 << 20]);
    warc.extend(warc_response(
        "https://example.invalid/fine",
        format!("<html><body><p>{GOOD} Later edition.</p></body></html>").as_bytes(),
    ));
    let file = dir.path().join("crawl.warc");
    std::fs::write(&file, warc).unwrap();
    let run = ingest(&db, &["--max-record-bytes", "1000000"], &[&file, &good]);
    assert!(run.stderr.contains("--max-record-bytes"), "{}", run.stderr);
    assert_eq!(stored(&db), 2);
}

#[test]
fn a_feed_with_an_entity_bomb_is_refused() {
    let (dir, good, db) = setup();
    let laughs = r#"<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]><rss version="2.0"><channel><title>t</title><item><title>&d;</title><link>https://example.invalid/x</link><description>&d;</description></item></channel></rss>"#;
    let feed = dir.path().join("feed.xml");
    std::fs::write(&feed, laughs).unwrap();
    let run = ingest(&db, &[], &[&feed, &good]);
    one_error_and_the_good_one_stored(&run, &db, "entit");
}

#[test]
fn deep_nesting_and_megabyte_lines_are_handled() {
    let (dir, good, db) = setup();
    let deep = dir.path().join("deep.html");
    std::fs::write(
        &deep,
        format!(
            "<html><body>{}<p>{GOOD} Deep.</p>{}</body></html>",
            "<div>".repeat(200_000),
            "</div>".repeat(200_000)
        ),
    )
    .unwrap();
    // One 6 MB line of text, and a JSON Lines record whose text is 6 MB.
    let sentence = "Rescuers searched the flooded valley for a missing hiker near Sarnica on Tuesday, and 12 families were moved. ";
    let long = dir.path().join("long.txt");
    std::fs::write(&long, sentence.repeat(6_000_000 / sentence.len())).unwrap();
    let jsonl = dir.path().join("long.jsonl");
    let record = serde_json::json!({"id": "long-record", "text": format!("Headline\n{}", sentence.replace("hiker", "climber").repeat(6_000_000 / sentence.len()))});
    std::fs::write(&jsonl, record.to_string() + "\n").unwrap();
    let run = ingest(&db, &[], &[&deep, &long, &jsonl, &good]);
    // The deep page is stored or refused in one line; never a crash.
    assert!(
        run.out.status.code().is_some_and(|c| c <= 1),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .lines()
            .filter(|l| l.starts_with("corroborate: error:"))
            .count()
            <= 1,
        "{}",
        run.stderr
    );
    assert!(stored(&db) >= 3, "{}", run.stderr);
    // The limit has a flag: a shallower limit refuses a page the default takes.
    let (dir, good, db) = setup();
    let nested = dir.path().join("nested.html");
    let page = format!(
        "<html><body>{}<p>{GOOD} Nested.</p>{}</body></html>",
        "<div>".repeat(300),
        "</div>".repeat(300)
    );
    std::fs::write(&nested, page).unwrap();
    let run = ingest(&db, &["--max-html-depth", "100"], &[&nested, &good]);
    one_error_and_the_good_one_stored(&run, &db, "--max-html-depth");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_loop_is_reported_once_and_the_rest_read() {
    let (dir, good, db) = setup();
    let tree = dir.path().join("tree");
    std::fs::create_dir_all(tree.join("inner")).unwrap();
    std::fs::copy(&good, tree.join("inner/a.txt")).unwrap();
    std::os::unix::fs::symlink(&tree, tree.join("inner/back")).unwrap();
    let run = ingest(&db, &[], &[&tree]);
    one_error_and_the_good_one_stored(&run, &db, "symbolic link loop");
}
