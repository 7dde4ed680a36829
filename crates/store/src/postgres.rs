//! The PostgreSQL backend: one database shared by several processes (two
//! ingests, a server, a check) behind the same [`Store`] contract as SQLite.
//!
//! Every writer holds one transaction-scoped advisory lock for its whole
//! transaction, so two processes cannot both decide to store the same
//! article and keys stay in commit order. A batch is decided in memory
//! (earlier articles of the batch are candidates for later ones, exactly
//! as if each had been stored) and written with binary `COPY`.

use crate::check::{list, relation_queries, Audit};
use crate::shared::{
    minhash_bytes, minhash_from, now, parse_date, regroup, search_query, Decided, Lookup, Pending,
    RawArticle, ReclusterRow, ARTICLE_COLUMNS, MAX_POSTINGS, MAX_TERM_CANDIDATES,
};
use crate::shared::{now_secs, ALERT_COLUMNS, SOURCE_COLUMNS};
use crate::{
    AlertRecord, CheckReport, Outcome, PlaceAnchors, SourceState, Store, StoreError, StoryQuery,
    StoryRow,
};
use corroborate_cluster::{Candidate, DocFreqs, Sketch, TermVector, SIGNATURE_VERSION};
use corroborate_model::{Article, ArticleId, StoredArticle};
use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::{ToSql, Type};
use postgres::{Client, NoTls, Row, Statement, Transaction};
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap};

/// Schema migrations, applied in order; `corroborate_schema.version` is the
/// number applied. Never edit a released one: add the next.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/postgres/0001_initial.sql"),
    include_str!("migrations/postgres/0002_watch.sql"),
];

/// The advisory lock every writer holds for its transaction ("corrob").
const WRITE_LOCK: i64 = 0x636f_7272_6f62;

/// Articles read per round trip when a whole table is walked.
const PAGE: i32 = 1000;

/// A corroborate store in a PostgreSQL database.
pub struct PgStore {
    client: RefCell<Client>,
}

