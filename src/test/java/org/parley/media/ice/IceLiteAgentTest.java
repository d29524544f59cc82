package org.parley.media.ice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.media.ice.BrowserChecks.BROWSER_PWD;
import static org.parley.media.ice.BrowserChecks.BROWSER_UFRAG;
import static org.parley.media.ice.BrowserChecks.check;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.media.stun.ErrorCode;
import org.parley.media.stun.MessageIntegrity;
import org.parley.media.stun.StunAttributeType;
import org.parley.media.stun.StunMessage;
import org.parley.media.stun.StunMessageBuilder;
import org.parley.media.stun.StunMessageType;
import org.parley.media.stun.StunParser;

@Timeout(10)
class IceLiteAgentTest {

    private static final long SECOND = 1_000_000_000L;
    private static final InetSocketAddress WIFI = new InetSocketAddress("192.0.2.10", 50000);
    private static final InetSocketAddress LTE = new InetSocketAddress("198.51.100.20", 40000);

    private final List<String> events = new ArrayList<>();
    private final IceListener listener = new IceListener() {
        @Override
        public void selectedAddressChanged(InetSocketAddress previous, InetSocketAddress current) {
            events.add("selected " + previous + " -> " + current);
        }

        @Override
        public void consentExpired() {
            events.add("expired");
        }
    };
    private IceLiteAgent agent;
    private IceCredentials local;

    @BeforeEach
    void create() {
        agent = new IceLiteAgent(new SecureRandom(), Duration.ofSeconds(10), 0, listener);
        agent.setRemoteCredentials(BROWSER_UFRAG, BROWSER_PWD);
        local = agent.localCredentials();
    }

    @Test
    void a_valid_check_is_answered_with_the_source_address_our_integrity_and_a_fingerprint() {
        byte[] request = check(local, false);

        CheckOutcome outcome = agent.receive(request, 0, request.length, WIFI, 0);

        assertThat(outcome.isValid()).isTrue();
        StunMessage response = parse(outcome.response());
        assertThat(response.type()).isEqualTo(StunMessageType.BINDING_SUCCESS);
        assertThat(response.transactionId()).isEqualTo(parse(request).transactionId());
        assertThat(response.xorMappedAddress()).isEqualTo(WIFI);
        assertThat(response.verifyIntegrity(MessageIntegrity.shortTermKey(local.pwd()))).isTrue();
        assertThat(response.hasFingerprint()).isTrue();
        assertThat(agent.peerReflexiveAddresses()).containsExactly(WIFI);
        assertThat(agent.selectedAddress()).isNull();
    }

