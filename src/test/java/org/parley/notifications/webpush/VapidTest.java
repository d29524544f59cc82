package org.parley.notifications.webpush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class VapidTest {

    @Test
    void the_token_names_the_push_services_origin_expires_within_a_day_and_verifies_with_the_public_key() {
        var vapid = new Vapid(P256.generate(), "mailto:ops@example.org");
        Instant now = Instant.parse("2026-12-07T12:00:00Z");
        String header = vapid.authorization(URI.create("https://push.example.net:8443/wpush/v2/abc?x=1"), now);

        var token = VapidToken.parse(header);
        assertThat(token.publicKey()).isEqualTo(vapid.publicKey());
        assertThat(token.verifies()).isTrue();
        assertThat(token.claims().get("aud").asText()).isEqualTo("https://push.example.net:8443");
        assertThat(token.claims().get("sub").asText()).isEqualTo("mailto:ops@example.org");
        long exp = token.claims().get("exp").asLong();
        assertThat(exp).isGreaterThan(now.getEpochSecond()).isLessThanOrEqualTo(now.plus(Duration.ofHours(24)).getEpochSecond());
    }

    @Test
    void the_default_port_is_left_out_of_the_audience_and_a_bad_subject_is_refused() {
        assertThat(Vapid.origin(URI.create("https://fcm.googleapis.com:443/fcm/send/x"))).isEqualTo("https://fcm.googleapis.com");
        assertThat(Vapid.origin(URI.create("http://127.0.0.1:9000/push/1"))).isEqualTo("http://127.0.0.1:9000");
        assertThatThrownBy(() -> new Vapid(P256.generate(), "ops@example.org")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void push_service_answers_map_to_what_the_sender_does_next() {
        assertThat(PushClient.outcome(201)).isEqualTo(PushClient.Outcome.accepted);
        assertThat(PushClient.outcome(404)).isEqualTo(PushClient.Outcome.gone);
        assertThat(PushClient.outcome(410)).isEqualTo(PushClient.Outcome.gone);
        assertThat(PushClient.outcome(429)).isEqualTo(PushClient.Outcome.retry);
        assertThat(PushClient.outcome(503)).isEqualTo(PushClient.Outcome.retry);
        assertThat(PushClient.outcome(413)).isEqualTo(PushClient.Outcome.refused);
    }
}
