/**
 * DTLS 1.2 (<a href="https://www.rfc-editor.org/rfc/rfc6347">RFC 6347</a>) in the server role, as WebRTC
 * uses it to key SRTP (DTLS-SRTP, <a href="https://www.rfc-editor.org/rfc/rfc5764">RFC 5764</a>;
 * <a href="https://www.rfc-editor.org/rfc/rfc8827#section-6.5">RFC 8827 §6.5</a>), on top of BouncyCastle's
 * bctls.
 *
 * <p>The SFU uses two classes: {@link org.parley.media.dtls.DtlsServer}, one per node (the ECDSA P-256
 * certificate and its {@code a=fingerprint}, the limits, the counters), and
 * {@link org.parley.media.dtls.DtlsSession}, one per peer: the transport layer feeds it the peer's DTLS
 * datagrams with {@code onDatagram} and gives it a {@link org.parley.media.dtls.Sender} for the way back;
 * the session's {@code handshake()} future yields the negotiated
 * {@link org.parley.media.dtls.SrtpProtectionProfile} and the SRTP master keys
 * ({@link org.parley.media.dtls.DtlsSrtpKeys}) or a {@link org.parley.media.dtls.DtlsFailure}.
 *
 * <p>Threading: bctls's DTLS API is blocking, so each session runs the handshake on its own virtual
 * thread, which owns every bctls object of the session; the socket loop only copies datagrams into the
 * session's bounded queue. Nothing here throws into the socket loop.
 *
 * <p>After the handshake the thread ends and bctls's objects are dropped: DTLS-SRTP carries no data, so
 * a session keeps only its epoch-1 record keys ({@link org.parley.media.dtls.EpochCipher}) and its final
 * flight ({@link org.parley.media.dtls.Established}), enough to answer a repeated final flight (RFC 6347
 * §4.2.4), to read close_notify and alerts and to send close_notify — a few hundred bytes per leg
 * instead of ~20 KB and a parked thread.
 */
package org.parley.media.dtls;
