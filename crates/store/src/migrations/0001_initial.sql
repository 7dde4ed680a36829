-- corroborate store, schema version 1.
-- One row per article; stories and copy families are keys on it. The LSH
-- band keys and anchor terms index articles for candidate lookup; term_df
-- holds document frequencies for TF-IDF.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE stories (
    key        INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL
);

CREATE TABLE articles (
    key               INTEGER PRIMARY KEY,
    id                TEXT NOT NULL UNIQUE,
    url               TEXT,
    outlet            TEXT,
    title             TEXT,
    published         TEXT,            -- ISO date
    published_source  TEXT,            -- user | metadata | dateline | caption
    language          TEXT,
    input             TEXT NOT NULL,   -- text | html | jsonl | rss | atom | warc
    source            TEXT NOT NULL,   -- file (and item) it was read from
    text              TEXT NOT NULL,   -- extracted text; spans index into it
    fingerprint       BLOB NOT NULL UNIQUE,
    story             INTEGER NOT NULL REFERENCES stories(key),
    family            INTEGER NOT NULL, -- key of the family's first member
    copy_of           INTEGER REFERENCES articles(key),
    copy_similarity   REAL,
    story_similarity  REAL,
    minhash           BLOB NOT NULL,
    terms             TEXT NOT NULL,   -- TF-IDF vector, "term\tweight" lines
    signature_version INTEGER NOT NULL,
    ingested_at       TEXT NOT NULL
);
CREATE INDEX articles_story ON articles(story);
CREATE INDEX articles_family ON articles(family);

CREATE TABLE lsh_bands (
    band_key INTEGER NOT NULL,
    article  INTEGER NOT NULL REFERENCES articles(key),
    PRIMARY KEY (band_key, article)
) WITHOUT ROWID;

CREATE TABLE article_terms (
    term    TEXT NOT NULL,
    article INTEGER NOT NULL REFERENCES articles(key),
    PRIMARY KEY (term, article)
) WITHOUT ROWID;

CREATE TABLE term_df (
    term TEXT PRIMARY KEY,
    df   INTEGER NOT NULL
) WITHOUT ROWID;
