package org.parley.media.udp;

import java.io.IOException;

/**
 * The native stack: libc's socket calls through the FFM API (Java 22+, Linux). Loaded by
 * {@link NativeStackLoader}, which only calls {@link #load} on a Java 22+ runtime.
 */
final class LinuxUdpStack implements UdpStack {

    private LinuxUdpStack() {
    }

    /**
     * The stack, once the libc symbols are bound.
     *
     * @throws UnsupportedOperationException when native access is not enabled for Parley's classes (the jar's
     *                                       manifest enables it; {@code java --enable-native-access=ALL-UNNAMED}
     *                                       does on a class path), so that no JDK warning is printed instead
     */
    public static UdpStack load() {
        if (!LinuxUdpStack.class.getModule().isNativeAccessEnabled()) {
            throw new UnsupportedOperationException(
                    "native access is not enabled (java --enable-native-access=ALL-UNNAMED, as the jar's manifest does)");
        }
        Libc.SOCKET.type(); // binds every handle now, so a missing symbol fails here and not mid-run
        ClockOffset.realtimeMinusMonotonic();
        return new LinuxUdpStack();
    }

    @Override
    public String name() {
        return "linux";
    }

    @Override
    public UdpSocket open(UdpSocket.Options options) throws IOException {
        return LinuxUdpSocket.open(options);
    }

    @Override
    public UdpPoller newPoller() throws IOException {
        return LinuxUdpPoller.open();
    }

    @Override
    public ReceiveBatch newReceiveBatch(int capacity, int maxDatagram) {
        ReceiveBatch batch = new ReceiveBatch(capacity, maxDatagram);
        batch.nativeBuffers = new LinuxReceiveBuffers(capacity, maxDatagram);
        return batch;
    }
}
