package org.parley.media.ice;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.parley.media.stun.ErrorCode;
import org.parley.media.stun.MessageIntegrity;
import org.parley.media.stun.StunClass;
import org.parley.media.stun.StunMessage;
import org.parley.media.stun.StunMessageBuilder;
import org.parley.media.stun.StunMessageType;
import org.parley.media.stun.StunParseResult;
import org.parley.media.stun.StunParser;

/**
 * The ICE-lite agent of one peer (RFC 8445 §2.5): it never sends checks, it answers the browser's.
 * The browser is the controlling agent (§6.1.1: with a lite peer the full agent controls) and
 * nominates a pair with USE-CANDIDATE; the source address of that check becomes {@link #selectedAddress()},
 * where media goes. Valid checks keep consent fresh (RFC 7675); {@link #checkConsent(long)} reports a
 * peer that went quiet.
 *
 * <p>Free of sockets and clocks: callers pass {@code nowNanos} from a monotonic clock
 * ({@link System#nanoTime()} in production), so consent cannot expire because the wall clock jumped.
 *
 * <p>Refused checks (RFC 8489 §9.1.3, the short-term credential rules): a request without USERNAME or
 * MESSAGE-INTEGRITY gets 400, a USERNAME that is not this session's or a MESSAGE-INTEGRITY that does not
 * verify gets 401, both without MESSAGE-INTEGRITY (there is no key the sender can check it with). We
 * answer rather than drop because §9.1.3 says the server MUST, because a browser with a stale password
 * (e.g. a lost answer after an ICE restart) then fails its pair at once instead of retrying for seconds,
 * and because the error is smaller than the request, so it cannot amplify a spoofed flood. Datagrams
 * that are not authenticated requests at all (indications, responses, no FINGERPRINT) are dropped
 * silently, and so are checks for a ufrag no peer owns (the transport never routes them here).
 *
 * <p>Threading: {@link #receive} is called on the transport's receive thread, {@link #checkConsent} on its
 * timer, the credential methods on a signalling thread; state is guarded by one lock, listeners are
 * called after it is released. {@link #selectedAddress()} is a volatile read for the send path.
 */
public final class IceLiteAgent {

    /** Peer-reflexive addresses remembered per peer (oldest forgotten first). */
    static final int MAX_PEER_REFLEXIVE = 8;

    private static final InetSocketAddress[] NO_ADDRESSES = {};

    /** One generation of credentials: ours, and the browser's once signalling has delivered them. */
    private record Session(IceCredentials local, byte[] key, String remoteUfrag, String remotePwd) {
        static Session of(IceCredentials local) {
            return new Session(local, MessageIntegrity.shortTermKey(local.pwd()), null, null);
        }

        Session withRemote(String ufrag, String pwd) {
            return new Session(local, key, ufrag, pwd);
        }

        boolean accepts(String username) {
            if (remoteUfrag != null) {
                return username.equals(IceUsername.of(local.ufrag(), remoteUfrag));
            }
            // RFC 8445 §7.3: a check may arrive before the answer with the remote ufrag; the local part
            // and MESSAGE-INTEGRITY with our password are what authenticate it.
            return username.length() > local.ufrag().length() + 1 && username.startsWith(local.ufrag() + ":");
        }
    }

    private final Object lock = new Object();
    private final SecureRandom random;
    private final long consentTimeoutNanos;
    private final IceListener listener;

    // Guarded by lock.
    private Session current;
    /** The session in use before an ICE restart, accepted until a check with the new one succeeds (§9). */
    private Session previous;
    /**
     * Source addresses of valid checks, oldest first. An array, replaced when it changes: a leg has one
     * or two, and every consent check comes from the newest, so the common case neither allocates nor
     * keeps a set's table and entries (~250 bytes a leg).
     */
    private InetSocketAddress[] peerReflexive = NO_ADDRESSES;
    private long lastConsentNanos;
    private boolean expired;

    private volatile InetSocketAddress selected;

    public IceLiteAgent(SecureRandom random, Duration consentTimeout, long nowNanos, IceListener listener) {
        if (consentTimeout.isNegative() || consentTimeout.isZero()) {
            throw new IllegalArgumentException("consent timeout must be positive");
        }
        this.random = random;
        this.consentTimeoutNanos = consentTimeout.toNanos();
        this.listener = listener == null ? IceListener.NONE : listener;
        this.current = Session.of(IceCredentials.generate(random));
        // A peer that never completes a check expires like one that stopped.
        this.lastConsentNanos = nowNanos;
    }

