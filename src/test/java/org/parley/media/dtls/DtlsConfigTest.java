package org.parley.media.dtls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DtlsConfigTest {

    @Test
    void the_defaults_are_ten_seconds_256_handshakes_and_a_1200_byte_mtu() {
        DtlsConfig defaults = DtlsConfig.defaults();

        assertThat(defaults.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.maxPendingHandshakes()).isEqualTo(256);
        assertThat(defaults.mtu()).isEqualTo(1200);
    }

    @Test
    void values_that_cannot_work_are_refused() {
        DtlsConfig defaults = DtlsConfig.defaults();

        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withHandshakeTimeout(Duration.ZERO));
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withHandshakeTimeout(null));
        assertThatIllegalArgumentException().isThrownBy(() -> defaults.withMaxPendingHandshakes(0));
        assertThatIllegalArgumentException().isThrownBy(() -> new DtlsConfig(Duration.ofSeconds(1), 1, 100, 8));
        assertThatIllegalArgumentException().isThrownBy(() -> new DtlsConfig(Duration.ofSeconds(1), 1, 1200, 0));
    }
}
