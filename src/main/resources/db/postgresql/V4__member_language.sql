-- The language a member chose for Parley's interface (issue 14): en, de, nl, ro or ru; NULL follows
-- the browser's languages. The server only stores it (profiles.Languages checks the value); the web
-- client picks its catalogue from it.
ALTER TABLE members ADD COLUMN language TEXT;