    /** The ufrag and pwd to put in our SDP (RFC 8839 §5.4). */
    public IceCredentials localCredentials() {
        synchronized (lock) {
            return current.local();
        }
    }

    /** The ufrags checks may name: the current one and, during an ICE restart, the previous one. */
    public List<String> acceptedLocalUfrags() {
        synchronized (lock) {
            List<String> ufrags = new ArrayList<>(2);
            ufrags.add(current.local().ufrag());
            if (previous != null) {
                ufrags.add(previous.local().ufrag());
            }
            return ufrags;
        }
    }

    /**
     * The browser's ice-ufrag and ice-pwd from its SDP. After {@link #restart()}, call this with the
     * browser's new ones.
     *
     * @throws IllegalArgumentException if they are not valid ice-chars (RFC 8839 §5.4)
     */
    public void setRemoteCredentials(String ufrag, String pwd) {
        new IceCredentials(ufrag, pwd); // validates
        synchronized (lock) {
            current = current.withRemote(ufrag, pwd);
        }
    }

    /**
     * ICE restart (RFC 8445 §9): new local credentials, remote ones to be set again. Media keeps going to
     * the selected address, and checks with the old credentials are still answered, until a check with
     * the new ones succeeds.
     */
    public IceCredentials restart() {
        synchronized (lock) {
            if (previous == null) {
                previous = current;
            } // else: the restart before this one never completed; keep the session still in use.
            current = Session.of(IceCredentials.generate(random));
            return current.local();
        }
    }

    /** Where media goes: the source of the latest nominating check, or null before the first. */
    public InetSocketAddress selectedAddress() {
        return selected;
    }

    /** Source addresses of valid checks (RFC 8445 §7.3.1.3), oldest first. */
    public List<InetSocketAddress> peerReflexiveAddresses() {
        synchronized (lock) {
            return List.of(peerReflexive);
        }
    }

    /** Parses {@code buf[off, off+len)} and handles it as {@link #receive(StunMessage, InetSocketAddress, long)}. */
    public CheckOutcome receive(byte[] buf, int off, int len, InetSocketAddress source, long nowNanos) {
        StunParseResult parsed = StunParser.parse(buf, off, len);
        if (!parsed.isOk()) {
            return CheckOutcome.refused(IceDropReason.MALFORMED_STUN, null, source);
        }
        return receive(parsed.message(), source, nowNanos);
    }

