package org.parley.signalling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.signalling.FloodGuard.Verdict;

/** The rate limit of one connection, on a clock the test moves. */
class FloodGuardTest {

    long now = 1_000_000_000L;
    final FloodGuard guard = new FloodGuard(() -> now);

    /** {@code commands} commands, one every {@code everyNanos}. */
    List<Verdict> send(int commands, long everyNanos) {
        List<Verdict> verdicts = new ArrayList<>();
        for (int i = 0; i < commands; i++) {
            now += everyNanos;
            verdicts.add(guard.check());
        }
        return verdicts;
    }

    @Test
    void a_burst_then_the_steady_rate_is_never_refused() {
        assertThat(send(CommandBudget.BURST, 0)).containsOnly(Verdict.ACCEPT);
        assertThat(send(2_000, (long) (1e9 / CommandBudget.PER_SECOND))).containsOnly(Verdict.ACCEPT);
    }

    @Test
    void a_client_a_little_too_fast_is_refused_now_and_then_but_never_closed() {
        // 25 a second for two minutes: 5 a second over the rate, under the refusals' own rate.
        List<Verdict> verdicts = send(3_000, 40_000_000L);
        assertThat(verdicts).contains(Verdict.REFUSE).doesNotContain(Verdict.CLOSE, Verdict.CLOSED);
    }

    @Test
    void a_flood_is_refused_then_closed_and_nothing_after_the_close_is_answered() {
        List<Verdict> verdicts = send(1_000, 0);
        assertThat(verdicts.subList(0, CommandBudget.BURST)).containsOnly(Verdict.ACCEPT);
        assertThat(verdicts.subList(CommandBudget.BURST, CommandBudget.BURST + FloodGuard.MAX_REFUSED))
                .containsOnly(Verdict.REFUSE);
        assertThat(verdicts.get(CommandBudget.BURST + FloodGuard.MAX_REFUSED)).isEqualTo(Verdict.CLOSE);
        assertThat(verdicts.subList(CommandBudget.BURST + FloodGuard.MAX_REFUSED + 1, verdicts.size()))
                .containsOnly(Verdict.CLOSED);
        now += 60_000_000_000L;
        assertThat(guard.check()).as("a closed connection stays closed").isEqualTo(Verdict.CLOSED);
    }
}