impl PgStore {
    /// Connects to the database at `url` (`postgres://user@host:port/db`)
    /// and brings its schema up to date.
    pub fn connect(url: &str) -> Result<Self, StoreError> {
        let client = Client::connect(url, NoTls)?;
        let mut store = PgStore {
            client: RefCell::new(client),
        };
        store.migrate()?;
        Ok(store)
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        // An up-to-date store is opened without the write lock, so readers
        // never queue behind an ingest.
        if self.version()? == Some(MIGRATIONS.len() as i64) {
            return Ok(());
        }
        let mut tx = self.client.get_mut().transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])?;
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS corroborate_schema (version BIGINT NOT NULL)",
        )?;
        let version: i64 = tx
            .query_opt("SELECT version FROM corroborate_schema", &[])?
            .map_or(0, |r| r.get(0));
        let supported = MIGRATIONS.len() as i64;
        if version > supported {
            return Err(StoreError::TooNew {
                found: version,
                supported,
            });
        }
        for sql in MIGRATIONS.iter().skip(version as usize) {
            tx.batch_execute(sql)?;
        }
        tx.execute("DELETE FROM corroborate_schema", &[])?;
        tx.execute(
            "INSERT INTO corroborate_schema(version) VALUES ($1)",
            &[&supported],
        )?;
        tx.execute(
            "INSERT INTO meta(key, value) VALUES ('signature_version', $1), ('docs', '0') ON CONFLICT (key) DO NOTHING",
            &[&SIGNATURE_VERSION.to_string()],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The schema version of the open store (`None` before the first
    /// migration).
    pub fn schema_version(&mut self) -> Result<Option<i64>, StoreError> {
        self.version()
    }

    fn version(&mut self) -> Result<Option<i64>, StoreError> {
        let client = self.client.get_mut();
        let exists: bool = client
            .query_one("SELECT to_regclass('corroborate_schema') IS NOT NULL", &[])?
            .get(0);
        if !exists {
            return Ok(None);
        }
        Ok(client
            .query_opt("SELECT version FROM corroborate_schema", &[])?
            .map(|r| r.get(0)))
    }

    /// Runs SQL on the store's connection, outside any transaction (tests
    /// use it to plant damage for `check`).
    #[doc(hidden)]
    pub fn execute_raw(&mut self, sql: &str) -> Result<(), StoreError> {
        Ok(self.client.get_mut().batch_execute(sql)?)
    }

    /// The `Store` read methods take `&self` while the driver's calls need
    /// `&mut`: reads borrow the client for one short read-only,
    /// repeatable-read transaction (one consistent snapshot per call).
    fn read<T>(
        &self,
        f: impl FnOnce(&mut Transaction) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut client = self
            .client
            .try_borrow_mut()
            .map_err(|_| StoreError::ConnectionInUse)?;
        let mut tx = client
            .build_transaction()
            .read_only(true)
            .isolation_level(postgres::IsolationLevel::RepeatableRead)
            .start()?;
        let out = f(&mut tx)?;
        tx.commit()?;
        Ok(out)
    }
}

/// Text as PostgreSQL stores it: `TEXT` cannot hold NUL, which the
/// ingest's cleaning removes from article text but not necessarily from
/// ids, titles or URLs given in JSON.
fn pg_text(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains('\0') {
        s.replace('\0', "\u{fffd}").into()
    } else {
        s.into()
    }
}

fn raw_article(r: &Row) -> RawArticle {
    RawArticle {
        key: r.get(0),
        id: r.get(1),
        url: r.get(2),
        outlet: r.get(3),
        title: r.get(4),
        published: r.get(5),
        published_source: r.get(6),
        language: r.get(7),
        input: r.get(8),
        source: r.get(9),
        text: r.get(10),
        story: r.get(11),
        family: r.get(12),
        copy_of: r.get(13),
        copy_similarity: r.get(14),
    }
}

fn stored(rows: Vec<Row>) -> Vec<StoredArticle> {
    rows.iter().map(|r| raw_article(r).into()).collect()
}

/// Candidate lookup inside the writer's transaction.
struct PgLookup<'a, 'b> {
    tx: &'a mut Transaction<'b>,
    docs: u64,
    /// Stored document frequencies of every term of the batch, read in
    /// one query before the batch is decided (the batch's own additions
    /// are [`Pending`]'s).
    df: HashMap<String, u64>,
    /// Keys of the stored candidates of one article.
    candidates: Statement,
    /// Candidate rows by key.
    rows_of: Statement,
    /// Candidate rows read so far in this batch (`None`: not comparable).
    rows: HashMap<i64, Option<Candidate>>,
}

impl Lookup for PgLookup<'_, '_> {
    fn doc_freqs(&mut self, terms: &[&String]) -> Result<DocFreqs, StoreError> {
        let df = terms
            .iter()
            .filter_map(|t| Some(((*t).clone(), *self.df.get(*t)?)))
            .collect();
        Ok(DocFreqs {
            docs: self.docs,
            df,
            language: String::new(),
        })
    }

    fn candidates(
        &mut self,
        bands: &[i64],
        anchors: &[&str],
    ) -> Result<Vec<Candidate>, StoreError> {
        let keys: Vec<i64> = self
            .tx
            .query(&self.candidates, &[&bands, &anchors])?
            .iter()
            .map(|r| r.get(0))
            .collect();
        // Articles of one story are candidates of many articles of a batch:
        // each stored row is read and decoded once per batch.
        let missing: Vec<i64> = keys
            .iter()
            .copied()
            .filter(|k| !self.rows.contains_key(k))
            .collect();
        if !missing.is_empty() {
            for r in self
                .tx
                .query(&self.rows_of, &[&missing, &(SIGNATURE_VERSION as i32)])?
            {
                let c = Candidate {
                    key: r.get(0),
                    story: r.get(1),
                    family: r.get(2),
                    minhash: minhash_from(r.get::<_, &[u8]>(3)),
                    vector: TermVector::decode(r.get::<_, &str>(4)),
                    published: r.get::<_, Option<&str>>(5).and_then(parse_date),
                };
                self.rows.insert(c.key, Some(c));
            }
            for k in missing {
                // Sketched by another signature version: never a candidate.
                self.rows.entry(k).or_insert(None);
            }
        }
        let mut out: Vec<Candidate> = keys
            .iter()
            .filter_map(|k| self.rows.get(k).cloned().flatten())
            .collect();
        out.sort_unstable_by_key(|c| c.key);
        Ok(out)
    }
}

/// Keys above the largest stored one, handed out in order.
fn next_key(tx: &mut Transaction, table: &str) -> Result<i64, StoreError> {
    Ok(tx
        .query_one(
            &format!("SELECT COALESCE(MAX(key), 0) + 1 FROM {table}"),
            &[],
        )?
        .get(0))
}

impl Store for PgStore {
    fn ingest_batch(&mut self, batch: &[(&Article, &Sketch)]) -> Result<Vec<Outcome>, StoreError> {
        let mut tx = self.client.get_mut().transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])?;
        let ids: Vec<String> = batch
            .iter()
            .map(|(a, _)| pg_text(&a.id.0).into_owned())
            .collect();
        let fps: Vec<&[u8]> = batch.iter().map(|(_, s)| &s.fingerprint[..]).collect();
        let mut by_id: HashMap<String, Vec<u8>> = tx
            .query(
                "SELECT id, fingerprint FROM articles WHERE id = ANY($1)",
                &[&ids],
            )?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        let mut by_fp: HashMap<Vec<u8>, String> = tx
            .query(
                "SELECT fingerprint, id FROM articles WHERE fingerprint = ANY($1)",
                &[&fps],
            )?
            .iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        let docs: u64 = tx
            .query_one("SELECT value FROM meta WHERE key = 'docs'", &[])?
            .get::<_, String>(0)
            .parse()
            .unwrap_or(0);
        let mut article_key = next_key(&mut tx, "articles")?;
        let mut story_key = next_key(&mut tx, "stories")?;
        // Document frequencies are counted per language (`df_key`).
        let mut terms: Vec<String> = batch
            .iter()
            .flat_map(|(_, s)| s.df_keys().map(|k| k.into_owned()))
            .collect();
        terms.sort_unstable();
        terms.dedup();
        let df: HashMap<String, u64> = tx
            .query(
                "SELECT term, df FROM term_df WHERE term = ANY($1)",
                &[&terms],
            )?
            .iter()
            .map(|r| (r.get::<_, String>(0), r.get::<_, i64>(1).max(0) as u64))
            .collect();
        // The latest postings of each band and anchor term (see
        // `MAX_POSTINGS`).
        let candidates = tx.prepare(&format!(
            "SELECT p.article FROM unnest($1::int8[]) AS b(band_key)
             CROSS JOIN LATERAL (SELECT article FROM lsh_bands WHERE band_key = b.band_key
                                 ORDER BY article DESC LIMIT {MAX_POSTINGS}) AS p
             UNION
             (SELECT p.article FROM unnest($2::text[]) AS a(term)
              CROSS JOIN LATERAL (SELECT article FROM article_terms WHERE term = a.term
                                  ORDER BY article DESC LIMIT {MAX_POSTINGS}) AS p
              GROUP BY p.article HAVING COUNT(*) >= 2
              ORDER BY COUNT(*) DESC, p.article LIMIT {MAX_TERM_CANDIDATES})"
        ))?;
        let rows_of = tx.prepare(
            "SELECT key, story, family, minhash, terms, published FROM articles
             WHERE key = ANY($1) AND signature_version = $2",
        )?;

        let mut pending = Pending::default();
        let mut outcomes = Vec::with_capacity(batch.len());
        let mut decided: Vec<(&Article, &Sketch, Decided)> = Vec::new();
        {
            let mut lookup = PgLookup {
                tx: &mut tx,
                docs,
                df,
                candidates,
                rows_of,
                rows: HashMap::new(),
            };
            for ((article, sketch), id) in batch.iter().zip(&ids) {
                if let Some(fp) = by_id.get(id) {
                    outcomes.push(Outcome::SameId {
                        same_content: fp[..] == sketch.fingerprint[..],
                    });
                    continue;
                }
                if let Some(existing) = by_fp.get(&sketch.fingerprint[..]) {
                    outcomes.push(Outcome::SameContent {
                        existing: ArticleId(existing.clone()),
                    });
                    continue;
                }
                let key = article_key;
                article_key += 1;
                let mut new_story = || {
                    story_key += 1;
                    Ok(story_key - 1)
                };
                let d = pending.decide(&mut lookup, article, sketch, key, &mut new_story)?;
                outcomes.push(Outcome::Stored {
                    story: d.story,
                    new_story: d.new_story,
                });
                by_id.insert(id.clone(), sketch.fingerprint.to_vec());
                by_fp.insert(sketch.fingerprint.to_vec(), id.clone());
                decided.push((article, sketch, d));
            }
        }
        if decided.is_empty() {
            tx.commit()?;
            return Ok(outcomes);
        }
        write_batch(&mut tx, &decided, pending.doc_freq_deltas())?;
        tx.execute(
            "UPDATE meta SET value = (CAST(value AS BIGINT) + $1)::text WHERE key = 'docs'",
            &[&(decided.len() as i64)],
        )?;
        tx.commit()?;
        Ok(outcomes)
    }

    fn recluster(&mut self, places: Option<&PlaceAnchors<'_>>) -> Result<usize, StoreError> {
        let mut tx = self.client.get_mut().transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&WRITE_LOCK])?;
        let rows: Vec<ReclusterRow> = tx
            .query(
                "SELECT key, family, story, title, text, published, language FROM articles ORDER BY key",
                &[],
            )?
            .iter()
            .map(|r| ReclusterRow {
                key: r.get(0),
                family: r.get(1),
                story: r.get(2),
                title: r.get(3),
                text: r.get(4),
                published: r.get(5),
                language: r.get(6),
            })
            .collect();
        let mut next_story = next_key(&mut tx, "stories")?;
        let (mut keys, mut stories, mut created) = (Vec::new(), Vec::new(), Vec::new());
        for (keep, members) in regroup(&rows, places) {
            let story = keep.unwrap_or_else(|| {
                created.push(next_story);
                next_story += 1;
                next_story - 1
            });
            for i in members {
                if rows[i].story != story {
                    keys.push(rows[i].key);
                    stories.push(story);
                }
            }
        }
        for key in &created {
            tx.execute(
                "INSERT INTO stories(key, created_at) VALUES ($1, $2)",
                &[key, &now()],
            )?;
        }
        tx.execute(
            "UPDATE articles a SET story = u.story FROM unnest($1::int8[], $2::int8[]) AS u(key, story) WHERE a.key = u.key",
            &[&keys, &stories],
        )?;
        tx.execute(
            "DELETE FROM stories s WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.story = s.key)",
            &[],
        )?;
        if !keys.is_empty() {
            tx.execute(
                "INSERT INTO meta(key, value) VALUES ('reclusters', '1')
                 ON CONFLICT (key) DO UPDATE SET value = (CAST(meta.value AS BIGINT) + 1)::text",
                &[],
            )?;
        }
        tx.commit()?;
        Ok(keys.len())
    }

    fn articles(&self) -> Result<Vec<StoredArticle>, StoreError> {
        self.read(|tx| {
            Ok(stored(tx.query(
                &format!("SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY key"),
                &[],
            )?))
        })
    }

    fn article_page(&self, offset: usize, limit: usize) -> Result<Vec<StoredArticle>, StoreError> {
        let to_i64 = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
        self.read(|tx| {
            Ok(stored(tx.query(
                &format!("SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY key LIMIT $1 OFFSET $2"),
                &[&to_i64(limit), &to_i64(offset)],
            )?))
        })
    }

    fn article(&self, id: &str) -> Result<Option<StoredArticle>, StoreError> {
        let id = pg_text(id);
        self.read(|tx| {
            Ok(tx
                .query_opt(
                    &format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE id = $1"),
                    &[&id.as_ref()],
                )?
                .map(|r| raw_article(&r).into()))
        })
    }

    fn count_articles(&self) -> Result<u64, StoreError> {
        self.read(|tx| {
            Ok(tx
                .query_one("SELECT COUNT(*) FROM articles", &[])?
                .get::<_, i64>(0)
                .max(0) as u64)
        })
    }

    fn generation(&self) -> Result<u64, StoreError> {
        self.read(|tx| {
            Ok(tx
                .query_one(
                    "SELECT COALESCE(SUM(CAST(value AS BIGINT)), 0)::int8 FROM meta WHERE key IN ('docs', 'reclusters')",
                    &[],
                )?
                .get::<_, i64>(0)
                .max(0) as u64)
        })
    }

    fn story_rows(&self, query: &StoryQuery) -> Result<Vec<StoryRow>, StoreError> {
        let mut sql = String::from(
            "SELECT story, COUNT(*), MIN(published), MAX(published), \
             (SUM(key) * 1000003 + MAX(key))::int8, MIN(ingested_at::int8), \
             MAX(ingested_at::int8) FROM articles",
        );
        let mut args: Vec<String> = Vec::new();
        if let Some(words) = query.text.as_deref().and_then(search_words) {
            args.push(words);
            sql.push_str(&format!(
                " WHERE story IN (SELECT story FROM articles WHERE search @@ plainto_tsquery('simple', ${}))",
                args.len()
            ));
        }
        sql.push_str(" GROUP BY story");
        let mut having = Vec::new();
        if let Some(from) = query.from {
            args.push(from.format("%Y-%m-%d").to_string());
            having.push(format!("MAX(published) >= ${}", args.len()));
        }
        if let Some(to) = query.to {
            args.push(to.format("%Y-%m-%d").to_string());
            having.push(format!("MIN(published) <= ${}", args.len()));
        }
        if !having.is_empty() {
            sql.push_str(" HAVING ");
            sql.push_str(&having.join(" AND "));
        }
        sql.push_str(" ORDER BY MAX(published) IS NULL, MAX(published) DESC, story DESC");
        let params: Vec<&(dyn ToSql + Sync)> =
            args.iter().map(|a| a as &(dyn ToSql + Sync)).collect();
        self.read(|tx| {
            Ok(tx
                .query(&sql, &params)?
                .iter()
                .map(|r| StoryRow {
                    key: r.get(0),
                    articles: r.get::<_, i64>(1).max(0) as usize,
                    first_published: r.get::<_, Option<&str>>(2).and_then(parse_date),
                    last_published: r.get::<_, Option<&str>>(3).and_then(parse_date),
                    version: r.get(4),
                    first_ingested: r.get(5),
                    last_ingested: r.get(6),
                })
                .collect())
        })
    }

    fn story_members(&self, story: i64) -> Result<Vec<StoredArticle>, StoreError> {
        self.read(|tx| {
            Ok(stored(tx.query(
                &format!("SELECT {ARTICLE_COLUMNS} FROM articles WHERE story = $1 ORDER BY key"),
                &[&story],
            )?))
        })
    }

    fn check(&self) -> Result<CheckReport, StoreError> {
        self.read(check)
    }

    fn watch_sources(&self) -> Result<Vec<SourceState>, StoreError> {
        let sql = format!("SELECT {SOURCE_COLUMNS} FROM watch_sources ORDER BY url");
        self.read(|tx| {
            Ok(tx
                .query(&sql, &[])?
                .iter()
                .map(|r| SourceState {
                    url: r.get(0),
                    kind: r.get(1),
                    parent: r.get(2),
                    etag: r.get(3),
                    last_modified: r.get(4),
                    last_checked: r.get(5),
                    last_success: r.get(6),
                    last_error: r.get(7),
                    last_error_at: r.get(8),
                    items_seen: r.get(9),
                    articles_stored: r.get(10),
                    not_modified: r.get(11),
                    failures: r.get(12),
                })
                .collect())
        })
    }

    fn save_watch_source(&mut self, s: &SourceState) -> Result<(), StoreError> {
        let text = |v: &Option<String>| v.as_deref().map(|t| pg_text(t).into_owned());
        self.client.get_mut().execute(
            &format!(
                "INSERT INTO watch_sources({SOURCE_COLUMNS}) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
                 ON CONFLICT (url) DO UPDATE SET kind = $2, parent = $3, etag = $4, \
                 last_modified = $5, last_checked = $6, last_success = $7, last_error = $8, \
                 last_error_at = $9, items_seen = $10, articles_stored = $11, \
                 not_modified = $12, failures = $13"
            ),
            &[
                &pg_text(&s.url),
                &pg_text(&s.kind),
                &text(&s.parent),
                &text(&s.etag),
                &text(&s.last_modified),
                &s.last_checked,
                &s.last_success,
                &text(&s.last_error),
                &s.last_error_at,
                &s.items_seen,
                &s.articles_stored,
                &s.not_modified,
                &s.failures,
            ],
        )?;
        Ok(())
    }

    fn record_alerts(&mut self, alerts: &[AlertRecord]) -> Result<Vec<bool>, StoreError> {
        let mut tx = self.client.get_mut().transaction()?;
        let stmt = tx.prepare(
            "INSERT INTO alerts(key, sink, kind, payload, created_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (key, sink) DO NOTHING",
        )?;
        let mut out = Vec::with_capacity(alerts.len());
        for a in alerts {
            let n = tx.execute(
                &stmt,
                &[
                    &pg_text(&a.key),
                    &pg_text(&a.sink),
                    &a.kind,
                    &pg_text(&a.payload),
                    &a.created_at,
                ],
            )?;
            out.push(n == 1);
        }
        tx.commit()?;
        Ok(out)
    }

    fn pending_alerts(&self) -> Result<Vec<AlertRecord>, StoreError> {
        let sql = format!(
            "SELECT {ALERT_COLUMNS} FROM alerts WHERE delivered_at IS NULL ORDER BY created_at, key"
        );
        self.read(|tx| {
            Ok(tx
                .query(&sql, &[])?
                .iter()
                .map(|r| AlertRecord {
                    key: r.get(0),
                    sink: r.get(1),
                    kind: r.get(2),
                    payload: r.get(3),
                    created_at: r.get(4),
                    attempts: r.get(5),
                    last_error: r.get(6),
                })
                .collect())
        })
    }

    fn alert_attempted(
        &mut self,
        key: &str,
        sink: &str,
        error: Option<&str>,
    ) -> Result<(), StoreError> {
        let delivered = error.is_none().then(now_secs);
        let error = error.map(|e| pg_text(e).into_owned());
        self.client.get_mut().execute(
            "UPDATE alerts SET attempts = attempts + 1, last_error = $3, delivered_at = $4 \
             WHERE key = $1 AND sink = $2",
            &[&pg_text(key), &pg_text(sink), &error, &delivered],
        )?;
        Ok(())
    }

    fn alerts_delivered(&self) -> Result<u64, StoreError> {
        self.read(|tx| {
            let n: i64 = tx
                .query_one(
                    "SELECT COUNT(*) FROM alerts WHERE delivered_at IS NOT NULL",
                    &[],
                )?
                .get(0);
            Ok(n.max(0) as u64)
        })
    }
}

