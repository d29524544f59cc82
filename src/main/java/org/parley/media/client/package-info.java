/**
 * The browser's side of the media wire, for the programs that stand in for browsers: {@code parley
 * loadtest} and the media tests and benchmarks. {@link org.parley.media.client.BrowserLeg} is one audio
 * leg (ICE check as the controlling agent, DTLS 1.2 client, SRTP in the client role, consent refreshes)
 * on a {@link org.parley.media.udp.UdpSocket} its caller reads, sorting datagrams with
 * {@link org.parley.media.client.DatagramKind}; {@link org.parley.media.client.DtlsClient} is the one
 * DTLS client and {@link org.parley.media.client.ClientTransport} its bctls channel, over a socket or an
 * in-memory link.
 *
 * <p>Built only on the media layer's public codecs and sockets ({@code stun}, {@code dtls}'s certificate
 * and fingerprint, {@code srtp}, {@code udp}); nothing of the server (sessions, transport, forwarding)
 * is used, and nothing in the server uses this package (docs/decisions.md, "One test kit").
 */
package org.parley.media.client;
