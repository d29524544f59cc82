package org.parley.signalling;

import io.javalin.config.RoutesConfig;
import java.util.List;
import org.parley.accounts.AccountsModule;
import org.parley.events.EventBus;
import org.parley.media.MediaServer;
import org.parley.media.TurnConfig;
import org.parley.module.Module;
import org.parley.rooms.Rooms;
import org.parley.web.Csrf;

/**
 * The one WebSocket per client ({@code /ws}): room commands, audio offers and hallway notices over
 * one connection, the message types other modules contribute ({@code Module#messages}: rooms'
 * pings), and {@link #push()} for any feature that has something to tell a member's open connections. On stopping, every client hears 1001 (going away) before the HTTP server stops.
 */
public final class SignallingModule implements Module {

    /** Longest client message; commands are tiny. */
    public static final int MAX_MESSAGE_BYTES = SignallingSocket.MAX_MESSAGE_BYTES;
    /** Frames queued for one client before further sends to it fail (see {@code SignallingSocket}). */
    public static final int MAX_QUEUED_FRAMES = SignallingSocket.MAX_QUEUED_FRAMES;

    private final SignallingSocket socket;

    /** @param features the modules listed before this one, asked for the message types they answer */
    public SignallingModule(List<? extends Module> features, AccountsModule accounts, Csrf csrf, Rooms rooms,
                            MediaServer media, TurnConfig turn) {
        var push = new Push();
        this.socket = new SignallingSocket(accounts.sessions(), csrf, rooms, media, turn, push,
                MessageRegistry.collect(features, push));
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
