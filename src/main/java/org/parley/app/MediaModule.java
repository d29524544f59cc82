package org.parley.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import org.parley.events.EventBus;
import org.parley.events.ParticipantLeft;
import org.parley.events.RoomEnded;
import org.parley.events.SpeakingChanged;
import org.parley.events.StageChanged;
import org.parley.media.MediaServer;
import org.parley.media.RoomCounters;
import org.parley.module.MetricsWriter;
import org.parley.module.Module;

/**
 * The media server as a module. It lives here rather than in {@code media} because the media engine
 * uses nothing of Parley outside its own packages (MediaDependenciesTest): this adapter is where it
 * meets the bus — rooms' stage changes, departures and ends reach it as {@link MediaServer}'s own
 * listener calls, and who is speaking leaves it as {@link SpeakingChanged}. Nothing is published per
 * packet: the speaking detector calls out only when the set of speakers changes.
 */
final class MediaModule implements Module {

    private final MediaServer media;

    MediaModule(MediaServer.Config config, EventBus events) {
        try {
            this.media = MediaServer.start(config, (room, who) -> events.publish(new SpeakingChanged(room, who)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the media port " + config.transport().port()
                    + " (PARLEY_MEDIA_PORT): " + e.getMessage(), e);
        }
    }

    MediaServer media() {
        return media;
    }

    /**
     * Listed before signalling, so these subscribe first and run first: a mute or demotion is enforced
     * on the very next packet, before any client hears of it.
     */
    @Override
    public void listen(EventBus events) {
        events.subscribe(StageChanged.class, e -> media.stageChanged(e.roomId(), e.senders(), e.interpreters()));
        events.subscribe(ParticipantLeft.class, e -> media.participantLeft(e.roomId(), e.memberId()));
        events.subscribe(RoomEnded.class, e -> media.roomEnded(e.roomId()));
    }

    /**
     * Drops by reason and the other engine counters, the forwarded-packet total that {@code parley
     * loadtest} divides CPU time by, and each room's forwarding totals labelled by room id (random,
     * never a title or a name); a room's series end with the room.
     */
    @Override
    public void metrics(MetricsWriter out) {
        Map<String, Long> counters = media.counters();
        counters.forEach((key, value) -> out.counter("parley_media_" + key.replaceAll("[^A-Za-z0-9_]", "_"), value));
        // Every forwarded copy, under a name that says so: the same count as parley_media_leg_rtp_sent.
        out.counter("parley_media_forwarded_packets_total", counters.getOrDefault("leg.rtp-sent", 0L));
        Map<String, RoomCounters> perRoom = media.roomCounters();
        out.type("parley_room_media_forwarded_total", "counter");
        perRoom.forEach((room, c) -> out.sample("parley_room_media_forwarded_total", Map.of("room", room), c.forwarded()));
        out.type("parley_room_media_silence_frames_sent_total", "counter");
        perRoom.forEach((room, c) -> out.sample("parley_room_media_silence_frames_sent_total", Map.of("room", room),
                c.silenceFramesSent()));
        out.type("parley_room_media_dropped_total", "counter");
        perRoom.forEach((room, c) -> new TreeMap<>(c.dropped()).forEach((reason, n) ->
                out.sample("parley_room_media_dropped_total", labels("room", room, "reason", reason), n)));
    }

    @Override
    public void close() {
        media.close();
    }

    private static Map<String, String> labels(String k1, String v1, String k2, String v2) {
        var labels = new java.util.LinkedHashMap<String, String>();
        labels.put(k1, v1);
        labels.put(k2, v2);
        return labels;
    }
}
