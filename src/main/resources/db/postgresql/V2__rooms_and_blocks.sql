-- Live rooms survive a restart: their settings, stage, roles and removals are written through on
-- every accepted change (see rooms.RoomStore). Ended rooms keep their row for history.

CREATE TABLE rooms (
    id            VARCHAR(32)  PRIMARY KEY,
    title         VARCHAR(480) NOT NULL,  -- 120 code points, sized for UTF-16 (see V1)
    type          VARCHAR(16)  NOT NULL,
    creator_id    BIGINT       NOT NULL REFERENCES members (id),
    hand_raising  BOOLEAN      NOT NULL,
    version       BIGINT       NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at      TIMESTAMP WITH TIME ZONE
);
CREATE INDEX rooms_live ON rooms (ended_at);

CREATE TABLE room_participants (
    room_id          VARCHAR(32) NOT NULL REFERENCES rooms (id),
    member_id        BIGINT      NOT NULL REFERENCES members (id),
    role             VARCHAR(16) NOT NULL,
    muted            BOOLEAN     NOT NULL,
    hand_order       BIGINT      NOT NULL,
    invited_to_speak BOOLEAN     NOT NULL,
    joined_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (room_id, member_id)
);

-- Members a moderator removed (they cannot re-enter), and a closed room's picked members.
CREATE TABLE room_removed (
    room_id   VARCHAR(32) NOT NULL REFERENCES rooms (id),
    member_id BIGINT      NOT NULL REFERENCES members (id),
    PRIMARY KEY (room_id, member_id)
);
CREATE TABLE room_allowed (
    room_id   VARCHAR(32) NOT NULL REFERENCES rooms (id),
    member_id BIGINT      NOT NULL REFERENCES members (id),
    PRIMARY KEY (room_id, member_id)
);

CREATE TABLE blocks (
    blocker_id BIGINT NOT NULL REFERENCES members (id),
    blocked_id BIGINT NOT NULL REFERENCES members (id),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (blocker_id, blocked_id),
    CONSTRAINT blocks_not_self CHECK (blocker_id <> blocked_id)
);
CREATE INDEX blocks_blocked ON blocks (blocked_id);
