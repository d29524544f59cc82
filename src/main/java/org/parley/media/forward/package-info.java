/**
 * The audio forwarding pipeline's decisions, free of sockets and crypto: for each decrypted packet of a
 * room, {@link org.parley.media.forward.SendPolicy} drops senders who are not on stage and unmuted (as the
 * rooms feature last announced through {@link org.parley.media.StageListener#stageChanged}),
 * {@link org.parley.media.forward.SpeakerSelector} drops silence (RFC 6464) and picks the N loudest speakers
 * with smoothing and hysteresis, each in a room-wide slot, and tells the clients who is speaking, rate-limited;
 * then for every listener {@link org.parley.media.forward.SlotRewriter} maps the packet onto that slot's own
 * SSRC, sequence and timestamp spaces (RFC 3550 §5.1, App. A.1) so slots switch speaker seamlessly.
 * Every drop is counted by reason in {@link org.parley.media.forward.DropCounters}
 * ({@code dropped.forward.*}).
 *
 * <pre>
 *  decrypted RTP ─► SendPolicy.admit ─► SpeakerSelector.select ─► for each listener ≠ sender:
 *                   (not-on-stage-       (no-audio-level, silence,    copy ─► SlotRewriter.rewrite ─► SRTP
 *                    or-muted)            not-selected)               (stale-after-switch, sequence-jump)
 * </pre>
 *
 * <p>The policy and {@link org.parley.media.forward.SpeakerSelector#dropUndecrypted} also run on the clear
 * header before decryption, so most drops cost no decryption. When a speaker is cut from a slot (muted, or
 * displaced while talking), {@link org.parley.media.forward.SlotRewriter#writeSilence} puts Opus silence
 * into the slot so listeners' decoders go quiet at once.
 *
 * <p>Threading: the policy is read lock-free from any thread and written by the room's executor; selectors
 * are owned by the receive thread, each rewriter by the sender thread of its listener's leg. Nothing
 * allocates per packet.
 */
package org.parley.media.forward;
