//! Benchmarks of single stages, on articles read into memory first so that
//! only the stage is timed (`corroborate bench …`; figures in
//! `BENCHMARKS.md`). Each takes the articles and a thread count: one thread
//! compares like with like against a single-process peer, all cores shows
//! what the machine does.

use corroborate_cluster::{band_keys, sketch, MinHash, NEAR_DUPLICATE};
use corroborate_ingest::{expand_inputs, read_input, IngestOptions, Item};
use corroborate_model::{Annotations, Article, ArticleId};
use corroborate_store::{Store, StoreError};
use corroborate_understand::{annotate, Gazetteer};
use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Instant;

/// Every article of the inputs under `paths`, in input order (problems are
/// skipped: benchmarks read known-good inputs).
pub fn read_articles(paths: &[PathBuf], opts: &IngestOptions) -> Vec<Article> {
    let (inputs, _) = expand_inputs(paths);
    let mut articles = Vec::new();
    for input in &inputs {
        read_input(input, opts, &mut |item| {
            if let Item::Article(a) = item {
                articles.push(*a);
            }
        });
    }
    articles
}

/// The value at quantile `q` (0–1) of sorted samples (0 when empty).
fn quantile(sorted: &[f64], q: f64) -> f64 {
    sorted
        .get(((sorted.len() as f64 - 1.0) * q).round() as usize)
        .copied()
        .unwrap_or(0.0)
}

/// Runs `f` on every item, spread over `threads` scoped threads, and
/// returns each item's microseconds (in no particular order).
fn timed_each<T: Sync>(items: &[T], threads: usize, f: &(dyn Fn(&T) + Sync)) -> Vec<f64> {
    let threads = threads.clamp(1, items.len().max(1));
    let chunk = items.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|it| {
                            let t = Instant::now();
                            f(it);
                            t.elapsed().as_secs_f64() * 1e6
                        })
                        .collect::<Vec<f64>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    })
}

/// What one run of [`bench_understand`] measured.
#[derive(Debug, Clone, PartialEq)]
pub struct UnderstandBench {
    /// Distinct articles read from the inputs.
    pub articles: usize,
    /// Characters in them.
    pub chars: usize,
    /// Passes over the articles.
    pub repeat: usize,
    /// Threads the articles were spread over.
    pub threads: usize,
    /// Wall-clock seconds of all passes.
    pub seconds: f64,
    /// Median time to annotate one article, in microseconds.
    pub p50_us: f64,
    /// 99th percentile, in microseconds.
    pub p99_us: f64,
    /// Wall-clock seconds of event extraction (typed events and facts from
    /// the annotations) over the same passes, annotation excluded.
    pub extract_seconds: f64,
    /// Events extracted in one pass.
    pub events: usize,
}

impl UnderstandBench {
    /// Articles annotated per second (on all the threads).
    pub fn articles_per_second(&self) -> f64 {
        (self.articles * self.repeat) as f64 / self.seconds.max(1e-9)
    }

    /// Articles whose events were extracted per second (on all the threads).
    pub fn extracted_per_second(&self) -> f64 {
        (self.articles * self.repeat) as f64 / self.extract_seconds.max(1e-9)
    }
}

/// Times the understanding pass: annotates all `articles` `repeat` times,
/// spread over `threads`; then, on those annotations, event extraction
/// alone the same number of times.
pub fn bench_understand(
    articles: &[Article],
    gazetteer: Option<&Gazetteer>,
    repeat: usize,
    threads: usize,
) -> UnderstandBench {
    let repeat = repeat.max(1);
    // Lexicons and gazetteer tables are built on first use: not timed.
    if let Some(a) = articles.first() {
        std::hint::black_box(annotate(a, gazetteer));
    }
    let started = Instant::now();
    let mut times = timed_understand(articles, gazetteer, repeat, threads);
    let seconds = started.elapsed().as_secs_f64();
    times.sort_by(f64::total_cmp);
    let annotated: Vec<(&Article, Annotations)> = articles
        .iter()
        .map(|a| (a, annotate(a, gazetteer)))
        .collect();
    let events = annotated
        .iter()
        .map(|(a, n)| corroborate_extract::extract(a, n).len())
        .sum();
    let started = Instant::now();
    for _ in 0..repeat {
        timed_each(&annotated, threads, &|(a, n)| {
            std::hint::black_box(corroborate_extract::extract(a, n));
        });
    }
    UnderstandBench {
        articles: articles.len(),
        chars: articles.iter().map(|a| a.text.chars().count()).sum(),
        repeat,
        threads: threads.max(1),
        seconds,
        p50_us: quantile(&times, 0.5),
        p99_us: quantile(&times, 0.99),
        extract_seconds: started.elapsed().as_secs_f64(),
        events,
    }
}

