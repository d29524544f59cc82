package org.parley.signalling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client on a plain socket (RFC 6455), for what java.net.http's client cannot do: read
 * the HTTP response of a refused upgrade, write many frames at once without waiting for each (a
 * flood), and send binary frames.
 */
final class RawWebSocket implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An HTTP response to the upgrade request; {@code body} is empty for a 101. */
    record Response(int status, Map<String, String> headers, String body) {}

    /** One frame from the server: RFC 6455 §5.2 opcode and payload. */
    record Frame(int opcode, byte[] payload) {
        static final int TEXT = 0x1;
        static final int BINARY = 0x2;
        static final int CLOSE = 0x8;

        JsonNode json() {
            try {
                return JSON.readTree(payload);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** RFC 6455 §5.5.1: a close frame's first two bytes are the status code, the rest the reason. */
        int closeCode() {
            return payload.length < 2 ? 1005 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
        }

        String closeReason() {
            return payload.length < 2 ? "" : new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8);
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    final Response upgrade;

    private RawWebSocket(Socket socket, DataInputStream in, Response upgrade) throws IOException {
        this.socket = socket;
        this.in = in;
        this.out = socket.getOutputStream();
        this.upgrade = upgrade;
    }

    /** Sends the upgrade request to {@code /ws}; {@code cookie} and {@code origin} may be null. */
    static RawWebSocket open(String baseUrl, String cookie, String origin) {
        URI base = URI.create(baseUrl);
        try {
            var socket = new Socket(base.getHost(), base.getPort());
            socket.setSoTimeout(10_000);
            String request = "GET /ws HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + (origin == null ? "" : "Origin: " + origin + "\r\n")
                    + (cookie == null ? "" : "Cookie: " + cookie + "\r\n") + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            var in = new DataInputStream(socket.getInputStream());
            return new RawWebSocket(socket, in, readResponse(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response readResponse(DataInputStream in) throws IOException {
        String statusLine = line(in);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(in); !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        String body = "";
        if (status != 101 && headers.containsKey("content-length")) {
            byte[] bytes = new byte[Integer.parseInt(headers.get("content-length"))];
            in.readFully(bytes);
            body = new String(bytes, StandardCharsets.UTF_8);
        }
        return new Response(status, headers, body);
    }

    private static String line(InputStream in) throws IOException {
        var bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed in the response head");
            }
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }

    void sendText(String text) {
        sendTexts(List.of(text));
    }

    /** Writes all the frames in one go: the server has them faster than any reply can come back. */
    void sendTexts(List<String> texts) {
        var frames = new ByteArrayOutputStream();
        for (String t : texts) {
            frames.writeBytes(frame(Frame.TEXT, t.getBytes(StandardCharsets.UTF_8)));
        }
        write(frames.toByteArray());
    }

    void sendBinary(byte[] data) {
        write(frame(Frame.BINARY, data));
    }

    private void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * RFC 6455 §5.2, a client's frame (always masked):
     * <pre>
     *  0               1               2               3
     * |F|0|0|0|opcode |M| length (7)  | extended length (16 or 64)... | masking key (32) | payload ^ key
     * </pre>
     */
    private static byte[] frame(int opcode, byte[] payload) {
        var f = new ByteArrayOutputStream(payload.length + 14);
        f.write(0x80 | opcode);
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else if (payload.length <= 0xffff) {
            f.write(0x80 | 126);
            f.write(payload.length >>> 8);
            f.write(payload.length);
        } else {
            f.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                f.write((int) ((long) payload.length >>> shift));
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        f.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            f.write(payload[i] ^ mask[i & 3]);
        }
        return f.toByteArray();
    }

    /** The next text, binary or close frame (pings and pongs are skipped); fails after 10 s. */
    Frame read() {
        try {
            while (true) {
                int b0 = in.readUnsignedByte();
                int b1 = in.readUnsignedByte();
                long length = b1 & 0x7f; // the server's frames are not masked
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[Math.toIntExact(length)];
                in.readFully(payload);
                int opcode = b0 & 0x0f;
                if (opcode == Frame.TEXT || opcode == Frame.BINARY || opcode == Frame.CLOSE) {
                    return new Frame(opcode, payload);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next text frame as JSON; fails on a close frame. */
    JsonNode readJson() {
        Frame f = read();
        if (f.opcode() != Frame.TEXT) {
            throw new AssertionError("expected a text frame, got opcode " + f.opcode()
                    + (f.opcode() == Frame.CLOSE ? " (close " + f.closeCode() + " " + f.closeReason() + ")" : ""));
        }
        return f.json();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to release
        }
    }
}
