/**
 * One browser leg of the SFU, assembled from the protocol layers: {@link org.parley.media.session.PeerSession}
 * ties a peer's ICE-lite agent and send path ({@code media.transport}), its DTLS-SRTP handshake
 * ({@code media.dtls}), its SRTP contexts ({@code media.srtp}) and the RTP/RTCP parsers together, and hands
 * decrypted RTP to a {@link org.parley.media.session.PeerHandler}.
 *
 * <pre>
 *  UDP socket loop ──STUN──► IceLiteAgent ──nominated──► DtlsSession.start()
 *        │ ──DTLS──► DtlsSession.onDatagram ──Connected(keys)──► SrtpSession (server role)
 *        └ ─SRTP(C)─► ReceivePath: copy ─► unprotect ─► RTP: PeerHandler.onRtp
 *                                                   └─► RTCP: terminated here (SDES/BYE noted)
 *  forwarding thread ─► PeerSession.sendRtp ─► SendPath: copy ─► protect ─► MediaPeer.send
 * </pre>
 *
 * <p>States: {@code NEW → CONNECTING (ICE) → DTLS → CONNECTED → CLOSED}; any state may go to CLOSED
 * (handshake failure, consent expiry, DTLS close_notify, or {@link org.parley.media.session.PeerSession#close()}).
 */
package org.parley.media.session;
