package org.parley.media;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.parley.media.forward.SendPolicy;
import org.parley.media.forward.SlotRewriter;
import org.parley.media.forward.SpeakerSelector;
import org.parley.media.rtp.AudioLevel;
import org.parley.media.rtp.RtpPacket;
import org.parley.media.session.PeerSession;
import org.parley.media.session.PeerState;

/**
 * The audio of one room: its browser legs and the forwarding between them.
 *
 * <p>Threading: packets arrive on the transport's single receive thread, which alone runs
 * {@link #forward}, the speaker selector and every leg's slot rewriter (confinement, no locks). The
 * set of legs is an immutable array behind a volatile field, replaced on join and leave from the
 * signalling threads under this object's monitor, and read without locks per packet.
 */
final class RoomMedia {

    /** One browser leg: its session and what forwarding to it needs. */
    static final class Leg {
        final long memberId;
        final Object connection;
        final int opusPayloadType;
        final int audioLevelId;
        final SlotRewriter rewriter;
        final byte[] buffer = new byte[PeerSession.MAX_PACKET];
        final RtpPacket view = new RtpPacket();
        volatile PeerSession session;

        Leg(long memberId, Object connection, int opusPayloadType, int audioLevelId, SlotRewriter rewriter) {
            this.memberId = memberId;
            this.connection = connection;
            this.opusPayloadType = opusPayloadType;
            this.audioLevelId = audioLevelId;
            this.rewriter = rewriter;
        }
    }

    final String roomId;
    private final SendPolicy policy;
    private final SpeakerSelector selector;
    private volatile Leg[] legs = new Leg[0];

    RoomMedia(String roomId, SendPolicy policy, SpeakerSelector selector) {
        this.roomId = roomId;
        this.policy = policy;
        this.selector = selector;
    }

    /**
     * A packet from {@code from}: dropped unless the room lets its member send (checked on every
     * packet, so a mute or demotion takes effect on the next one), then forwarded in the speaker's
     * slot to every other leg, rewritten into that leg's slot stream.
     */
    void forward(Leg from, RtpPacket packet) {
        if (!policy.admit(from.memberId)) {
            return;
        }
        int level = from.audioLevelId > 0 ? AudioLevel.find(packet, from.audioLevelId) : AudioLevel.ABSENT;
        int slot = selector.select(from.memberId, level);
        if (slot < 0) {
            return;
        }
        long now = System.nanoTime();
        int length = packet.length();
        for (Leg to : legs) {
            PeerSession session = to.session;
            if (to.memberId == from.memberId || session == null || session.state() != PeerState.CONNECTED) {
                continue;
            }
            System.arraycopy(packet.buffer(), packet.offset(), to.buffer, 0, length);
            if (to.view.wrap(to.buffer, 0, length) != null || !to.rewriter.rewrite(to.view, slot, from.memberId, now)) {
                continue;
            }
            to.view.setPayloadType(to.opusPayloadType);
            session.sendRtp(to.buffer, 0, length);
        }
    }

    synchronized void add(Leg leg) {
        Leg[] next = Arrays.copyOf(legs, legs.length + 1);
        next[legs.length] = leg;
        legs = next;
    }

    synchronized void remove(Leg leg) {
        removeIfPresent(leg);
    }

    /** Removes {@code leg}; true when it was there (so callers can act exactly once). */
    synchronized boolean removeIfPresent(Leg leg) {
        Leg[] next = Arrays.stream(legs).filter(l -> l != leg).toArray(Leg[]::new);
        boolean removed = next.length != legs.length;
        legs = next;
        return removed;
    }

    /** The legs of a connection (at most one) or of a member (one per connection). */
    synchronized List<Leg> legs(java.util.function.Predicate<Leg> which) {
        List<Leg> out = new ArrayList<>();
        for (Leg l : legs) {
            if (which.test(l)) {
                out.add(l);
            }
        }
        return out;
    }

    boolean isEmpty() {
        return legs.length == 0;
    }
}
