package org.parley.invites;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.testing.MutableClock;
import org.parley.testing.TestParley;

@Tag("db")
@Timeout(60)
class InvitesApiTest {

    MutableClock clock = MutableClock.startingNow();
    TestParley parley;
    ApiClient admin;
    ApiClient member;

    @BeforeEach
    void start() {
        parley = TestParley.start(Map.of(), clock);
        admin = new ApiClient(parley.baseUrl());
        admin.signUp(parley.createAdminInviteCode(), "admin", "Admin");
        member = new ApiClient(parley.baseUrl());
        member.signUp(admin.createInviteCode(), "member", "Member");
    }

    @AfterEach
    void stop() {
        parley.close();
    }

    @Test
    void a_member_has_two_invitations_and_a_third_is_refused() {
        var first = member.post("/api/invites", null);
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("status").asText()).isEqualTo("pending");
        assertThat(first.json().get("url").asText()).isEqualTo(parley.baseUrl() + "/invite/" + first.json().get("code").asText());
        assertThat(member.post("/api/invites", Map.of()).status()).isEqualTo(201);

        var third = member.post("/api/invites", null);
        assertThat(third.status()).isEqualTo(403);
        assertThat(third.code()).isEqualTo("invite_quota_exhausted");
        assertThat(member.get("/api/invites").json().get("remaining").asInt()).isZero();
    }

    @Test
    void revoking_a_pending_invitation_gives_it_back_and_kills_the_link() {
        String code = member.createInviteCode();
        member.createInviteCode();
        assertThat(member.delete("/api/invites/" + code).status()).isEqualTo(204);

        var list = member.get("/api/invites").json();
        assertThat(list.get("remaining").asInt()).isEqualTo(1);
        assertThat(statusOf(list, code)).isEqualTo("revoked");

        var r = new ApiClient(parley.baseUrl()).post("/api/accounts", Map.of("inviteCode", code, "username", "late",
                "displayName", "Late", "password", "long enough password"));
        assertThat(r.status()).isEqualTo(410);
        assertThat(r.code()).isEqualTo("invite_revoked");
    }

    @Test
    void a_used_invitation_cannot_be_revoked_and_shows_who_joined() {
        String code = member.createInviteCode();
        new ApiClient(parley.baseUrl()).signUp(code, "newcomer", "New Comer");

        var revoke = member.delete("/api/invites/" + code);
        assertThat(revoke.status()).isEqualTo(409);
        assertThat(revoke.code()).isEqualTo("invite_not_revocable");

        JsonNode item = member.get("/api/invites").json().get("items").get(0);
        assertThat(item.get("status").asText()).isEqualTo("used");
        assertThat(item.get("usedBy").get("username").asText()).isEqualTo("newcomer");
        assertThat(item.get("usedAt").asText()).isNotEmpty();
        assertThat(member.get("/api/invites").json().get("remaining").asInt())
                .as("a used invitation still counts against the quota").isEqualTo(1);
    }

    @Test
    void nobody_can_revoke_or_list_another_members_invitations() {
        String code = member.createInviteCode();
        var r = admin.delete("/api/invites/" + code);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.code()).isEqualTo("invite_not_found");
        assertThat(admin.get("/api/invites").json().get("items").findValuesAsText("code")).doesNotContain(code);
        assertThat(statusOf(member.get("/api/invites").json(), code)).isEqualTo("pending");
    }

    @Test
    void an_invitation_expires_after_fourteen_days_and_frees_its_slot() {
        String code = member.createInviteCode();
        clock.advance(Duration.ofDays(14).plusSeconds(1));

        assertThat(new ApiClient(parley.baseUrl()).get("/api/invites/" + code).json().get("status").asText())
                .isEqualTo("expired");
        var r = new ApiClient(parley.baseUrl()).post("/api/accounts", Map.of("inviteCode", code, "username", "tooslow",
                "displayName", "Too Slow", "password", "long enough password"));
        assertThat(r.status()).isEqualTo(410);
        assertThat(r.code()).isEqualTo("invite_expired");
        assertThat(member.get("/api/invites").json().get("remaining").asInt()).isEqualTo(2);
        assertThat(member.delete("/api/invites/" + code).status()).isEqualTo(409);
    }

    @Test
    void the_invitation_preview_is_public_but_says_nothing_about_unknown_codes() {
        String code = member.createInviteCode();
        var anonymous = new ApiClient(parley.baseUrl());
        var preview = anonymous.get("/api/invites/" + code).json();
        assertThat(preview.get("inviter").get("username").asText()).isEqualTo("member");
        assertThat(Instant.parse(preview.get("expiresAt").asText()))
                .isCloseTo(clock.instant().plus(Duration.ofDays(14)), org.assertj.core.api.Assertions.within(
                        5, java.time.temporal.ChronoUnit.SECONDS));
        assertThat(preview.get("admin").asBoolean()).isFalse();
        assertThat(anonymous.get("/api/invites/nope").code()).isEqualTo("invite_not_found");
    }

    @Test
    void administrators_invite_without_limit_and_their_list_is_newest_first() {
        for (int i = 0; i < 5; i++) {
            admin.createInviteCode();
            clock.advance(Duration.ofSeconds(1));
        }
        var list = admin.get("/api/invites").json();
        assertThat(list.get("remaining").isNull()).isTrue();
        assertThat(list.get("items")).hasSize(6);
        assertThat(list.get("items").findValuesAsText("createdAt")).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void the_invitation_limit_is_configurable() {
        try (var strict = TestParley.start(Map.of("PARLEY_INVITES_PER_MEMBER", "0"))) {
            var a = new ApiClient(strict.baseUrl());
            a.signUp(strict.createAdminInviteCode(), "boss", "Boss");
            var m = new ApiClient(strict.baseUrl());
            m.signUp(a.createInviteCode(), "pleb", "Pleb");
            assertThat(m.post("/api/invites", null).code()).isEqualTo("invite_quota_exhausted");
            assertThat(m.get("/api/me").json().get("invitesRemaining").asInt()).isZero();
        }
    }

    private static String statusOf(JsonNode list, String code) {
        for (JsonNode item : list.get("items")) {
            if (item.get("code").asText().equals(code)) {
                return item.get("status").asText();
            }
        }
        throw new AssertionError("no invitation " + code + " in " + list);
    }
}
