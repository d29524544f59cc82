package org.parley.proposals;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.accounts.Member;
import org.parley.events.EventBus;
import org.parley.events.ProposalAnswered;
import org.parley.events.ProposalQuestionAsked;
import org.parley.events.ProposalReceived;
import org.parley.kernel.Tokens;
import org.parley.proposals.Refusal.Reason;
import org.parley.schedule.ProposedEvents;
import org.parley.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Proposals: making one, answering it (accept a time, propose another, decline), the thread, the
 * acceptance that makes it a scheduled event, and expiry ({@link #expireDue}).
 *
 * <p>Thread-safe: every change is one database transaction that re-reads the proposal; a recipient's
 * answer is claimed by a conditional update, so two answers at once cannot both count. Domain events
 * are published after the transaction commits.
 */
final class Proposals {

    private static final Logger log = LoggerFactory.getLogger(Proposals.class);
    /** The hallway shows public proposals of people one follows from the last month. */
    static final Duration FEED_SINCE = Duration.ofDays(30);
    /** Most items in the hallway's feed. */
    static final int FEED_MAX = 20;

    /** What a proposer fills in (already checked by {@link ProposalRules}). */
    record Draft(String topic, String description, String format, List<String> languages, String guests, String audience,
                 String note, boolean open, Instant expiresAt, List<TimeDraft> times) {}

    record TimeDraft(Instant startsAt, int lengthMinutes) {}

    /** An answer: accept a time, propose another, or decline (with an optional reason, public or not). */
    sealed interface Answer {
        record Accept(long timeId) implements Answer {}
        record Counter(TimeDraft time) implements Answer {}
        record Decline(String reason, boolean reasonPublic) implements Answer {}
    }

    private final Database db;
    private final ProposalStore store;
    private final Visibility visibility;
    private final ProposedEvents events;
    private final EventBus bus;
    private final Clock clock;

    Proposals(Database db, ProposalStore store, Visibility visibility, ProposedEvents events, EventBus bus, Clock clock) {
        this.db = db;
        this.store = store;
        this.visibility = visibility;
        this.events = events;
        this.bus = bus;
        this.clock = clock;
    }

    /** A new proposal from {@code proposer} to {@code recipients} (checked by the caller: known, not blocked, not themselves). */
    Found create(Member proposer, Draft d, List<Long> recipients) {
        Instant now = clock.instant();
        var p = new Proposal(Tokens.random(9), proposer.id(), d.topic().strip(), ProposalRules.clean(d.description()),
                ProposalRules.clean(d.format()), d.languages(), ProposalRules.clean(d.guests()),
                ProposalRules.clean(d.audience()), ProposalRules.clean(d.note()), d.open(), Proposal.Status.open,
                d.expiresAt(), null, now, now);
        Found found = db.transaction(conn -> {
            store.insert(conn, p);
            for (long r : recipients) {
                store.addRecipient(conn, p.id(), r);
            }
            for (TimeDraft t : d.times()) {
                store.addTime(conn, p.id(), t.startsAt(), t.lengthMinutes(), proposer.id(), now);
            }
            store.addStep(conn, p.id(), proposer.id(), Proposal.StepKind.proposed, null, null, false, now);
            return store.find(conn, p.id()).orElseThrow();
        });
        log.info("Proposal {} made by member {} to {} member(s)", p.id(), proposer.id(), recipients.size());
        bus.publish(new ProposalReceived(p.id(), p.topic(), proposer.id(), recipients));
        return found;
    }

    /** The proposal if {@code viewer} may see it. */
    Optional<Found> find(long viewer, String id) {
        return db.read(conn -> visible(conn, viewer, id));
    }

    private Optional<Found> visible(Connection conn, long viewer, String id) throws SQLException {
        Optional<Found> f = store.find(conn, id);
        return f.isPresent() && visibility.of(conn, viewer).sees(f.get()) ? f : Optional.empty();
    }

    private Found require(Connection conn, long viewer, String id) throws SQLException {
        return visible(conn, viewer, id).orElseThrow(() -> new Refusal(Reason.not_found));
    }

    /**
     * {@code me} answers. A recipient accepts one of the times (the first acceptance makes the event,
     * with the proposer and them as hosts; a later one, of the agreed time, joins its hosts), proposes
     * another time, or declines. The proposer accepts only a time a recipient proposed: that
     * recipient is then the one who accepted.
     */
    Found answer(Member me, String id, Answer answer) {
        Instant now = clock.instant();
        record Outcome(Found found, ProposalAnswered event) {}
        Outcome out = db.transaction(conn -> {
            Found f = require(conn, me.id(), id);
            Proposal p = f.proposal();
            Optional<Proposal.Recipient> mine = f.recipient(me.id());
            if (mine.isEmpty() && !(f.proposedBy(me.id()) && answer instanceof Answer.Accept)) {
                throw new Refusal(f.proposedBy(me.id()) ? Reason.not_their_time : Reason.not_recipient);
            }
            if (p.statusAt(now) == Proposal.Status.expired) {
                throw new Refusal(Reason.expired);
            }
            String kind;
            String eventId = null;
            List<Long> tell;
            switch (answer) {
                case Answer.Accept accept -> {
                    Proposal.Time time = f.time(accept.timeId()).orElseThrow(() -> new Refusal(Reason.unknown_time));
                    if (!time.startsAt().isAfter(now)) {
                        throw new Refusal(Reason.time_passed);
                    }
                    long accepter = mine.isPresent() ? me.id() : time.proposedBy();
                    if (mine.isEmpty() && (time.proposedBy() == me.id() || f.recipient(accepter).isEmpty())) {
                        throw new Refusal(Reason.not_their_time);
                    }
                    if (f.recipient(accepter).orElseThrow().answer() != Proposal.Answer.pending) {
                        throw new Refusal(Reason.already_answered);
                    }
                    eventId = accept(conn, f, time, accepter, now);
                    store.addStep(conn, id, me.id(), Proposal.StepKind.accepted, time.id(), null, false, now);
                    kind = "accepted";
                    tell = List.of(mine.isPresent() ? p.proposerId() : accepter);
                }
                case Answer.Counter counter -> {
                    pending(f, mine.get());
                    if (p.status() != Proposal.Status.open) {
                        throw new Refusal(Reason.closed);
                    }
                    if (f.times().size() >= ProposalRules.ALL_TIMES_MAX) {
                        throw new Refusal(Reason.full);
                    }
                    long timeId = store.addTime(conn, id, counter.time().startsAt(), counter.time().lengthMinutes(), me.id(), now);
                    store.addStep(conn, id, me.id(), Proposal.StepKind.counter, timeId, null, false, now);
                    store.touch(conn, id, now);
                    kind = "counter";
                    tell = List.of(p.proposerId());
                }
                case Answer.Decline decline -> {
                    pending(f, mine.get());
                    if (p.status() != Proposal.Status.open && p.status() != Proposal.Status.accepted) {
                        throw new Refusal(Reason.closed);
                    }
                    if (!store.answer(conn, id, me.id(), Proposal.Answer.declined)) {
                        throw new Refusal(Reason.already_answered);
                    }
                    String reason = ProposalRules.clean(decline.reason());
                    store.addStep(conn, id, me.id(), Proposal.StepKind.declined, null, reason.isEmpty() ? null : reason,
                            decline.reasonPublic(), now);
                    boolean allDeclined = f.recipients().stream()
                            .allMatch(r -> r.memberId() == me.id() || r.answer() == Proposal.Answer.declined);
                    if (allDeclined) {
                        store.changeStatus(conn, id, Proposal.Status.open, Proposal.Status.declined, null, now);
                    }
                    store.touch(conn, id, now);
                    kind = "declined";
                    tell = List.of(p.proposerId());
                }
            }
            Found after = store.find(conn, id).orElseThrow();
            return new Outcome(after, new ProposalAnswered(id, p.topic(), me.id(), kind,
                    after.proposal().eventId(), tell));
        });
        log.info("Proposal {} answered by member {}: {}", id, me.id(), out.event().answer());
        bus.publish(out.event());
        return out.found();
    }

    private static void pending(Found f, Proposal.Recipient mine) {
        if (mine.answer() != Proposal.Answer.pending) {
            throw new Refusal(Reason.already_answered);
        }
    }

    /**
     * The acceptance by {@code accepter} of {@code time}: the first makes the proposal a scheduled
     * event with the proposer and them as hosts; once accepted, another recipient may join its hosts
     * by accepting the agreed time. Returns the event's id.
     */
    private String accept(Connection conn, Found f, Proposal.Time time, long accepter, Instant now) throws SQLException {
        Proposal p = f.proposal();
        if (p.status() == Proposal.Status.accepted) {
            if (f.acceptedTime().filter(t -> t == time.id()).isEmpty()
                    || !events.addHost(conn, p.eventId(), accepter)) {
                throw new Refusal(Reason.unknown_time);
            }
            store.answer(conn, p.id(), accepter, Proposal.Answer.accepted);
            store.touch(conn, p.id(), now);
            return p.eventId();
        }
        if (p.status() != Proposal.Status.open) {
            throw new Refusal(Reason.closed);
        }
        if (!store.answer(conn, p.id(), accepter, Proposal.Answer.accepted)) {
            throw new Refusal(Reason.already_answered);
        }
        String description = eventDescription(p);
        String eventId = events.schedule(conn, p.proposerId(), List.of(accepter), p.topic(), description, time.startsAt(),
                time.lengthMinutes(), p.languages().isEmpty() ? null : p.languages().getFirst(), p.open());
        if (!store.changeStatus(conn, p.id(), Proposal.Status.open, Proposal.Status.accepted, eventId, now)) {
            throw new Refusal(Reason.closed);
        }
        return eventId;
    }

    /** The event's description: what was proposed, its format, guests and audience, as the proposer wrote them. */
    private static String eventDescription(Proposal p) {
        List<String> parts = new ArrayList<>();
        for (String part : List.of(p.description(), p.format(), p.guests(), p.audience())) {
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        String all = String.join("\n\n", parts);
        return all.codePointCount(0, all.length()) > 2_000 ? all.substring(0, all.offsetByCodePoints(0, 2_000)) : all;
    }

    /** A message on the thread, by the proposer or a recipient; the other side is told. */
    Found ask(Member me, String id, String text) {
        Instant now = clock.instant();
        record Outcome(Found found, ProposalQuestionAsked event) {}
        Outcome out = db.transaction(conn -> {
            Found f = require(conn, me.id(), id);
            boolean proposer = f.proposedBy(me.id());
            if (!proposer && f.recipient(me.id()).isEmpty()) {
                throw new Refusal(Reason.not_a_party);
            }
            Proposal.Status status = f.proposal().statusAt(now);
            if (status != Proposal.Status.open && status != Proposal.Status.accepted) {
                throw new Refusal(Reason.closed);
            }
            if (f.messages() >= ProposalRules.THREAD_MAX) {
                throw new Refusal(Reason.full);
            }
            store.addStep(conn, id, me.id(), Proposal.StepKind.question, null, text.strip(), false, now);
            store.touch(conn, id, now);
            List<Long> tell = proposer ? f.recipients().stream().map(Proposal.Recipient::memberId).toList()
                    : List.of(f.proposal().proposerId());
            return new Outcome(store.find(conn, id).orElseThrow(),
                    new ProposalQuestionAsked(id, f.proposal().topic(), me.id(), tell));
        });
        bus.publish(out.event());
        return out.found();
    }

    /** The member's own proposals: sent ({@code sent} true), received (false) or both, optionally of one status. */
    List<Found> mine(long member, Boolean sent, Proposal.Status status) {
        Instant now = clock.instant();
        return db.read(conn -> {
            List<Found> out = new ArrayList<>();
            for (Proposal p : store.ofMember(conn, member, sent, false)) {
                if (status == null || p.statusAt(now) == status) {
                    out.add(store.complete(conn, p));
                }
            }
            return out;
        });
    }

    /** {@code member}'s public proposals, made or received, as {@code viewer} may see them. */
    List<Found> publicOf(long viewer, long member) {
        return db.read(conn -> {
            var sees = visibility.of(conn, viewer);
            List<Found> out = new ArrayList<>();
            for (Proposal p : store.ofMember(conn, member, null, true)) {
                Found f = store.complete(conn, p);
                if (sees.sees(f)) {
                    out.add(f);
                }
            }
            return out;
        });
    }

    /** The hallway's feed: public proposals of the last month made by or to people {@code viewer} follows. */
    List<Found> following(long viewer) {
        Instant since = clock.instant().minus(FEED_SINCE);
        return db.read(conn -> {
            var sees = visibility.of(conn, viewer);
            Map<String, Proposal> found = new LinkedHashMap<>();
            store.publicInvolving(conn, visibility.following(conn, viewer), since).stream()
                    .sorted(Comparator.comparing(Proposal::updatedAt).reversed())
                    .forEach(p -> found.putIfAbsent(p.id(), p));
            List<Found> out = new ArrayList<>();
            for (Proposal p : found.values()) {
                Found f = store.complete(conn, p);
                if (sees.sees(f)) {
                    out.add(f);
                    if (out.size() == FEED_MAX) {
                        break;
                    }
                }
            }
            return out;
        });
    }

    /** Open proposals past their expiry become expired, with a step in their history; returns how many. */
    int expireDue() {
        Instant now = clock.instant();
        int expired = 0;
        for (String id : db.read(conn -> store.due(conn, now))) {
            boolean done = db.transaction(conn -> {
                if (!store.changeStatus(conn, id, Proposal.Status.open, Proposal.Status.expired, null, now)) {
                    return false;
                }
                store.addStep(conn, id, null, Proposal.StepKind.expired, null, null, false, now);
                return true;
            });
            if (done) {
                expired++;
            }
        }
        if (expired > 0) {
            log.info("{} proposal(s) expired without an answer", expired);
        }
        return expired;
    }
}
