package org.parley.privacy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.parley.accounts.Members;
import org.parley.accounts.Organizations;
import org.parley.module.PersonalData;
import org.parley.rooms.Command;
import org.parley.rooms.Room;
import org.parley.rooms.Rooms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deleting an account: every feature erases its part ({@link PersonalData#erase}) in one transaction,
 * accounts' last step turning the member row into a tombstone; then, once committed, the member leaves
 * the live rooms they are in.
 *
 * <p>Organizations: a member who is the only owner of an organization that has other delegates must
 * hand it over first (make another delegate an owner) — deleting is refused, naming those organizations.
 * An organization they alone operate (no other delegate) goes with them: nobody could ever operate it
 * again. docs/api.md, "Deleting an account".
 */
final class Deletion {

    private static final Logger log = LoggerFactory.getLogger(Deletion.class);

    private final Members members;
    private final List<PersonalData> parts;
    private final ExportStore exports;
    private final Rooms rooms;

    Deletion(Members members, List<PersonalData> parts, ExportStore exports, Rooms rooms) {
        this.members = members;
        this.parts = List.copyOf(parts);
        this.exports = exports;
        this.rooms = rooms;
    }

    /** The organizations {@code memberId} alone owns that other delegates still operate (deleting waits for a hand-over). */
    List<String> orphanedOrganizations(Connection conn, long memberId) throws SQLException {
        Organizations orgs = members.organizations();
        List<String> blocking = new ArrayList<>();
        for (var d : orgs.organizationsOf(conn, memberId)) {
            if (d.owner() && orgs.ownerCount(conn, d.id()) == 1 && orgs.delegates(conn, d.id()).size() > 1) {
                blocking.add(d.organization().username());
            }
        }
        return blocking;
    }

    /**
     * Erases the member (and the organizations only they operate) inside the caller's transaction;
     * returns the ids erased, the member last.
     */
    List<Long> erase(Connection conn, long memberId) throws SQLException {
        Organizations orgs = members.organizations();
        List<Long> gone = new ArrayList<>();
        for (var d : orgs.organizationsOf(conn, memberId)) {
            if (d.owner() && orgs.delegates(conn, d.id()).size() == 1) {
                gone.add(d.id());
            }
        }
        gone.add(memberId);
        for (long id : gone) {
            exports.deleteOf(conn, id);
            for (PersonalData part : parts) {
                part.erase(conn, id);
            }
        }
        return gone;
    }

    /**
     * After the erase committed: each erased account leaves the live rooms it is in, as the server's
     * own command (a moderator's room passes to a speaker or ends, by the rooms' rules).
     */
    void leaveLiveRooms(List<Long> ids) {
        for (Room room : rooms.live()) {
            for (long id : ids) {
                if (room.snapshot().participant(id).isPresent()) {
                    room.submit(id, new Command.Leave(false)).whenComplete((result, failure) -> {
                        if (!(result instanceof Room.Result.Done)) {
                            log.warn("Room {}: a deleted account could not be made to leave: {}", room.id(),
                                    failure != null ? failure.toString() : result);
                        }
                    });
                }
            }
        }
    }
}
