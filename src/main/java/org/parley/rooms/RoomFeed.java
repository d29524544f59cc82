package org.parley.rooms;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who hears what of a room, and when (docs/protocol.md, "Deltas"): the connections subscribed to the
 * room, the version each one holds, and the recent batches as clients see them ({@link RoomView}).
 *
 * <p>A batch goes out at once to those who must have it before an answer — the connection whose
 * command is in it, and a joiner (as its snapshot) — and to the stage, who run the room. Everyone
 * else gets it at once when it is urgent ({@link RoomView.Shared#urgent}: the stage, settings,
 * invitations, the end); audience churn (listeners coming and going, hands) waits until
 * {@link #FLUSH_INTERVAL} after the last delivery to everyone and then goes out as one summarised
 * delta per connection. A burst of joins into a room of thousands so costs each listener about one
 * message a second, not one per join, and a joiner waits for nobody else's messages.
 *
 * <p>Each connection's deltas still follow its own version exactly: a connection ahead of the rest
 * (a joiner, the stage, one that just sent a command) later gets a delta from its own version.
 *
 * <p>Threading: confined to the room's executor, like the state.
 */
final class RoomFeed {

    /** Audience churn reaches listeners at most this late: a count that moves once a second reads as live. */
    static final Duration FLUSH_INTERVAL = Duration.ofSeconds(1);

    private static final class Subscription {
        final RoomSubscriber client;
        /** The version this connection holds: it has been sent every batch up to here. */
        long version;

        Subscription(RoomSubscriber client) {
            this.client = client;
        }
    }

    /** One committed batch: versions {@code from}..{@code version} and its events as clients see them. */
    private record Batch(long from, long version, List<RoomEvent> events) {}

    private final RoomState state;
    private final Map<RoomSubscriber, Subscription> subscribers = new LinkedHashMap<>();
    private final Map<Long, List<Subscription>> byMember = new HashMap<>();
    /** Recent batches, oldest first, for deltas from any version a connection holds (and resuming). */
    private final ArrayDeque<Batch> recent = new ArrayDeque<>();
    private RoomView.Members members;
    /** Every subscriber holds at least this version: the last delivery to everyone. */
    private long flushedVersion;
    private long lastFlushNanos;
    /** Delta texts from a version to the current one, and the snapshot's room part; valid for {@link #cachedVersion}. */
    private final Map<Long, String> deltas = new HashMap<>();
    private String viewJson;
    private long cachedVersion = -1;

    RoomFeed(RoomState state) {
        this.state = state;
        this.members = RoomView.members(state);
        this.flushedVersion = state.version;
        this.lastFlushNanos = System.nanoTime() - FLUSH_INTERVAL.toNanos();
    }

    /** A batch committed versions {@code from}..the state's version; {@code now} is what clients hold after it. */
    void committed(long from, List<RoomEvent> shared, RoomView.Members now) {
        members = now;
        recent.addLast(new Batch(from, state.version, shared));
        while (recent.size() > RoomsConfig.DELTA_LOG_SIZE) {
            recent.removeFirst();
        }
    }

    /**
     * Subscribes a joiner and brings it to the current version: the deltas after {@code since} when
     * it holds that version and the log still reaches it, else a snapshot. A connection joining again
     * (resynchronising) keeps its one subscription.
     */
    void subscribe(RoomSubscriber client, Long since) {
        Subscription sub = subscribers.get(client);
        if (sub == null) {
            sub = new Subscription(client);
            subscribers.put(client, sub);
            byMember.computeIfAbsent(client.memberId(), id -> new ArrayList<>(1)).add(sub);
        }
        String catchUp = since == null || since > state.version ? null
                : since == state.version ? "" : delta(since);
        if (catchUp == null) {
            client.send(snapshot(client.memberId()));
        } else if (!catchUp.isEmpty()) {
            client.send(catchUp);
        }
        sub.version = state.version;
    }

    /** Brings one connection to the current version, if it is subscribed: before its command is answered. */
    void catchUp(RoomSubscriber client) {
        Subscription sub = subscribers.get(client);
        if (sub != null) {
            bringUp(sub);
        }
    }

    /** The stage runs the room: it hears of every batch at once, hands and audience included. */
    void catchUpStage() {
        for (long member : members.stage()) {
            for (Subscription sub : byMember.getOrDefault(member, List.of())) {
                bringUp(sub);
            }
        }
    }

    /**
     * After a batch: delivers to everyone now if {@code urgent} or the last delivery to everyone is
     * {@link #FLUSH_INTERVAL} ago. Returns how many nanoseconds until the pending churn is due (call
     * {@link #flush} then), or -1 when nothing is pending.
     */
    long afterBatch(boolean urgent) {
        if (flushedVersion == state.version) {
            return -1;
        }
        long wait = lastFlushNanos + FLUSH_INTERVAL.toNanos() - System.nanoTime();
        if (urgent || wait <= 0) {
            flush();
            return -1;
        }
        return wait;
    }

    /** What clients hold after the last committed batch. */
    RoomView.Members members() {
        return members;
    }

    /** Brings every connection to the current version. */
    void flush() {
        if (flushedVersion == state.version) {
            return;
        }
        for (Subscription sub : subscribers.values()) {
            bringUp(sub);
        }
        flushedVersion = state.version;
        lastFlushNanos = System.nanoTime();
    }

    /**
     * The member is out of the room: its connections stop hearing it and are told why, except
     * {@code asked} — the connection that asked to leave hears it from its answer.
     */
    void depart(long memberId, String reason, RoomSubscriber asked) {
        List<Subscription> subs = byMember.remove(memberId);
        if (subs == null) {
            return;
        }
        String notice = RoomJson.left(state.id, reason);
        for (Subscription sub : subs) {
            subscribers.remove(sub.client);
            if (sub.client != asked) {
                sub.client.send(notice);
            }
        }
    }

    /** A message that is not room state, for every subscribed connection as it is. */
    void sendToAll(String json) {
        for (Subscription sub : subscribers.values()) {
            sub.client.send(json);
        }
    }

    void unsubscribe(RoomSubscriber client) {
        Subscription sub = subscribers.remove(client);
        if (sub != null) {
            List<Subscription> subs = byMember.get(client.memberId());
            subs.remove(sub);
            if (subs.isEmpty()) {
                byMember.remove(client.memberId());
            }
        }
    }

    void clear() {
        subscribers.clear();
        byMember.clear();
    }

    /** Subscribed connections (tests and metrics). */
    int size() {
        return subscribers.size();
    }

    private void bringUp(Subscription sub) {
        if (sub.version >= state.version) {
            return;
        }
        String json = delta(sub.version);
        // A connection so far behind that the log no longer reaches it starts afresh.
        sub.client.send(json != null ? json : snapshot(sub.client.memberId()));
        sub.version = state.version;
    }

    /** One delta from {@code since} + 1 to the current version, summarised; null when the log does not reach back. */
    private String delta(long since) {
        validate();
        if (deltas.containsKey(since)) {
            return deltas.get(since);
        }
        List<List<RoomEvent>> events = new ArrayList<>();
        long from = state.version + 1;
        for (Iterator<Batch> it = recent.descendingIterator(); it.hasNext() && from > since + 1; ) {
            Batch b = it.next();
            if (b.version() != from - 1) {
                break;
            }
            events.add(b.events());
            from = b.from();
        }
        String json = null;
        if (from == since + 1) {
            Collections.reverse(events);
            json = RoomJson.delta(state.id, from, state.version, RoomView.merge(events));
        }
        deltas.put(since, json);
        return json;
    }

    private String snapshot(long memberId) {
        validate();
        if (viewJson == null) {
            viewJson = RoomJson.view(state, members);
        }
        return RoomJson.snapshot(viewJson, state.participants.get(memberId));
    }

    private void validate() {
        if (cachedVersion != state.version) {
            deltas.clear();
            viewJson = null;
            cachedVersion = state.version;
        }
    }
}
