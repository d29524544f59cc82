package org.parley.privacy;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.time.Clock;
import org.parley.accounts.SessionHttp;
import org.parley.web.ClientInfo;
import org.parley.web.RateLimiter;

/**
 * Anti-scraping: reads of profiles and member lists — a profile, its followers and following, an
 * organization's delegates, the invitation tree — count against a budget per session and per IP
 * address ({@link PrivacyConfig}); past it they are refused with 429 and Retry-After. The invitation
 * tree names every member in one answer, so one read of it costs {@link #TREE_COST} reads.
 *
 * <p>No endpoint lists all members but the invitation tree, which members only may read (it is the
 * network's accountability), truncated past {@code InviteTreeApi.MAX_MEMBERS}, and costly here.
 */
final class ReadLimitsHttp {

    /** What one read of the invitation tree costs: a member opens it now and then, a scraper would loop on it. */
    static final int TREE_COST = 20;
    /** The reads this counts (GET only): member pages and the lists that name members. */
    static final String[] PATHS = {"/api/members/*", "/api/organizations/*", "/api/invite-tree"};

    private final RateLimiter perSession;
    private final RateLimiter perIp;
    private final ClientInfo client;

    ReadLimitsHttp(PrivacyConfig config, ClientInfo client, Clock clock) {
        long window = config.memberReadWindow().toSeconds();
        this.perSession = new RateLimiter(config.memberReadsPerSession(), window, clock);
        this.perIp = new RateLimiter(config.memberReadsPerIp(), window, clock);
        this.client = client;
    }

    void routes(RoutesConfig routes) {
        for (String path : PATHS) {
            routes.before(path, this::count);
        }
    }

    void count(Context ctx) {
        if (ctx.method() != HandlerType.GET) {
            return;
        }
        int cost = ctx.path().equals("/api/invite-tree") ? TREE_COST : 1;
        String session = SessionHttp.sessionId(ctx);
        String ip = "ip:" + client.ip(ctx);
        for (int i = 0; i < cost; i++) {
            perIp.acquire(ip);
            if (session != null) {
                perSession.acquire(session);
            }
        }
    }
}
