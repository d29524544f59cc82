package org.parley.media.stun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class StunParserTest {

    private static final byte[] TID = Rfc5769Vectors.hex("0102030405060708090a0b0c");
    private static final byte[] KEY = MessageIntegrity.shortTermKey("a-password-of-22-chars");

    @Test
    void message_types_interleave_method_and_class_bits_as_rfc_8489_section_5_draws() {
        assertThat(StunMessageType.BINDING_REQUEST.encode()).isEqualTo(0x0001);
        assertThat(StunMessageType.BINDING_INDICATION.encode()).isEqualTo(0x0011);
        assertThat(StunMessageType.BINDING_SUCCESS.encode()).isEqualTo(0x0101);
        assertThat(StunMessageType.BINDING_ERROR.encode()).isEqualTo(0x0111);
        for (int value = 0; value < 0x4000; value++) {
            assertThat(StunMessageType.decode(value).encode()).isEqualTo(value);
        }
    }

    @Test
    void each_malformed_header_is_dropped_with_its_own_reason() {
        byte[] ok = request().build();
        assertThat(reason(ok, 0, 19)).isEqualTo(StunDropReason.TOO_SHORT);
        assertThat(reason(ok, -1, 20)).isEqualTo(StunDropReason.BAD_BOUNDS);
        assertThat(reason(ok, 10, ok.length)).isEqualTo(StunDropReason.BAD_BOUNDS);
        assertThat(StunParser.parse(null, 0, 0).dropReason()).isEqualTo(StunDropReason.BAD_BOUNDS);

        byte[] topBits = ok.clone();
        topBits[0] |= (byte) 0x80;
        assertThat(reason(topBits)).isEqualTo(StunDropReason.NOT_STUN);

        byte[] cookie = ok.clone();
        cookie[4] = 0;
        assertThat(reason(cookie)).isEqualTo(StunDropReason.BAD_MAGIC_COOKIE);

        byte[] longer = Arrays.copyOf(ok, ok.length + 4);
        assertThat(reason(longer)).isEqualTo(StunDropReason.BAD_LENGTH);

        byte[] oddLength = ok.clone();
        oddLength[3] += 1;
        assertThat(reason(oddLength)).isEqualTo(StunDropReason.BAD_LENGTH);
    }

    @Test
    void an_attribute_running_past_the_end_is_truncated() {
        byte[] message = StunMessageBuilder.create(StunMessageType.BINDING_REQUEST, TID).username("abcd:efgh").build();
        message[22] = 0x00;
        message[23] = (byte) 0x40; // USERNAME claims 64 bytes
        assertThat(reason(message)).isEqualTo(StunDropReason.TRUNCATED_ATTRIBUTE);
    }

    @Test
    void known_attributes_of_the_wrong_size_are_bad() {
        assertThat(reason(request().attribute(StunAttributeType.PRIORITY, new byte[3]).build())).isEqualTo(StunDropReason.BAD_ATTRIBUTE);
        assertThat(reason(request().attribute(StunAttributeType.ICE_CONTROLLING, new byte[4]).build())).isEqualTo(StunDropReason.BAD_ATTRIBUTE);
        assertThat(reason(request().attribute(StunAttributeType.USE_CANDIDATE, new byte[1]).build())).isEqualTo(StunDropReason.BAD_ATTRIBUTE);
        assertThat(reason(request().attribute(StunAttributeType.MESSAGE_INTEGRITY, new byte[19]).build())).isEqualTo(StunDropReason.BAD_ATTRIBUTE);
        assertThat(reason(request().attribute(StunAttributeType.XOR_MAPPED_ADDRESS, new byte[] {0, 3, 0, 0, 1, 2, 3, 4}).build())).isEqualTo(StunDropReason.BAD_ATTRIBUTE);
        assertThat(reason(request().attribute(StunAttributeType.ERROR_CODE, new byte[] {0, 0, 7, 0}).build())).isEqualTo(StunDropReason.BAD_ATTRIBUTE);
        assertThat(reason(request().attribute(StunAttributeType.USERNAME, new byte[514]).build())).isEqualTo(StunDropReason.BAD_ATTRIBUTE);
    }

    @Test
    void an_attribute_after_the_fingerprint_is_refused_and_a_wrong_fingerprint_too() {
        byte[] message = request().fingerprint().build();
        byte[] extended = Arrays.copyOf(message, message.length + 4);
        extended[3] += 4;
        extended[message.length] = (byte) 0x80; // an empty SOFTWARE after FINGERPRINT
        extended[message.length + 1] = 0x22;
        assertThat(reason(extended)).isEqualTo(StunDropReason.FINGERPRINT_NOT_LAST);

        message[message.length - 1] ^= 1;
        assertThat(reason(message)).isEqualTo(StunDropReason.BAD_FINGERPRINT);
    }

    @Test
    void more_than_sixty_four_attributes_are_too_many() {
        StunMessageBuilder builder = request();
        for (int i = 0; i < 70; i++) {
            builder.software("");
        }
        assertThat(reason(builder.build())).isEqualTo(StunDropReason.TOO_MANY_ATTRIBUTES);
    }

    @Test
    void attributes_after_message_integrity_are_ignored_except_the_fingerprint() {
        byte[] message = request().username("abcd:efgh").messageIntegrity(KEY).priority(7).fingerprint().build();

        StunMessage parsed = StunParser.parse(message, 0, message.length).message();

        assertThat(parsed.priority()).isEmpty();
        assertThat(parsed.hasFingerprint()).isTrue();
        assertThat(parsed.attributeTypes()).containsExactly(StunAttributeType.USERNAME, StunAttributeType.MESSAGE_INTEGRITY, StunAttributeType.FINGERPRINT);
    }

    @Test
    void unknown_comprehension_required_attributes_are_reported_and_optional_ones_are_not() {
        byte[] message = request()
                .attribute(0x000C, new byte[4]) // TURN CHANNEL-NUMBER: required, unknown here
                .attribute(0x8055, new byte[3]) // optional, unknown
                .attribute(StunAttributeType.USE_CANDIDATE, new byte[0])
                .build();

        StunMessage parsed = StunParser.parse(message, 0, message.length).message();

        assertThat(parsed.unknownComprehensionRequired()).containsExactly(0x000C);
        assertThat(parsed.value(0x8055)).hasSize(3);
        assertThat(parsed.useCandidate()).isTrue();
    }

    @Test
    void error_codes_and_unknown_attributes_round_trip() {
        byte[] message = StunMessageBuilder.create(StunMessageType.BINDING_ERROR, TID)
                .errorCode(420, "Unknown Attribute")
                .unknownAttributes(0x000C, 0x0031)
                .fingerprint()
                .build();

        StunMessage parsed = StunParser.parse(message, 0, message.length).message();

        assertThat(parsed.errorCode()).isEqualTo(new ErrorCode(420, "Unknown Attribute"));
        assertThat(parsed.value(StunAttributeType.UNKNOWN_ATTRIBUTES)).containsExactly(0x00, 0x0C, 0x00, 0x31);
    }

    @Test
    void the_first_of_two_same_attributes_wins() {
        byte[] message = request().priority(1).priority(2).build();
        assertThat(StunParser.parse(message, 0, message.length).message().priority()).hasValue(1);
    }

    @Test
    void xor_mapped_address_round_trips_for_both_families() throws Exception {
        for (String ip : new String[] {"203.0.113.7", "2001:db8::1", "0.0.0.0", "::1"}) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(ip), 65535);
            byte[] message = StunMessageBuilder.create(StunMessageType.BINDING_SUCCESS, TID).xorMappedAddress(address).build();
            assertThat(StunParser.parse(message, 0, message.length).message().xorMappedAddress()).isEqualTo(address);
        }
    }

    @Test
    void looks_like_stun_needs_the_header_and_the_cookie() {
        byte[] message = request().build();
        assertThat(StunParser.looksLikeStun(message, 0, message.length)).isTrue();
        assertThat(StunParser.looksLikeStun(message, 0, 19)).isFalse();
        assertThat(StunParser.looksLikeStun(new byte[20], 0, 20)).isFalse();
    }

    private static StunMessageBuilder request() {
        return StunMessageBuilder.create(StunMessageType.BINDING_REQUEST, TID);
    }

    private static StunDropReason reason(byte[] datagram) {
        return reason(datagram, 0, datagram.length);
    }

    private static StunDropReason reason(byte[] datagram, int off, int len) {
        return StunParser.parse(datagram, off, len).dropReason();
    }
}
