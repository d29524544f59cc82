package org.parley.clubs;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.parley.accounts.Member;
import org.parley.accounts.Members;
import org.parley.kernel.Tokens;
import org.parley.storage.Database;
import org.parley.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clubs of this network: creating and editing them, and every change of who is in one. Each
 * action runs in one transaction that first reads where the caller stands ({@link ClubRules.Standing})
 * and checks it against {@link ClubRules}, so two admins acting at once cannot both pass a check the
 * other's change would fail. A refused action throws {@link Refusal}.
 */
final class Clubs {

    private static final Logger log = LoggerFactory.getLogger(Clubs.class);

    /** Requests or bans one list shows: an admin's screen, not an export. */
    static final int LIST_MOST = 200;

    private final Database db;
    private final Members members;
    private final ClubStore store;
    private final Clock clock;

    /** A club as the caller sees it: with where they stand. */
    record Seen(Club club, ClubRules.Standing you) {}

    /** What a join did: the caller is in, or their request waits for an admin. */
    enum Outcome { joined, requested }

    Clubs(Database db, Members members, ClubStore store, Clock clock) {
        this.db = db;
        this.members = members;
        this.store = store;
        this.clock = clock;
    }

    ClubStore store() {
        return store;
    }

    Seen create(Member me, Club.Draft d) {
        Instant now = clock.instant();
        var club = new Club(Tokens.random(9), d.slug(), d.name(), orEmpty(d.description()), orEmpty(d.rules()),
                d.topics() == null ? List.of() : d.topics(), d.languages() == null ? List.of() : d.languages(), d.policy(),
                null, now, now);
        try {
            db.transaction(conn -> {
                // A slug must never be read as another club's id: look-ups accept either.
                if (store.bySlug(conn, club.slug()).isPresent() || store.byId(conn, club.slug()).isPresent()) {
                    throw new Refusal(Refusal.Reason.slug_taken);
                }
                store.insert(conn, club);
                store.addMember(conn, club.id(), me.id(), ClubRole.founder, now);
                return null;
            });
        } catch (StorageException e) {
            if (e.getCause() instanceof SQLException sql && Database.isUniqueViolation(sql)) {
                throw new Refusal(Refusal.Reason.slug_taken); // another create took it between the check and the insert
            }
            throw e;
        }
        log.info("Club {} ({}) founded by member {}", club.id(), club.slug(), me.id());
        return new Seen(club, new ClubRules.Standing(ClubRole.founder, false, false, false));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** The club {@code ref} names: its slug, or its id. */
    Club find(Connection conn, String ref) throws SQLException {
        var bySlug = store.bySlug(conn, ref.toLowerCase(Locale.ROOT));
        if (bySlug.isPresent()) {
            return bySlug.get();
        }
        return store.byId(conn, ref).orElseThrow(() -> new Refusal(Refusal.Reason.not_found));
    }

    Seen view(long me, String ref) {
        return db.read(conn -> {
            Club club = find(conn, ref);
            return new Seen(club, store.standing(conn, club.id(), me));
        });
    }

    /** The club, after checking that {@code me} may do {@code action} in it. */
    Seen require(long me, String ref, ClubRules.Action action) {
        return db.read(conn -> checked(conn, me, ref, action));
    }

    /** As {@link #require}, inside the caller's transaction. */
    Seen checkedIn(Connection conn, long me, String ref, ClubRules.Action action) throws SQLException {
        return checked(conn, me, ref, action);
    }

    private Seen checked(Connection conn, long me, String ref, ClubRules.Action action) throws SQLException {
        Club club = find(conn, ref);
        ClubRules.Standing you = store.standing(conn, club.id(), me);
        ClubRules.permit(action, you, club.policy()).ifPresent(r -> {
            throw new Refusal(r);
        });
        return new Seen(club, you);
    }

    Seen update(Member me, String ref, Club.Draft d) {
        return db.transaction(conn -> {
            Seen s = checked(conn, me.id(), ref, ClubRules.Action.update);
            Club edited = s.club().edited(d, clock.instant());
            store.update(conn, edited);
            return new Seen(edited, s.you());
        });
    }

    Outcome join(Member me, String ref) {
        return db.transaction(conn -> {
            Seen s = checked(conn, me.id(), ref, ClubRules.Action.join);
            if (s.club().policy() == JoinPolicy.approval && !s.you().invited()) {
                store.addRequest(conn, s.club().id(), me.id(), clock.instant());
                return Outcome.requested;
            }
            store.addMember(conn, s.club().id(), me.id(), ClubRole.member, clock.instant());
            return Outcome.joined;
        });
    }

    /** Leaves the club, or withdraws a request to join it. */
    void leave(Member me, String ref) {
        db.transaction(conn -> {
            Seen s = checked(conn, me.id(), ref, ClubRules.Action.leave);
            store.removeMember(conn, s.club().id(), me.id());
            store.deleteRequest(conn, s.club().id(), me.id());
            return null;
        });
    }

    void follow(Member me, String ref, boolean follow) {
        db.transaction(conn -> {
            Seen s = checked(conn, me.id(), ref, follow ? ClubRules.Action.follow : ClubRules.Action.view);
            if (follow) {
                store.follow(conn, s.club().id(), me.id(), clock.instant());
            } else {
                store.unfollow(conn, s.club().id(), me.id());
            }
            return null;
        });
    }

    /** Gives {@code username} the role {@code to}; "founder" hands founding over, the old founder becoming an admin. */
    void setRole(Member me, String ref, String username, ClubRole to) {
        db.transaction(conn -> {
            Seen s = checked(conn, me.id(), ref, ClubRules.Action.setRole);
            Member target = target(conn, username);
            ClubRole current = store.standing(conn, s.club().id(), target.id()).role();
            ClubRules.permitRole(s.you().role(), current, to).ifPresent(r -> {
                throw new Refusal(r);
            });
            if (to == ClubRole.founder) {
                store.setRole(conn, s.club().id(), me.id(), ClubRole.admin);
                log.info("Club {}: member {} handed founding over to member {}", s.club().id(), me.id(), target.id());
            }
            store.setRole(conn, s.club().id(), target.id(), to);
            return null;
        });
    }

    void remove(Member me, String ref, String username) {
        db.transaction(conn -> {
            Seen s = checked(conn, me.id(), ref, ClubRules.Action.remove);
            Member target = target(conn, username);
            ClubRole role = store.standing(conn, s.club().id(), target.id()).role();
            if (role == null) {
                throw new Refusal(Refusal.Reason.target_not_member);
            }
            ClubRules.permitOn(s.you().role(), role).ifPresent(r -> {
                throw new Refusal(r);
            });
            store.removeMember(conn, s.club().id(), target.id());
            return null;
        });
    }

    /** Bans {@code username}, a member or not yet: they cannot join or ask to until unbanned. */
    void ban(Member me, String ref, String username, boolean ban) {
        db.transaction(conn -> {
            Seen s = checked(conn, me.id(), ref, ban ? ClubRules.Action.ban : ClubRules.Action.unban);
            Member target = target(conn, username);
            if (ban) {
                ClubRole role = store.standing(conn, s.club().id(), target.id()).role();
                ClubRules.permitOn(s.you().role(), role).ifPresent(r -> {
                    throw new Refusal(r);
                });
                store.ban(conn, s.club().id(), target.id(), me.id(), clock.instant());
            } else {
                store.unban(conn, s.club().id(), target.id());
            }
            return null;
        });
    }

    /** Approves (the member joins) or denies a request to join. */
    void answer(Member me, String ref, String username, boolean approve) {
        db.transaction(conn -> {
            Seen s = checked(conn, me.id(), ref, ClubRules.Action.answerRequest);
            Member target = target(conn, username);
            if (!store.deleteRequest(conn, s.club().id(), target.id())) {
                throw new Refusal(Refusal.Reason.no_request);
            }
            if (approve) {
                store.addMember(conn, s.club().id(), target.id(), ClubRole.member, clock.instant());
            }
            return null;
        });
    }

    /** Invites {@code username}: they may join whatever the policy (and need no approval). */
    void invite(Member me, String ref, String username) {
        db.transaction(conn -> {
            Seen s = checked(conn, me.id(), ref, ClubRules.Action.invite);
            Member target = target(conn, username);
            ClubRules.Standing theirs = store.standing(conn, s.club().id(), target.id());
            if (theirs.member()) {
                throw new Refusal(Refusal.Reason.already_member);
            }
            if (theirs.banned()) {
                throw new Refusal(Refusal.Reason.banned);
            }
            store.invite(conn, s.club().id(), target.id(), me.id(), clock.instant());
            return null;
        });
    }

    List<ClubStore.Waiting> requests(long me, String ref) {
        return db.read(conn -> store.requests(conn, checked(conn, me, ref, ClubRules.Action.listRequests).club().id(), LIST_MOST));
    }

    List<ClubStore.Waiting> bans(long me, String ref) {
        return db.read(conn -> store.bans(conn, checked(conn, me, ref, ClubRules.Action.unban).club().id(), LIST_MOST));
    }

    /**
     * Joins {@code member} to the club of an invitation link they signed up with or opened: an
     * admin's link admits to any club, whatever its policy, unless the member is banned.
     */
    boolean joinByLink(Connection conn, String clubId, long member) throws SQLException {
        ClubRules.Standing s = store.standing(conn, clubId, member);
        if (s.member() || s.banned()) {
            return false;
        }
        store.addMember(conn, clubId, member, ClubRole.member, clock.instant());
        return true;
    }

    private Member target(Connection conn, String username) throws SQLException {
        return members.byUsername(conn, username).orElseThrow(() -> new Refusal(Refusal.Reason.target_not_found));
    }
}
