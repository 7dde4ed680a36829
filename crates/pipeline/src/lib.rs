//! Wires corroborate's per-article stages: read an input (ingest), sketch
//! each article (cluster) and store it attached to its story (store), one
//! atomic step per article.
//!
//! The binary only parses arguments, calls [`ingest_paths`] and prints the
//! [`Event`]s it reports; the same function serves any other front end.

use corroborate_cluster::{sketch, Sketch};
use corroborate_ingest::{expand_inputs, read_bytes, read_input, IngestOptions, Item, Problem};
use corroborate_model::{Annotations, Article, ArticleId};
use corroborate_store::{Outcome, PlaceAnchors, Store, StoreError};
use corroborate_understand::{annotate, Gazetteer};
use std::path::PathBuf;

mod bench;
pub use bench::{
    bench_attach, bench_corroborate, bench_dedup, bench_understand, read_articles, AttachBench,
    CorroborateBench, DedupBench, UnderstandBench,
};

/// What happened during an ingest, reported as it happens.
#[derive(Debug)]
pub enum Event<'a> {
    /// All inputs are known; `total` files (and stdin) will be read.
    Planned {
        /// Number of inputs.
        total: usize,
    },
    /// Reading of an input begins.
    InputStarted {
        /// 0-based position.
        index: usize,
        /// Its name.
        name: &'a str,
    },
    /// An article was read and handed to the store.
    Article {
        /// Its id.
        id: &'a ArticleId,
        /// What the store did with it.
        outcome: &'a Outcome,
    },
    /// An input or item could not be read (or a warning about one).
    Problem(&'a Problem),
}

/// Totals of one ingest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Inputs read (files and stdin).
    pub inputs: usize,
    /// Articles read from them.
    pub read: usize,
    /// Articles newly stored.
    pub stored: usize,
    /// Stories started by them.
    pub new_stories: usize,
    /// Articles already stored (same id or same content).
    pub unchanged: usize,
    /// Inputs or items that could not be read.
    pub errors: usize,
    /// Warnings (articles stored with replaced bytes).
    pub warnings: usize,
    /// Articles moved to another story by the consolidation after ingest.
    pub restoried: usize,
}

/// Reads every input under `paths` (`-` is stdin) into `store`.
///
/// Bad inputs do not stop the run: each becomes an [`Event::Problem`] and is
/// counted in [`Summary::errors`]. Only a store failure stops it.
pub fn ingest_paths(
    store: &mut dyn Store,
    paths: &[PathBuf],
    opts: &IngestOptions,
    places: Option<&PlaceAnchors<'_>>,
    on_event: &mut dyn FnMut(Event),
) -> Result<Summary, StoreError> {
    let (inputs, problems) = expand_inputs(paths);
    let mut summary = Summary {
        inputs: inputs.len(),
        ..Summary::default()
    };
    for p in &problems {
        summary.errors += 1;
        on_event(Event::Problem(p));
    }
    on_event(Event::Planned {
        total: inputs.len(),
    });
    let mut writer = Writer::new(store, summary, places, on_event);
    if corroborate_model::threads() < 2 {
        for (index, input) in inputs.iter().enumerate() {
            let name = input.to_string();
            (writer.on_event)(Event::InputStarted { index, name: &name });
            read_input(input, opts, &mut |item| writer.item(item));
            if writer.failure.is_some() {
                break;
            }
        }
        writer.flush();
        return writer.finish();
    }
    // Two stages on two threads: reading (parsing, cleaning, language
    // detection) and sketching each article is pure work per article; the
    // store's decisions depend on every article stored before, so they stay
    // in order on this thread.
    std::thread::scope(|scope| {
        // What was read goes over in batches bounded like the store's, one
        // batch in flight: memory stays bounded by bytes, whatever the size
        // of the records.
        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<Read>>(1);
        let inputs = &inputs;
        scope.spawn(move || {
            let mut batch = ReadBatch::default();
            for (index, input) in inputs.iter().enumerate() {
                batch.push(Read::Input(index, input.to_string()));
                // After the writer stops (a store failure), reading ends.
                let mut stopped = false;
                read_input(input, opts, &mut |item| {
                    if !stopped {
                        batch.push(Read::item(item));
                        stopped = batch.full() && tx.send(batch.take()).is_err();
                    }
                });
                if stopped {
                    return;
                }
            }
            // The writer may have stopped; nothing is left to tell it then.
            let _ = tx.send(batch.take());
        });
        'batches: for batch in rx {
            for read in batch {
                match read {
                    Read::Input(index, name) => {
                        (writer.on_event)(Event::InputStarted { index, name: &name })
                    }
                    Read::Article(article, sketch) => writer.article(*article, *sketch),
                    Read::Problem(p) => writer.problem(&p),
                }
                if writer.failure.is_some() {
                    break 'batches; // dropping the receiver stops the reader
                }
            }
        }
    });
    // Batches span inputs: a directory of small files is not one
    // transaction per file.
    writer.flush();
    writer.finish()
}

