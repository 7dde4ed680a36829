-- corroborate store on PostgreSQL, schema version 1.
-- The same tables as the SQLite store (see ../0001_initial.sql): one row
-- per article, stories and copy families as keys on it, the LSH band and
-- anchor-term indexes, document frequencies. Keys are assigned by the
-- writer (the largest plus one) under the store's advisory lock, which
-- every writer holds for its whole transaction. Dates stay ISO text, as in
-- SQLite, so both backends compare and group them the same way.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE stories (
    key        BIGINT PRIMARY KEY,
    created_at TEXT NOT NULL
);

CREATE TABLE articles (
    key               BIGINT PRIMARY KEY,
    id                TEXT NOT NULL UNIQUE,
    url               TEXT,
    outlet            TEXT,
    title             TEXT,
    published         TEXT,             -- ISO date
    published_source  TEXT,             -- user | metadata | dateline | caption
    language          TEXT,
    input             TEXT NOT NULL,    -- text | html | jsonl | rss | atom | warc
    source            TEXT NOT NULL,    -- file (and item) it was read from
    text              TEXT NOT NULL,    -- extracted text; spans index into it
    fingerprint       BYTEA NOT NULL UNIQUE,
    story             BIGINT NOT NULL REFERENCES stories(key) DEFERRABLE INITIALLY DEFERRED,
    family            BIGINT NOT NULL,  -- key of the family's first member
    copy_of           BIGINT REFERENCES articles(key) DEFERRABLE INITIALLY DEFERRED,
    copy_similarity   DOUBLE PRECISION,
    story_similarity  DOUBLE PRECISION,
    minhash           BYTEA NOT NULL,
    terms             TEXT NOT NULL,    -- TF-IDF vector, "term\tweight" lines
    signature_version INTEGER NOT NULL,
    ingested_at       TEXT NOT NULL,
    -- Full-text search over title and the first 100,000 characters of the
    -- text (a tsvector is limited to 1 MB): the story list's search box.
    search            TSVECTOR GENERATED ALWAYS AS
                      (to_tsvector('simple', left(coalesce(title, '') || ' ' || text, 100000))) STORED
);
CREATE INDEX articles_story_published ON articles(story, published);
CREATE INDEX articles_family ON articles(family);
CREATE INDEX articles_search ON articles USING GIN (search);

CREATE TABLE lsh_bands (
    band_key BIGINT NOT NULL,
    article  BIGINT NOT NULL REFERENCES articles(key) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (band_key, article)
);
CREATE INDEX lsh_bands_article ON lsh_bands(article);

CREATE TABLE article_terms (
    term    TEXT NOT NULL,
    article BIGINT NOT NULL REFERENCES articles(key) DEFERRABLE INITIALLY DEFERRED,
    PRIMARY KEY (term, article)
);

CREATE TABLE term_df (
    term TEXT PRIMARY KEY,
    df   BIGINT NOT NULL
);
