package org.parley.media.srtp;

import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicLongArray;
import org.jitsi.srtp.SrtcpCryptoContext;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.SrtpCryptoContext;
import org.jitsi.srtp.SrtpErrorStatus;
import org.jitsi.srtp.SrtpPolicy;
import org.parley.media.rtp.RtpPacket;

/**
 * SRTP/SRTCP for one peer's leg (RFC 3711; RFC 7714 for AEAD): protects what the SFU sends with the local
 * master key and unprotects what the peer sends with the remote one, in place, returning a status and
 * never throwing. One crypto context per SSRC, per direction, for RTP and RTCP, created on demand up to
 * {@link SrtpConfig#maxStreams()}; a context for a new incoming SSRC is kept only once its first packet
 * authenticates, so forged packets cannot fill the table. Replay protection is on in both directions:
 * incoming replays are dropped (RFC 3711 §3.3.2), and protecting an index twice, which would reuse a
 * keystream or GCM nonce, is refused.
 *
 * <pre>
 * SRTP (RFC 3711 §3.1)                       SRTCP (RFC 3711 §3.4)
 * +----------------------------------+       +----------------------------------+
 * | RTP header + extensions (clear;  |       | first RTCP header + sender SSRC  |
 * |  AEAD associated data)           |       |  (clear; AEAD associated data)   |
 * +----------------------------------+       +----------------------------------+
 * | payload (encrypted)              |       | rest of the compound (encrypted) |
 * +----------------------------------+       +----------------------------------+
 * | auth tag (10 or 16 bytes)        |       |E|  SRTCP index (31 bits)         |
 * +----------------------------------+       +----------------------------------+
 *                                            | auth tag (10 or 16 bytes)        |
 *                                            +----------------------------------+
 * </pre>
 *
 * <p>RTP with AES_CM_128_HMAC_SHA1_80 goes through Parley's own transform ({@link AesCmRtp}: no cipher
 * re-initialised per packet, one cipher and MAC per direction for all SSRCs); AES-GCM and all SRTCP go
 * through jitsi-srtp (docs/decisions.md).
 *
 * <p>Threading: all methods may be called from any thread; each direction is meant to have one (the
 * socket loop unprotects, the forwarding path protects). jitsi-srtp contexts synchronise per SSRC, Parley's
 * transforms on their own monitors.
 */
public final class SrtpSession implements AutoCloseable {

    /**
     * jitsi-srtp logs every replayed packet at error level through java.util.logging; the session counts
     * them instead, so its loggers are off — and are one object, not a child logger per context, which
     * jitsi's own off logger would make and never forget ({@link SilentJitsiLogger}).
     */
    private static final org.jitsi.utils.logging2.Logger JITSI_LOG = SilentJitsiLogger.INSTANCE;

    private final SrtpProfile profile;
    private final SrtpKeys keys;
    private final SrtpContextFactory sendFactory;
    private final SrtpContextFactory receiveFactory;
    private final SsrcContexts<SrtpCryptoContext> sendRtp;
    private final SsrcContexts<SrtpCryptoContext> receiveRtp;
    private final SsrcContexts<SrtcpCryptoContext> sendRtcp;
    private final SsrcContexts<SrtcpCryptoContext> receiveRtcp;
    /**
     * RTP with AES_CM_128_HMAC_SHA1_80: Parley's transform (see {@link AesCmRtp}); null for GCM and when
     * configured off, which leaves RTP to jitsi-srtp. The receive side is made on the first packet (most
     * listener legs never send RTP). Each is used under its own monitor, so this class stays any-thread.
     */
    private final AesCmRtp fastSend;
    private volatile AesCmRtp fastReceive;
    private final boolean fast;
    private final int maxStreams;
    private final AtomicLongArray protectResults = new AtomicLongArray(SrtpStatus.values().length);
    private final AtomicLongArray unprotectResults = new AtomicLongArray(SrtpStatus.values().length);
    private volatile boolean closed;

