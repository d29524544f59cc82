package org.parley.rooms;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The list of live rooms a member may enter, ranked so that rooms with people they follow on stage
 * come first, then by size, then newest. Computed from published snapshots: it never waits for a room.
 */
final class Hallway {

    /** Stage members shown per room in the hallway. */
    static final int STAGE_SHOWN = 5;

    /** Listeners the member follows shown per room: faces that say "people you know are here". */
    static final int FOLLOWED_LISTENERS_SHOWN = 3;

    /** @param avatarUrl the member's photo, {@code null} for none */
    record StageMember(long id, String username, String displayName, String avatarUrl, Role role, boolean followed,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String verified) {}

    /** A listener the member follows; {@code avatarUrl} as in {@link StageMember}. */
    record Listener(long id, String username, String displayName, String avatarUrl,
                    @JsonInclude(JsonInclude.Include.NON_NULL) String verified) {}

    /**
     * @param followedListeners    up to {@value #FOLLOWED_LISTENERS_SHOWN} listeners the member follows
     * @param followedListenerCount every listener in the room the member follows
     */
    record Entry(String id, String title, String description, String language, RoomType type, List<StageMember> stage, int stageCount,
                 long listenerCount, int followedOnStage, List<Listener> followedListeners, int followedListenerCount,
                 Instant createdAt, @JsonInclude(JsonInclude.Include.NON_NULL) Club club) {}

    /** The club a room was started in, as its card shows it: name and a link to the club page. */
    record Club(String id, String slug, String name, String url) {
        static Club of(ClubTag tag) {
            return tag == null ? null : new Club(tag.id(), tag.slug(), tag.name(), tag.url());
        }
    }

    /**
     * The member's hallway.
     *
     * @param hiddenByBlocks live rooms the member would otherwise see, left out only because they blocked
     *                       one of its moderators, so an empty hallway can say why. Rooms hidden because a
     *                       moderator blocked the member are not counted: nobody learns who blocked them.
     */
    record Ranked(List<Entry> rooms, int hiddenByBlocks) {}

    private Hallway() {}

    /**
     * @param only a floor language to keep (ISO 639-1), or null for every room
     */
    static Ranked rank(long member, Iterable<Room> rooms, Access access, String only) {
        return rank(member, rooms, access, ClubAccess.NONE, only);
    }

    /**
     * @param clubs who is in which club (members-only rooms) and which clubs the member follows: the rooms
     *              of followed clubs come first among those in a language the member understands
     */
    static Ranked rank(long member, Iterable<Room> rooms, Access access, ClubAccess clubs, String only) {
        Set<String> followedClubs = clubs.followed(member);
        List<String> understood = access.languages(member);
        Set<Long> following = access.following(member);
        Set<Long> followers = access.followers(member);
        Set<Long> blocked = access.blockedEitherWay(member);
        Set<Long> blockedMe = new HashSet<>(blocked);
        if (!blocked.isEmpty()) {
            blockedMe.removeAll(access.blockedBy(member)); // those who blocked the member, and not the other way
        }
        List<Entry> entries = new ArrayList<>();
        int hiddenByBlocks = 0;
        for (Room room : rooms) {
            RoomSnapshot s = room.snapshot();
            if (s.ended() || (only != null && !only.equals(s.language()))) {
                continue;
            }
            if (mayEnter(member, s, room.removed(), followers, blocked, clubs)) {
                entries.add(entry(s, following, blocked));
            } else if (!blocked.isEmpty() && mayEnter(member, s, room.removed(), followers, blockedMe, clubs)) {
                hiddenByBlocks++;
            }
        }
        // Rooms in a language the member understands first (when they said which), then the social order.
        entries.sort(Comparator.comparing((Entry e) -> e.language() == null || !understood.contains(e.language()))
                .thenComparing((Entry e) -> e.club() == null || !followedClubs.contains(e.club().id()))
                .thenComparing(Comparator.comparingInt(Entry::followedOnStage).reversed())
                .thenComparing(Comparator.comparingLong((Entry e) -> e.stageCount() + e.listenerCount()).reversed())
                .thenComparing(Entry::createdAt, Comparator.reverseOrder()));
        return new Ranked(entries, hiddenByBlocks);
    }

    /**
     * The hallway's view of the join rules ({@link Rules}): from already-loaded sets instead of one
     * query per room. Rooms led by someone in a block with the member are hidden both ways.
     */
    static boolean mayEnter(long member, RoomSnapshot s, Set<Long> removed, Set<Long> followers, Set<Long> blocked,
                            ClubAccess clubs) {
        if (s.participants().stream().anyMatch(p -> p.memberId() == member)) {
            return true;
        }
        if (removed.contains(member)) {
            return false;
        }
        if (s.participants().stream().anyMatch(p -> p.role() == Role.moderator && blocked.contains(p.memberId()))) {
            return false;
        }
        if (member == s.creatorId() || s.hosts().contains(member)) {
            return true;
        }
        return switch (s.type()) {
            case open -> true;
            case social -> s.stage().stream().anyMatch(p -> followers.contains(p.memberId()));
            case closed -> s.allowed().contains(member);
            case members -> s.club() != null && clubs.isMember(s.club().id(), member);
        };
    }

    private static Entry entry(RoomSnapshot s, Set<Long> following, Set<Long> blocked) {
        List<Participant> stage = s.stage().stream().filter(p -> !blocked.contains(p.memberId()))
                .sorted(Comparator.comparing((Participant p) -> !following.contains(p.memberId()))
                        .thenComparing(p -> p.role() != Role.moderator))
                .toList();
        int followed = (int) stage.stream().filter(p -> following.contains(p.memberId())).count();
        List<StageMember> shown = stage.stream().limit(STAGE_SHOWN)
                .map(p -> new StageMember(p.memberId(), p.username(), p.displayName(), p.avatarUrl(), p.role(),
                        following.contains(p.memberId()), p.verified()))
                .toList();
        // Listeners held in the snapshot are the whole audience on the server; blocked ones are never shown.
        List<Listener> followedListeners = s.participants().stream()
                .filter(p -> !p.role().onStage() && following.contains(p.memberId()) && !blocked.contains(p.memberId()))
                .map(p -> new Listener(p.memberId(), p.username(), p.displayName(), p.avatarUrl(), p.verified()))
                .toList();
        return new Entry(s.id(), s.title(), s.description(), s.language(), s.type(), shown, s.stage().size(), s.listenerCount(), followed,
                followedListeners.stream().limit(FOLLOWED_LISTENERS_SHOWN).toList(), followedListeners.size(), s.createdAt(),
                Club.of(s.club()));
    }
}