/// The timed part of [`bench_understand`], apart so that an instruction
/// counter can be pointed at it (`eval/bench_gate.py`).
#[inline(never)]
fn timed_understand(
    articles: &[Article],
    gazetteer: Option<&Gazetteer>,
    repeat: usize,
    threads: usize,
) -> Vec<f64> {
    let mut times = Vec::with_capacity(articles.len() * repeat);
    for _ in 0..repeat {
        times.extend(timed_each(articles, threads, &|a| {
            std::hint::black_box(annotate(a, gazetteer));
        }));
    }
    times
}

/// What [`bench_dedup`] measured.
#[derive(Debug, Clone, PartialEq)]
pub struct DedupBench {
    /// Articles sketched and indexed.
    pub articles: usize,
    /// Threads the sketching was spread over (the index is one thread).
    pub threads: usize,
    /// Seconds to compute every MinHash signature.
    pub sketch_seconds: f64,
    /// Seconds to query and insert every signature in the LSH index.
    pub index_seconds: f64,
    /// Candidate pairs the index returned.
    pub candidates: usize,
    /// Of those, pairs whose estimated Jaccard similarity reaches the
    /// near-duplicate threshold.
    pub near_duplicates: usize,
}

impl DedupBench {
    /// Articles sketched and indexed per second, end to end.
    pub fn articles_per_second(&self) -> f64 {
        self.articles as f64 / (self.sketch_seconds + self.index_seconds).max(1e-9)
    }
}

/// Times near-duplicate detection as a peer such as datasketch does it:
/// each article's MinHash signature (128 permutations over word 4-gram
/// shingles of the folded text, as ingest computes it), then for each in
/// turn a query of an in-memory LSH index (32 bands × 4 rows) and its
/// insertion; candidates are verified by estimated Jaccard similarity.
pub fn bench_dedup(articles: &[Article], threads: usize) -> DedupBench {
    let started = Instant::now();
    let mut signatures: Vec<Vec<u32>> = vec![Vec::new(); articles.len()];
    {
        let threads = threads.clamp(1, articles.len().max(1));
        let chunk = articles.len().div_ceil(threads).max(1);
        std::thread::scope(|scope| {
            for (part, out) in articles.chunks(chunk).zip(signatures.chunks_mut(chunk)) {
                scope.spawn(move || {
                    for (a, o) in part.iter().zip(out.iter_mut()) {
                        *o = corroborate_cluster::minhash_text(&a.text);
                    }
                });
            }
        });
    }
    let sketch_seconds = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let mut index: HashMap<i64, Vec<u32>> = HashMap::new();
    let (mut candidates, mut near_duplicates) = (0, 0);
    let mut seen: Vec<u32> = Vec::new();
    for (i, sig) in signatures.iter().enumerate() {
        let keys = band_keys(sig);
        seen.clear();
        for k in &keys {
            if let Some(bucket) = index.get(k) {
                seen.extend_from_slice(bucket);
            }
        }
        seen.sort_unstable();
        seen.dedup();
        candidates += seen.len();
        near_duplicates += seen
            .iter()
            .filter(|&&j| MinHash::similarity(sig, &signatures[j as usize]) >= NEAR_DUPLICATE)
            .count();
        for k in keys {
            index.entry(k).or_default().push(i as u32);
        }
    }
    DedupBench {
        articles: articles.len(),
        threads: threads.max(1),
        sketch_seconds,
        index_seconds: started.elapsed().as_secs_f64(),
        candidates,
        near_duplicates,
    }
}

/// What [`bench_attach`] measured.
#[derive(Debug, Clone, PartialEq)]
pub struct AttachBench {
    /// Articles in the store before the first attach.
    pub indexed: u64,
    /// Articles attached (each its own transaction).
    pub attached: usize,
    /// Median milliseconds to sketch one article, find its candidates,
    /// decide its story and commit it.
    pub p50_ms: f64,
    /// 99th percentile.
    pub p99_ms: f64,
    /// Slowest.
    pub max_ms: f64,
}

