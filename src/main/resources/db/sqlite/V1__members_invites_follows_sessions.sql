-- Parley's first schema in SQLite, the embedded default (db/postgresql holds the same schema for
-- PostgreSQL; every version exists in both folders with the same tables and columns, which
-- storage.SchemaParityTest checks). STRICT tables: a value of the wrong type is an error, not a
-- silent conversion.
-- Types: ids are INTEGER PRIMARY KEY AUTOINCREMENT (never reused, as PostgreSQL's identity columns);
-- booleans are 0/1 INTEGERs; instants are TEXT in one fixed-width UTC form,
-- 'YYYY-MM-DDTHH:MM:SS.ffffffZ' (storage.Instants), so that comparing and sorting the text compares
-- and sorts the instants. Every instant column's name ends in _at (storage.TableCopy relies on it).
-- Text limits are enforced by the API in Unicode code points.

CREATE TABLE members (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    username      TEXT    NOT NULL,
    -- lower-cased username: uniqueness is case-insensitive, display keeps the member's casing
    username_key  TEXT    NOT NULL,
    display_name  TEXT    NOT NULL,
    bio           TEXT    NOT NULL DEFAULT '',
    password_hash TEXT    NOT NULL,
    admin         INTEGER NOT NULL DEFAULT 0 CHECK (admin IN (0, 1)),
    -- NULL for founding members, invited by the operator rather than by a member
    invited_by    INTEGER REFERENCES members (id),
    created_at    TEXT    NOT NULL,
    CONSTRAINT members_username_key UNIQUE (username_key)
) STRICT;
CREATE INDEX members_invited_by ON members (invited_by);

CREATE TABLE invites (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    code         TEXT    NOT NULL,
    -- NULL for operator invitations made with `parley invite --admin`
    inviter_id   INTEGER REFERENCES members (id),
    grants_admin INTEGER NOT NULL DEFAULT 0 CHECK (grants_admin IN (0, 1)),
    created_at   TEXT    NOT NULL,
    expires_at   TEXT    NOT NULL,
    revoked_at   TEXT,
    used_at      TEXT,
    used_by      INTEGER REFERENCES members (id),
    CONSTRAINT invites_code UNIQUE (code)
) STRICT;
CREATE INDEX invites_inviter ON invites (inviter_id, created_at);

CREATE TABLE follows (
    follower_id INTEGER NOT NULL REFERENCES members (id),
    followee_id INTEGER NOT NULL REFERENCES members (id),
    created_at  TEXT    NOT NULL,
    PRIMARY KEY (follower_id, followee_id),
    CONSTRAINT follows_not_self CHECK (follower_id <> followee_id)
) STRICT;
CREATE INDEX follows_followee ON follows (followee_id, created_at);

CREATE TABLE sessions (
    -- SHA-256 of the cookie value: a leaked database does not hand out live sessions
    token_hash   TEXT    PRIMARY KEY,
    member_id    INTEGER NOT NULL REFERENCES members (id),
    csrf_token   TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    last_seen_at TEXT    NOT NULL,
    expires_at   TEXT    NOT NULL
) STRICT;
CREATE INDEX sessions_member ON sessions (member_id);
