-- Interpretation channels (issue 14): the languages a live room is interpreted into (comma-separated
-- ISO 639-1 codes, null for none) and, for a speaker named interpreter, the language they interpret
-- into. Both survive a restart like the rest of a live room (rooms.RoomStore).
-- SQLite twin of db/postgresql/V9.
ALTER TABLE rooms ADD COLUMN interpretation TEXT;
ALTER TABLE room_participants ADD COLUMN interpreting TEXT;
