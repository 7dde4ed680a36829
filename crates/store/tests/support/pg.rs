//! A throw-away PostgreSQL cluster for tests: `initdb` into a temporary
//! directory, the server on 127.0.0.1 at a free port, stopped and removed
//! when dropped. Uses the PostgreSQL that `scripts/setup_web.sh postgres`
//! installs (Debian's postgresql-15); `initdb` refuses to run as root, so
//! as root the cluster belongs to the `postgres` user (`runuser`).
//!
//! Without PostgreSQL the tests fail with the command that installs it;
//! `CORROBORATE_SKIP_PG=1` skips them instead (say so when you do).

#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A running cluster; dropped: stopped, its files removed.
pub struct PgCluster {
    dir: tempfile::TempDir,
    bin: PathBuf,
    port: u16,
    as_postgres: bool,
}

static DATABASES: AtomicUsize = AtomicUsize::new(0);

impl PgCluster {
    /// Starts a cluster, or `None` when `CORROBORATE_SKIP_PG=1` asks to
    /// skip; panics with the fix when PostgreSQL is not installed.
    pub fn start() -> Option<PgCluster> {
        if std::env::var("CORROBORATE_SKIP_PG").as_deref() == Ok("1") {
            eprintln!("CORROBORATE_SKIP_PG=1: PostgreSQL tests skipped");
            return None;
        }
        let bin = find_bin().unwrap_or_else(|| {
            panic!(
                "PostgreSQL is not installed (no initdb): run `scripts/setup_web.sh postgres` \
                 (make test does), or set CORROBORATE_SKIP_PG=1 to skip these tests"
            )
        });
        let as_postgres = is_root();
        let dir = tempfile::Builder::new()
            .prefix("corroborate-pg-")
            .tempdir()
            .expect("temporary directory");
        if as_postgres {
            run(Command::new("chown").arg("postgres").arg(dir.path()));
        }
        let data = dir.path().join("data");
        let mut cluster = PgCluster {
            dir,
            bin,
            port: 0,
            as_postgres,
        };
        run(cluster
            .command("initdb")
            .args([
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
                "-D",
            ])
            .arg(&data));
        // A free port can be taken between our probe and the server's
        // bind: try a few.
        for _ in 0..5 {
            cluster.port = free_port();
            let options = format!(
                "-p {} -c listen_addresses=127.0.0.1 -c unix_socket_directories='{}' \
                 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
                cluster.port,
                cluster.dir.path().display()
            );
            let status = cluster
                .command("pg_ctl")
                .arg("-D")
                .arg(&data)
                .arg("-l")
                .arg(cluster.dir.path().join("log"))
                .args(["-w", "-t", "60", "-o", &options, "start"])
                .stdout(Stdio::null())
                .status()
                .expect("pg_ctl runs");
            if status.success() {
                return Some(cluster);
            }
        }
        let log = std::fs::read_to_string(cluster.dir.path().join("log")).unwrap_or_default();
        panic!("the PostgreSQL test cluster did not start:\n{log}");
    }

    /// Creates a fresh database and returns its URL.
    pub fn database(&self) -> String {
        let name = format!(
            "t{}_{}",
            std::process::id(),
            DATABASES.fetch_add(1, Ordering::SeqCst)
        );
        run(self.command("createdb").args([
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-p",
            &self.port.to_string(),
            &name,
        ]));
        format!("postgres://postgres@127.0.0.1:{}/{name}", self.port)
    }

    fn command(&self, program: &str) -> Command {
        let path = self.bin.join(program);
        if self.as_postgres {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(path);
            c
        } else {
            Command::new(path)
        }
    }
}

impl Drop for PgCluster {
    fn drop(&mut self) {
        let _ = self
            .command("pg_ctl")
            .arg("-D")
            .arg(self.dir.path().join("data"))
            .args(["-m", "immediate", "-w", "stop"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

/// The directory of `initdb` and `pg_ctl`: `$CORROBORATE_PG_BIN`, else
/// Debian's newest `/usr/lib/postgresql/N/bin`.
fn find_bin() -> Option<PathBuf> {
    if let Ok(dir) = std::env::var("CORROBORATE_PG_BIN") {
        return Some(PathBuf::from(dir));
    }
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .ok()?
        .flatten()
        .filter_map(|e| {
            let version = e.file_name().to_str()?.parse().ok()?;
            let bin = e.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    found.sort();
    found.pop().map(|(_, bin)| bin)
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.trim_ascii() == b"0")
        .unwrap_or(false)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

fn run(cmd: &mut Command) {
    let out = cmd.output().expect("command runs");
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
