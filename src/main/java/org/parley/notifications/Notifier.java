package org.parley.notifications;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.parley.accounts.Members;
import org.parley.events.CohostAnswered;
import org.parley.events.CohostRequested;
import org.parley.events.EventChanged;
import org.parley.events.EventReminderDue;
import org.parley.events.EventStarted;
import org.parley.events.FollowChanged;
import org.parley.events.MemberJoined;
import org.parley.events.MemberPinged;
import org.parley.events.ProposalAnswered;
import org.parley.events.ProposalQuestionAsked;
import org.parley.events.ProposalReceived;
import org.parley.events.RoomStarted;
import org.parley.module.Push;
import org.parley.rooms.Rooms;
import org.parley.social.SocialGraph;
import org.parley.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what other features announce into notifications: stored for the notification centre, then
 * sent at once to the member's open connections ({@code notification}, with the new unread count),
 * and as a Web Push to their devices — each as the member's settings say ({@link Channel},
 * {@link QuietHours}).
 *
 * <p>Threading: the {@code on…} methods are bus listeners on the publisher's thread (a request's or a
 * room's); they only queue. The database work and the sends run one at a time on this class's own
 * thread, in the order the events came. A notification that cannot be stored (the database is down)
 * is logged and dropped: it is a courtesy, not a record.
 */
final class Notifier {

