//! End-to-end tests: the `corroborate` binary on real files — the seed
//! articles in `../shared/data/seeds`, the invented `examples/`, and one
//! fixture per input kind and per kind of bad input in `tests/fixtures/`.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

fn seeds() -> PathBuf {
    root().join("../shared/data/seeds")
}

fn corroborate(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_corroborate"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("report is JSON: {e}\n{}", stderr(o)))
}

fn ids(report: &Value) -> Vec<String> {
    report["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap().to_owned())
        .collect()
}

fn article<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["articles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id)
        .unwrap_or_else(|| panic!("no article {id}"))
}

#[test]
fn seeds_form_one_story_and_the_report_validates_against_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    let out = corroborate(
        &["run", seeds().to_str().unwrap(), "--format", "json"],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let report = json(&out);
    let stories = report["stories"].as_array().unwrap();
    assert_eq!(stories.len(), 1, "{report:#}");
    let members: Vec<&str> = stories[0]["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert_eq!(members.len(), 2);
    assert!(members.contains(&"000_932dead0a5037501") && members.contains(&"004_6f176334ef9ca0c7"));
    // The caption dates the talks Tuesday 2 Dec 2025 and the text says the strikes went "into Thursday".
    assert_eq!(
        article(&report, "000_932dead0a5037501")["published"],
        "2025-12-04"
    );

    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("schema/report.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    // The validator is not vacuous: a report missing a required field fails.
    let mut broken = report.clone();
    broken.as_object_mut().unwrap().remove("stories");
    assert!(!validator.is_valid(&broken));
}

#[test]
fn ingesting_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("c.db");
    let db = db.to_str().unwrap();
    let first = corroborate(
        &["ingest", "--db", db, seeds().to_str().unwrap()],
        dir.path(),
    );
    assert!(first.status.success(), "{}", stderr(&first));
    let before = json(&corroborate(&["report", "--db", db], dir.path()));
    let second = corroborate(
        &["ingest", "--db", db, seeds().to_str().unwrap()],
        dir.path(),
    );
    assert!(second.status.success());
    assert!(stderr(&second).contains("0 stored"), "{}", stderr(&second));
    let after = json(&corroborate(&["report", "--db", db], dir.path()));
    assert_eq!(before, after);
    assert_eq!(ids(&after).len(), 2);

    // The same content under another id is stored once too.
    std::fs::copy(
        seeds().join("000_932dead0a5037501.txt"),
        dir.path().join("copy_of_000.txt"),
    )
    .unwrap();
    let third = corroborate(&["ingest", "--db", db, "copy_of_000.txt"], dir.path());
    assert!(third.status.success());
    assert_eq!(
        ids(&json(&corroborate(&["report", "--db", db], dir.path()))).len(),
        2
    );
}

#[test]
fn the_default_store_is_corroborate_db_in_the_working_directory() {
    let dir = tempfile::tempdir().unwrap();
    let out = corroborate(
        &[
            "ingest",
            seeds().join("000_932dead0a5037501.txt").to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(dir.path().join("corroborate.db").exists());
    let stories = corroborate(&["stories"], dir.path());
    assert!(String::from_utf8_lossy(&stories.stdout).starts_with("s1\t1 article(s)"));
}

#[test]
fn every_input_kind_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let out = corroborate(
        &[
            "run",
            root().join("tests/fixtures/inputs").to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let report = json(&out);
    let got = ids(&report);
    for want in [
        "https://cewire.example/news/passau-flood",
        "https://cewire.example/news/brno-factory-fire",
        "https://citydesk.example/ghent/car-free-zone-vote",
        "https://citydesk.example/porto/luis-bridge-closure",
        "milan-tram-strike",
        "https://baltic-harbour.example/2025/06/hiiumaa-ferry-delay",
        "articles#3",
        "https://news-one.example/a",
        "https://news-two.example/b",
        "cyrillic_1251",
        "latin1",
        "plain",
        "mislabelled",
    ] {
        assert!(got.iter().any(|g| g == want), "missing {want} in {got:?}");
    }
    // crawl.warc and crawl.warc.gz hold the same two records: stored once.
    assert_eq!(got.len(), 13, "{got:?}");
    assert_eq!(article(&report, "plain")["published"], "2025-03-03");
    assert_eq!(article(&report, "plain")["published_source"], "dateline");
    assert_eq!(article(&report, "cyrillic_1251")["published"], "2025-01-20");
    assert_eq!(article(&report, "cyrillic_1251")["language"], "ru");
    assert_eq!(
        article(&report, "milan-tram-strike")["outlet"],
        "Italia News"
    );

    let db = dir.path().join("k.db");
    let db = db.to_str().unwrap();
    corroborate(
        &[
            "ingest",
            "--db",
            db,
            root().join("tests/fixtures/inputs").to_str().unwrap(),
        ],
        dir.path(),
    );
    let show = |id: &str| {
        String::from_utf8(corroborate(&["show", "--db", db, id], dir.path()).stdout).unwrap()
    };
    assert!(
        show("cyrillic_1251").contains("Новосибирск"),
        "windows-1251 decoded"
    );
    let latin = show("latin1");
    assert!(
        latin.chars().any(|c| "éèàçô".contains(c)) && !latin.contains('\u{fffd}'),
        "latin-1 decoded: {latin}"
    );
    assert!(
        !show("mislabelled").contains("<p>"),
        "HTML in a .txt file is extracted, not kept as markup"
    );
}

#[test]
fn stdin_and_published_override() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_corroborate"))
        .args(["run", "-", "--published", "2025-10-15", "--format", "json"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Bridge closed after lorry crash\nThe bridge was closed for nine hours.")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let report = json(&out);
    let a = article(&report, "stdin");
    assert_eq!(a["published"], "2025-10-15");
    assert_eq!(a["published_source"], "user");
    assert_eq!(a["title"], "Bridge closed after lorry crash");
}

#[test]
fn bad_inputs_get_one_line_each_and_good_ones_are_stored() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for entry in std::fs::read_dir(root().join("tests/fixtures/bad")).unwrap() {
        let p = entry.unwrap().path();
        std::fs::copy(&p, input.join(p.file_name().unwrap())).unwrap();
    }
    std::fs::copy(
        seeds().join("004_6f176334ef9ca0c7.txt"),
        input.join("good.txt"),
    )
    .unwrap();
    // A 200 MB file on a single line.
    {
        use std::io::Write;
        let mut f = std::io::BufWriter::new(std::fs::File::create(input.join("huge.txt")).unwrap());
        let chunk = "word ".repeat(1 << 16);
        let mut written = 0;
        while written < 200 << 20 {
            f.write_all(chunk.as_bytes()).unwrap();
            written += chunk.len();
        }
    }
    let db = dir.path().join("c.db");
    let out = corroborate(
        &[
            "ingest",
            "--db",
            db.to_str().unwrap(),
            input.to_str().unwrap(),
        ],
        dir.path(),
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let line_for = |name: &str| err.lines().filter(|l| l.contains(name)).collect::<Vec<_>>();
    for (file, reason) in [
        ("empty.txt", "empty input"),
        ("garbage.bin", "binary data"),
        ("truncated.warc.gz", "truncated"),
        ("huge.txt", "limit"),
    ] {
        let lines = line_for(file);
        assert_eq!(lines.len(), 1, "one line for {file}: {err}");
        assert!(
            lines[0].starts_with("corroborate: error: ") && lines[0].contains(reason),
            "{file}: {}",
            lines[0]
        );
    }
    // Invalid UTF-8 in a UTF-8 page: stored with replacement characters, and said so.
    let utf8 = line_for("invalid_utf8.html");
    assert_eq!(utf8.len(), 1, "{err}");
    assert!(
        utf8[0].starts_with("corroborate: warning: ") && utf8[0].contains("replaced"),
        "{}",
        utf8[0]
    );

    let report = json(&corroborate(
        &["report", "--db", db.to_str().unwrap()],
        dir.path(),
    ));
    let got = ids(&report);
    for want in ["good", "invalid_utf8", "malformed"] {
        assert!(got.iter().any(|g| g == want), "missing {want}: {got:?}");
    }
    // The complete record before the truncation point is kept.
    assert!(
        got.iter().any(|g| g == "https://news-one.example/a"),
        "{got:?}"
    );
    assert!(!got
        .iter()
        .any(|g| g == "empty" || g == "garbage" || g == "huge"));
}

#[test]
fn user_errors_exit_1_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = corroborate(&["show", "no-such-article"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    let out = corroborate(&["report", "--story", "s99"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    let out = corroborate(&["frobnicate"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    let out = corroborate(&["ingest", "does/not/exist.txt"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("does/not/exist.txt"));
}

#[test]
fn examples_report_matches_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let out = corroborate(
        &[
            "run",
            root().join("examples").to_str().unwrap(),
            "--format",
            "markdown",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let md = String::from_utf8(out.stdout).unwrap();
    // The four versions of the attack form one story; the sport and science pieces stay apart.
    assert!(md.contains("3 story(ies)"), "{md}");
    insta::assert_snapshot!("examples_markdown", md);
    let json_out = corroborate(
        &[
            "run",
            root().join("examples").to_str().unwrap(),
            "--format",
            "json",
            "--story",
            "s1",
        ],
        dir.path(),
    );
    let report = json(&json_out);
    assert_eq!(
        report["stories"][0]["articles"].as_array().unwrap().len(),
        5
    );
    insta::assert_json_snapshot!("examples_story_s1", report);
}
