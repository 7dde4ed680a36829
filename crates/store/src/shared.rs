//! What the backends share: the article row as plain values, the stored
//! encodings, the ingest decision over candidates from the database and
//! from the batch in progress, and the consolidation plan. Each backend
//! only reads and writes rows; the logic that decides stories lives here
//! once, so SQLite and PostgreSQL stores built from the same inputs hold
//! the same stories.

use crate::PlaceAnchors;
use chrono::NaiveDate;
use corroborate_cluster::{
    absorb_small_stories, assign, band_keys, cross_anchors, merge_across_languages, recluster,
    sketch_parts, Assignment, Candidate, CrossItem, DocFreqs, ReclusterItem, Sketch, TermVector,
    ANCHORS,
};
use corroborate_model::{
    par_map, Article, ArticleId, DateSource, InputKind, PublishedDate, StoredArticle,
};
use std::collections::HashMap;

/// Most candidates compared per new article (beyond LSH near-duplicates).
pub(crate) const MAX_TERM_CANDIDATES: usize = 64;

/// Most postings of one anchor term or LSH band read per lookup, the
/// latest first: bounds the lookup's cost however common the term (or the
/// boilerplate behind a band) and large the store.
pub(crate) const MAX_POSTINGS: usize = 256;

/// The articles sharing at least two anchor terms (`shared`: article key →
/// anchors shared), most shared first, then oldest first; at most
/// [`MAX_TERM_CANDIDATES`].
/// Article key → anchors it shares with a new article. Thousands of
/// postings are counted per article: a fast hash (the order does not
/// matter, [`top_shared`] sorts).
pub(crate) type SharedCounts = rustc_hash::FxHashMap<i64, usize>;

pub(crate) fn top_shared(shared: impl IntoIterator<Item = (i64, usize)>) -> Vec<i64> {
    let mut ranked: Vec<(i64, usize)> = shared.into_iter().filter(|&(_, n)| n >= 2).collect();
    ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked
        .into_iter()
        .take(MAX_TERM_CANDIDATES)
        .map(|(k, _)| k)
        .collect()
}

/// The stored columns of one article, as read from either backend.
pub(crate) struct RawArticle {
    pub key: i64,
    pub id: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub published_source: Option<String>,
    pub language: Option<String>,
    pub input: String,
    pub source: String,
    pub text: String,
    pub story: i64,
    pub family: i64,
    pub copy_of: Option<i64>,
    pub copy_similarity: Option<f64>,
}

impl From<RawArticle> for StoredArticle {
    fn from(r: RawArticle) -> Self {
        let published = match (
            r.published.as_deref().and_then(parse_date),
            r.published_source,
        ) {
            (Some(date), Some(s)) => Some(PublishedDate {
                date,
                source: DateSource::parse(&s).unwrap_or(DateSource::Metadata),
            }),
            _ => None,
        };
        StoredArticle {
            key: r.key,
            article: Article {
                id: ArticleId(r.id),
                url: r.url,
                outlet: r.outlet,
                title: r.title,
                published,
                language: r.language,
                input: InputKind::parse(&r.input).unwrap_or(InputKind::Text),
                source: r.source,
                text: r.text,
            },
            story: r.story,
            family: r.family,
            copy_of: r.copy_of,
            copy_similarity: r.copy_similarity,
        }
    }
}

/// The columns [`RawArticle`] is read from, in its field order.
pub(crate) const ARTICLE_COLUMNS: &str = "key, id, url, outlet, title, published, published_source, language, input, source, text, story, family, copy_of, copy_similarity";

/// The words of a story search (`StoryQuery::text`), each rendered by
/// `word` and joined by spaces: runs of letters and digits, at most 32;
/// every other character separates words and is never query syntax.
/// `None` when there are no words.
pub(crate) fn search_query(text: &str, word: impl Fn(&str) -> String) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(32)
        .map(word)
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// A stored ISO date (`published`).
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Seconds since the epoch: enough to order ingests, no clock crate needed.
pub(crate) fn now() -> String {
    now_secs().to_string()
}

