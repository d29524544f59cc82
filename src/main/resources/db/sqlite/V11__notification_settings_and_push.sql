-- Notification settings and Web Push (issue 15). SQLite twin of db/postgresql/V11 (types as
-- explained in V1). V9 and V10 are kept for work landing in the same release.

CREATE TABLE notification_channels (
    member_id  INTEGER NOT NULL REFERENCES members (id),
    kind       TEXT    NOT NULL,
    channel    TEXT    NOT NULL,
    PRIMARY KEY (member_id, kind)
) STRICT;

CREATE TABLE quiet_hours (
    member_id  INTEGER PRIMARY KEY REFERENCES members (id),
    starts_at  TEXT    NOT NULL,
    ends_at    TEXT    NOT NULL,
    time_zone  TEXT    NOT NULL
) STRICT;

CREATE TABLE push_subscriptions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id   INTEGER NOT NULL REFERENCES members (id),
    endpoint    TEXT    NOT NULL UNIQUE,
    p256dh      TEXT    NOT NULL,
    auth        TEXT    NOT NULL,
    created_at  TEXT    NOT NULL
) STRICT;
CREATE INDEX push_subscriptions_by_member ON push_subscriptions (member_id);
