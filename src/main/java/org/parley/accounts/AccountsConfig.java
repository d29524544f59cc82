package org.parley.accounts;

import java.time.Duration;

/**
 * Accounts, sessions and sign-in limits.
 *
 * @param sessionTtl           how long a session lasts without use (sliding)
 * @param authAttemptsPerIp    log-in and sign-up attempts allowed per client IP per window
 * @param authFailuresPerAccount failed log-ins allowed per account per window
 * @param authWindow           the rate-limit window
 */
public record AccountsConfig(Duration sessionTtl, int authAttemptsPerIp, int authFailuresPerAccount, Duration authWindow) {

    public static final Duration DEFAULT_SESSION_TTL = Duration.ofDays(30);
    /** Generous enough for a household behind one NAT, tight enough to stop password spraying. */
    public static final int DEFAULT_AUTH_ATTEMPTS_PER_IP = 30;
    /** Ten wrong passwords per window, then the account rests: slows guessing without locking owners out for long. */
    public static final int DEFAULT_AUTH_FAILURES_PER_ACCOUNT = 10;
    public static final Duration DEFAULT_AUTH_WINDOW = Duration.ofMinutes(10);

    public static AccountsConfig defaults() {
        return new AccountsConfig(DEFAULT_SESSION_TTL, DEFAULT_AUTH_ATTEMPTS_PER_IP,
                DEFAULT_AUTH_FAILURES_PER_ACCOUNT, DEFAULT_AUTH_WINDOW);
    }
}
