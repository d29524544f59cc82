package org.parley.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TurnConfigTest {

    @Test
    void credentials_follow_the_turn_rest_api_scheme_coturn_checks() {
        var turn = new TurnConfig(List.of("turn:turn.example.org:3478?transport=udp"), "north-sea", Duration.ofHours(12));
        var server = turn.credentialsFor(42, Instant.ofEpochSecond(1_700_000_000L));
        assertThat(server.username()).isEqualTo((1_700_000_000L + 12 * 3600) + ":42");
        // Reference value: printf '%s' '1700043200:42' | openssl dgst -sha1 -hmac north-sea -binary | base64
        assertThat(server.credential()).isEqualTo("R+vcnv4q/MDxjSfyJrYvfIgQLyM=");
        assertThat(server.urls()).containsExactly("turn:turn.example.org:3478?transport=udp");
    }

    @Test
    void urls_must_be_turn_urls_and_need_a_secret() {
        assertThatThrownBy(() -> new TurnConfig(List.of("stun:example.org"), "s", Duration.ofHours(1)))
                .hasMessageContaining("turn:");
        assertThatThrownBy(() -> new TurnConfig(List.of("turn:example.org"), "", Duration.ofHours(1)))
                .hasMessageContaining("secret");
        assertThat(new TurnConfig(List.of(), null, Duration.ofHours(1)).enabled()).isFalse();
    }
}
