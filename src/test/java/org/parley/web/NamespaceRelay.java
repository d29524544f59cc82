package org.parley.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * A TCP relay run as its own small JVM inside a network namespace ({@link FirefoxEsr}): Firefox's
 * remote agent listens only on the namespace's own 127.0.0.1, which the test cannot reach, so this
 * listens on the namespace's veth address and passes each connection through to it, with the Host
 * header the agent accepts.
 *
 * <p>{@code java … NamespaceRelay LISTEN_ADDRESS PORT}: prints {@value #READY} once it listens, and
 * exits when its standard input closes — when the test that started it ends or dies — so it never
 * outlives the test.
 */
final class NamespaceRelay {

    static final String READY = "relay ready";
    private static final int MAX_HEAD = 16 * 1024;
    private static final Pattern HOST = Pattern.compile("(?im)^Host:[^\r\n]*");

    private NamespaceRelay() {}

    public static void main(String[] args) throws IOException {
        InetAddress listen = InetAddress.getByName(args[0]);
        int port = Integer.parseInt(args[1]);
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(listen, port));
        Thread accept = new Thread(() -> {
            while (true) {
                Socket client;
                try {
                    client = server.accept();
                } catch (IOException e) {
                    return;
                }
                try {
                    Socket target = new Socket(InetAddress.getLoopbackAddress(), port);
                    forwardRequestHead(client, target, port);
                    pipe(client, target);
                    pipe(target, client);
                } catch (IOException e) {
                    close(client); // the agent is not up yet: the client retries
                }
            }
        });
        accept.setDaemon(true);
        accept.start();
        System.out.println(READY);
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the parent to go away
        }
        System.exit(0);
    }

    /**
     * Passes the HTTP request head (the WebSocket upgrade) on with {@code Host: 127.0.0.1:port}:
     * Firefox's HTTP server answers only to its own loopback names (400 otherwise), and the client,
     * java.net.http, may not set Host itself.
     */
    private static void forwardRequestHead(Socket client, Socket target, int port) throws IOException {
        InputStream in = client.getInputStream();
        StringBuilder head = new StringBuilder();
        while (head.length() < MAX_HEAD && !head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("client closed before its request head ended");
            }
            head.append((char) b);
        }
        String rewritten = HOST.matcher(head).replaceFirst("Host: 127.0.0.1:" + port);
        target.getOutputStream().write(rewritten.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Copies {@code from} to {@code to} until either side closes, then closes both. */
    private static void pipe(Socket from, Socket to) {
        Thread copy = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // the other direction's close ends this one
            } finally {
                close(from);
                close(to);
            }
        });
        copy.setDaemon(true);
        copy.start();
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
