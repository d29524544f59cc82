package org.parley.proposals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.parley.kernel.SpokenLanguages;
import org.parley.storage.Database;

/** SQL for proposals, their recipients, times and history (db migration V13). Methods take the caller's connection. */
final class ProposalStore {

    /** Most proposals one list returns. */
    static final int MOST = 100;
    /** Ids bound in one {@code IN (…)} list: under every driver's limit on parameters. */
    private static final int IN_CHUNK = 500;
    private static final String COLUMNS = "p.id, p.proposer_id, p.topic, p.description, p.format, p.languages, p.guests,"
            + " p.audience, p.note, p.public, p.status, p.expires_at, p.event_id, p.created_at, p.updated_at";

    void insert(Connection conn, Proposal p) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("INSERT INTO proposals (id, proposer_id, topic, description, format,"
                + " languages, guests, audience, note, public, status, expires_at, event_id, created_at, updated_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, p.id());
            st.setLong(2, p.proposerId());
            st.setString(3, p.topic());
            st.setString(4, p.description());
            st.setString(5, p.format());
            st.setString(6, p.languages().isEmpty() ? "" : SpokenLanguages.join(p.languages()));
            st.setString(7, p.guests());
            st.setString(8, p.audience());
            st.setString(9, p.note());
            st.setBoolean(10, p.open());
            st.setString(11, p.status().name());
            Database.setInstant(st, 12, p.expiresAt());
            st.setString(13, p.eventId());
            Database.setInstant(st, 14, p.createdAt());
            Database.setInstant(st, 15, p.updatedAt());
            st.executeUpdate();
        }
    }

    void addRecipient(Connection conn, String id, long member) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(
                "INSERT INTO proposal_recipients (proposal_id, member_id, answer) VALUES (?, ?, ?)")) {
            st.setString(1, id);
            st.setLong(2, member);
            st.setString(3, Proposal.Answer.pending.name());
            st.executeUpdate();
        }
    }

    /** Records a recipient's answer; false when it was no longer pending (their other request won). */
    boolean answer(Connection conn, String id, long member, Proposal.Answer answer) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("UPDATE proposal_recipients SET answer = ?"
                + " WHERE proposal_id = ? AND member_id = ? AND answer = 'pending'")) {
            st.setString(1, answer.name());
            st.setString(2, id);
            st.setLong(3, member);
            return st.executeUpdate() == 1;
        }
    }

    long addTime(Connection conn, String id, Instant startsAt, int minutes, long proposedBy, Instant now) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("INSERT INTO proposal_times (proposal_id, starts_at, length_minutes,"
                + " proposed_by, created_at) VALUES (?, ?, ?, ?, ?)", new String[] {"id"})) {
            st.setString(1, id);
            Database.setInstant(st, 2, startsAt);
            st.setInt(3, minutes);
            st.setLong(4, proposedBy);
            Database.setInstant(st, 5, now);
            st.executeUpdate();
            try (ResultSet keys = st.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    void addStep(Connection conn, String id, Long actor, Proposal.StepKind kind, Long timeId, String text, boolean textPublic,
                 Instant now) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("INSERT INTO proposal_steps (proposal_id, actor_id, kind, time_id,"
                + " text, text_public, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            st.setString(1, id);
            st.setObject(2, actor, Types.BIGINT);
            st.setString(3, kind.name());
            st.setObject(4, timeId, Types.BIGINT);
            st.setString(5, text);
            st.setBoolean(6, textPublic);
            Database.setInstant(st, 7, now);
            st.executeUpdate();
        }
    }

    /** Moves it from {@code from} to {@code to} (and names its event); false when it was no longer {@code from}. */
    boolean changeStatus(Connection conn, String id, Proposal.Status from, Proposal.Status to, String eventId, Instant now)
            throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("UPDATE proposals SET status = ?, event_id = COALESCE(?, event_id),"
                + " updated_at = ? WHERE id = ? AND status = ?")) {
            st.setString(1, to.name());
            st.setString(2, eventId);
            Database.setInstant(st, 3, now);
            st.setString(4, id);
            st.setString(5, from.name());
            return st.executeUpdate() == 1;
        }
    }

    void touch(Connection conn, String id, Instant now) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("UPDATE proposals SET updated_at = ? WHERE id = ?")) {
            Database.setInstant(st, 1, now);
            st.setString(2, id);
            st.executeUpdate();
        }
    }

    Optional<Found> find(Connection conn, String id) throws SQLException {
        Optional<Proposal> p;
        try (PreparedStatement st = conn.prepareStatement("SELECT " + COLUMNS + " FROM proposals p WHERE p.id = ?")) {
            st.setString(1, id);
            p = list(st).stream().findFirst();
        }
        return p.isEmpty() ? Optional.empty() : Optional.of(complete(conn, p.get()));
    }

    Found complete(Connection conn, Proposal p) throws SQLException {
        List<Proposal.Recipient> recipients = new ArrayList<>();
        try (PreparedStatement st = conn.prepareStatement(
                "SELECT member_id, answer FROM proposal_recipients WHERE proposal_id = ? ORDER BY member_id")) {
            st.setString(1, p.id());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    recipients.add(new Proposal.Recipient(rs.getLong(1), Proposal.Answer.valueOf(rs.getString(2))));
                }
            }
        }
        List<Proposal.Time> times = new ArrayList<>();
        try (PreparedStatement st = conn.prepareStatement("SELECT id, starts_at, length_minutes, proposed_by FROM proposal_times"
                + " WHERE proposal_id = ? ORDER BY id")) {
            st.setString(1, p.id());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    times.add(new Proposal.Time(rs.getLong("id"), Database.instant(rs, "starts_at"), rs.getInt("length_minutes"),
                            rs.getLong("proposed_by")));
                }
            }
        }
        List<Proposal.Step> steps = new ArrayList<>();
        try (PreparedStatement st = conn.prepareStatement("SELECT id, actor_id, kind, time_id, text, text_public, created_at"
                + " FROM proposal_steps WHERE proposal_id = ? ORDER BY id")) {
            st.setString(1, p.id());
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    long actor = rs.getLong("actor_id");
                    Long actorId = rs.wasNull() ? null : actor;
                    long time = rs.getLong("time_id");
                    Long timeId = rs.wasNull() ? null : time;
                    steps.add(new Proposal.Step(rs.getLong("id"), actorId, Proposal.StepKind.valueOf(rs.getString("kind")),
                            timeId, rs.getString("text"), rs.getBoolean("text_public"), Database.instant(rs, "created_at")));
                }
            }
        }
        return new Found(p, recipients, times, steps);
    }

    // ---- lists ----

    /** The member's proposals, newest first: those they sent ({@code sent}), received, or both (null). */
    List<Proposal> ofMember(Connection conn, long member, Boolean sent, boolean publicOnly) throws SQLException {
        String mine = "p.proposer_id = ?";
        String received = "p.id IN (SELECT proposal_id FROM proposal_recipients WHERE member_id = ?)";
        String where = sent == null ? "(" + mine + " OR " + received + ")" : sent ? mine : received;
        try (PreparedStatement st = conn.prepareStatement("SELECT " + COLUMNS + " FROM proposals p WHERE " + where
                + (publicOnly ? " AND p.public = ?" : "") + " ORDER BY p.created_at DESC, p.id LIMIT " + MOST)) {
            int i = 1;
            st.setLong(i++, member);
            if (sent == null) {
                st.setLong(i++, member);
            }
            if (publicOnly) {
                st.setBoolean(i, true);
            }
            return list(st);
        }
    }

    /** Public proposals made since {@code since} by, or to, one of {@code members}, newest first. */
    List<Proposal> publicInvolving(Connection conn, Collection<Long> members, Instant since) throws SQLException {
        List<Long> ids = List.copyOf(members);
        List<Proposal> out = new ArrayList<>();
        for (int at = 0; at < ids.size(); at += IN_CHUNK) {
            List<Long> chunk = ids.subList(at, Math.min(ids.size(), at + IN_CHUNK));
            String in = String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
            try (PreparedStatement st = conn.prepareStatement("SELECT " + COLUMNS + " FROM proposals p WHERE p.public = ?"
                    + " AND p.updated_at >= ? AND (p.proposer_id IN (" + in + ") OR p.id IN (SELECT proposal_id FROM"
                    + " proposal_recipients WHERE member_id IN (" + in + "))) ORDER BY p.updated_at DESC, p.id LIMIT " + MOST)) {
                int i = 1;
                st.setBoolean(i++, true);
                Database.setInstant(st, i++, since);
                for (int round = 0; round < 2; round++) {
                    for (long id : chunk) {
                        st.setLong(i++, id);
                    }
                }
                out.addAll(list(st));
            }
        }
        return out;
    }

    // ---- housekeeping ----

    /** Open proposals whose expiry has passed. */
    List<String> due(Connection conn, Instant now) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT id FROM proposals WHERE status = 'open' AND expires_at <= ?"
                + " ORDER BY expires_at LIMIT " + MOST)) {
            Database.setInstant(st, 1, now);
            try (ResultSet rs = st.executeQuery()) {
                List<String> ids = new ArrayList<>();
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
                return ids;
            }
        }
    }

    private static List<Proposal> list(PreparedStatement st) throws SQLException {
        try (ResultSet rs = st.executeQuery()) {
            List<Proposal> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Proposal(rs.getString("id"), rs.getLong("proposer_id"), rs.getString("topic"),
                        rs.getString("description"), rs.getString("format"), SpokenLanguages.parse(rs.getString("languages")),
                        rs.getString("guests"), rs.getString("audience"), rs.getString("note"), rs.getBoolean("public"),
                        Proposal.Status.valueOf(rs.getString("status")), Database.instant(rs, "expires_at"),
                        rs.getString("event_id"), Database.instant(rs, "created_at"), Database.instant(rs, "updated_at")));
            }
            return out;
        }
    }
}
