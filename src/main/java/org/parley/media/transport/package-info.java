/**
 * The SFU's one UDP port: a single receive thread demultiplexes every datagram by its first byte
 * (<a href="https://www.rfc-editor.org/rfc/rfc7983#section-7">RFC 7983 §7</a>) into STUN, DTLS and
 * SRTP/SRTCP, routes STUN to a peer by the local ufrag in USERNAME
 * (<a href="https://www.rfc-editor.org/rfc/rfc8445#section-7.3">RFC 8445 §7.3</a>) and DTLS/SRTP by the
 * peer's nominated address, and counts every dropped datagram by reason. DTLS and SRTP layers plug in
 * as {@link org.parley.media.transport.PacketSink}s and send through {@link org.parley.media.transport.MediaPeer}.
 */
package org.parley.media.transport;