    private SrtpSession(SrtpProfile profile, SrtpKeys keys, SrtpConfig config) {
        this.profile = profile;
        this.keys = keys;
        SrtpCryptoProvider.install(config.provider());
        this.sendFactory = new SrtpContextFactory(true, keys.localKey, keys.localSalt, policy(profile),
                policy(profile), JITSI_LOG);
        this.receiveFactory = new SrtpContextFactory(false, keys.remoteKey, keys.remoteSalt, policy(profile),
                policy(profile), JITSI_LOG);
        this.sendRtp = new SsrcContexts<>(config.maxStreams());
        this.receiveRtp = new SsrcContexts<>(config.maxStreams());
        this.sendRtcp = new SsrcContexts<>(config.maxStreams());
        this.receiveRtcp = new SsrcContexts<>(config.maxStreams());
        this.maxStreams = config.maxStreams();
        this.fast = profile == SrtpProfile.AES_CM_128_HMAC_SHA1_80 && config.parleyAesCm();
        this.fastSend = fast ? AesCmRtp.create(keys.localKey, keys.localSalt, maxStreams) : null;
    }

    /**
     * A session for the negotiated profile and the master keys DTLS exported.
     *
     * @throws IllegalArgumentException if a key or salt has the wrong length for the profile
     */
    public static SrtpSession create(SrtpProfile profile, SrtpKeys keys, SrtpConfig config) {
        if (keys.localKey.length != profile.keyLength() || keys.remoteKey.length != profile.keyLength()
                || keys.localSalt.length != profile.saltLength() || keys.remoteSalt.length != profile.saltLength()) {
            throw new IllegalArgumentException("key or salt length does not match " + profile);
        }
        return new SrtpSession(profile, new SrtpKeys(keys.localKey, keys.localSalt, keys.remoteKey, keys.remoteSalt),
                config);
    }

    /** Shorthand for {@link #create} with {@link SrtpKeys#fromKeyingMaterial}. */
    public static SrtpSession fromKeyingMaterial(SrtpProfile profile, byte[] material, SrtpRole ourRole,
                                                 SrtpConfig config) {
        return create(profile, SrtpKeys.fromKeyingMaterial(profile, material, ourRole), config);
    }

    /** jitsi-srtp policy for a profile: (encryption, enc key length, auth, auth key length, tag, salt). */
    private static SrtpPolicy policy(SrtpProfile profile) {
        return switch (profile) {
            // RFC 7714 §12: AEAD_AES_128_GCM, no separate auth key, 16-byte tag, 12-byte salt.
            case AEAD_AES_128_GCM -> new SrtpPolicy(SrtpPolicy.AESGCM_ENCRYPTION, profile.keyLength(),
                    SrtpPolicy.NULL_AUTHENTICATION, 0, profile.tagLength(), profile.saltLength());
            // RFC 3711 §8.2: AES-CM, 160-bit HMAC-SHA1 session auth key, tag truncated to 80 bits.
            case AES_CM_128_HMAC_SHA1_80 -> new SrtpPolicy(SrtpPolicy.AESCM_ENCRYPTION, profile.keyLength(),
                    SrtpPolicy.HMACSHA1_AUTHENTICATION, 20, profile.tagLength(), profile.saltLength());
        };
    }

    public SrtpProfile profile() {
        return profile;
    }

    /** Encrypts and authenticates the RTP packet in {@code pkt}, appending the tag. */
    public SrtpStatus protectRtp(SrtpBuffer pkt) {
        return count(protectResults, doProtectRtp(pkt));
    }

    /** Authenticates, replay-checks and decrypts the SRTP packet in {@code pkt}, removing the tag. */
    public SrtpStatus unprotectRtp(SrtpBuffer pkt) {
        return count(unprotectResults, doUnprotectRtp(pkt));
    }

    /** Encrypts and authenticates the RTCP compound in {@code pkt}, appending E/index and the tag. */
    public SrtpStatus protectRtcp(SrtpBuffer pkt) {
        return count(protectResults, doProtectRtcp(pkt));
    }

