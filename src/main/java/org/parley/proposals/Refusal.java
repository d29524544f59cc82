package org.parley.proposals;

/** Why an action on a proposal was refused; the HTTP edge answers each with its problem ({@code ProposalsApi}). */
final class Refusal extends RuntimeException {

    enum Reason {
        /** It does not exist, or the caller may not see it: the two look the same. */
        not_found,
        /** Only a recipient (or a delegate acting as the recipient organization) may answer. */
        not_recipient,
        /** Only the proposer and the recipients write on the thread. */
        not_a_party,
        /** The proposer accepts only a time a recipient proposed instead. */
        not_their_time,
        /** The caller answered already. */
        already_answered,
        /** It is accepted, declined or expired: no longer open to this. */
        closed,
        /** Its expiry date has passed without an answer. */
        expired,
        /** No such time on this proposal, or (once accepted) not the time agreed. */
        unknown_time,
        /** That time has begun or passed. */
        time_passed,
        /** The proposal holds the most times or thread messages it may. */
        full
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
