-- Interpretation channels (issue 14): the languages a live room is interpreted into (comma-separated
-- ISO 639-1 codes, null for none) and, for a speaker named interpreter, the language they interpret
-- into. Both survive a restart like the rest of a live room (rooms.RoomStore).
ALTER TABLE rooms ADD COLUMN interpretation VARCHAR(32);
ALTER TABLE room_participants ADD COLUMN interpreting VARCHAR(8);
