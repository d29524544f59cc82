package org.parley.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a page's audio is doing, seen from inside the browser: a 440 Hz sine for Chromium's fake
 * microphone, an AnalyserNode measurement of what a page receives, and an init script that counts
 * peer connections, playing media elements, microphone requests and tracks (for teardown checks).
 */
final class AudioProbe {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int SAMPLE_RATE = 48_000;
    static final double AMPLITUDE = 0.5;
    /** The sine's RMS, A / sqrt(2). */
    static final double EXPECTED_RMS = AMPLITUDE / Math.sqrt(2);
    /** 30 dB under the tone. */
    static final double SILENCE_RMS = EXPECTED_RMS * 0.03;

    private AudioProbe() {}

    /** Flags for a browser whose fake microphone plays {@code wav}; autoplay as Chromium's default test setup. */
    static List<String> fakeMicrophone(Path wav) {
        return List.of("--use-fake-device-for-media-stream", "--use-file-for-fake-audio-capture=" + wav,
                "--allow-loopback-in-peer-connection");
    }

    /**
     * Counts, from the first script on the page: every RTCPeerConnection (and how many are not
     * closed), media elements the page played (and how many still play), getUserMedia calls and
     * the microphone tracks they returned (and how many are live), and replaceTrack calls with a track.
     * Each play() outcome is logged ("parley-probe: played" / "parley-probe: play refused NotAllowedError"),
     * so a test can wait for it without evaluating script in the page: Playwright evaluates with a
     * user gesture, which would lift the autoplay block it wants to see.
     */
    static final String INSTRUMENT = """
            (() => {
              const pcs = []; const media = new Set(); const micTracks = []; let asked = 0; let replaced = 0;
              const PC = window.RTCPeerConnection;
              window.RTCPeerConnection = class extends PC { constructor(...a) { super(...a); pcs.push(this); } };
              const play = HTMLMediaElement.prototype.play;
              HTMLMediaElement.prototype.play = function (...a) {
                media.add(this);
                const result = play.apply(this, a);
                result.then(() => console.info('parley-probe: played'), (e) => console.info('parley-probe: play refused ' + e.name));
                return result;
              };
              const devices = navigator.mediaDevices;
              const getUserMedia = devices.getUserMedia.bind(devices);
              devices.getUserMedia = async (c) => { asked += 1; const s = await getUserMedia(c); micTracks.push(...s.getAudioTracks()); return s; };
              const replaceTrack = RTCRtpSender.prototype.replaceTrack;
              RTCRtpSender.prototype.replaceTrack = function (track) { if (track) replaced += 1; return replaceTrack.call(this, track); };
              window.__probe = () => JSON.stringify({
                peerConnections: pcs.length,
                openPeerConnections: pcs.filter((pc) => pc.signalingState !== 'closed').length,
                playingMedia: [...new Set([...media, ...document.querySelectorAll('audio, video')])].filter((m) => !m.paused && m.srcObject).length,
                audioElements: document.querySelectorAll('audio').length,
                getUserMediaCalls: asked,
                liveMicTracks: micTracks.filter((t) => t.readyState === 'live').length,
                replacedTracks: replaced,
              });
            })();""";

    /** Runs {@code action} (a navigation) and returns the text of the page's first play() outcome. */
    static String firstPlayOutcome(Page page, Runnable action) {
        return page.waitForConsoleMessage(new Page.WaitForConsoleMessageOptions()
                .setPredicate(m -> m.text().startsWith("parley-probe: play")).setTimeout(20_000), action).text();
    }

    static JsonNode probe(Page page) {
        return json((String) page.evaluate("() => window.__probe()"));
    }

    static JsonNode audioState(Page page) {
        return json((String) page.evaluate("() => JSON.stringify(window.__parleyAudio.state())"));
    }

    static String stats(Page page) {
        return (String) page.evaluate("async () => JSON.stringify(await window.__parleyAudio.stats())");
    }

