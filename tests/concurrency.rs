//! Concurrency on one store, SQLite and PostgreSQL alike: two ingests of
//! the same inputs at once store each article once; `serve` keeps
//! answering (no "database is locked" reaching a client) while an ingest
//! writes.

#[path = "support/corpus.rs"]
mod corpus;
#[path = "../crates/store/tests/support/pg.rs"]
mod pg;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_corroborate");

fn ingest(db: &str, files: &[std::path::PathBuf]) -> Child {
    Command::new(BIN)
        .args(["--db", db, "--quiet", "ingest"])
        .args(files)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn finish(child: Child) -> String {
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn sqlite_two_ingests_at_once_store_each_article_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("two.db");
    two_ingests(dir.path(), db.to_str().unwrap());
}

#[test]
fn postgres_two_ingests_at_once_store_each_article_once() {
    let Some(cluster) = pg::PgCluster::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    two_ingests(dir.path(), &cluster.database());
}

fn two_ingests(dir: &std::path::Path, db: &str) {
    let (files, ids) = corpus::write(dir, 40, 10, 4, 11);
    // Create the store first so that both processes open an existing one.
    corroborate_store::open(db).unwrap();
    let a = ingest(db, &files);
    let mut reversed = files.clone();
    reversed.reverse();
    let b = ingest(db, &reversed);
    let (ea, eb) = (finish(a), finish(b));
    assert!(!ea.contains("locked") && !eb.contains("locked"), "{ea}{eb}");
    let store = corroborate_store::open(db).unwrap();
    assert_eq!(store.count_articles().unwrap() as usize, ids.len());
    let report = store.check().unwrap();
    assert!(report.is_ok(), "{:?}", report.problems);
}

/// Starts `corroborate serve` on a free loopback port (with a token from
/// the environment, if given); returns the process, its address and the
/// line it printed.
fn serve(db: &str, token: Option<&str>) -> (Child, String, String) {
    let mut cmd = Command::new(BIN);
    cmd.args(["--db", db, "serve", "--addr", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    match token {
        Some(t) => cmd.env("CORROBORATE_TOKEN", t),
        None => cmd.env_remove("CORROBORATE_TOKEN"),
    };
    let mut server = cmd.spawn().unwrap();
    let mut line = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let addr = line
        .split("http://")
        .nth(1)
        .and_then(|r| r.split('/').next())
        .unwrap()
        .to_owned();
    (server, addr, line)
}

/// One HTTP/1.1 GET on loopback; returns the status code.
fn get(addr: &str, path: &str) -> u16 {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut reply = String::new();
    s.read_to_string(&mut reply).unwrap();
    reply
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

#[test]
fn sqlite_serve_answers_while_an_ingest_writes() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("live.db");
    serve_while_writing(dir.path(), db.to_str().unwrap());
}

#[test]
fn postgres_serve_answers_while_an_ingest_writes() {
    let Some(cluster) = pg::PgCluster::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    serve_while_writing(dir.path(), &cluster.database());
}

fn serve_while_writing(dir: &std::path::Path, db: &str) {
    let (files, ids) = corpus::write(dir, 60, 12, 6, 13);
    // A first part is in before the server starts.
    let first = finish(ingest(db, &files[..1]));
    assert!(first.is_empty(), "{first}");
    let (mut server, addr, _) = serve(db, None);
    let writer = ingest(db, &files[1..]);
    let started = Instant::now();
    let mut answered = 0;
    let mut failures = Vec::new();
    let paths = [
        "/api/stories",
        "/api/articles?limit=50",
        "/api/articles/gen-0-0",
        "/",
        "/api/stories?q=fire",
    ];
    while answered < 40 || started.elapsed() < Duration::from_millis(500) {
        for p in paths {
            let code = get(&addr, p);
            if code != 200 {
                failures.push(format!("{p}: {code}"));
            }
            answered += 1;
        }
        if started.elapsed() > Duration::from_secs(120) {
            break;
        }
    }
    let writer_err = finish(writer);
    let _ = server.kill();
    let _ = server.wait();
    eprintln!(
        "concurrency: {answered} requests answered while the ingest wrote, {} failed",
        failures.len()
    );
    assert!(failures.is_empty(), "{failures:?}");
    assert!(!writer_err.contains("locked"), "{writer_err}");
    assert!(answered >= 40);
    assert_eq!(
        corroborate_store::open(db)
            .unwrap()
            .count_articles()
            .unwrap() as usize,
        ids.len()
    );
}

#[test]
fn serve_never_prints_its_token_and_refuses_public_addresses_without_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("t.db");
    let db = db.to_str().unwrap();
    let secret = "tok-3f9a1c-never-logged";
    let (mut server, addr, line) = serve(db, Some(secret));
    assert_eq!(
        get(&addr, "/api/health"),
        401,
        "the token from the environment is required"
    );
    let _ = server.kill();
    let out = server.wait_with_output().unwrap();
    let logged = format!(
        "{line}{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!logged.contains(secret), "{logged}");

    let public = Command::new(BIN)
        .args(["--db", db, "serve", "--addr", "0.0.0.0:0"])
        .env_remove("CORROBORATE_TOKEN")
        .output()
        .unwrap();
    assert_eq!(public.status.code(), Some(1));
    let err = String::from_utf8_lossy(&public.stderr);
    assert!(
        err.contains("not a loopback address") && err.lines().count() == 1,
        "{err}"
    );
}
