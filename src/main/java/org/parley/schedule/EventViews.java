package org.parley.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.accounts.Member;
import org.parley.accounts.MemberRef;
import org.parley.accounts.Members;
import org.parley.rooms.RoomType;
import org.parley.storage.Database;

/** The API's shapes of scheduled events (docs/api.md, the OpenAPI {@code ScheduledEvent} schema). */
final class EventViews {

    /** A host as the event page shows them; {@code accepted} is false while a co-host has not answered. */
    record HostView(String username, String displayName, String avatarUrl, boolean accepted) {}

    /** What the reader may do: they host it, were asked to, RSVP'd, and whether "Start" is open to them now. */
    record You(boolean host, boolean askedToHost, boolean rsvp, boolean canStart) {}

    record LiveRoom(String id, String url) {}

    /**
     * @param status {@code scheduled}, {@code live}, {@code ended} (it was live and its room has ended),
     *               {@code cancelled} or {@code missed}
     * @param room   the live room while it runs, else null
     */
    record EventView(String id, String title, String description, Instant startsAt, int lengthMinutes, Instant endsAt,
                     String language, RoomType type, String status, String url, String icsUrl, List<HostView> hosts,
                     long rsvpCount, You you, LiveRoom room, Instant startOpensAt, Instant startClosesAt) {}

    record Upcoming(List<EventView> events) {}

    private final Database db;
    private final Members members;
    private final Schedule schedule;
    private final EventStore store;

    EventViews(Database db, Members members, Schedule schedule, EventStore store) {
        this.db = db;
        this.members = members;
        this.schedule = schedule;
        this.store = store;
    }

    EventView of(Found f, long viewer, Instant now) {
        return db.read(conn -> of(conn, f, viewer, now));
    }

    List<EventView> of(List<Found> found, long viewer, Instant now) {
        return db.read(conn -> {
            List<EventView> out = new ArrayList<>();
            for (Found f : found) {
                out.add(of(conn, f, viewer, now));
            }
            return out;
        });
    }

    private EventView of(Connection conn, Found f, long viewer, Instant now) throws SQLException {
        ScheduledEvent e = f.event();
        List<HostView> hosts = new ArrayList<>();
        for (EventStore.Host h : f.hosts()) {
            Optional<Member> m = members.byId(conn, h.memberId());
            m.ifPresent(member -> hosts.add(new HostView(member.username(), member.displayName(), member.avatarUrl(),
                    h.accepted())));
        }
        boolean live = e.status() == ScheduledEvent.Status.live && schedule.roomLive(e);
        String status = e.status() == ScheduledEvent.Status.live && !live ? "ended" : e.status().name();
        var config = schedule.config();
        Instant opens = e.startsAt().minus(config.startsEarly());
        Instant closes = e.startsAt().plus(config.missedAfter());
        boolean host = f.hostedBy(viewer);
        boolean canStart = host && e.status() == ScheduledEvent.Status.scheduled && !now.isBefore(opens) && !now.isAfter(closes);
        var you = new You(host, f.askedToHost(viewer), store.hasRsvp(conn, e.id(), viewer), canStart);
        return new EventView(e.id(), e.title(), e.description(), e.startsAt(), e.lengthMinutes(), e.endsAt(), e.language(),
                e.type(), status, "/events/" + e.id(), "/api/events/" + e.id() + "/ics", hosts,
                store.rsvpCount(conn, e.id()), you, live ? new LiveRoom(e.roomId(), "/room/" + e.roomId()) : null, opens, closes);
    }

    /** The calendar entries of {@code found}: the organizer is the creator, the other accepted hosts are chairs. */
    List<EventCalendar.Entry> calendar(List<Found> found) {
        return db.read(conn -> {
            List<EventCalendar.Entry> out = new ArrayList<>();
            for (Found f : found) {
                MemberRef organizer = members.byId(conn, f.event().creatorId()).map(Member::ref).orElse(null);
                List<MemberRef> cohosts = new ArrayList<>();
                for (long id : f.acceptedHosts()) {
                    if (id != f.event().creatorId()) {
                        members.byId(conn, id).map(Member::ref).ifPresent(cohosts::add);
                    }
                }
                out.add(new EventCalendar.Entry(f.event(), organizer, cohosts));
            }
            return out;
        });
    }
}