/// Times attaching new articles one at a time to a store that already
/// holds many (`corroborate bench attach`): each is sketched and ingested
/// in its own transaction, as a live feed would deliver it. Articles
/// already stored are skipped (their outcome is not timed).
pub fn bench_attach(
    store: &mut dyn Store,
    articles: &[Article],
) -> Result<AttachBench, StoreError> {
    let indexed = store.count_articles()?;
    let mut times = Vec::with_capacity(articles.len());
    for a in articles {
        let t = Instant::now();
        let outcome = store.ingest(a, &sketch(a))?;
        let ms = t.elapsed().as_secs_f64() * 1e3;
        if matches!(outcome, corroborate_store::Outcome::Stored { .. }) {
            times.push(ms);
        }
    }
    times.sort_by(f64::total_cmp);
    Ok(AttachBench {
        indexed,
        attached: times.len(),
        p50_ms: quantile(&times, 0.5),
        p99_ms: quantile(&times, 0.99),
        max_ms: times.last().copied().unwrap_or(0.0),
    })
}

/// What [`bench_corroborate`] measured.
#[derive(Debug, Clone, PartialEq)]
pub struct CorroborateBench {
    /// Members of the story corroborated.
    pub articles: usize,
    /// Events the story came out with.
    pub events: usize,
    /// Median milliseconds to corroborate the story (annotation and
    /// extraction excluded: they are per-article work done at ingest).
    pub p50_ms: f64,
    /// Slowest run, in milliseconds.
    pub max_ms: f64,
}

/// Times the per-story reduce: the articles, cycled until there are
/// `articles` of them (each copy under its own id), are annotated and
/// extracted once, then corroborated as one story `repeat` times.
pub fn bench_corroborate(
    read: &[Article],
    gazetteer: Option<&Gazetteer>,
    articles: usize,
    repeat: usize,
) -> CorroborateBench {
    let mut all: Vec<Article> = Vec::new();
    if !read.is_empty() {
        while all.len() < articles.max(1) {
            let mut a: Article = read[all.len() % read.len()].clone();
            a.id = ArticleId(format!("{}#{}", a.id.0, all.len()));
            all.push(a);
        }
    }
    let anns: Vec<Annotations> = all.iter().map(|a| annotate(a, gazetteer)).collect();
    let evs: Vec<Vec<corroborate_model::ArticleEvent>> = all
        .iter()
        .zip(&anns)
        .map(|(a, n)| corroborate_extract::extract(a, n))
        .collect();
    let members: Vec<corroborate_corroborate::Member> = all
        .iter()
        .zip(&anns)
        .zip(&evs)
        .enumerate()
        .map(|(i, ((a, n), e))| corroborate_corroborate::Member {
            article: a,
            annotations: n,
            events: e,
            family: i as u64,
        })
        .collect();
    // Lexicons are built on first use: not timed.
    std::hint::black_box(corroborate_corroborate::analyse(&members, "s1"));
    let (mut times, events) = timed_corroborate(&members, repeat.max(1));
    times.sort_by(f64::total_cmp);
    CorroborateBench {
        articles: all.len(),
        events,
        p50_ms: quantile(&times, 0.5),
        max_ms: times.last().copied().unwrap_or(0.0),
    }
}

/// The timed part of [`bench_corroborate`]: milliseconds of each run and
/// the events found.
#[inline(never)]
fn timed_corroborate(
    members: &[corroborate_corroborate::Member],
    repeat: usize,
) -> (Vec<f64>, usize) {
    let mut times = Vec::with_capacity(repeat);
    let mut events = 0;
    for _ in 0..repeat {
        let t = Instant::now();
        let out = corroborate_corroborate::analyse(members, "s1");
        times.push(t.elapsed().as_secs_f64() * 1e3);
        events = out.events.len();
    }
    (times, events)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, text: &str) -> Article {
        Article::plain(id, "en", text)
    }

    #[test]
    fn dedup_finds_the_reprint_and_not_the_other_story() {
        let text = "Floodwaters forced 340 residents of Passau from their homes after the Danube rose to 8.9 metres, the highest level since 2013, the city said on Monday evening.";
        let articles = [
            article("a", text),
            article("b", &text.replace("Monday evening", "Monday night")),
            article("c", "Ghent's council voted 29 to 20 to extend the car-free zone to three more streets next spring, after a year of trials."),
        ];
        for threads in [1, 2] {
            let b = bench_dedup(&articles, threads);
            assert_eq!((b.articles, b.near_duplicates), (3, 1), "{b:?}");
            assert!(b.candidates >= 1);
        }
    }

    #[test]
    fn understand_times_every_article_on_every_thread_count() {
        let articles: Vec<Article> = (0..5)
            .map(|i| {
                article(
                    &format!("a{i}"),
                    "Two people were injured in Lviv on Monday, officials said.",
                )
            })
            .collect();
        let one = bench_understand(&articles, None, 2, 1);
        let two = bench_understand(&articles, None, 2, 2);
        assert_eq!((one.articles, one.repeat, two.threads), (5, 2, 2));
        assert!(one.p50_us > 0.0 && one.p99_us >= one.p50_us);
    }
}
