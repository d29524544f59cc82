package org.parley.media.stun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.media.stun.Rfc5769Vectors.PASSWORD;
import static org.parley.media.stun.Rfc5769Vectors.hex;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** RFC 5769 §2.1–2.3: parse, verify with the given password, and rebuild byte for byte. */
@Timeout(10)
class Rfc5769VectorsTest {

    private static final byte[] KEY = MessageIntegrity.shortTermKey(PASSWORD);
    private static final byte[] TRANSACTION_ID = hex(Rfc5769Vectors.TRANSACTION_ID);

    @Test
    void the_sample_request_parses_with_every_attribute_and_verifies_with_the_password() {
        StunMessage message = parse(Rfc5769Vectors.REQUEST);

        assertThat(message.type()).isEqualTo(StunMessageType.BINDING_REQUEST);
        assertThat(message.transactionId()).isEqualTo(TRANSACTION_ID);
        assertThat(new String(message.value(StunAttributeType.SOFTWARE))).isEqualTo("STUN test client");
        assertThat(message.priority()).hasValue(0x6e0001ffL);
        assertThat(message.iceControlled()).hasValue(0x932ff9b151263b36L);
        assertThat(message.iceControlling()).isEmpty();
        assertThat(message.username()).isEqualTo("evtj:h6vY");
        assertThat(message.hasFingerprint()).isTrue();
        assertThat(message.verifyIntegrity(KEY)).isTrue();
        assertThat(message.unknownComprehensionRequired()).isEmpty();
    }

    @Test
    void the_sample_request_does_not_verify_with_another_password() {
        assertThat(parse(Rfc5769Vectors.REQUEST).verifyIntegrity(MessageIntegrity.shortTermKey("VOkJxbRl1RmTxUk/WvJxBu"))).isFalse();
    }

    @Test
    void the_sample_request_is_rebuilt_byte_for_byte() {
        byte[] built = StunMessageBuilder.create(StunMessageType.BINDING_REQUEST, TRANSACTION_ID)
                .paddingByte((byte) 0x20)
                .software("STUN test client")
                .priority(0x6e0001ffL)
                .iceControlled(0x932ff9b151263b36L)
                .username("evtj:h6vY")
                .messageIntegrity(KEY)
                .fingerprint()
                .build();

        assertThat(built).isEqualTo(Rfc5769Vectors.REQUEST);
    }

    @Test
    void the_ipv4_response_maps_192_0_2_1_port_32853_and_is_rebuilt_byte_for_byte() throws Exception {
        StunMessage message = parse(Rfc5769Vectors.IPV4_RESPONSE);
        InetSocketAddress mapped = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853);

        assertThat(message.type()).isEqualTo(StunMessageType.BINDING_SUCCESS);
        assertThat(message.xorMappedAddress()).isEqualTo(mapped);
        assertThat(message.verifyIntegrity(KEY)).isTrue();
        assertThat(buildResponse(mapped)).isEqualTo(Rfc5769Vectors.IPV4_RESPONSE);
    }

    @Test
    void the_ipv6_response_maps_2001_db8_port_32853_and_is_rebuilt_byte_for_byte() throws Exception {
        StunMessage message = parse(Rfc5769Vectors.IPV6_RESPONSE);
        InetSocketAddress mapped = new InetSocketAddress(InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853);

        assertThat(message.xorMappedAddress()).isEqualTo(mapped);
        assertThat(message.verifyIntegrity(KEY)).isTrue();
        assertThat(buildResponse(mapped)).isEqualTo(Rfc5769Vectors.IPV6_RESPONSE);
    }

    @Test
    void one_flipped_bit_anywhere_before_the_fingerprint_is_caught_by_it() {
        for (int i = 0; i < Rfc5769Vectors.REQUEST.length - 8; i++) {
            byte[] corrupted = Rfc5769Vectors.REQUEST.clone();
            corrupted[i] ^= 0x01;
            StunParseResult result = StunParser.parse(corrupted, 0, corrupted.length);
            assertThat(result.isOk()).as("bit flipped in byte %d", i).isFalse();
        }
    }

    @Test
    void a_vector_inside_a_larger_buffer_parses_at_its_offset() {
        byte[] buf = new byte[Rfc5769Vectors.REQUEST.length + 10];
        System.arraycopy(Rfc5769Vectors.REQUEST, 0, buf, 7, Rfc5769Vectors.REQUEST.length);

        StunParseResult result = StunParser.parse(buf, 7, Rfc5769Vectors.REQUEST.length);

        assertThat(result.isOk()).isTrue();
        assertThat(result.message().verifyIntegrity(KEY)).isTrue();
    }

    private static byte[] buildResponse(InetSocketAddress mapped) {
        return StunMessageBuilder.create(StunMessageType.BINDING_SUCCESS, TRANSACTION_ID)
                .paddingByte((byte) 0x20)
                .software("test vector")
                .xorMappedAddress(mapped)
                .messageIntegrity(KEY)
                .fingerprint()
                .build();
    }

    private static StunMessage parse(byte[] datagram) {
        StunParseResult result = StunParser.parse(datagram, 0, datagram.length);
        assertThat(result.dropReason()).isNull();
        return result.message();
    }
}
