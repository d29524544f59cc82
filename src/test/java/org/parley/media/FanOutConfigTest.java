package org.parley.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class FanOutConfigTest {

    @Test
    void the_default_is_two_to_four_sender_threads_and_a_queue_of_64_packets() {
        FanOutConfig config = FanOutConfig.defaults();
        assertThat(config.senderThreads()).isBetween(2, FanOutConfig.MAX_DEFAULT_SENDER_THREADS)
                .isEqualTo(FanOutConfig.defaultSenderThreads());
        assertThat(config.queuePackets()).isEqualTo(64);
        assertThat(config.withSenderThreads(1).senderThreads()).isEqualTo(1);
    }

    @Test
    void a_queue_that_is_not_a_power_of_two_or_no_sender_thread_is_refused() {
        assertThatThrownBy(() -> new FanOutConfig(2, 100)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FanOutConfig(0, 64)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FanOutConfig(65, 64)).isInstanceOf(IllegalArgumentException.class);
    }
}
