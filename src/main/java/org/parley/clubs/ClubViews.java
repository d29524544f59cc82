package org.parley.clubs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.parley.accounts.MemberRef;
import org.parley.accounts.Members;
import org.parley.storage.Database;

/** The JSON a club and its lists are answered with (docs/api.md "Clubs"). */
final class ClubViews {

    /** Where a club's photos are served: {@code /api/clubs/{id}/photo/{version}?size=}. */
    static final String PHOTO_PATH = "/api/clubs/";

    /**
     * Where the caller stands.
     *
     * @param role null when not a member
     */
    record You(ClubRole role, boolean banned, boolean requested, boolean invited, boolean following) {}

    /**
     * A club.
     *
     * @param url      the club page
     * @param photoUrl null when it has no photo
     */
    record ClubView(String id, String slug, String name, String description, String rules, List<String> topics,
                    List<String> languages, JoinPolicy joinPolicy, String url, String photoUrl, long memberCount,
                    long followerCount, Instant createdAt, You you) {}

    /** A club in a list of clubs (the caller's, or a member's). */
    record ClubSummary(String id, String slug, String name, String url, String photoUrl, List<String> topics,
                       @JsonInclude(JsonInclude.Include.NON_NULL) ClubRole role) {}

    record ClubList(List<ClubSummary> items) {}

    /** One member of a club. */
    record ClubMember(@JsonUnwrapped MemberRef member, ClubRole role, Instant joinedAt) {}

    record MemberPage(List<ClubMember> items, long total, int limit, int offset) {}

    /** A request to join, or a ban. */
    record Pending(@JsonUnwrapped MemberRef member, Instant at) {}

    record PendingList(List<Pending> items) {}

    private final Database db;
    private final Members members;
    private final ClubStore store;

    ClubViews(Database db, Members members, ClubStore store) {
        this.db = db;
        this.members = members;
        this.store = store;
    }

    ClubView of(Clubs.Seen seen, long me) {
        return db.read(conn -> of(conn, seen, me));
    }

    ClubView of(Connection conn, Clubs.Seen seen, long me) throws SQLException {
        Club c = seen.club();
        var s = seen.you();
        return new ClubView(c.id(), c.slug(), c.name(), c.description(), c.rules(), c.topics(), c.languages(), c.policy(),
                url(c), photoUrl(c), store.memberCount(conn, c.id()), store.followerCount(conn, c.id()), c.createdAt(),
                new You(s.role(), s.banned(), s.requested(), s.invited(), store.following(conn, c.id(), me)));
    }

    static String url(Club c) {
        return "/c/" + c.slug();
    }

    static String photoUrl(Club c) {
        return c.photoVersion() == null ? null : PHOTO_PATH + c.id() + "/photo/" + c.photoVersion();
    }

    ClubList list(List<ClubStore.Joined> joined, boolean withRole) {
        return new ClubList(joined.stream().map(j -> new ClubSummary(j.club().id(), j.club().slug(), j.club().name(),
                url(j.club()), photoUrl(j.club()), j.club().topics(), withRole ? j.role() : null)).toList());
    }

    MemberPage members(Club c, int limit, int offset) {
        return db.read(conn -> {
            List<ClubMember> items = new ArrayList<>();
            for (ClubStore.Membership m : store.members(conn, c.id(), limit, offset)) {
                members.byId(conn, m.memberId()).ifPresent(found -> items.add(new ClubMember(found.ref(), m.role(), m.joinedAt())));
            }
            return new MemberPage(items, store.memberCount(conn, c.id()), limit, offset);
        });
    }

    PendingList pending(List<ClubStore.Waiting> waiting) {
        return db.read(conn -> {
            List<Pending> items = new ArrayList<>();
            for (ClubStore.Waiting w : waiting) {
                members.byId(conn, w.memberId()).ifPresent(found -> items.add(new Pending(found.ref(), w.at())));
            }
            return new PendingList(items);
        });
    }
}
