//! `Store::check`: what both backends verify (the relations between rows,
//! the indexes recomputed from the texts) and the SQLite backend's own
//! checks of its file and full-text index.

use crate::shared::{minhash_from, ARTICLE_COLUMNS};
use crate::{CheckReport, StoreError};
use corroborate_cluster::{band_keys, sketch, SIGNATURE_VERSION};
use corroborate_model::StoredArticle;
use rusqlite::Connection;
use std::collections::{BTreeSet, HashMap};

/// Most problems of one kind listed (the count is always given).
const MAX_LISTED: usize = 20;

/// The relations between rows, each a query that should find nothing and
/// names what it finds in its one column. `hex` writes the SQL that shows
/// a binary column as hex (the dialects differ there only).
pub(crate) fn relation_queries(hex: impl Fn(&str) -> String) -> [(&'static str, String); 9] {
    [
        ("article ids stored twice", "SELECT id FROM articles GROUP BY id HAVING COUNT(*) > 1".into()),
        ("contents stored twice", format!("SELECT {} FROM articles GROUP BY fingerprint HAVING COUNT(*) > 1", hex("fingerprint"))),
        ("articles of a missing story", "SELECT id FROM articles WHERE story NOT IN (SELECT key FROM stories)".into()),
        ("stories without articles", "SELECT 's' || key FROM stories WHERE key NOT IN (SELECT story FROM articles)".into()),
        ("articles of a missing copy family", "SELECT id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM articles f WHERE f.key = a.family)".into()),
        ("copy families split across stories", "SELECT a.id FROM articles a JOIN articles f ON f.key = a.family WHERE f.story <> a.story".into()),
        ("copy families whose first member is in another family", "SELECT f.id FROM articles a JOIN articles f ON f.key = a.family WHERE f.family <> f.key".into()),
        ("index rows of missing articles", "SELECT 'band ' || band_key FROM lsh_bands WHERE article NOT IN (SELECT key FROM articles) UNION ALL SELECT 'term ' || term FROM article_terms WHERE article NOT IN (SELECT key FROM articles)".into()),
        ("articles sketched by another signature version", format!("SELECT id FROM articles WHERE signature_version <> {SIGNATURE_VERSION}")),
    ]
}

/// Recomputes each article's sketch from its stored text: the stored
/// MinHash, its LSH band rows, and the document frequencies must match.
#[derive(Default)]
pub(crate) struct Audit {
    df: HashMap<String, i64>,
    bad_minhash: Vec<String>,
    bad_bands: Vec<String>,
}

impl Audit {
    /// One stored article with its stored MinHash and LSH band keys.
    pub fn article(&mut self, stored: &StoredArticle, minhash: &[u32], bands: &BTreeSet<i64>) {
        let s = sketch(&stored.article);
        for t in s.df_keys() {
            *self.df.entry(t.into_owned()).or_default() += 1;
        }
        if s.minhash != minhash {
            self.bad_minhash.push(stored.article.id.0.clone());
            return;
        }
        let want: BTreeSet<i64> = band_keys(minhash).into_iter().collect();
        if &want != bands {
            self.bad_bands.push(stored.article.id.0.clone());
        }
    }

    /// Adds what was found to `r`, given the stored document frequencies.
    pub fn finish(self, r: &mut CheckReport, stored_df: &HashMap<String, i64>) {
        list(
            r,
            "articles whose stored MinHash differs from their text's",
            self.bad_minhash,
        );
        list(
            r,
            "articles whose LSH band rows differ from their MinHash",
            self.bad_bands,
        );
        let mut wrong: Vec<String> = self
            .df
            .iter()
            .filter(|(t, n)| stored_df.get(*t) != Some(*n))
            .map(|(t, n)| {
                format!(
                    "{t} (stored {}, counted {n})",
                    stored_df.get(t).copied().unwrap_or(0)
                )
            })
            .chain(
                stored_df
                    .iter()
                    .filter(|(t, n)| **n > 0 && !self.df.contains_key(*t))
                    .map(|(t, n)| format!("{t} (stored {n}, counted 0)")),
            )
            .collect();
        wrong.sort();
        list(
            r,
            "document frequencies that do not match the articles",
            wrong,
        );
    }
}

/// Adds one line for `items` of one kind of problem (none: nothing).
pub(crate) fn list(r: &mut CheckReport, what: &str, items: Vec<String>) {
    if items.is_empty() {
        return;
    }
    let shown: Vec<&str> = items.iter().take(MAX_LISTED).map(String::as_str).collect();
    let more = if items.len() > MAX_LISTED {
        format!(" and {} more", items.len() - MAX_LISTED)
    } else {
        String::new()
    };
    r.problems.push(format!(
        "{} {what}: {}{more}",
        items.len(),
        shown.join(", ")
    ));
}

/// Runs every check on an SQLite store.
pub(crate) fn check_sqlite(conn: &Connection) -> Result<CheckReport, StoreError> {
    let mut r = CheckReport {
        articles: count(conn, "SELECT COUNT(*) FROM articles")?,
        stories: count(conn, "SELECT COUNT(*) FROM stories")?,
        problems: Vec::new(),
    };
    let integrity: Vec<String> = strings(conn, "PRAGMA integrity_check")?;
    if integrity != ["ok"] {
        r.problems
            .extend(integrity.into_iter().map(|l| format!("database file: {l}")));
    }
    let fk = count(conn, "SELECT COUNT(*) FROM pragma_foreign_key_check")?;
    if fk > 0 {
        r.problems
            .push(format!("{fk} row(s) point to a missing row (foreign keys)"));
    }
    for (what, sql) in relation_queries(|col| format!("hex({col})")) {
        list(&mut r, what, strings(conn, &sql)?);
    }
    let docs: u64 = conn
        .query_row(
            "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'docs'",
            [],
            |row| row.get::<_, i64>(0),
        )
        .map(|v| v.max(0) as u64)
        .unwrap_or(0);
    if docs != r.articles {
        r.problems.push(format!(
            "document count is {docs} but {} articles are stored",
            r.articles
        ));
    }
    // With rank 1, the index is also compared with the articles it indexes:
    // an article missing from it is found.
    if let Err(e) = conn
        .execute_batch("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)")
    {
        r.problems.push(format!(
            "full-text index inconsistent with the articles: {e}"
        ));
    }
    let mut audit = Audit::default();
    let mut bands_of = conn.prepare("SELECT band_key FROM lsh_bands WHERE article = ?1")?;
    let mut stmt = conn.prepare(&format!(
        "SELECT {ARTICLE_COLUMNS}, minhash FROM articles ORDER BY key"
    ))?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let stored: StoredArticle = crate::sqlite::raw_article(row)?.into();
        let minhash = minhash_from(&row.get::<_, Vec<u8>>(15)?);
        let have: BTreeSet<i64> = bands_of
            .query_map([stored.key], |row| row.get(0))?
            .collect::<Result<_, _>>()?;
        audit.article(&stored, &minhash, &have);
    }
    let stored_df: HashMap<String, i64> = conn
        .prepare("SELECT term, df FROM term_df")?
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?
        .collect::<Result<_, _>>()?;
    audit.finish(&mut r, &stored_df);
    Ok(r)
}

fn count(conn: &Connection, sql: &str) -> Result<u64, StoreError> {
    Ok(conn.query_row(sql, [], |row| row.get::<_, i64>(0))?.max(0) as u64)
}

fn strings(conn: &Connection, sql: &str) -> Result<Vec<String>, StoreError> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map([], |row| {
        Ok(match row.get_ref(0)? {
            rusqlite::types::ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
            rusqlite::types::ValueRef::Integer(i) => i.to_string(),
            other => format!("{other:?}"),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