/// What the reading thread has read and not yet handed over: at most
/// [`BATCH_ARTICLES`] articles or [`BATCH_BYTES`] of text, as the store's
/// batches.
#[derive(Default)]
struct ReadBatch {
    reads: Vec<Read>,
    articles: usize,
    bytes: usize,
}

impl ReadBatch {
    fn push(&mut self, read: Read) {
        if let Read::Article(a, _) = &read {
            self.articles += 1;
            self.bytes += a.text.len();
        }
        self.reads.push(read);
    }

    fn full(&self) -> bool {
        self.articles >= BATCH_ARTICLES || self.bytes >= BATCH_BYTES
    }

    fn take(&mut self) -> Vec<Read> {
        self.articles = 0;
        self.bytes = 0;
        std::mem::take(&mut self.reads)
    }
}

/// What the reading thread of [`ingest_paths`] hands the store's thread.
enum Read {
    /// Reading of input `index` (named so) begins.
    Input(usize, String),
    /// An article and its sketch.
    Article(Box<Article>, Box<Sketch>),
    /// A problem with an input or item (or a warning).
    Problem(Problem),
}

impl Read {
    /// An item read, sketched when it is an article.
    fn item(item: Item) -> Self {
        match item {
            Item::Article(a) => {
                let s = sketch(&a);
                Read::Article(a, Box::new(s))
            }
            Item::Problem(p) => Read::Problem(p),
        }
    }
}

/// Reads one input held in memory (an upload: `extension` is the kind the
/// sender declared, see [`corroborate_ingest::read_bytes`]) into `store`,
/// exactly as [`ingest_paths`] reads a file: same ids, same idempotency,
/// same consolidation afterwards.
pub fn ingest_bytes(
    store: &mut dyn Store,
    name: &str,
    extension: Option<&str>,
    bytes: Vec<u8>,
    opts: &IngestOptions,
    places: Option<&PlaceAnchors<'_>>,
    on_event: &mut dyn FnMut(Event),
) -> Result<Summary, StoreError> {
    let mut writer = Writer::one_input(store, places, on_event);
    read_bytes(name, extension, bytes, opts, &mut |item| writer.item(item));
    writer.flush();
    writer.finish()
}

/// Stores articles already read (a watcher's fetches) exactly as
/// [`ingest_paths`] stores a file's: batched transactions, the same
/// idempotency. The consolidation afterwards (which reads the whole store)
/// runs only when `consolidate` is set: a watcher adding a few articles a
/// cycle runs it once the store has grown enough. Each article's outcome
/// is reported as an [`Event::Article`].
pub fn ingest_articles(
    store: &mut dyn Store,
    articles: Vec<Article>,
    consolidate: bool,
    places: Option<&PlaceAnchors<'_>>,
    on_event: &mut dyn FnMut(Event),
) -> Result<Summary, StoreError> {
    let mut writer = Writer::one_input(store, places, on_event);
    writer.consolidate = consolidate;
    for article in articles {
        writer.item(Item::Article(Box::new(article)));
    }
    writer.flush();
    writer.finish()
}

/// Largest store whose stories an ingest consolidates afterwards (the
/// consolidation's time and memory grow with the whole collection).
pub const CONSOLIDATE_MAX: u64 = 200_000;

/// Most articles stored in one transaction.
const BATCH_ARTICLES: usize = 256;
/// Most bytes of text held for one transaction.
const BATCH_BYTES: usize = 16 << 20;

/// Collects the articles read into batches, stores each batch in one
/// transaction ([`Store::ingest_batch`]) and counts what happened; after a
/// store failure, later items are skipped (the failure ends the run).
struct Writer<'a> {
    store: &'a mut dyn Store,
    summary: Summary,
    pending: Vec<(Article, Sketch)>,
    bytes: usize,
    failure: Option<StoreError>,
    /// Whether [`Writer::finish`] consolidates the stories.
    consolidate: bool,
    /// The place keys consolidation links languages by, when the caller
    /// has a gazetteer.
    places: Option<&'a PlaceAnchors<'a>>,
    on_event: &'a mut dyn FnMut(Event),
}

