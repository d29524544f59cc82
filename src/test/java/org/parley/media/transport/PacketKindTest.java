package org.parley.media.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class PacketKindTest {

    @Test
    void first_bytes_split_into_the_ranges_of_rfc_7983_section_7() {
        for (int b = 0; b < 256; b++) {
            PacketKind expected = b <= 3 ? PacketKind.STUN
                    : b >= 20 && b <= 63 ? PacketKind.DTLS
                    : b >= 128 && b <= 191 ? PacketKind.RTP
                    : PacketKind.UNKNOWN;
            assertThat(PacketKind.of((byte) b)).as("first byte %d", b).isEqualTo(expected);
        }
    }
}
