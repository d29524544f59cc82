package org.parley.notifications;

import io.javalin.config.RoutesConfig;
import java.time.Clock;
import org.parley.accounts.Members;
import org.parley.events.EventBus;
import org.parley.events.FollowChanged;
import org.parley.events.MemberJoined;
import org.parley.events.MemberPinged;
import org.parley.events.RoomStarted;
import org.parley.module.Module;
import org.parley.module.Push;
import org.parley.rooms.Rooms;
import org.parley.social.SocialGraph;
import org.parley.storage.Database;

/**
 * The notification centre (issue 15): what happened to a member while they were elsewhere — someone
 * followed them, joined with their invitation, pinged them into a room, or a member they follow
 * started a room they may enter. Kept in the database (listed and marked read over HTTP) and sent live
 * to the member's open connections. It only listens: no feature knows it exists.
 */
public final class NotificationsModule implements Module {

    private final NotificationsApi api;
    private final Notifier notifier;

    public NotificationsModule(Database db, Members members, SocialGraph graph, Rooms rooms, Push push, Clock clock) {
        var store = new NotificationStore();
        this.api = new NotificationsApi(db, store, members, clock);
        this.notifier = new Notifier(db, store, members, graph, rooms, push, clock);
    }

    @Override
    public void routes(RoutesConfig routes) {
        api.routes(routes);
    }

    @Override
    public void listen(EventBus events) {
        events.subscribe(FollowChanged.class, notifier::onFollow);
        events.subscribe(MemberJoined.class, notifier::onJoin);
        events.subscribe(MemberPinged.class, notifier::onPing);
        events.subscribe(RoomStarted.class, notifier::onRoomStart);
    }

    @Override
    public void close() {
        notifier.close();
    }
}
