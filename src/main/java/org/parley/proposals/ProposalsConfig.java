package org.parley.proposals;

import java.time.Duration;

/**
 * The proposals' timings.
 *
 * @param defaultExpiry how long a proposal waits for an answer when its proposer names no date
 * @param maxExpiry     the longest a proposer may let it wait
 * @param tick          how often proposals past their expiry are marked expired (they are refused at once
 *                      anyway: an answer after {@code expiresAt} is refused whether or not the tick ran)
 */
public record ProposalsConfig(Duration defaultExpiry, Duration maxExpiry, Duration tick) {

    /** Two weeks: time for an office to read, ask and decide, short enough that silence means no. */
    public static final Duration DEFAULT_EXPIRY = Duration.ofDays(14);
    /** Two months: an invitation that waits longer is no longer one. */
    public static final Duration MAX_EXPIRY = Duration.ofDays(60);
    /** Expiry is a date, not a second: a cheap indexed query every five seconds. */
    public static final Duration DEFAULT_TICK = Duration.ofSeconds(5);

    public static ProposalsConfig defaults() {
        return new ProposalsConfig(DEFAULT_EXPIRY, MAX_EXPIRY, DEFAULT_TICK);
    }
}
