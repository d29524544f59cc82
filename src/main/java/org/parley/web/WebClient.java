package org.parley.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Serves the single-page web client from the jar ({@code /web} on the classpath). The client's own
 * routes (History API paths) all answer with {@code index.html}; the client then renders the page.
 */
public final class WebClient {

    /** Paths the client renders; kept in step with the router in web/app.js and docs/api.md. */
    static final List<String> CLIENT_ROUTES = List.of("/login", "/invite/{code}", "/me/edit", "/u/{username}",
            "/u/{username}/followers", "/u/{username}/following", "/invites", "/settings", "/hallway", "/room/{id}");

    private final byte[] indexHtml;

    public WebClient() {
        try (InputStream in = WebClient.class.getResourceAsStream("/web/index.html")) {
            if (in == null) {
                throw new IllegalStateException("The web client is missing from the jar (/web/index.html)");
            }
            indexHtml = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void register(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/web";
            files.location = Location.CLASSPATH;
            // Revalidate on every load (ETags keep it cheap) so an upgrade reaches browsers at once.
            files.headers = java.util.Map.of("Cache-Control", "no-cache");
        });
        for (String route : CLIENT_ROUTES) {
            config.routes.get(route, this::index);
        }
    }

    /** A browser asking for a page that does not exist: the client renders its not-found page. */
    public void notFound(Context ctx) {
        index(ctx);
        ctx.status(404);
    }

    private void index(Context ctx) {
        ctx.header("Cache-Control", "no-cache").contentType("text/html; charset=utf-8").result(indexHtml);
    }
}
