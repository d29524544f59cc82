package org.parley.media.sdp;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.parley.media.dtls.DtlsFingerprint;
import org.parley.media.ice.IceCandidate;
import org.parley.media.ice.IceCredentials;

/**
 * What Parley puts into an answer besides the offer's echo.
 *
 * @param localCredentials our ice-ufrag/ice-pwd for this peer (RFC 8839 §5.4)
 * @param localFingerprint the node's DTLS certificate fingerprint (RFC 8122)
 * @param candidates       our host candidates, preferred first (RFC 8445 §2.5: ICE-lite has only these)
 * @param slotSsrcs        the SSRC Parley sends on each receive slot, in slot order; an offered slot
 *                         beyond this array is answered {@code inactive}
 * @param reportSsrc       the SSRC our receiver reports on the browser's upstream come from (RFC 3550
 *                         §6.4.2), declared on the upstream m-line when we receive there
 * @param sessionId        the o= line's sess-id (RFC 8866 §5.2), a non-negative 63-bit number
 */
public record AnswerParameters(IceCredentials localCredentials, DtlsFingerprint localFingerprint,
        List<IceCandidate> candidates, int[] slotSsrcs, int reportSsrc, long sessionId) {

    public AnswerParameters {
        Objects.requireNonNull(localCredentials, "localCredentials");
        Objects.requireNonNull(localFingerprint, "localFingerprint");
        candidates = List.copyOf(candidates);
        slotSsrcs = slotSsrcs.clone();
        if (candidates.isEmpty()) {
            throw new IllegalArgumentException("an ICE-lite answer needs at least one host candidate");
        }
        if (sessionId < 0) {
            throw new IllegalArgumentException("sessionId must be non-negative");
        }
    }

    /** A copy: the record stays immutable. */
    @Override
    public int[] slotSsrcs() {
        return slotSsrcs.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AnswerParameters other && localCredentials.equals(other.localCredentials)
                && localFingerprint.equals(other.localFingerprint) && candidates.equals(other.candidates)
                && Arrays.equals(slotSsrcs, other.slotSsrcs) && reportSsrc == other.reportSsrc
                && sessionId == other.sessionId;
    }

    @Override
    public int hashCode() {
        return Objects.hash(localCredentials, localFingerprint, candidates, Arrays.hashCode(slotSsrcs), reportSsrc, sessionId);
    }

    @Override
    public String toString() {
        return "AnswerParameters[" + localCredentials + ", " + localFingerprint + ", candidates=" + candidates
                + ", slotSsrcs=" + Arrays.toString(slotSsrcs) + ", reportSsrc=" + Integer.toUnsignedString(reportSsrc)
                + ", sessionId=" + sessionId + "]";
    }
}
