package org.parley.media.forward;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.random.RandomGenerator;
import org.parley.media.rtp.RtpPacket;
import org.parley.media.rtp.RtpWriter;

/** Synthetic Opus-like RTP packets and a deterministic random source for the forwarding tests. */
final class TestPackets {

    static final long FRAME_NANOS = 20_000_000L;

    private TestPackets() {
    }

    /** A 12-byte header plus 20 bytes of payload, wrapped in a fresh view. */
    static RtpPacket packet(int seq, long ts, int ssrc) {
        return rewrap(new RtpPacket(), new byte[32], seq, ts, ssrc);
    }

    /** Writes a header into {@code buf} and re-wraps {@code view} on it, without allocating. */
    static RtpPacket rewrap(RtpPacket view, byte[] buf, int seq, long ts, int ssrc) {
        RtpWriter.writeHeader(buf, 0, false, 111, seq, ts, ssrc);
        assertThat(view.wrap(buf, 0, buf.length)).isNull();
        return view;
    }

    /** A raw RFC 6464 byte: V bit and level in -dBov. */
    static int level(int dbov) {
        return 0x80 | dbov;
    }

    static int unvoiced(int dbov) {
        return dbov;
    }

    /** Returns {@code seq} from nextInt(bound) and {@code ts} from nextInt(), so tests pick the initial values. */
    static RandomGenerator fixed(int seq, int ts) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public int nextInt() {
                return ts;
            }

            @Override
            public int nextInt(int bound) {
                return seq;
            }
        };
    }
}
