package org.parley.rooms;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.parley.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live room at runtime. Every command runs on the room's own serial executor, which is the only
 * owner of {@link RoomState}: decide (Rules) → write through (RoomStore) → apply (reducer) → bump the
 * version; commands queued together are committed as one batch whose events go out as one delta
 * (see {@link #drain()}). Other threads read {@link #snapshot()}, an immutable copy published after
 * each batch.
 */
public final class Room {

    private static final Logger log = LoggerFactory.getLogger(Room.class);
    /** Most commands committed together before their delta goes out. */
    static final int MAX_BATCH = 256;

    /** The answer to one command: the version after it, or why it was refused. */
    public sealed interface Result {
        record Done(long version) implements Result {}

        record Refused(RoomError error) implements Result {}
    }

    private final RoomState state;
    private final Rules rules;
    private final RoomStore store;
    private final Database db;
    private final RoomListener listener;
    private final Clock clock;
    private final ExecutorService executor;
    /** Commands waiting for the executor; drained in batches (group commit). */
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    /** Connections receiving this room's deltas; written on the executor, iterated there too. */
    private final Set<RoomSubscriber> subscribers = ConcurrentHashMap.newKeySet();
    /** Recent deltas for resuming clients; executor-confined. */
    private final ArrayDeque<Delta> recent = new ArrayDeque<>();
    private volatile RoomSnapshot snapshot;
    private volatile Set<Long> removed = Set.of();

    /** One broadcast: the events of versions {@code from}..{@code version}. */
    private record Delta(long from, long version, String json) {}

    private record Pending(long actor, Command command, RoomSubscriber origin, Long since,
                           CompletableFuture<Result> result) {}

    Room(RoomState state, Rules rules, RoomStore store, Database db, RoomListener listener, Clock clock) {
        this.state = state;
        this.rules = rules;
        this.store = store;
        this.db = db;
        this.listener = listener;
        this.clock = clock;
        this.executor = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("room-" + state.id).factory());
        publish();
    }

    public String id() {
        return state.id;
    }

    /** The latest state; safe from any thread. */
    public RoomSnapshot snapshot() {
        return snapshot;
    }

    /** Members a moderator removed; safe from any thread. */
    Set<Long> removed() {
        return removed;
    }

    /**
     * Runs {@code command} for {@code actor}. A {@link Command.Join} from {@code origin} also
     * subscribes it and sends it the state: the deltas after {@code since} when the room still has
     * them, else a snapshot.
     */
    public CompletableFuture<Result> submit(long actor, Command command, RoomSubscriber origin, Long since) {
        var result = new CompletableFuture<Result>();
        queue.add(new Pending(actor, command, origin, since, result));
        scheduleDrain();
        return result;
    }

    public CompletableFuture<Result> submit(long actor, Command command) {
        return submit(actor, command, null, null);
    }

    /** Stops delivering to {@code subscriber} (its connection closed or it joined another room). */
    public void unsubscribe(RoomSubscriber subscriber) {
        execute(() -> subscribers.remove(subscriber));
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                executor.execute(this::drain);
            } catch (RejectedExecutionException e) {
                refuseAll(); // the room has ended
            }
        }
    }

    /**
     * Group commit: runs every queued command (up to {@link #MAX_BATCH}), each decided on the state
     * the previous one left and written through on its own; then one delta carries all their events
     * to the subscribers, one snapshot serves everyone who joined in the batch, and only then are the
     * commands answered — so a client always has a command's effect before its ack.
     */
    private void drain() {
        drainScheduled.set(false);
        List<Pending> batch = new ArrayList<>();
        for (Pending p; batch.size() < MAX_BATCH && (p = queue.poll()) != null; ) {
            batch.add(p);
        }
        if (batch.isEmpty()) {
            return;
        }
        long from = state.version + 1;
        Set<Long> sendersBefore = senders();
        List<RoomEvent> events = new ArrayList<>();
        List<Result> results = new ArrayList<>(batch.size());
        List<Pending> joiners = new ArrayList<>();
        Instant now = clock.instant();
        for (Pending p : batch) {
            Result r = run(p, now, events);
            results.add(r);
            if (r instanceof Result.Done && p.origin() != null && p.command() instanceof Command.Join && !state.ended) {
                joiners.add(p);
            }
        }
        if (!events.isEmpty()) {
            broadcast(from, events, sendersBefore);
        }
        String snapshotJson = null;
        for (Pending j : joiners) {
            if (!catchUpFromLog(j.origin(), j.since())) {
                if (snapshotJson == null) {
                    snapshotJson = RoomJson.snapshot(snapshot);
                }
                j.origin().send(snapshotJson);
            }
            subscribers.add(j.origin());
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(results.get(i));
        }
        if (state.ended) {
            subscribers.clear();
            executor.shutdown();
            refuseAll();
        } else if (!queue.isEmpty()) {
            scheduleDrain();
        }
    }

    /** Decides and commits one command; its events are applied and added to {@code events}. */
    private Result run(Pending p, Instant now, List<RoomEvent> events) {
        try {
            var outcome = rules.decide(state, p.actor(), p.command(), now);
            if (outcome instanceof Rules.Outcome.Refused refused) {
                return new Result.Refused(refused.error());
            }
            List<RoomEvent> decided = ((Rules.Outcome.Accepted) outcome).events();
            if (!decided.isEmpty()) {
                long version = state.version + 1;
                db.transaction(conn -> {
                    store.write(conn, state, decided, version, now);
                    return null;
                });
                decided.forEach(state::apply);
                state.version = version;
                events.addAll(decided);
            }
            if (p.command() instanceof Command.Leave || p.command() instanceof Command.TimedOut) {
                subscribers.removeIf(s -> s.memberId() == p.actor());
            }
            return new Result.Done(state.version);
        } catch (RuntimeException e) {
            log.warn("Room {}: command {} by member {} failed: {}", state.id, p.command().getClass().getSimpleName(),
                    p.actor(), e.toString());
            return new Result.Refused(new RoomError("unavailable", "The room could not be changed; try again"));
        }
    }

    private void broadcast(long from, List<RoomEvent> events, Set<Long> sendersBefore) {
        String json = RoomJson.delta(state.id, from, state.version, events);
        recent.addLast(new Delta(from, state.version, json));
        while (recent.size() > RoomsConfig.DELTA_LOG_SIZE) {
            recent.removeFirst();
        }
        publish();
        notifyListener(events, sendersBefore);
        for (RoomEvent e : events) {
            if (e instanceof RoomEvent.ParticipantLeft left) {
                subscribers.removeIf(s -> s.memberId() == left.memberId());
            }
        }
        for (RoomSubscriber s : subscribers) {
            s.send(json);
        }
    }

    /**
     * Sends the logged deltas after {@code since}; false (nothing sent) when they do not start exactly
     * at {@code since + 1} — too old, or {@code since} inside a batch — and a snapshot is needed.
     */
    private boolean catchUpFromLog(RoomSubscriber origin, Long since) {
        if (since == null || since > state.version) {
            return false;
        }
        List<Delta> missing = new ArrayList<>();
        long expected = since + 1;
        for (Delta d : recent) {
            if (d.version() < expected) {
                continue;
            }
            if (d.from() != expected) {
                return false;
            }
            missing.add(d);
            expected = d.version() + 1;
        }
        if (expected != state.version + 1) {
            return false;
        }
        missing.forEach(d -> origin.send(d.json()));
        return true;
    }

    private void refuseAll() {
        for (Pending p; (p = queue.poll()) != null; ) {
            p.result().complete(new Result.Refused(new RoomError("room_ended", "This room has ended")));
        }
    }

    private Set<Long> senders() {
        return state.participants.values().stream().filter(p -> p.role().onStage() && !p.muted())
                .map(Participant::memberId).collect(Collectors.toUnmodifiableSet());
    }

    private void notifyListener(List<RoomEvent> events, Set<Long> sendersBefore) {
        try {
            Set<Long> sendersAfter = senders();
            if (!sendersAfter.equals(sendersBefore)) {
                listener.stageChanged(state.id, sendersAfter);
            }
            for (RoomEvent e : events) {
                if (e instanceof RoomEvent.ParticipantLeft left) {
                    listener.participantLeft(state.id, left.memberId());
                }
            }
            if (state.ended) {
                listener.roomEnded(state.id);
            }
            if (events.stream().anyMatch(e -> !(e instanceof RoomEvent.HandChanged || e instanceof RoomEvent.SpeakInvitation))) {
                listener.hallwayChanged();
            }
        } catch (RuntimeException e) {
            log.warn("Room {}: a listener failed: {}", state.id, e.toString());
        }
    }

    private void publish() {
        snapshot = state.snapshot();
        removed = Set.copyOf(state.removed);
    }

    /** Runs a task on the room's executor (presence timers); ignored once the room ended. */
    void execute(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // the room has ended; nothing left to do
        }
    }

    public boolean ended() {
        return snapshot.ended();
    }
}
