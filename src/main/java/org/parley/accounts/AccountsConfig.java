package org.parley.accounts;

import java.time.Duration;

/**
 * Accounts, sessions and sign-in limits.
 *
 * @param sessionTtl             how long a session lasts without use (sliding)
 * @param authAttemptsPerIp      log-in and sign-up attempts allowed per client IP per window
 * @param authFailuresPerAccount failed log-ins allowed per account per window
 * @param authWindow             the rate-limit window
 * @param sessionNetworks        whether a session keeps its client's network (the IP cut to /24 or /48) to show
 *                               as the device's approximate place; off by default: nothing of the IP is kept
 */
public record AccountsConfig(Duration sessionTtl, int authAttemptsPerIp, int authFailuresPerAccount, Duration authWindow,
                             boolean sessionNetworks) {

    public static final Duration DEFAULT_SESSION_TTL = Duration.ofDays(30);
    /** Generous enough for a household behind one NAT, tight enough to stop password spraying. */
    public static final int DEFAULT_AUTH_ATTEMPTS_PER_IP = 30;
    /** Ten wrong passwords per window, then the account rests: slows guessing without locking owners out for long. */
    public static final int DEFAULT_AUTH_FAILURES_PER_ACCOUNT = 10;
    public static final Duration DEFAULT_AUTH_WINDOW = Duration.ofMinutes(10);
    /** Off: a deployment keeps no part of its members' IP addresses unless its operator decides to. */
    public static final boolean DEFAULT_SESSION_NETWORKS = false;
    /**
     * A session's "last used" (and its sliding expiry) is written at most this often: a read is never a
     * write, and the signed-in devices list is right to within this much.
     */
    public static final Duration LAST_USED_INTERVAL = Duration.ofMinutes(10);

    public AccountsConfig(Duration sessionTtl, int authAttemptsPerIp, int authFailuresPerAccount, Duration authWindow) {
        this(sessionTtl, authAttemptsPerIp, authFailuresPerAccount, authWindow, DEFAULT_SESSION_NETWORKS);
    }

    public static AccountsConfig defaults() {
        return new AccountsConfig(DEFAULT_SESSION_TTL, DEFAULT_AUTH_ATTEMPTS_PER_IP,
                DEFAULT_AUTH_FAILURES_PER_ACCOUNT, DEFAULT_AUTH_WINDOW);
    }
}
