-- Event reminders at each member's own lead time (issue 15: "event reminder (before start,
-- configurable)"): one row per event and member to remind (its accepted hosts and those who RSVP'd),
-- due at the start less that member's lead, claimed once like the event-wide reminder was.
-- scheduled_events.remind_at / reminded_at are no longer read: remind_at keeps the deployment's
-- default reminder time for reference. SQLite twin of db/postgresql/V17 (types as explained in V1).

CREATE TABLE event_reminders (
    event_id    TEXT    NOT NULL REFERENCES scheduled_events (id),
    member_id   INTEGER NOT NULL REFERENCES members (id),
    remind_at   TEXT    NOT NULL,
    reminded_at TEXT,
    PRIMARY KEY (event_id, member_id)
) STRICT;
CREATE INDEX event_reminders_due ON event_reminders (reminded_at, remind_at);
CREATE INDEX event_reminders_member ON event_reminders (member_id);

-- Only members who chose a lead other than the deployment's default have a row.
CREATE TABLE reminder_leads (
    member_id    INTEGER PRIMARY KEY REFERENCES members (id),
    lead_minutes INTEGER NOT NULL CHECK (lead_minutes > 0)
) STRICT;

-- Events scheduled before this migration keep their one reminder time, and whether it was sent.
INSERT INTO event_reminders (event_id, member_id, remind_at, reminded_at)
    SELECT h.event_id, h.member_id, e.remind_at, e.reminded_at
    FROM event_hosts h JOIN scheduled_events e ON e.id = h.event_id
    WHERE h.accepted = 1 AND e.status = 'scheduled';
INSERT INTO event_reminders (event_id, member_id, remind_at, reminded_at)
    SELECT r.event_id, r.member_id, e.remind_at, e.reminded_at
    FROM event_rsvps r JOIN scheduled_events e ON e.id = r.event_id
    WHERE e.status = 'scheduled'
    AND NOT EXISTS (SELECT 1 FROM event_reminders x WHERE x.event_id = r.event_id AND x.member_id = r.member_id);

-- Quiet hours are wall-clock times ("22:00"), not instants: renamed so that every column named …_at
-- is an instant, the rule storage.TableCopy relies on when it copies a database (SchemaParityTest).
ALTER TABLE quiet_hours RENAME COLUMN starts_at TO starts_local;
ALTER TABLE quiet_hours RENAME COLUMN ends_at TO ends_local;
