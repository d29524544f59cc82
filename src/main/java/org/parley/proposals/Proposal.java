package org.parley.proposals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One proposal as stored: what is proposed, to whom it is visible ({@code open} true: public) and
 * where it stands.
 *
 * @param languages the languages it would be held in (ISO 639-1), perhaps none
 * @param eventId   the scheduled event it became; null until a recipient accepts
 */
record Proposal(String id, long proposerId, String topic, String description, String format, List<String> languages,
                String guests, String audience, String note, boolean open, Status status, Instant expiresAt,
                String eventId, Instant createdAt, Instant updatedAt) {

    /** open: waiting for answers; accepted: it became an event; declined: every recipient said no; expired: nobody answered in time. */
    enum Status { open, accepted, declined, expired }

    /** A recipient's own answer. */
    enum Answer { pending, accepted, declined }

    /** What happened, for the history; {@code question} steps are the thread. */
    enum StepKind { proposed, question, counter, accepted, declined, expired }

    record Recipient(long memberId, Answer answer) {}

    /** A time on offer: the proposer's, or one a recipient proposed instead. */
    record Time(long id, Instant startsAt, int lengthMinutes, long proposedBy) {
        Instant endsAt() {
            return startsAt.plus(Duration.ofMinutes(lengthMinutes));
        }
    }

    /** @param text a thread message, or a decline's reason (null for none); {@code textPublic}: the reason is for everyone */
    record Step(long id, Long actorId, StepKind kind, Long timeId, String text, boolean textPublic, Instant at) {}

    /** The status a reader sees: an open proposal past its expiry is expired, whether or not the tick has run. */
    Status statusAt(Instant now) {
        return status == Status.open && !now.isBefore(expiresAt) ? Status.expired : status;
    }
}
