-- Your data (issue 17): signed-in devices, a member's export, and deletion.

-- What the "Signed-in devices" list shows: the browser and system parsed from the User-Agent at
-- sign-in (the header itself is not kept), and the client's network cut to its /24 or /48 — only when
-- the operator turned PARLEY_SESSION_NETWORKS on; NULL otherwise.
ALTER TABLE sessions ADD COLUMN browser VARCHAR(40);
ALTER TABLE sessions ADD COLUMN os VARCHAR(40);
ALTER TABLE sessions ADD COLUMN network VARCHAR(64);

-- A deleted account stays as a tombstone row: its username is never given out again and the
-- invitation tree keeps the edge as "a former member"; everything else in the row is cleared.
ALTER TABLE members ADD COLUMN deleted_at TIMESTAMP WITH TIME ZONE;

-- A member's export: built in the background (progress 0–100), kept in the database (so it survives a
-- restart and every node sharing the database serves it) until expires_at, then deleted.
CREATE TABLE data_exports (
    id          VARCHAR(32) PRIMARY KEY,
    member_id   BIGINT      NOT NULL REFERENCES members (id),
    status      VARCHAR(16) NOT NULL CHECK (status IN ('working', 'ready', 'failed')),
    progress    INTEGER     NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    ready_at    TIMESTAMP WITH TIME ZONE,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    size_bytes  BIGINT,
    archive     BYTEA
);
CREATE INDEX data_exports_member ON data_exports (member_id, created_at);
CREATE INDEX data_exports_expiry ON data_exports (expires_at);
