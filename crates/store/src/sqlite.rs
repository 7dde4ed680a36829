//! The embedded SQLite backend.

use crate::shared::{
    minhash_bytes, minhash_from, now, parse_date, regroup, search_query, top_shared, Lookup,
    Pending, RawArticle, ReclusterRow, SharedCounts, ARTICLE_COLUMNS, MAX_POSTINGS,
};
use crate::shared::{now_secs, ALERT_COLUMNS, SOURCE_COLUMNS};
use crate::{
    AlertRecord, Outcome, PlaceAnchors, SourceState, Store, StoreError, StoryQuery, StoryRow,
};
use corroborate_cluster::{Candidate, DocFreqs, Sketch, TermVector, SIGNATURE_VERSION};
use corroborate_model::{Article, ArticleId, StoredArticle};
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Row, TransactionBehavior};
use std::path::Path;
use std::time::Duration;

/// Schema migrations, applied in order; the database's `user_version` is the
/// number applied. Never edit a released one: add the next.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_initial.sql"),
    include_str!("migrations/0002_search.sql"),
    include_str!("migrations/0003_watch.sql"),
    include_str!("migrations/0004_batch_search.sql"),
];

/// A corroborate store in an SQLite file (or in memory).
pub struct SqliteStore {
    conn: Connection,
}

/// Step to which a lookup's `IN (...)` list is padded ([`SqliteLookup`]).
const IN_STEP: usize = 32;

impl SqliteStore {
    /// Opens (creating if needed) the store at `path`, in WAL mode, and brings
    /// its schema up to date.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(30))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // A large store's index pages stay in memory across an ingest
        // (the default 2 MiB cache thrashes past ~50,000 articles); the
        // file is read through the page cache of the OS without copies.
        conn.pragma_update(None, "cache_size", -64 * 1024)?;
        conn.pragma_update(None, "mmap_size", 1i64 << 30)?;
        Self::init(conn)
    }

    /// A store that lives in memory and is gone when dropped.
    pub fn in_memory() -> Result<Self, StoreError> {
        Self::init(Connection::open_in_memory()?)
    }

    fn init(conn: Connection) -> Result<Self, StoreError> {
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // An ingest runs a dozen statements per article plus the padded
        // lookups of document frequencies: all stay prepared.
        conn.set_prepared_statement_cache_capacity(64);
        let mut store = SqliteStore { conn };
        store.migrate()?;
        Ok(store)
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        // An up-to-date store is opened without taking the write lock, so
        // readers (the server's connections) never queue behind an ingest.
        let current: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if current == MIGRATIONS.len() as i64 {
            return Ok(());
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let supported = MIGRATIONS.len() as i64;
        if version > supported {
            return Err(StoreError::TooNew {
                found: version,
                supported,
            });
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        }
        tx.execute(
            "INSERT INTO meta(key, value) VALUES ('signature_version', ?1) ON CONFLICT(key) DO NOTHING",
            [SIGNATURE_VERSION.to_string()],
        )?;
        tx.execute(
            "INSERT INTO meta(key, value) VALUES ('docs', '0') ON CONFLICT(key) DO NOTHING",
            [],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The schema version of the open store.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }
}

fn placeholders(n: usize) -> String {
    vec!["?"; n].join(",")
}

/// Candidate lookup inside the writer's transaction (the batch's earlier
/// articles are already rows in it).
struct SqliteLookup<'a> {
    tx: &'a rusqlite::Transaction<'a>,
    /// Candidate rows read so far in this transaction (`None`: sketched by
    /// another signature version). Articles of one story are candidates
    /// of many articles of a batch: each row is read and decoded once.
    rows: rustc_hash::FxHashMap<i64, Option<Candidate>>,
    /// Document frequencies the batch's stored articles add, written once
    /// per term when the batch commits ([`SqliteLookup::flush`]) instead
    /// of once per term of every article; lookups add them to the table's.
    pending_df: rustc_hash::FxHashMap<String, i64>,
    /// Articles the batch stored, added to the `docs` count on commit.
    pending_docs: u64,
    /// Document frequencies read from the table in this batch (0: absent).
    stored_df: rustc_hash::FxHashMap<String, u64>,
}

