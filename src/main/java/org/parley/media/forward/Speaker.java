package org.parley.media.forward;

/**
 * One sender's smoothed loudness, as seen by a {@link SpeakerSelector}. Loudness is {@code 127 - level}
 * with the RFC 6464 level in -dBov, so it is in dB above silence and larger is louder.
 *
 * <p>The average is exponential in time: a packet after a gap of {@code dt} moves the score toward its
 * loudness by {@code 1 - exp(-dt / tau)}, and between packets the score decays toward 0 the same way, so
 * a sender who stops sending (muted, DTX, gone) fades without needing a timer.
 *
 * <p>Threading: owned by the selector's thread.
 */
final class Speaker {

    /** RFC 6464 §3: a packet stands for one frame; WebRTC's Opus frames are 20 ms. */
    static final long FRAME_NANOS = 20_000_000L;

    final long memberId;
    private double score;
    private long updatedNanos;
    /** When the last voiced (non-silent) packet arrived; {@link Long#MIN_VALUE} if never. */
    long voicedNanos = Long.MIN_VALUE;

    Speaker(long memberId, long nowNanos) {
        this.memberId = memberId;
        this.updatedNanos = nowNanos;
    }

    /** Folds one packet's loudness (0 for silence) into the average. */
    void hear(int loudness, long nowNanos, double tauNanos) {
        // Weigh each packet by at least one frame, so simultaneous arrivals (and the first packet) count.
        long dt = Math.max(nowNanos - updatedNanos, FRAME_NANOS);
        double keep = Math.exp(-dt / tauNanos);
        score = score * keep + loudness * (1 - keep);
        updatedNanos = Math.max(updatedNanos, nowNanos);
    }

    /** The smoothed loudness decayed to {@code nowNanos}, in dB above silence. */
    double loudness(long nowNanos, double tauNanos) {
        long dt = nowNanos - updatedNanos;
        return dt <= 0 ? score : score * Math.exp(-dt / tauNanos);
    }

    /** Whether a voiced packet arrived within {@code holdNanos} before {@code nowNanos}. */
    boolean voicedWithin(long nowNanos, long holdNanos) {
        return voicedNanos != Long.MIN_VALUE && nowNanos - voicedNanos <= holdNanos;
    }
}