    private static final Logger log = LoggerFactory.getLogger(Notifier.class);
    /** A followed member's next room start is not notified again to the same follower within this time. */
    static final Duration ROOM_STARTED_QUIET = Duration.ofMinutes(30);
    /** Room starts notify at most this many followers (a very followed member's rooms reach the hallway anyway). */
    static final int ROOM_STARTED_MAX_RECIPIENTS = 5_000;
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final Database db;
    private final NotificationStore store;
    private final Members members;
    private final SocialGraph graph;
    private final Rooms rooms;
    private final Push push;
    private final Clock clock;
    private final SettingsStore settings;
    private final SubscriptionStore subscriptions;
    private final PushDelivery delivery;
    /** "follower:creator" → when the follower was last told that creator started a room. */
    private final Map<String, Instant> lastRoomStart = new ConcurrentHashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("notifications").factory());

    Notifier(Database db, NotificationStore store, Members members, SocialGraph graph, Rooms rooms, Push push, Clock clock,
             SettingsStore settings, SubscriptionStore subscriptions, PushDelivery delivery) {
        this.db = db;
        this.settings = settings;
        this.subscriptions = subscriptions;
        this.delivery = delivery;
        this.store = store;
        this.members = members;
        this.graph = graph;
        this.rooms = rooms;
        this.push = push;
        this.clock = clock;
    }

    void onFollow(FollowChanged e) {
        if (e.following()) {
            queue(() -> notify(List.of(e.followee()), Kind.followed, e.follower(), null, null, null));
        }
    }

    void onJoin(MemberJoined e) {
        if (e.invitedBy() != null) {
            queue(() -> notify(List.of(e.invitedBy()), Kind.invite_used, e.memberId(), null, null, null));
        }
    }

    void onPing(MemberPinged e) {
        queue(() -> notify(List.of(e.to()), Kind.pinged, e.from(), e.roomId(), e.roomTitle(), null));
    }

    void onRoomStart(RoomStarted e) {
        if (e.scheduled()) {
            return; // a scheduled event's room: its audience hears of it as event_starting
        }
        queue(() -> rooms.get(e.roomId()).ifPresent(room -> {
            Instant now = clock.instant();
            List<Long> recipients = new ArrayList<>();
            for (long follower : db.read(conn -> graph.followerIds(conn, e.creatorId()))) {
                if (recipients.size() < ROOM_STARTED_MAX_RECIPIENTS && rooms.mayEnter(follower, room) && quietOver(follower, e.creatorId(), now)) {
                    recipients.add(follower);
                }
            }
            notify(recipients, Kind.room_started, e.creatorId(), room.id(), room.snapshot().title(), null);
        }));
    }

    void onEventReminder(EventReminderDue e) {
        var event = new NotificationStore.Subject(e.eventId(), e.title());
        queue(() -> notify(e.recipients(), Kind.event_reminder, e.creatorId(), null, null, event));
    }

    void onEventStarted(EventStarted e) {
        var event = new NotificationStore.Subject(e.eventId(), e.title());
        queue(() -> notify(e.recipients(), Kind.event_starting, e.startedBy(), e.roomId(), e.title(), event));
    }

    void onCohostRequested(CohostRequested e) {
        var event = new NotificationStore.Subject(e.eventId(), e.title());
        queue(() -> notify(List.of(e.cohost()), Kind.cohost_request, e.host(), null, null, event));
    }

    void onCohostAnswered(CohostAnswered e) {
        var event = new NotificationStore.Subject(e.eventId(), e.title());
        Kind kind = e.accepted() ? Kind.cohost_accepted : Kind.cohost_declined;
        queue(() -> notify(List.of(e.creator()), kind, e.cohost(), null, null, event));
    }

    void onEventChanged(EventChanged e) {
        var event = new NotificationStore.Subject(e.eventId(), e.title());
        Kind kind = e.cancelled() ? Kind.event_cancelled : Kind.event_moved;
        queue(() -> notify(e.recipients(), kind, e.host(), null, null, event));
    }

    void onProposalReceived(ProposalReceived e) {
        var proposal = new NotificationStore.Subject(e.proposalId(), e.topic());
        queue(() -> notifyProposal(e.recipients(), Kind.proposal_received, e.proposer(), proposal));
    }

    /** An accepted proposal's notice carries the event it became, so a click leads to the event. */
    void onProposalAnswered(ProposalAnswered e) {
        var proposal = new NotificationStore.Subject(e.proposalId(), e.topic());
        queue(() -> notifyProposal(e.recipients(), Kind.proposal_answered, e.actor(), proposal));
    }

    void onProposalQuestion(ProposalQuestionAsked e) {
        var proposal = new NotificationStore.Subject(e.proposalId(), e.topic());
        queue(() -> notifyProposal(e.recipients(), Kind.proposal_question, e.author(), proposal));
    }

    private void notifyProposal(List<Long> recipients, Kind kind, long actor, NotificationStore.Subject proposal) {
        notify(recipients, kind, actor, null, null, null, proposal);
    }

    private boolean quietOver(long follower, long creator, Instant now) {
        Instant last = lastRoomStart.get(follower + ":" + creator);
        if (last != null && last.plus(ROOM_STARTED_QUIET).isAfter(now)) {
            return false;
        }
        lastRoomStart.put(follower + ":" + creator, now);
        return true;
    }

    private void queue(Runnable job) {
        if (worker.isShutdown()) {
            return;
        }
        worker.execute(() -> {
            try {
                job.run();
            } catch (RuntimeException ex) {
                log.warn("A notification was not delivered: {}", ex.toString());
            }
        });
    }

    /** What one notification's transaction produced: the live messages and the pushes. */
    private record Out(List<Long> to, List<String> live, List<PushDelivery.Message> pushes, int held) {}

    /**
     * Stores one notification per recipient who has not turned the kind off, in one transaction,
     * then tells each of them live, and hands the pushes — for those who chose push and are not in
     * their quiet hours — to {@link PushDelivery}.
     */
    private void notify(List<Long> recipients, Kind kind, Long actor, String roomId, String roomTitle,
                        NotificationStore.Subject event) {
        notify(recipients, kind, actor, roomId, roomTitle, event, null);
    }

    private void notify(List<Long> recipients, Kind kind, Long actor, String roomId, String roomTitle,
                        NotificationStore.Subject event, NotificationStore.Subject proposal) {
        if (recipients.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Out out = db.transaction(conn -> {
            Map<Long, Channel> channels = settings.channels(conn, recipients, kind);
            List<Long> pushTo = recipients.stream().filter(m -> channels.get(m) == Channel.push).toList();
            Map<Long, QuietHours> quiet = settings.quietHours(conn, pushTo);
            List<Long> awake = pushTo.stream().filter(m -> quiet.get(m) == null || !quiet.get(m).covers(now)).toList();
            Map<Long, List<SubscriptionStore.Subscription>> devices = new java.util.HashMap<>();
            for (var sub : awake.isEmpty() ? List.<SubscriptionStore.Subscription>of() : subscriptions.forMembers(conn, awake)) {
                devices.computeIfAbsent(sub.memberId(), k -> new ArrayList<>()).add(sub);
            }
            List<Long> to = new ArrayList<>();
            List<String> live = new ArrayList<>();
            List<PushDelivery.Message> pushes = new ArrayList<>();
            for (long member : recipients) {
                if (channels.get(member) == Channel.off) {
                    continue;
                }
                long id = store.insert(conn, member, kind, actor, roomId, roomTitle, event, proposal, now);
                var view = Views.of(conn, members,
                        new NotificationStore.Row(id, kind, actor, roomId, roomTitle, event, now, false, proposal));
                long unread = store.unread(conn, member);
                to.add(member);
                live.add(json(Map.of("type", "notification", "unread", unread, "notification", view)));
                List<SubscriptionStore.Subscription> mine = devices.getOrDefault(member, List.of());
                if (!mine.isEmpty()) {
                    String payload = json(PushPayload.of(view, members.language(conn, member), unread));
                    mine.forEach(sub -> pushes.add(new PushDelivery.Message(sub, kind, payload)));
                }
            }
            return new Out(to, live, pushes, pushTo.size() - awake.size());
        });
        for (int i = 0; i < out.to().size(); i++) {
            push.toMember(out.to().get(i), out.live().get(i));
        }
        delivery.held(out.held());
        delivery.send(out.pushes());
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits briefly for queued notifications, then stops. */
    void close() {
        worker.shutdown();
        try {
            worker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