    /** Waits until the page's audio leg is connected and receives at least {@code slots} tracks. */
    static void awaitConnected(Page page, int slots) {
        try {
            page.waitForFunction("(n) => { const a = window.__parleyAudio?.state(); return a && a.connectionState === 'connected' && a.receivingTracks >= n; }",
                    slots, new Page.WaitForFunctionOptions().setTimeout(20_000));
        } catch (RuntimeException e) {
            throw new AssertionError("audio leg not connected: " + audioState(page) + " stats " + stats(page), e);
        }
    }

    /** The median RMS of what the page receives (all slots); fails with the leg's stats on silence. */
    static double receivedLevel(Page page, String what) {
        JsonNode result = measure(page, "received");
        double median = result.get("median").asDouble();
        if (median < SILENCE_RMS) {
            throw new AssertionError(what + ": silence " + result + "; state " + audioState(page) + "; stats " + stats(page));
        }
        return median;
    }

    /**
     * RMS of the page's received streams (all receive slots summed) or of its own microphone track:
     * waits up to 10 s for sound, lets the jitter buffer settle, then reads 8 windows of 8,192
     * samples 200 ms apart and returns their median (as AudioEndToEndBrowserTest).
     */
    private static final String MEASURE = """
            async (kind) => {
              const audio = window.__parleyAudio;
              const ctx = window.__rmsContext || (window.__rmsContext = new AudioContext({ sampleRate: 48000 }));
              await ctx.resume();
              const streams = kind === 'local' ? [new MediaStream([audio.micTrack()])] : audio.receivedStreams();
              const analyser = ctx.createAnalyser();
              analyser.fftSize = 8192;
              const sources = streams.map((s) => { const n = ctx.createMediaStreamSource(s); n.connect(analyser); return n; });
              const buffer = new Float32Array(analyser.fftSize);
              const rms = () => { analyser.getFloatTimeDomainData(buffer); let sum = 0; for (const x of buffer) sum += x * x; return Math.sqrt(sum / buffer.length); };
              const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
              const deadline = performance.now() + 10000;
              while (rms() < 0.05 && performance.now() < deadline) await sleep(100);
              await sleep(500);
              const values = [];
              for (let i = 0; i < 8; i++) { await sleep(200); values.push(Math.round(rms() * 10000) / 10000); }
              sources.forEach((n) => n.disconnect());
              const sorted = [...values].sort((a, b) => a - b);
              return JSON.stringify({ median: sorted[4], values, streams: streams.length, sampleRate: ctx.sampleRate });
            }""";

    /** Measures {@code kind} ("received" or "local", the page's own microphone) as {@link #MEASURE} describes. */
    static JsonNode measure(Page page, String kind) {
        return json((String) page.evaluate(MEASURE, kind));
    }

    /** 16-bit PCM, 48 kHz, mono: a 440 Hz sine at AMPLITUDE of full scale, {@code seconds} long (the fake mic loops it). */
    static Path writeSine(Path file, int seconds) {
        return writeTone(file, seconds, 440);
    }

    /** As {@link #writeSine} at {@code hz}. */
    static Path writeTone(Path file, int seconds, double hz) {
        int samples = SAMPLE_RATE * seconds;
        ByteBuffer data = ByteBuffer.allocate(44 + samples * 2).order(ByteOrder.LITTLE_ENDIAN);
        data.put("RIFF".getBytes()).putInt(36 + samples * 2).put("WAVE".getBytes());
        data.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(SAMPLE_RATE).putInt(SAMPLE_RATE * 2).putShort((short) 2).putShort((short) 16);
        data.put("data".getBytes()).putInt(samples * 2);
        for (int i = 0; i < samples; i++) {
            data.putShort((short) Math.round(AMPLITUDE * 32767 * Math.sin(2 * Math.PI * hz * i / SAMPLE_RATE)));
        }
        try {
            return Files.write(file, data.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(text, e);
        }
    }
}
