package org.parley.media.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class MediaConfigTest {

    @Test
    void the_defaults_are_port_10000_on_every_interface_with_ten_seconds_of_consent() {
        MediaConfig defaults = MediaConfig.defaults();

        assertThat(defaults.port()).isEqualTo(10000);
        assertThat(defaults.bindAddress().isAnyLocalAddress()).isTrue();
        assertThat(defaults.advertisedAddresses()).isEmpty();
        assertThat(defaults.consentTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void impossible_values_are_refused() {
        assertThatThrownBy(() -> MediaConfig.defaults().withPort(70000)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MediaConfig.defaults().withConsentTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MediaConfig.defaults().withBindAddress(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