    /** Handles one STUN message from {@code source}: RFC 8445 §7.3, checks in the order of RFC 8489 §6.3. */
    public CheckOutcome receive(StunMessage message, InetSocketAddress source, long nowNanos) {
        if (!message.type().isBinding()) {
            return CheckOutcome.refused(IceDropReason.UNSUPPORTED_METHOD, null, source);
        }
        StunClass stunClass = message.type().stunClass();
        if (stunClass == StunClass.INDICATION) {
            return CheckOutcome.refused(IceDropReason.INDICATION, null, source);
        }
        if (stunClass != StunClass.REQUEST) {
            return CheckOutcome.refused(IceDropReason.UNEXPECTED_RESPONSE, null, source);
        }
        if (!message.hasFingerprint()) {
            return CheckOutcome.refused(IceDropReason.MISSING_FINGERPRINT, null, source);
        }
        String username = message.username();
        if (username == null || !message.hasMessageIntegrity()) {
            return CheckOutcome.refused(IceDropReason.MISSING_CREDENTIALS,
                    unauthenticatedError(message, ErrorCode.BAD_REQUEST, "Bad Request"), source);
        }
        InetSocketAddress previousSelection = null;
        InetSocketAddress newSelection = null;
        byte[] response;
        synchronized (lock) {
            if (expired) {
                return CheckOutcome.refused(IceDropReason.CONSENT_EXPIRED, null, source);
            }
            Session session = current.accepts(username) ? current
                    : previous != null && previous.accepts(username) ? previous : null;
            if (session == null) {
                return CheckOutcome.refused(IceDropReason.UNKNOWN_USERNAME,
                        unauthenticatedError(message, ErrorCode.UNAUTHENTICATED, "Unauthenticated"), source);
            }
            if (!message.verifyIntegrity(session.key())) {
                return CheckOutcome.refused(IceDropReason.BAD_INTEGRITY,
                        unauthenticatedError(message, ErrorCode.UNAUTHENTICATED, "Unauthenticated"), source);
            }
            int[] unknown = message.unknownComprehensionRequired();
            if (unknown.length > 0) {
                // RFC 8489 §6.3.1.1: 420 with UNKNOWN-ATTRIBUTES; authenticated, so it carries MESSAGE-INTEGRITY.
                byte[] error = StunMessageBuilder.create(StunMessageType.BINDING_ERROR, message.transactionId())
                        .errorCode(ErrorCode.UNKNOWN_ATTRIBUTE, "Unknown Attribute")
                        .unknownAttributes(unknown)
                        .messageIntegrity(session.key())
                        .fingerprint()
                        .build();
                return CheckOutcome.refused(IceDropReason.UNKNOWN_ATTRIBUTE, error, source);
            }
            if (message.iceControlled().isPresent() && message.iceControlling().isEmpty()) {
                // RFC 8445 §7.3.1.1: both sides controlled. A lite agent cannot take control, so it acts as
                // if its tie-breaker were the larger: 487, keep the role, and the browser switches.
                byte[] error = StunMessageBuilder.create(StunMessageType.BINDING_ERROR, message.transactionId())
                        .errorCode(ErrorCode.ROLE_CONFLICT, "Role Conflict")
                        .messageIntegrity(session.key())
                        .fingerprint()
                        .build();
                return CheckOutcome.refused(IceDropReason.ROLE_CONFLICT, error, source);
            }
            if (session == current) {
                previous = null; // RFC 8445 §9: the restart has completed; the old credentials are retired.
            }
            learnPeerReflexive(source);
            // RFC 8445 §7.3.1.5: a valid check with USE-CANDIDATE nominates its pair; the latest nomination
            // wins, which is how an ICE restart or a network change moves the media.
            if (message.useCandidate() && !source.equals(selected)) {
                previousSelection = selected;
                newSelection = source;
                selected = source;
            }
            // RFC 7675 §5.1: consent is per address; only checks on the selected one refresh it (any valid
            // check does before the first nomination).
            if (selected == null || source.equals(selected)) {
                lastConsentNanos = nowNanos;
            }
            // RFC 8445 §7.3.1.2 and RFC 8489 §6.3.1.2: success with the mapped address, MESSAGE-INTEGRITY
            // with our password, FINGERPRINT.
            response = StunMessageBuilder.create(StunMessageType.BINDING_SUCCESS, message.transactionId())
                    .xorMappedAddress(source)
                    .messageIntegrity(session.key())
                    .fingerprint()
                    .build();
        }
        if (newSelection != null) {
            listener.selectedAddressChanged(previousSelection, newSelection);
        }
        return CheckOutcome.valid(response, source, newSelection != null);
    }

    /**
     * RFC 7675 §5.1: true once no valid check has come for the consent timeout. The listener hears it
     * once; an expired agent stays expired and answers no more checks.
     */
    public boolean checkConsent(long nowNanos) {
        boolean fire;
        synchronized (lock) {
            if (expired) {
                return true;
            }
            fire = nowNanos - lastConsentNanos >= consentTimeoutNanos;
            expired = fire;
        }
        if (fire) {
            listener.consentExpired();
        }
        return fire;
    }

    public boolean isConsentExpired() {
        synchronized (lock) {
            return expired;
        }
    }

    /** RFC 8445 §7.3.1.3: remembers {@code source} as the newest; the oldest goes beyond the maximum. */
    private void learnPeerReflexive(InetSocketAddress source) {
        InetSocketAddress[] known = peerReflexive;
        int n = known.length;
        if (n > 0 && known[n - 1].equals(source)) {
            return; // the usual case: another check from the address in use
        }
        int at = Arrays.asList(known).indexOf(source);
        InetSocketAddress[] next;
        if (at >= 0) {
            next = known.clone(); // move it to the end
            System.arraycopy(known, at + 1, next, at, n - at - 1);
        } else if (n < MAX_PEER_REFLEXIVE) {
            next = Arrays.copyOf(known, n + 1);
        } else {
            next = Arrays.copyOfRange(known, 1, n + 1); // forget the oldest
        }
        next[next.length - 1] = source;
        peerReflexive = next;
    }

    /** RFC 8489 §9.1.3: 400 and 401 carry no MESSAGE-INTEGRITY; FINGERPRINT as on every ICE message. */
    private static byte[] unauthenticatedError(StunMessage request, int code, String reason) {
        return StunMessageBuilder.create(StunMessageType.BINDING_ERROR, request.transactionId())
                .errorCode(code, reason)
                .fingerprint()
                .build();
    }
}
