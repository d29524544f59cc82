package org.parley.proposals;

import java.util.List;
import java.util.Optional;

/** A proposal with its recipients, times and history, as one look-up finds them. */
record Found(Proposal proposal, List<Proposal.Recipient> recipients, List<Proposal.Time> times, List<Proposal.Step> steps) {

    Found {
        recipients = List.copyOf(recipients);
        times = List.copyOf(times);
        steps = List.copyOf(steps);
    }

    boolean proposedBy(long member) {
        return proposal.proposerId() == member;
    }

    Optional<Proposal.Recipient> recipient(long member) {
        return recipients.stream().filter(r -> r.memberId() == member).findFirst();
    }

    /** The proposer and the recipients: the two sides. */
    List<Long> parties() {
        var out = new java.util.ArrayList<Long>();
        out.add(proposal.proposerId());
        recipients.forEach(r -> out.add(r.memberId()));
        return out;
    }

    Optional<Proposal.Time> time(long id) {
        return times.stream().filter(t -> t.id() == id).findFirst();
    }

    /** The time the first acceptance chose; empty while nobody accepted. */
    Optional<Long> acceptedTime() {
        return steps.stream().filter(s -> s.kind() == Proposal.StepKind.accepted).map(Proposal.Step::timeId).findFirst();
    }

    long messages() {
        return steps.stream().filter(s -> s.kind() == Proposal.StepKind.question).count();
    }
}
