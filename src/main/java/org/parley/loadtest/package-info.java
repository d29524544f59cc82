/**
 * {@code parley loadtest} (issue 5; docs/benchmarks.md): loads a running Parley server through its
 * public interfaces only — HTTP API, room WebSocket, media UDP port — with speakers and listeners that
 * speak the browser's wire protocol (ICE, DTLS 1.2, SRTP, Opus in RTP), and measures join time, loss,
 * one-way delay, jitter and the server's CPU and heap.
 *
 * <p>Layout: {@link org.parley.loadtest.LoadTest} (the command) → {@code LoadTestOptions} (every default)
 * → {@code LoadRun} (the phases) with {@code Provisioning}/{@code MemberCache} (members),
 * {@code RoomSocket} (WebSocket), {@code ListenerRamp} (joins), {@code Leg}/{@code Sdp} (one audio leg, on
 * {@link org.parley.media.client.BrowserLeg}), {@code SpeakerSender}/{@code OggOpusReader}/{@code CaptureClock} (what speakers send),
 * {@code Receiver}/{@code Histogram} (what listeners measure), {@code ServerMetrics}/{@code HeapEstimate}
 * ({@code /metrics}) and {@code Report} (the final line). Of Parley's code it uses only the browser's side
 * of the media wire ({@code media.client}) and the public codecs and sockets under it ({@code media.dtls}'s
 * certificate, {@code media.srtp}, {@code media.rtp}, {@code media.udp}) — never the server's sessions,
 * rooms or state (LoadTestDependenciesTest checks); nothing in the server depends on this package.
 */
package org.parley.loadtest;
