package org.parley.notifications;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * A daily window in the member's own time zone during which no push is sent; notifications are
 * still kept in the centre and sent live to open tabs. The window may cross midnight (22:00–07:00).
 * A push that falls inside it is dropped, not delayed: what happened is in the centre when the member
 * looks, and nothing stale — a reminder for an event that has begun — buzzes in the morning.
 *
 * @param start first minute of the window, inclusive
 * @param end   first minute after it; never equal to {@code start}
 */
record QuietHours(LocalTime start, LocalTime end, ZoneId zone) {

    QuietHours {
        if (start.equals(end)) {
            throw new IllegalArgumentException("an empty window");
        }
    }

    boolean covers(Instant when) {
        LocalTime local = when.atZone(zone).toLocalTime();
        return start.isBefore(end)
                ? !local.isBefore(start) && local.isBefore(end)
                : !local.isBefore(start) || local.isBefore(end);
    }
}
