package org.parley.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.Crowd;
import org.parley.testing.WsClient;
import org.parley.web.Browsers.Viewport;

/**
 * Live rooms in two real browsers against a real server: the hallway updating by itself, the stage
 * hand-over from raised hand to speaker and back, and the client's reducer (web/rooms/state.js)
 * holding exactly what the server holds.
 */
@BrowserTestBase.FakeMicrophone
class RoomFlowBrowserTest extends BrowserTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void a_listener_raises_a_hand_is_invited_on_stage_muted_and_moved_back_while_both_browsers_follow_live() {
        try (BrowserContext contextA = Browsers.newContext(browser, Viewport.LAPTOP);
             BrowserContext contextB = Browsers.newContext(browser, Viewport.PHONE)) {
            Page ada = Browsers.openPage(contextA, scriptErrors);
            Page bea = Browsers.openPage(contextB, scriptErrors);
            foundingMemberInvitesFollower(ada, "ada", "Ada Lovelace", bea, "bea", "Bea Wilson");

            // Both start in the hallway; nothing is live yet.
            ada.navigate(parley.baseUrl() + "/");
            assertThat(ada).hasURL(parley.baseUrl() + "/hallway");
            assertThat(ada.getByTestId("nav-hallway")).hasAttribute("aria-current", "page");
            bea.navigate(parley.baseUrl() + "/");
            assertThat(bea.getByTestId("hallway-empty")).isVisible();

            // Ada starts an open room and lands on its stage as the moderator.
            String roomId = startRoom(ada, "Engines and poetry");
            Locator adaOnStage = stageMember(ada, "ada");
            assertThat(adaOnStage.getByTestId("moderator-badge")).isVisible();
            assertThat(ada.getByTestId("audience-empty")).isVisible();

            // Bea sees it appear without reloading, and walks in.
            Locator card = bea.locator("[data-testid=room-card][data-room-id='" + roomId + "']");
            assertThat(card.getByTestId("room-card-title")).hasText("Engines and poetry");
            assertThat(card).containsText("Ada Lovelace");
            card.click();
            assertThat(bea).hasURL(parley.baseUrl() + "/room/" + roomId);
            assertThat(audienceMember(bea, "bea")).isVisible();
            assertThat(audienceMember(ada, "bea")).isVisible();
            assertThat(ada.getByTestId("room-counts")).hasAttribute("data-listeners", "1");

            // Bea raises her hand; Ada sees her in the queue and invites her up.
            bea.getByTestId("hand-toggle").click();
            assertThat(bea.getByTestId("hand-toggle")).hasAttribute("data-state", "raised");
            Locator queued = ada.locator("[data-testid=queue-member][data-username=bea]");
            assertThat(queued).isVisible();
            queued.getByTestId("queue-invite").click();
            assertThat(queued.getByTestId("invited-badge")).isVisible();

            // Bea accepts and is on Ada's stage, muted.
            bea.getByTestId("invitation-accept").click();
            assertThat(bea.getByTestId("speak-invitation")).isHidden();
            Locator beaOnAdasStage = stageMember(ada, "bea");
            assertThat(beaOnAdasStage).hasAttribute("data-muted", "true");
            assertThat(beaOnAdasStage.getByTestId("muted-icon")).isVisible();
            assertThat(ada.locator("[data-testid=queue-member]")).hasCount(0);
            assertThat(bea.getByTestId("mute-toggle")).hasAttribute("data-state", "muted");

            // Bea unmutes herself.
            bea.getByTestId("mute-toggle").click();
            assertThat(bea.getByTestId("mute-toggle")).hasAttribute("data-state", "unmuted");
            assertThat(beaOnAdasStage).hasAttribute("data-muted", "false");

            // Ada mutes her, and Bea sees herself muted.
            beaOnAdasStage.locator("button").click();
            Locator menu = ada.getByTestId("participant-menu");
            assertThat(menu).isVisible();
            assertThat(menu.getByTestId("action-remove")).isVisible();
            menu.getByTestId("action-mute").click();
            assertThat(menu).hasCount(0);
            assertThat(bea.getByTestId("mute-toggle")).hasAttribute("data-state", "muted");
            assertThat(stageMember(bea, "bea")).hasAttribute("data-muted", "true");

            // Ada moves her back to the audience.
            beaOnAdasStage.locator("button").click();
            ada.getByTestId("participant-menu").getByTestId("action-moveToAudience").click();
            assertThat(audienceMember(ada, "bea")).isVisible();
            assertThat(ada.locator("[data-testid=stage-member]")).hasCount(1);
            assertThat(bea.getByTestId("hand-toggle")).hasAttribute("data-state", "down");
            assertThat(bea.getByTestId("mute-toggle")).isHidden();

            // Bea leaves; Ada's audience is empty again.
            bea.getByTestId("leave-open").click();
            bea.getByTestId("leave-confirm").click();
            assertThat(bea).hasURL(parley.baseUrl() + "/hallway");
            assertThat(ada.locator("[data-testid=audience-member]")).hasCount(0);
            assertThat(ada.getByTestId("audience-empty")).isVisible();
            assertThat(bea.locator("[data-testid=room-card][data-room-id='" + roomId + "']")).isVisible();

            // Ada ends the room; it disappears from Bea's hallway.
            ada.getByTestId("end-room").click();
            ada.getByTestId("end-confirm-yes").click();
            assertThat(ada).hasURL(parley.baseUrl() + "/hallway");
            assertThat(bea.locator("[data-testid=room-card]")).hasCount(0);
            assertThat(bea.getByTestId("hallway-empty")).isVisible();
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void the_state_each_page_built_from_deltas_equals_a_fresh_snapshot_from_the_server() throws Exception {
        try (BrowserContext contextA = Browsers.newContext(browser, Viewport.LAPTOP);
             BrowserContext contextB = Browsers.newContext(browser, Viewport.LAPTOP)) {
            Page cleo = Browsers.openPage(contextA, scriptErrors);
            Page dan = Browsers.openPage(contextB, scriptErrors);
            foundingMemberInvitesFollower(cleo, "cleo", "Cleo Park", dan, "dan", "Dan Okafor");
            cleo.navigate(parley.baseUrl() + "/hallway");
            String roomId = startRoom(cleo, "State check");
            dan.navigate(parley.baseUrl() + "/room/" + roomId);
            assertThat(audienceMember(cleo, "dan")).isVisible();

            // A run of changes touching every kind of event the two can cause.
            dan.getByTestId("hand-toggle").click();
            cleo.locator("[data-testid=queue-member][data-username=dan]").getByTestId("queue-invite").click();
            dan.getByTestId("invitation-accept").click();
            assertThat(stageMember(cleo, "dan")).isVisible();
            dan.getByTestId("mute-toggle").click();
            assertThat(stageMember(cleo, "dan")).hasAttribute("data-muted", "false");
            // The host starts the room muted, like everyone arriving on stage; unmuting is one more mute change.
            assertThat(cleo.getByTestId("mute-toggle")).hasAttribute("data-state", "muted");
            cleo.getByTestId("mute-toggle").click();
            assertThat(cleo.getByTestId("mute-toggle")).hasAttribute("data-state", "unmuted");
            cleo.getByTestId("edit-title").click();
            cleo.getByLabel("Room title").fill("State check, renamed");
            cleo.getByTestId("title-save").click();
            assertThat(dan.getByTestId("room-title")).hasText("State check, renamed");
            stageMember(cleo, "dan").locator("button").click();
            cleo.getByTestId("participant-menu").getByTestId("action-makeModerator").click();
            assertThat(stageMember(dan, "dan").getByTestId("moderator-badge")).isVisible();
            dan.getByTestId("hand-raising-toggle").uncheck(new Locator.UncheckOptions().setForce(true));
            assertThat(cleo.getByTestId("hand-raising-toggle")).not().isChecked();

            for (Page page : List.of(cleo, dan)) {
                JsonNode compared = JSON.readTree((String) page.evaluate(COMPARE_WITH_FRESH_SNAPSHOT, roomId));
                Assertions.assertThat(compared.get("client").get("version").asLong()).isGreaterThanOrEqualTo(9);
                Assertions.assertThat(compared.get("client")).as("state built from deltas").isEqualTo(compared.get("server"));
            }
            JsonNode dansView = JSON.readTree((String) dan.evaluate(COMPARE_WITH_FRESH_SNAPSHOT, roomId)).get("client");
            Assertions.assertThat(dansView.get("title").asText()).isEqualTo("State check, renamed");
            Assertions.assertThat(dansView.get("handRaisingEnabled").asBoolean()).isFalse();
            Assertions.assertThat(dansView.get("participants")).extracting(p -> p.get("role").asText())
                    .containsExactly("moderator", "moderator");

            // The room ends for both; its final state is empty on each side.
            cleo.getByTestId("end-room").click();
            cleo.getByTestId("end-confirm-yes").click();
            assertThat(cleo).hasURL(parley.baseUrl() + "/hallway");
            assertThat(dan.getByTestId("room-outcome")).hasAttribute("data-outcome", "ended_ended");
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void in_a_big_room_the_moderator_sees_the_count_a_page_of_the_audience_and_a_hand_raised_far_back() throws Exception {
        List<WsClient> crowd = new ArrayList<>();
        try (BrowserContext contextA = Browsers.newContext(browser, Viewport.LAPTOP);
             BrowserContext contextB = Browsers.newContext(browser, Viewport.PHONE)) {
            Page gus = Browsers.openPage(contextA, scriptErrors);
            Page hana = Browsers.openPage(contextB, scriptErrors);
            foundingMemberInvitesFollower(gus, "gus", "Gus Moreau", hana, "hana", "Hana Sato");
            gus.navigate(parley.baseUrl() + "/hallway");
            String roomId = startRoom(gus, "Full house");

            // 55 listeners fill the audience page (50) and more; Hana comes in after them.
            for (Crowd.Member m : Crowd.signedIn(parley, "fan", 55)) {
                WsClient ws = Crowd.connect(parley, m);
                ws.send("join", "room", roomId);
                ws.awaitType("ack");
                crowd.add(ws);
            }
            hana.navigate(parley.baseUrl() + "/room/" + roomId);
            assertThat(hana.getByTestId("room-counts")).hasAttribute("data-listeners", "56");
            assertThat(gus.getByTestId("room-counts")).hasAttribute("data-listeners", "56");
            assertThat(gus.getByTestId("room-counts")).containsText("56 listening");
            assertThat(gus.locator("[data-testid=audience-member]")).hasCount(50);
            assertThat(gus.getByTestId("audience-more")).hasAttribute("data-count", "6");
            assertThat(gus.getByTestId("audience-more")).hasText("…and 6 more people listening");
            assertThat(audienceMember(gus, "hana")).hasCount(0);
            assertThat(audienceMember(hana, "hana")).isVisible(); // she sees herself
            assertThat(hana.getByTestId("audience-more")).hasAttribute("data-count", "5");

            // Hana, far back, raises her hand: Gus sees it in his queue and her tile appears.
            assertThat(hana.getByTestId("hand-toggle")).hasAttribute("data-state", "down");
            hana.getByTestId("hand-toggle").click();
            assertThat(hana.getByTestId("hand-toggle")).hasAttribute("data-state", "raised");
            Locator queued = gus.locator("[data-testid=queue-member][data-username=hana]");
            assertThat(queued).isVisible();
            assertThat(audienceMember(gus, "hana")).isVisible();
            assertThat(gus.getByTestId("audience-more")).hasAttribute("data-count", "5");

            // Gus invites her; she declines and lowers her hand: back among the counted.
            queued.getByTestId("queue-invite").click();
            assertThat(hana.getByTestId("speak-invitation")).isVisible();
            hana.getByTestId("invitation-decline").click();
            assertThat(hana.getByTestId("speak-invitation")).isHidden();
            hana.getByTestId("hand-toggle").click();
            assertThat(hana.getByTestId("hand-toggle")).hasAttribute("data-state", "down");
            assertThat(gus.locator("[data-testid=queue-member]")).hasCount(0);
            assertThat(audienceMember(gus, "hana")).hasCount(0);
            assertThat(gus.getByTestId("audience-more")).hasAttribute("data-count", "6");

            for (Page page : List.of(gus, hana)) {
                JsonNode compared = JSON.readTree((String) page.evaluate(COMPARE_WITH_FRESH_SNAPSHOT, roomId));
                Assertions.assertThat(compared.get("client").get("listenerCount").asInt()).isEqualTo(56);
                Assertions.assertThat(compared.get("client")).as("state built from deltas").isEqualTo(compared.get("server"));
            }

            // The room ends for everyone (the hallway is shared with the other tests).
            gus.getByTestId("end-room").click();
            gus.getByTestId("end-confirm-yes").click();
            assertThat(gus).hasURL(parley.baseUrl() + "/hallway");
            assertThat(hana.getByTestId("room-outcome")).hasAttribute("data-outcome", "ended_ended");
        } finally {
            crowd.forEach(WsClient::close);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void the_client_reducer_follows_the_server_rules_for_each_event_and_refuses_a_gap() {
        Assertions.assertThat(runInPage(REDUCER_SCENARIO)).isEqualTo(
                "queue=b,c | b:speaker muted hand=0 invited=false | hands after off=0,0 | gap=VersionGap 7>9 | stale=same | batch=10 4 false | ended=0 ended");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void the_client_reducer_takes_listeners_into_view_and_out_of_it_and_keeps_the_count() {
        Assertions.assertThat(runInPage(AUDIENCE_SCENARIO)).isEqualTo(
                "held=a,b count=60 | held=a,c count=61 c.hand=3 | queue=c | audience=c | held=a,c,d count=61 | ended=0 0");
    }

    /** Runs a script of the client's modules in a page of the app (the log-in page) and returns its result. */
    private String runInPage(String script) {
        try (BrowserContext context = Browsers.newContext(browser, Viewport.PHONE)) {
            Page page = Browsers.openPage(context, scriptErrors);
            page.navigate(parley.baseUrl() + "/login");
            return (String) page.evaluate(script);
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void blocking_from_a_profile_asks_first_ends_the_follow_and_can_be_undone() {
        try (BrowserContext contextA = Browsers.newContext(browser, Viewport.PHONE);
             BrowserContext contextB = Browsers.newContext(browser, Viewport.PHONE)) {
            Page eva = Browsers.openPage(contextA, scriptErrors);
            Page finn = Browsers.openPage(contextB, scriptErrors);
            foundingMemberInvitesFollower(eva, "eva", "Eva Lind", finn, "finn", "Finn Berg");

            eva.navigate(parley.baseUrl() + "/u/finn");
            assertThat(eva.getByTestId("follows-you")).isVisible();
            eva.getByTestId("block-button").click();
            eva.getByTestId("block-confirm-no").click();
            assertThat(eva.getByTestId("block-button")).hasAttribute("data-state", "not-blocked");

            eva.getByTestId("block-button").click();
            assertThat(eva.getByTestId("block-confirm")).containsText("Block @finn?");
            eva.getByTestId("block-confirm-yes").click();
            assertThat(eva.getByTestId("block-button")).hasAttribute("data-state", "blocked");
            assertThat(eva.getByTestId("blocked-note")).isVisible();
            assertThat(eva.getByTestId("follow-button")).hasCount(0);
            assertThat(eva.getByTestId("follows-you")).hasCount(0);

            eva.getByTestId("block-button").click();
            eva.getByTestId("block-confirm-yes").click();
            assertThat(eva.getByTestId("block-button")).hasAttribute("data-state", "not-blocked");
            assertThat(eva.getByTestId("follow-button")).hasAttribute("data-state", "not-following");
        }
    }

    /**
     * In the page: a second WebSocket of the same member joins the room and receives a snapshot
     * (joining again changes nothing); then the page's own state, once it has reached that version,
     * is returned next to it.
     */
    private static final String COMPARE_WITH_FRESH_SNAPSHOT = """
            async (roomId) => {
              const { toPlain } = await import('/rooms/state.js');
              const snapshot = await new Promise((resolve, reject) => {
                const ws = new WebSocket(`ws://${location.host}/ws`);
                const timer = setTimeout(() => reject(new Error('no snapshot')), 8000);
                ws.onmessage = (event) => {
                  const msg = JSON.parse(event.data);
                  if (msg.type === 'hello') ws.send(JSON.stringify({ type: 'join', room: roomId, id: 'check' }));
                  if (msg.type === 'snapshot') { clearTimeout(timer); ws.close(); resolve(msg.room); }
                };
              });
              const deadline = Date.now() + 8000;
              while ((window.__parleyRoomState?.version ?? -1) < snapshot.version && Date.now() < deadline) {
                await new Promise((r) => setTimeout(r, 50));
              }
              const client = toPlain(window.__parleyRoomState);
              delete client.endReason;
              // Participants are keyed by member id on both sides; toPlain lists them by id.
              const server = { ...snapshot, participants: [...snapshot.participants].sort((a, b) => a.memberId - b.memberId) };
              return JSON.stringify({ client, server });
            }""";

    /** Pure reducer cases, the same ones RoomState#apply is specified by. */
    private static final String REDUCER_SCENARIO = """
            async () => {
              const { applySnapshot, applyDelta, handQueue } = await import('/rooms/state.js');
              const p = (id, name, role) => ({ memberId: id, username: name, displayName: name, role, muted: role !== 'listener',
                handOrder: 0, invitedToSpeak: false, away: false, joinedAt: '2026-01-01T00:00:00Z' });
              let s = applySnapshot({ id: 'r', title: 'T', type: 'open', creatorId: 1, createdAt: '2026-01-01T00:00:00Z',
                handRaisingEnabled: true, ended: false, version: 5, participants: [p(1, 'a', 'moderator'), p(2, 'b', 'listener'), p(3, 'c', 'listener')], allowed: [] });
              s = applyDelta(s, { room: 'r', version: 6, events: [{ type: 'handChanged', memberId: 3, order: 2 }, { type: 'handChanged', memberId: 2, order: 1 },
                { type: 'speakInvitation', memberId: 2, pending: true }] });
              const out = ['queue=' + handQueue(s).map((x) => x.username).join(',')];
              s = applyDelta(s, { room: 'r', version: 7, events: [{ type: 'roleChanged', memberId: 2, role: 'speaker', muted: true }] });
              const b = s.participants.get(2);
              out.push(`b:${b.role} ${b.muted ? 'muted' : 'live'} hand=${b.handOrder} invited=${b.invitedToSpeak}`);
              const off = applyDelta(s, { room: 'r', version: 8, events: [{ type: 'handChanged', memberId: 3, order: 3 },
                { type: 'settingsChanged', title: 'T', handRaisingEnabled: false }] });
              out.push('hands after off=' + [...off.participants.values()].filter((x) => x.role === 'listener' || x.memberId === 2).map((x) => x.handOrder).join(','));
              try { applyDelta(s, { room: 'r', version: 9, events: [] }); out.push('gap=none'); }
              catch (e) { out.push(`gap=${e.name} ${e.have}>${e.got}`); }
              out.push('stale=' + (applyDelta(s, { room: 'r', version: 7, events: [] }) === s ? 'same' : 'changed'));
              const batch = applyDelta(s, { room: 'r', from: 8, version: 10, events: [{ type: 'handChanged', memberId: 3, order: 4 },
                { type: 'muteChanged', memberId: 2, muted: false, by: 2 }] });
              out.push(`batch=${batch.version} ${batch.participants.get(3).handOrder} ${batch.participants.get(2).muted}`);
              const ended = applyDelta(s, { room: 'r', version: 8, events: [{ type: 'roomEnded', reason: 'ended' }] });
              out.push(`ended=${ended.participants.size} ${ended.endReason}`);
              return out.join(' | ');
            }""";

    /** audienceChanged: members come into view in full and leave it; the count is the room's. */
    private static final String AUDIENCE_SCENARIO = """
            async () => {
              const { applySnapshot, applyDelta, handQueue, audience, listenerCount, participants } = await import('/rooms/state.js');
              const p = (id, name, role, extra = {}) => ({ memberId: id, username: name, displayName: name, role, muted: role !== 'listener',
                handOrder: 0, invitedToSpeak: false, away: false, joinedAt: `2026-01-01T00:00:0${id}Z`, ...extra });
              const held = (s) => `held=${participants(s).map((x) => x.username).join(',')} count=${listenerCount(s)}`;
              let s = applySnapshot({ id: 'r', title: 'T', type: 'open', creatorId: 1, createdAt: '2026-01-01T00:00:00Z',
                handRaisingEnabled: true, ended: false, version: 5, listenerCount: 60, participants: [p(1, 'a', 'moderator'), p(2, 'b', 'listener')], allowed: [] });
              const out = [held(s)];
              s = applyDelta(s, { room: 'r', from: 6, version: 9, events: [{ type: 'audienceChanged', listenerCount: 61,
                shown: [p(3, 'c', 'listener', { handOrder: 3 })], hidden: [2] }] });
              out.push(`${held(s)} c.hand=${s.participants.get(3).handOrder}`);
              out.push('queue=' + handQueue(s).map((x) => x.username).join(','));
              out.push('audience=' + audience(s).map((x) => x.username).join(','));
              s = applyDelta(s, { room: 'r', version: 10, events: [{ type: 'participantJoined', participant: p(4, 'd', 'listener') },
                { type: 'participantLeft', memberId: 99, reason: 'left' }, { type: 'audienceChanged', listenerCount: 61, shown: [], hidden: [] }] });
              out.push(held(s));
              const ended = applyDelta(s, { room: 'r', version: 11, events: [{ type: 'roomEnded', reason: 'ended' }] });
              out.push(`ended=${ended.participants.size} ${listenerCount(ended)}`);
              return out.join(' | ');
            }""";

    /** Starts a room from the hallway's dialog; returns its id once its page shows. */
    private static String startRoom(Page page, String title) {
        page.getByTestId("start-room").click();
        Locator dialog = page.getByTestId("start-room-dialog");
        dialog.getByLabel("Title").fill(title);
        assertThat(dialog.getByTestId("counter-title")).hasText(title.length() + " / 120");
        dialog.getByTestId("start-room-submit").click();
        assertThat(page).hasURL(Pattern.compile("/room/[A-Za-z0-9_-]+$"));
        assertThat(page.getByTestId("room-title")).hasText(title);
        return URI.create(page.url()).getPath().substring("/room/".length());
    }

    private static Locator stageMember(Page page, String username) {
        return page.locator("[data-testid=stage-member][data-username=" + username + "]");
    }

    /**
     * A founding member (operator invitation) invites a friend, who joins and follows them back:
     * the smallest network in which a room has someone to walk in.
     */
    private static void foundingMemberInvitesFollower(Page founder, String founderName, String founderDisplay,
                                                      Page friend, String friendName, String friendDisplay) {
        founder.navigate(parley.baseUrl() + "/invite/" + parley.createAdminInviteCode());
        signUp(founder, founderName, founderDisplay);
        assertThat(founder).hasURL(parley.baseUrl() + "/u/" + founderName);
        founder.navigate(parley.baseUrl() + "/invites");
        founder.getByTestId("create-invite").click();
        String link = founder.getByTestId("invite-item").first().getByTestId("invite-link").inputValue();

        friend.navigate(parley.baseUrl() + URI.create(link).getPath());
        signUp(friend, friendName, friendDisplay);
        assertThat(friend).hasURL(parley.baseUrl() + "/u/" + friendName);
        friend.navigate(parley.baseUrl() + "/u/" + founderName);
        friend.waitForResponse(r -> r.url().endsWith("/follow") && r.status() == 204,
                () -> friend.getByTestId("follow-button").click());
    }
}