    @Test
    void a_check_signed_with_the_wrong_password_gets_401_without_integrity() {
        byte[] request = check(local.ufrag() + ":" + BROWSER_UFRAG, "someOtherPasswordOf24chr", true);

        CheckOutcome outcome = agent.receive(request, 0, request.length, WIFI, 0);

        assertThat(outcome.dropReason()).isEqualTo(IceDropReason.BAD_INTEGRITY);
        StunMessage response = parse(outcome.response());
        assertThat(response.type()).isEqualTo(StunMessageType.BINDING_ERROR);
        assertThat(response.errorCode().code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
        assertThat(response.hasMessageIntegrity()).isFalse();
        assertThat(agent.selectedAddress()).isNull();
        assertThat(agent.peerReflexiveAddresses()).isEmpty();
    }

    @Test
    void a_check_naming_another_remote_ufrag_gets_401() {
        byte[] request = check(local.ufrag() + ":zzzz", local.pwd(), false);

        CheckOutcome outcome = agent.receive(request, 0, request.length, WIFI, 0);

        assertThat(outcome.dropReason()).isEqualTo(IceDropReason.UNKNOWN_USERNAME);
        assertThat(parse(outcome.response()).errorCode().code()).isEqualTo(401);
    }

    @Test
    void a_check_without_username_gets_400() {
        byte[] request = StunMessageBuilder.create(StunMessageType.BINDING_REQUEST, StunMessageBuilder.newTransactionId())
                .messageIntegrity(MessageIntegrity.shortTermKey(local.pwd())).fingerprint().build();

        CheckOutcome outcome = agent.receive(request, 0, request.length, WIFI, 0);

        assertThat(outcome.dropReason()).isEqualTo(IceDropReason.MISSING_CREDENTIALS);
        assertThat(parse(outcome.response()).errorCode().code()).isEqualTo(400);
    }

    @Test
    void a_check_without_fingerprint_indications_and_responses_are_dropped_without_an_answer() {
        byte[] noFingerprint = StunMessageBuilder.create(StunMessageType.BINDING_REQUEST, StunMessageBuilder.newTransactionId())
                .username(local.ufrag() + ":" + BROWSER_UFRAG).messageIntegrity(MessageIntegrity.shortTermKey(local.pwd())).build();
        byte[] indication = StunMessageBuilder.create(StunMessageType.BINDING_INDICATION, StunMessageBuilder.newTransactionId()).fingerprint().build();
        byte[] response = StunMessageBuilder.create(StunMessageType.BINDING_SUCCESS, StunMessageBuilder.newTransactionId()).fingerprint().build();

        assertThat(agent.receive(noFingerprint, 0, noFingerprint.length, WIFI, 0)).extracting(CheckOutcome::dropReason, CheckOutcome::response)
                .containsExactly(IceDropReason.MISSING_FINGERPRINT, null);
        assertThat(agent.receive(indication, 0, indication.length, WIFI, 0).dropReason()).isEqualTo(IceDropReason.INDICATION);
        assertThat(agent.receive(response, 0, response.length, WIFI, 0).dropReason()).isEqualTo(IceDropReason.UNEXPECTED_RESPONSE);
        assertThat(agent.receive(new byte[] {1, 2, 3}, 0, 3, WIFI, 0).dropReason()).isEqualTo(IceDropReason.MALFORMED_STUN);
    }

    @Test
    void use_candidate_selects_the_source_and_a_newer_nomination_moves_media_to_the_new_network() {
        receive(check(local, false), WIFI, 0);
        assertThat(agent.selectedAddress()).isNull();

        CheckOutcome first = receive(check(local, true), WIFI, 0);
        CheckOutcome again = receive(check(local, true), WIFI, SECOND);
        CheckOutcome moved = receive(check(local, true), LTE, 2 * SECOND);

        assertThat(first.selectionChanged()).isTrue();
        assertThat(again.selectionChanged()).isFalse();
        assertThat(moved.selectionChanged()).isTrue();
        assertThat(agent.selectedAddress()).isEqualTo(LTE);
        assertThat(agent.peerReflexiveAddresses()).containsExactly(WIFI, LTE);
        assertThat(events).containsExactly("selected null -> " + WIFI, "selected " + WIFI + " -> " + LTE);
    }

    @Test
    void checks_that_arrive_before_the_remote_credentials_are_answered() {
        IceLiteAgent early = new IceLiteAgent(new SecureRandom(), Duration.ofSeconds(10), 0, null);

        CheckOutcome outcome = receive(early, check(early.localCredentials(), true), WIFI, 0);

        assertThat(outcome.isValid()).isTrue();
        assertThat(early.selectedAddress()).isEqualTo(WIFI);
    }

    @Test
    void consent_expires_once_after_the_timeout_without_a_valid_check() {
        receive(check(local, true), WIFI, 0);

        assertThat(agent.checkConsent(9 * SECOND)).isFalse();
        receive(check(local, false), WIFI, 9 * SECOND); // refreshes
        assertThat(agent.checkConsent(18 * SECOND)).isFalse();
        assertThat(agent.checkConsent(19 * SECOND)).isTrue();
        assertThat(agent.checkConsent(20 * SECOND)).isTrue();

        assertThat(events).containsExactly("selected null -> " + WIFI, "expired");
        assertThat(receive(check(local, false), WIFI, 20 * SECOND).dropReason()).isEqualTo(IceDropReason.CONSENT_EXPIRED);
    }

    @Test
    void a_peer_that_never_sends_a_check_expires_too() {
        assertThat(agent.checkConsent(10 * SECOND)).isTrue();
        assertThat(events).containsExactly("expired");
    }

    @Test
    void checks_from_an_address_other_than_the_selected_one_do_not_keep_its_consent() {
        receive(check(local, true), WIFI, 0);

        receive(check(local, false), LTE, 5 * SECOND);
        receive(check(local, false), LTE, 9 * SECOND);

        assertThat(agent.checkConsent(10 * SECOND)).isTrue();
    }

    @Test
    void bad_checks_do_not_keep_consent() {
        receive(check(local, true), WIFI, 0);
        receive(check(local.ufrag() + ":" + BROWSER_UFRAG, "someOtherPasswordOf24chr", false), WIFI, 9 * SECOND);

        assertThat(agent.checkConsent(10 * SECOND)).isTrue();
    }

    @Test
    void an_ice_restart_brings_new_credentials_and_old_ones_work_until_the_new_ones_are_used() {
        receive(check(local, true), WIFI, 0);

        IceCredentials fresh = agent.restart();
        agent.setRemoteCredentials("nEwB", "newBrowserPasswordOf24ch");

        assertThat(fresh.ufrag()).isNotEqualTo(local.ufrag());
        assertThat(fresh.pwd()).isNotEqualTo(local.pwd());
        assertThat(agent.acceptedLocalUfrags()).containsExactly(fresh.ufrag(), local.ufrag());
        assertThat(receive(check(local, false), WIFI, SECOND).isValid()).isTrue();
        assertThat(agent.selectedAddress()).isEqualTo(WIFI);

        CheckOutcome restarted = receive(check(fresh.ufrag() + ":nEwB", fresh.pwd(), true), LTE, 2 * SECOND);

        assertThat(restarted.isValid()).isTrue();
        assertThat(parse(restarted.response()).verifyIntegrity(MessageIntegrity.shortTermKey(fresh.pwd()))).isTrue();
        assertThat(agent.selectedAddress()).isEqualTo(LTE);
        assertThat(agent.acceptedLocalUfrags()).containsExactly(fresh.ufrag());
        assertThat(receive(check(local, false), WIFI, 3 * SECOND).dropReason()).isEqualTo(IceDropReason.UNKNOWN_USERNAME);
    }

    @Test
    void an_unknown_comprehension_required_attribute_gets_420_naming_it() {
        byte[] request = StunMessageBuilder.create(StunMessageType.BINDING_REQUEST, StunMessageBuilder.newTransactionId())
                .username(local.ufrag() + ":" + BROWSER_UFRAG)
                .attribute(0x000C, new byte[4])
                .messageIntegrity(MessageIntegrity.shortTermKey(local.pwd()))
                .fingerprint().build();

        CheckOutcome outcome = receive(request, WIFI, 0);

        assertThat(outcome.dropReason()).isEqualTo(IceDropReason.UNKNOWN_ATTRIBUTE);
        StunMessage response = parse(outcome.response());
        assertThat(response.errorCode().code()).isEqualTo(420);
        assertThat(response.value(StunAttributeType.UNKNOWN_ATTRIBUTES)).containsExactly(0x00, 0x0C);
        assertThat(response.verifyIntegrity(MessageIntegrity.shortTermKey(local.pwd()))).isTrue();
    }

    @Test
    void a_browser_that_also_thinks_it_is_controlled_gets_487_and_the_server_stays_controlled() {
        byte[] request = StunMessageBuilder.create(StunMessageType.BINDING_REQUEST, StunMessageBuilder.newTransactionId())
                .username(local.ufrag() + ":" + BROWSER_UFRAG)
                .iceControlled(42)
                .useCandidate()
                .messageIntegrity(MessageIntegrity.shortTermKey(local.pwd()))
                .fingerprint().build();

        CheckOutcome outcome = receive(request, WIFI, 0);

        assertThat(outcome.dropReason()).isEqualTo(IceDropReason.ROLE_CONFLICT);
        assertThat(parse(outcome.response()).errorCode().code()).isEqualTo(487);
        assertThat(agent.selectedAddress()).isNull();
    }

    @Test
    void generated_credentials_are_long_enough_ice_chars_and_bad_remote_ones_are_refused() {
        for (int i = 0; i < 100; i++) {
            IceCredentials c = IceCredentials.generate(new SecureRandom());
            assertThat(c.ufrag()).matches("[A-Za-z0-9+/]{4,}");
            assertThat(c.pwd()).matches("[A-Za-z0-9+/]{22,}");
            assertThat(c.toString()).doesNotContain(c.pwd());
        }
        assertThatThrownBy(() -> agent.setRemoteCredentials("ab", BROWSER_PWD)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> agent.setRemoteCredentials("ab:cd", BROWSER_PWD)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> agent.setRemoteCredentials(BROWSER_UFRAG, "short")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void only_the_latest_eight_peer_reflexive_addresses_are_remembered() {
        for (int port = 1; port <= 10; port++) {
            receive(check(local, false), new InetSocketAddress("192.0.2.10", port), 0);
        }
        assertThat(agent.peerReflexiveAddresses()).hasSize(IceLiteAgent.MAX_PEER_REFLEXIVE)
                .first().isEqualTo(new InetSocketAddress("192.0.2.10", 3));
    }

    @Test
    void a_network_checked_again_becomes_the_newest_and_is_the_last_to_be_forgotten() {
        receive(check(local, false), WIFI, 0);
        receive(check(local, false), LTE, 0);
        receive(check(local, false), WIFI, SECOND);
        receive(check(local, false), WIFI, 2 * SECOND);

        assertThat(agent.peerReflexiveAddresses()).containsExactly(LTE, WIFI);
        for (int port = 1; port < IceLiteAgent.MAX_PEER_REFLEXIVE; port++) {
            receive(check(local, false), new InetSocketAddress("192.0.2.10", port), 3 * SECOND);
        }
        assertThat(agent.peerReflexiveAddresses()).hasSize(IceLiteAgent.MAX_PEER_REFLEXIVE)
                .first().isEqualTo(WIFI);
    }

    @Test
    void host_candidates_are_written_as_rfc_8839_sdp() {
        IceCandidate candidate = IceCandidate.host(new InetSocketAddress("203.0.113.5", 10000), 0);

        assertThat(candidate.toSdp()).isEqualTo("candidate:1 1 udp 2130706431 203.0.113.5 10000 typ host");
        assertThat(IceCandidate.host(new InetSocketAddress("2001:db8::5", 10000), 1).priority()).isLessThan(candidate.priority());
    }

    private CheckOutcome receive(byte[] datagram, InetSocketAddress source, long now) {
        return receive(agent, datagram, source, now);
    }

    private static CheckOutcome receive(IceLiteAgent agent, byte[] datagram, InetSocketAddress source, long now) {
        return agent.receive(datagram, 0, datagram.length, source, now);
    }

    private static StunMessage parse(byte[] datagram) {
        assertThat(datagram).isNotNull();
        return StunParser.parse(datagram, 0, datagram.length).message();
    }
}
