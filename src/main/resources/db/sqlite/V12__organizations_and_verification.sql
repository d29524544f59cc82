-- Organization accounts, delegates and verification (issue 15). SQLite twin of db/postgresql/V12
-- (types as explained in V1).

ALTER TABLE members ADD COLUMN kind TEXT NOT NULL DEFAULT 'person'
    CHECK (kind IN ('person', 'organization'));
ALTER TABLE members ADD COLUMN verified_label TEXT;
ALTER TABLE members ADD COLUMN name_skeleton TEXT;
CREATE INDEX members_name_skeleton ON members (name_skeleton);

CREATE TABLE delegates (
    organization_id INTEGER NOT NULL REFERENCES members (id),
    member_id       INTEGER NOT NULL REFERENCES members (id),
    owner           INTEGER NOT NULL DEFAULT 0 CHECK (owner IN (0, 1)),
    added_by        INTEGER NOT NULL REFERENCES members (id),
    added_at        TEXT    NOT NULL,
    PRIMARY KEY (organization_id, member_id)
) STRICT;
CREATE INDEX delegates_member ON delegates (member_id);

ALTER TABLE sessions ADD COLUMN acting_as INTEGER REFERENCES members (id);

CREATE TABLE organization_audit (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id INTEGER NOT NULL REFERENCES members (id),
    operator_id     INTEGER NOT NULL REFERENCES members (id),
    action          TEXT    NOT NULL,
    status          INTEGER NOT NULL,
    created_at      TEXT    NOT NULL
) STRICT;
CREATE INDEX organization_audit_by_org ON organization_audit (organization_id, id);

CREATE TABLE admin_audit (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    admin_id   INTEGER NOT NULL REFERENCES members (id),
    subject_id INTEGER NOT NULL REFERENCES members (id),
    action     TEXT    NOT NULL,
    detail     TEXT,
    created_at TEXT    NOT NULL
) STRICT;

CREATE TABLE impersonation_dismissals (
    member_id    INTEGER NOT NULL REFERENCES members (id),
    display_name TEXT    NOT NULL,
    dismissed_by INTEGER NOT NULL REFERENCES members (id),
    dismissed_at TEXT    NOT NULL,
    PRIMARY KEY (member_id, display_name)
) STRICT;
