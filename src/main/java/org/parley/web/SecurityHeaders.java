package org.parley.web;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;

/**
 * Response headers that make the browser refuse whole classes of attack (XSS, framing, sniffing,
 * downgrade to plain HTTP). They are added as a Jetty request customizer, so every response carries
 * them — routes, static files, WebSocket upgrades — and {@link ProblemErrorHandler} adds them again to
 * the error pages Jetty writes itself (which start from empty headers, or have no request at all).
 */
public final class SecurityHeaders {

    /**
     * Scripts and styles only from Parley itself; inline style attributes are allowed because the
     * client sets sizes from script. {@code connect-src 'self'} covers the same-origin WebSocket.
     */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; font-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /**
     * RFC 6797 §6.1.1: a year, renewed by every response. No {@code includeSubDomains} (§6.1.2):
     * other hosts under the same domain may not be Parley's to force onto HTTPS; a proxy in front can
     * add it. No {@code preload}: that is a promise to browser vendors only an operator can make.
     */
    public static final String HSTS = "max-age=31536000";

    private final List<HttpField> fields;

    /** HSTS only when people reach Parley over HTTPS (its {@code PARLEY_PUBLIC_URL}). */
    public SecurityHeaders(HttpConfig config) {
        List<HttpField> list = new ArrayList<>(List.of(
                new PreEncodedHttpField("Content-Security-Policy", CSP),
                new PreEncodedHttpField("X-Content-Type-Options", "nosniff"),
                // Invitation codes in URLs must not leak onward.
                new PreEncodedHttpField("Referrer-Policy", "no-referrer"),
                new PreEncodedHttpField("X-Frame-Options", "DENY"),
                new PreEncodedHttpField("Permissions-Policy", "camera=(), geolocation=(), microphone=(self)")));
        if (config.publicUrl() != null && config.publicUrl().startsWith("https://")) {
            // Parley speaks plain HTTP behind the TLS-terminating proxy that the https:// address
            // promises, so it cannot tell which requests came over TLS (RFC 6797 §7.2): it sends the
            // header on every response, and a browser ignores it on one that reached it over plain
            // HTTP (§8.1), such as a direct call to the node.
            list.add(new PreEncodedHttpField("Strict-Transport-Security", HSTS));
        }
        this.fields = List.copyOf(list);
    }

    /** A Jetty {@code HttpConfiguration.Customizer}: runs for every request Jetty could parse. */
    public Request customize(Request request, HttpFields.Mutable responseHeaders) {
        addTo(responseHeaders);
        return request;
    }

    /** Before-handler: what depends on the route. */
    public void apply(Context ctx) {
        if (ctx.path().startsWith("/api/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }

    void addTo(HttpFields.Mutable headers) {
        for (HttpField field : fields) {
            headers.put(field);
        }
    }
}