impl SqliteLookup<'_> {
    /// Counts a stored article's terms and the article itself.
    fn count(&mut self, sketch: &Sketch) {
        for t in sketch.df_keys() {
            *self.pending_df.entry(t.into_owned()).or_default() += 1;
        }
        self.pending_docs += 1;
    }

    /// Writes the counts of the batch's articles into the transaction.
    fn flush(&mut self) -> Result<(), StoreError> {
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO term_df(term, df) VALUES (?1, ?2) ON CONFLICT(term) DO UPDATE SET df = df + ?2",
        )?;
        let mut terms: Vec<(String, i64)> = self.pending_df.drain().collect();
        // In key order, the B-tree is written page after page.
        terms.sort_unstable();
        for (t, n) in terms {
            stmt.execute(params![t, n])?;
        }
        self.tx
            .prepare_cached(
                "UPDATE meta SET value = CAST(value AS INTEGER) + ?1 WHERE key = 'docs'",
            )?
            .execute([self.pending_docs as i64])?;
        self.pending_docs = 0;
        Ok(())
    }
}

impl Lookup for SqliteLookup<'_> {
    fn doc_freqs(&mut self, terms: &[&String]) -> Result<DocFreqs, StoreError> {
        let tx = self.tx;
        let docs: u64 = tx
            .prepare_cached("SELECT value FROM meta WHERE key = 'docs'")?
            .query_row([], |r| r.get::<_, String>(0))?
            .parse::<u64>()
            .unwrap_or(0)
            + self.pending_docs;
        // The table does not change during the batch (its counts wait in
        // `pending_df`), so each term is read from it once per batch.
        let missing: Vec<&String> = terms
            .iter()
            .copied()
            .filter(|t| !self.stored_df.contains_key(t.as_str()))
            .collect();
        for chunk in missing.chunks(500) {
            // The list is padded (with its last term) to a multiple of
            // IN_STEP, so that a few prepared statements serve every length.
            let Some(last) = chunk.last() else { continue };
            let padded = chunk.len().next_multiple_of(IN_STEP).min(500);
            let sql = format!(
                "SELECT term, df FROM term_df WHERE term IN ({})",
                placeholders(padded)
            );
            let mut stmt = tx.prepare_cached(&sql)?;
            let padded_terms = chunk
                .iter()
                .chain(std::iter::repeat_n(last, padded - chunk.len()));
            let rows = stmt.query_map(params_from_iter(padded_terms), |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
            })?;
            for t in chunk {
                self.stored_df.insert((*t).clone(), 0);
            }
            for row in rows {
                let (t, n) = row?;
                self.stored_df.insert(t, n.max(0) as u64);
            }
        }
        let mut df = std::collections::HashMap::with_capacity(terms.len());
        for t in terms {
            let stored = self.stored_df.get(t.as_str()).copied().unwrap_or(0);
            let pending = self
                .pending_df
                .get(t.as_str())
                .map_or(0, |&n| n.max(0) as u64);
            if stored + pending > 0 {
                df.insert((*t).clone(), stored + pending);
            }
        }
        Ok(DocFreqs {
            docs,
            df,
            language: String::new(),
        })
    }

    fn candidates(
        &mut self,
        bands: &[i64],
        anchors: &[&str],
    ) -> Result<Vec<Candidate>, StoreError> {
        let tx = self.tx;
        let mut keys: Vec<i64> = Vec::new();
        {
            // The latest postings of each band: boilerplate shared by many
            // articles makes a few buckets grow with the store.
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT article FROM lsh_bands WHERE band_key = ?1 ORDER BY article DESC LIMIT {MAX_POSTINGS}"
            ))?;
            for b in bands {
                for k in stmt.query_map([b], |r| r.get::<_, i64>(0))? {
                    keys.push(k?);
                }
            }
        }
        if !anchors.is_empty() {
            // The latest postings of each anchor term, counted here: a
            // common term costs the same in a store of a million articles
            // as in one of a thousand.
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT article FROM article_terms WHERE term = ?1 ORDER BY article DESC LIMIT {MAX_POSTINGS}"
            ))?;
            let mut shared = SharedCounts::default();
            for t in anchors {
                for k in stmt.query_map([t], |r| r.get::<_, i64>(0))? {
                    *shared.entry(k?).or_default() += 1;
                }
            }
            keys.extend(top_shared(shared));
        }
        keys.sort_unstable();
        keys.dedup();
        let mut stmt = tx.prepare_cached(
            "SELECT key, story, family, minhash, terms, published FROM articles WHERE key = ?1 AND signature_version = ?2",
        )?;
        let mut out = Vec::with_capacity(keys.len());
        for k in keys {
            if let Some(c) = self.rows.get(&k) {
                out.extend(c.clone());
                continue;
            }
            let c = stmt
                .query_row(params![k, SIGNATURE_VERSION], |r| {
                    Ok(Candidate {
                        key: r.get(0)?,
                        story: r.get(1)?,
                        family: r.get(2)?,
                        minhash: minhash_from(&r.get::<_, Vec<u8>>(3)?),
                        vector: TermVector::decode(&r.get::<_, String>(4)?),
                        published: r
                            .get::<_, Option<String>>(5)?
                            .as_deref()
                            .and_then(parse_date),
                    })
                })
                .optional()?;
            self.rows.insert(k, c.clone());
            out.extend(c);
        }
        Ok(out)
    }
}

