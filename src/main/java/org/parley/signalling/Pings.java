package org.parley.signalling;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.parley.accounts.Member;
import org.parley.accounts.Members;
import org.parley.rooms.Room;
import org.parley.rooms.Rooms;
import org.parley.social.SocialGraph;
import org.parley.storage.Database;

/**
 * {@code ping} (docs/protocol.md): someone in a room invites a member they follow to it; the notice
 * ({@code pinged}) reaches every connection of the target through {@link Push}.
 */
final class Pings implements Handler<ClientMessage.Ping> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Rooms rooms;
    private final Database db;
    private final Members members;
    private final SocialGraph graph;
    private final Push push;

    Pings(Rooms rooms, Database db, Members members, SocialGraph graph, Push push) {
        this.rooms = rooms;
        this.db = db;
        this.members = members;
        this.graph = graph;
        this.push = push;
    }

    @Override
    public String answer(Connection conn, ClientMessage.Ping ping) {
        Room room = conn.room();
        if (room == null || room.snapshot().participants().stream().noneMatch(p -> p.memberId() == conn.member.id())) {
            return Replies.error(ping.id(), "not_in_room", "Join a room first");
        }
        Member target = db.read(c -> members.byUsername(c, ping.username())).orElse(null);
        if (target == null || !db.read(c -> graph.follows(c, conn.member.id(), target.id()))) {
            return Replies.error(ping.id(), "not_following", "You can ping people you follow");
        }
        if (!rooms.mayEnter(target.id(), room)) {
            return Replies.error(ping.id(), "not_allowed", "They cannot enter this room");
        }
        ObjectNode notice = JSON.createObjectNode().put("type", "pinged");
        notice.putObject("from").put("username", conn.member.username()).put("displayName", conn.member.displayName());
        notice.putObject("room").put("id", room.id()).put("title", room.snapshot().title()).put("url", "/room/" + room.id());
        boolean delivered = push.toMember(target.id(), notice.toString());
        return Replies.ackNode(ping.id()).put("delivered", delivered).toString();
    }
}
