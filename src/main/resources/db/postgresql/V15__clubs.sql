-- Clubs (issue 16): a named group with a founder, admins, leaders and members, a join policy, pending
-- requests and invitations, bans, followers and a photo; rooms may be started "in" a club. See
-- clubs.ClubStore. Text columns sized for UTF-16 as explained in V1.

CREATE TABLE clubs (
    id            VARCHAR(32)   PRIMARY KEY,
    -- the URL name (/c/{slug}): lower case, unique
    slug          VARCHAR(40)   NOT NULL UNIQUE,
    name          VARCHAR(240)  NOT NULL,  -- 60 code points
    description   VARCHAR(8000) NOT NULL,  -- 2,000 code points
    rules         VARCHAR(8000) NOT NULL,
    topics        VARCHAR(1000),           -- comma-separated, up to 5
    languages     VARCHAR(64),             -- ISO 639-1 codes, comma-separated
    -- open, approval or invitation
    join_policy   VARCHAR(16)   NOT NULL,
    photo_version VARCHAR(64),
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- role: founder (exactly one per club), admin, leader or member.
CREATE TABLE club_members (
    club_id    VARCHAR(32) NOT NULL REFERENCES clubs (id),
    member_id  BIGINT      NOT NULL REFERENCES members (id),
    role       VARCHAR(16) NOT NULL,
    joined_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (club_id, member_id)
);
CREATE INDEX club_members_member ON club_members (member_id);

-- Requests to join a club that admits by approval, until an admin answers (or the member withdraws).
CREATE TABLE club_requests (
    club_id    VARCHAR(32) NOT NULL REFERENCES clubs (id),
    member_id  BIGINT      NOT NULL REFERENCES members (id),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (club_id, member_id)
);

-- Invitations by an admin: the invited member may join whatever the policy.
CREATE TABLE club_invitations (
    club_id    VARCHAR(32) NOT NULL REFERENCES clubs (id),
    member_id  BIGINT      NOT NULL REFERENCES members (id),
    invited_by BIGINT      REFERENCES members (id),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (club_id, member_id)
);

-- A banned member can neither rejoin nor ask to. banned_by (like invited_by, created_by and added_by)
-- is NULL once that member deleted their account.
CREATE TABLE club_bans (
    club_id    VARCHAR(32) NOT NULL REFERENCES clubs (id),
    member_id  BIGINT      NOT NULL REFERENCES members (id),
    banned_by  BIGINT      REFERENCES members (id),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (club_id, member_id)
);

-- Followers: the club's rooms rank higher in their hallway.
CREATE TABLE club_follows (
    club_id    VARCHAR(32) NOT NULL REFERENCES clubs (id),
    member_id  BIGINT      NOT NULL REFERENCES members (id),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (club_id, member_id)
);
CREATE INDEX club_follows_member ON club_follows (member_id);

-- The club's photo, re-encoded like members' avatars (one row per served size).
CREATE TABLE club_photos (
    club_id VARCHAR(32) NOT NULL REFERENCES clubs (id),
    pixels  INTEGER     NOT NULL,
    version VARCHAR(64) NOT NULL,
    image   BYTEA       NOT NULL,
    PRIMARY KEY (club_id, pixels)
);

-- Club invitation links: an invites row made by a club admin, which also joins the new member to the club.
CREATE TABLE club_invite_links (
    invite_code VARCHAR(64) PRIMARY KEY,
    club_id     VARCHAR(32) NOT NULL REFERENCES clubs (id),
    created_by  BIGINT      REFERENCES members (id),
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A room started in a club: the club it shows (its name and slug as they were at the start, so a
-- restart needs nothing of the clubs feature) and, for members-only rooms, who may enter.
ALTER TABLE rooms ADD COLUMN club_id VARCHAR(32);
ALTER TABLE rooms ADD COLUMN club_slug VARCHAR(40);
ALTER TABLE rooms ADD COLUMN club_name VARCHAR(240);

-- The scheduled events a club's leaders put in the club (the events themselves are the schedule's).
CREATE TABLE club_events (
    club_id    VARCHAR(32) NOT NULL REFERENCES clubs (id),
    event_id   VARCHAR(32) NOT NULL,  -- no foreign key: the schedule erases its events on its own
    added_by   BIGINT      REFERENCES members (id),
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (club_id, event_id)
);
