-- Proposals (issue 15). SQLite twin of db/postgresql/V13 (types as explained in V1).

CREATE TABLE proposals (
    id           TEXT    PRIMARY KEY,
    proposer_id  INTEGER NOT NULL REFERENCES members (id),
    topic        TEXT    NOT NULL,
    description  TEXT    NOT NULL,
    format       TEXT    NOT NULL,
    languages    TEXT    NOT NULL,
    guests       TEXT    NOT NULL,
    audience     TEXT    NOT NULL,
    note         TEXT    NOT NULL,
    public       INTEGER NOT NULL CHECK (public IN (0, 1)),
    status       TEXT    NOT NULL,
    expires_at   TEXT    NOT NULL,
    event_id     TEXT    REFERENCES scheduled_events (id),
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
) STRICT;
CREATE INDEX proposals_by_proposer ON proposals (proposer_id, created_at);
CREATE INDEX proposals_due ON proposals (status, expires_at);

CREATE TABLE proposal_recipients (
    proposal_id  TEXT    NOT NULL REFERENCES proposals (id),
    member_id    INTEGER NOT NULL REFERENCES members (id),
    answer       TEXT    NOT NULL,
    PRIMARY KEY (proposal_id, member_id)
) STRICT;
CREATE INDEX proposal_recipients_member ON proposal_recipients (member_id);

CREATE TABLE proposal_times (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    proposal_id    TEXT    NOT NULL REFERENCES proposals (id),
    starts_at      TEXT    NOT NULL,
    length_minutes INTEGER NOT NULL,
    proposed_by    INTEGER NOT NULL REFERENCES members (id),
    created_at     TEXT    NOT NULL
) STRICT;
CREATE INDEX proposal_times_by_proposal ON proposal_times (proposal_id);

CREATE TABLE proposal_steps (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    proposal_id  TEXT    NOT NULL REFERENCES proposals (id),
    actor_id     INTEGER REFERENCES members (id),
    kind         TEXT    NOT NULL,
    time_id      INTEGER,
    text         TEXT,
    text_public  INTEGER NOT NULL CHECK (text_public IN (0, 1)),
    created_at   TEXT    NOT NULL
) STRICT;
CREATE INDEX proposal_steps_by_proposal ON proposal_steps (proposal_id, id);

ALTER TABLE notifications ADD COLUMN proposal_id TEXT;
ALTER TABLE notifications ADD COLUMN proposal_topic TEXT;
