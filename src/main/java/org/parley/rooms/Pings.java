package org.parley.rooms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import org.parley.accounts.Member;
import org.parley.accounts.Members;
import org.parley.events.EventBus;
import org.parley.events.MemberPinged;
import org.parley.module.MessageHandler;
import org.parley.module.Push;
import org.parley.storage.Database;

/**
 * {@code ping} (docs/protocol.md): someone in a room invites a member they follow to it; the notice
 * ({@code pinged}) reaches every connection of the target through {@link Push}. Registered on the
 * WebSocket by {@link RoomsModule}.
 */
final class Pings implements MessageHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Usernames are at most 30 characters (accounts.AccountRules); longer text is not looked up. */
    private static final int USERNAME_MAX = 30;

    private final Rooms rooms;
    private final Database db;
    private final Members members;
    private final Access access;
    private final Push push;
    private final EventBus events;

    /** @param events where a delivered or undelivered ping is announced ({@link MemberPinged}: notifications keep it) */
    Pings(Rooms rooms, Database db, Members members, Access access, Push push, EventBus events) {
        this.rooms = rooms;
        this.db = db;
        this.members = members;
        this.access = access;
        this.push = push;
        this.events = events;
    }

    @Override
    public Reply answer(Caller caller, ObjectNode message) {
        JsonNode username = message.get("username");
        if (username == null || !username.isTextual()) {
            return new Reply.Refused("bad_message", "username must be a string");
        }
        if (username.textValue().length() > USERNAME_MAX) {
            return new Reply.Refused("bad_message", "username is too long");
        }
        Room room = caller.roomId() == null ? null : rooms.get(caller.roomId()).orElse(null);
        if (room == null || room.snapshot().participants().stream().noneMatch(p -> p.memberId() == caller.memberId())) {
            return new Reply.Refused("not_in_room", "Join a room first");
        }
        Optional<Member> target = db.read(c -> members.byUsername(c, username.textValue()));
        if (target.isEmpty() || !access.follows(caller.memberId(), target.get().id())) {
            return new Reply.Refused("not_following", "You can ping people you follow");
        }
        if (!rooms.mayEnter(target.get().id(), room)) {
            return new Reply.Refused("not_allowed", "They cannot enter this room");
        }
        ObjectNode notice = JSON.createObjectNode().put("type", "pinged");
        String avatarUrl = room.snapshot().participants().stream().filter(p -> p.memberId() == caller.memberId())
                .map(Participant::avatarUrl).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        notice.putObject("from").put("username", caller.username()).put("displayName", caller.displayName())
                .put("avatarUrl", avatarUrl);
        notice.putObject("room").put("id", room.id()).put("title", room.snapshot().title()).put("url", "/room/" + room.id());
        boolean delivered = push.toMember(target.get().id(), notice.toString());
        events.publish(new MemberPinged(caller.memberId(), target.get().id(), room.id(), room.snapshot().title()));
        return new Reply.Ack(JSON.createObjectNode().put("delivered", delivered));
    }
}
