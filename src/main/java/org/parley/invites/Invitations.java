package org.parley.invites;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import org.parley.accounts.Member;
import org.parley.accounts.Members;
import org.parley.kernel.Tokens;
import org.parley.storage.Database;

/** The invitations feature's facade for other features and for the operator's command line. */
public final class Invitations {

    /** 128 random bits: unguessable, and short enough to read out or paste. */
    static final int CODE_BYTES = 16;

    private final Database db;
    private final InviteStore store = new InviteStore();
    private final Members members;
    private final InvitesConfig config;
    private final Clock clock;

    public Invitations(Database db, Members members, InvitesConfig config, Clock clock) {
        this.db = db;
        this.members = members;
        this.config = config;
        this.clock = clock;
    }

    InviteStore store() {
        return store;
    }

    InvitesConfig config() {
        return config;
    }

    /** A new administrator invitation from the operator, e.g. for {@code parley invite --admin}. */
    public String createOperatorInvite() {
        Instant now = clock.instant();
        return db.transaction(conn -> store.insert(conn, Tokens.random(CODE_BYTES), null, true, now,
                now.plus(config.ttl())).code());
    }

    /**
     * On a node with no members yet: the code of a pending operator invitation (reused, so a restart
     * does not strand the first link), or a new one. Empty when the network already has members.
     */
    public java.util.Optional<String> firstAdminInvite() {
        Instant now = clock.instant();
        return db.transaction(conn -> {
            if (members.count(conn) > 0) {
                return java.util.Optional.<String>empty();
            }
            var pending = store.pendingOperatorInvite(conn, now);
            if (pending.isPresent()) {
                return java.util.Optional.of(pending.get().code());
            }
            return java.util.Optional.of(store.insert(conn, Tokens.random(CODE_BYTES), null, true, now,
                    now.plus(config.ttl())).code());
        });
    }

    /**
     * A new invitation from {@code member}, counted against their own invitations like {@code createInvite}
     * (for a club admin's invitation link); empty when they have none left. In the caller's transaction.
     */
    public java.util.Optional<String> createFor(Connection conn, Member member) throws SQLException {
        Instant now = clock.instant();
        members.lock(conn, member.id()); // two requests at once cannot exceed the quota
        Integer remaining = remaining(conn, member);
        if (remaining != null && remaining <= 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(store.insert(conn, Tokens.random(CODE_BYTES), member.id(), false, now,
                now.plus(config.ttl())).code());
    }

    /** The code of the invitation {@code memberId} signed up with, if any. */
    public java.util.Optional<String> codeUsedBy(Connection conn, long memberId) throws SQLException {
        return store.codeUsedBy(conn, memberId);
    }

    /** Whether {@code code} names an invitation that exists (used or not). */
    public boolean exists(Connection conn, String code) throws SQLException {
        return store.byCode(conn, code).isPresent();
    }

    /**
     * Invitations the member may still create; {@code null} for administrators (unlimited), none for an
     * organization: people join through people (docs/api.md, "Organizations").
     */
    public Integer remaining(Connection conn, Member member) throws SQLException {
        if (member.admin()) {
            return null;
        }
        if (member.organization()) {
            return 0;
        }
        return Math.max(0, config.perMember() - store.countHeld(conn, member.id(), clock.instant()));
    }
}
