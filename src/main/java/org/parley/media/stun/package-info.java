/**
 * STUN messages (<a href="https://www.rfc-editor.org/rfc/rfc8489">RFC 8489</a>) as ICE uses them: parsing
 * a datagram into a {@link org.parley.media.stun.StunMessage} (never throwing; a bad datagram yields a
 * {@link org.parley.media.stun.StunDropReason}), building messages, MESSAGE-INTEGRITY (HMAC-SHA1,
 * §14.5), FINGERPRINT (CRC-32, §14.7), XOR-MAPPED-ADDRESS (§14.2) and the ICE attributes of
 * <a href="https://www.rfc-editor.org/rfc/rfc8445#section-16.1">RFC 8445 §16.1</a>. Checked against the
 * <a href="https://www.rfc-editor.org/rfc/rfc5769">RFC 5769</a> test vectors. No sockets, no state.
 */
package org.parley.media.stun;
