package org.parley.media.forward;

import java.util.Locale;

/** Why the forwarding pipeline did not forward an RTP packet; each reason is counted in {@link DropCounters}. */
public enum ForwardDropReason {
    /** The sender is not in the room's current {@link SendPolicy}: off stage, muted, or gone. */
    NOT_ON_STAGE_OR_MUTED,
    /** The packet carries no RFC 6464 audio level, so it cannot be ranked. */
    NO_AUDIO_LEVEL,
    /** RFC 6464 says the packet is silence (level at or past the threshold, or V=0). */
    SILENCE,
    /** The sender is audible but not among the room's N loudest speakers. */
    NOT_SELECTED,
    /** A reordered packet older than the point where its speaker took the slot (counted per listener). */
    STALE_AFTER_SWITCH,
    /** A sequence number far from the expected one, held on probation (RFC 3550 App. A.1, per listener). */
    SEQUENCE_JUMP,
    /**
     * A sender thread's queue was full (it fell a whole queue behind), so this packet did not reach the
     * listeners of that thread's shard; counted once per shard and packet.
     */
    SEND_QUEUE_FULL;

    /** The counter suffix, e.g. {@code not-on-stage-or-muted}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