    /** Authenticates, replay-checks and decrypts the SRTCP packet in {@code pkt}, removing index and tag. */
    public SrtpStatus unprotectRtcp(SrtpBuffer pkt) {
        return count(unprotectResults, doUnprotectRtcp(pkt));
    }

    /** How many protect calls ended with {@code status}. */
    public long protectResults(SrtpStatus status) {
        return protectResults.get(status.ordinal());
    }

    /** How many unprotect calls ended with {@code status}. */
    public long unprotectResults(SrtpStatus status) {
        return unprotectResults.get(status.ordinal());
    }

    /** Crypto contexts in use: RTP and RTCP, both directions. */
    public int contexts() {
        AesCmRtp receive = fastReceive;
        return sendRtp.size() + receiveRtp.size() + sendRtcp.size() + receiveRtcp.size()
                + (fastSend == null ? 0 : fastSend.streams()) + (receive == null ? 0 : receive.streams());
    }

    private SrtpStatus doProtectRtp(SrtpBuffer pkt) {
        if (closed) {
            return SrtpStatus.CLOSED;
        }
        int headerLength = RtpPacket.headerLength(pkt.array, pkt.offset, pkt.length);
        if (headerLength < 0) {
            return SrtpStatus.MALFORMED;
        }
        if (pkt.room() < profile.rtpOverhead()) {
            return SrtpStatus.BUFFER_TOO_SMALL;
        }
        if (fast) {
            synchronized (fastSend) {
                return closed ? SrtpStatus.CLOSED : fastSend.protect(pkt, headerLength);
            }
        }
        int ssrc = i32(pkt.array, pkt.offset + 8);
        try {
            SrtpCryptoContext ctx = sendRtp.get(ssrc);
            if (ctx == null) {
                if (sendRtp.isFull()) {
                    return SrtpStatus.TOO_MANY_STREAMS;
                }
                ctx = sendRtp.putIfAbsent(ssrc, sendFactory.deriveContext(ssrc, 0));
                if (ctx == null) {
                    return SrtpStatus.TOO_MANY_STREAMS;
                }
            }
            return map(ctx.transformPacket(pkt.jitsi));
        } catch (GeneralSecurityException | RuntimeException e) {
            return failure(e);
        }
    }

    private SrtpStatus doUnprotectRtp(SrtpBuffer pkt) {
        if (closed) {
            return SrtpStatus.CLOSED;
        }
        int tag = profile.rtpOverhead();
        int headerLength = pkt.length < tag ? -1 : RtpPacket.headerLength(pkt.array, pkt.offset, pkt.length - tag);
        if (headerLength < 0) {
            return SrtpStatus.MALFORMED;
        }
        if (fast) {
            AesCmRtp receive = fastReceive;
            if (receive == null) {
                synchronized (this) {
                    receive = fastReceive;
                    if (receive == null) {
                        receive = AesCmRtp.create(keys.remoteKey, keys.remoteSalt, maxStreams);
                        fastReceive = receive;
                    }
                }
            }
            synchronized (receive) {
                return closed ? SrtpStatus.CLOSED : receive.unprotect(pkt, headerLength);
            }
        }
        int ssrc = i32(pkt.array, pkt.offset + 8);
        try {
            SrtpCryptoContext ctx = receiveRtp.get(ssrc);
            if (ctx != null) {
                return map(ctx.reverseTransformPacket(pkt.jitsi, false));
            }
            if (receiveRtp.isFull()) {
                return SrtpStatus.TOO_MANY_STREAMS;
            }
            // A new SSRC: keep its context only if this first packet is authentic.
            ctx = receiveFactory.deriveContext(ssrc, 0);
            SrtpStatus status = map(ctx.reverseTransformPacket(pkt.jitsi, false));
            if (status == SrtpStatus.OK) {
                receiveRtp.putIfAbsent(ssrc, ctx);
            }
            return status;
        } catch (GeneralSecurityException | RuntimeException e) {
            return failure(e);
        }
    }

