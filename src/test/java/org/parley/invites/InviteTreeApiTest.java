package org.parley.invites;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.testing.TestParley;

@Tag("db")
@Timeout(60)
class InviteTreeApiTest {

    TestParley parley;
    ApiClient founder;

    @BeforeEach
    void start() {
        parley = TestParley.start();
        founder = new ApiClient(parley.baseUrl());
        founder.signUp(parley.createAdminInviteCode(), "founder", "Ada Founder");
    }

    @AfterEach
    void stop() {
        parley.close();
    }

    @Test
    void every_member_is_listed_with_who_invited_them_inviters_first() {
        var grace = new ApiClient(parley.baseUrl());
        grace.signUp(founder.createInviteCode(), "grace", "Grace Hopper");
        var alan = new ApiClient(parley.baseUrl());
        alan.signUp(grace.createInviteCode(), "alan", "Alan Turing");
        var second = new ApiClient(parley.baseUrl());
        second.signUp(parley.createAdminInviteCode(), "barbara", "Barbara Liskov");

        var tree = alan.get("/api/invite-tree");
        assertThat(tree.status()).isEqualTo(200);
        assertThat(tree.json().get("truncated").asBoolean()).isFalse();
        List<String> lines = new ArrayList<>();
        for (JsonNode m : tree.json().get("members")) {
            lines.add(m.get("username").asText() + "<" + (m.get("invitedBy").isNull() ? "-" : m.get("invitedBy").asText()));
        }
        assertThat(lines).containsExactly("founder<-", "grace<founder", "alan<grace", "barbara<-");
        assertThat(tree.json().get("members").get(0).get("admin").asBoolean()).isTrue();
        assertThat(tree.json().get("members").get(0).get("displayName").asText()).isEqualTo("Ada Founder");
    }

    @Test
    void the_tree_is_for_members_only() {
        var stranger = new ApiClient(parley.baseUrl());
        assertThat(stranger.get("/api/invite-tree").status()).isEqualTo(401);
    }
}
