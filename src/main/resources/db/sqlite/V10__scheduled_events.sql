-- Scheduled events (issue 15): a conversation announced ahead, with hosts (the creator and co-hosts
-- who accepted), RSVPs, a reminder claimed once, and the live room it became. See schedule.EventStore.
-- SQLite twin of db/postgresql/V10 (types as explained in V1).

CREATE TABLE scheduled_events (
    id             TEXT    PRIMARY KEY,
    creator_id     INTEGER NOT NULL REFERENCES members (id),
    title          TEXT    NOT NULL,
    description    TEXT    NOT NULL,
    starts_at      TEXT    NOT NULL,
    length_minutes INTEGER NOT NULL,
    language       TEXT,
    type           TEXT    NOT NULL,
    status         TEXT    NOT NULL,
    room_id        TEXT,
    sequence       INTEGER NOT NULL,
    remind_at      TEXT    NOT NULL,
    reminded_at    TEXT,
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL
) STRICT;
CREATE INDEX scheduled_events_due ON scheduled_events (status, remind_at);
CREATE INDEX scheduled_events_start ON scheduled_events (status, starts_at);

CREATE TABLE event_hosts (
    event_id    TEXT    NOT NULL REFERENCES scheduled_events (id),
    member_id   INTEGER NOT NULL REFERENCES members (id),
    accepted    INTEGER NOT NULL CHECK (accepted IN (0, 1)),
    created_at  TEXT    NOT NULL,
    PRIMARY KEY (event_id, member_id)
) STRICT;
CREATE INDEX event_hosts_member ON event_hosts (member_id);

CREATE TABLE event_rsvps (
    event_id    TEXT    NOT NULL REFERENCES scheduled_events (id),
    member_id   INTEGER NOT NULL REFERENCES members (id),
    created_at  TEXT    NOT NULL,
    PRIMARY KEY (event_id, member_id)
) STRICT;
CREATE INDEX event_rsvps_member ON event_rsvps (member_id);

CREATE TABLE calendar_feeds (
    member_id   INTEGER PRIMARY KEY REFERENCES members (id),
    token_hash  TEXT    NOT NULL UNIQUE,
    created_at  TEXT    NOT NULL
) STRICT;

CREATE TABLE room_hosts (
    room_id   TEXT    NOT NULL REFERENCES rooms (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    PRIMARY KEY (room_id, member_id)
) STRICT;

ALTER TABLE notifications ADD COLUMN event_id TEXT;
ALTER TABLE notifications ADD COLUMN event_title TEXT;
