-- Live rooms survive a restart: their settings, stage, roles and removals are written through on
-- every accepted change (see rooms.RoomStore). Ended rooms keep their row for history.
-- SQLite twin of db/postgresql/V2 (types as explained in V1).

CREATE TABLE rooms (
    id            TEXT    PRIMARY KEY,
    title         TEXT    NOT NULL,
    type          TEXT    NOT NULL,
    creator_id    INTEGER NOT NULL REFERENCES members (id),
    hand_raising  INTEGER NOT NULL CHECK (hand_raising IN (0, 1)),
    version       INTEGER NOT NULL,
    created_at    TEXT    NOT NULL,
    ended_at      TEXT
) STRICT;
CREATE INDEX rooms_live ON rooms (ended_at);

CREATE TABLE room_participants (
    room_id          TEXT    NOT NULL REFERENCES rooms (id),
    member_id        INTEGER NOT NULL REFERENCES members (id),
    role             TEXT    NOT NULL,
    muted            INTEGER NOT NULL CHECK (muted IN (0, 1)),
    hand_order       INTEGER NOT NULL,
    invited_to_speak INTEGER NOT NULL CHECK (invited_to_speak IN (0, 1)),
    joined_at        TEXT    NOT NULL,
    PRIMARY KEY (room_id, member_id)
) STRICT;

-- Members a moderator removed (they cannot re-enter), and a closed room's picked members.
CREATE TABLE room_removed (
    room_id   TEXT    NOT NULL REFERENCES rooms (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    PRIMARY KEY (room_id, member_id)
) STRICT;
CREATE TABLE room_allowed (
    room_id   TEXT    NOT NULL REFERENCES rooms (id),
    member_id INTEGER NOT NULL REFERENCES members (id),
    PRIMARY KEY (room_id, member_id)
) STRICT;

CREATE TABLE blocks (
    blocker_id INTEGER NOT NULL REFERENCES members (id),
    blocked_id INTEGER NOT NULL REFERENCES members (id),
    created_at TEXT    NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id),
    CONSTRAINT blocks_not_self CHECK (blocker_id <> blocked_id)
) STRICT;
CREATE INDEX blocks_blocked ON blocks (blocked_id);
