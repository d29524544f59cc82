package org.parley.signalling;

import io.javalin.config.RoutesConfig;
import org.parley.accounts.AccountsModule;
import org.parley.events.EventBus;
import org.parley.media.MediaServer;
import org.parley.media.TurnConfig;
import org.parley.module.Module;
import org.parley.rooms.Rooms;
import org.parley.social.SocialGraph;
import org.parley.storage.Database;
import org.parley.web.Csrf;

/**
 * The one WebSocket per client ({@code /ws}): room commands, audio offers, hallway notices and pings
 * over one connection, and {@link #push()} for any feature that has something to tell a member's
 * open connections. On stopping, every client hears 1001 (going away) before the HTTP server stops.
 */
public final class SignallingModule implements Module {

    /** Longest client message; commands are tiny. */
    public static final int MAX_MESSAGE_BYTES = SignallingSocket.MAX_MESSAGE_BYTES;
    /** Frames queued for one client before further sends to it fail (see {@code SignallingSocket}). */
    public static final int MAX_QUEUED_FRAMES = SignallingSocket.MAX_QUEUED_FRAMES;

    private final SignallingSocket socket;

    public SignallingModule(Database db, AccountsModule accounts, Csrf csrf, SocialGraph graph, Rooms rooms,
                            MediaServer media, TurnConfig turn) {
        this.socket = new SignallingSocket(accounts.sessions(), csrf, rooms, db, accounts.members(), graph, media, turn);
    }

    /** Server-initiated messages to members' open connections. */
    public Push push() {
        return socket.push();
    }

    @Override
    public void routes(RoutesConfig routes) {
        socket.routes(routes);
    }

    @Override
    public void listen(EventBus events) {
        socket.listenTo(events);
    }

    @Override
    public void stopping() {
        socket.close();
    }
}
