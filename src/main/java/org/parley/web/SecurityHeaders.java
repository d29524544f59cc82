package org.parley.web;

import io.javalin.http.Context;

/** Response headers that make the browser refuse whole classes of attack (XSS, framing, sniffing). */
public final class SecurityHeaders {

    /**
     * Scripts and styles only from Parley itself; inline style attributes are allowed because the
     * client sets sizes from script. {@code connect-src 'self'} covers the same-origin WebSocket.
     */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; font-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private SecurityHeaders() {}

    public static void apply(Context ctx) {
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer"); // invitation codes in URLs must not leak onward
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Permissions-Policy", "camera=(), geolocation=(), microphone=(self)");
        if (ctx.path().startsWith("/api/")) {
            ctx.header("Cache-Control", "no-store");
        }
    }
}
