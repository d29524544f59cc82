package org.parley.rooms;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.parley.accounts.Member;
import org.parley.events.EventBus;
import org.parley.events.HallwayChanged;
import org.parley.events.ParticipantLeft;
import org.parley.events.RoomEnded;
import org.parley.events.RoomStarted;
import org.parley.events.StageChanged;
import org.parley.kernel.Tokens;
import org.parley.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rooms of this node: creates them, finds them, loads live ones after a restart, keeps presence
 * (away after a dropped connection, removed after the grace period) and answers the hallway.
 *
 * <p>Thread-safe: the registry and connection counts are concurrent maps; each room's state belongs
 * to its own executor.
 */
public final class Rooms implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Rooms.class);

    private final Database db;
    private final Access access;
    private final RoomsConfig config;
    private final EventBus events;
    private final Clock clock;
    private final RoomStore store = new RoomStore();
    private final Rules rules;
    private final Map<String, Room> live = new ConcurrentHashMap<>();
    /** Open connections per (room, member): the member is away only when the last one closes. */
    private final Map<String, Integer> connections = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> timeouts = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("room-presence").factory());
    private final RoomListener listener;
    private volatile ClubAccess clubs = ClubAccess.NONE;
    /** Set when the node shuts down: closing connections then are not people going away. */
    private volatile boolean closing;

    /** @param events where rooms publish what changed (see {@link EventBus} for the threading rule) */
    public Rooms(Database db, Access access, RoomsConfig config, EventBus events, Clock clock) {
        this.db = db;
        this.access = access;
        this.config = config;
        this.events = events;
        this.clock = clock;
        this.rules = new Rules(access, config.capacity());
        this.listener = new RoomListener() {
            @Override
            public void stageChanged(String roomId, Set<Long> senders, Map<Long, String> interpreters) {
                events.publish(new StageChanged(roomId, senders, interpreters));
            }

            @Override
            public void participantLeft(String roomId, long memberId) {
                cancelTimeout(roomId, memberId);
                events.publish(new ParticipantLeft(roomId, memberId));
            }

            @Override
            public void roomEnded(String roomId) {
                live.remove(roomId);
                events.publish(new RoomEnded(roomId));
            }

            @Override
            public void hallwayChanged() {
                events.publish(new HallwayChanged());
            }
        };
    }

    /** Brings back the rooms that were live when the node stopped; everyone in them starts away. */
    public void loadLive() {
        List<RoomState> states = db.read(store::loadLive);
        for (RoomState s : states) {
            Room room = new Room(s, rules, store, db, listener, clock, timers);
            live.put(s.id, room);
            for (long member : s.participants.keySet()) {
                scheduleTimeout(room, member);
            }
        }
        if (!states.isEmpty()) {
            log.info("Restored {} live room(s); participants have {} s to reconnect", states.size(), config.presenceGrace().toSeconds());
        }
    }

    /**
     * Starts a room with {@code creator} as its moderator (away until their client joins).
     *
     * @param allowed for a closed room, the members the creator picked
     */
    public Room create(Member creator, String title, RoomType type, List<Long> allowed) {
        return create(creator, title, "", null, type, allowed);
    }

    /**
     * Starts a room with a description ({@link Rules#descriptionProblem} already checked it) and a floor
     * language (an ISO 639-1 code, or null).
     *
     * @param allowed for a closed room, the members the creator picked
     */
    public Room create(Member creator, String title, String description, String language, RoomType type,
                       List<Long> allowed) {
        return open(creator, title, description, language, type, allowed, Set.of(), false, null);
    }

    /**
     * Starts a scheduled event's room: as {@link #create(Member, String, String, String, RoomType, List)},
     * and {@code hosts} (besides the creator) may always enter and are moderators, on stage, whenever they
     * join. The description is cut to a room's one line ({@link Rules#DESCRIPTION_MAX}).
     */
    public Room create(Member creator, String title, String description, String language, RoomType type,
                       List<Long> allowed, Set<Long> hosts) {
        return open(creator, title, description, language, type, allowed, hosts, true, null);
    }

    /**
     * Starts a room in a club (the clubs feature checked that {@code creator} may): as
     * {@link #create(Member, String, String, String, RoomType, List)}, and the room shows the club; a
     * {@link RoomType#members} room admits only the club's members.
     */
    public Room create(Member creator, String title, String description, String language, RoomType type,
                       List<Long> allowed, ClubTag club) {
        return open(creator, title, description, language, type, allowed, Set.of(), false, club);
    }

    private Room open(Member creator, String title, String description, String language, RoomType type,
                      List<Long> allowed, Set<Long> hosts, boolean scheduled, ClubTag club) {
        Instant now = clock.instant();
        var state = new RoomState(Tokens.random(9), title.strip(), type, creator.id(), now);
        state.description = Rules.cleanDescription(oneLine(description));
        state.language = language;
        state.club = club;
        state.hosts.addAll(hosts);
        state.hosts.remove(creator.id());
        // Muted like everyone arriving on stage: nobody is on air by surprise.
        var host = new Participant(creator.id(), creator.username(), creator.displayName(), creator.avatarUrl(),
                Role.moderator, true, 0, false, true, now, null, creator.verified());
        List<RoomEvent> initial = type == RoomType.closed
                ? List.of(new RoomEvent.ParticipantJoined(host), new RoomEvent.AllowedChanged(List.copyOf(allowed)))
                : List.of(new RoomEvent.ParticipantJoined(host));
        db.transaction(conn -> {
            store.insertRoom(conn, state);
            store.write(conn, state, initial, 1, now);
            return null;
        });
        initial.forEach(state::apply);
        state.version = 1;
        Room room = new Room(state, rules, store, db, listener, clock, timers);
        live.put(state.id, room);
        scheduleTimeout(room, creator.id());
        log.info("Room {} started by member {} ({})", state.id, creator.id(), type);
        events.publish(new RoomStarted(state.id, creator.id(), scheduled));
        listener.hallwayChanged();
        return room;
    }

    /** The first line of {@code text}, at most a room description long. */
    private static String oneLine(String text) {
        if (text == null) {
            return "";
        }
        String line = text.strip().lines().findFirst().orElse("").strip();
        return line.codePointCount(0, line.length()) <= Rules.DESCRIPTION_MAX ? line
                : line.substring(0, line.offsetByCodePoints(0, Rules.DESCRIPTION_MAX - 1)).strip() + "…";
    }

    public Optional<Room> get(String id) {
        return Optional.ofNullable(live.get(id));
    }

    public Collection<Room> live() {
        return live.values();
    }

    public RoomsConfig config() {
        return config;
    }

    /** The hallway of {@code member}: rooms they may enter, best first; only in {@code language} when not null. */
    public Hallway.Ranked hallway(long member, String language) {
        return Hallway.rank(member, live.values(), access, clubs, language);
    }

    /** Clubs, once wired (after rooms): members-only rooms and followed clubs' rooms in the hallway. */
    public void useClubs(ClubAccess clubs) {
        this.clubs = clubs;
        rules.useClubs(clubs);
    }

    /** The clubs feature's answers for members-only rooms ({@link ClubAccess#NONE} until it is wired). */
    ClubAccess clubs() {
        return clubs;
    }

    /** Whether {@code member} may enter the room (for room links and pings). */
    public boolean mayEnter(long member, Room room) {
        return Hallway.mayEnter(member, room.snapshot(), room.removed(), access.followers(member),
                access.blockedEitherWay(member), clubs);
    }

    /** A connection of {@code member} now follows the room: they are present. */
    public void attached(Room room, long member) {
        connections.merge(key(room.id(), member), 1, Integer::sum);
        cancelTimeout(room.id(), member);
    }

    /** A connection of {@code member} left the room; with none left they are away, then timed out. */
    public void detached(Room room, long member, boolean leftOnPurpose) {
        if (closing) {
            return;
        }
        Integer left = connections.computeIfPresent(key(room.id(), member), (k, n) -> n <= 1 ? null : n - 1);
        if (left == null && !leftOnPurpose) {
            room.submit(member, new Command.Presence(true));
            scheduleTimeout(room, member);
        }
    }

    private void scheduleTimeout(Room room, long member) {
        String key = key(room.id(), member);
        var task = timers.schedule(() -> {
            timeouts.remove(key);
            if (!connections.containsKey(key)) {
                room.submit(member, new Command.TimedOut());
            }
        }, config.presenceGrace().toMillis(), TimeUnit.MILLISECONDS);
        var previous = timeouts.put(key, task);
        if (previous != null) {
            previous.cancel(false);
        }
    }

    private void cancelTimeout(String roomId, long member) {
        var task = timeouts.remove(key(roomId, member));
        if (task != null) {
            task.cancel(false);
        }
    }

    private static String key(String roomId, long member) {
        return roomId + "/" + member;
    }

    /** Called first when the node stops, before connections are closed. */
    public void beginShutdown() {
        closing = true;
    }

    @Override
    public void close() {
        closing = true;
        timers.shutdownNow();
    }
}
