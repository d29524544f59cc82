package org.parley.schedule;

/**
 * Why the schedule refused an action on an event; the HTTP edge answers each with its problem
 * ({@code EventsApi#problem}).
 */
final class Refusal extends RuntimeException {

    enum Reason {
        /** It does not exist, or the caller may not see it: the two look the same. */
        not_found,
        /** Only the event's hosts may do this. */
        not_a_host,
        /** It is live, cancelled or missed: no longer open to this. */
        not_scheduled,
        /** Starting is allowed from {@code startsEarly} before the start to {@code missedAfter} after it. */
        outside_start_window,
        /** The caller has no co-host request on this event waiting for an answer. */
        no_cohost_request
    }

    private final Reason reason;

    Refusal(Reason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
