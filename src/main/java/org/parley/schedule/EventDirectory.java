package org.parley.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The schedule's face for features that list events of their own (a club's events): what an event is
 * called and when, and whether someone hosts it, with the schedule's own visibility rules. Thread-safe.
 */
public final class EventDirectory {

    /** An event as others list it; {@code status} is scheduled, live, cancelled or missed. */
    public record Summary(String id, String title, Instant startsAt, Instant endsAt, String status, String url) {}

    private final Schedule schedule;

    EventDirectory(Schedule schedule) {
        this.schedule = schedule;
    }

    /** The event, when {@code member} hosts it and it is still scheduled or live. */
    public Optional<Summary> hostedBy(String eventId, long member) {
        return schedule.find(member, eventId)
                .filter(f -> f.hostedBy(member))
                .filter(f -> f.event().status() == ScheduledEvent.Status.scheduled || f.event().status() == ScheduledEvent.Status.live)
                .map(EventDirectory::summary);
    }

    /** Of {@code ids}, those {@code viewer} may see that are scheduled or live and not over, soonest first. */
    public List<Summary> upcoming(Collection<String> ids, long viewer, Instant now) {
        List<Summary> found = new ArrayList<>();
        for (String id : ids) {
            schedule.find(viewer, id)
                    .filter(f -> f.event().status() == ScheduledEvent.Status.scheduled || f.event().status() == ScheduledEvent.Status.live)
                    .filter(f -> f.event().endsAt().isAfter(now))
                    .ifPresent(f -> found.add(summary(f)));
        }
        found.sort(Comparator.comparing(Summary::startsAt));
        return found;
    }

    private static Summary summary(Found f) {
        ScheduledEvent e = f.event();
        return new Summary(e.id(), e.title(), e.startsAt(), e.endsAt(), e.status().name(), "/events/" + e.id());
    }
}
