-- Clubs (issue 16): a named group with a founder, admins, leaders and members, a join policy, pending
-- requests and invitations, bans, followers and a photo; rooms may be started "in" a club. See
-- clubs.ClubStore. SQLite twin of db/postgresql/V15 (types as explained in V1).

CREATE TABLE clubs (
    id            TEXT   PRIMARY KEY,
    -- the URL name (/c/{slug}): lower case, unique
    slug          TEXT   NOT NULL UNIQUE,
    name          TEXT  NOT NULL,  -- 60 code points
    description   TEXT NOT NULL,  -- 2,000 code points
    rules         TEXT NOT NULL,
    topics        TEXT,           -- comma-separated, up to 5
    languages     TEXT,             -- ISO 639-1 codes, comma-separated
    -- open, approval or invitation
    join_policy   TEXT   NOT NULL,
    photo_version TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
) STRICT;

-- role: founder (exactly one per club), admin, leader or member.
CREATE TABLE club_members (
    club_id    TEXT NOT NULL REFERENCES clubs (id),
    member_id  INTEGER      NOT NULL REFERENCES members (id),
    role       TEXT NOT NULL,
    joined_at  TEXT NOT NULL,
    PRIMARY KEY (club_id, member_id)
) STRICT;
CREATE INDEX club_members_member ON club_members (member_id);

-- Requests to join a club that admits by approval, until an admin answers (or the member withdraws).
CREATE TABLE club_requests (
    club_id    TEXT NOT NULL REFERENCES clubs (id),
    member_id  INTEGER      NOT NULL REFERENCES members (id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (club_id, member_id)
) STRICT;

-- Invitations by an admin: the invited member may join whatever the policy.
CREATE TABLE club_invitations (
    club_id    TEXT NOT NULL REFERENCES clubs (id),
    member_id  INTEGER      NOT NULL REFERENCES members (id),
    invited_by INTEGER      REFERENCES members (id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (club_id, member_id)
) STRICT;

-- A banned member can neither rejoin nor ask to. banned_by (like invited_by, created_by and added_by)
-- is NULL once that member deleted their account.
CREATE TABLE club_bans (
    club_id    TEXT NOT NULL REFERENCES clubs (id),
    member_id  INTEGER      NOT NULL REFERENCES members (id),
    banned_by  INTEGER      REFERENCES members (id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (club_id, member_id)
) STRICT;

-- Followers: the club's rooms rank higher in their hallway.
CREATE TABLE club_follows (
    club_id    TEXT NOT NULL REFERENCES clubs (id),
    member_id  INTEGER      NOT NULL REFERENCES members (id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (club_id, member_id)
) STRICT;
CREATE INDEX club_follows_member ON club_follows (member_id);

-- The club's photo, re-encoded like members' avatars (one row per served size).
CREATE TABLE club_photos (
    club_id TEXT NOT NULL REFERENCES clubs (id),
    pixels  INTEGER     NOT NULL,
    version TEXT NOT NULL,
    image   BLOB       NOT NULL,
    PRIMARY KEY (club_id, pixels)
) STRICT;

-- Club invitation links: an invites row made by a club admin, which also joins the new member to the club.
CREATE TABLE club_invite_links (
    invite_code TEXT PRIMARY KEY,
    club_id     TEXT NOT NULL REFERENCES clubs (id),
    created_by  INTEGER      REFERENCES members (id),
    created_at  TEXT NOT NULL
) STRICT;

-- A room started in a club: the club it shows (its name and slug as they were at the start, so a
-- restart needs nothing of the clubs feature) and, for members-only rooms, who may enter.
ALTER TABLE rooms ADD COLUMN club_id TEXT;
ALTER TABLE rooms ADD COLUMN club_slug TEXT;
ALTER TABLE rooms ADD COLUMN club_name TEXT;

-- The scheduled events a club's leaders put in the club (the events themselves are the schedule's).
CREATE TABLE club_events (
    club_id    TEXT    NOT NULL REFERENCES clubs (id),
    event_id   TEXT    NOT NULL,  -- no foreign key: the schedule erases its events on its own
    added_by   INTEGER REFERENCES members (id),
    created_at TEXT    NOT NULL,
    PRIMARY KEY (club_id, event_id)
) STRICT;
