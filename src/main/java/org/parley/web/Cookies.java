package org.parley.web;

import io.javalin.http.Context;
import java.time.Duration;

/** Writes Set-Cookie headers with the attributes Parley always wants (RFC 6265bis). */
public final class Cookies {

    private Cookies() {}

    /**
     * @param httpOnly false only for the CSRF cookie, which the web client must read
     * @param maxAge   {@code null} for a browser-session cookie, {@link Duration#ZERO} to delete
     */
    public static void set(Context ctx, String name, String value, Duration maxAge, boolean httpOnly, boolean secure) {
        var header = new StringBuilder(name).append('=').append(value).append("; Path=/");
        if (maxAge != null) {
            header.append("; Max-Age=").append(maxAge.toSeconds());
        }
        if (httpOnly) {
            header.append("; HttpOnly");
        }
        if (secure) {
            header.append("; Secure");
        }
        // Lax: links into Parley from elsewhere (an invitation in a chat) arrive signed in, while
        // cross-site POSTs carry no cookie.
        header.append("; SameSite=Lax");
        ctx.res().addHeader("Set-Cookie", header.toString());
    }
}
