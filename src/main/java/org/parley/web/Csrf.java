package org.parley.web;

import io.javalin.http.Context;
import java.net.URI;
import java.util.Set;
import org.parley.kernel.Tokens;

/**
 * CSRF protection for cookie-authenticated writes (OWASP "double submit cookie", bound to the session
 * when there is one): every unsafe request under /api/ must echo the {@code parley_csrf} cookie in the
 * {@code X-CSRF-Token} header, and a cross-site {@code Origin} is refused outright.
 */
public final class Csrf {

    public static final String COOKIE = "parley_csrf";
    public static final String HEADER = "X-CSRF-Token";
    private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final ClientInfo client;

    public Csrf(ClientInfo client) {
        this.client = client;
    }

    /** Gives every API client a token cookie so its first write can carry it. */
    public void issueIfMissing(Context ctx) {
        if (ctx.cookie(COOKIE) == null) {
            Cookies.set(ctx, COOKIE, Tokens.random(), null, false, client.secure(ctx));
        }
    }

    public static boolean isUnsafe(Context ctx) {
        return UNSAFE.contains(ctx.method().name());
    }

    /**
     * Checks an unsafe request. {@code sessionToken} is the token bound to the caller's session, or
     * {@code null} for an anonymous caller (then the cookie itself is the reference).
     */
    public void verify(Context ctx, String sessionToken) {
        String origin = ctx.header("Origin");
        if (origin != null && !"null".equals(origin) && !sameOrigin(origin, ctx)) {
            throw forbidden("Cross-site request refused");
        }
        String header = ctx.header(HEADER);
        String expected = sessionToken != null ? sessionToken : ctx.cookie(COOKIE);
        if (!Tokens.constantTimeEquals(header, expected)) {
            throw forbidden("Missing or wrong " + HEADER + " header; reload the page and try again");
        }
    }

    /** True when the request's Origin is absent or this site's own (checked on WebSocket upgrades). */
    public boolean originAllowed(Context ctx) {
        String origin = ctx.header("Origin");
        return origin == null || sameOrigin(origin, ctx);
    }

    private boolean sameOrigin(String origin, Context ctx) {
        try {
            URI uri = URI.create(origin);
            String host = uri.getHost() == null ? "" : uri.getHost();
            String authority = uri.getPort() == -1 ? host : host + ":" + uri.getPort();
            return authority.equalsIgnoreCase(ctx.host())
                    || URI.create(client.publicOrigin(ctx)).getAuthority().equalsIgnoreCase(authority);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static ProblemException forbidden(String detail) {
        return new ProblemException(403, "csrf_invalid", "Request refused", detail);
    }
}
