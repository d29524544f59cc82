package org.parley.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.media.rtp.RtpPacketTest.hex;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class AudioLevelTest {

    final RtpPacket rtp = new RtpPacket();

    @Test
    void the_rfc6464_example_reads_voice_activity_and_level() {
        // RFC 6464 §3 one-byte form: ID, len=0, V=1, level=42.
        byte[] p = hex("90 6f 0001 00000001 00000002 bede 0001 30 aa 0000 99");
        assertThat(rtp.wrap(p, 0, p.length)).isNull();

        int raw = AudioLevel.find(rtp, 3);

        assertThat(AudioLevel.voiceActivity(raw)).isTrue();
        assertThat(AudioLevel.level(raw)).isEqualTo(42);
    }

    @Test
    void silence_without_voice_activity_reads_as_127_and_no_v_bit() {
        byte[] p = hex("90 6f 0001 00000001 00000002 bede 0001 10 7f 0000 99");
        rtp.wrap(p, 0, p.length);

        int raw = AudioLevel.find(rtp, 1);

        assertThat(AudioLevel.voiceActivity(raw)).isFalse();
        assertThat(AudioLevel.level(raw)).isEqualTo(AudioLevel.SILENT);
    }

    @Test
    void the_level_is_only_read_for_the_negotiated_id() {
        rtp.wrap(RtpPacketTest.CHROME_OPUS, 0, RtpPacketTest.CHROME_OPUS.length);

        assertThat(AudioLevel.find(rtp, 1)).isEqualTo(0x8a);
        assertThat(AudioLevel.find(rtp, 2)).isEqualTo(AudioLevel.ABSENT);
    }

    @Test
    void the_level_is_readable_from_an_encrypted_view() {
        // The payload and trailing bytes stand for ciphertext and tag; the header is in the clear.
        byte[] p = hex("b0 6f 0001 00000001 00000002 bede 0001 10 85 0000 0102030405060708090a0b0c0d0e0f00");
        assertThat(rtp.wrap(p, 0, p.length)).isEqualTo(RtpDropReason.BAD_PADDING);
        assertThat(rtp.wrapEncrypted(p, 0, p.length)).isNull();

        assertThat(AudioLevel.level(AudioLevel.find(rtp, 1))).isEqualTo(5);
    }
}
