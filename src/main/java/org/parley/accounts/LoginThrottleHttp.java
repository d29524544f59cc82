package org.parley.accounts;

import io.javalin.http.Context;
import java.util.Optional;
import org.parley.web.RateLimiter;

/**
 * Wrong passwords per account, counted so that the count cannot lock the owner out (OWASP "Slow Brute
 * Force Protection with Device Cookies"): an attempt from a browser with a genuine device cookie for
 * the account is counted against that device alone and checked even while the account is locked for
 * everyone else; an attempt without one shares the account's budget, which password guessing can use
 * up ({@code PARLEY_AUTH_FAILURES_PER_ACCOUNT} per window, then 429 with Retry-After).
 *
 * <p>Thread-safe: the counting is {@link RateLimiter}'s.
 */
final class LoginThrottleHttp {

    private final RateLimiter failures;
    private final DeviceCookiesHttp devices;

    LoginThrottleHttp(RateLimiter failures, DeviceCookiesHttp devices) {
        this.failures = failures;
        this.devices = devices;
    }

    /**
     * Whose failures an attempt on {@code username} counts as: the device's, or the account's (also for
     * names that are no member, so the answer does not tell members apart).
     */
    Budget budget(Context ctx, String username, Optional<Member> member) {
        return member.flatMap(m -> devices.known(ctx, m.id()))
                .map(d -> new Budget("device:" + d.memberId() + ":" + d.deviceId()))
                .orElseGet(() -> new Budget("acct:" + MemberStore.key(username)));
    }

    /** A failure budget; {@link #check()} before the password is checked, {@link #fail()} after a wrong one. */
    final class Budget {
        private final String key;

        private Budget(String key) {
            this.key = key;
        }

        /** Throws 429 (with Retry-After) when this budget is spent. */
        void check() {
            failures.checkNotBlocked(key);
        }

        void fail() {
            failures.record(key);
        }
    }
}
