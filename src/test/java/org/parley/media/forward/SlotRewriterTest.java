package org.parley.media.forward;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.media.forward.TestPackets.FRAME_NANOS;
import static org.parley.media.forward.TestPackets.fixed;
import static org.parley.media.forward.TestPackets.packet;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.media.rtp.RtpPacket;

@Timeout(10)
class SlotRewriterTest {

    static final int SLOT_SSRC = 0x5107_0001;
    static final long A = 11;
    static final long B = 22;
    static final int SSRC_A = 0xaaaa_0001;
    static final int SSRC_B = 0xbbbb_0002;

    final DropCounters counters = new DropCounters();
    final SlotRewriter rewriter = new SlotRewriter(new int[] {SLOT_SSRC, SLOT_SSRC + 1}, new SplittableRandom(7), counters);
    final List<RtpPacket> sent = new ArrayList<>();
    long now = 5_000_000_000L;

    /** Rewrites one source packet into slot 0 at the current time; remembers it if forwarded. */
    boolean send(long member, int ssrc, int seq, long ts) {
        RtpPacket p = packet(seq, ts, ssrc);
        boolean ok = rewriter.rewrite(p, 0, member, now);
        if (ok) {
            sent.add(p);
        }
        return ok;
    }

    /** {@code n} in-order 20 ms packets from one source, advancing the clock. */
    void talk(long member, int ssrc, int firstSeq, long firstTs, int n) {
        for (int i = 0; i < n; i++) {
            assertThat(send(member, ssrc, (firstSeq + i) & 0xffff, (firstTs + 960L * i) & 0xffff_ffffL)).isTrue();
            now += FRAME_NANOS;
        }
    }

    RtpPacket out(int i) {
        return sent.get(i);
    }

    static long tsDelta(RtpPacket later, RtpPacket earlier) {
        return (int) (later.timestamp() - earlier.timestamp()); // RFC 3550: compare modulo 2^32
    }

    @Test
    void every_slot_starts_below_2_to_the_15_so_a_listener_keyed_a_moment_late_never_meets_a_wrapped_stream() {
        SplittableRandom seeds = new SplittableRandom(1);
        for (int n = 0; n < 20_000; n++) {
            SlotRewriter fresh = new SlotRewriter(new int[] {1, 2, 3}, seeds.split(), new DropCounters());
            for (int slot = 0; slot < 3; slot++) {
                RtpPacket p = packet(777, 0, SSRC_A);
                assertThat(fresh.rewrite(p, slot, A, now)).isTrue();
                // Even 30,000 packets later (10 minutes) the stream has not wrapped: SRTP's rollover counter is 0.
                assertThat(p.sequenceNumber()).isLessThan(SlotRewriter.INITIAL_SEQ_BOUND).isLessThan(65_536 - 30_000);
            }
        }
    }

    @Test
    void a_speaker_switch_continues_the_sequence_without_gap_or_repeat_and_marks_the_first_packet() {
        talk(A, SSRC_A, 1000, 5000, 10);
        talk(B, SSRC_B, 40000, 0x7000_0000L, 10);

        for (int i = 1; i < sent.size(); i++) {
            assertThat(out(i).sequenceNumber()).isEqualTo((out(i - 1).sequenceNumber() + 1) & 0xffff);
            assertThat(tsDelta(out(i), out(i - 1))).isPositive();
            assertThat(out(i).ssrc()).isEqualTo(SLOT_SSRC);
            assertThat(out(i).marker()).isEqualTo(i == 10);
        }
        assertThat(out(0).marker()).as("the slot's first packet starts a talkspurt too").isTrue();
        assertThat(tsDelta(out(10), out(9))).as("20 ms of wall clock at 48 kHz").isEqualTo(960);
    }

    @Test
    void the_timestamp_advances_by_the_wall_clock_gap_between_speakers() {
        talk(A, SSRC_A, 1000, 5000, 5);
        now += 1_000_000_000L - FRAME_NANOS; // B starts 1 s after A's last packet

        talk(B, SSRC_B, 7, 123, 1);

        assertThat(tsDelta(out(5), out(4))).isEqualTo(48_000);
        assertThat(out(5).sequenceNumber()).isEqualTo((out(4).sequenceNumber() + 1) & 0xffff);
    }

    @Test
    void the_timestamp_advances_by_at_least_one_frame_when_speakers_switch_at_once() {
        talk(A, SSRC_A, 1000, 5000, 3);
        now -= FRAME_NANOS; // same instant as A's last packet

        talk(B, SSRC_B, 7, 123, 1);

        assertThat(tsDelta(out(3), out(2))).isEqualTo(960);
    }

