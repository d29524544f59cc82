package org.parley.clubs;

import io.javalin.config.RoutesConfig;
import java.time.Clock;
import org.parley.accounts.Members;
import org.parley.events.EventBus;
import org.parley.events.MemberJoined;
import org.parley.invites.Invitations;
import org.parley.module.Module;
import org.parley.rooms.Rooms;
import org.parley.schedule.EventDirectory;
import org.parley.storage.Database;

/**
 * Clubs (issue 16): a named group of members with a founder, admins, leaders and members, a join
 * policy (open, by approval, by invitation), bans and followers. Who may do what is one table,
 * {@link ClubRules}; {@link Clubs} applies it inside each change's transaction.
 */
public final class ClubsModule implements Module {

    private final ClubsApi api;
    private final ClubRoomsApi roomsApi;
    private final ClubPhotosApi photosApi;
    private final ClubLinksApi linksApi;
    private final ClubEventsApi eventsApi;

    /** @param rooms where club rooms start; this module gives it {@link org.parley.rooms.ClubAccess} */
    /** @param events the schedule's events, which a club lists when its leaders put them in it */
    public ClubsModule(Database db, Members members, Invitations invitations, Rooms rooms, EventDirectory events, Clock clock) {
        var store = new ClubStore();
        var clubs = new Clubs(db, members, store, clock);
        var views = new ClubViews(db, members, store);
        this.api = new ClubsApi(clubs, views, db, members, clock);
        this.roomsApi = new ClubRoomsApi(clubs, rooms, clock);
        this.photosApi = new ClubPhotosApi(clubs, views, db, clock);
        this.linksApi = new ClubLinksApi(clubs, views, db, invitations, clock);
        this.eventsApi = new ClubEventsApi(clubs, db, events, clock);
        rooms.useClubs(new ClubRoomsAccess(db, store));
    }

    @Override
    public void routes(RoutesConfig routes) {
        api.routes(routes);
        roomsApi.routes(routes);
        photosApi.routes(routes);
        linksApi.routes(routes);
        eventsApi.routes(routes);
    }

    /** Clubs' part of a member's export and account deletion. */
    @Override
    public java.util.List<org.parley.module.PersonalData> personalData() {
        return java.util.List.of(new ClubData());
    }

    /** Someone who signed up with a club's invitation link joins the club. */
    @Override
    public void listen(EventBus events) {
        events.subscribe(MemberJoined.class, linksApi::onJoined);
    }
}