/// The words of a search, lower-cased and separated by spaces, for
/// `plainto_tsquery` (which requires all of them and reads no syntax);
/// `None` when there are none.
fn search_words(text: &str) -> Option<String> {
    search_query(text, str::to_lowercase)
}

/// Writes a decided batch with binary `COPY`: its new stories, articles,
/// LSH band rows and anchor terms, then adds its document frequencies.
fn write_batch(
    tx: &mut Transaction,
    decided: &[(&Article, &Sketch, Decided)],
    df: Vec<(String, i64)>,
) -> Result<(), StoreError> {
    let created = now();
    {
        let sink = tx.copy_in("COPY stories (key, created_at) FROM STDIN (FORMAT binary)")?;
        let mut w = BinaryCopyInWriter::new(sink, &[Type::INT8, Type::TEXT]);
        for (_, _, d) in decided.iter().filter(|(_, _, d)| d.new_story) {
            w.write(&[&d.story, &created])?;
        }
        w.finish()?;
    }
    {
        let sink = tx.copy_in(
            "COPY articles (key, id, url, outlet, title, published, published_source, language, input, source, text,
                            fingerprint, story, family, copy_of, copy_similarity, story_similarity,
                            minhash, terms, signature_version, ingested_at) FROM STDIN (FORMAT binary)",
        )?;
        let t = Type::TEXT;
        let mut w = BinaryCopyInWriter::new(
            sink,
            &[
                Type::INT8,
                t.clone(),
                t.clone(),
                t.clone(),
                t.clone(),
                t.clone(),
                t.clone(),
                t.clone(),
                t.clone(),
                t.clone(),
                t.clone(),
                Type::BYTEA,
                Type::INT8,
                Type::INT8,
                Type::INT8,
                Type::FLOAT8,
                Type::FLOAT8,
                Type::BYTEA,
                t.clone(),
                Type::INT4,
                t,
            ],
        );
        let opt = |s: &Option<String>| s.as_deref().map(|s| pg_text(s).into_owned());
        for (a, s, d) in decided {
            let published = a.published_date().map(|p| p.to_string());
            let signature = SIGNATURE_VERSION as i32;
            w.write(&[
                &d.key,
                &pg_text(&a.id.0).as_ref(),
                &opt(&a.url),
                &opt(&a.outlet),
                &opt(&a.title),
                &published,
                &a.published.map(|p| p.source.as_str()),
                &opt(&a.language),
                &a.input.as_str(),
                &pg_text(&a.source).as_ref(),
                &pg_text(&a.text).as_ref(),
                &&s.fingerprint[..],
                &d.story,
                &d.family,
                &d.decision.family.map(|f| f.1),
                &d.decision.family.map(|f| f.2),
                &d.decision.story_similarity,
                &minhash_bytes(&s.minhash),
                &d.vector.encode(),
                &signature,
                &created,
            ])?;
        }
        w.finish()?;
    }
    {
        let sink = tx.copy_in("COPY lsh_bands (band_key, article) FROM STDIN (FORMAT binary)")?;
        let mut w = BinaryCopyInWriter::new(sink, &[Type::INT8, Type::INT8]);
        for (_, _, d) in decided {
            let bands: BTreeSet<i64> = d.bands.iter().copied().collect();
            for b in bands {
                w.write(&[&b, &d.key])?;
            }
        }
        w.finish()?;
    }
    {
        let sink = tx.copy_in("COPY article_terms (term, article) FROM STDIN (FORMAT binary)")?;
        let mut w = BinaryCopyInWriter::new(sink, &[Type::TEXT, Type::INT8]);
        for (_, _, d) in decided {
            let terms: BTreeSet<&str> = d.anchors.iter().map(String::as_str).collect();
            for t in terms {
                w.write(&[&t, &d.key])?;
            }
        }
        w.finish()?;
    }
    let (terms, counts): (Vec<String>, Vec<i64>) = df.into_iter().unzip();
    tx.execute(
        "INSERT INTO term_df(term, df) SELECT * FROM unnest($1::text[], $2::int8[])
         ON CONFLICT (term) DO UPDATE SET df = term_df.df + EXCLUDED.df",
        &[&terms, &counts],
    )?;
    Ok(())
}

