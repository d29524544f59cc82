-- Scheduled events (issue 15): a conversation announced ahead, with hosts (the creator and co-hosts
-- who accepted), RSVPs, a reminder claimed once, and the live room it became. See schedule.EventStore.
-- status: scheduled, live (room_id names the room), cancelled, missed (nobody started it in time).
-- remind_at is when the reminder is due; reminded_at is set by the one node that claims it.

CREATE TABLE scheduled_events (
    id             VARCHAR(32)   PRIMARY KEY,
    creator_id     BIGINT        NOT NULL REFERENCES members (id),
    title          VARCHAR(480)  NOT NULL,  -- 120 code points, sized for UTF-16 (see V1)
    description    VARCHAR(8000) NOT NULL,  -- 2,000 code points
    starts_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    length_minutes INTEGER       NOT NULL,
    language       VARCHAR(8),
    type           VARCHAR(16)   NOT NULL,
    status         VARCHAR(16)   NOT NULL,
    room_id        VARCHAR(32),
    sequence       INTEGER       NOT NULL,  -- RFC 5545 SEQUENCE: bumped by every edit and the cancel
    remind_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    reminded_at    TIMESTAMP WITH TIME ZONE,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX scheduled_events_due ON scheduled_events (status, remind_at);
CREATE INDEX scheduled_events_start ON scheduled_events (status, starts_at);

-- The creator (accepted from the start) and co-hosts: pending until they accept; a decline deletes the row.
CREATE TABLE event_hosts (
    event_id    VARCHAR(32) NOT NULL REFERENCES scheduled_events (id),
    member_id   BIGINT      NOT NULL REFERENCES members (id),
    accepted    BOOLEAN     NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (event_id, member_id)
);
CREATE INDEX event_hosts_member ON event_hosts (member_id);

CREATE TABLE event_rsvps (
    event_id    VARCHAR(32) NOT NULL REFERENCES scheduled_events (id),
    member_id   BIGINT      NOT NULL REFERENCES members (id),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (event_id, member_id)
);
CREATE INDEX event_rsvps_member ON event_rsvps (member_id);

-- A member's private calendar feed: only the SHA-256 of its secret token is kept.
CREATE TABLE calendar_feeds (
    member_id   BIGINT      PRIMARY KEY REFERENCES members (id),
    token_hash  VARCHAR(64) NOT NULL UNIQUE,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A live room's hosts besides its creator (an event's): moderators whenever they join.
CREATE TABLE room_hosts (
    room_id   VARCHAR(32) NOT NULL REFERENCES rooms (id),
    member_id BIGINT      NOT NULL REFERENCES members (id),
    PRIMARY KEY (room_id, member_id)
);

-- Notifications about an event (reminder, starting now, co-host requests) name it.
ALTER TABLE notifications ADD COLUMN event_id VARCHAR(32);
ALTER TABLE notifications ADD COLUMN event_title VARCHAR(480);
