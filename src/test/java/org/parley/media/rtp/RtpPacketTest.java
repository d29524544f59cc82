package org.parley.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RtpPacketTest {

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replace(" ", ""));
    }

    // An Opus packet as Chrome sends it: PT 111, one-byte extensions (audio level id 1 = 0x8a: voice,
    // -10 dBov; transport-wide seq id 3 = 0x0102), 4 payload bytes.
    static final byte[] CHROME_OPUS = hex("90 6f 1234 00002710 cafebabe"
            + "bede 0002 10 8a 31 0102 000000" + "deadbeef");

    final RtpPacket rtp = new RtpPacket();

    @Test
    void a_browser_opus_packet_reads_every_header_field() {
        assertThat(rtp.wrap(CHROME_OPUS, 0, CHROME_OPUS.length)).isNull();

        assertThat(rtp.payloadType()).isEqualTo(111);
        assertThat(rtp.marker()).isFalse();
        assertThat(rtp.sequenceNumber()).isEqualTo(0x1234);
        assertThat(rtp.timestamp()).isEqualTo(10_000L);
        assertThat(rtp.ssrc()).isEqualTo(0xcafebabe);
        assertThat(rtp.csrcCount()).isZero();
        assertThat(rtp.hasExtension()).isTrue();
        assertThat(rtp.extensionProfile()).isEqualTo(0xBEDE);
        assertThat(rtp.extensionLength()).isEqualTo(8);
        assertThat(rtp.headerLength()).isEqualTo(24);
        assertThat(rtp.payloadOffset()).isEqualTo(24);
        assertThat(rtp.payloadLength()).isEqualTo(4);
        assertThat(RtpPacket.headerLength(CHROME_OPUS, 0, CHROME_OPUS.length)).isEqualTo(24);
    }

    @Test
    void a_packet_at_an_offset_in_a_larger_buffer_is_read_in_place() {
        byte[] big = new byte[CHROME_OPUS.length + 50];
        System.arraycopy(CHROME_OPUS, 0, big, 30, CHROME_OPUS.length);

        assertThat(rtp.wrap(big, 30, CHROME_OPUS.length)).isNull();

        assertThat(rtp.sequenceNumber()).isEqualTo(0x1234);
        assertThat(rtp.payloadOffset()).isEqualTo(54);
        assertThat(rtp.payloadLength()).isEqualTo(4);
    }

    @Test
    void csrcs_and_padding_are_accounted_for_in_the_payload_bounds() {
        // V=2 P=1 CC=2, M=1 PT=0; 2 CSRCs; payload 3 bytes; 5 bytes of padding (last byte = 5).
        byte[] p = hex("a2 80 0001 00000001 00000002 00000011 00000022 aabbcc 00000000 05");

        assertThat(rtp.wrap(p, 0, p.length)).isNull();

        assertThat(rtp.marker()).isTrue();
        assertThat(rtp.payloadType()).isZero();
        assertThat(rtp.csrcCount()).isEqualTo(2);
        assertThat(rtp.csrc(0)).isEqualTo(0x11);
        assertThat(rtp.csrc(1)).isEqualTo(0x22);
        assertThat(rtp.headerLength()).isEqualTo(20);
        assertThat(rtp.paddingLength()).isEqualTo(5);
        assertThat(rtp.payloadLength()).isEqualTo(3);
    }

    @Test
    void the_sfu_rewrites_sequence_timestamp_ssrc_and_payload_type_in_place() {
        byte[] p = CHROME_OPUS.clone();
        rtp.wrap(p, 0, p.length);

        rtp.setSequenceNumber(0x1_fffe); // only the low 16 bits count
        rtp.setTimestamp(0x1_2345_6789L);
        rtp.setSsrc(0x01020304);
        rtp.setPayloadType(109);
        rtp.setMarker(true);

        assertThat(rtp.wrap(p, 0, p.length)).isNull();
        assertThat(rtp.sequenceNumber()).isEqualTo(0xfffe);
        assertThat(rtp.timestamp()).isEqualTo(0x2345_6789L);
        assertThat(rtp.ssrc()).isEqualTo(0x01020304);
        assertThat(rtp.payloadType()).isEqualTo(109);
        assertThat(rtp.marker()).isTrue();
        // Extensions and payload untouched.
        assertThat(AudioLevel.find(rtp, 1)).isEqualTo(0x8a);
        assertThat(p[p.length - 1]).isEqualTo((byte) 0xef);
    }

    @Test
    void fewer_than_twelve_bytes_is_too_short() {
        assertThat(rtp.wrap(CHROME_OPUS, 0, 11)).isEqualTo(RtpDropReason.TOO_SHORT);
        assertThat(rtp.buffer()).isNull();
    }

    @Test
    void a_version_other_than_two_is_rejected() {
        byte[] p = CHROME_OPUS.clone();
        p[0] = (byte) 0x50; // V=1

        assertThat(rtp.wrap(p, 0, p.length)).isEqualTo(RtpDropReason.BAD_VERSION);
        assertThat(RtpPacket.headerLength(p, 0, p.length)).isEqualTo(-1);
    }

    @Test
    void a_csrc_count_beyond_the_packet_is_rejected() {
        byte[] p = hex("8f 00 0001 00000001 00000002 00000011");

        assertThat(rtp.wrap(p, 0, p.length)).isEqualTo(RtpDropReason.CSRC_OVERRUN);
    }

    @Test
    void an_extension_length_beyond_the_packet_is_rejected() {
        byte[] p = CHROME_OPUS.clone();
        p[15] = 9; // 9 words of extension data in a 28-byte packet

        assertThat(rtp.wrap(p, 0, p.length)).isEqualTo(RtpDropReason.EXTENSION_OVERRUN);
        assertThat(rtp.wrap(CHROME_OPUS, 0, 14)).isEqualTo(RtpDropReason.EXTENSION_OVERRUN);
    }

    @Test
    void a_zero_or_oversized_pad_count_is_rejected() {
        byte[] zero = hex("a0 00 0001 00000001 00000002 aabb 00");
        byte[] big = hex("a0 00 0001 00000001 00000002 aabb 09");

        assertThat(rtp.wrap(zero, 0, zero.length)).isEqualTo(RtpDropReason.BAD_PADDING);
        assertThat(rtp.wrap(big, 0, big.length)).isEqualTo(RtpDropReason.BAD_PADDING);
    }

    @Test
    void an_encrypted_view_ignores_the_pad_count_which_is_ciphertext() {
        byte[] p = hex("a0 00 0001 00000001 00000002 aabb 00");

        assertThat(rtp.wrapEncrypted(p, 0, p.length)).isNull();
        assertThat(rtp.encrypted()).isTrue();
        assertThat(rtp.payloadLength()).isEqualTo(3);
    }

    @Test
    void bounds_outside_the_array_are_rejected_not_thrown() {
        assertThat(rtp.wrap(null, 0, 12)).isEqualTo(RtpDropReason.BAD_BOUNDS);
        assertThat(rtp.wrap(CHROME_OPUS, -1, 12)).isEqualTo(RtpDropReason.BAD_BOUNDS);
        assertThat(rtp.wrap(CHROME_OPUS, 20, CHROME_OPUS.length)).isEqualTo(RtpDropReason.BAD_BOUNDS);
        assertThat(RtpPacket.headerLength(CHROME_OPUS, 20, CHROME_OPUS.length)).isEqualTo(-1);
    }

    @Test
    void a_written_header_parses_back_to_the_same_fields() {
        byte[] p = new byte[64];
        int h = RtpWriter.writeHeader(p, 4, true, 111, 65535, 0xffff_ffffL, -2, 7, 8);

        assertThat(h).isEqualTo(20);
        assertThat(rtp.wrap(p, 4, h + 10)).isNull();
        assertThat(rtp.marker()).isTrue();
        assertThat(rtp.payloadType()).isEqualTo(111);
        assertThat(rtp.sequenceNumber()).isEqualTo(65535);
        assertThat(rtp.timestamp()).isEqualTo(0xffff_ffffL);
        assertThat(rtp.ssrc()).isEqualTo(-2);
        assertThat(rtp.csrc(1)).isEqualTo(8);
        assertThat(rtp.payloadLength()).isEqualTo(10);
    }

    @Test
    void the_writer_refuses_what_does_not_fit_instead_of_throwing() {
        assertThat(RtpWriter.writeHeader(new byte[11], 0, false, 0, 0, 0, 0)).isEqualTo(-1);
        assertThat(RtpWriter.writeHeader(new byte[100], 0, false, 0, 0, 0, 0, new int[16])).isEqualTo(-1);
        assertThat(RtpWriter.writeOneByteExtensions(new byte[20], 0, 12, new int[] {1}, new byte[][] {{1, 2, 3, 4, 5}}))
                .isEqualTo(-1);
        assertThat(RtpWriter.writeOneByteExtensions(new byte[40], 0, 12, new int[] {15}, new byte[][] {{1}}))
                .isEqualTo(-1);
    }
}
