package org.parley.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.testing.MutableClock;
import org.parley.testing.TestParley;
import org.parley.testing.WsClient;

@Tag("db")
@Timeout(90)
class ScheduledEventsApiTest {

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

    Map<String, Object> event(String title, Duration in, String type) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("description", "What exactly is proposed:\na talk about engines.");
        body.put("startsAt", clock.instant().plus(in).toString());
        body.put("lengthMinutes", 60);
        body.put("language", "en");
        body.put("type", type);
        return body;
    }

    @Test
    void a_member_schedules_an_event_others_rsvp_and_the_page_shows_count_and_hosts() {
        var created = ada.post("/api/events", event("Engines", Duration.ofDays(2), "open"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.json().get("id").asText();
        assertThat(created.json().get("url").asText()).isEqualTo("/events/" + id);
        assertThat(created.json().get("status").asText()).isEqualTo("scheduled");
        assertThat(created.json().get("hosts").get(0).get("username").asText()).isEqualTo("ada");
        assertThat(created.json().get("you").get("host").asBoolean()).isTrue();

        JsonNode seen = bob.put("/api/events/" + id + "/rsvp", null).json();
        assertThat(seen.get("rsvpCount").asInt()).isEqualTo(1);
        assertThat(seen.get("you").get("rsvp").asBoolean()).isTrue();
        assertThat(bob.put("/api/events/" + id + "/rsvp", null).json().get("rsvpCount").asInt()).isEqualTo(1);
        cat.put("/api/events/" + id + "/rsvp", null);
        assertThat(ada.get("/api/events/" + id).json().get("rsvpCount").asInt()).isEqualTo(2);
        assertThat(cat.delete("/api/events/" + id + "/rsvp").json().get("rsvpCount").asInt()).isEqualTo(1);

        assertThat(ids(bob.get("/api/events/upcoming").json())).containsExactly(id); // RSVP'd
        assertThat(ids(cat.get("/api/events/upcoming").json())).isEmpty(); // neither follows nor RSVP'd
        cat.put("/api/members/ada/follow", null);
        assertThat(ids(cat.get("/api/events/upcoming").json())).containsExactly(id); // follows a host
    }

    @Test
    void bad_input_is_a_problem_with_field_errors_and_strangers_get_404() {
        Map<String, Object> bad = new HashMap<>();
        bad.put("title", " ");
        bad.put("startsAt", clock.instant().minus(Duration.ofHours(1)).toString());
        bad.put("lengthMinutes", 5);
        bad.put("language", "english");
        bad.put("type", "open");
        var response = ada.post("/api/events", bad);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(fieldCodes(response.json())).containsEntry("title", "too_short").containsEntry("startsAt", "in_the_past")
                .containsEntry("lengthMinutes", "out_of_range").containsEntry("language", "invalid_value");
        var longTitle = event("x".repeat(121), Duration.ofDays(1), "open");
        assertThat(fieldCodes(ada.post("/api/events", longTitle).json())).containsEntry("title", "too_long");
        var noStart = event("Engines", Duration.ofDays(1), "open");
        noStart.put("startsAt", "tomorrow");
        assertThat(fieldCodes(ada.post("/api/events", noStart).json())).containsEntry("startsAt", "invalid_format");
        assertThat(fieldCodes(ada.post("/api/events", Map.of("title", "x")).json()))
                .containsEntry("startsAt", "required").containsEntry("type", "required");

        assertThat(ada.get("/api/events/nope").code()).isEqualTo("event_not_found");
        assertThat(ada.get("/api/events/nope").status()).isEqualTo(404);
        assertThat(new ApiClient(parley.baseUrl()).get("/api/events/upcoming").status()).isEqualTo(401);
    }

    @Test
    void only_hosts_edit_and_cancel_closed_events_are_the_hosts_own_and_blocks_hide_events() {
        String open = ada.post("/api/events", event("Engines", Duration.ofDays(1), "open")).json().get("id").asText();
        assertThat(bob.patch("/api/events/" + open, Map.of("title", "Mine now")).status()).isEqualTo(403);
        assertThat(bob.post("/api/events/" + open + "/cancel", null).code()).isEqualTo("not_event_host");
        var edited = ada.patch("/api/events/" + open, Map.of("title", "Engines, revised", "lengthMinutes", 90));
        assertThat(edited.json().get("title").asText()).isEqualTo("Engines, revised");
        assertThat(edited.json().get("lengthMinutes").asInt()).isEqualTo(90);

        String closed = ada.post("/api/events", event("Board", Duration.ofDays(1), "closed")).json().get("id").asText();
        assertThat(bob.get("/api/events/" + closed).status()).isEqualTo(404);
        assertThat(ada.get("/api/events/" + closed).status()).isEqualTo(200);

        ada.put("/api/members/cat/block", null);
        assertThat(cat.get("/api/events/" + open).status()).isEqualTo(404);
        assertThat(cat.put("/api/events/" + open + "/rsvp", null).status()).isEqualTo(404);

        var cancelled = ada.post("/api/events/" + open + "/cancel", null);
        assertThat(cancelled.json().get("status").asText()).isEqualTo("cancelled");
        assertThat(ada.patch("/api/events/" + open, Map.of("title", "Again")).code()).isEqualTo("event_not_scheduled");
    }

    @Test
    void the_ics_file_parses_back_with_a_stable_uid_utc_start_duration_and_the_cancel() {
        var body = event("Engines & steam", Duration.ofDays(3), "open");
        body.put("cohosts", List.of("bob"));
        String id = ada.post("/api/events", body).json().get("id").asText();
        bob.post("/api/events/" + id + "/cohost", Map.of("accept", true));

        var file = bob.get("/api/events/" + id + "/ics");
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.contentType()).startsWith("text/calendar");
        assertThat(file.headers().firstValue("Content-Disposition").orElse("")).contains("attachment").contains(".ics");
        assertThat(file.raw()).contains("\r\n").doesNotContain("mailto:").containsPattern("DTSTART:\\d{8}T\\d{6}Z");
        VEvent v = single(file.raw());
        assertThat(v.getUid().getValue()).isEqualTo(single(ada.get("/api/events/" + id + "/ics").raw()).getUid().getValue());
        assertThat(v.getDateStart().getValue().toInstant()).isEqualTo(Instant.parse(body.get("startsAt").toString()));
        assertThat(v.getDuration().getValue().toMillis()).isEqualTo(Duration.ofHours(1).toMillis());
        assertThat(v.getSummary().getValue()).isEqualTo("Engines & steam");
        assertThat(v.getDescription().getValue()).isEqualTo("What exactly is proposed:\na talk about engines.");
        assertThat(v.getUrl().getValue()).isEqualTo(parley.baseUrl() + "/events/" + id);
        assertThat(v.getOrganizer().getCommonName()).isEqualTo("Ada Lovelace");
        assertThat(v.getOrganizer().getUri()).isEqualTo(parley.baseUrl() + "/u/ada");
        assertThat(v.getAttendees()).extracting(a -> a.getCommonName()).containsExactly("Bob Kahn");
        assertThat(v.getDateTimeStamp()).isNotNull();
        assertThat(v.getStatus().getValue()).isEqualTo("CONFIRMED");

        ada.post("/api/events/" + id + "/cancel", null);
        VEvent after = single(ada.get("/api/events/" + id + "/ics").raw());
        assertThat(after.getStatus().getValue()).isEqualTo("CANCELLED");
        assertThat(after.getUid().getValue()).isEqualTo(v.getUid().getValue());
        assertThat(after.getSequence().getValue()).isGreaterThan(v.getSequence().getValue());
    }

    @Test
    void the_private_calendar_feed_lists_hosted_and_rsvpd_events_and_a_reset_link_kills_the_old_one() {
        String mine = ada.post("/api/events", event("Mine", Duration.ofDays(1), "open")).json().get("id").asText();
        String theirs = bob.post("/api/events", event("Theirs", Duration.ofDays(2), "open")).json().get("id").asText();
        bob.post("/api/events", event("Not for me", Duration.ofDays(3), "open"));
        ada.put("/api/events/" + theirs + "/rsvp", null);
        assertThat(ada.get("/api/me/calendar").json().get("active").asBoolean()).isFalse();

        String url = ada.post("/api/me/calendar", null).json().get("url").asText();
        String path = url.substring(parley.baseUrl().length());
        var anonymous = new ApiClient(parley.baseUrl());
        var feed = anonymous.get(path);
        assertThat(feed.status()).isEqualTo(200);
        ICalendar cal = Biweekly.parse(feed.raw()).first();
        assertThat(cal.getEvents()).extracting(e -> e.getSummary().getValue()).containsExactly("Mine", "Theirs");
        assertThat(cal.getEvents()).extracting(e -> e.getUrl().getValue())
                .containsExactly(parley.baseUrl() + "/events/" + mine, parley.baseUrl() + "/events/" + theirs);
        assertThat(ada.get("/api/me/calendar").json().get("active").asBoolean()).isTrue();

        String again = ada.post("/api/me/calendar", null).json().get("url").asText();
        assertThat(again).isNotEqualTo(url);
        assertThat(anonymous.get(path).code()).isEqualTo("calendar_feed_not_found");
        assertThat(ada.delete("/api/me/calendar").status()).isEqualTo(204);
        assertThat(anonymous.get(again.substring(parley.baseUrl().length())).status()).isEqualTo(404);
    }

    @Test
    void a_cohost_accepts_the_host_starts_it_and_rsvpd_members_hear_it_is_starting_with_hosts_as_moderators() throws Exception {
        var body = event("Engines", Duration.ofMinutes(40), "open");
        body.put("cohosts", List.of("bob"));
        String id = ada.post("/api/events", body).json().get("id").asText();
        assertThat(kinds(awaitKind(bob, "cohost_request"))).contains("cohost_request");
        assertThat(cat.post("/api/events/" + id + "/cohost", Map.of("accept", true)).code()).isEqualTo("no_cohost_request");
        assertThat(bob.post("/api/events/" + id + "/cohost", Map.of("accept", true)).json().get("you").get("host").asBoolean())
                .isTrue();
        assertThat(kinds(awaitKind(ada, "cohost_accepted"))).contains("cohost_accepted");
        cat.put("/api/events/" + id + "/rsvp", null);
        var dan = new ApiClient(parley.baseUrl());
        dan.signUp(ada.createInviteCode(), "dan", "Dan Brown");
        dan.put("/api/members/bob/follow", null); // follows the host who will start it; no RSVP

        assertThat(ada.post("/api/events/" + id + "/start", null).code()).isEqualTo("event_not_startable"); // 40 min early
        clock.advance(Duration.ofMinutes(30));
        assertThat(cat.post("/api/events/" + id + "/start", null).status()).isEqualTo(403);
        var started = bob.post("/api/events/" + id + "/start", null);
        assertThat(started.status()).isEqualTo(201);
        String room = started.json().get("id").asText();
        assertThat(bob.post("/api/events/" + id + "/start", null).code()).isEqualTo("event_not_scheduled");

        JsonNode page = cat.get("/api/events/" + id).json();
        assertThat(page.get("status").asText()).isEqualTo("live");
        assertThat(page.get("room").get("url").asText()).isEqualTo("/room/" + room);
        JsonNode starting = awaitKind(cat, "event_starting");
        JsonNode item = starting.get("items").get(0);
        assertThat(item.get("room").get("id").asText()).isEqualTo(room);
        assertThat(item.get("event").get("id").asText()).isEqualTo(id);
        assertThat(kinds(awaitKind(ada, "event_starting"))).contains("event_starting");
        assertThat(kinds(awaitKind(dan, "event_starting"))).contains("event_starting").doesNotContain("room_started");

        try (WsClient adaLive = WsClient.connect(parley.baseUrl(), ada)) {
            assertThat(adaLive.call("join", "room", room).get("type").asText()).isEqualTo("ack");
            JsonNode snapshot = adaLive.awaitType("snapshot");
            assertThat(snapshot.get("you").get("role").asText()).isEqualTo("moderator"); // a host who was not there yet
        }
    }

    @Test
    void reminders_survive_a_restart_and_fire_once_for_each_of_several_events_at_the_same_minute() throws Exception {
        List<String> ids = new ArrayList<>();
        for (String title : List.of("One", "Two", "Three")) {
            String id = ada.post("/api/events", event(title, Duration.ofMinutes(30), "open")).json().get("id").asText();
            bob.put("/api/events/" + id + "/rsvp", null);
            ids.add(id);
        }
        parley.restart();
        var bobAgain = new ApiClient(parley.baseUrl());
        bobAgain.post("/api/session", Map.of("username", "bob", "password", ApiClient.Members.PASSWORD));
        clock.advance(Duration.ofMinutes(19));
        Thread.sleep(2_500); // several ticks: not due yet
        assertThat(kinds(bobAgain.get("/api/notifications").json())).doesNotContain("event_reminder");

        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        JsonNode page = awaitCount(bobAgain, "event_reminder", 3);
        Thread.sleep(2_500); // more ticks: nothing sent twice
        page = bobAgain.get("/api/notifications").json();
        List<String> reminded = new ArrayList<>();
        page.get("items").forEach(n -> {
            if (n.get("kind").asText().equals("event_reminder")) reminded.add(n.get("event").get("id").asText());
        });
        assertThat(reminded).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void an_event_set_to_start_within_the_reminder_lead_time_sends_no_reminder() throws Exception {
        String id = ada.post("/api/events", event("Soon", Duration.ofMinutes(5), "open")).json().get("id").asText();
        bob.put("/api/events/" + id + "/rsvp", null);
        Thread.sleep(2_500); // several ticks
        assertThat(kinds(ada.get("/api/notifications").json())).doesNotContain("event_reminder");
        assertThat(kinds(bob.get("/api/notifications").json())).doesNotContain("event_reminder");
    }

    @Test
    void each_member_is_reminded_at_the_lead_they_chose_and_a_new_choice_moves_reminders_not_sent_yet() throws Exception {
        assertThat(bob.get("/api/me/event-reminders").json().get("leadMinutes").asInt()).isEqualTo(10);
        assertThat(bob.put("/api/me/event-reminders", Map.of("leadMinutes", 60)).json().get("leadMinutes").asInt()).isEqualTo(60);
        String id = ada.post("/api/events", event("Engines", Duration.ofMinutes(90), "open")).json().get("id").asText();
        bob.put("/api/events/" + id + "/rsvp", null);
        cat.put("/api/events/" + id + "/rsvp", null);

        clock.advance(Duration.ofMinutes(30).plusSeconds(1)); // an hour before: Bob's time, not Cat's or Ada's
        awaitCount(bob, "event_reminder", 1);
        Thread.sleep(2_500); // several ticks
        assertThat(kinds(cat.get("/api/notifications").json())).doesNotContain("event_reminder");
        assertThat(kinds(ada.get("/api/notifications").json())).doesNotContain("event_reminder");

        // Cat now wants half an hour: her reminder, not sent yet, moves there (half an hour from now).
        cat.put("/api/me/event-reminders", Map.of("leadMinutes", 30));
        clock.advance(Duration.ofMinutes(29));
        Thread.sleep(2_500);
        assertThat(kinds(cat.get("/api/notifications").json())).doesNotContain("event_reminder");
        clock.advance(Duration.ofMinutes(1));
        awaitCount(cat, "event_reminder", 1);

        clock.advance(Duration.ofMinutes(20)); // ten minutes before: the host's default lead
        awaitCount(ada, "event_reminder", 1);
        Thread.sleep(2_500); // more ticks: nobody is reminded twice
        assertThat(kinds(bob.get("/api/notifications").json()).stream().filter("event_reminder"::equals)).hasSize(1);
        assertThat(kinds(cat.get("/api/notifications").json()).stream().filter("event_reminder"::equals)).hasSize(1);
        assertThat(kinds(ada.get("/api/notifications").json()).stream().filter("event_reminder"::equals)).hasSize(1);
    }

    @Test
    void a_reminder_lead_outside_the_choices_is_refused_and_changes_nothing() {
        JsonNode choices = bob.get("/api/me/event-reminders").json();
        assertThat(choices.get("defaultMinutes").asInt()).isEqualTo(10);
        assertThat(choices.get("choices").toString()).isEqualTo("[5,10,15,30,60,120,1440]");
        for (Object bad : List.of(7, "60", 60.5, -10, 1_000_000)) {
            var r = bob.put("/api/me/event-reminders", Map.of("leadMinutes", bad));
            assertThat(r.status()).as(String.valueOf(bad)).isEqualTo(400);
            assertThat(fieldCodes(r.json())).containsEntry("leadMinutes", "invalid_value");
        }
        assertThat(bob.put("/api/me/event-reminders", Map.of()).status()).isEqualTo(400);
        assertThat(bob.put("/api/me/event-reminders", Map.of("leadMinutes", 30, "extra", 1)).status()).isEqualTo(400);
        assertThat(bob.get("/api/me/event-reminders").json().get("leadMinutes").asInt()).isEqualTo(10);
        assertThat(new ApiClient(parley.baseUrl()).get("/api/me/event-reminders").status()).isEqualTo(401);
    }

    @Test
    void a_new_start_reminds_everyone_again_and_leaving_an_event_drops_the_reminder() throws Exception {
        String id = ada.post("/api/events", event("Engines", Duration.ofMinutes(30), "open")).json().get("id").asText();
        bob.put("/api/events/" + id + "/rsvp", null);
        cat.put("/api/events/" + id + "/rsvp", null);
        cat.delete("/api/events/" + id + "/rsvp");
        clock.advance(Duration.ofMinutes(20).plusSeconds(1));
        awaitCount(bob, "event_reminder", 1);
        ada.patch("/api/events/" + id, Map.of("startsAt", clock.instant().plus(Duration.ofMinutes(60)).toString()));
        clock.advance(Duration.ofMinutes(50).plusSeconds(1));
        awaitCount(bob, "event_reminder", 2);
        awaitCount(ada, "event_reminder", 2);
        Thread.sleep(2_500);
        assertThat(kinds(cat.get("/api/notifications").json())).doesNotContain("event_reminder");
    }

    @Test
    void an_event_nobody_starts_is_marked_missed_after_the_grace_period() throws Exception {
        String id = ada.post("/api/events", event("Engines", Duration.ofMinutes(20), "open")).json().get("id").asText();
        clock.advance(Duration.ofMinutes(20).plus(ScheduleConfig.DEFAULT_MISSED_AFTER).plusSeconds(1));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!ada.get("/api/events/" + id).json().get("status").asText().equals("missed") && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(ada.get("/api/events/" + id).json().get("status").asText()).isEqualTo("missed");
        assertThat(ada.post("/api/events/" + id + "/start", null).code()).isEqualTo("event_not_scheduled");
    }

    static VEvent single(String ics) {
        ICalendar cal = Biweekly.parse(ics).first();
        assertThat(cal.getEvents()).hasSize(1);
        return cal.getEvents().get(0);
    }

    static List<String> ids(JsonNode upcoming) {
        List<String> ids = new ArrayList<>();
        upcoming.get("events").forEach(e -> ids.add(e.get("id").asText()));
        return ids;
    }

    static Map<String, String> fieldCodes(JsonNode problem) {
        Map<String, String> codes = new HashMap<>();
        problem.get("errors").forEach(e -> codes.put(e.get("field").asText(), e.get("code").asText()));
        return codes;
    }

    static List<String> kinds(JsonNode page) {
        List<String> kinds = new ArrayList<>();
        page.get("items").forEach(n -> kinds.add(n.get("kind").asText()));
        return kinds;
    }

    static JsonNode awaitKind(ApiClient member, String kind) throws InterruptedException {
        return awaitCount(member, kind, 1);
    }

    /** The member's notifications once {@code count} of {@code kind} are there (they are stored off the request's thread). */
    static JsonNode awaitCount(ApiClient member, String kind, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            JsonNode page = member.get("/api/notifications").json();
            if (kinds(page).stream().filter(kind::equals).count() >= count || System.nanoTime() > deadline) {
                return page;
            }
            Thread.sleep(50);
        }
    }
}
