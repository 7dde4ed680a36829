//! `corroborate`: reads news reports of the same events and tells what
//! happened, who says so, who says otherwise, and which sources are
//! independent. This binary only parses arguments and wires the stages.

mod bench;
mod watch;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};
use corroborate_gazetteer::Gazetteer;
use corroborate_ingest::IngestOptions;
use corroborate_pipeline::{annotate_paths, ingest_paths, Event, Summary};
use corroborate_store::{Outcome, PlaceAnchors, SqliteStore, Store};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, OnceLock};

#[derive(Parser)]
#[command(
    name = "corroborate",
    version,
    about = "Cross-read news reports: stories, facts, sources, discrepancies"
)]
struct Cli {
    /// Store: an SQLite file, or a PostgreSQL database as
    /// postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE. Default:
    /// corroborate.db in the working directory (for `run`: a fresh
    /// in-memory store).
    #[arg(long, global = true, value_name = "PATH|URL")]
    db: Option<String>,
    /// Print nothing but results and errors.
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args)]
struct IngestArgs {
    /// Files, directories (read recursively) or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Publication date (YYYY-MM-DD) for every input, overriding metadata.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    published: Option<NaiveDate>,
    /// Largest input file read whole, in bytes (WARC files stream).
    #[arg(long, value_name = "BYTES", default_value_t = IngestOptions::default().max_input_bytes)]
    max_input_bytes: u64,
    /// Largest size a compressed input may expand to, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = IngestOptions::default().max_decompressed_bytes)]
    max_decompressed_bytes: u64,
    /// Largest WARC record read, in bytes (larger records are skipped).
    #[arg(long, value_name = "BYTES", default_value_t = IngestOptions::default().max_record_bytes)]
    max_record_bytes: u64,
    /// Deepest element nesting of an HTML page (deeper pages are refused:
    /// parsing time grows with the square of the depth).
    #[arg(long, value_name = "LEVELS", default_value_t = IngestOptions::default().max_html_depth)]
    max_html_depth: usize,
}

#[derive(clap::Args)]
struct ReportArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    format: Format,
    /// Only this story (e.g. s1).
    #[arg(long, value_name = "ID")]
    story: Option<String>,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Read inputs into the store, attaching each article to its story.
    Ingest(IngestArgs),
    /// Print the report of the store.
    Report(ReportArgs),
    /// List the stories: id, articles, independent sources, title.
    Stories,
    /// Print an article's extracted text (the text that spans index into).
    Show {
        /// Article id.
        id: String,
    },
    /// Ingest into a fresh in-memory store (or --db) and print the report.
    Run {
        #[command(flatten)]
        ingest: IngestArgs,
        #[command(flatten)]
        report: ReportArgs,
    },
    /// Print the JSON Schema of the JSON report.
    Schema,
    /// Print what the understanding pass reads off each input article:
    /// sentences, numbers, times, places, entities, relations, quotes.
    Annotate {
        /// Files, directories or `-` for standard input.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = AnnotateFormat::Json)]
        format: AnnotateFormat,
        /// Publication date (YYYY-MM-DD) for every input, overriding metadata.
        #[arg(long, value_name = "DATE", value_parser = parse_date)]
        published: Option<NaiveDate>,
    },
    /// Measure a stage's speed on real inputs (see BENCHMARKS.md).
    Bench {
        #[command(subcommand)]
        what: bench::BenchWhat,
    },
    /// Verify the store's integrity (exit 1 when something is wrong).
    Check,
    /// Serve the JSON API and the web UI over the store (see README).
    Serve {
        /// Address to listen on. A non-loopback address needs --token.
        #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Bearer token every request must carry (also CORROBORATE_TOKEN).
        #[arg(
            long,
            value_name = "TOKEN",
            env = "CORROBORATE_TOKEN",
            hide_env_values = true
        )]
        token: Option<String>,
        /// Largest request body accepted, in bytes.
        #[arg(long, value_name = "BYTES", default_value_t = 16 << 20)]
        max_body_bytes: usize,
        /// Also watch these sources in the same process (as `watch` does).
        #[arg(long = "watch", value_name = "SOURCE", num_args = 1..)]
        watch: Vec<String>,
        #[command(flatten)]
        flags: watch::WatchFlags,
    },
    /// Follow feeds and sitemaps: each cycle fetches what changed
    /// (conditional GET, robots.txt, per-site delay), ingests new articles,
    /// re-corroborates the stories that changed and sends alerts (see README).
    Watch {
        /// Feed or sitemap URLs, OPML files of feeds, or files with one URL per line.
        #[arg(required = true, value_name = "SOURCE")]
        sources: Vec<String>,
        /// Run one cycle and exit.
        #[arg(long)]
        once: bool,
        #[command(flatten)]
        flags: watch::WatchFlags,
    },
    /// Show the health of the watched sources (last success, last error,
    /// items seen) and how many alerts were delivered.
    Sources,
    /// Manage the offline gazetteer.
    Gazetteer {
        #[command(subcommand)]
        action: GazetteerAction,
    },
}

