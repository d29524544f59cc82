package org.parley.media.stun;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.media.Fuzz;

/** Fuzzing the parser: nothing throws, and what the builder writes the parser reads back. */
@Timeout(30)
class StunParserPropertiesTest {

    private static final byte[][] VECTORS = {Rfc5769Vectors.REQUEST, Rfc5769Vectors.IPV4_RESPONSE, Rfc5769Vectors.IPV6_RESPONSE};
    private static final String PRINTABLE = Fuzz.charRange('!', '~');

    @Test
    void random_datagrams_never_throw() {
        Fuzz.run(10_000, f -> {
            byte[] datagram = f.bytes(600);
            int off = Math.min(f.intBetween(0, 40), datagram.length);
            StunParseResult result = StunParser.parse(datagram, off, datagram.length - off);
            assertThat(result.isOk() || result.dropReason() != null).isTrue();
            readEverything(result);
        });
    }

    @Test
    void random_bodies_behind_a_valid_header_never_throw() {
        Fuzz.run(10_000, f -> {
            byte[] body = f.bytes(400);
            boolean fixLength = f.bool();
            int length = fixLength ? body.length & ~3 : body.length;
            byte[] datagram = new byte[20 + length];
            datagram[1] = 0x01;
            datagram[2] = (byte) ((fixLength ? length : body.length) >>> 8);
            datagram[3] = (byte) (fixLength ? length : body.length);
            datagram[4] = 0x21;
            datagram[5] = 0x12;
            datagram[6] = (byte) 0xA4;
            datagram[7] = 0x42;
            System.arraycopy(body, 0, datagram, 20, length);
            f.note("datagram", datagram);
            StunParseResult result = StunParser.parse(datagram, 0, datagram.length);
            assertThat(result.isOk() || result.dropReason() != null).isTrue();
            readEverything(result);
        });
    }

    @Test
    void mutated_vectors_never_throw() {
        Fuzz.run(10_000, f -> {
            byte[] datagram = f.mutate(f.oneOf(VECTORS), VECTORS);
            StunParseResult result = StunParser.parse(datagram, 0, datagram.length);
            assertThat(result.isOk() || result.dropReason() != null).isTrue();
            readEverything(result);
        });
    }

    @Test
    void what_the_builder_writes_the_parser_reads_back() {
        Fuzz.run(2_000, f -> {
            StunMessageType type = f.oneOf(StunMessageType.BINDING_REQUEST, StunMessageType.BINDING_SUCCESS,
                    StunMessageType.BINDING_INDICATION, new StunMessageType(0x003, StunClass.REQUEST));
            byte[] transactionId = f.bytes(12, 12);
            String username = f.string(0, 100, PRINTABLE);
            long priority = f.longBetween(0, 0xFFFFFFFFL);
            long tieBreaker = f.anyLong();
            boolean useCandidate = f.bool();
            InetSocketAddress address = new InetSocketAddress(address(f.oneOf(4, 16) == 4 ? f.bytes(4, 4) : f.bytes(16, 16)),
                    f.intBetween(0, 65535));
            byte[] key = f.bytes(64);

            StunMessageBuilder builder = StunMessageBuilder.create(type, transactionId)
                    .username(username)
                    .priority(priority)
                    .iceControlling(tieBreaker)
                    .xorMappedAddress(address);
            if (useCandidate) {
                builder.useCandidate();
            }
            byte[] datagram = builder.messageIntegrity(key).fingerprint().build();
            f.note("datagram", datagram);

            StunParseResult result = StunParser.parse(datagram, 0, datagram.length);

            assertThat(result.dropReason()).isNull();
            StunMessage message = result.message();
            assertThat(message.type()).isEqualTo(type);
            assertThat(message.transactionId()).isEqualTo(transactionId);
            assertThat(message.username()).isEqualTo(username);
            assertThat(message.priority()).hasValue(priority);
            assertThat(message.iceControlling()).hasValue(tieBreaker);
            assertThat(message.useCandidate()).isEqualTo(useCandidate);
            assertThat(message.xorMappedAddress()).isEqualTo(address);
            assertThat(message.hasFingerprint()).isTrue();
            assertThat(message.verifyIntegrity(key)).isTrue();
        });
    }

    private static InetAddress address(byte[] ip) {
        try {
            return InetAddress.getByAddress(ip);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** Calls every getter a caller might, so a getter that throws on odd input fails the property. */
    private static void readEverything(StunParseResult result) {
        if (!result.isOk()) {
            return;
        }
        StunMessage m = result.message();
        m.type();
        m.transactionId();
        m.username();
        m.priority();
        m.useCandidate();
        m.iceControlling();
        m.iceControlled();
        m.xorMappedAddress();
        m.errorCode();
        m.unknownComprehensionRequired();
        m.verifyIntegrity(new byte[] {1, 2, 3});
        for (int type : m.attributeTypes()) {
            m.value(type);
        }
    }
}
