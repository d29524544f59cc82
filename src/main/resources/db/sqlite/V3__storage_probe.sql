-- One row that GET /healthz rewrites (storage.WriteProbe): a store that can no longer write (disk
-- full, read-only, gone) is reported unhealthy even when nobody else is writing. SQLite twin of
-- db/postgresql/V3.
CREATE TABLE storage_probe (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    written_at TEXT    NOT NULL
) STRICT;
INSERT INTO storage_probe (id, written_at) VALUES (1, '1970-01-01T00:00:00.000000Z');
