-- A live room's description (issue 13): an optional line under the title, 0–280 characters, set at
-- createRoom and edited by moderators (editDescription); empty when the room has none.
ALTER TABLE rooms ADD COLUMN description VARCHAR(1120) NOT NULL DEFAULT '';  -- 280 code points, sized for UTF-16 (see V1)
