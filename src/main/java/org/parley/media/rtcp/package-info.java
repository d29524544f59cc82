/**
 * RTCP (<a href="https://www.rfc-editor.org/rfc/rfc3550#section-6">RFC 3550 §6</a>) for an SFU that
 * terminates RTCP on each leg: {@link org.parley.media.rtcp.RtcpCompound} validates a whole compound packet
 * (App. A.2) and iterates it, yielding typed views of sender and receiver reports, SDES CNAMEs, BYE and
 * the transport/payload-specific feedback messages of
 * <a href="https://www.rfc-editor.org/rfc/rfc4585#section-6">RFC 4585 §6</a>, which it only recognises so
 * the pipeline can pass or drop them; {@link org.parley.media.rtcp.RtcpWriter} builds SR, RR, SDES and
 * BYE; {@link org.parley.media.rtcp.ReceiveStats} keeps the per-source receive statistics of App. A.1,
 * A.3 and A.8 and produces report blocks.
 *
 * <p>Parsing never throws on bad input: a bad compound yields an {@link org.parley.media.rtcp.RtcpDropReason}.
 * Threading: cursors and statistics are single-owner; the records are immutable.
 */
package org.parley.media.rtcp;
