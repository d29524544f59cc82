package org.parley.search;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.List;
import org.parley.accounts.Member;
import org.parley.accounts.SessionHttp;
import org.parley.kernel.Tokens;
import org.parley.kernel.Validation;
import org.parley.web.ProblemException;
import org.parley.web.RateLimiter;

/** {@code search}: {@code GET /api/search?q=…&kind=…&offset=…&limit=…} (docs/api.md, "Search"). */
final class SearchApi {

    /** The answer: the query as matched, and its groups in {@link Search#KINDS} order. */
    record Answer(String q, List<Search.Group> groups) {}

    private final Search search;
    private final SearchConfig config;
    private final RateLimiter perSession;

    SearchApi(Search search, SearchConfig config, Clock clock) {
        this.search = search;
        this.config = config;
        this.perSession = new RateLimiter(config.perSession(), Math.max(1, config.perWindow().toSeconds()), clock);
    }

    void routes(RoutesConfig routes) {
        routes.get("/api/search", this::search);
    }

    void search(Context ctx) {
        Member me = SessionHttp.require(ctx);
        // Per session: each device typing has its own budget; the key is the cookie's hash, never the cookie.
        String session = ctx.cookie(SessionHttp.SESSION_COOKIE);
        perSession.acquire("search:" + (session != null ? Tokens.sha256Hex(session) : "member:" + me.id()));
        Validation v = new Validation();
        String q = SearchRules.query(v, ctx.queryParam("q"), config);
        String kind = SearchRules.kind(v, ctx.queryParam("kind"));
        int offset = number(v, "offset", ctx.queryParam("offset"), 0, 0, config.offsetMax());
        int limit = number(v, "limit", ctx.queryParam("limit"), kind == null ? config.groupLimit() : 20, 1,
                config.pageMax());
        if (kind == null && offset != 0) {
            v.add("offset", "invalid_value", "pages are per kind: give a kind with an offset");
        }
        ProblemException.throwIfInvalid(v);
        ctx.header("Cache-Control", "no-store");
        ctx.json(new Answer(q, search.find(me.id(), q, kind, offset, limit)));
    }

    private static int number(Validation v, String name, String raw, int fallback, int min, int max) {
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value < min || value > max) {
                v.add(name, "invalid_value", "must be between " + min + " and " + max);
            }
            return value;
        } catch (NumberFormatException e) {
            v.add(name, "invalid_type", "must be a whole number");
            return fallback;
        }
    }
}
