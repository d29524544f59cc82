-- Languages (issue 14): a room's floor language (ISO 639-1, null when not given) and the languages
-- a member understands (comma-separated ISO 639-1 codes, null when not set), which rank the hallway.
ALTER TABLE rooms ADD COLUMN language VARCHAR(8);
ALTER TABLE members ADD COLUMN languages VARCHAR(64);
