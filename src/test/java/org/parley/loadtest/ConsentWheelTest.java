package org.parley.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsentWheelTest {

    @Test
    void every_leg_added_during_a_ramp_is_refreshed_exactly_once_in_every_period() {
        int ticks = 250;
        ConsentWheel<Integer> wheel = new ConsentWheel<>(ticks);
        Map<Integer, Integer> refreshes = new HashMap<>();
        int legs = 0;
        // A ramp as the load test runs it: a leg joins on every tick, for longer than four periods.
        for (long tick = 0; tick < 5L * ticks; tick++) {
            wheel.add(legs++);
            if (tick >= ticks) { // from the second period on, count one whole period per leg
                for (int leg : wheel.due(tick)) {
                    if (tick < 2L * ticks) {
                        refreshes.merge(leg, 1, Integer::sum);
                    }
                }
            }
        }
        for (int leg = 0; leg < ticks; leg++) {
            assertThat(refreshes.get(leg)).as("leg %d in the second period", leg).isEqualTo(1);
        }
    }

    @Test
    void legs_are_spread_evenly_over_the_ticks() {
        ConsentWheel<Integer> wheel = new ConsentWheel<>(4);
        for (int i = 0; i < 10; i++) {
            wheel.add(i);
        }
        assertThat(wheel.due(0)).containsExactly(0, 4, 8);
        assertThat(wheel.due(1)).containsExactly(1, 5, 9);
        assertThat(wheel.due(3)).containsExactly(3, 7);
        assertThat(wheel.due(7)).as("ticks wrap").containsExactly(3, 7);
    }
}
