package org.parley.media.dtls;

import java.io.IOException;
import java.util.List;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.AlertLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What is left of a {@link DtlsSession} once its handshake is over: DTLS-SRTP carries no data after it,
 * so all it still has to do is
 * <ul>
 *   <li>answer a retransmission of the peer's final flight with ours (RFC 6347 §4.2.4: the peer resends
 *       when our Finished was lost), by sending our final flight again exactly as it first went out;</li>
 *   <li>notice the peer's close_notify (answered with ours, RFC 5246 §7.2.1) or fatal alert;</li>
 *   <li>say close_notify when we close.</li>
 * </ul>
 * That takes the epoch-1 keys ({@link EpochCipher}), the final flight's datagrams and two sequence
 * numbers, some 300 bytes, instead of bctls's handshake and record-layer state and a parked thread
 * (some 20 KB per leg).
 *
 * <p>Why the final flight can go again byte for byte, where bctls would re-encrypt it with new sequence
 * numbers: a peer retransmits its flight only while it has not received our Finished, so our copy is new
 * to its replay window (RFC 6347 §4.1.2.6), exactly as if the first one had been delayed in the network;
 * had it received the ChangeCipherSpec but not the Finished, it drops the duplicate ChangeCipherSpec and
 * takes the Finished. We answer the peer's Finished (the last message of its flight, epoch 1, so only
 * the real peer can make one), like bctls, which answers the whole flight once it is complete again.
 *
 * <p>Threading: every method takes this object's lock; {@link DtlsSession} calls them on short-lived
 * virtual threads, never on the socket loop, since they send.
 */
final class Established {

    private static final Logger log = LoggerFactory.getLogger(Established.class);

    // RFC 5246 §6.2.1 content types, §7.4 handshake type.
    private static final int ALERT = 21;
    private static final int HANDSHAKE = 22;
    private static final int APPLICATION_DATA = 23;
    private static final int FINISHED = 20;

    /** How the peer's datagram left the session. */
    enum Outcome {
        /** Still established. */
        OPEN,
        /** The peer sent close_notify (and we answered). */
        PEER_CLOSED,
        /** The peer sent a fatal alert. */
        PEER_FAILED
    }

    private final EpochCipher cipher;
    private final byte[][] finalFlight;
    private final Sender sender;
    private final DtlsCounters counters;
    private final String logContext;
    private final ReplayWindow window = new ReplayWindow();
    /** The version our records carry: DTLS 1.2, {254, 253}. */
    private final byte versionMajor;
    private final byte versionMinor;
    /** Our next epoch-1 sequence number: bctls used the ones before it. */
    private long nextSeq;
    /** Set once close_notify went either way or a fatal alert came: nothing is sent or read after it. */
    private boolean over;

    Established(EpochCipher cipher, List<byte[]> finalFlight, long nextSeq, Sender sender, DtlsCounters counters,
                String logContext) {
        this.cipher = cipher;
        this.finalFlight = finalFlight.toArray(byte[][]::new);
        this.nextSeq = nextSeq;
        this.sender = sender;
        this.counters = counters;
        this.logContext = logContext;
        this.versionMajor = (byte) 0xFE;
        this.versionMinor = (byte) 0xFD;
    }

    /** One datagram from the peer, whole records only ({@link DtlsRecords#check} passed). */
    synchronized Outcome receive(byte[] datagram) {
        int pos = 0;
        boolean resent = false;
        while (!over && pos + DtlsRecords.HEADER_LENGTH <= datagram.length) {
            int record = pos;
            int type = datagram[pos] & 0xFF;
            int epoch = ((datagram[pos + 3] & 0xFF) << 8) | (datagram[pos + 4] & 0xFF);
            int length = ((datagram[pos + 11] & 0xFF) << 8) | (datagram[pos + 12] & 0xFF);
            pos += DtlsRecords.HEADER_LENGTH + length;
            if (epoch != EpochCipher.EPOCH) {
                // The clear part of a retransmitted flight (or a stray ClientHello): its Finished decides.
                continue;
            }
            long seq = seq48(datagram, record + 5);
            byte[] plain = window.isReplay(seq) ? null : cipher.open(datagram, record);
            if (plain == null) {
                counters.countDrop(DtlsDropReason.NOT_AUTHENTIC);
                continue;
            }
            window.mark(seq);
            switch (type) {
                case ALERT -> {
                    Outcome outcome = alert(plain);
                    if (outcome != Outcome.OPEN) {
                        return outcome;
                    }
                }
                case HANDSHAKE -> {
                    if (plain.length > 0 && (plain[0] & 0xFF) == FINISHED && !resent) {
                        resent = true;
                        resendFinalFlight();
                    }
                }
                case APPLICATION_DATA -> counters.countDrop(DtlsDropReason.APPLICATION_DATA);
                default -> {
                    // ChangeCipherSpec and heartbeat mean nothing after the handshake (no heartbeat negotiated).
                }
            }
        }
        return Outcome.OPEN;
    }

    /** Our close_notify, once; nothing after it. */
    synchronized void sayGoodbye() {
        if (!over) {
            sendAlert(AlertLevel.warning, AlertDescription.close_notify);
            over = true;
        }
    }

    /** Zeroes the keys; call once the session has ended. */
    synchronized void wipe() {
        over = true;
        cipher.wipe();
    }

    private Outcome alert(byte[] plain) {
        if (plain.length != 2) {
            return Outcome.OPEN; // RFC 5246 §7.2: exactly a level and a description
        }
        short level = (short) (plain[0] & 0xFF);
        short description = (short) (plain[1] & 0xFF);
        log.debug("[{}] DTLS alert received: {} {}", logContext, AlertLevel.getText(level),
                AlertDescription.getText(description));
        if (level == AlertLevel.fatal) {
            over = true;
            return Outcome.PEER_FAILED;
        }
        if (description == AlertDescription.close_notify) {
            // RFC 5246 §7.2.1: answer with our own and close down at once.
            sayGoodbye();
            return Outcome.PEER_CLOSED;
        }
        return Outcome.OPEN; // other warnings (user_canceled, no_renegotiation) change nothing here
    }

    private void resendFinalFlight() {
        counters.countFinalFlightResent();
        log.debug("[{}] DTLS peer repeated its final flight; sending ours again", logContext);
        for (byte[] datagram : finalFlight) {
            send(datagram);
        }
    }

    private void sendAlert(short level, short description) {
        send(cipher.seal(ALERT, versionMajor, versionMinor, nextSeq++, new byte[] {(byte) level, (byte) description}));
    }

    private void send(byte[] datagram) {
        try {
            sender.send(datagram, 0, datagram.length);
        } catch (IOException | RuntimeException e) {
            counters.countSendFailure();
        }
    }

    private static long seq48(byte[] buf, int pos) {
        long seq = 0;
        for (int i = 0; i < 6; i++) {
            seq = (seq << 8) | (buf[pos + i] & 0xFF);
        }
        return seq;
    }
}
