package org.parley.notifications;

import io.javalin.config.RoutesConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.parley.accounts.Members;
import org.parley.events.CohostAnswered;
import org.parley.events.CohostRequested;
import org.parley.events.EventChanged;
import org.parley.events.EventBus;
import org.parley.events.EventReminderDue;
import org.parley.events.EventStarted;
import org.parley.events.FollowChanged;
import org.parley.events.MemberJoined;
import org.parley.events.MemberPinged;
import org.parley.events.ProposalAnswered;
import org.parley.events.ProposalQuestionAsked;
import org.parley.events.ProposalReceived;
import org.parley.events.RoomStarted;
import org.parley.module.Housekeeping;
import org.parley.module.MetricsWriter;
import org.parley.module.Module;
import org.parley.module.PersonalData;
import org.parley.module.Push;
import org.parley.notifications.webpush.PushClient;
import org.parley.notifications.webpush.Vapid;
import org.parley.rooms.Rooms;
import org.parley.social.SocialGraph;
import org.parley.storage.Database;

/**
 * The notification centre (issue 15): what happened to a member while they were elsewhere — someone
 * followed them, joined with their invitation, pinged them into a room, a member they follow
 * started a room they may enter, a scheduled event is about to start or has started, or a co-host
 * request was made or answered. Kept in the database (listed and marked read over HTTP), sent live
 * to the member's open connections and, as each member chose per kind, as a Web Push to their
 * devices (RFC 8030/8291/8292, package {@code webpush}). It only listens: no feature knows it exists.
 */
public final class NotificationsModule implements Module {

    /** Notifications are kept this long, read or not: they tell what happened lately, not a history. */
    public static final Duration KEPT_FOR = Duration.ofDays(90);

    private final NotificationsApi api;
    private final SettingsApi settingsApi;
    private final PushApi pushApi;
    private final PushDelivery delivery;
    private final Notifier notifier;
    private final Database db;
    private final NotificationStore store;
    private final Clock clock;

    public NotificationsModule(Database db, Members members, SocialGraph graph, Rooms rooms, Push push, PushConfig config,
                               Path dataDir, Clock clock) {
        this.db = db;
        this.store = new NotificationStore();
        this.clock = clock;
        var settings = new SettingsStore();
        var subscriptions = new SubscriptionStore();
        var vapid = new Vapid(PushKeys.load(dataDir), config.contact());
        this.api = new NotificationsApi(db, store, members, clock);
        this.settingsApi = new SettingsApi(db, settings, subscriptions, clock);
        this.pushApi = new PushApi(db, subscriptions, vapid, config, clock);
        this.delivery = new PushDelivery(new PushClient(vapid), db, subscriptions, clock,
                endpoint -> PushApi.reachable(endpoint, config));
        this.notifier = new Notifier(db, store, members, graph, rooms, push, clock, settings, subscriptions, delivery);
    }

    @Override
    public void routes(RoutesConfig routes) {
        api.routes(routes);
        settingsApi.routes(routes);
        pushApi.routes(routes);
    }

    @Override
    public void metrics(MetricsWriter out) {
        delivery.metrics(out);
    }

    @Override
    public void listen(EventBus events) {
        events.subscribe(FollowChanged.class, notifier::onFollow);
        events.subscribe(MemberJoined.class, notifier::onJoin);
        events.subscribe(MemberPinged.class, notifier::onPing);
        events.subscribe(RoomStarted.class, notifier::onRoomStart);
        events.subscribe(EventReminderDue.class, notifier::onEventReminder);
        events.subscribe(EventStarted.class, notifier::onEventStarted);
        events.subscribe(CohostRequested.class, notifier::onCohostRequested);
        events.subscribe(CohostAnswered.class, notifier::onCohostAnswered);
        events.subscribe(EventChanged.class, notifier::onEventChanged);
        events.subscribe(ProposalReceived.class, notifier::onProposalReceived);
        events.subscribe(ProposalAnswered.class, notifier::onProposalAnswered);
        events.subscribe(ProposalQuestionAsked.class, notifier::onProposalQuestion);
    }

    /** Once a day, notifications older than {@link #KEPT_FOR} go. */
    @Override
    public void housekeeping(Housekeeping schedule) {
        schedule.every(Duration.ofMinutes(5), Duration.ofDays(1), "Notification clean-up", this::purge);
    }

    int purge() {
        return db.transaction(conn -> store.deleteOlderThan(conn, clock.instant().minus(KEPT_FOR)));
    }

    @Override
    public void close() {
        notifier.close();
        delivery.close();
    }

    @Override
    public List<PersonalData> personalData() {
        return List.of(new NotificationData());
    }
}
