package org.parley.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.media.rtp.RtpPacketTest.hex;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class HeaderExtensionsTest {

    final RtpPacket rtp = new RtpPacket();

    private RtpPacket wrap(byte[] p) {
        assertThat(rtp.wrap(p, 0, p.length)).isNull();
        return rtp;
    }

    @Test
    void one_byte_elements_are_found_by_id_past_padding_bytes() {
        // id 1 (1 byte), two padding bytes, id 2 (2 bytes), id 5 (16 bytes), padding to 7 words.
        byte[] p = hex("90 6f 0001 00000001 00000002 bede 0007"
                + "10 ff" + "00 00" + "21 aabb" + "5f 0102030405060708090a0b0c0d0e0f10" + "00000000"
                + "cafe");

        wrap(p);

        assertThat(rtp.findExtension(1)).isEqualTo(17);
        assertThat(rtp.foundExtensionLength()).isEqualTo(1);
        assertThat(rtp.findExtension(2)).isEqualTo(21);
        assertThat(rtp.foundExtensionLength()).isEqualTo(2);
        assertThat(rtp.findExtension(5)).isEqualTo(24);
        assertThat(rtp.foundExtensionLength()).isEqualTo(16);
        assertThat(rtp.findExtension(3)).isEqualTo(-1);
        assertThat(rtp.payloadLength()).isEqualTo(2);
    }

    @Test
    void one_byte_id_15_stops_processing() {
        byte[] p = hex("90 6f 0001 00000001 00000002 bede 0001 f0 11 aa 00");

        wrap(p);

        assertThat(rtp.findExtension(1)).isEqualTo(-1);
    }

    @Test
    void an_element_running_past_the_extension_block_is_not_read() {
        // id 1 claims 16 bytes but only 3 remain in the block.
        byte[] p = hex("90 6f 0001 00000001 00000002 bede 0001 1f aabbcc 00000000");

        wrap(p);

        assertThat(rtp.findExtension(1)).isEqualTo(-1);
        assertThat(AudioLevel.find(rtp, 1)).isEqualTo(AudioLevel.ABSENT);
    }

    @Test
    void two_byte_elements_allow_long_values_zero_lengths_and_high_ids() {
        // profile 0x1000; id 200 len 0; pad; id 1 len 1 (audio level 0x05); id 7 len 5.
        byte[] p = hex("90 6f 0001 00000001 00000002 1000 0004"
                + "c8 00" + "00" + "01 01 05" + "07 05 0102030405" + "000000" + "ffff");

        wrap(p);

        assertThat(rtp.findExtension(200)).isEqualTo(18);
        assertThat(rtp.foundExtensionLength()).isZero();
        assertThat(rtp.findExtension(1)).isEqualTo(21);
        assertThat(rtp.findExtension(7)).isEqualTo(24);
        assertThat(rtp.foundExtensionLength()).isEqualTo(5);
        assertThat(AudioLevel.find(rtp, 1)).isEqualTo(5);
    }

    @Test
    void the_two_byte_profile_accepts_any_application_bits() {
        byte[] p = hex("90 6f 0001 00000001 00000002 100f 0001 03 01 7f 00");

        wrap(p);

        assertThat(AudioLevel.find(rtp, 3)).isEqualTo(0x7f);
    }

    @Test
    void a_non_rfc8285_profile_has_no_elements() {
        byte[] p = hex("90 6f 0001 00000001 00000002 abcd 0001 10 8a 00 00");

        wrap(p);

        assertThat(rtp.extensionProfile()).isEqualTo(0xabcd);
        assertThat(rtp.findExtension(1)).isEqualTo(-1);
    }

    @Test
    void ids_out_of_range_are_never_found() {
        wrap(RtpPacketTest.CHROME_OPUS);

        assertThat(rtp.findExtension(0)).isEqualTo(-1);
        assertThat(rtp.findExtension(15)).isEqualTo(-1);
        assertThat(rtp.findExtension(-1)).isEqualTo(-1);
    }

    @Test
    void a_packet_without_extension_has_no_elements() {
        byte[] p = hex("80 6f 0001 00000001 00000002 aabb");

        wrap(p);

        assertThat(rtp.extensionOffset()).isEqualTo(-1);
        assertThat(AudioLevel.find(rtp, 1)).isEqualTo(AudioLevel.ABSENT);
    }

    @Test
    void written_one_byte_extensions_are_found_again() {
        byte[] p = new byte[100];
        int h = RtpWriter.writeHeader(p, 0, false, 111, 1, 2, 3);
        int x = RtpWriter.writeOneByteExtensions(p, 0, h, new int[] {1, 14},
                new byte[][] {{(byte) 0x80}, {9, 8, 7}});

        assertThat(x).isEqualTo(4 + 8);
        wrap(java.util.Arrays.copyOf(p, h + x + 3));
        assertThat(rtp.hasExtension()).isTrue();
        assertThat(AudioLevel.find(rtp, 1)).isEqualTo(0x80);
        assertThat(rtp.findExtension(14)).isEqualTo(h + 4 + 2 + 1);
        assertThat(rtp.foundExtensionLength()).isEqualTo(3);
        assertThat(rtp.payloadLength()).isEqualTo(3);
    }
}
