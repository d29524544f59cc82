package org.parley.events;

import java.util.List;

/**
 * {@code actor} answered proposal {@code proposalId}: {@code answer} is {@code accepted} (then
 * {@code eventId} names the scheduled event it became), {@code counter} (another time proposed) or
 * {@code declined}. {@code recipients} are the other side, to be told.
 */
public record ProposalAnswered(String proposalId, String topic, long actor, String answer, String eventId,
                               List<Long> recipients) implements Event {

    public ProposalAnswered {
        recipients = List.copyOf(recipients);
    }
}
