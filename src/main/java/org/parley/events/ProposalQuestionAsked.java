package org.parley.events;

import java.util.List;

/** {@code author} wrote on proposal {@code proposalId}'s thread; {@code recipients}, the other side, are told. */
public record ProposalQuestionAsked(String proposalId, String topic, long author, List<Long> recipients) implements Event {

    public ProposalQuestionAsked {
        recipients = List.copyOf(recipients);
    }
}
