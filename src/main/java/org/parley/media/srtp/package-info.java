/**
 * SRTP and SRTCP (<a href="https://www.rfc-editor.org/rfc/rfc3711">RFC 3711</a>,
 * <a href="https://www.rfc-editor.org/rfc/rfc7714">RFC 7714</a>) for one peer's leg, as a small facade
 * over jitsi-srtp: {@link org.parley.media.srtp.SrtpSession} is created from the negotiated
 * {@link org.parley.media.srtp.SrtpProfile} and the master keys DTLS exported
 * ({@link org.parley.media.srtp.SrtpKeys}, RFC 5764 §4.2), and protects and unprotects packets in place in
 * a reusable {@link org.parley.media.srtp.SrtpBuffer}, returning an
 * {@link org.parley.media.srtp.SrtpStatus} (never throwing) and counting every result.
 *
 * <p>jitsi-srtp types stay inside this package. Its AES implementation is chosen once per JVM
 * ({@link org.parley.media.srtp.SrtpCryptoProvider}); left alone it would benchmark every provider on
 * first use, which blocks for seconds.
 */
package org.parley.media.srtp;
