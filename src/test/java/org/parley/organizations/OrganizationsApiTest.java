package org.parley.organizations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.ApiClient;
import org.parley.testing.TestParley;

/** Who may create, manage, act as and verify organizations, and what acting as one does. */
@Tag("db")
@Timeout(60)
class OrganizationsApiTest {

    TestParley parley;
    /** An administrator. */
    ApiClient ada;
    /** Creates the organization: its owner. */
    ApiClient olga;
    /** Added as a delegate. */
    ApiClient dan;
    /** Another member. */
    ApiClient eve;

    @BeforeEach
    void start() {
        parley = TestParley.start();
        ada = new ApiClient(parley.baseUrl());
        ada.signUp(parley.createAdminInviteCode(), "ada", "Ada Lovelace");
        olga = member("olga", "Olga Owner");
        dan = member("dan", "Dan Delegate");
        eve = member("eve", "Eve Other");
        var created = olga.post("/api/organizations",
                Map.of("username", "energy", "displayName", "Ministry of Energy", "bio", "Press office"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(olga.put("/api/organizations/energy/delegates/dan", null).status()).isEqualTo(204);
    }

    @AfterEach
    void stop() {
        parley.close();
    }

    private ApiClient member(String username, String displayName) {
        var client = new ApiClient(parley.baseUrl());
        client.signUp(ada.createInviteCode(), username, displayName);
        return client;
    }

    @Test
    void any_member_creates_an_organization_which_starts_unverified_and_cannot_sign_in() {
        JsonNode profile = eve.get("/api/members/energy").json();
        assertThat(profile.get("organization").asBoolean()).isTrue();
        assertThat(profile.has("verified")).isFalse();
        assertThat(profile.has("delegateRole")).isFalse();
        assertThat(olga.get("/api/members/energy").json().get("delegateRole").asText()).isEqualTo("owner");
        assertThat(dan.get("/api/members/energy").json().get("delegateRole").asText()).isEqualTo("delegate");

        var login = new ApiClient(parley.baseUrl()).post("/api/session", Map.of("username", "energy", "password", "!"));
        assertThat(login.status()).isEqualTo(401);
        assertThat(eve.post("/api/organizations", Map.of("username", "ENERGY", "displayName", "Copy")).code())
                .isEqualTo("username_taken");
        assertThat(eve.post("/api/organizations", Map.of("username", "x", "displayName", "")).status()).isEqualTo(400);
    }

    @Test
    void only_owners_add_and_remove_delegates_and_the_last_owner_stays() {
        // The matrix: owner, delegate, other member, administrator.
        assertThat(dan.put("/api/organizations/energy/delegates/eve", null).code()).isEqualTo("not_owner");
        assertThat(eve.put("/api/organizations/energy/delegates/eve", null).code()).isEqualTo("not_owner");
        assertThat(ada.put("/api/organizations/energy/delegates/eve", null).code()).isEqualTo("not_owner");
        assertThat(eve.delete("/api/organizations/energy/delegates/dan").code()).isEqualTo("not_owner");
        assertThat(ada.delete("/api/organizations/energy/delegates/dan").code()).isEqualTo("not_owner");
        assertThat(eve.get("/api/organizations/energy/delegates").code()).isEqualTo("not_delegate");

        assertThat(usernames(dan.get("/api/organizations/energy/delegates").json())).containsExactly("olga", "dan");
        assertThat(olga.put("/api/organizations/energy/delegates/energy", null).code()).isEqualTo("not_a_person");
        assertThat(olga.put("/api/organizations/energy/delegates/nobody", null).status()).isEqualTo(404);
        assertThat(olga.put("/api/organizations/ada/delegates/eve", null).status()).as("a person is no organization")
                .isEqualTo(404);

        assertThat(olga.delete("/api/organizations/energy/delegates/olga").code()).isEqualTo("last_owner");
        assertThat(olga.put("/api/organizations/energy/delegates/dan", Map.of("owner", true)).status()).isEqualTo(204);
        assertThat(dan.put("/api/organizations/energy/delegates/eve", null).status()).isEqualTo(204);
        assertThat(dan.delete("/api/organizations/energy/delegates/olga").status()).isEqualTo(204);
        assertThat(eve.delete("/api/organizations/energy/delegates/eve").status()).as("a delegate steps down")
                .isEqualTo(204);
        assertThat(usernames(dan.get("/api/organizations/energy/delegates").json())).containsExactly("dan");
    }

    @Test
    void a_delegate_acting_as_the_organization_acts_in_its_name_and_every_action_is_in_the_audit() {
        assertThat(eve.put("/api/session/acting", Map.of("organization", "energy")).code()).isEqualTo("not_delegate");
        assertThat(ada.put("/api/session/acting", Map.of("organization", "energy")).code()).isEqualTo("not_delegate");
        assertThat(dan.put("/api/session/acting", Map.of("organization", "ada")).status()).isEqualTo(404);

        assertThat(dan.put("/api/session/acting", Map.of("organization", "energy")).status()).isEqualTo(200);
        JsonNode me = dan.get("/api/me").json();
        assertThat(me.get("username").asText()).isEqualTo("energy");
        assertThat(me.get("organization").asBoolean()).isTrue();
        assertThat(me.get("operatedBy").get("username").asText()).isEqualTo("dan");
        assertThat(me.get("invitesRemaining").asInt()).isZero();
        assertThat(dan.get("/api/me/organizations").json().get("acting").asText()).isEqualTo("energy");

        assertThat(dan.put("/api/members/eve/follow", null).status()).isEqualTo(204);
        assertThat(dan.patch("/api/me", Map.of("bio", "Answers from the press office")).status()).isEqualTo(200);
        assertThat(dan.post("/api/invites", null).code()).isEqualTo("invite_quota_exhausted");
        assertThat(eve.get("/api/members/eve/followers").json().toString()).contains("\"energy\"").doesNotContain("\"dan\"");
        assertThat(eve.get("/api/members/energy").json().get("bio").asText()).isEqualTo("Answers from the press office");

        assertThat(dan.delete("/api/session/acting").status()).isEqualTo(204);
        assertThat(dan.get("/api/me").json().get("username").asText()).isEqualTo("dan");
        assertThat(dan.get("/api/me").json().has("operatedBy")).isFalse();

        assertThat(dan.get("/api/organizations/energy/audit").code()).isEqualTo("not_owner");
        assertThat(eve.get("/api/organizations/energy/audit").code()).isEqualTo("not_owner");
        JsonNode audit = olga.get("/api/organizations/energy/audit").json().get("items");
        List<String> actions = new ArrayList<>();
        audit.forEach(e -> {
            actions.add(e.get("action").asText() + " " + e.get("status").asInt());
            assertThat(e.get("operator").get("username").asText()).isEqualTo("dan");
        });
        assertThat(actions).containsExactly("DELETE /api/session/acting 204", "POST /api/invites 403",
                "PATCH /api/me 200", "PUT /api/members/eve/follow 204");
    }

    @Test
    void removing_a_delegate_ends_their_acting_at_once() {
        dan.put("/api/session/acting", Map.of("organization", "energy"));
        assertThat(dan.get("/api/me").json().get("username").asText()).isEqualTo("energy");
        assertThat(olga.delete("/api/organizations/energy/delegates/dan").status()).isEqualTo(204);
        assertThat(dan.get("/api/me").json().get("username").asText()).isEqualTo("dan");
        assertThat(dan.put("/api/members/eve/follow", null).status()).isEqualTo(204);
        assertThat(eve.get("/api/members/eve/followers").json().toString()).contains("\"dan\"");
    }

    @Test
    void only_administrators_verify_and_the_label_travels_with_the_member() {
        var label = Map.of("label", "  Official account of the Ministry of Energy ");
        assertThat(olga.put("/api/members/energy/verified", label).code()).isEqualTo("not_admin");
        assertThat(dan.put("/api/members/energy/verified", label).code()).isEqualTo("not_admin");
        assertThat(eve.put("/api/members/energy/verified", label).code()).isEqualTo("not_admin");
        assertThat(ada.put("/api/members/energy/verified", Map.of("label", "x".repeat(81))).status()).isEqualTo(400);
        assertThat(ada.put("/api/members/energy/verified", Map.of("label", "\u200B")).status()).isEqualTo(400);

        var verified = ada.put("/api/members/energy/verified", label);
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        assertThat(eve.get("/api/members/energy").json().get("verified").asText())
                .isEqualTo("Official account of the Ministry of Energy");

        dan.put("/api/session/acting", Map.of("organization", "energy"));
        dan.put("/api/members/eve/follow", null);
        assertThat(dan.put("/api/members/eve/verified", label).code()).as("the organization is no administrator")
                .isEqualTo("not_admin");
        JsonNode follower = eve.get("/api/members/eve/followers").json().get("items").get(0);
        assertThat(follower.get("username").asText()).isEqualTo("energy");
        assertThat(dan.get("/api/me").json().get("verified").asText()).startsWith("Official account");

        assertThat(eve.delete("/api/members/energy/verified").code()).isEqualTo("not_admin");
        assertThat(ada.delete("/api/members/energy/verified").status()).isEqualTo(204);
        assertThat(eve.get("/api/members/energy").json().has("verified")).isFalse();
    }

    @Test
    void a_display_name_imitating_a_verified_account_is_accepted_and_flagged_to_administrators_until_dismissed() {
        ada.put("/api/members/energy/verified", Map.of("label", "Official account of the Ministry of Energy"));
        var imitator = member("mallory", "Mallory");
        assertThat(imitator.patch("/api/me", Map.of("displayName", "Mіnіstry of Еnеrgy")).status()).isEqualTo(200);
        member("trent", "ministry-of-energy");
        member("walter", "Ministry of Enemy");

        assertThat(eve.get("/api/admin/impersonation-flags").code()).isEqualTo("not_admin");
        JsonNode flags = ada.get("/api/admin/impersonation-flags").json().get("items");
        List<String> flagged = new ArrayList<>();
        flags.forEach(f -> {
            flagged.add(f.get("member").get("username").asText());
            assertThat(f.get("looksLike").get("username").asText()).isEqualTo("energy");
        });
        assertThat(flagged).containsExactly("trent", "mallory");

        assertThat(eve.delete("/api/admin/impersonation-flags/trent").code()).isEqualTo("not_admin");
        assertThat(ada.delete("/api/admin/impersonation-flags/trent").status()).isEqualTo(204);
        assertThat(ada.get("/api/admin/impersonation-flags").json().get("items")).hasSize(1);
        // The owner of the verified name editing their own organization is not an imitation.
        dan.put("/api/session/acting", Map.of("organization", "energy"));
        assertThat(dan.patch("/api/me", Map.of("displayName", "Ministry of Energy")).status()).isEqualTo(200);
        assertThat(ada.get("/api/admin/impersonation-flags").json().get("items")).hasSize(1);
    }

    private static List<String> usernames(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.get("items").forEach(d -> out.add(d.get("member").get("username").asText()));
        return out;
    }
}
