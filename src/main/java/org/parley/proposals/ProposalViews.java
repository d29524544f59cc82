package org.parley.proposals;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.parley.accounts.Member;
import org.parley.accounts.MemberRef;
import org.parley.accounts.Members;
import org.parley.storage.Database;

/** The API's shapes of proposals (docs/api.md, the OpenAPI {@code Proposal} schema). */
final class ProposalViews {

    /** Nothing is recorded in Parley today; the proposal says so rather than leave it to guesswork. */
    static final String RECORDING = "none";

    record RecipientView(MemberRef member, boolean organization, String answer) {}

    /** @param proposedBy the username of who offered it: the proposer, or a recipient proposing another time */
    record TimeView(long id, Instant startsAt, int lengthMinutes, Instant endsAt, String proposedBy) {}

    /** One step of its history; {@code reason} is a decline's reason, left out when it is private and the reader no party. */
    record StepView(String kind, MemberRef actor, Instant at, Long timeId,
                    @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
                    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean reasonPublic) {}

    record MessageView(long id, MemberRef author, String text, Instant at) {}

    record EventLink(String id, String url) {}

    /**
     * What the reader is to it and may do.
     *
     * @param answer     the reader's own answer when they are a recipient, else null
     * @param delegateOf the organization among its sides the reader is a delegate of (they answer by acting as it), else null
     */
    record You(boolean proposer, boolean recipient, String answer, String delegateOf, boolean canAnswer, boolean canAsk) {}

    /**
     * @param visibility {@code public} or {@code private}
     * @param status     {@code open}, {@code accepted}, {@code declined} or {@code expired}
     * @param recording  always {@code none}: Parley records nothing
     */
    record ProposalView(String id, String url, String topic, String description, String format, List<String> languages,
                        String guests, String audience, String recording, String note, String visibility, String status,
                        Instant expiresAt, MemberRef proposer, List<RecipientView> recipients, List<TimeView> times,
                        Long acceptedTimeId, EventLink event, List<StepView> history, List<MessageView> thread, You you,
                        Instant createdAt, Instant updatedAt) {}

    record Page(List<ProposalView> proposals) {}

    private final Database db;
    private final Members members;
    private final Visibility visibility;

    ProposalViews(Database db, Members members, Visibility visibility) {
        this.db = db;
        this.members = members;
        this.visibility = visibility;
    }

    ProposalView of(Found f, long viewer, Instant now) {
        return db.read(conn -> of(conn, f, viewer, now, new HashMap<>()));
    }

    Page of(List<Found> found, long viewer, Instant now) {
        return db.read(conn -> {
            Map<Long, Member> cache = new HashMap<>();
            List<ProposalView> out = new ArrayList<>();
            for (Found f : found) {
                out.add(of(conn, f, viewer, now, cache));
            }
            return new Page(out);
        });
    }

    private ProposalView of(Connection conn, Found f, long viewer, Instant now, Map<Long, Member> cache) throws SQLException {
        Proposal p = f.proposal();
        var sees = visibility.of(conn, viewer);
        boolean party = sees.isParty(f);
        Long delegateOf = f.parties().contains(viewer) ? null : sees.delegateFor(f);
        Proposal.Status status = p.statusAt(now);
        List<RecipientView> recipients = new ArrayList<>();
        for (Proposal.Recipient r : f.recipients()) {
            Member m = member(conn, r.memberId(), cache);
            if (m != null) {
                recipients.add(new RecipientView(m.ref(), m.organization(), r.answer().name()));
            }
        }
        List<TimeView> times = new ArrayList<>();
        for (Proposal.Time t : f.times()) {
            Member by = member(conn, t.proposedBy(), cache);
            times.add(new TimeView(t.id(), t.startsAt(), t.lengthMinutes(), t.endsAt(), by == null ? null : by.username()));
        }
        List<StepView> history = new ArrayList<>();
        List<MessageView> thread = new ArrayList<>();
        for (Proposal.Step s : f.steps()) {
            MemberRef actor = s.actorId() == null ? null : ref(conn, s.actorId(), cache);
            if (s.kind() == Proposal.StepKind.question) {
                thread.add(new MessageView(s.id(), actor, s.text(), s.at()));
                continue;
            }
            boolean showReason = s.text() != null && (s.textPublic() || party);
            history.add(new StepView(s.kind().name(), actor, s.at(), s.timeId(), showReason ? s.text() : null,
                    s.kind() == Proposal.StepKind.declined && s.text() != null && showReason ? s.textPublic() : null));
        }
        var mine = f.recipient(viewer);
        boolean open = status == Proposal.Status.open || status == Proposal.Status.accepted;
        boolean canAnswer = mine.isPresent() && mine.get().answer() == Proposal.Answer.pending && open
                || f.proposedBy(viewer) && status == Proposal.Status.open
                && f.times().stream().anyMatch(t -> t.proposedBy() != viewer);
        boolean canAsk = (mine.isPresent() || f.proposedBy(viewer)) && open;
        Member delegateOrg = delegateOf == null ? null : member(conn, delegateOf, cache);
        var you = new You(f.proposedBy(viewer), mine.isPresent(), mine.map(r -> r.answer().name()).orElse(null),
                delegateOrg == null ? null : delegateOrg.username(), canAnswer, canAsk);
        return new ProposalView(p.id(), "/proposals/" + p.id(), p.topic(), p.description(), p.format(), p.languages(),
                p.guests(), p.audience(), RECORDING, p.note(), p.open() ? "public" : "private", status.name(), p.expiresAt(),
                ref(conn, p.proposerId(), cache), recipients, times, f.acceptedTime().orElse(null),
                p.eventId() == null ? null : new EventLink(p.eventId(), "/events/" + p.eventId()), history, thread, you,
                p.createdAt(), p.updatedAt());
    }

    private Member member(Connection conn, long id, Map<Long, Member> cache) throws SQLException {
        if (!cache.containsKey(id)) {
            cache.put(id, members.byId(conn, id).orElse(null));
        }
        return cache.get(id);
    }

    private MemberRef ref(Connection conn, long id, Map<Long, Member> cache) throws SQLException {
        Member m = member(conn, id, cache);
        return m == null ? null : m.ref();
    }
}
