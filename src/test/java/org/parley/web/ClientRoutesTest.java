package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.TestParley;

/**
 * Every page the client routes (app.js) is also a path the server answers with the client, so a
 * reload or a shared link of any page loads it instead of a 404.
 */
@Timeout(30)
class ClientRoutesTest {

    @Test
    void every_route_of_the_client_is_served_by_the_server() throws IOException {
        String app = Files.readString(Path.of("src/main/resources/web/app.js"));
        Set<String> routed = new TreeSet<>();
        var matcher = Pattern.compile("route\\('([^']+)'").matcher(app);
        while (matcher.find()) {
            routed.add(matcher.group(1).replaceAll(":(\\w+)", "{$1}"));
        }
        routed.remove("/"); // the home page is the static index itself
        assertThat(routed).as("routes found in app.js").isNotEmpty();
        assertThat(new TreeSet<>(WebClient.CLIENT_ROUTES)).containsAll(routed);
    }

    @Test
    void the_invitation_tree_and_the_notifications_load_the_client_on_a_reload() throws Exception {
        try (TestParley parley = TestParley.start()) {
            var http = java.net.http.HttpClient.newHttpClient();
            for (String path : new String[] {"/invites/tree", "/notifications"}) {
                var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(parley.baseUrl() + path)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).as(path).isEqualTo(200);
                assertThat(response.body()).as(path).contains("<html");
            }
        }
    }
}