/// Reads the [`ARTICLE_COLUMNS`] of a row.
pub(crate) fn raw_article(r: &Row) -> rusqlite::Result<RawArticle> {
    Ok(RawArticle {
        key: r.get(0)?,
        id: r.get(1)?,
        url: r.get(2)?,
        outlet: r.get(3)?,
        title: r.get(4)?,
        published: r.get(5)?,
        published_source: r.get(6)?,
        language: r.get(7)?,
        input: r.get(8)?,
        source: r.get(9)?,
        text: r.get(10)?,
        story: r.get(11)?,
        family: r.get(12)?,
        copy_of: r.get(13)?,
        copy_similarity: r.get(14)?,
    })
}

fn stored_from_row(r: &Row) -> rusqlite::Result<StoredArticle> {
    raw_article(r).map(Into::into)
}

/// Stores one article inside the writer's transaction.
fn ingest_one(
    tx: &rusqlite::Transaction,
    lookup: &mut SqliteLookup,
    article: &Article,
    sketch: &Sketch,
) -> Result<Outcome, StoreError> {
    // Every statement here runs for every article: prepared once.
    let same_id: Option<Vec<u8>> = tx
        .prepare_cached("SELECT fingerprint FROM articles WHERE id = ?1")?
        .query_row([&article.id.0], |r| r.get(0))
        .optional()?;
    if let Some(fp) = same_id {
        return Ok(Outcome::SameId {
            same_content: fp == sketch.fingerprint,
        });
    }
    let same_content: Option<String> = tx
        .prepare_cached("SELECT id FROM articles WHERE fingerprint = ?1")?
        .query_row([&sketch.fingerprint[..]], |r| r.get(0))
        .optional()?;
    if let Some(existing) = same_content {
        return Ok(Outcome::SameContent {
            existing: ArticleId(existing),
        });
    }
    // The key SQLite would give the row (the largest plus one), known
    // before the insert so that a new family is keyed by it.
    let key: i64 = tx
        .prepare_cached("SELECT COALESCE(MAX(key), 0) + 1 FROM articles")?
        .query_row([], |r| r.get(0))?;
    let mut new_story = || -> Result<i64, StoreError> {
        tx.prepare_cached("INSERT INTO stories(created_at) VALUES (?1)")?
            .execute([now()])?;
        Ok(tx.last_insert_rowid())
    };
    // Earlier articles of the batch are rows of this transaction already.
    let d = Pending::default().decide(lookup, article, sketch, key, &mut new_story)?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO articles(key, id, url, outlet, title, published, published_source, language, input, source, text,
                              fingerprint, story, family, copy_of, copy_similarity, story_similarity,
                              minhash, terms, signature_version, ingested_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
    )?;
    insert.execute(params![
        key,
        article.id.0,
        article.url,
        article.outlet,
        article.title,
        article.published_date().map(|d| d.to_string()),
        article.published.map(|p| p.source.as_str()),
        article.language,
        article.input.as_str(),
        article.source,
        article.text,
        &sketch.fingerprint[..],
        d.story,
        d.family,
        d.decision.family.map(|f| f.1),
        d.decision.family.map(|f| f.2),
        d.decision.story_similarity,
        minhash_bytes(&sketch.minhash),
        d.vector.encode(),
        SIGNATURE_VERSION,
        now(),
    ])?;
    let mut stmt =
        tx.prepare_cached("INSERT OR IGNORE INTO lsh_bands(band_key, article) VALUES (?1, ?2)")?;
    for b in &d.bands {
        stmt.execute(params![b, key])?;
    }
    let mut stmt =
        tx.prepare_cached("INSERT OR IGNORE INTO article_terms(term, article) VALUES (?1, ?2)")?;
    for t in &d.anchors {
        stmt.execute(params![t, key])?;
    }
    lookup.count(sketch);
    Ok(Outcome::Stored {
        story: d.story,
        new_story: d.new_story,
    })
}

