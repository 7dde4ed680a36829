//! `corroborate watch`, `sources` and `serve --watch` as a user runs them,
//! against a local HTTP server on a loopback port (allowed with
//! `--allow-private`): feeds in, alerts out through `exec:`, a clean stop
//! on SIGTERM, and the web UI of a server that watches.

use corroborate_watch::local_server::LocalServer;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_corroborate");
const TEXT_A: &str = "Flash floods killed three people and injured 12 in the Serbian city of Novi Sad on Monday, officials said. Rescue teams evacuated 240 residents from flooded homes overnight, the city's emergency service said. Mayor Ana Petrović said the Danube tributary rose faster than ever recorded. Police chief Goran Savić said roads to the east of the city remained closed.";
const TEXT_B: &str = "Three people died in floods when a tributary of the Danube burst its banks in Novi Sad on Monday, and 12 others were hurt, the regional health office said. Volunteers filled sandbags through the night near the old fortress while 240 residents left flooded homes. Mayor Ana Petrović asked for help from Belgrade. Police chief Goran Savić said his officers had warned residents in low-lying streets of Novi Sad.";

fn feed(server: &LocalServer, items: &[(&str, &str, &str)]) -> String {
    let mut s = String::from("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Local Wire</title><language>en</language>");
    for (path, title, text) in items {
        s.push_str(&format!(
            "<item><title>{title}</title><link>{}</link><pubDate>Tue, 10 Mar 2026 09:00:00 GMT</pubDate><description>{text}</description></item>",
            server.url(path)
        ));
    }
    s + "</channel></rss>"
}

/// A feed of two independent reports of the same floods.
fn two_reports(server: &LocalServer) -> String {
    feed(
        server,
        &[
            ("/a", "Floods kill three in Novi Sad", TEXT_A),
            ("/b", "Danube bursts its banks", TEXT_B),
        ],
    )
}

fn run(args: &[&str]) -> std::process::Output {
    Command::new(BIN).args(args).output().unwrap()
}

#[test]
fn watch_once_ingests_alerts_through_exec_and_sources_shows_health() {
    let server = LocalServer::start().unwrap();
    server.set("/feed.xml", "application/rss+xml", two_reports(&server));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    let db = db.to_str().unwrap();
    let alerts = dir.path().join("alerts.jsonl");
    let exec = format!("exec:cat >> '{}'", alerts.display());
    let url = server.url("/feed.xml");
    let args = [
        "--db",
        db,
        "watch",
        &url,
        "--once",
        "--allow-private",
        "--host-delay",
        "0",
        "--alert",
        &exec,
    ];
    let out = run(&args);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("2 stored"), "{stdout}");
    let sent = std::fs::read_to_string(&alerts).unwrap();
    let lines: Vec<serde_json::Value> = sent
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 1, "{sent}");
    assert_eq!(lines[0]["kind"], "new_story");
    assert_eq!(lines[0]["independent_sources"], 2);

    // Again: the feed answers 304, nothing is re-sent.
    let out = run(&args);
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 not modified"));
    assert_eq!(std::fs::read_to_string(&alerts).unwrap(), sent);

    let out = run(&["--db", db, "sources"]);
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    let row = table
        .lines()
        .find(|l| l.starts_with(&url))
        .expect("the feed's row");
    let cols: Vec<&str> = row.split('\t').collect();
    assert_eq!(cols[1], "feed");
    // Items seen, articles stored, 304s, failures in a row.
    assert_eq!(
        (cols[4], cols[5], cols[6], cols[7]),
        ("2", "2", "1", "0"),
        "{row}"
    );
    assert!(table.contains("1 alert(s) delivered, 0 waiting"), "{table}");
}