/// A MinHash signature as stored: little-endian `u32`s.
pub(crate) fn minhash_bytes(sig: &[u32]) -> Vec<u8> {
    sig.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// The signature back from its stored bytes.
pub(crate) fn minhash_from(bytes: &[u8]) -> Vec<u32> {
    bytes
        .chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

/// What a backend looks up for one new article: its terms' document
/// frequencies and its candidates among the stored articles.
pub(crate) trait Lookup {
    /// Articles stored, and the document frequency of each of `terms`.
    fn doc_freqs(&mut self, terms: &[&String]) -> Result<DocFreqs, crate::StoreError>;
    /// Stored articles sharing an LSH band with `bands` or at least two of
    /// `anchors` (the latter ranked by shared anchors, at most
    /// [`MAX_TERM_CANDIDATES`]).
    fn candidates(
        &mut self,
        bands: &[i64],
        anchors: &[&str],
    ) -> Result<Vec<Candidate>, crate::StoreError>;
}

/// One article decided in a batch, not yet written.
pub(crate) struct Decided {
    /// Its store key.
    pub key: i64,
    /// Story it joins (`new_story` when the batch created it).
    pub story: i64,
    pub new_story: bool,
    pub family: i64,
    pub decision: Assignment,
    pub vector: TermVector,
    pub bands: Vec<i64>,
    pub anchors: Vec<String>,
}

/// Articles decided earlier in the same batch: visible to later ones as
/// candidates and in document frequencies, as if they were stored.
#[derive(Default)]
pub(crate) struct Pending {
    docs: u64,
    df: HashMap<String, u64>,
    bands: HashMap<i64, Vec<usize>>,
    terms: HashMap<String, Vec<usize>>,
    candidates: Vec<Candidate>,
}

impl Pending {
    /// Decides where `article` goes given what `lookup` finds stored and
    /// what this batch holds. `next_key` gives the article's key;
    /// `new_story` gives a fresh story key when it starts one.
    pub fn decide(
        &mut self,
        lookup: &mut dyn Lookup,
        article: &Article,
        sketch: &Sketch,
        key: i64,
        new_story: &mut dyn FnMut() -> Result<i64, crate::StoreError>,
    ) -> Result<Decided, crate::StoreError> {
        // Document frequencies are counted per language (`df_key`).
        let keys: Vec<String> = sketch.df_keys().map(|k| k.into_owned()).collect();
        let key_refs: Vec<&String> = keys.iter().collect();
        let mut df = lookup.doc_freqs(&key_refs)?;
        df.docs += self.docs;
        df.language = sketch.language.clone();
        for t in &keys {
            if let Some(n) = self.df.get(t) {
                *df.df.entry(t.clone()).or_default() += n;
            }
        }
        let vector = TermVector::weigh(&sketch.terms, &df);
        let anchors = vector.anchors(ANCHORS);
        let bands = band_keys(&sketch.minhash);
        let mut cands = lookup.candidates(&bands, &anchors)?;
        cands.extend(self.batch_candidates(&bands, &anchors));
        let published = article.published_date();
        let decision = assign(sketch, &vector, published, &cands);
        let (story, is_new) = match decision.story {
            Some(s) => (s, false),
            None => (new_story()?, true),
        };
        let family = decision.family.map_or(key, |f| f.0);
        let anchors: Vec<String> = anchors.into_iter().map(String::from).collect();

        let i = self.candidates.len();
        self.docs += 1;
        for t in keys {
            *self.df.entry(t).or_default() += 1;
        }
        for b in &bands {
            self.bands.entry(*b).or_default().push(i);
        }
        for t in &anchors {
            self.terms.entry(t.clone()).or_default().push(i);
        }
        self.candidates.push(Candidate {
            key,
            story,
            family,
            minhash: sketch.minhash.clone(),
            vector: vector.clone(),
            published,
        });
        Ok(Decided {
            key,
            story,
            new_story: is_new,
            family,
            decision,
            vector,
            bands,
            anchors,
        })
    }

    /// Each term of the batch's articles with the number of them that
    /// contain it: what their storing adds to the document frequencies.
    pub fn doc_freq_deltas(&self) -> Vec<(String, i64)> {
        self.df
            .iter()
            .map(|(t, n)| (t.clone(), i64::try_from(*n).unwrap_or(i64::MAX)))
            .collect()
    }

    /// The batch's articles that the stored-candidate lookup would have
    /// found had they been stored.
    fn batch_candidates(&self, bands: &[i64], anchors: &[&str]) -> Vec<Candidate> {
        let mut picked: Vec<usize> = bands
            .iter()
            .filter_map(|b| self.bands.get(b))
            .flatten()
            .copied()
            .collect();
        // Positions in the batch order like keys.
        let mut shared = SharedCounts::default();
        for t in anchors {
            for &i in self.terms.get(*t).into_iter().flatten() {
                *shared.entry(i as i64).or_default() += 1;
            }
        }
        picked.extend(top_shared(shared).into_iter().map(|i| i as usize));
        picked.sort_unstable();
        picked.dedup();
        picked
            .into_iter()
            .map(|i| self.candidates[i].clone())
            .collect()
    }
}

/// One article as consolidation reads it.
pub(crate) struct ReclusterRow {
    pub key: i64,
    pub family: i64,
    pub story: i64,
    pub title: Option<String>,
    pub text: String,
    pub published: Option<String>,
    pub language: Option<String>,
}

/// Consolidation's plan: each new group of rows (indexes into the input)
/// with the story key it keeps, or `None` when it needs a new story. Each
/// group keeps the smallest story key among its members that no earlier
/// group has taken, so story ids stay stable.
pub(crate) fn regroup(
    rows: &[ReclusterRow],
    places: Option<&PlaceAnchors<'_>>,
) -> Vec<(Option<i64>, Vec<usize>)> {
    let sketches = par_map(rows, |r| {
        sketch_parts(r.title.as_deref(), &r.text, r.language.as_deref())
    });
    let items: Vec<ReclusterItem> = rows
        .iter()
        .zip(&sketches)
        .map(|(r, s)| ReclusterItem {
            key: r.key,
            family: r.family,
            terms: &s.terms,
            language: &s.language,
            published: r.published.as_deref().and_then(parse_date),
        })
        .collect();
    let labels = recluster(&items);
    // Then the same story told in other languages joins it.
    let anchors = par_map(rows, |r| {
        let mut a = cross_anchors(&r.text, r.language.as_deref().unwrap_or("en"));
        if let Some(places) = places {
            a.extend(places(&r.text));
            a.sort();
            a.dedup();
        }
        a
    });
    let cross: Vec<CrossItem> = rows
        .iter()
        .zip(&anchors)
        .map(|(r, a)| CrossItem {
            language: r.language.as_deref(),
            anchors: a,
        })
        .collect();
    let labels = merge_across_languages(&labels, &cross);
    // Last, small stories join the larger one they fit as a whole.
    let labels = absorb_small_stories(&items, &labels);
    let mut groups: Vec<(i64, Vec<usize>)> = Vec::new();
    let mut index: HashMap<i64, usize> = HashMap::new();
    for (i, label) in labels.iter().enumerate() {
        match index.get(label) {
            Some(&g) => groups[g].1.push(i),
            None => {
                index.insert(*label, groups.len());
                groups.push((*label, vec![i]));
            }
        }
    }
    let mut taken = std::collections::HashSet::new();
    groups
        .into_iter()
        .map(|(_, members)| {
            let mut olds: Vec<i64> = members.iter().map(|&i| rows[i].story).collect();
            olds.sort_unstable();
            let keep = olds.into_iter().find(|k| !taken.contains(k));
            if let Some(k) = keep {
                taken.insert(k);
            }
            (keep, members)
        })
        .collect()
}

/// Columns of `watch_sources`, in [`crate::SourceState`] field order.
pub(crate) const SOURCE_COLUMNS: &str = "url, kind, parent, etag, last_modified, last_checked, \
     last_success, last_error, last_error_at, items_seen, articles_stored, not_modified, failures";

/// Columns of `alerts` read back as an [`crate::AlertRecord`].
pub(crate) const ALERT_COLUMNS: &str = "key, sink, kind, payload, created_at, attempts, last_error";

/// Seconds since the epoch: the clock of every stored time (ingest times,
/// the watcher's source health and alerts).
pub fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}
