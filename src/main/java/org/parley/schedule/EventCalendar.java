package org.parley.schedule;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.parameter.Role;
import biweekly.property.Attendee;
import biweekly.property.Organizer;
import biweekly.property.Status;
import biweekly.util.Duration;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.parley.accounts.MemberRef;

/**
 * Scheduled events as iCalendar (RFC 5545), written by biweekly (docs/decisions.md): one event's
 * {@code .ics} and a member's calendar feed. Times are UTC ({@code DTSTART:…Z}, RFC 5545 §3.3.5 form
 * 2), so no VTIMEZONE is needed and every calendar shows them in its reader's own zone.
 *
 * <p>No {@code METHOD}: these are published copies, not scheduling messages (RFC 5546), so DTSTAMP is
 * the last revision (RFC 5545 §3.8.7.2) and hosts may be listed as attendees. Parley keeps no e-mail
 * addresses: the organizer and co-hosts are named by their profile URL.
 */
final class EventCalendar {

    /** RFC 5545 §3.7.3. */
    static final String PRODUCT_ID = "-//Parley//Scheduled events//EN";
    /** How often a calendar app should fetch a feed again (RFC 7986 §5.7 and the common X-PUBLISHED-TTL). */
    static final String REFRESH = "PT1H";

    /** One event to write, with its hosts' public names (the organizer is its creator). */
    record Entry(ScheduledEvent event, MemberRef organizer, List<MemberRef> cohosts) {}

    private EventCalendar() {}

    /** A calendar of {@code entries}; {@code name} titles a feed (null for a single event). */
    static String write(List<Entry> entries, String base, String name) {
        ICalendar cal = new ICalendar();
        cal.setProductId(PRODUCT_ID);
        if (name != null) {
            cal.setName(name); // RFC 7986 §5.1
            cal.setExperimentalProperty("X-WR-CALNAME", name);
            cal.setRefreshInterval(Duration.parse(REFRESH));
            cal.setExperimentalProperty("X-PUBLISHED-TTL", REFRESH);
        }
        for (Entry entry : entries) {
            cal.addEvent(event(entry, base));
        }
        return Biweekly.write(cal).go();
    }

    /**
     * A stable UID per event that names no host (RFC 7986 §5.3 advises against host names in UIDs):
     * a name-based UUID of the event's id, so every download and feed carries the same one.
     */
    static String uid(String eventId) {
        return UUID.nameUUIDFromBytes(("parley-event:" + eventId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static VEvent event(Entry entry, String base) {
        ScheduledEvent e = entry.event();
        VEvent v = new VEvent();
        v.setUid(uid(e.id()));
        v.setDateTimeStamp(Date.from(e.updatedAt()));
        v.setCreated(Date.from(e.createdAt()));
        v.setLastModified(Date.from(e.updatedAt()));
        v.setSequence(e.sequence());
        v.setDateStart(Date.from(e.startsAt()), true);
        v.setDuration(Duration.builder().hours(e.lengthMinutes() / 60).minutes(e.lengthMinutes() % 60).build());
        v.setSummary(e.title());
        if (!e.description().isEmpty()) {
            v.setDescription(e.description());
        }
        v.setUrl(base + "/events/" + e.id());
        v.setStatus(e.status() == ScheduledEvent.Status.cancelled ? Status.cancelled() : Status.confirmed());
        if (entry.organizer() != null) {
            Organizer organizer = new Organizer(entry.organizer().displayName(), null);
            organizer.setUri(profile(base, entry.organizer()));
            v.setOrganizer(organizer);
        }
        for (MemberRef cohost : entry.cohosts()) {
            Attendee attendee = new Attendee(cohost.displayName(), null);
            attendee.setUri(profile(base, cohost));
            attendee.setRole(Role.CHAIR);
            v.addAttendee(attendee);
        }
        return v;
    }

    private static String profile(String base, MemberRef member) {
        return base + "/u/" + member.username();
    }
}
