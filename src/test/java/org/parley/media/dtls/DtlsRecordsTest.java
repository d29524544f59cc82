package org.parley.media.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.media.Fuzz;

@Timeout(30)
class DtlsRecordsTest {

    static final DtlsServer SHARED = DtlsServer.create(DtlsConfig.defaults());

    /** A ClientHello fragment header in an epoch 0 handshake record: type 22, DTLS 1.2, seq 0, 12 + 4 bytes. */
    static final byte[] CLIENT_HELLO = HexFormat.of().parseHex(
            "16" + "fefd" + "0000" + "000000000000" + "0010"
            + "01" + "000004" + "0000" + "000000" + "000004" + "fefd0000");
    static final byte[] CHANGE_CIPHER_SPEC = HexFormat.of().parseHex("14" + "fefd" + "0000" + "000000000003" + "0001" + "01");
    static final byte[] FATAL_ALERT = HexFormat.of().parseHex("15" + "fefd" + "0000" + "000000000004" + "0002" + "022a");

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] part : parts) {
            n += part.length;
        }
        byte[] all = new byte[n];
        int pos = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, pos, part.length);
            pos += part.length;
        }
        return all;
    }

    static DtlsDropReason check(byte[] datagram) {
        return DtlsRecords.check(datagram, 0, datagram.length);
    }

    @Test
    void what_a_client_sends_in_the_clear_passes() {
        assertThat(check(CLIENT_HELLO)).isNull();
        assertThat(check(concat(FATAL_ALERT))).isNull();
        assertThat(check(concat(CLIENT_HELLO, CHANGE_CIPHER_SPEC))).isNull();
    }

    @Test
    void encrypted_records_pass_for_bctls_to_authenticate() {
        byte[] two = concat(DtlsSessionTest.record(23, 1, 100, new Random(1)), DtlsSessionTest.record(21, 1, 30, new Random(2)));

        assertThat(check(two)).isNull();
    }

    @Test
    void a_record_cut_short_is_truncated() {
        assertThat(DtlsRecords.check(CLIENT_HELLO, 0, CLIENT_HELLO.length - 1)).isEqualTo(DtlsDropReason.TRUNCATED);
        assertThat(DtlsRecords.check(CLIENT_HELLO, 0, 12)).isEqualTo(DtlsDropReason.TRUNCATED);
        assertThat(DtlsRecords.check(CLIENT_HELLO, 0, 0)).isEqualTo(DtlsDropReason.TRUNCATED);
    }

    @Test
    void a_second_record_cut_short_spoils_the_datagram() {
        byte[] two = concat(CLIENT_HELLO, CHANGE_CIPHER_SPEC);

        assertThat(DtlsRecords.check(two, 0, two.length - 1)).isEqualTo(DtlsDropReason.TRUNCATED);
    }

    @Test
    void content_types_outside_dtls_1_2_are_refused() {
        Random random = new Random(4);

        assertThat(check(DtlsSessionTest.record(19, 1, 5, random))).isEqualTo(DtlsDropReason.UNKNOWN_CONTENT_TYPE);
        assertThat(check(DtlsSessionTest.record(26, 1, 5, random))).isEqualTo(DtlsDropReason.UNKNOWN_CONTENT_TYPE);
        assertThat(check(DtlsSessionTest.record(0x80, 1, 5, random))).isEqualTo(DtlsDropReason.UNKNOWN_CONTENT_TYPE);
    }

    @Test
    void clear_text_records_that_cannot_be_what_they_claim_are_garbled() {
        Random random = new Random(5);
        byte[] serverHelloInClear = CLIENT_HELLO.clone();
        serverHelloInClear[13] = 2;
        byte[] fragmentPastMessage = CLIENT_HELLO.clone();
        fragmentPastMessage[13 + 8] = 1; // fragment_offset 1 + fragment_length 4 > length 4
        byte[] notDtls = CLIENT_HELLO.clone();
        notDtls[1] = 3; // TLS 1.x
        byte[] laterEpoch = DtlsSessionTest.record(23, 2, 40, random);

        assertThat(check(DtlsSessionTest.record(23, 0, 40, random))).isEqualTo(DtlsDropReason.GARBLED);
        assertThat(check(DtlsSessionTest.record(24, 0, 40, random))).isEqualTo(DtlsDropReason.GARBLED);
        assertThat(check(DtlsSessionTest.record(20, 0, 2, random))).isEqualTo(DtlsDropReason.GARBLED);
        assertThat(check(DtlsSessionTest.record(21, 0, 3, random))).isEqualTo(DtlsDropReason.GARBLED);
        assertThat(check(serverHelloInClear)).isEqualTo(DtlsDropReason.GARBLED);
        assertThat(check(fragmentPastMessage)).isEqualTo(DtlsDropReason.GARBLED);
        assertThat(check(notDtls)).isEqualTo(DtlsDropReason.GARBLED);
        assertThat(check(laterEpoch)).isEqualTo(DtlsDropReason.GARBLED);
        assertThat(check(concat(CLIENT_HELLO, DtlsSessionTest.record(23, 0, 10, random)))).isEqualTo(DtlsDropReason.GARBLED);
    }

    @Test
    void bounds_outside_the_buffer_are_refused() {
        assertThat(DtlsRecords.check(null, 0, 0)).isEqualTo(DtlsDropReason.BAD_BOUNDS);
        assertThat(DtlsRecords.check(CLIENT_HELLO, -1, 5)).isEqualTo(DtlsDropReason.BAD_BOUNDS);
        assertThat(DtlsRecords.check(CLIENT_HELLO, 20, 10)).isEqualTo(DtlsDropReason.BAD_BOUNDS);
        assertThat(DtlsRecords.check(CLIENT_HELLO, 0, Integer.MAX_VALUE)).isEqualTo(DtlsDropReason.BAD_BOUNDS);
    }

    @Test
    void any_bytes_get_a_verdict_and_no_exception() {
        Fuzz.run(10_000, f -> {
            byte[] bytes = f.bytes(600);
            int off = f.intBetween(-2, 40);
            int len = f.intBetween(-2, 2000);
            DtlsDropReason verdict = DtlsRecords.check(bytes, off, len);
            if (off < 0 || len < 0 || off + len > bytes.length) {
                assertThat(verdict).isEqualTo(DtlsDropReason.BAD_BOUNDS);
            }
        });
    }

    @Test
    void any_bytes_behind_a_dtls_header_get_a_verdict_and_no_exception() {
        Fuzz.run(10_000, f -> {
            byte[] body = f.bytes(600);
            int type = f.intBetween(20, 25);
            int epoch = f.intBetween(0, 1);
            byte[] datagram = concat(new byte[] {(byte) type, (byte) 0xFE, (byte) 0xFD, 0, (byte) epoch, 0, 0, 0, 0, 0, 0,
                (byte) (body.length >> 8), (byte) body.length}, body);
            f.note("datagram", datagram);
            assertThat(DtlsRecords.check(datagram, 0, datagram.length)).isNotEqualTo(DtlsDropReason.BAD_BOUNDS);
        });
    }

    @Test
    void mutated_clear_text_flights_get_a_verdict_and_no_exception() {
        byte[] flight = concat(CLIENT_HELLO, CHANGE_CIPHER_SPEC);
        Fuzz.run(10_000, f -> {
            byte[] datagram = f.mutate(f.oneOf(CLIENT_HELLO, flight, FATAL_ALERT), CLIENT_HELLO, CHANGE_CIPHER_SPEC, FATAL_ALERT);
            assertThat(DtlsRecords.check(datagram, 0, datagram.length)).isNotEqualTo(DtlsDropReason.BAD_BOUNDS);
        });
    }

    @Test
    void a_session_swallows_any_bytes_without_throwing() {
        Fuzz.run(2_000, f -> {
            byte[] bytes = f.bytes(600);
            DtlsSession session = SHARED.newSession("fuzz", List.of(SHARED.fingerprint()), (b, o, l) -> { });
            session.onDatagram(bytes, 0, bytes.length);
            session.onDatagram(bytes, 1, bytes.length);
            session.onDatagram(null, 0, 1);
            session.close();
        });
    }
}
