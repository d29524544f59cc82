package org.parley.proposals;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.parley.module.PersonalData;
import org.parley.storage.Rows;

/**
 * Proposals' part of a member's data: the proposals they made (with their times and history), those
 * they received (their own answers), and what they wrote on threads. Erasing: the proposals they made
 * go whole (their words); on others' proposals their thread messages and decline reasons go, while the
 * steps they took stay as "a former member" did them, so the other side's history keeps its shape.
 */
final class ProposalData implements PersonalData {

    @Override
    public String name() {
        return "proposals";
    }

    @Override
    public void export(Connection conn, long memberId, ExportWriter out) throws SQLException {
        out.json("proposals.json", Map.of(
                "made", Rows.query(conn, "SELECT p.id, p.topic, p.description, p.format, p.languages, p.guests, p.audience,"
                        + " p.note, p.public, p.status, p.expires_at, p.event_id, p.created_at FROM proposals p"
                        + " WHERE p.proposer_id = ? ORDER BY p.created_at", memberId),
                "received", Rows.query(conn, "SELECT p.id, p.topic, p.status, r.answer, p.created_at FROM proposal_recipients r"
                        + " JOIN proposals p ON p.id = r.proposal_id WHERE r.member_id = ? ORDER BY p.created_at", memberId),
                "timesProposed", Rows.query(conn, "SELECT proposal_id, starts_at, length_minutes, created_at FROM proposal_times"
                        + " WHERE proposed_by = ? ORDER BY id", memberId),
                "steps", Rows.query(conn, "SELECT proposal_id, kind, text, text_public, created_at FROM proposal_steps"
                        + " WHERE actor_id = ? ORDER BY id", memberId)));
    }

    @Override
    public void erase(Connection conn, long memberId) throws SQLException {
        String mine = "SELECT id FROM proposals WHERE proposer_id = ?";
        Rows.update(conn, "DELETE FROM proposal_steps WHERE proposal_id IN (" + mine + ")", memberId);
        Rows.update(conn, "DELETE FROM proposal_times WHERE proposal_id IN (" + mine + ")", memberId);
        Rows.update(conn, "DELETE FROM proposal_recipients WHERE proposal_id IN (" + mine + ")", memberId);
        Rows.update(conn, "DELETE FROM proposals WHERE proposer_id = ?", memberId);
        Rows.update(conn, "DELETE FROM proposal_steps WHERE actor_id = ? AND kind = 'question'", memberId);
        Rows.update(conn, "UPDATE proposal_steps SET text = NULL WHERE actor_id = ?", memberId);
    }
}
