-- One row that GET /healthz rewrites (storage.WriteProbe): a store that can no longer write (disk
-- full, read-only, gone) is reported unhealthy even when nobody else is writing.
CREATE TABLE storage_probe (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    written_at TIMESTAMP WITH TIME ZONE NOT NULL
);
INSERT INTO storage_probe (id, written_at) VALUES (1, TIMESTAMP WITH TIME ZONE '1970-01-01 00:00:00+00');
