package org.parley.rooms;

import java.util.Set;

/**
 * What rooms need to know about clubs: who is in one (members-only rooms admit only them, checked on
 * every join) and which clubs a member follows (their rooms rank higher in the hallway). Defined here
 * and implemented by the clubs feature, which is wired after rooms ({@link Rooms#useClubs}).
 */
public interface ClubAccess {

    /** Whether {@code member} belongs to the club. */
    boolean isMember(String clubId, long member);

    /** The ids of the clubs {@code member} follows. */
    Set<String> followed(long member);

    /** Before clubs are wired (and in tests of rooms alone): nobody is in any club. */
    ClubAccess NONE = new ClubAccess() {
        @Override
        public boolean isMember(String clubId, long member) {
            return false;
        }

        @Override
        public Set<String> followed(long member) {
            return Set.of();
        }
    };
}
