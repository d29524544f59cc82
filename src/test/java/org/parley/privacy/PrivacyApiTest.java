package org.parley.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.testing.TestParley;

/** The privacy page's facts come from the deployment's configuration, and anyone may read them. */
@Timeout(60)
class PrivacyApiTest {

    static JsonNode privacy(Map<String, String> settings) {
        try (var parley = TestParley.start(settings)) {
            var r = new ApiClient(parley.baseUrl()).get("/api/privacy");
            assertThat(r.status()).isEqualTo(200);
            return r.json();
        }
    }

    @Test
    void the_defaults_keep_no_network_redact_logs_keep_no_audio_and_exports_for_a_day() {
        JsonNode facts = privacy(Map.of());
        assertThat(facts.get("sessionNetworks").asBoolean()).isFalse();
        assertThat(facts.get("ipsRedactedInLogs").asBoolean()).isTrue();
        assertThat(facts.get("safetyBuffer").asBoolean()).isFalse();
        assertThat(facts.get("audioRecorded").asBoolean()).isFalse();
        assertThat(facts.get("exportHours").asLong()).isEqualTo(24);
        assertThat(facts.get("sessionDays").asLong()).isEqualTo(30);
        assertThat(facts.get("notificationDays").asLong()).isEqualTo(90);
        assertThat(facts.get("lastUsedMinutes").asLong()).isEqualTo(10);
    }

    @Test
    void an_operators_choices_show_on_the_page() {
        JsonNode facts = privacy(Map.of("PARLEY_SESSION_NETWORKS", "true", "PARLEY_REDACT_IPS", "false",
                "PARLEY_EXPORT_HOURS", "48", "PARLEY_SESSION_TTL_DAYS", "7"));
        assertThat(facts.get("sessionNetworks").asBoolean()).isTrue();
        assertThat(facts.get("ipsRedactedInLogs").asBoolean()).isFalse();
        assertThat(facts.get("exportHours").asLong()).isEqualTo(48);
        assertThat(facts.get("sessionDays").asLong()).isEqualTo(7);
    }
}