/// `Store::check` on PostgreSQL: the relations between rows, the document
/// count, and the indexes recomputed from the texts (the database itself
/// enforces the foreign keys and keeps the full-text column generated).
fn check(tx: &mut Transaction) -> Result<CheckReport, StoreError> {
    let count = |tx: &mut Transaction, sql: &str| -> Result<u64, StoreError> {
        Ok(tx.query_one(sql, &[])?.get::<_, i64>(0).max(0) as u64)
    };
    let mut r = CheckReport {
        articles: count(tx, "SELECT COUNT(*) FROM articles")?,
        stories: count(tx, "SELECT COUNT(*) FROM stories")?,
        problems: Vec::new(),
    };
    for (what, sql) in relation_queries(|col| format!("encode({col}, 'hex')")) {
        let items: Vec<String> = tx
            .query(&format!("SELECT v::text FROM ({sql}) AS q(v)"), &[])?
            .iter()
            .map(|row| row.get(0))
            .collect();
        list(&mut r, what, items);
    }
    let docs: u64 = tx
        .query_opt("SELECT value FROM meta WHERE key = 'docs'", &[])?
        .and_then(|row| row.get::<_, String>(0).parse().ok())
        .unwrap_or(0);
    if docs != r.articles {
        r.problems.push(format!(
            "document count is {docs} but {} articles are stored",
            r.articles
        ));
    }
    let mut audit = Audit::default();
    let walk = tx.prepare(&format!(
        "SELECT {ARTICLE_COLUMNS}, minhash FROM articles ORDER BY key"
    ))?;
    let portal = tx.bind(&walk, &[])?;
    loop {
        let rows = tx.query_portal(&portal, PAGE)?;
        if rows.is_empty() {
            break;
        }
        let keys: Vec<i64> = rows.iter().map(|row| row.get(0)).collect();
        let mut bands: HashMap<i64, BTreeSet<i64>> = HashMap::new();
        for row in tx.query(
            "SELECT article, band_key FROM lsh_bands WHERE article = ANY($1)",
            &[&keys],
        )? {
            bands.entry(row.get(0)).or_default().insert(row.get(1));
        }
        for row in &rows {
            let minhash = minhash_from(row.get::<_, &[u8]>(15));
            let article: StoredArticle = raw_article(row).into();
            let have = bands.remove(&article.key).unwrap_or_default();
            audit.article(&article, &minhash, &have);
        }
    }
    let stored_df: HashMap<String, i64> = tx
        .query("SELECT term, df FROM term_df", &[])?
        .iter()
        .map(|row| (row.get(0), row.get(1)))
        .collect();
    audit.finish(&mut r, &stored_df);
    Ok(r)
}
