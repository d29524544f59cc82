package org.parley.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class OggOpusReaderTest {

    static byte[] tone() throws IOException {
        try (InputStream in = OggOpusReaderTest.class.getResourceAsStream(LoadTest.TONE)) {
            return in.readAllBytes();
        }
    }

    @Test
    void the_built_in_tone_is_two_seconds_of_20_ms_cbr_opus_packets() throws Exception {
        List<byte[]> packets = OggOpusReader.packets(tone());
        assertThat(packets).hasSizeBetween(100, 102); // 2 s, plus the encoder's pre-skip padding
        assertThat(packets).allSatisfy(p -> {
            assertThat(OggOpusReader.durationMicros(p)).isEqualTo(20_000);
            assertThat(p).hasSize(80); // 32 kbit/s hard CBR: 80 bytes per 20 ms
        });
    }

    @Test
    void a_page_with_a_wrong_crc_is_refused_with_a_reason() throws Exception {
        byte[] file = tone();
        file[file.length - 1] ^= 0x55;
        assertThatThrownBy(() -> OggOpusReader.packets(file)).isInstanceOf(OggOpusReader.BadOpusFile.class)
                .hasMessageContaining("CRC");
    }

    @Test
    void truncated_and_foreign_files_are_refused_with_a_reason_never_an_exception_of_another_kind() throws Exception {
        byte[] file = tone();
        assertThatThrownBy(() -> OggOpusReader.packets(Arrays.copyOf(file, file.length - 10)))
                .isInstanceOf(OggOpusReader.BadOpusFile.class).hasMessageContaining("truncated");
        assertThatThrownBy(() -> OggOpusReader.packets("RIFF....WAVEfmt ".repeat(4).getBytes()))
                .isInstanceOf(OggOpusReader.BadOpusFile.class).hasMessageContaining("not an Ogg file");
        for (int cut = 0; cut < 200; cut++) {
            byte[] prefix = Arrays.copyOf(file, cut);
            try {
                OggOpusReader.packets(prefix);
            } catch (OggOpusReader.BadOpusFile expected) {
                // every prefix is either empty-handed or refused with a reason
            }
        }
    }

    @Test
    void packet_durations_follow_the_toc_byte_of_rfc_6716() {
        assertThat(OggOpusReader.durationMicros(new byte[] {(byte) (31 << 3)})).isEqualTo(20_000); // CELT FB 20 ms
        assertThat(OggOpusReader.durationMicros(new byte[] {(byte) (1 << 3)})).isEqualTo(20_000); // SILK NB 20 ms
        assertThat(OggOpusReader.durationMicros(new byte[] {(byte) ((29 << 3) | 1)})).isEqualTo(10_000); // 2 x 5 ms
        assertThat(OggOpusReader.durationMicros(new byte[] {(byte) ((28 << 3) | 3), 8})).isEqualTo(20_000); // 8 x 2.5 ms
        assertThat(OggOpusReader.durationMicros(new byte[0])).isEqualTo(-1);
    }
}
