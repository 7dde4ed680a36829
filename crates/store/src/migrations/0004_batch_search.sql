-- corroborate store, schema version 4: new articles enter the full-text
-- index once per ingest batch, in one statement, instead of by a trigger
-- per row. FTS5 writes its pending index at every statement of a
-- transaction, so one row at a time cost a flush and a merge per article.
-- The delete and update triggers stay: they are rare.

DROP TRIGGER articles_fts_insert;
