package org.parley.notifications;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import org.parley.accounts.Member;
import org.parley.accounts.MemberRef;
import org.parley.accounts.Members;

/** The API's and the WebSocket's shapes of notifications (docs/api.md, docs/protocol.md). */
final class Views {

    /**
     * @param actor who did it; null when they have left Parley since
     * @param event the scheduled event it is about ({@code /events/{id}} in the client); null for none
     * @param proposal the proposal it is about ({@code /proposals/{id}}); left out when none
     */
    record NotificationView(long id, Kind kind, MemberRef actor, RoomRef room, EventRef event, Instant createdAt,
                            boolean read,
                            @com.fasterxml.jackson.annotation.JsonInclude(
                                    com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) ProposalRef proposal) {}

    record ProposalRef(String id, String topic) {}

    record RoomRef(String id, String title) {}

    record EventRef(String id, String title) {}

    /** @param next the {@code before} of the next, older page; null on the last one */
    record Page(long unread, List<NotificationView> items, Long next) {}

    private Views() {}

    static NotificationView of(Connection conn, Members members, NotificationStore.Row row) throws SQLException {
        MemberRef actor = row.actorId() == null ? null : members.byId(conn, row.actorId()).map(Member::ref).orElse(null);
        RoomRef room = row.roomId() == null ? null : new RoomRef(row.roomId(), row.roomTitle());
        EventRef event = row.event() == null ? null : new EventRef(row.event().id(), row.event().title());
        ProposalRef proposal = row.proposal() == null ? null : new ProposalRef(row.proposal().id(), row.proposal().title());
        return new NotificationView(row.id(), row.kind(), actor, room, event, row.createdAt(), row.read(), proposal);
    }
}
