package org.parley.rooms;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.parley.events.EventBus;
import org.parley.events.HallwayChanged;
import org.parley.events.RoomEnded;
import org.parley.events.RoomStarted;
import org.parley.module.SearchDocument;
import org.parley.module.Searchable;
import org.parley.module.Searcher;

/**
 * Live rooms as search finds them: by title, description and languages. Who may see one is the
 * hallway's rule ({@link Hallway#mayEnter}: a closed room only those admitted, a social one those its
 * stage follows, none whose moderator is in a block with the searcher); an ended room is gone.
 */
final class RoomSearch implements Searchable {

    private final Rooms rooms;
    private final Access access;

    RoomSearch(Rooms rooms, Access access) {
        this.rooms = rooms;
        this.access = access;
    }

    @Override
    public String kind() {
        return ROOM;
    }

    @Override
    public void all(Consumer<SearchDocument> out) {
        for (Room room : rooms.live()) {
            document(room.snapshot()).ifPresent(out);
        }
    }

    @Override
    public Optional<SearchDocument> one(String id) {
        return rooms.get(id).flatMap(r -> document(r.snapshot()));
    }

    /**
     * A title or description edit and a new stage come as {@link HallwayChanged}, which names no room:
     * every live room is looked at again (search skips those that did not change).
     */
    @Override
    public void follow(EventBus events, Consumer<String> changed) {
        events.subscribe(RoomStarted.class, e -> changed.accept(e.roomId()));
        events.subscribe(RoomEnded.class, e -> changed.accept(e.roomId()));
        events.subscribe(HallwayChanged.class, e -> rooms.live().forEach(r -> changed.accept(r.id())));
    }

    @Override
    public Predicate<SearchDocument> visibleTo(Searcher searcher) {
        long member = searcher.id();
        // Read once per search, and only when a room is among the hits.
        var graph = new Object() {
            Set<Long> followers;
            Set<Long> blocked;
        };
        return d -> {
            Optional<Room> room = rooms.get(d.id());
            if (room.isEmpty() || room.get().snapshot().ended()) {
                return false;
            }
            if (graph.followers == null) {
                graph.followers = access.followers(member);
                graph.blocked = access.blockedEitherWay(member);
            }
            return Hallway.mayEnter(member, room.get().snapshot(), room.get().removed(), graph.followers, graph.blocked,
                    rooms.clubs());
        };
    }

    private static Optional<SearchDocument> document(RoomSnapshot s) {
        if (s.ended()) {
            return Optional.empty();
        }
        Set<Long> people = new HashSet<>();
        people.add(s.creatorId());
        s.stage().forEach(p -> people.add(p.memberId()));
        StringBuilder text = new StringBuilder(s.description());
        if (s.language() != null) {
            text.append(' ').append(s.language());
        }
        s.interpretation().forEach(l -> text.append(' ').append(l));
        Map<String, String> shown = new HashMap<>();
        shown.put("title", s.title());
        shown.put("description", s.description());
        shown.put("type", s.type().name());
        if (s.language() != null) {
            shown.put("language", s.language());
        }
        shown.put("speakers", String.join(", ", s.stage().stream().limit(3).map(Participant::displayName).toList()));
        return Optional.of(new SearchDocument(ROOM, s.id(), List.of(s.title()), text.toString(), people, shown));
    }
}
