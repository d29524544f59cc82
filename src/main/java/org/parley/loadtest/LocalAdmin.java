package org.parley.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The loopback admin endpoints of a server on this machine, as {@code parley invite --admin} finds them:
 * their URLs and token are in {@code admin-endpoint.json} in the server's data folder (owner-only). Used
 * only for a loopback --url, and only if the file names the same port (another server's file is ignored).
 */
final class LocalAdmin {

    private final HttpClient client;
    private final JsonNode endpoint;

    private LocalAdmin(HttpClient client, JsonNode endpoint) {
        this.client = client;
        this.endpoint = endpoint;
    }

    /** The endpoints of the server at {@code url}, if it runs here with its data in {@code dataDir}. */
    static Optional<LocalAdmin> find(URI url, Path dataDir, HttpClient client) {
        Path file = dataDir.resolve("admin-endpoint.json");
        try {
            if (!InetAddress.getByName(url.getHost()).isLoopbackAddress() || !Files.isReadable(file)) {
                return Optional.empty();
            }
            JsonNode endpoint = ParleyHttp.JSON.readTree(Files.readString(file));
            URI target = URI.create(endpoint.path("url").asText());
            int port = url.getPort() > 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
            if (target.getPort() != port || !InetAddress.getByName(target.getHost()).isLoopbackAddress()) {
                return Optional.empty();
            }
            return Optional.of(new LocalAdmin(client, endpoint));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A one-time administrator invitation code, or null if the server did not give one. */
    String adminInviteCode() {
        JsonNode answer = post("url");
        if (answer == null) {
            return null;
        }
        String link = answer.path("url").asText();
        return link.substring(link.lastIndexOf('/') + 1);
    }

    /** The server's heap in use right after a full collection, in bytes, or NaN if it cannot say. */
    double heapAfterFullGc() {
        JsonNode answer = post("heapUrl");
        return answer == null || !answer.path("heapUsedBytes").isNumber() ? Double.NaN
                : answer.path("heapUsedBytes").asDouble();
    }

    private JsonNode post(String urlField) {
        String target = endpoint.path(urlField).asText(null);
        if (target == null) {
            return null; // a server from before this endpoint
        }
        try {
            var request = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + endpoint.path("token").asText())
                    .POST(HttpRequest.BodyPublishers.noBody()).build();
            var response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? ParleyHttp.JSON.readTree(response.body()) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
