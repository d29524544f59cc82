package org.parley.clubs;

/**
 * Why a club action was refused; the HTTP edge answers each with its problem ({@code ClubsApi#problem}).
 */
final class Refusal extends RuntimeException {

    enum Reason {
        /** No such club. */
        not_found,
        /** No such member (the target of an admin action). */
        target_not_found,
        /** An admin banned the caller from this club. */
        banned,
        /** Only the club's admins (and its founder) may do this. */
        not_admin,
        /** Only the club's leaders, admins and founder may do this. */
        not_leader,
        /** The target's role is as high as the caller's, or the role asked for is. */
        outranked,
        /** The club admits only members an admin invited. */
        not_invited,
        /** The caller is in the club already. */
        already_member,
        /** The caller is not in the club (and has no request to withdraw). */
        not_a_member,
        /** A club always keeps a founder: they hand founding over before leaving. */
        founder_must_hand_over,
        /** The member acted on is not in the club. */
        target_not_member,
        /** The member has no request to join waiting. */
        no_request,
        /** Another club has this slug. */
        slug_taken
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
