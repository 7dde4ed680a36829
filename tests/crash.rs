//! Crash safety: an ingest of thousands of articles is killed with SIGKILL
//! at random moments, again and again; after every kill the store passes
//! `corroborate check`, and a final rerun ends with exactly the articles of
//! the inputs, none lost, none twice.

#[path = "support/corpus.rs"]
mod corpus;

use corroborate_store::{SqliteStore, Store};
use std::collections::BTreeSet;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_corroborate");
/// Kill rounds (the issue asks for at least 20).
const ROUNDS: usize = 24;

fn check(db: &std::path::Path) -> (bool, String) {
    let out = Command::new(BIN)
        .args(["--db", db.to_str().unwrap(), "check"])
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn ingest_survives_kill_9_at_random_moments() {
    let dir = tempfile::tempdir().unwrap();
    let (files, ids) = corpus::write(dir.path(), 150, 16, 6, 7);
    assert_eq!(ids.len(), 2400);
    let db = dir.path().join("crash.db");
    let mut rng = corpus::Rng(42);
    let mut killed = 0;
    let mut stored_after = Vec::new();
    for round in 0..ROUNDS {
        let mut child = Command::new(BIN)
            .args(["--db", db.to_str().unwrap(), "--quiet", "ingest"])
            .args(&files)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let wait = Duration::from_millis(rng.range(30, 1500));
        let started = Instant::now();
        let mut finished = false;
        while started.elapsed() < wait {
            if child.try_wait().unwrap().is_some() {
                finished = true;
                break;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        if !finished {
            child.kill().unwrap(); // SIGKILL
            killed += 1;
        }
        child.wait().unwrap();
        let (ok, problems) = check(&db);
        assert!(ok, "round {round}: store damaged after SIGKILL: {problems}");
        stored_after.push(SqliteStore::open(&db).unwrap().count_articles().unwrap());
    }
    assert!(killed >= 20, "only {killed} rounds were killed mid-run");
    // Progress is kept between kills: nothing stored is lost.
    assert!(
        stored_after.windows(2).all(|w| w[0] <= w[1]),
        "{stored_after:?}"
    );

    let status = Command::new(BIN)
        .args(["--db", db.to_str().unwrap(), "--quiet", "ingest"])
        .args(&files)
        .status()
        .unwrap();
    assert!(status.success());
    let (ok, problems) = check(&db);
    assert!(ok, "{problems}");
    let store = SqliteStore::open(&db).unwrap();
    let stored: BTreeSet<String> = store
        .articles()
        .unwrap()
        .into_iter()
        .map(|a| a.article.id.0)
        .collect();
    let expected: BTreeSet<String> = ids.into_iter().collect();
    assert_eq!(
        store.count_articles().unwrap() as usize,
        expected.len(),
        "none twice"
    );
    assert_eq!(stored, expected, "exactly the inputs' articles");
    eprintln!("crash test: {killed} of {ROUNDS} rounds killed mid-run; stored after each: {stored_after:?}");
}
