package org.parley.rooms;

import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.util.List;
import org.parley.accounts.Members;
import org.parley.events.EventBus;
import org.parley.module.MessageRoutes;
import org.parley.module.MetricsWriter;
import org.parley.module.Module;
import org.parley.module.PersonalData;
import org.parley.module.Searchable;
import org.parley.storage.Database;

/**
 * Live rooms: starting one and the hallway over HTTP ({@code RoomsApi}), and {@link Rooms}, which
 * runs each room and publishes what changes on the bus (stage, departures, ends, the hallway). The
 * rooms that were live when the node stopped come back when the module is built.
 */
public final class RoomsModule implements Module {

    private final Rooms rooms;
    private final RoomsApi api;
    private final Database db;
    private final Members members;
    private final Access access;
    private final EventBus events;

    /** @param access the follow graph and blocks, as rooms' rules need them */
    public RoomsModule(Database db, Members members, Access access, RoomsConfig config, EventBus events, Clock clock) {
        this.rooms = new Rooms(db, access, config, events, clock);
        rooms.loadLive();
        this.api = new RoomsApi(rooms, db, members, clock);
        this.db = db;
        this.members = members;
        this.access = access;
        this.events = events;
    }

    /** Live rooms, found by title, description and languages, to those who may enter them. */
    @Override
    public List<Searchable> searchables() {
        return List.of(new RoomSearch(rooms, access));
    }

    public Rooms rooms() {
        return rooms;
    }

    @Override
    public void routes(RoutesConfig routes) {
        api.routes(routes);
    }

    /** {@code ping}: invite someone you follow into the room you are in. */
    @Override
    public void messages(MessageRoutes routes) {
        routes.on("ping", new Pings(rooms, db, members, access, routes.push(), events));
    }

    @Override
    public void metrics(MetricsWriter out) {
        long participants = rooms.live().stream().mapToLong(r -> r.snapshot().participants().size()).sum();
        out.gauge("parley_rooms_live", rooms.live().size());
        out.gauge("parley_room_participants", participants);
    }

    /** Connections closing from now on are the node going away, not people leaving. */
    @Override
    public void stopping() {
        rooms.beginShutdown();
    }

    @Override
    public void close() {
        rooms.close();
    }

    @Override
    public List<PersonalData> personalData() {
        return List.of(new RoomData());
    }
}
