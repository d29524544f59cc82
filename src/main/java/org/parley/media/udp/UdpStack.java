package org.parley.media.udp;

import java.io.IOException;
import java.util.Locale;

/**
 * A UDP implementation: opens {@link UdpSocket}s and {@link UdpPoller}s of one kind. {@link #select} picks
 * one per process (see the package documentation for the two kinds and why).
 */
public interface UdpStack {

    /** Which stack to use ({@code PARLEY_MEDIA_SOCKET}). */
    enum Choice {
        /** The native stack where it can load, else nio. */
        AUTO,
        /** The native stack, or an error saying why it cannot load. */
        LINUX,
        /** {@link java.nio.channels.DatagramChannel}. */
        NIO;

        /** {@code auto}, {@code linux} or {@code nio}, any case. */
        public static Choice parse(String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("expected auto, linux or nio, not '" + value + "'");
            }
        }
    }

    /** {@code linux} or {@code nio}. */
    String name();

    UdpSocket open(UdpSocket.Options options) throws IOException;

    UdpPoller newPoller() throws IOException;

    /**
     * A batch for {@link UdpSocket#receive} on any socket of this stack (one thread can read many sockets
     * through one batch): up to {@code capacity} datagrams of up to {@code maxDatagram} bytes.
     */
    ReceiveBatch newReceiveBatch(int capacity, int maxDatagram);

    /** The nio stack: works on every platform and Java 21+. */
    static UdpStack nio() {
        return NioUdpStack.INSTANCE;
    }

    /**
     * The stack for {@code choice}: {@link Choice#AUTO} takes the native one where it loads and says why
     * not otherwise (logged once per process).
     *
     * @throws IllegalStateException if {@link Choice#LINUX} was asked for and cannot load here
     */
    static UdpStack select(Choice choice) {
        return switch (choice) {
            case NIO -> nio();
            case LINUX -> NativeStackLoader.load().orElseThrow(
                    () -> new IllegalStateException("the linux UDP stack cannot load: " + NativeStackLoader.unavailableReason()));
            case AUTO -> NativeStackLoader.load().orElseGet(() -> {
                NativeStackLoader.logFallbackOnce();
                return nio();
            });
        };
    }
}