    @Test
    void loss_and_reordering_from_one_speaker_map_through() {
        int[] seqs = {10, 11, 13, 12, 16, 14, 15};
        for (int s : seqs) {
            assertThat(send(A, SSRC_A, s, 960L * s)).isTrue();
            now += FRAME_NANOS;
        }

        int base = out(0).sequenceNumber();
        long baseTs = out(0).timestamp();
        for (int i = 0; i < seqs.length; i++) {
            assertThat(out(i).sequenceNumber()).isEqualTo((base + seqs[i] - 10) & 0xffff);
            assertThat(tsDelta(out(i), out(0))).isEqualTo(960L * (seqs[i] - 10));
            assertThat(out(i).marker()).isEqualTo(i == 0);
        }
        assertThat(baseTs).isBetween(0L, 0xffff_ffffL);
    }

    @Test
    void late_packets_from_before_the_switch_point_are_dropped_and_counted() {
        talk(A, SSRC_A, 1000, 5000, 5);
        talk(B, SSRC_B, 100, 9600, 2);

        assertThat(send(B, SSRC_B, 99, 9600 - 960)).isFalse();
        assertThat(send(B, SSRC_B, 102, 9600 + 2 * 960)).isTrue();

        assertThat(counters.count(ForwardDropReason.STALE_AFTER_SWITCH)).isEqualTo(1);
        assertThat(out(7).sequenceNumber()).isEqualTo((out(6).sequenceNumber() + 1) & 0xffff);
    }

    @Test
    void a_dropped_packet_is_left_unchanged() {
        talk(A, SSRC_A, 1000, 5000, 2);
        RtpPacket late = packet(999, 4040, SSRC_A);

        assertThat(rewriter.rewrite(late, 0, A, now)).isFalse();

        assertThat(late.sequenceNumber()).isEqualTo(999);
        assertThat(late.ssrc()).isEqualTo(SSRC_A);
    }

    @Test
    void source_and_slot_sequence_numbers_and_timestamps_wrap_around() {
        // The slot itself starts two packets and one frame before its own wrap.
        SlotRewriter wrapping = new SlotRewriter(new int[] {SLOT_SSRC}, fixed(65534, -960), counters);
        int[] seqs = {65534, 0, 65535, 1, 2}; // the source wraps too, with reordering across the wrap
        long[] ts = {0xffff_fc40L, 0x3c0L, 0L, 0x780L, 0xb40L};
        List<RtpPacket> outs = new ArrayList<>();
        for (int i = 0; i < seqs.length; i++) {
            RtpPacket p = packet(seqs[i], ts[i], SSRC_A);
            assertThat(wrapping.rewrite(p, 0, A, now)).isTrue();
            outs.add(p);
            now += FRAME_NANOS;
        }

        assertThat(outs).extracting(RtpPacket::sequenceNumber).containsExactly(65534, 0, 65535, 1, 2);
        assertThat(outs).extracting(RtpPacket::timestamp)
                .containsExactly(0xffff_fc40L, 0x3c0L, 0L, 0x780L, 0xb40L);

        // Then a switch continues past the wrap: 3, and one frame after 0xb40.
        RtpPacket b = packet(500, 77, SSRC_B);
        assertThat(wrapping.rewrite(b, 0, B, now - FRAME_NANOS)).isTrue();
        assertThat(b.sequenceNumber()).isEqualTo(3);
        assertThat(b.timestamp()).isEqualTo(0xb40L + 960);
    }

    @Test
    void a_big_sequence_jump_is_held_on_probation_then_taken_as_a_restart() {
        talk(A, SSRC_A, 100, 0, 3);

        assertThat(send(A, SSRC_A, 30_000, 500_000)).isFalse();
        now += FRAME_NANOS;
        assertThat(send(A, SSRC_A, 30_001, 500_960)).isTrue();

        assertThat(counters.count(ForwardDropReason.SEQUENCE_JUMP)).isEqualTo(1);
        assertThat(out(3).sequenceNumber()).isEqualTo((out(2).sequenceNumber() + 1) & 0xffff);
        assertThat(out(3).marker()).isTrue();
    }

    @Test
    void a_new_ssrc_from_the_same_speaker_is_a_switch() {
        talk(A, SSRC_A, 100, 0, 3);
        talk(A, SSRC_A + 1, 9, 9, 2);

        assertThat(out(3).sequenceNumber()).isEqualTo((out(2).sequenceNumber() + 1) & 0xffff);
        assertThat(out(3).marker()).isTrue();
    }

