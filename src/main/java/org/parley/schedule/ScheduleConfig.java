package org.parley.schedule;

import java.time.Duration;

/**
 * The schedule's timings.
 *
 * @param reminderLead how long before the start hosts and RSVP'd members get the reminder, unless they chose
 *                     another lead in their settings
 * @param missedAfter  how long after the start an event nobody started is marked missed (and can no longer be started)
 * @param startsEarly  how long before the start a host may already start it
 * @param tick         how often due reminders and missed events are looked for: reminders fire within one tick
 */
public record ScheduleConfig(Duration reminderLead, Duration missedAfter, Duration startsEarly, Duration tick) {

    /** Time to finish what one is doing and open Parley; each member may choose another (RemindersApi.CHOICES). */
    public static final Duration DEFAULT_REMINDER_LEAD = Duration.ofMinutes(10);
    /** Hosts run late; after half an hour the audience has gone, and so has the event. */
    public static final Duration DEFAULT_MISSED_AFTER = Duration.ofMinutes(30);
    /** Hosts open the room a little early to check their sound and greet the first listeners. */
    public static final Duration DEFAULT_STARTS_EARLY = Duration.ofMinutes(15);
    /** "On time within a few seconds": one cheap indexed query per second. */
    public static final Duration DEFAULT_TICK = Duration.ofSeconds(1);

    public static ScheduleConfig defaults() {
        return new ScheduleConfig(DEFAULT_REMINDER_LEAD, DEFAULT_MISSED_AFTER, DEFAULT_STARTS_EARLY, DEFAULT_TICK);
    }
}
