package org.parley.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.testing.TestParley;

/**
 * Anti-scraping: profiles and the lists that name members are read within a budget per session and per
 * IP address, past which the answer is 429 with Retry-After; nothing lists every member but the
 * invitation tree, which costs many reads.
 */
@Tag("db")
@Timeout(90)
class MemberReadLimitsApiTest {

    TestParley parley;

    @AfterEach
    void stop() {
        parley.close();
    }

    ApiClient start(Map<String, String> settings) {
        parley = TestParley.start(settings);
        var ada = new ApiClient(parley.baseUrl());
        ada.signUp(parley.createAdminInviteCode(), "ada", "Ada");
        return ada;
    }

    @Test
    void a_session_reading_profiles_past_its_budget_gets_429_with_retry_after_and_another_session_still_reads() {
        var ada = start(Map.of("PARLEY_MEMBER_READS_PER_SESSION", "5"));
        var bob = new ApiClient(parley.baseUrl());
        bob.signUp(ada.createInviteCode(), "bob", "Bob");
        String[] reads = {"/api/members/bob", "/api/members/bob/followers", "/api/members/bob/following",
            "/api/members/ada", "/api/members/nobody"};
        for (String path : reads) {
            assertThat(ada.get(path).status()).as(path).isIn(200, 404);
        }

        var refused = ada.get("/api/members/bob");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.code()).isEqualTo("rate_limited");
        assertThat(Integer.parseInt(refused.headers().firstValue("Retry-After").orElseThrow())).isBetween(1, 60);
        assertThat(bob.get("/api/members/ada").status()).isEqualTo(200);
        // Writes and the member's own page are not reads of others.
        assertThat(ada.get("/api/me").status()).isEqualTo(200);
        assertThat(ada.put("/api/members/bob/follow", null).status()).isLessThan(300);
    }

    @Test
    void one_address_is_capped_whoever_is_signed_in() {
        var ada = start(Map.of("PARLEY_MEMBER_READS_PER_IP", "4"));
        for (int i = 0; i < 4; i++) {
            assertThat(ada.get("/api/members/ada").status()).isEqualTo(200);
        }
        var anonymous = new ApiClient(parley.baseUrl()).get("/api/members/ada");
        assertThat(anonymous.status()).isEqualTo(429);
        assertThat(anonymous.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void the_invitation_tree_which_names_everyone_costs_many_reads() {
        var ada = start(Map.of("PARLEY_MEMBER_READS_PER_SESSION", String.valueOf(ReadLimitsHttp.TREE_COST * 2)));
        assertThat(ada.get("/api/invite-tree").status()).isEqualTo(200);
        assertThat(ada.get("/api/invite-tree").status()).isEqualTo(200);
        assertThat(ada.get("/api/invite-tree").status()).isEqualTo(429);
        assertThat(ada.get("/api/members/ada").status()).isEqualTo(429);
    }

    @Test
    void no_endpoint_lists_members_to_the_signed_out_and_only_the_tree_lists_them_all() {
        var ada = start(Map.of());
        var stranger = new ApiClient(parley.baseUrl());
        for (String path : new String[] {"/api/invite-tree", "/api/members/ada", "/api/members/ada/followers",
            "/api/members/ada/following", "/api/hallway", "/api/notifications"}) {
            assertThat(stranger.get(path).status()).as(path).isEqualTo(401);
        }
        // There is no members index to walk.
        assertThat(ada.get("/api/members").status()).isEqualTo(404);
        assertThat(ada.get("/api/members/").status()).isEqualTo(404);
    }
}
