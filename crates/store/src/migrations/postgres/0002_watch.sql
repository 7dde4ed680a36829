-- corroborate store, schema version 2: the watcher's state.
-- watch_sources: one row per polled feed or sitemap, with the validators
-- of its next conditional request and its health. alerts: one row per
-- alert and destination, recorded before it is sent so that it is sent
-- once across restarts; delivered_at stays NULL until it is delivered.

CREATE TABLE watch_sources (
    url             TEXT PRIMARY KEY,
    kind            TEXT NOT NULL,
    parent          TEXT,
    etag            TEXT,
    last_modified   TEXT,
    last_checked    BIGINT,
    last_success    BIGINT,
    last_error      TEXT,
    last_error_at   BIGINT,
    items_seen      BIGINT NOT NULL DEFAULT 0,
    articles_stored BIGINT NOT NULL DEFAULT 0,
    not_modified    BIGINT NOT NULL DEFAULT 0,
    failures        BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE alerts (
    key          TEXT NOT NULL,
    sink         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    payload      TEXT NOT NULL,
    created_at   BIGINT NOT NULL,
    attempts     BIGINT NOT NULL DEFAULT 0,
    last_error   TEXT,
    delivered_at BIGINT,
    PRIMARY KEY (key, sink)
);
CREATE INDEX alerts_pending ON alerts(created_at) WHERE delivered_at IS NULL;