    @Test
    void switching_back_and_forth_keeps_one_continuous_stream_per_slot() {
        talk(A, SSRC_A, 100, 0, 3);
        talk(B, SSRC_B, 5000, 777, 3);
        talk(A, SSRC_A, 103, 3 * 960, 3);

        for (int i = 1; i < sent.size(); i++) {
            assertThat(out(i).sequenceNumber()).isEqualTo((out(i - 1).sequenceNumber() + 1) & 0xffff);
            assertThat(tsDelta(out(i), out(i - 1))).isEqualTo(960);
        }
        assertThat(sent).extracting(RtpPacket::marker)
                .containsExactly(true, false, false, true, false, false, true, false, false);
    }

    @Test
    void slots_are_independent_and_keep_their_own_ssrc() {
        RtpPacket a = packet(1, 1, SSRC_A);
        RtpPacket b = packet(1, 1, SSRC_B);

        assertThat(rewriter.rewrite(a, 0, A, now)).isTrue();
        assertThat(rewriter.rewrite(b, 1, B, now)).isTrue();

        assertThat(a.ssrc()).isEqualTo(rewriter.ssrc(0)).isEqualTo(SLOT_SSRC);
        assertThat(b.ssrc()).isEqualTo(rewriter.ssrc(1)).isEqualTo(SLOT_SSRC + 1);
        assertThat(rewriter.slots()).isEqualTo(2);
    }

    /** Writes {@code n} silence packets into slot 0, as the fan-out does when its speaker is cut. */
    List<RtpPacket> silence(int n) {
        List<RtpPacket> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] buf = new byte[64];
            int len = rewriter.writeSilence(0, 109, buf, 0);
            assertThat(len).isEqualTo(RtpPacket.FIXED_HEADER_LENGTH + 3);
            RtpPacket p = new RtpPacket();
            assertThat(p.wrap(buf, 0, len)).isNull();
            out.add(p);
        }
        return out;
    }

    @Test
    void a_muted_speakers_slot_gets_opus_silence_right_after_its_last_packet() {
        talk(A, SSRC_A, 1000, 5000, 10);
        RtpPacket last = out(9);

        assertThat(rewriter.cut(0, A)).isTrue();
        List<RtpPacket> quiet = silence(2);

        for (int i = 0; i < quiet.size(); i++) {
            RtpPacket p = quiet.get(i);
            assertThat(p.ssrc()).isEqualTo(SLOT_SSRC);
            assertThat(p.payloadType()).isEqualTo(109);
            assertThat(p.marker()).isFalse();
            assertThat(p.sequenceNumber()).isEqualTo((last.sequenceNumber() + 1 + i) & 0xffff);
            assertThat(tsDelta(p, last)).isEqualTo(960L * (i + 1));
            // RFC 6716 §3.1: TOC 0xF8 (CELT fullband 20 ms, mono, one frame), then the silence frame.
            assertThat(java.util.Arrays.copyOfRange(p.buffer(), p.payloadOffset(), p.payloadOffset() + p.payloadLength()))
                    .containsExactly(0xF8, 0xFF, 0xFE);
        }
    }

    @Test
    void after_the_silence_the_next_speaker_continues_the_slot_with_the_marker_set() {
        talk(A, SSRC_A, 1000, 5000, 10);
        rewriter.cut(0, A);
        RtpPacket lastSilence = silence(2).get(1);
        now += 3 * FRAME_NANOS;

        talk(B, SSRC_B, 7, 123, 2);
        RtpPacket first = out(10);
        assertThat(first.sequenceNumber()).isEqualTo((lastSilence.sequenceNumber() + 1) & 0xffff);
        assertThat(first.marker()).isTrue();
        assertThat(tsDelta(first, lastSilence)).isGreaterThanOrEqualTo(960L);
        assertThat(out(11).marker()).isFalse();
    }

    @Test
    void an_unmuted_speaker_restarts_its_slot_stream_after_the_silence() {
        talk(A, SSRC_A, 1000, 5000, 10);
        rewriter.cut(0, A);
        RtpPacket lastSilence = silence(2).get(1);
        now += 50 * FRAME_NANOS;

        talk(A, SSRC_A, 1060, 5000 + 960L * 60, 1); // same source, back after a second
        RtpPacket back = out(10);
        assertThat(back.sequenceNumber()).isEqualTo((lastSilence.sequenceNumber() + 1) & 0xffff);
        assertThat(back.marker()).isTrue();
        assertThat(tsDelta(back, lastSilence)).isGreaterThanOrEqualTo(960L * 45);
    }

    @Test
    void cutting_a_member_who_does_not_feed_the_slot_sends_nothing() {
        talk(A, SSRC_A, 1000, 5000, 3);
        assertThat(rewriter.cut(0, B)).isFalse();
        assertThat(rewriter.cut(1, A)).as("slot 1 never carried A").isFalse();
        assertThat(rewriter.cut(0, A)).isTrue();
        assertThat(rewriter.cut(0, A)).as("only once").isFalse();
    }
}
