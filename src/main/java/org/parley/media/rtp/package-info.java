/**
 * RTP packets (<a href="https://www.rfc-editor.org/rfc/rfc3550#section-5.1">RFC 3550 §5.1</a>) as the SFU
 * forwards them: a zero-copy, reusable view ({@link org.parley.media.rtp.RtpPacket}) that validates the
 * fixed header, CSRC list, header extension and padding and yields a
 * {@link org.parley.media.rtp.RtpDropReason} instead of throwing; in-place rewriting of sequence number,
 * timestamp, SSRC and payload type (so a listener's fixed receive slots can switch speaker without a new
 * offer/answer); header extension elements in the one-byte and two-byte forms of
 * <a href="https://www.rfc-editor.org/rfc/rfc8285">RFC 8285</a>; and the client-to-mixer audio level of
 * <a href="https://www.rfc-editor.org/rfc/rfc6464">RFC 6464</a> ({@link org.parley.media.rtp.AudioLevel}),
 * which is readable before decryption.
 *
 * <p>Threading: views are mutable and owned by one thread (the one handling the packet); nothing here is
 * shared or locked. Nothing allocates per packet.
 */
package org.parley.media.rtp;
