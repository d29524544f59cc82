package org.parley.events;

import java.util.List;

/** {@code proposer} proposed conversation {@code proposalId} ("{@code topic}") to {@code recipients}. */
public record ProposalReceived(String proposalId, String topic, long proposer, List<Long> recipients) implements Event {

    public ProposalReceived {
        recipients = List.copyOf(recipients);
    }
}
