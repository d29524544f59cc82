package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.parley.testing.MutableClock;

class RateLimiterTest {

    final MutableClock clock = MutableClock.startingNow();
    final RateLimiter limiter = new RateLimiter(3, 60, clock);

    @Test
    void attempts_over_the_limit_are_refused_with_the_seconds_left_in_the_window() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("ip:1");
        }
        clock.advance(Duration.ofSeconds(20));
        var refused = catchThrowableOfType(ProblemException.class, () -> limiter.acquire("ip:1"));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.retryAfterSeconds()).isEqualTo(40);
    }

    @Test
    void keys_are_counted_separately_and_windows_reset() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("a");
        }
        assertThatCode(() -> limiter.acquire("b")).doesNotThrowAnyException();
        clock.advance(Duration.ofSeconds(60));
        assertThatCode(() -> limiter.acquire("a")).doesNotThrowAnyException();
    }

    @Test
    void recorded_failures_block_only_once_the_limit_is_reached() {
        limiter.record("acct:ada");
        limiter.record("acct:ada");
        assertThatCode(() -> limiter.checkNotBlocked("acct:ada")).doesNotThrowAnyException();
        limiter.record("acct:ada");
        assertThat(catchThrowableOfType(ProblemException.class, () -> limiter.checkNotBlocked("acct:ada")).code())
                .isEqualTo("rate_limited");
    }

    @Test
    void many_distinct_keys_do_not_grow_the_table_forever() {
        for (int i = 0; i < RateLimiter.SWEEP_THRESHOLD + 10; i++) {
            limiter.acquire("k" + i);
        }
        clock.advance(Duration.ofSeconds(61));
        limiter.acquire("fresh");
        assertThat(limiter.trackedKeys()).isEqualTo(1);
    }
}
