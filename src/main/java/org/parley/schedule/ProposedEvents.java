package org.parley.schedule;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.parley.rooms.RoomType;

/**
 * The schedule's face for a conversation agreed elsewhere (a proposal someone accepted): it becomes
 * a scheduled event whose hosts have all accepted already — they agreed to it by accepting the
 * proposal, so there is no co-host request round. Works inside the caller's transaction, so the
 * proposal's acceptance and its event are one change.
 */
public final class ProposedEvents {

    private final Schedule schedule;

    ProposedEvents(Schedule schedule) {
        this.schedule = schedule;
    }

    /**
     * Schedules the event with {@code creator} and every one of {@code cohosts} as accepted hosts, each
     * reminded at their own lead time; returns its id ({@code /events/{id}}). Open when the proposal was
     * public, else social (people the hosts follow), the way rooms are.
     *
     * @param language the floor language (ISO 639-1) or null
     */
    public String schedule(Connection conn, long creator, List<Long> cohosts, String title, String description,
                           java.time.Instant startsAt, int lengthMinutes, String language, boolean open) throws SQLException {
        return schedule.createAgreed(conn, creator, cohosts, title, description, startsAt, lengthMinutes, language,
                open ? RoomType.open : RoomType.social).id();
    }

    /** Adds {@code member} as an accepted host of a scheduled event (another recipient said yes); false when it is no longer scheduled. */
    public boolean addHost(Connection conn, String eventId, long member) throws SQLException {
        return schedule.addAgreedHost(conn, eventId, member);
    }
}
