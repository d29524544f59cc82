package org.parley.rooms;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.parley.accounts.MemberRef;
import org.parley.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One live room at runtime. Every command runs on the room's own serial executor, which is the only
 * owner of {@link RoomState}: decide (Rules) → write through (RoomStore) → apply (reducer) → bump the
 * version; commands queued together are committed as one batch (see {@link #drain()}), whose events
 * reach the connections through the room's {@link RoomFeed}. Other threads read {@link #snapshot()},
 * an immutable copy published after each batch.
 */
public final class Room {

    private static final Logger log = LoggerFactory.getLogger(Room.class);
    /** Most commands committed together. */
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
    private final ScheduledExecutorService timers;
    /** Commands waiting for the executor; drained in batches (group commit). */
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    /** Connections and what they have been sent; executor-confined. */
    private final RoomFeed feed;
    /** A delivery of pending audience churn is scheduled; executor-confined. */
    private boolean flushScheduled;
    private volatile RoomSnapshot snapshot;
    private volatile Set<Long> removed = Set.of();
    /** The latest {@link #notice} not yet sent; the executor takes it. */
    private final AtomicReference<String> pendingNotice = new AtomicReference<>();
    /** The latest notice sent, for joiners after their snapshot (null: none yet); executor-confined. */
    private String standingNotice;

    private record Pending(long actor, Command command, RoomSubscriber origin, Long since,
                           CompletableFuture<Result> result) {}

    Room(RoomState state, Rules rules, RoomStore store, Database db, RoomListener listener, Clock clock,
         ScheduledExecutorService timers) {
        this.state = state;
        this.rules = rules;
        this.store = store;
        this.db = db;
        this.listener = listener;
        this.clock = clock;
        this.timers = timers;
        this.feed = new RoomFeed(state);
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
     * Runs {@code command} for {@code actor}, sent on connection {@code origin} (null for the server's
     * own commands): the connection has the command's effect before the answer. A
     * {@link Command.Join} also subscribes {@code origin} and sends it the state: the deltas after
     * {@code since} when the room still has them, else a snapshot.
     */
    public CompletableFuture<Result> submit(long actor, Command command, RoomSubscriber origin, Long since) {
        var result = new CompletableFuture<Result>();
        queue.add(new Pending(actor, command, origin, since, result));
        scheduleDrain();
        return result;
    }

    public CompletableFuture<Result> submit(long actor, Command command, RoomSubscriber origin) {
        return submit(actor, command, origin, null);
    }

    public CompletableFuture<Result> submit(long actor, Command command) {
        return submit(actor, command, null, null);
    }

    /**
     * Sends {@code json}, a notice that is not room state (who is speaking), to every connection
     * subscribed to the room, on the room's executor: the caller (the media server's packet thread)
     * never waits for the fan-out. Notices not yet sent are replaced by a newer one. The latest one
     * stands: every later joiner gets it right after its snapshot (or catch-up), so someone joining
     * while a member talks sees their ring at once. Both run on the executor, so a joiner never gets
     * an older notice after a newer one.
     */
    public void notice(String json) {
        if (pendingNotice.getAndSet(json) == null) {
            execute(() -> {
                String latest = pendingNotice.getAndSet(null);
                if (latest != null) {
                    standingNotice = latest;
                    feed.sendToAll(latest);
                }
            });
        }
    }

    /** Stops delivering to {@code subscriber} (its connection closed or it joined another room). */
    public void unsubscribe(RoomSubscriber subscriber) {
        execute(() -> feed.unsubscribe(subscriber));
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
     * the previous one left and written through on its own; then the batch is delivered — first to
     * those waiting for an answer (each joiner's snapshot, each sender's delta), whose commands are
     * answered right then, then to the stage, then to everyone if it is urgent or due. A client always
     * has a command's effect before its ack, and a joiner never waits for the room's fan-out.
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
        RoomView.Members before = feed.members();
        Set<Long> sendersBefore = senders(before);
        Map<Long, String> interpretersBefore = interpreters();
        List<RoomEvent> events = new ArrayList<>();
        List<Result> results = new ArrayList<>(batch.size());
        Instant now = clock.instant();
        for (Pending p : batch) {
            results.add(run(p, now, events));
        }
        boolean urgent = false;
        if (!events.isEmpty()) {
            urgent = commit(from, events, sendersBefore, interpretersBefore, before, batch);
        }
        boolean[] answered = answerOrigins(batch, results);
        feed.catchUpStage();
        deliverToEveryone(urgent);
        for (int i = 0; i < batch.size(); i++) {
            if (!answered[i]) {
                batch.get(i).result().complete(results.get(i));
            }
        }
        if (state.ended) {
            feed.clear();
            executor.shutdown();
            refuseAll();
        } else if (!queue.isEmpty()) {
            scheduleDrain();
        }
    }

    /**
     * Brings each command's connection up to date (a joiner: subscribed, with its snapshot) and
     * answers it; refusals are answered too. Returns which commands were answered.
     */
    private boolean[] answerOrigins(List<Pending> batch, List<Result> results) {
        boolean[] answered = new boolean[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            if (results.get(i) instanceof Result.Done && (p.origin() == null || state.ended)) {
                continue; // the server's own commands, and the room's end, which everyone hears first
            }
            if (results.get(i) instanceof Result.Done) {
                if (!(p.command() instanceof Command.Join)) {
                    feed.catchUp(p.origin());
                } else if (state.participants.containsKey(p.actor())) { // not gone again in the same batch
                    feed.subscribe(p.origin(), p.since());
                    if (standingNotice != null) {
                        p.origin().send(standingNotice);
                    }
                }
            }
            p.result().complete(results.get(i));
            answered[i] = true;
        }
        return answered;
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
            if (p.command() instanceof Command.Join join) {
                // Who operates an organization is the latest joiner's: a delegate taking over a tab is seen.
                MemberRef before = join.operatedBy() == null ? state.operators.remove(join.memberId())
                        : state.operators.put(join.memberId(), join.operatedBy());
                if (!java.util.Objects.equals(before, join.operatedBy())) {
                    publish(); // only then: a person's join (nearly all) costs no copy of the room
                }
            }
            return new Result.Done(state.version);
        } catch (RuntimeException e) {
            log.warn("Room {}: command {} by member {} failed: {}", state.id, p.command().getClass().getSimpleName(),
                    p.actor(), e.toString());
            return new Result.Refused(new RoomError("unavailable", "The room could not be changed; try again"));
        }
    }

    /**
     * After a batch changed the state: publish it, tell the media server and the hallway, log the
     * batch as clients see it and take the members who left off the feed. Returns whether the batch
     * is urgent for everyone ({@link RoomView#translate}).
     */
    private boolean commit(long from, List<RoomEvent> events, Set<Long> sendersBefore, Map<Long, String> interpretersBefore,
                           RoomView.Members before, List<Pending> batch) {
        publish();
        RoomView.Members now = RoomView.members(state);
        notifyListener(events, sendersBefore, senders(now), interpretersBefore, interpreters());
        RoomView.Shared shared = RoomView.translate(before, events, state, now);
        feed.committed(from, shared.events(), now);
        for (RoomEvent e : events) {
            if (e instanceof RoomEvent.ParticipantLeft left) {
                // A leave the server made (deletion, a ban) has no origin connection: findFirst on a
                // mapped null would throw here, after the write, and stall the room for good.
                RoomSubscriber asked = batch.stream()
                        .filter(p -> p.actor() == left.memberId() && p.command() instanceof Command.Leave)
                        .findFirst().map(Pending::origin).orElse(null);
                feed.depart(left.memberId(), left.reason(), asked);
            }
        }
        return shared.urgent();
    }

    /** Everyone now when {@code urgent} or due; else once, {@link RoomFeed#FLUSH_INTERVAL} after the last time. */
    private void deliverToEveryone(boolean urgent) {
        long wait = feed.afterBatch(urgent || state.ended);
        if (wait < 0 || flushScheduled) {
            return;
        }
        flushScheduled = true;
        try {
            timers.schedule(() -> execute(this::scheduledFlush), wait, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            scheduledFlush(); // the node is stopping: deliver now rather than never
        }
    }

    private void scheduledFlush() {
        flushScheduled = false;
        if (!state.ended) {
            feed.flush();
        }
    }

    private void refuseAll() {
        for (Pending p; (p = queue.poll()) != null; ) {
            p.result().complete(new Result.Refused(new RoomError("room_ended", "This room has ended")));
        }
    }

    /** Who may send audio: on stage and unmuted. */
    private Set<Long> senders(RoomView.Members members) {
        return members.stage().stream().map(state.participants::get).filter(p -> p != null && !p.muted())
                .map(Participant::memberId).collect(Collectors.toUnmodifiableSet());
    }
    /** Who interprets, by language: on stage, named interpreter (muted or not). */
    private Map<Long, String> interpreters() {
        Map<Long, String> out = new HashMap<>();
        for (Participant p : state.participants.values()) {
            if (p.interpreting() != null && p.role().onStage()) {
                out.put(p.memberId(), p.interpreting());
            }
        }
        return Map.copyOf(out);
    }

    private void notifyListener(List<RoomEvent> events, Set<Long> sendersBefore, Set<Long> sendersAfter,
                                Map<Long, String> interpretersBefore, Map<Long, String> interpretersAfter) {
        try {
            if (!sendersAfter.equals(sendersBefore) || !interpretersAfter.equals(interpretersBefore)) {
                listener.stageChanged(state.id, sendersAfter, interpretersAfter);
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
