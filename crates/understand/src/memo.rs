//! The times and numbers of a sentence depend only on its words, its
//! language and the article's publication date (and on the date only
//! through its times). A wire story is reprinted with most of its sentences
//! unchanged, so the articles of a story share a [`SentenceMemo`] and each
//! common sentence is read once.

use chrono::NaiveDate;
use corroborate_model::{Measure, NumberKind};
use corroborate_text::{NumberFound, TimeFound};
use rustc_hash::FxHashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// Most sentences one memo keeps: a story of a few thousand articles fits;
/// beyond that, sentences are read again rather than kept.
const MAX_SENTENCES: usize = 200_000;

/// What the reading of one sentence found, with byte offsets into it.
#[derive(Debug)]
pub(crate) struct Reading {
    /// Time expressions, in text order.
    pub(crate) times: Vec<TimeFound>,
    /// Numbers outside the time expressions, with what each measures.
    pub(crate) numbers: Vec<(NumberFound, Option<Measure>)>,
}

/// Reads one sentence's times, then its numbers outside them.
pub(crate) fn read_sentence(text: &str, published: Option<NaiveDate>, lang: &str) -> Reading {
    let times = corroborate_text::find_times(text, published, lang);
    let blocked: Vec<(usize, usize)> = times.iter().map(|t| (t.start, t.end)).collect();
    let numbers = corroborate_text::find_numbers_outside(text, lang, &blocked)
        .into_iter()
        .map(|n| {
            let measure = matches!(n.kind, NumberKind::Count | NumberKind::Other)
                .then(|| corroborate_text::measure_of(text, n.start, n.end, n.value, lang))
                .flatten();
            (n, measure)
        })
        .collect();
    Reading { times, numbers }
}

/// What a sentence's reading depends on besides its words.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Context {
    published: Option<NaiveDate>,
    lang: Box<str>,
    /// Readings that hold for any publication date (no times in them).
    any_date: bool,
}

impl Context {
    pub(crate) fn new(published: Option<NaiveDate>, lang: &str) -> Self {
        Context {
            published,
            lang: lang.into(),
            any_date: false,
        }
    }

    /// The same language whatever the date: where the readings of
    /// sentences without times are kept.
    fn undated(&self) -> Self {
        Context {
            published: None,
            lang: self.lang.clone(),
            any_date: true,
        }
    }
}

/// The readings of the sentences read in one context, by their words.
type Readings = FxHashMap<Box<str>, Arc<Reading>>;

/// Sentences already read, shared by the articles of one story (and by the
/// threads annotating them): see [`crate::annotate_with`]. A memo only
/// saves work; annotations are the same with or without it.
#[derive(Debug, Default)]
pub struct SentenceMemo {
    seen: Mutex<FxHashMap<Context, Readings>>,
    kept: AtomicUsize,
    reused: AtomicUsize,
}

impl SentenceMemo {
    /// How many sentence readings were taken from the memo instead of read.
    pub fn reused(&self) -> usize {
        self.reused.load(Ordering::Relaxed)
    }

    /// The reading of `text` in `context`: the kept one, else `read()`'s,
    /// kept for the next articles. The lock is not held while reading.
    pub(crate) fn read(
        &self,
        context: &Context,
        text: &str,
        read: impl FnOnce() -> Reading,
    ) -> Arc<Reading> {
        let kept = self.seen.lock().ok().and_then(|seen| {
            seen.get(context)
                .and_then(|r| r.get(text))
                .or_else(|| seen.get(&context.undated())?.get(text))
                .cloned()
        });
        if let Some(reading) = kept {
            self.reused.fetch_add(1, Ordering::Relaxed);
            return reading;
        }
        let reading = Arc::new(read());
        if self.kept.load(Ordering::Relaxed) < MAX_SENTENCES {
            if let Ok(mut seen) = self.seen.lock() {
                // Without times, nothing in the reading depends on the
                // publication date: reprints of other days share it. (Read
                // without a date, a "yesterday" finds no time: such a
                // reading is kept for undated articles only.)
                let key = if reading.times.is_empty() && context.published.is_some() {
                    context.undated()
                } else {
                    context.clone()
                };
                let sentences = seen.entry(key).or_default();
                if sentences
                    .insert(text.into(), Arc::clone(&reading))
                    .is_none()
                {
                    self.kept.fetch_add(1, Ordering::Relaxed);
                }
            }
        }
        reading
    }
}