impl Store for SqliteStore {
    fn ingest_batch(&mut self, batch: &[(&Article, &Sketch)]) -> Result<Vec<Outcome>, StoreError> {
        // IMMEDIATE: take the write lock before reading, so two processes
        // cannot both decide to store the same article.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut lookup = SqliteLookup {
            tx: &tx,
            rows: Default::default(),
            pending_df: Default::default(),
            pending_docs: 0,
            stored_df: Default::default(),
        };
        // Rows get the largest key plus one: the batch's rows are the keys
        // from here on.
        let first: i64 = tx
            .prepare_cached("SELECT COALESCE(MAX(key), 0) + 1 FROM articles")?
            .query_row([], |r| r.get(0))?;
        let outcomes = batch
            .iter()
            .map(|(article, sketch)| ingest_one(&tx, &mut lookup, article, sketch))
            .collect::<Result<Vec<_>, _>>()?;
        lookup.flush()?;
        drop(lookup);
        // The batch's rows enter the text index in one statement (see
        // migration 0004).
        tx.prepare_cached(
            "INSERT INTO articles_fts(rowid, title, text) SELECT key, title, text FROM articles WHERE key >= ?1",
        )?
        .execute([first])?;
        tx.commit()?;
        Ok(outcomes)
    }

    fn recluster(&mut self, places: Option<&PlaceAnchors<'_>>) -> Result<usize, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let rows: Vec<ReclusterRow> = {
            let mut stmt = tx.prepare(
                "SELECT key, family, story, title, text, published, language FROM articles ORDER BY key",
            )?;
            let rows = stmt
                .query_map([], |r| {
                    Ok(ReclusterRow {
                        key: r.get(0)?,
                        family: r.get(1)?,
                        story: r.get(2)?,
                        title: r.get(3)?,
                        text: r.get(4)?,
                        published: r.get(5)?,
                        language: r.get(6)?,
                    })
                })?
                .collect::<Result<Vec<_>, _>>()?;
            rows
        };
        let mut changed = 0;
        for (keep, members) in regroup(&rows, places) {
            let story = match keep {
                Some(k) => k,
                None => {
                    tx.execute("INSERT INTO stories(created_at) VALUES (?1)", [now()])?;
                    tx.last_insert_rowid()
                }
            };
            for i in members {
                if rows[i].story != story {
                    tx.execute(
                        "UPDATE articles SET story = ?1 WHERE key = ?2",
                        params![story, rows[i].key],
                    )?;
                    changed += 1;
                }
            }
        }
        tx.execute(
            "DELETE FROM stories WHERE key NOT IN (SELECT story FROM articles)",
            [],
        )?;
        if changed > 0 {
            tx.execute(
                "INSERT INTO meta(key, value) VALUES ('reclusters', '1')
                 ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
                [],
            )?;
        }
        tx.commit()?;
        Ok(changed)
    }

    fn articles(&self) -> Result<Vec<StoredArticle>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY key"
        ))?;
        let rows = stmt.query_map([], stored_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn article_page(&self, offset: usize, limit: usize) -> Result<Vec<StoredArticle>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY key LIMIT ?1 OFFSET ?2"
        ))?;
        let to_i64 = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        let rows = stmt.query_map([to_i64(limit), to_i64(offset)], stored_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn article(&self, id: &str) -> Result<Option<StoredArticle>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = ?1"
        ))?;
        Ok(stmt.query_row([id], stored_from_row).optional()?)
    }

    fn count_articles(&self) -> Result<u64, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM articles", [], |r| r.get::<_, i64>(0))?
            as u64)
    }

    fn generation(&self) -> Result<u64, StoreError> {
        // Stored articles and consolidations that changed a story.
        let n: i64 = self.conn.query_row(
            "SELECT COALESCE(SUM(CAST(value AS INTEGER)), 0) FROM meta WHERE key IN ('docs', 'reclusters')",
            [],
            |r| r.get(0),
        )?;
        Ok(n.max(0) as u64)
    }

    fn check(&self) -> Result<crate::CheckReport, StoreError> {
        crate::check::check_sqlite(&self.conn)
    }

    fn story_rows(&self, query: &StoryQuery) -> Result<Vec<StoryRow>, StoreError> {
        let mut sql = String::from(
            "SELECT story, COUNT(*), MIN(published), MAX(published), \
             SUM(key) * 1000003 + MAX(key), MIN(CAST(ingested_at AS INTEGER)), \
             MAX(CAST(ingested_at AS INTEGER)) FROM articles",
        );
        let mut args: Vec<String> = Vec::new();
        if let Some(m) = query.text.as_deref().and_then(fts_match) {
            sql.push_str(
                " WHERE story IN (SELECT a.story FROM articles_fts f \
                 JOIN articles a ON a.key = f.rowid WHERE articles_fts MATCH ?)",
            );
            args.push(m);
        }
        sql.push_str(" GROUP BY story");
        let mut having = Vec::new();
        if let Some(from) = query.from {
            having.push("MAX(published) >= ?");
            args.push(from.format("%Y-%m-%d").to_string());
        }
        if let Some(to) = query.to {
            having.push("MIN(published) <= ?");
            args.push(to.format("%Y-%m-%d").to_string());
        }
        if !having.is_empty() {
            sql.push_str(" HAVING ");
            sql.push_str(&having.join(" AND "));
        }
        sql.push_str(" ORDER BY MAX(published) IS NULL, MAX(published) DESC, story DESC");
        let date = |s: Option<String>| s.as_deref().and_then(parse_date);
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(args.iter()), |r| {
            Ok(StoryRow {
                key: r.get(0)?,
                articles: r.get::<_, i64>(1)? as usize,
                first_published: date(r.get(2)?),
                last_published: date(r.get(3)?),
                version: r.get(4)?,
                first_ingested: r.get(5)?,
                last_ingested: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn story_members(&self, story: i64) -> Result<Vec<StoredArticle>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {ARTICLE_COLUMNS} FROM articles WHERE story = ?1 ORDER BY key"
        ))?;
        let rows = stmt.query_map([story], stored_from_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn watch_sources(&self) -> Result<Vec<SourceState>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {SOURCE_COLUMNS} FROM watch_sources ORDER BY url"
        ))?;
        let rows = stmt.query_map([], |r| {
            Ok(SourceState {
                url: r.get(0)?,
                kind: r.get(1)?,
                parent: r.get(2)?,
                etag: r.get(3)?,
                last_modified: r.get(4)?,
                last_checked: r.get(5)?,
                last_success: r.get(6)?,
                last_error: r.get(7)?,
                last_error_at: r.get(8)?,
                items_seen: r.get(9)?,
                articles_stored: r.get(10)?,
                not_modified: r.get(11)?,
                failures: r.get(12)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn save_watch_source(&mut self, s: &SourceState) -> Result<(), StoreError> {
        self.conn.execute(
            &format!(
                "INSERT OR REPLACE INTO watch_sources({SOURCE_COLUMNS}) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
            ),
            params![
                s.url,
                s.kind,
                s.parent,
                s.etag,
                s.last_modified,
                s.last_checked,
                s.last_success,
                s.last_error,
                s.last_error_at,
                s.items_seen,
                s.articles_stored,
                s.not_modified,
                s.failures
            ],
        )?;
        Ok(())
    }

    fn record_alerts(&mut self, alerts: &[AlertRecord]) -> Result<Vec<bool>, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut out = Vec::with_capacity(alerts.len());
        {
            let mut stmt = tx.prepare(
                "INSERT INTO alerts(key, sink, kind, payload, created_at) VALUES (?1, ?2, ?3, ?4, ?5) \
                 ON CONFLICT(key, sink) DO NOTHING",
            )?;
            for a in alerts {
                let n = stmt.execute(params![a.key, a.sink, a.kind, a.payload, a.created_at])?;
                out.push(n == 1);
            }
        }
        tx.commit()?;
        Ok(out)
    }

    fn pending_alerts(&self) -> Result<Vec<AlertRecord>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {ALERT_COLUMNS} FROM alerts WHERE delivered_at IS NULL ORDER BY created_at, key"
        ))?;
        let rows = stmt.query_map([], |r| {
            Ok(AlertRecord {
                key: r.get(0)?,
                sink: r.get(1)?,
                kind: r.get(2)?,
                payload: r.get(3)?,
                created_at: r.get(4)?,
                attempts: r.get(5)?,
                last_error: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    fn alert_attempted(
        &mut self,
        key: &str,
        sink: &str,
        error: Option<&str>,
    ) -> Result<(), StoreError> {
        let delivered = error.is_none().then(now_secs);
        self.conn.execute(
            "UPDATE alerts SET attempts = attempts + 1, last_error = ?3, delivered_at = ?4 \
             WHERE key = ?1 AND sink = ?2",
            params![key, sink, error, delivered],
        )?;
        Ok(())
    }

    fn alerts_delivered(&self) -> Result<u64, StoreError> {
        let n: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM alerts WHERE delivered_at IS NOT NULL",
            [],
            |r| r.get(0),
        )?;
        Ok(n.max(0) as u64)
    }
}

/// An FTS5 query that requires every word of `text`, each quoted so that
/// no character of the user's input is read as query syntax. `None` when
/// the text has no words.
fn fts_match(text: &str) -> Option<String> {
    search_query(text, |w| format!("\"{w}\""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use corroborate_cluster::sketch;

    fn article(id: &str, text: &str) -> Article {
        Article::plain(id, "en", text)
    }

    const FLOOD: &str = "Floodwaters forced 340 residents of Passau from their homes after the Danube rose to 8.9 metres, \
        the highest level since 2013, the city said. Firefighters built sandbag walls along the old town overnight.";

    #[test]
    fn file_store_survives_reopening() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        let a = article("a", FLOOD);
        {
            let mut s = SqliteStore::open(&path).unwrap();
            s.ingest(&a, &sketch(&a)).unwrap();
        }
        let mut s = SqliteStore::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), MIGRATIONS.len() as i64);
        assert_eq!(
            s.ingest(&a, &sketch(&a)).unwrap(),
            Outcome::SameId { same_content: true }
        );
        assert_eq!(s.count_articles().unwrap(), 1);
    }

    #[test]
    fn check_passes_on_a_sound_store_and_names_each_kind_of_damage() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        let mut s = SqliteStore::open(&path).unwrap();
        for (id, text) in [
            ("a", FLOOD),
            ("b", &format!("{FLOOD} Updated.")),
            (
                "c",
                "The council voted to rebuild the harbour wall after a long debate about costs.",
            ),
        ] {
            let a = article(id, text);
            s.ingest(&a, &sketch(&a)).unwrap();
        }
        s.recluster(None).unwrap();
        let ok = s.check().unwrap();
        assert!(ok.is_ok(), "{:?}", ok.problems);
        assert_eq!((ok.articles, ok.stories), (3, 2));
        drop(s);
        let damage = [
            ("DELETE FROM lsh_bands WHERE band_key = (SELECT MIN(band_key) FROM lsh_bands)", "LSH band rows"),
            ("UPDATE term_df SET df = df + 5 WHERE term = (SELECT MIN(term) FROM term_df)", "document frequencies"),
            ("UPDATE meta SET value = '7' WHERE key = 'docs'", "document count"),
            ("INSERT INTO stories(created_at) VALUES ('0')", "stories without articles"),
            ("UPDATE articles SET story = 999 WHERE id = 'c'", "missing story"),
            ("UPDATE articles SET minhash = zeroblob(512) WHERE id = 'c'", "stored MinHash"),
            ("UPDATE articles SET family = (SELECT key FROM articles WHERE id = 'c') WHERE id = 'b'", "copy families split"),
            ("INSERT INTO articles_fts(articles_fts, rowid, title, text) SELECT 'delete', key, title, text FROM articles WHERE id = 'c'", "full-text index"),
        ];
        for (sql, expected) in damage {
            let copy = dir.path().join("damaged.db");
            std::fs::copy(&path, &copy).unwrap();
            let raw = Connection::open(&copy).unwrap();
            raw.pragma_update(None, "foreign_keys", "OFF").unwrap();
            raw.execute_batch(sql).unwrap();
            drop(raw);
            let report = SqliteStore::open(&copy).unwrap().check().unwrap();
            assert!(
                report.problems.iter().any(|p| p.contains(expected)),
                "{sql}: {:?}",
                report.problems
            );
            std::fs::remove_file(&copy).unwrap();
        }
    }

    #[test]
    fn a_version_3_store_indexes_new_articles_once_after_migrating() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        let a = article("a", FLOOD);
        {
            let mut s = SqliteStore::open(&path).unwrap();
            s.ingest(&a, &sketch(&a)).unwrap();
        }
        // Back to version 3: its insert trigger fed the text index row by row.
        let raw = Connection::open(&path).unwrap();
        raw.execute_batch(
            "CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
                 INSERT INTO articles_fts(rowid, title, text) VALUES (new.key, new.title, new.text);
             END;
             PRAGMA user_version = 3;",
        )
        .unwrap();
        drop(raw);
        let mut s = SqliteStore::open(&path).unwrap();
        assert_eq!(s.schema_version().unwrap(), 4);
        let b = article(
            "b",
            "The council voted to rebuild the harbour wall after a long debate about costs.",
        );
        s.ingest(&b, &sketch(&b)).unwrap();
        let report = s.check().unwrap();
        assert!(report.is_ok(), "{:?}", report.problems);
        let hits: i64 = s
            .conn
            .query_row(
                "SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'harbour'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(hits, 1);
    }

    #[test]
    fn newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.db");
        drop(SqliteStore::open(&path).unwrap());
        Connection::open(&path)
            .unwrap()
            .pragma_update(None, "user_version", 99)
            .unwrap();
        assert!(matches!(
            SqliteStore::open(&path),
            Err(StoreError::TooNew { found: 99, .. })
        ));
    }
}
