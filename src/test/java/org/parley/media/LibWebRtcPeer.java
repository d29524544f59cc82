package org.parley.media;

import dev.onvoid.webrtc.CreateSessionDescriptionObserver;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.PortAllocatorConfig;
import dev.onvoid.webrtc.RTCBundlePolicy;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCIceGatheringState;
import dev.onvoid.webrtc.RTCOfferOptions;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtcpMuxPolicy;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import dev.onvoid.webrtc.SetSessionDescriptionObserver;
import dev.onvoid.webrtc.media.audio.AudioOptions;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.CustomAudioSource;
import dev.onvoid.webrtc.media.audio.AudioDeviceModule;
import dev.onvoid.webrtc.media.audio.AudioDeviceModuleBase;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import dev.onvoid.webrtc.media.audio.AudioLayer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One libwebrtc peer (webrtc-java over JNI) shaped like Parley's web client (docs/protocol.md, "Audio"):
 * max-bundle, rtcp-mux required, one {@code sendrecv} audio transceiver for the member's voice and three
 * {@code recvonly} receive slots. No sound card (see {@link #speaker()} and {@link #listener()}), and the voice is a
 * 440 Hz tone pushed into a {@link CustomAudioSource} every 10 ms once {@link #startTone()} is called.
 *
 * <p>Threading: libwebrtc calls the observer on its signalling thread; the state it records is only
 * read through thread-safe futures and lists.
 */
final class LibWebRtcPeer implements AutoCloseable {

    static final int RECEIVE_SLOTS = 3;
    private static final int SAMPLE_RATE = 48_000;
    private static final int FRAMES_PER_10MS = SAMPLE_RATE / 100;

    private final AudioDeviceModuleBase adm;
    private final PeerConnectionFactory factory;
    private final CustomAudioSource voice;
    private final RTCPeerConnection pc;
    private final CompletableFuture<Void> gathered = new CompletableFuture<>();
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    final List<RTCPeerConnectionState> states = new CopyOnWriteArrayList<>();
    final List<String> candidates = new CopyOnWriteArrayList<>();
    /** The SSRCs the server's answer gave this peer's receive slots. */
    final List<Long> slotSsrcs = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService tone = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "libwebrtc-tone");
        t.setDaemon(true);
        return t;
    });
    private long sample;

    /**
     * A peer that speaks (or could): libwebrtc's dummy audio layer, no sound card and no capture
     * thread. Loads libwebrtc on first use: throws a {@link LinkageError} if the native library cannot load.
     */
    static LibWebRtcPeer speaker() {
        return new LibWebRtcPeer(new AudioDeviceModule(AudioLayer.kDummyAudio));
    }

    /**
     * A peer that listens: webrtc-java's headless module plays out (discarding the sound) every 10 ms, so
     * libwebrtc decodes what it receives and its stats count the decoded samples. Not for speakers:
     * its fake capture thread feeds every sending stream, and together with a {@link CustomAudioSource}
     * that trips libwebrtc's race check in AudioSendStream::SendAudioData and aborts the JVM.
     */
    static LibWebRtcPeer listener() {
        var adm = new HeadlessAudioDeviceModule();
        adm.initPlayout();
        adm.startPlayout();
        return new LibWebRtcPeer(adm);
    }

    private LibWebRtcPeer(AudioDeviceModuleBase adm) {
        this.adm = adm;
        factory = new PeerConnectionFactory(adm);
        // Only after the factory: CustomAudioSource has no static initializer of its own that loads libwebrtc.
        voice = new CustomAudioSource();
        var config = new RTCConfiguration();
        config.bundlePolicy = RTCBundlePolicy.MAX_BUNDLE;
        config.rtcpMuxPolicy = RTCRtcpMuxPolicy.REQUIRE;
        // Host candidates over UDP only: no STUN/TURN servers, no TCP candidates. libwebrtc has no
        // network ignore mask in this API; it skips loopback adapters itself, so its host candidate is
        // this machine's interface address, which still reaches the server's 127.0.0.1 over lo.
        config.portAllocatorConfig = new PortAllocatorConfig().setDisableTcp(true).setDisableRelay(true);
        pc = factory.createPeerConnection(config, new PeerConnectionObserver() {
            @Override
            public void onIceCandidate(RTCIceCandidate candidate) {
                candidates.add(candidate.sdp);
            }

            @Override
            public void onIceGatheringChange(RTCIceGatheringState state) {
                if (state == RTCIceGatheringState.COMPLETE) {
                    gathered.complete(null);
                }
            }

            @Override
            public void onConnectionChange(RTCPeerConnectionState state) {
                states.add(state);
                if (state == RTCPeerConnectionState.CONNECTED) {
                    connected.complete(null);
                } else if (state == RTCPeerConnectionState.FAILED) {
                    connected.completeExceptionally(new IllegalStateException("libwebrtc connection FAILED: " + states));
                }
            }
        });
        AudioTrack voiceTrack = factory.createAudioTrack("voice", voice);
        pc.addTransceiver(voiceTrack, init(RTCRtpTransceiverDirection.SEND_RECV));
        for (int i = 0; i < RECEIVE_SLOTS; i++) {
            AudioTrack slot = factory.createAudioTrack("slot" + i, factory.createAudioSource(new AudioOptions()));
            pc.addTransceiver(slot, init(RTCRtpTransceiverDirection.RECV_ONLY));
        }
    }

    private static RTCRtpTransceiverInit init(RTCRtpTransceiverDirection direction) {
        var init = new RTCRtpTransceiverInit();
        init.direction = direction;
        init.streamIds = List.of("parley");
        return init;
    }

    /** createOffer → setLocalDescription → ICE gathering complete; returns the offer with its candidates. */
    String offer(Duration timeout) throws Exception {
        var created = new CompletableFuture<RTCSessionDescription>();
        pc.createOffer(new RTCOfferOptions(), new CreateSessionDescriptionObserver() {
            @Override
            public void onSuccess(RTCSessionDescription description) {
                created.complete(description);
            }

            @Override
            public void onFailure(String error) {
                created.completeExceptionally(new IllegalStateException("createOffer: " + error));
            }
        });
        RTCSessionDescription offer = created.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        set(offer, true, timeout);
        gathered.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return pc.getLocalDescription().sdp;
    }

    void answer(String sdp, Duration timeout) throws Exception {
        set(new RTCSessionDescription(RTCSdpType.ANSWER, sdp), false, timeout);
    }

    private void set(RTCSessionDescription description, boolean local, Duration timeout) throws Exception {
        var done = new CompletableFuture<Void>();
        SetSessionDescriptionObserver observer = new SetSessionDescriptionObserver() {
            @Override
            public void onSuccess() {
                done.complete(null);
            }

            @Override
            public void onFailure(String error) {
                done.completeExceptionally(new IllegalStateException(
                        (local ? "setLocalDescription: " : "setRemoteDescription: ") + error));
            }
        };
        if (local) {
            pc.setLocalDescription(description, observer);
        } else {
            pc.setRemoteDescription(description, observer);
        }
        done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    void awaitConnected(Duration timeout) throws Exception {
        connected.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    RTCStatsReport stats() throws Exception {
        var report = new CompletableFuture<RTCStatsReport>();
        pc.getStats(report::complete);
        return report.get(5, TimeUnit.SECONDS);
    }

    static List<RTCStats> ofType(RTCStatsReport report, RTCStatsType type) {
        return report.getStats().values().stream().filter(s -> s.getType() == type).toList();
    }

    /** Sum of {@code packetsReceived} over the audio receive streams (the receive slots). */
    long packetsReceived() throws Exception {
        return ofType(stats(), RTCStatsType.INBOUND_RTP).stream()
                .mapToLong(s -> number(s.getAttributes().get("packetsReceived"))).sum();
    }

    static long number(Object value) {
        return value instanceof Number n ? n.longValue() : value == null ? 0 : Long.parseLong(value.toString());
    }

    /** Starts speaking: a 440 Hz tone at about -10 dBFS, 10 ms of 16-bit mono 48 kHz every 10 ms. */
    void startTone() {
        tone.scheduleAtFixedRate(() -> {
            byte[] pcm = new byte[FRAMES_PER_10MS * 2];
            for (int i = 0; i < FRAMES_PER_10MS; i++, sample++) {
                short s = (short) (10_000 * Math.sin(2 * Math.PI * 440 * sample / SAMPLE_RATE));
                pcm[2 * i] = (byte) s; // little-endian PCM
                pcm[2 * i + 1] = (byte) (s >> 8);
            }
            voice.pushAudio(pcm, 16, SAMPLE_RATE, 1, FRAMES_PER_10MS);
        }, 0, 10, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        tone.shutdownNow();
        try {
            tone.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pc.close();
        // The tracks are not disposed: the closed connection's senders still hold them, and webrtc-java
        // refuses (java.lang.Error "A reference is still around"); disposing the factory releases them.
        voice.dispose();
        factory.dispose();
        adm.dispose();
    }
}
