-- Members' photos (issue 13). The avatars feature re-encodes an upload into a few square JPEGs and
-- keeps them here, in the database rather than in files, so that nodes sharing a PostgreSQL database
-- serve the same photos and `parley backup` / `migrate-to-postgres` carry them (docs/decisions.md).
-- members.avatar_version names the current photo (NULL: none) and is part of every photo URL, so a
-- URL names one image forever and browsers may cache it as immutable.
-- V5, not V4: V4 is the members.language migration of the languages work (issue 14).

ALTER TABLE members ADD COLUMN avatar_version VARCHAR(64);

CREATE TABLE avatar_images (
    member_id BIGINT      NOT NULL REFERENCES members (id),
    -- the square's edge in pixels: one row per served size
    pixels    INTEGER     NOT NULL,
    -- the members.avatar_version this image belongs to
    version   VARCHAR(64) NOT NULL,
    image     BYTEA       NOT NULL,
    PRIMARY KEY (member_id, pixels)
);
