package org.parley.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Serves the single-page web client from the jar ({@code /web} on the classpath). The client's own
 * routes (History API paths) all answer with {@code index.html}; the client then renders the page.
 * It also serves the installable app's parts: the manifest (a static file with its own media type)
 * and the service worker at the root, {@code /sw.js}, stamped with this build of the client
 * ({@link ClientBuild}) so that a deploy that changes the client installs a new worker.
 */
public final class WebClient {

    /** Paths the client renders; kept in step with the router in web/app.js and docs/api.md. */
    static final List<String> CLIENT_ROUTES = List.of("/login", "/invite/{code}", "/me/edit", "/u/{username}",
            "/u/{username}/followers", "/u/{username}/following", "/invites", "/invites/tree", "/settings", "/hallway",
            "/room/{id}", "/notifications", "/events/new", "/events/{id}", "/events/{id}/edit", "/admin", "/privacy",
            "/proposals", "/proposals/new", "/proposals/{id}",
            "/clubs", "/c/new", "/c/{slug}", "/c/{slug}/edit", "/search");

    /** The worker's path: at the root, so its scope (W3C Service Workers §3.2.3) is the whole client. */
    static final String WORKER_PATH = "/sw.js";

    /** W3C Web App Manifest §1.1: the manifest's registered media type, for {@code manifest.webmanifest}. */
    static final String MANIFEST_MEDIA_TYPE = "application/manifest+json";
    private static final String[] MANIFEST_EXTENSIONS = {"webmanifest"};

    private final byte[] indexHtml;
    private final byte[] worker;

    public WebClient() {
        indexHtml = resource("/web/index.html");
        ClientBuild build = ClientBuild.of("/web");
        worker = (build.workerPrelude() + new String(resource("/web/core/pwa/worker.js"), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
    }

    public void register(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/web";
            files.location = Location.CLASSPATH;
            // Revalidate on every load (ETags keep it cheap) so an upgrade reaches browsers at once.
            files.headers = Map.of("Cache-Control", "no-cache");
            files.mimeTypes.add(MANIFEST_MEDIA_TYPE, MANIFEST_EXTENSIONS);
        });
        for (String route : CLIENT_ROUTES) {
            config.routes.get(route, this::index);
        }
        config.routes.get(WORKER_PATH, this::worker);
    }

    /** A browser asking for a page that does not exist: the client renders its not-found page. */
    public void notFound(Context ctx) {
        index(ctx);
        ctx.status(404);
    }

    private void index(Context ctx) {
        ctx.header("Cache-Control", "no-cache").contentType("text/html; charset=utf-8").result(indexHtml);
    }

    /**
     * The worker must be a JavaScript MIME type (Service Workers §8.4 step 3.1) and is checked for an
     * update on every registration: {@code no-cache} keeps any HTTP cache from hiding a new version.
     */
    private void worker(Context ctx) {
        ctx.header("Cache-Control", "no-cache").contentType("text/javascript; charset=utf-8").result(worker);
    }

    static byte[] resource(String path) {
        try (InputStream in = WebClient.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("The web client is missing from the jar (" + path + ")");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
