package org.parley.media.forward;

import java.time.Duration;

/**
 * Settings of speaker selection and the speaking-ring notifications.
 *
 * @param slots               how many speakers each listener hears at once, = receive slots per listener
 *                            (default {@value #DEFAULT_SLOTS}: more than three people talking over each
 *                            other is noise, and each slot costs every listener bandwidth)
 * @param smoothing           time constant of the exponential average of loudness (default 300 ms: long
 *                            enough to ride over syllables, short enough that a new speaker wins within a
 *                            second)
 * @param hysteresisDb        how many dB louder (smoothed) a challenger must be than the quietest slot
 *                            holder to take its slot (default {@value #DEFAULT_HYSTERESIS_DB}), so a slot
 *                            does not flap between two speakers of similar loudness
 * @param silenceLevel        RFC 6464 level (-dBov) at or above which a packet is silence and not forwarded
 *                            (default {@value #DEFAULT_SILENCE_LEVEL}, the RFC's "silence")
 * @param honourVoiceActivity treat V=0 as silence (default true: RFC 6464 §4 makes {@code vad=on} the
 *                            default when the extmap does not say {@code vad=off}); turn off for clients
 *                            whose V bit is unreliable
 * @param speakingHold        a slot holder counts as speaking (and its slot as taken) until this long after
 *                            its last voiced packet (default 500 ms, a pause between words)
 * @param notifyInterval      minimum time between two speaking-set notifications (default 250 ms, ≤ 4/s)
 */
public record ForwardConfig(int slots, Duration smoothing, double hysteresisDb, int silenceLevel,
                            boolean honourVoiceActivity, Duration speakingHold, Duration notifyInterval) {

    public static final int DEFAULT_SLOTS = 3;
    public static final Duration DEFAULT_SMOOTHING = Duration.ofMillis(300);
    public static final double DEFAULT_HYSTERESIS_DB = 6;
    public static final int DEFAULT_SILENCE_LEVEL = 127;
    public static final Duration DEFAULT_SPEAKING_HOLD = Duration.ofMillis(500);
    public static final Duration DEFAULT_NOTIFY_INTERVAL = Duration.ofMillis(250);

    public ForwardConfig {
        if (slots < 1 || slots > 16) {
            throw new IllegalArgumentException("slots must be 1-16");
        }
        if (smoothing == null || smoothing.isNegative() || smoothing.isZero()) {
            throw new IllegalArgumentException("smoothing must be positive");
        }
        if (!(hysteresisDb >= 0)) {
            throw new IllegalArgumentException("hysteresisDb must be >= 0");
        }
        if (silenceLevel < 0 || silenceLevel > 127) {
            throw new IllegalArgumentException("silenceLevel must be 0-127");
        }
        if (speakingHold == null || speakingHold.isNegative()) {
            throw new IllegalArgumentException("speakingHold must be >= 0");
        }
        if (notifyInterval == null || notifyInterval.isNegative()) {
            throw new IllegalArgumentException("notifyInterval must be >= 0");
        }
    }

    public static ForwardConfig defaults() {
        return new ForwardConfig(DEFAULT_SLOTS, DEFAULT_SMOOTHING, DEFAULT_HYSTERESIS_DB, DEFAULT_SILENCE_LEVEL,
                true, DEFAULT_SPEAKING_HOLD, DEFAULT_NOTIFY_INTERVAL);
    }

    public ForwardConfig withSlots(int slots) {
        return new ForwardConfig(slots, smoothing, hysteresisDb, silenceLevel, honourVoiceActivity, speakingHold,
                notifyInterval);
    }

    public ForwardConfig withSilenceLevel(int silenceLevel) {
        return new ForwardConfig(slots, smoothing, hysteresisDb, silenceLevel, honourVoiceActivity, speakingHold,
                notifyInterval);
    }

    public ForwardConfig withHonourVoiceActivity(boolean honourVoiceActivity) {
        return new ForwardConfig(slots, smoothing, hysteresisDb, silenceLevel, honourVoiceActivity, speakingHold,
                notifyInterval);
    }
}
