package org.parley.media.srtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.media.Fuzz;

/** Whatever arrives on the socket, the session answers with a status and never throws. */
@Timeout(30)
class SrtpPropertiesTest {

    private static final SrtpSession GCM = SrtpSessionTest.pair(SrtpProfile.AEAD_AES_128_GCM, SrtpConfig.DEFAULTS)[0];
    private static final SrtpSession CM =
            SrtpSessionTest.pair(SrtpProfile.AES_CM_128_HMAC_SHA1_80, SrtpConfig.DEFAULTS)[0];

    @Test
    void random_datagrams_are_never_accepted_and_never_throw() {
        Fuzz.run(5_000, f -> {
            byte[] bytes = f.bytes(300);
            int room = f.intBetween(0, 40);
            for (SrtpSession s : List.of(GCM, CM)) {
                assertThat(s.unprotectRtp(SrtpSessionTest.buffer(bytes, room))).isNotEqualTo(SrtpStatus.OK);
                assertThat(s.unprotectRtcp(SrtpSessionTest.buffer(bytes, room))).isNotEqualTo(SrtpStatus.OK);
                // Protecting garbage that happens to parse is fine; it just must not throw.
                s.protectRtp(SrtpSessionTest.buffer(bytes, room));
                s.protectRtcp(SrtpSessionTest.buffer(bytes, room));
            }
        });
    }

    @Test
    void mutated_protected_packets_are_never_accepted() {
        Fuzz.run(5_000, f -> {
            SrtpSession[] p = SrtpSessionTest.pair(SrtpProfile.AEAD_AES_128_GCM, SrtpConfig.DEFAULTS);
            byte[] good = SrtpSessionTest.protect(p[1], SrtpSessionTest.opusPacket(f.intBetween(1, 60000), 9, 60));
            byte[] bad = f.mutate(good);
            while (Arrays.equals(bad, good)) { // e.g. a byte overwritten with its own value
                bad = f.mutate(good);
            }

            assertThat(p[0].unprotectRtp(SrtpSessionTest.buffer(bad, 0))).isNotEqualTo(SrtpStatus.OK);
            assertThat(p[0].unprotectRtp(SrtpSessionTest.buffer(good, 0))).isEqualTo(SrtpStatus.OK);
        });
    }
}