#[test]
fn without_allow_private_a_loopback_feed_is_refused_with_one_line() {
    let server = LocalServer::start().unwrap();
    server.set(
        "/feed.xml",
        "application/rss+xml",
        feed(&server, &[("/a", "x", TEXT_A)]),
    );
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    let url = server.url("/feed.xml");
    let out = run(&["--db", db.to_str().unwrap(), "watch", &url, "--once"]);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let line = stderr
        .lines()
        .find(|l| l.contains("not a public address"))
        .expect(&stderr);
    assert!(line.contains("--allow-private"), "{line}");
    assert!(server.requests().is_empty());
    let bad = run(&[
        "--db",
        db.to_str().unwrap(),
        "watch",
        "file:///etc/passwd",
        "--once",
    ]);
    assert!(!bad.status.success());
    assert_eq!(
        String::from_utf8_lossy(&bad.stderr).trim().lines().count(),
        1
    );
}

#[test]
fn sigterm_stops_a_watch_after_its_cycle_and_the_store_is_sound() {
    let server = LocalServer::start().unwrap();
    server.set(
        "/feed.xml",
        "application/rss+xml",
        feed(&server, &[("/a", "Floods", TEXT_A)]),
    );
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    let db = db.to_str().unwrap();
    let url = server.url("/feed.xml");
    let mut child = Command::new(BIN)
        .args([
            "--db",
            db,
            "watch",
            &url,
            "--every",
            "200ms",
            "--allow-private",
            "--host-delay",
            "0",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut cycles = 0;
    while cycles < 2 && Instant::now() < deadline {
        match lines.next() {
            Some(Ok(l)) if l.starts_with("cycle ") => cycles += 1,
            Some(_) => {}
            None => break,
        }
    }
    assert_eq!(cycles, 2, "two cycles ran");
    let pid = child.id().to_string();
    assert!(Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap()
        .success());
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the watch did not stop"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status}");
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(
        rest.iter().any(|l| l == "corroborate: watch stopped"),
        "{rest:?}"
    );
    let check = run(&["--db", db, "check"]);
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

fn http_get(addr: &str, path: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    out
}

#[test]
fn serve_watch_fills_the_ui_while_it_serves() {
    let server = LocalServer::start().unwrap();
    server.set("/feed.xml", "application/rss+xml", two_reports(&server));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    let url = server.url("/feed.xml");
    let mut child = Command::new(BIN)
        .args([
            "--db",
            db.to_str().unwrap(),
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--watch",
            &url,
        ])
        .args(["--every", "1s", "--allow-private", "--host-delay", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let addr = loop {
        let l = lines.next().expect("serve printed its address").unwrap();
        if let Some(rest) = l.strip_prefix("corroborate: serving http://") {
            break rest.split('/').next().unwrap().to_owned();
        }
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    let body = loop {
        let resp = http_get(&addr, "/api/stories");
        if resp.contains("Floods kill three") || Instant::now() > deadline {
            break resp;
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    assert!(body.contains("Floods kill three"), "{body}");
    let page = http_get(&addr, "/");
    assert!(
        page.contains("data-changed"),
        "the story list carries change times"
    );
    let pid = child.id().to_string();
    Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "serve did not stop"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn without_a_destination_alerts_are_printed_once() {
    let server = LocalServer::start().unwrap();
    server.set("/feed.xml", "application/rss+xml", two_reports(&server));
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("w.db");
    let url = server.url("/feed.xml");
    let args = [
        "--db",
        db.to_str().unwrap(),
        "watch",
        &url,
        "--once",
        "--allow-private",
        "--ui-url",
        "http://news.local:8080/",
    ];
    let out = run(&args);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let alerts: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("alert: "))
        .collect();
    assert_eq!(alerts.len(), 1, "{stdout}");
    assert!(
        alerts[0].contains("new story with 2 independent sources"),
        "{}",
        alerts[0]
    );
    assert!(
        alerts[0].ends_with(" — http://news.local:8080/stories/s1"),
        "{}",
        alerts[0]
    );
    // The feed changes (another outlet name), nothing new to say.
    server.set(
        "/feed.xml",
        "application/rss+xml",
        two_reports(&server).replace("Local Wire", "Local Wire Service"),
    );
    let again = run(&args);
    assert!(!String::from_utf8_lossy(&again.stdout).contains("alert: "));
}
