package org.parley.clubs;

import java.util.Set;
import org.parley.rooms.ClubAccess;
import org.parley.storage.Database;

/** Rooms' view of clubs ({@link ClubAccess}): read from the database each time, as memberships change. */
final class ClubRoomsAccess implements ClubAccess {

    private final Database db;
    private final ClubStore store;

    ClubRoomsAccess(Database db, ClubStore store) {
        this.db = db;
        this.store = store;
    }

    @Override
    public boolean isMember(String clubId, long member) {
        return db.read(conn -> store.standing(conn, clubId, member).member());
    }

    @Override
    public Set<String> followed(long member) {
        return db.read(conn -> store.followedBy(conn, member));
    }
}
