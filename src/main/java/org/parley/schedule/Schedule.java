package org.parley.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parley.accounts.Member;
import org.parley.events.CohostAnswered;
import org.parley.events.CohostRequested;
import org.parley.events.EventChanged;
import org.parley.events.EventBus;
import org.parley.events.EventReminderDue;
import org.parley.events.EventStarted;
import org.parley.events.ScheduledEventChanged;
import org.parley.kernel.Tokens;
import org.parley.rooms.Room;
import org.parley.rooms.RoomType;
import org.parley.rooms.Rooms;
import org.parley.schedule.Refusal.Reason;
import org.parley.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scheduled events: making, editing and cancelling them, RSVPs, co-host answers, starting one as a
 * live room, and the clock's work — reminders and missed events ({@link #tick}).
 *
 * <p>Thread-safe: every change is one database transaction; {@link #start} is serialised so that one
 * event never becomes two rooms. Domain events are published after the transaction commits.
 */
final class Schedule {

    private static final Logger log = LoggerFactory.getLogger(Schedule.class);
    /** Live events are listed while they can still be running: up to the longest length after their start. */
    private static final Duration LIVE_LOOKBACK = Duration.ofMinutes(EventRules.LENGTH_MAX_MINUTES);
    /** A calendar feed keeps a month of past events, so last week's talk is still in the calendar. */
    static final Duration FEED_PAST = Duration.ofDays(31);
    /**
     * The starter's followers told "starting now" besides those who RSVP'd (the notification centre's
     * limit for a room start): they would have heard "started a room", which event rooms do not send.
     */
    static final int STARTED_MAX_FOLLOWERS = 5_000;
    /** Most events on the hallway's "Upcoming". */
    static final int UPCOMING_MAX = 50;

    /** What a host fills in; null fields of an edit stay as they were. */
    record Draft(String title, String description, Instant startsAt, Integer lengthMinutes, String language,
                 RoomType type) {}

    private final Database db;
    private final EventStore store;
    private final ReminderStore reminders;
    private final Audience audience;
    private final Rooms rooms;
    private final EventBus events;
    private final ScheduleConfig config;
    private final Clock clock;

    Schedule(Database db, EventStore store, ReminderStore reminders, Audience audience, Rooms rooms, EventBus events,
             ScheduleConfig config, Clock clock) {
        this.db = db;
        this.store = store;
        this.reminders = reminders;
        this.audience = audience;
        this.rooms = rooms;
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    ScheduleConfig config() {
        return config;
    }

    /** A new event with {@code creator} as its host and {@code cohosts} asked to join them (checked by the caller). */
    Found create(Member creator, Draft d, List<Long> cohosts) {
        Instant now = clock.instant();
        var event = new ScheduledEvent(Tokens.random(9), creator.id(), d.title().strip(), EventRules.clean(d.description()),
                d.startsAt(), d.lengthMinutes(), d.language(), d.type(), ScheduledEvent.Status.scheduled, null, 0, now, now);
        Found found = db.transaction(conn -> {
            store.insert(conn, event, remindAt(event.startsAt()));
            store.addHost(conn, event.id(), creator.id(), true, now);
            remind(conn, event, creator.id(), now);
            for (long cohost : cohosts) {
                store.addHost(conn, event.id(), cohost, false, now);
            }
            return new Found(event, store.hosts(conn, event.id()));
        });
        log.info("Event {} scheduled by member {} for {}", event.id(), creator.id(), event.startsAt());
        cohosts.forEach(c -> events.publish(new CohostRequested(event.id(), event.title(), creator.id(), c)));
        events.publish(new ScheduledEventChanged(event.id()));
        return found;
    }

    /**
     * An event agreed elsewhere (an accepted proposal), inside the caller's transaction: the creator and
     * every one of {@code cohosts} host it, all accepted already, each with their own reminder.
     */
    ScheduledEvent createAgreed(Connection conn, long creator, List<Long> cohosts, String title, String description,
                                Instant startsAt, int lengthMinutes, String language, RoomType type) throws SQLException {
        Instant now = clock.instant();
        var event = new ScheduledEvent(Tokens.random(9), creator, title, EventRules.clean(description), startsAt,
                lengthMinutes, language, type, ScheduledEvent.Status.scheduled, null, 0, now, now);
        store.insert(conn, event, remindAt(startsAt));
        store.addHost(conn, event.id(), creator, true, now);
        remind(conn, event, creator, now);
        for (long cohost : cohosts) {
            if (cohost != creator) {
                store.addHost(conn, event.id(), cohost, true, now);
                remind(conn, event, cohost, now);
            }
        }
        log.info("Event {} scheduled from an agreed proposal by member {} for {}", event.id(), creator, startsAt);
        return event;
    }

    /** Adds {@code member} as an accepted host (and their reminder) of a scheduled event; false when it is no longer scheduled. */
    boolean addAgreedHost(Connection conn, String eventId, long member) throws SQLException {
        Instant now = clock.instant();
        var event = store.byId(conn, eventId);
        if (event.isEmpty() || event.get().status() != ScheduledEvent.Status.scheduled) {
            return false;
        }
        if (store.hosts(conn, eventId).stream().noneMatch(h -> h.memberId() == member)) {
            store.addHost(conn, eventId, member, true, now);
            remind(conn, event.get(), member, now);
        }
        return true;
    }

    /** The event if {@code viewer} may see it. */
    Optional<Found> find(long viewer, String id) {
        return db.read(conn -> visible(conn, viewer, id));
    }

    private Optional<Found> visible(Connection conn, long viewer, String id) throws SQLException {
        Optional<ScheduledEvent> event = store.byId(conn, id);
        if (event.isEmpty()) {
            return Optional.empty();
        }
        Found found = new Found(event.get(), store.hosts(conn, id));
        return audience.of(conn, viewer).sees(found.event(), found.hosts()) ? Optional.of(found) : Optional.empty();
    }

    private Found require(Connection conn, long viewer, String id) throws SQLException {
        return visible(conn, viewer, id).orElseThrow(() -> new Refusal(Reason.not_found));
    }

    /**
     * A host's edit of a scheduled event; a new start moves its reminders (and they are due again), and
     * those who RSVP'd and the other hosts are told it moved.
     */
    Found update(Member me, String id, Draft d) {
        Instant now = clock.instant();
        List<Long> told = new ArrayList<>();
        Found after = db.transaction(conn -> {
            Found f = hostOfScheduled(conn, me.id(), id);
            ScheduledEvent e = f.event();
            Instant start = d.startsAt() != null ? d.startsAt() : e.startsAt();
            var next = new ScheduledEvent(e.id(), e.creatorId(), d.title() != null ? d.title().strip() : e.title(),
                    d.description() != null ? EventRules.clean(d.description()) : e.description(), start,
                    d.lengthMinutes() != null ? d.lengthMinutes() : e.lengthMinutes(),
                    d.language() != null ? d.language() : e.language(), d.type() != null ? d.type() : e.type(),
                    e.status(), e.roomId(), e.sequence() + 1, e.createdAt(), now);
            store.update(conn, next, start.equals(e.startsAt()) ? null : remindAt(start));
            if (!start.equals(e.startsAt())) {
                remindAll(conn, new Found(next, f.hosts()), now);
                told.addAll(audienceOf(conn, f, me.id(), List.of()));
            }
            return new Found(next, f.hosts());
        });
        if (!told.isEmpty()) {
            events.publish(new EventChanged(id, after.event().title(), me.id(), false, told));
        }
        events.publish(new ScheduledEventChanged(id));
        return after;
    }

    /**
     * A host cancels a scheduled event: it stays, marked cancelled (calendars show STATUS:CANCELLED);
     * those who RSVP'd and the other hosts are told.
     */
    Found cancel(Member me, String id) {
        Instant now = clock.instant();
        List<Long> told = new ArrayList<>();
        Found after = db.transaction(conn -> {
            Found before = hostOfScheduled(conn, me.id(), id);
            if (!store.changeStatus(conn, id, ScheduledEvent.Status.scheduled, ScheduledEvent.Status.cancelled, null, now)) {
                throw new Refusal(Reason.not_scheduled);
            }
            told.addAll(audienceOf(conn, before, me.id(), List.of()));
            return require(conn, me.id(), id);
        });
        if (!told.isEmpty()) {
            events.publish(new EventChanged(id, after.event().title(), me.id(), true, told));
        }
        events.publish(new ScheduledEventChanged(id));
        return after;
    }

    private Found hostOfScheduled(Connection conn, long member, String id) throws SQLException {
        Found f = require(conn, member, id);
        if (!f.hostedBy(member)) {
            throw new Refusal(Reason.not_a_host);
        }
        if (f.event().status() != ScheduledEvent.Status.scheduled) {
            throw new Refusal(Reason.not_scheduled);
        }
        return f;
    }

    /** "Notify me" on ({@code going}) or off; RSVPs are taken until the event is over. */
    void rsvp(Member me, String id, boolean going) {
        Instant now = clock.instant();
        db.transaction(conn -> {
            Found f = require(conn, me.id(), id);
            if (!going) {
                store.unrsvp(conn, id, me.id());
                if (!f.acceptedHosts().contains(me.id())) {
                    reminders.remove(conn, id, me.id());
                }
                return null;
            }
            var status = f.event().status();
            if (status != ScheduledEvent.Status.scheduled && !(status == ScheduledEvent.Status.live && roomLive(f.event()))) {
                throw new Refusal(Reason.not_scheduled);
            }
            store.rsvp(conn, id, me.id(), now);
            if (status == ScheduledEvent.Status.scheduled) {
                remind(conn, f.event(), me.id(), now);
            }
            return null;
        });
    }

    /** A co-host's answer to the request; declining removes them from the event. */
    Found answer(Member me, String id, boolean accept) {
        Instant now = clock.instant();
        Found after = db.transaction(conn -> {
            Found f = require(conn, me.id(), id);
            if (!f.askedToHost(me.id())) {
                throw new Refusal(Reason.no_cohost_request);
            }
            if (f.event().status() != ScheduledEvent.Status.scheduled) {
                throw new Refusal(Reason.not_scheduled);
            }
            store.answerHost(conn, id, me.id(), accept);
            if (accept) {
                remind(conn, f.event(), me.id(), now);
            }
            return new Found(f.event(), store.hosts(conn, id));
        });
        ScheduledEvent e = after.event();
        events.publish(new CohostAnswered(e.id(), e.title(), me.id(), e.creatorId(), accept));
        events.publish(new ScheduledEventChanged(e.id()));
        return after;
    }

    /**
     * A host starts the event: a live room with every accepted host as a moderator (the starter on
     * stage now, the others as they join). The other hosts, everyone who RSVP'd and the starter's
     * followers — those who may see it — are told it is starting.
     */
    synchronized Room start(Member me, String id) {
        Instant now = clock.instant();
        Found f = db.read(conn -> hostOfScheduled(conn, me.id(), id));
        ScheduledEvent e = f.event();
        if (now.isBefore(e.startsAt().minus(config.startsEarly())) || now.isAfter(e.startsAt().plus(config.missedAfter()))) {
            throw new Refusal(Reason.outside_start_window);
        }
        List<Long> hosts = f.acceptedHosts();
        Room room = rooms.create(me, e.title(), e.description(), e.language(), e.type(),
                e.type() == RoomType.closed ? hosts : List.of(), Set.copyOf(hosts));
        List<Long> recipients = db.transaction(conn -> {
            store.changeStatus(conn, id, ScheduledEvent.Status.scheduled, ScheduledEvent.Status.live, room.id(), now);
            return audienceOf(conn, f, me.id(), audience.followers(conn, me.id(), STARTED_MAX_FOLLOWERS));
        });
        log.info("Event {} started by member {} as room {}", id, me.id(), room.id());
        events.publish(new EventStarted(id, e.title(), me.id(), room.id(), recipients));
        events.publish(new ScheduledEventChanged(id));
        return room;
    }

    /**
     * The accepted hosts, the members who RSVP'd and {@code others}, those of them who may still see
     * it, less {@code except}.
     */
    private List<Long> audienceOf(Connection conn, Found f, long except, List<Long> others) throws SQLException {
        Set<Long> candidates = new LinkedHashSet<>(f.acceptedHosts());
        candidates.addAll(store.rsvpIds(conn, f.event().id()));
        candidates.addAll(others);
        Set<Long> out = audience.whoSees(conn, f, candidates);
        out.remove(except);
        return List.copyOf(out);
    }

    /**
     * The member's "Upcoming": scheduled and live events they host, were asked to host or RSVP'd,
     * and those hosted by people they follow, soonest first.
     */
    List<Found> upcoming(long member) {
        Instant now = clock.instant();
        return db.read(conn -> {
            Instant from = now.minus(LIVE_LOOKBACK);
            Map<String, ScheduledEvent> candidates = new LinkedHashMap<>();
            var open = EnumSet.of(ScheduledEvent.Status.scheduled, ScheduledEvent.Status.live);
            store.ofMember(conn, member, from, open).forEach(e -> candidates.put(e.id(), e));
            store.hostedBy(conn, audience.following(conn, member), from).forEach(e -> candidates.putIfAbsent(e.id(), e));
            var viewer = audience.of(conn, member);
            List<Found> out = new ArrayList<>();
            for (ScheduledEvent e : candidates.values().stream().sorted(Comparator.comparing(ScheduledEvent::startsAt)).toList()) {
                boolean current = e.status() == ScheduledEvent.Status.live ? roomLive(e)
                        : !e.startsAt().plus(config.missedAfter()).isBefore(now);
                List<EventStore.Host> hosts = current ? store.hosts(conn, e.id()) : List.of();
                if (current && viewer.sees(e, hosts)) {
                    out.add(new Found(e, hosts));
                    if (out.size() == UPCOMING_MAX) {
                        break;
                    }
                }
            }
            return out;
        });
    }

    /** The calendar feed's events: those the member hosts or RSVP'd, a month back and onwards, any status. */
    List<Found> calendar(long member) {
        Instant now = clock.instant();
        return db.read(conn -> {
            var viewer = audience.of(conn, member);
            List<Found> out = new ArrayList<>();
            for (ScheduledEvent e : store.ofMember(conn, member, now.minus(FEED_PAST), EnumSet.allOf(ScheduledEvent.Status.class))) {
                Found f = new Found(e, store.hosts(conn, e.id()));
                if (!f.askedToHost(member) && viewer.sees(e, f.hosts())) {
                    out.add(f);
                }
            }
            return out;
        });
    }

    /** Whether the event's room is live now (a live event whose room ended is over). */
    boolean roomLive(ScheduledEvent e) {
        return e.roomId() != null && rooms.get(e.roomId()).filter(r -> !r.ended()).isPresent();
    }

    /**
     * The clock's work, every {@link ScheduleConfig#tick}: events nobody started within
     * {@link ScheduleConfig#missedAfter} become missed, then each due reminder is claimed — by exactly
     * one caller, even across restarts and nodes — and announced, one announcement per event for the
     * members due at this tick. Returns how many announcements it made.
     */
    int tick() {
        Instant now = clock.instant();
        int missed = db.transaction(conn -> store.markMissed(conn, now.minus(config.missedAfter()), now));
        if (missed > 0) {
            log.info("{} scheduled event(s) were not started in time and are marked missed", missed);
        }
        Map<String, List<Long>> due = new LinkedHashMap<>();
        for (ReminderStore.Due d : db.read(conn -> reminders.due(conn, now))) {
            due.computeIfAbsent(d.eventId(), id -> new ArrayList<>()).add(d.memberId());
        }
        int sent = 0;
        for (var entry : due.entrySet()) {
            EventReminderDue reminder = db.transaction(conn -> {
                List<Long> claimed = new ArrayList<>();
                for (long member : entry.getValue()) {
                    if (reminders.claim(conn, entry.getKey(), member, now)) {
                        claimed.add(member);
                    }
                }
                ScheduledEvent e = store.byId(conn, entry.getKey()).orElseThrow();
                if (claimed.isEmpty() || e.status() != ScheduledEvent.Status.scheduled) {
                    return null; // another tick or node sent them, or the event was cancelled since
                }
                List<Long> recipients = List.copyOf(audience.whoSees(conn, new Found(e, store.hosts(conn, e.id())), claimed));
                return recipients.isEmpty() ? null : new EventReminderDue(e.id(), e.title(), e.creatorId(), recipients);
            });
            if (reminder != null) {
                events.publish(reminder);
                sent++;
            }
        }
        return sent;
    }

    /** The member's reminder lead: the one they chose, or the deployment's default. */
    Duration reminderLead(long member) {
        return db.read(conn -> leadOf(conn, member));
    }

    /**
     * Sets the member's reminder lead ({@code minutes} null: the deployment's default) and moves their
     * reminders not sent yet of events still to start; one moved into the past is sent at the next tick.
     */
    Duration setReminderLead(Member me, Integer minutes) {
        Instant now = clock.instant();
        return db.transaction(conn -> {
            boolean isDefault = minutes == null || minutes == config.reminderLead().toMinutes();
            reminders.setLead(conn, me.id(), isDefault ? null : minutes);
            Duration lead = leadOf(conn, me.id());
            for (ReminderStore.Pending p : reminders.pending(conn, me.id())) {
                if (p.startsAt().isAfter(now)) {
                    reminders.move(conn, p.eventId(), me.id(), p.startsAt().minus(lead));
                }
            }
            return lead;
        });
    }

    private Duration leadOf(Connection conn, long member) throws SQLException {
        return reminders.lead(conn, member).map(m -> Duration.ofMinutes(m)).orElse(config.reminderLead());
    }

    /** Reminds {@code member} of the event at their lead time (a host, or a member who RSVP'd). */
    private void remind(Connection conn, ScheduledEvent e, long member, Instant now) throws SQLException {
        reminders.add(conn, e.id(), member, e.startsAt().minus(leadOf(conn, member)), now);
    }

    /** The reminders of every accepted host and RSVP'd member made again: the event has a new start. */
    private void remindAll(Connection conn, Found f, Instant now) throws SQLException {
        reminders.removeAll(conn, f.event().id());
        Set<Long> members = new LinkedHashSet<>(f.acceptedHosts());
        members.addAll(store.rsvpIds(conn, f.event().id()));
        Map<Long, Integer> leads = reminders.leads(conn, members);
        for (long member : members) {
            Duration lead = leads.containsKey(member) ? Duration.ofMinutes(leads.get(member)) : config.reminderLead();
            reminders.add(conn, f.event().id(), member, f.event().startsAt().minus(lead), now);
        }
    }

    /** The deployment's default reminder time, kept on the event for reference (V17). */
    private Instant remindAt(Instant start) {
        return start.minus(config.reminderLead());
    }
}
