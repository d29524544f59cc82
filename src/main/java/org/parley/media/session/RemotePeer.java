package org.parley.media.session;

import java.util.List;
import org.parley.media.dtls.DtlsFingerprint;

/**
 * What a {@link PeerSession} needs from the browser's SDP offer (parsed elsewhere).
 *
 * @param iceUfrag     {@code a=ice-ufrag} (RFC 8839 §5.4)
 * @param icePwd       {@code a=ice-pwd}; a secret, so {@link #toString()} leaves it out
 * @param fingerprints every {@code a=fingerprint}; the DTLS client certificate must match one (RFC 8122 §5)
 */
public record RemotePeer(String iceUfrag, String icePwd, List<DtlsFingerprint> fingerprints) {

    public RemotePeer {
        if (iceUfrag == null || icePwd == null) {
            throw new IllegalArgumentException("the offer's ice-ufrag and ice-pwd are required");
        }
        if (fingerprints == null || fingerprints.isEmpty()) {
            throw new IllegalArgumentException("a WebRTC offer carries at least one fingerprint");
        }
        fingerprints = List.copyOf(fingerprints);
    }

    @Override
    public String toString() {
        return "RemotePeer[ufrag=" + iceUfrag + ", pwd=(hidden), fingerprints=" + fingerprints + "]";
    }
}
