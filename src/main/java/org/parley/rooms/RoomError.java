package org.parley.rooms;

/**
 * Why a command was refused; sent to the actor as a protocol {@code error} event. Codes are stable
 * and listed in docs/protocol.md.
 */
public record RoomError(String code, String message) {

    static RoomError notInRoom() {
        return new RoomError("not_in_room", "You are not in this room");
    }

    static RoomError forbidden(String what) {
        return new RoomError("forbidden", "Only " + what);
    }

    static RoomError invalidTarget(String message) {
        return new RoomError("invalid_target", message);
    }
}
