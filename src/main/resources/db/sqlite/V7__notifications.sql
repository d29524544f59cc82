-- The in-app notification centre (issue 15): what happened to a member while they were elsewhere.
-- SQLite twin of db/postgresql/V7 (types as explained in V1). V5 and V6 are kept for the room
-- description and members' photos, which land in the same release.

CREATE TABLE notifications (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id   INTEGER NOT NULL REFERENCES members (id),
    kind        TEXT    NOT NULL,
    actor_id    INTEGER REFERENCES members (id),
    room_id     TEXT,
    room_title  TEXT,
    created_at  TEXT    NOT NULL,
    read_at     TEXT
) STRICT;
CREATE INDEX notifications_by_member ON notifications (member_id, id);