#[derive(Subcommand)]
enum GazetteerAction {
    /// Compile data/gazetteer/*.tsv (written by scripts/build_gazetteer.py)
    /// into the index the binary loads.
    Build {
        /// Directory holding places.tsv, admin1.tsv and countries.tsv.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Look a name up and print the entries it reaches.
    Lookup {
        /// Place name, any script.
        name: String,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum AnnotateFormat {
    Json,
    Text,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Json,
    Markdown,
    Html,
    Csv,
    Geojson,
    Parquet,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date of the form YYYY-MM-DD"))
}

/// A failure the user can fix: one line, exit code 1.
#[derive(Debug)]
struct UserError(String);

impl std::fmt::Display for UserError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UserError {}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            let first = e
                .to_string()
                .lines()
                .next()
                .unwrap_or("invalid arguments")
                .trim_start_matches("error: ")
                .to_owned();
            eprintln!("corroborate: {first} (see corroborate --help)");
            return ExitCode::from(1);
        }
    };
    match run(cli) {
        Ok(code) => code,
        Err(e) if e.is::<UserError>() => {
            eprintln!("corroborate: {e}");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("corroborate: internal error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// The store `--db` names (default: corroborate.db).
const DEFAULT_DB: &str = "corroborate.db";

fn open_store(db: Option<&str>) -> Result<Box<dyn Store + Send>> {
    let db = db.unwrap_or(DEFAULT_DB);
    corroborate_store::open(db).with_context(|| format!("opening store {}", shown_db(db)))
}

/// A `--db` value fit for messages: a PostgreSQL URL without its password.
fn shown_db(db: &str) -> String {
    if !corroborate_store::is_postgres_url(db) {
        return db.to_string();
    }
    let (scheme, rest) = db.split_once("://").unwrap_or(("postgres", db));
    match rest.split_once('@') {
        Some((user, host)) => match user.split_once(':') {
            Some((name, _password)) => format!("{scheme}://{name}:***@{host}"),
            None => db.to_string(),
        },
        None => db.to_string(),
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let quiet = cli.quiet;
    match cli.command {
        Command::Ingest(args) => {
            let mut store = open_store(cli.db.as_deref())?;
            // The consolidation after the ingest links languages by the
            // places the articles name: the gazetteer loads meanwhile.
            let (gazetteer, loader) = load_gazetteer_meanwhile(quiet, |_| {});
            let places = |text: &str| place_anchors(&gazetteer, quiet, text);
            let summary = ingest(store.as_mut(), &args, quiet, Some(&places))?;
            loader
                .join()
                .map_err(|_| anyhow::anyhow!("loading the gazetteer failed"))?;
            Ok(exit_for(&summary))
        }
        Command::Run {
            ingest: args,
            report,
        } => {
            let mut store = match &cli.db {
                Some(db) => open_store(Some(db))?,
                None => Box::new(SqliteStore::in_memory().context("opening in-memory store")?),
            };
            // The gazetteer loads, and the grammars compile, while the
            // articles are read and stored; the consolidation after them
            // waits for the gazetteer if it needs it first.
            let (gazetteer, loader) = load_gazetteer_meanwhile(quiet, corroborate_report::prepare);
            let places = |text: &str| place_anchors(&gazetteer, quiet, text);
            let summary = ingest(store.as_mut(), &args, quiet, Some(&places))?;
            loader
                .join()
                .map_err(|_| anyhow::anyhow!("loading the gazetteer failed"))?;
            let gazetteer = gazetteer.get_or_init(|| load_gazetteer(quiet));
            write_report(store.as_ref(), &report, gazetteer.as_ref())?;
            Ok(exit_for(&summary))
        }
        Command::Report(args) => {
            let store = open_store(cli.db.as_deref())?;
            write_report(store.as_ref(), &args, load_gazetteer(quiet).as_ref())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve {
            addr,
            token,
            max_body_bytes,
            watch,
            flags,
        } => serve(cli.db, addr, token, max_body_bytes, (watch, flags), quiet),
        Command::Watch {
            sources,
            once,
            flags,
        } => watch::watch(cli.db.as_deref(), &sources, &flags, once, quiet),
        Command::Sources => watch::sources(cli.db.as_deref()),
        Command::Check => {
            let store = open_store(cli.db.as_deref())?;
            let report = store.check().context("checking the store")?;
            if report.is_ok() {
                if !quiet {
                    println!(
                        "store OK: {} articles in {} stories",
                        report.articles, report.stories
                    );
                }
                Ok(ExitCode::SUCCESS)
            } else {
                for p in &report.problems {
                    eprintln!("corroborate: check: {p}");
                }
                Ok(ExitCode::from(1))
            }
        }
        Command::Stories => {
            let store = open_store(cli.db.as_deref())?;
            let gaz = load_gazetteer(quiet);
            let report = corroborate_report::build_report(&store.articles()?, None, gaz.as_ref());
            let mut out = std::io::stdout().lock();
            for s in &report.stories {
                writeln!(
                    out,
                    "{}\t{} article(s)\t{} independent\t{}",
                    s.id,
                    s.articles.len(),
                    s.independent_sources,
                    s.title
                )?;
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Show { id } => {
            let store = open_store(cli.db.as_deref())?;
            let article = store
                .article(&id)?
                .ok_or_else(|| UserError(format!("no article with id `{id}` in the store")))?;
            let mut out = std::io::stdout().lock();
            writeln!(out, "{}", article.article.text)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Annotate {
            paths,
            format,
            published,
        } => annotate(&paths, format, published, quiet),
        Command::Gazetteer { action } => gazetteer(action),
        Command::Bench { what } => bench::run(what, cli.db.as_deref(), quiet),
        Command::Schema => {
            print!("{}", corroborate_report::json_schema());
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Runs the HTTP server until Ctrl-C (a thin wrapper: the server crate
/// does the work). Prints the address it listens on, never the token.
fn serve(
    db: Option<String>,
    addr: std::net::SocketAddr,
    token: Option<String>,
    max_body_bytes: usize,
    (sources, flags): (Vec<String>, watch::WatchFlags),
    quiet: bool,
) -> Result<ExitCode> {
    let token = token.filter(|t| !t.trim().is_empty());
    corroborate_server::check_bind(addr, token.as_deref()).map_err(|e| UserError(e.to_string()))?;
    let db = db.unwrap_or_else(|| DEFAULT_DB.to_string());
    let shown = shown_db(&db);
    let stop = watch::stop_flag()?;
    let watcher = if sources.is_empty() {
        None
    } else {
        let ui = format!("http://{addr}");
        Some(watch::spawn_watcher(
            db.clone(),
            &sources,
            &flags,
            &ui,
            std::sync::Arc::clone(&stop),
            quiet,
        )?)
    };
    let open: corroborate_server::StoreOpener =
        std::sync::Arc::new(move || corroborate_store::open(&db));
    let options = corroborate_server::Options {
        token,
        max_body_bytes,
        ..corroborate_server::Options::default()
    };
    let state = corroborate_server::AppState::new(open, load_gazetteer(quiet), options)
        .with_context(|| format!("opening store {shown}"))?;
    let runtime = tokio::runtime::Runtime::new().context("starting the server runtime")?;
    let until = std::sync::Arc::clone(&stop);
    let served = runtime.block_on(corroborate_server::serve_until(
        std::sync::Arc::new(state),
        addr,
        |bound| {
            use std::io::Write;
            println!("corroborate: serving http://{bound}/ (store {shown}; Ctrl-C stops)");
            let _ = std::io::stdout().flush();
        },
        async move {
            while !until.load(std::sync::atomic::Ordering::SeqCst) {
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            }
        },
    ));
    // The watcher finishes its current write, then stops.
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    if let Some(w) = watcher {
        let _ = w.join();
    }
    match served {
        // An address that cannot be bound (in use, not ours) is the user's to fix.
        Err(e @ corroborate_server::ServeError::Io { .. }) => Err(UserError(e.to_string()).into()),
        other => other.map(|()| ExitCode::SUCCESS).map_err(Into::into),
    }
}

/// A gazetteer cell and the thread that loads the gazetteer into it, then
/// runs `then` on it: the caller reads and stores articles meanwhile, and
/// [`place_anchors`] waits for the cell if it needs it first.
fn load_gazetteer_meanwhile(
    quiet: bool,
    then: impl FnOnce(Option<&Gazetteer>) + Send + 'static,
) -> (
    Arc<OnceLock<Option<Gazetteer>>>,
    std::thread::JoinHandle<()>,
) {
    let gazetteer: Arc<OnceLock<Option<Gazetteer>>> = Arc::default();
    let cell = Arc::clone(&gazetteer);
    let loader =
        std::thread::spawn(move || then(cell.get_or_init(|| load_gazetteer(quiet)).as_ref()));
    (gazetteer, loader)
}

/// The place keys of a text (`Gazetteer::place_anchors`), the gazetteer
/// loaded on first use; none without one.
fn place_anchors(gazetteer: &OnceLock<Option<Gazetteer>>, quiet: bool, text: &str) -> Vec<String> {
    gazetteer
        .get_or_init(|| load_gazetteer(quiet))
        .as_ref()
        .map_or_else(Vec::new, |g| g.place_anchors(text))
}

/// Loads the gazetteer, or explains on stderr why places will be missing.
fn load_gazetteer(quiet: bool) -> Option<Gazetteer> {
    match Gazetteer::open_default() {
        Ok(g) => Some(g),
        Err(e) => {
            if !quiet {
                eprintln!("corroborate: warning: {e}; places will not be recognised");
            }
            None
        }
    }
}

fn annotate(
    paths: &[PathBuf],
    format: AnnotateFormat,
    published: Option<NaiveDate>,
    quiet: bool,
) -> Result<ExitCode> {
    let gaz = load_gazetteer(quiet);
    let opts = IngestOptions {
        published,
        ..IngestOptions::default()
    };
    let mut out = std::io::stdout().lock();
    let mut first = true;
    let mut failed: Option<std::io::Error> = None;
    if matches!(format, AnnotateFormat::Json) {
        out.write_all(b"[")?;
    }
    let errors = annotate_paths(
        paths,
        &opts,
        gaz.as_ref(),
        &mut |article, a| {
            let text = match format {
                AnnotateFormat::Json => {
                    let sep = if first { "\n" } else { ",\n" };
                    // The events the extractor reads off these annotations too.
                    let events = corroborate_extract::extract(article, &a);
                    let mut value = serde_json::to_value(&a).unwrap_or_default();
                    if let Some(obj) = value.as_object_mut() {
                        obj.insert(
                            "events".into(),
                            serde_json::to_value(&events).unwrap_or_default(),
                        );
                    }
                    format!("{sep}{}", serde_json::to_string(&value).unwrap_or_default())
                }
                AnnotateFormat::Text => corroborate_understand::to_text(&a),
            };
            first = false;
            if failed.is_none() {
                if let Err(e) = out.write_all(text.as_bytes()) {
                    failed = Some(e);
                }
            }
        },
        &mut |p| {
            let kind = if p.is_warning() { "warning" } else { "error" };
            eprintln!("corroborate: {kind}: {p}");
        },
    );
    if matches!(format, AnnotateFormat::Json) {
        let _ = out.write_all(b"\n]\n");
    }
    match failed {
        Some(e) if e.kind() != std::io::ErrorKind::BrokenPipe => return Err(e.into()),
        _ => {}
    }
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn gazetteer(action: GazetteerAction) -> Result<ExitCode> {
    match action {
        GazetteerAction::Build { dir } => {
            let dir = dir.unwrap_or_else(|| {
                Gazetteer::search_dirs()
                    .into_iter()
                    .find(|d| d.join("places.tsv").exists())
                    .unwrap_or_else(|| PathBuf::from("data/gazetteer"))
            });
            let started = std::time::Instant::now();
            let path =
                corroborate_gazetteer::compile_dir(&dir).map_err(|e| UserError(e.to_string()))?;
            let g = Gazetteer::load(&path).map_err(|e| UserError(e.to_string()))?;
            eprintln!(
                "corroborate: gazetteer {} compiled: {} entries in {:.1} s",
                path.display(),
                g.len(),
                started.elapsed().as_secs_f64()
            );
        }
        GazetteerAction::Lookup { name } => {
            let g = Gazetteer::open_default().map_err(|e| UserError(e.to_string()))?;
            let mut out = std::io::stdout().lock();
            for e in g.lookup(&name) {
                writeln!(
                    out,
                    "{}\t{:?}\t{}\t{}\t{}\t{:.4}\t{:.4}\t{}",
                    e.geonames_id, e.kind, e.name, e.country, e.admin1, e.lat, e.lon, e.population
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn exit_for(summary: &Summary) -> ExitCode {
    if summary.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn ingest(
    store: &mut dyn Store,
    args: &IngestArgs,
    quiet: bool,
    places: Option<&PlaceAnchors<'_>>,
) -> Result<Summary> {
    let opts = IngestOptions {
        published: args.published,
        max_input_bytes: args.max_input_bytes,
        max_decompressed_bytes: args.max_decompressed_bytes,
        max_record_bytes: args.max_record_bytes,
        max_html_depth: args.max_html_depth,
    };
    let show_bar = !quiet && std::io::stderr().is_terminal();
    let mut bar: Option<ProgressBar> = None;
    let summary = ingest_paths(
        store,
        &args.paths,
        &opts,
        places,
        &mut |event| match event {
            Event::Planned { total } if show_bar && total > 1 => {
                let b = ProgressBar::new(total as u64);
                b.set_style(
                    ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} inputs {msg}")
                        .unwrap_or_else(|_| ProgressStyle::default_bar())
                        .progress_chars("=> "),
                );
                bar = Some(b);
            }
            Event::InputStarted { index, .. } => {
                if let Some(b) = &bar {
                    b.set_position(index as u64);
                }
            }
            Event::Problem(p) => {
                let kind = if p.is_warning() { "warning" } else { "error" };
                let line = format!("corroborate: {kind}: {p}");
                match &bar {
                    Some(b) => b.println(line),
                    None => eprintln!("{line}"),
                }
            }
            Event::Article {
                id,
                outcome:
                    Outcome::SameId {
                        same_content: false,
                    },
            } if !quiet => {
                let line = format!("corroborate: warning: {id}: an article with this id but other text is already stored; kept the stored one");
                match &bar {
                    Some(b) => b.println(line),
                    None => eprintln!("{line}"),
                }
            }
            _ => {}
        },
    )?;
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    if !quiet {
        eprintln!(
            "corroborate: read {} article(s) from {} input(s): {} stored ({} new stor{}), {} already stored, {} moved by story consolidation, {} error(s), {} warning(s)",
            summary.read,
            summary.inputs,
            summary.stored,
            summary.new_stories,
            if summary.new_stories == 1 { "y" } else { "ies" },
            summary.unchanged,
            summary.restoried,
            summary.errors,
            summary.warnings
        );
    }
    Ok(summary)
}

fn write_report(store: &dyn Store, args: &ReportArgs, gaz: Option<&Gazetteer>) -> Result<()> {
    let articles = store.articles()?;
    if let Some(id) = &args.story {
        if !articles.iter().any(|a| format!("s{}", a.story) == *id) {
            return Err(UserError(format!("no story with id `{id}` in the store")).into());
        }
    }
    let report = corroborate_report::build_report(&articles, args.story.as_deref(), gaz);
    let text = match args.format {
        Format::Json => corroborate_report::to_json(&report) + "\n",
        Format::Markdown => corroborate_report::to_markdown(&report),
        Format::Html => corroborate_report::to_html(&report),
        Format::Csv => corroborate_report::to_csv(&report),
        Format::Geojson => corroborate_report::to_geojson(&report),
        Format::Parquet => {
            let bytes = corroborate_report::to_parquet(&report)
                .map_err(|e| anyhow::anyhow!("writing Parquet: {e}"))?;
            return write_bytes(&bytes, args.out.as_deref());
        }
    };
    write_bytes(text.as_bytes(), args.out.as_deref())
}

/// Writes output to a file, or to standard output (a closed pipe, as with
/// `| head`, is not an error worth a message).
fn write_bytes(bytes: &[u8], out: Option<&Path>) -> Result<()> {
    match out {
        Some(path) => std::fs::write(path, bytes)
            .map_err(|e| UserError(format!("cannot write {}: {e}", path.display())))?,
        None => {
            let mut stdout = std::io::stdout().lock();
            if let Err(e) = stdout.write_all(bytes) {
                if e.kind() != std::io::ErrorKind::BrokenPipe {
                    return Err(e.into());
                }
            }
        }
    }
    Ok(())
}
