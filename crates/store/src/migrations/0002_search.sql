-- corroborate store, schema version 2: full-text search over articles.
-- An external-content FTS5 index on title and text, kept in step with the
-- articles table by triggers (a story change does not touch it), so the
-- server's text search is one indexed MATCH, not a scan.

CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text,
    content = 'articles', content_rowid = 'key',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.key, new.title, new.text);
END;

CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.key, old.title, old.text);
END;

CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text)
        VALUES ('delete', old.key, old.title, old.text);
    INSERT INTO articles_fts(rowid, title, text) VALUES (new.key, new.title, new.text);
END;

-- Articles stored before this version.
INSERT INTO articles_fts(articles_fts) VALUES ('rebuild');

-- Listing stories by date.
CREATE INDEX articles_story_published ON articles(story, published);
