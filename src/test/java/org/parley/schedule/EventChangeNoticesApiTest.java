package org.parley.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.testing.MutableClock;
import org.parley.testing.TestParley;

/** Members who asked to be notified about an event hear when its host moves it or cancels it (issue 15). */
@Tag("db")
@Timeout(60)
class EventChangeNoticesApiTest {

    MutableClock clock;
    TestParley parley;
    ApiClient ada;
    ApiClient bob;
    ApiClient cat;

    @BeforeEach
    void start() {
        clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        parley = TestParley.start(Map.of(), clock);
        ada = new ApiClient(parley.baseUrl());
        ada.signUp(parley.createAdminInviteCode(), "ada", "Ada Lovelace");
        bob = new ApiClient(parley.baseUrl());
        bob.signUp(ada.createInviteCode(), "bob", "Bob Kahn");
        cat = new ApiClient(parley.baseUrl());
        cat.signUp(ada.createInviteCode(), "cat", "Cat Stevens");
    }

    @AfterEach
    void stop() {
        parley.close();
    }

    private String event() {
        return ada.post("/api/events", Map.of("title", "Engines", "startsAt", clock.instant().plus(Duration.ofDays(1)).toString(),
                "lengthMinutes", 60, "type", "open")).json().get("id").asText();
    }

    @Test
    void a_new_time_and_a_cancel_reach_those_who_rsvpd_but_a_new_title_does_not() throws Exception {
        String id = event();
        bob.put("/api/events/" + id + "/rsvp", null);
        ada.patch("/api/events/" + id, Map.of("title", "Engines, revised"));
        ada.patch("/api/events/" + id, Map.of("startsAt", clock.instant().plus(Duration.ofDays(2)).toString()));
        JsonNode moved = ScheduledEventsApiTest.awaitKind(bob, "event_moved");
        assertThat(ScheduledEventsApiTest.kinds(moved).stream().filter("event_moved"::equals)).hasSize(1);
        JsonNode item = moved.get("items").get(0);
        assertThat(item.get("event").get("id").asText()).isEqualTo(id);
        assertThat(item.get("actor").get("username").asText()).isEqualTo("ada");

        ada.post("/api/events/" + id + "/cancel", null);
        assertThat(ScheduledEventsApiTest.kinds(ScheduledEventsApiTest.awaitKind(bob, "event_cancelled")))
                .contains("event_cancelled");
        assertThat(ScheduledEventsApiTest.kinds(cat.get("/api/notifications").json())).as("cat did not RSVP")
                .doesNotContain("event_moved", "event_cancelled");
        assertThat(ScheduledEventsApiTest.kinds(ada.get("/api/notifications").json())).as("the host did it herself")
                .doesNotContain("event_moved", "event_cancelled");
    }
}
