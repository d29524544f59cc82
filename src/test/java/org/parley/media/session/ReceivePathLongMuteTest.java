package org.parley.media.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.media.rtp.AudioLevel;
import org.parley.media.rtp.RtpPacket;
import org.parley.media.rtp.RtpWriter;
import org.parley.media.srtp.SrtpBuffer;
import org.parley.media.srtp.SrtpConfig;
import org.parley.media.srtp.SrtpProfile;
import org.parley.media.srtp.SrtpRole;
import org.parley.media.srtp.SrtpSession;
import org.parley.media.srtp.SrtpStatus;

/**
 * Dropping muted packets before decryption (from their clear header) must not lose SRTP's rollover counter:
 * RFC 3711 §3.3.1 guesses it from the distance to the last decrypted sequence number, which breaks once a
 * mute outlasts 2^15 packets (~11 min at 50 packets/s) unless some are still decrypted.
 */
@Timeout(60)
class ReceivePathLongMuteTest {

    /** More than a whole sequence-number cycle: 23 minutes of a muted speaker at 50 packets/s. */
    static final int MUTED_PACKETS = 70_000;

    /** A browser's sending side and the SFU's receive path for one leg, with a mute switch in the handler. */
    static final class Leg implements PeerHandler {
        final SrtpSession browser;
        final PeerCounters counters = new PeerCounters();
        final ReceivePath receive;
        boolean muted;
        /** Sequence numbers the handler got decrypted, and how many of them arrived while muted. */
        final List<Integer> delivered = new ArrayList<>();
        int deliveredWhileMuted;
        int refusedByHeader;
        int seq;

        Leg(SrtpProfile profile, int decryptEverySeq) {
            byte[] material = new byte[2 * (profile.keyLength() + profile.saltLength())];
            new Random(7).nextBytes(material);
            SrtpSession sfu = SrtpSession.fromKeyingMaterial(profile, material, SrtpRole.SERVER, SrtpConfig.DEFAULTS);
            browser = SrtpSession.fromKeyingMaterial(profile, material, SrtpRole.CLIENT, SrtpConfig.DEFAULTS);
            receive = new ReceivePath("test", counters, this, new RtcpReporter(1, "test", RtcpReporter.NanoClock.SYSTEM),
                    decryptEverySeq);
            receive.keyed(sfu);
        }

        @Override
        public boolean admitEncrypted(RtpPacket header) {
            // The clear header is readable before decryption: the audio level (id 1) is there.
            assertThat(AudioLevel.find(header, 1)).isNotEqualTo(AudioLevel.ABSENT);
            if (muted) {
                refusedByHeader++;
            }
            return !muted;
        }

        @Override
        public void onRtp(RtpPacket packet) {
            delivered.add(packet.sequenceNumber());
            if (muted) {
                deliveredWhileMuted++;
            }
        }

        @Override
        public void onClosed(CloseReason reason) {
        }

        /** The browser protects and sends its next packet (16-bit sequence numbers wrap; SRTP's ROC counts). */
        void send() {
            byte[] buf = new byte[200];
            int s = seq++ & 0xffff;
            int n = RtpWriter.writeHeader(buf, 0, false, 111, s, 960L * s, 0x1234);
            n += RtpWriter.writeOneByteExtensions(buf, 0, n, new int[] {1}, new byte[][] {{(byte) (0x80 | 30)}});
            n += 60;
            SrtpBuffer packet = new SrtpBuffer(buf, 0, n);
            assertThat(browser.protectRtp(packet)).isEqualTo(SrtpStatus.OK);
            receive.receive(packet.array(), packet.offset(), packet.length());
        }
    }

    /** 10 packets, {@link #MUTED_PACKETS} while muted, then 10 more: only those are left in {@code delivered}. */
    static void talkMuteTalk(Leg leg) {
        for (int i = 0; i < 10; i++) {
            leg.send();
        }
        leg.muted = true;
        for (int i = 0; i < MUTED_PACKETS; i++) {
            leg.send();
        }
        leg.muted = false;
        leg.delivered.clear();
        for (int i = 0; i < 10; i++) {
            leg.send();
        }
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void a_speaker_muted_longer_than_a_sequence_number_wrap_is_heard_again_after_unmuting(SrtpProfile profile) {
        Leg leg = new Leg(profile, ReceivePath.DECRYPT_EVERY_SEQ);
        talkMuteTalk(leg);

        int firstAfter = (10 + MUTED_PACKETS) & 0xffff;
        assertThat(leg.delivered).as("the packets after the unmute decrypt")
                .containsExactly(java.util.stream.IntStream.range(firstAfter, firstAfter + 10).boxed().toArray(Integer[]::new));
        assertThat(leg.counters.dropped(PeerDropReason.AUTH_FAILED)).isZero();
        // Almost every muted packet was dropped undecrypted and counted; one in ~1,024 was decrypted to keep
        // the rollover counter in step (and then dropped by the handler like any muted packet).
        assertThat(leg.deliveredWhileMuted).isBetween(MUTED_PACKETS / ReceivePath.DECRYPT_EVERY_SEQ - 2,
                MUTED_PACKETS / ReceivePath.DECRYPT_EVERY_SEQ + 2);
        assertThat(leg.counters.rtpUndecrypted()).isEqualTo(MUTED_PACKETS - leg.deliveredWhileMuted)
                .isEqualTo(leg.refusedByHeader);
        assertThat(leg.counters.rtpReceived()).isEqualTo(10 + leg.deliveredWhileMuted + 10);
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void without_decrypting_some_muted_packets_the_rollover_counter_would_be_lost(SrtpProfile profile) {
        Leg leg = new Leg(profile, 1 << 16); // never due: skip every muted packet
        talkMuteTalk(leg);

        assertThat(leg.deliveredWhileMuted).isZero();
        assertThat(leg.delivered).as("the ROC guess is one cycle off").isEmpty();
        assertThat(leg.counters.dropped(PeerDropReason.AUTH_FAILED)).isEqualTo(10);
    }
}
