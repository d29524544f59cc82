/**
 * SDP offer/answer for Parley's one fixed negotiation (RFC 8829 JSEP): the browser offers one BUNDLEd,
 * rtcp-muxed transport carrying 1 + N audio m-lines — the upstream transceiver first (its microphone
 * track arrives later through {@code replaceTrack}, so going on stage needs no renegotiation), then N
 * receive slots — and Parley answers as an ICE-lite (RFC 8839), DTLS-passive (RFC 8842) peer that
 * speaks only Opus.
 *
 * <p>{@link org.parley.media.sdp.OfferParser} turns untrusted offer text into a small immutable
 * {@link org.parley.media.sdp.MediaOffer} or a rejection reason, never an exception;
 * {@link org.parley.media.sdp.SdpAnswer} writes the answer. Everything here is stateless and
 * thread-safe.
 */
package org.parley.media.sdp;
