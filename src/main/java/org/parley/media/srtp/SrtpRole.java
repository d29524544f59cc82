package org.parley.media.srtp;

/**
 * Our role in the DTLS handshake that keyed the session, which decides which half of the exported keying
 * material protects what we send (RFC 5764 §4.2: the client's write key protects what the client sends).
 * The SFU is normally the DTLS server (ICE-lite answerer, {@code a=setup:passive}).
 */
public enum SrtpRole {
    CLIENT,
    SERVER
}