    private SrtpStatus doProtectRtcp(SrtpBuffer pkt) {
        if (closed) {
            return SrtpStatus.CLOSED;
        }
        if (!looksLikeRtcp(pkt, 0)) {
            return SrtpStatus.MALFORMED;
        }
        if (pkt.room() < profile.rtcpOverhead()) {
            return SrtpStatus.BUFFER_TOO_SMALL;
        }
        int ssrc = i32(pkt.array, pkt.offset + 4);
        try {
            SrtcpCryptoContext ctx = sendRtcp.get(ssrc);
            if (ctx == null) {
                if (sendRtcp.isFull()) {
                    return SrtpStatus.TOO_MANY_STREAMS;
                }
                ctx = sendRtcp.putIfAbsent(ssrc, sendFactory.deriveControlContext(ssrc));
                if (ctx == null) {
                    return SrtpStatus.TOO_MANY_STREAMS;
                }
            }
            return map(ctx.transformPacket(pkt.jitsi));
        } catch (GeneralSecurityException | RuntimeException e) {
            return failure(e);
        }
    }

    private SrtpStatus doUnprotectRtcp(SrtpBuffer pkt) {
        if (closed) {
            return SrtpStatus.CLOSED;
        }
        if (!looksLikeRtcp(pkt, profile.rtcpOverhead())) {
            return SrtpStatus.MALFORMED;
        }
        int ssrc = i32(pkt.array, pkt.offset + 4);
        try {
            SrtcpCryptoContext ctx = receiveRtcp.get(ssrc);
            if (ctx != null) {
                return map(ctx.reverseTransformPacket(pkt.jitsi));
            }
            if (receiveRtcp.isFull()) {
                return SrtpStatus.TOO_MANY_STREAMS;
            }
            ctx = receiveFactory.deriveControlContext(ssrc);
            SrtpStatus status = map(ctx.reverseTransformPacket(pkt.jitsi));
            if (status == SrtpStatus.OK) {
                receiveRtcp.putIfAbsent(ssrc, ctx);
            }
            return status;
        } catch (GeneralSecurityException | RuntimeException e) {
            return failure(e);
        }
    }

    /** RFC 3550 §6.4.1: version 2 and room for the header and sender SSRC, plus any SRTCP trailer. */
    private static boolean looksLikeRtcp(SrtpBuffer pkt, int trailer) {
        return pkt.length >= 8 + trailer && (pkt.array[pkt.offset] & 0xc0) == 0x80;
    }

    private static SrtpStatus map(SrtpErrorStatus s) {
        return switch (s) {
            case OK -> SrtpStatus.OK;
            case AUTH_FAIL -> SrtpStatus.AUTH_FAILED;
            case REPLAY_FAIL, REPLAY_OLD -> SrtpStatus.REPLAY;
            case INVALID_PACKET -> SrtpStatus.MALFORMED;
            case FAIL -> SrtpStatus.FAILED;
        };
    }

    /** jitsi-srtp throws when the buffer cannot grow (our {@link JitsiBuffer}) or a cipher fails. */
    private static SrtpStatus failure(Exception e) {
        return e instanceof IndexOutOfBoundsException ? SrtpStatus.BUFFER_TOO_SMALL : SrtpStatus.FAILED;
    }

    private static SrtpStatus count(AtomicLongArray counters, SrtpStatus s) {
        counters.incrementAndGet(s.ordinal());
        return s;
    }

    private static int i32(byte[] b, int i) {
        return ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }

    /** Forgets all contexts and wipes the master keys; later calls return {@link SrtpStatus#CLOSED}. */
    @Override
    public void close() {
        closed = true;
        if (fastSend != null) {
            synchronized (fastSend) {
                fastSend.clear();
            }
        }
        AesCmRtp receive = fastReceive;
        if (receive != null) {
            synchronized (receive) {
                receive.clear();
            }
        }
        sendRtp.clear();
        receiveRtp.clear();
        sendRtcp.clear();
        receiveRtcp.clear();
        sendFactory.close();
        receiveFactory.close();
        keys.wipe();
    }
}
