package org.parley.clubs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.testing.ApiClient;
import org.parley.testing.TestParley;

/**
 * Every club role × every club action, over the real API, against one expected table (docs/api.md
 * "Clubs"). Each action gets a fresh club where {@code fay} is the founder, {@code adam} an admin,
 * {@code leo} a leader, {@code meg} a member, {@code ben} banned and {@code nia} outside; each actor
 * acts on a target of their own, so one actor's success cannot change what the next one meets.
 */
@Tag("db")
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClubPermissionsApiTest {

    enum Actor { outsider, banned, member, leader, admin, founder }

    /** What a target of an action must be before the actors act. */
    enum Target { none, member, admin, requested, outsider, banned }

    static final String OK = "200", DONE = "204", ASKED = "202", ADMINS = "club_admins_only", LEADERS = "club_leaders_only",
            BANNED = "banned_from_club", ALREADY = "already_club_member", LOW = "club_role_too_low",
            NOT_IN = "not_club_member";

    /** One action: how an actor does it to their target, the club's policy, and the outcome per actor (outsider … founder). */
    record Row(String name, String policy, Target target, Action action, List<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    interface Action {
        ApiClient.Response run(ApiClient actor, String club, String target);
    }

    static Row row(String name, String policy, Target target, Action action, String... expected) {
        return new Row(name, policy, target, action, List.of(expected));
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                row("getClub", "open", Target.none, (a, c, t) -> a.get("/api/clubs/" + c), OK, OK, OK, OK, OK, OK),
                row("listClubMembers", "open", Target.none, (a, c, t) -> a.get("/api/clubs/" + c + "/members"), OK, OK, OK, OK, OK, OK),
                row("followClub", "open", Target.none, (a, c, t) -> a.put("/api/clubs/" + c + "/follow", null),
                        DONE, BANNED, DONE, DONE, DONE, DONE),
                row("joinClub (open)", "open", Target.none, (a, c, t) -> a.post("/api/clubs/" + c + "/join", null),
                        OK, BANNED, ALREADY, ALREADY, ALREADY, ALREADY),
                row("joinClub (approval)", "approval", Target.none, (a, c, t) -> a.post("/api/clubs/" + c + "/join", null),
                        ASKED, BANNED, ALREADY, ALREADY, ALREADY, ALREADY),
                row("joinClub (invitation)", "invitation", Target.none, (a, c, t) -> a.post("/api/clubs/" + c + "/join", null),
                        "club_invitation_only", BANNED, ALREADY, ALREADY, ALREADY, ALREADY),
                row("leaveClub", "open", Target.none, (a, c, t) -> a.post("/api/clubs/" + c + "/leave", null),
                        NOT_IN, NOT_IN, DONE, DONE, DONE, "founder_must_hand_over"),
                row("updateClub", "open", Target.none, (a, c, t) -> a.patch("/api/clubs/" + c, Map.of("rules", "Be brief.")),
                        ADMINS, ADMINS, ADMINS, ADMINS, OK, OK),
                row("listClubRequests", "approval", Target.none, (a, c, t) -> a.get("/api/clubs/" + c + "/requests"),
                        ADMINS, ADMINS, ADMINS, ADMINS, OK, OK),
                row("listClubBans", "open", Target.none, (a, c, t) -> a.get("/api/clubs/" + c + "/bans"),
                        ADMINS, ADMINS, ADMINS, ADMINS, OK, OK),
                row("answerClubRequest", "approval", Target.requested,
                        (a, c, t) -> a.post("/api/clubs/" + c + "/requests/" + t, Map.of("approve", true)),
                        ADMINS, ADMINS, ADMINS, ADMINS, DONE, DONE),
                row("inviteToClub", "invitation", Target.outsider, (a, c, t) -> a.put("/api/clubs/" + c + "/invitations/" + t, null),
                        ADMINS, ADMINS, ADMINS, ADMINS, DONE, DONE),
                row("setClubRole leader", "open", Target.member,
                        (a, c, t) -> a.put("/api/clubs/" + c + "/members/" + t + "/role", Map.of("role", "leader")),
                        ADMINS, ADMINS, ADMINS, ADMINS, OK, OK),
                row("setClubRole admin", "open", Target.member,
                        (a, c, t) -> a.put("/api/clubs/" + c + "/members/" + t + "/role", Map.of("role", "admin")),
                        ADMINS, ADMINS, ADMINS, ADMINS, LOW, OK),
                row("setClubRole founder (hand over)", "open", Target.member,
                        (a, c, t) -> a.put("/api/clubs/" + c + "/members/" + t + "/role", Map.of("role", "founder")),
                        ADMINS, ADMINS, ADMINS, ADMINS, LOW, OK),
                row("removeClubMember", "open", Target.member, (a, c, t) -> a.delete("/api/clubs/" + c + "/members/" + t),
                        ADMINS, ADMINS, ADMINS, ADMINS, DONE, DONE),
                row("removeClubMember (an admin)", "open", Target.admin, (a, c, t) -> a.delete("/api/clubs/" + c + "/members/" + t),
                        ADMINS, ADMINS, ADMINS, ADMINS, LOW, DONE),
                row("banClubMember", "open", Target.member, (a, c, t) -> a.put("/api/clubs/" + c + "/bans/" + t, null),
                        ADMINS, ADMINS, ADMINS, ADMINS, DONE, DONE),
                row("unbanClubMember", "open", Target.banned, (a, c, t) -> a.delete("/api/clubs/" + c + "/bans/" + t),
                        ADMINS, ADMINS, ADMINS, ADMINS, DONE, DONE),
                row("startClubRoom", "open", Target.none,
                        (a, c, t) -> a.post("/api/clubs/" + c + "/rooms", Map.of("title", "Talk", "type", "members")),
                        LEADERS, LEADERS, LEADERS, "201", "201", "201"),
                row("addClubEvent (one the actor hosts)", "open", Target.none, (a, c, t) -> {
                    String event = a.post("/api/events", Map.of("title", "Talk", "type", "open", "lengthMinutes", 60,
                            "startsAt", java.time.Instant.now().plus(java.time.Duration.ofDays(1)).toString())).json().get("id").asText();
                    return a.put("/api/clubs/" + c + "/events/" + event, null);
                }, LEADERS, LEADERS, LEADERS, DONE, DONE, DONE),
                row("createClubInviteLink", "open", Target.none, (a, c, t) -> a.post("/api/clubs/" + c + "/invite-links", null),
                        ADMINS, ADMINS, ADMINS, ADMINS, "201", "201"))
                .map(Arguments::of);
    }

    TestParley parley;
    final Map<Actor, ApiClient> actors = new LinkedHashMap<>();
    final Map<Actor, ApiClient> targets = new LinkedHashMap<>();
    ApiClient founder2;
    int clubs;

    @BeforeAll
    void start() {
        parley = TestParley.start();
        var admin = new ApiClient(parley.baseUrl());
        admin.signUp(parley.createAdminInviteCode(), "root", "Root");
        for (Actor a : Actor.values()) {
            actors.put(a, member(admin, a.name().substring(0, 3) + "_actor"));
            targets.put(a, member(admin, a.name().substring(0, 3) + "_target"));
        }
        founder2 = member(admin, "fou_second");
    }

    private ApiClient member(ApiClient admin, String username) {
        var client = new ApiClient(parley.baseUrl());
        client.signUp(admin.createInviteCode(), username, username);
        return client;
    }

    @AfterAll
    void stop() {
        parley.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void each_role_may_do_exactly_what_the_table_says(Row row) {
        String club = "matrix-" + (++clubs);
        // Founding rate limits count per member: two founders share the table's clubs.
        ApiClient founder = clubs % 2 == 0 ? actors.get(Actor.founder) : founder2;
        Map<Actor, ApiClient> cast = new LinkedHashMap<>(actors);
        cast.put(Actor.founder, founder);
        assertThat(founder.post("/api/clubs", Map.of("name", club, "slug", club, "joinPolicy", "open")).status()).isEqualTo(201);
        for (Actor a : List.of(Actor.banned, Actor.member, Actor.leader, Actor.admin)) {
            expect(cast.get(a).post("/api/clubs/" + club + "/join", null), 200);
        }
        expect(founder.put("/api/clubs/" + club + "/members/" + name(Actor.leader) + "/role", Map.of("role", "leader")), 200);
        expect(founder.put("/api/clubs/" + club + "/members/" + name(Actor.admin) + "/role", Map.of("role", "admin")), 200);
        expect(founder.put("/api/clubs/" + club + "/bans/" + name(Actor.banned), null), 204);
        for (Actor a : Actor.values()) {
            String target = a.name().substring(0, 3) + "_target";
            switch (row.target()) {
                case member, admin, banned -> expect(targets.get(a).post("/api/clubs/" + club + "/join", null), 200);
                default -> { }
            }
            switch (row.target()) {
                case admin -> expect(founder.put("/api/clubs/" + club + "/members/" + target + "/role", Map.of("role", "admin")), 200);
                case banned -> expect(founder.put("/api/clubs/" + club + "/bans/" + target, null), 204);
                default -> { }
            }
        }
        expect(founder.patch("/api/clubs/" + club, Map.of("joinPolicy", row.policy())), 200);
        if (row.target() == Target.requested) {
            for (Actor a : Actor.values()) {
                expect(targets.get(a).post("/api/clubs/" + club + "/join", null), 202);
            }
        }

        Map<Actor, String> actual = new LinkedHashMap<>();
        Map<Actor, String> expected = new LinkedHashMap<>();
        for (Actor a : Actor.values()) {
            var r = row.action().run(cast.get(a), club, a.name().substring(0, 3) + "_target");
            if (r.status() >= 400) {
                assertThat(r.contentType()).as(row + " by " + a).startsWith("application/problem+json");
            }
            actual.put(a, r.status() < 300 ? String.valueOf(r.status()) : r.code());
            expected.put(a, row.expected().get(a.ordinal()));
        }
        assertThat(actual).as(row.name()).containsExactlyEntriesOf(expected);
    }

    private static String name(Actor a) {
        return a.name().substring(0, 3) + "_actor";
    }

    private static void expect(ApiClient.Response r, int status) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
    }
}