impl<'a> Writer<'a> {
    fn new(
        store: &'a mut dyn Store,
        summary: Summary,
        places: Option<&'a PlaceAnchors<'a>>,
        on_event: &'a mut dyn FnMut(Event),
    ) -> Self {
        Writer {
            places,
            store,
            summary,
            pending: Vec::new(),
            bytes: 0,
            failure: None,
            consolidate: true,
            on_event,
        }
    }

    /// A writer whose summary counts one input (an upload, a fetch).
    fn one_input(
        store: &'a mut dyn Store,
        places: Option<&'a PlaceAnchors<'a>>,
        on_event: &'a mut dyn FnMut(Event),
    ) -> Self {
        let summary = Summary {
            inputs: 1,
            ..Summary::default()
        };
        Writer::new(store, summary, places, on_event)
    }

    fn item(&mut self, item: Item) {
        match item {
            Item::Problem(p) => self.problem(&p),
            Item::Article(article) => {
                let sketch = sketch(&article);
                self.article(*article, sketch)
            }
        }
    }

    fn problem(&mut self, p: &Problem) {
        if self.failure.is_some() {
            return;
        }
        if p.is_warning() {
            self.summary.warnings += 1;
        } else {
            self.summary.errors += 1;
        }
        (self.on_event)(Event::Problem(p));
    }

    fn article(&mut self, article: Article, sketch: Sketch) {
        if self.failure.is_some() {
            return;
        }
        self.summary.read += 1;
        self.bytes += article.text.len();
        self.pending.push((article, sketch));
        if self.pending.len() >= BATCH_ARTICLES || self.bytes >= BATCH_BYTES {
            self.flush();
        }
    }

    fn flush(&mut self) {
        let pending = std::mem::take(&mut self.pending);
        self.bytes = 0;
        if pending.is_empty() || self.failure.is_some() {
            return;
        }
        let batch: Vec<_> = pending.iter().map(|(a, s)| (a, s)).collect();
        match self.store.ingest_batch(&batch) {
            Ok(outcomes) => {
                for ((article, _), outcome) in pending.iter().zip(&outcomes) {
                    match outcome {
                        Outcome::Stored { new_story, .. } => {
                            self.summary.stored += 1;
                            self.summary.new_stories += usize::from(*new_story);
                        }
                        Outcome::SameId { .. } | Outcome::SameContent { .. } => {
                            self.summary.unchanged += 1
                        }
                    }
                    (self.on_event)(Event::Article {
                        id: &article.id,
                        outcome,
                    });
                }
            }
            Err(e) => self.failure = Some(e),
        }
    }

    /// Stories decided one arrival at a time are revisited with the whole
    /// collection's frequencies — up to [`CONSOLIDATE_MAX`] articles: the
    /// consolidation reads and re-sketches every stored article, so beyond
    /// that the on-arrival decisions stand.
    fn finish(self) -> Result<Summary, StoreError> {
        if let Some(e) = self.failure {
            return Err(e);
        }
        let mut summary = self.summary;
        if self.consolidate && summary.stored > 0 && self.store.count_articles()? <= CONSOLIDATE_MAX
        {
            summary.restoried = self.store.recluster(self.places)?;
        }
        Ok(summary)
    }
}

/// Reads every input under `paths` and annotates each article with the
/// understanding pass, without storing anything (`corroborate annotate`).
///
/// Problems are reported through `on_problem` and the run goes on; each
/// article's annotations go to `on_article` as soon as they are made.
pub fn annotate_paths(
    paths: &[PathBuf],
    opts: &IngestOptions,
    gazetteer: Option<&Gazetteer>,
    on_article: &mut dyn FnMut(&Article, Annotations),
    on_problem: &mut dyn FnMut(&Problem),
) -> usize {
    let (inputs, problems) = expand_inputs(paths);
    let mut errors = 0;
    for p in &problems {
        errors += 1;
        on_problem(p);
    }
    for input in &inputs {
        read_input(input, opts, &mut |item| match item {
            Item::Problem(p) => {
                errors += usize::from(!p.is_warning());
                on_problem(&p);
            }
            Item::Article(article) => {
                let a = annotate(&article, gazetteer);
                on_article(&article, a);
            }
        });
    }
    errors
}
