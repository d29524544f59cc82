-- A live room's description (issue 13): an optional line under the title, 0–280 characters, set at
-- createRoom and edited by moderators (editDescription); empty when the room has none.
-- SQLite twin of db/postgresql/V6.
ALTER TABLE rooms ADD COLUMN description TEXT NOT NULL DEFAULT '';
