package org.parley.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.parley.invites.Invitations;
import org.parley.kernel.Tokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets {@code parley invite --admin} work while the server runs: the command asks the server rather
 * than writing the database behind its back (and a PostgreSQL server may be out of its reach): through a loopback-only endpoint
 * guarded by a random token that the server writes, readable by its owner only, into the data folder.
 * The same guard serves {@code parley loadtest} on the server's machine a second endpoint, the heap in
 * use after a full collection: the only exact "heap per listener" (garbage makes every other reading
 * depend on when the collector last ran).
 */
final class LocalAdmin {

    private static final Logger log = LoggerFactory.getLogger(LocalAdmin.class);
    static final String PATH = "/internal/admin-invites";
    static final String HEAP_PATH = "/internal/admin-heap";
    static final String FILE = "admin-endpoint.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String token = Tokens.random();
    private final Invitations invitations;
    private final String publicBase;

    LocalAdmin(Invitations invitations, String publicBase) {
        this.invitations = invitations;
        this.publicBase = publicBase;
    }

    void handle(Context ctx) throws IOException {
        if (!authorized(ctx)) {
            return;
        }
        String code = invitations.createOperatorInvite();
        log.info("Administrator invitation created from the command line");
        ctx.json(Map.of("url", publicBase + "/invite/" + code));
    }

    /** A full collection, then the heap in use: {@code {"heapUsedBytes": N}}. */
    void heap(Context ctx) throws IOException {
        if (!authorized(ctx)) {
            return;
        }
        long used = Long.MAX_VALUE;
        var memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 2; i++) { // the smaller of two: a collection may race a burst of allocation
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        ctx.json(Map.of("heapUsedBytes", used));
    }

    /** Loopback and the token, or a 404 indistinguishable from any unknown path. */
    private boolean authorized(Context ctx) throws IOException {
        InetAddress peer = InetAddress.getByName(ctx.req().getRemoteAddr());
        boolean tokenOk = Tokens.constantTimeEquals(ctx.header("Authorization"), "Bearer " + token);
        if (!peer.isLoopbackAddress() || !tokenOk) {
            ctx.status(404);
            return false;
        }
        return true;
    }

    /** Writes the endpoint file (owner-only) once the server listens on {@code port}. */
    void publish(Path dataDir, int port) {
        Path file = dataDir.resolve(FILE);
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, JSON.writeValueAsString(Map.of("url", "http://127.0.0.1:" + port + PATH,
                    "heapUrl", "http://127.0.0.1:" + port + HEAP_PATH, "token", token)));
        } catch (IOException | UnsupportedOperationException e) {
            log.warn("Could not write {}: `parley invite --admin` will not reach this running server ({})", file, e.getMessage());
        }
    }

    static void unpublish(Path dataDir) {
        try {
            Files.deleteIfExists(dataDir.resolve(FILE));
        } catch (IOException e) {
            log.debug("Could not remove {}", FILE, e);
        }
    }

    /** True when a server on {@code dataDir} is running: its endpoint file names a port that answers. */
    static boolean serverRunning(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.isReadable(file)) {
            return false;
        }
        try (var socket = new java.net.Socket()) {
            URI url = URI.create(JSON.readTree(Files.readString(file)).get("url").asText());
            socket.connect(new java.net.InetSocketAddress(url.getHost(), url.getPort()), 1_000);
            return true;
        } catch (IOException | RuntimeException e) {
            return false; // a stale file from a server that is gone
        }
    }

    /** Asks a running server for an admin invitation; empty when no server answers. */
    static Optional<String> requestFromRunningServer(Path dataDir) {
        Path file = dataDir.resolve(FILE);
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        try {
            var endpoint = JSON.readTree(Files.readString(file));
            var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            var request = HttpRequest.newBuilder(URI.create(endpoint.get("url").asText()))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + endpoint.get("token").asText())
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            var response = client.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            return Optional.of(JSON.readTree(response.body()).get("url").asText());
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // a stale file from a server that is gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
