package org.parley.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.parley.accounts.Member;
import org.parley.accounts.SessionHttp;
import org.parley.kernel.Validation;
import org.parley.notifications.webpush.P256;
import org.parley.notifications.webpush.Vapid;
import org.parley.storage.Database;
import org.parley.web.JsonBody;
import org.parley.web.ProblemException;
import org.parley.web.RateLimiter;

/**
 * A member's devices for Web Push: {@code getPushKey} (the VAPID public key browsers subscribe
 * with), {@code subscribePush} (the browser's {@code PushSubscription.toJSON()}) and
 * {@code unsubscribePush}. The server will POST to whatever endpoint a member names, so it takes only
 * {@code https://} URLs on public hosts, besides the development origins of {@link PushConfig}.
 */
final class PushApi {

    static final int MAX_ENDPOINT = 2048;
    static final int CHANGES_PER_WINDOW = 30;
    static final long CHANGE_WINDOW_SECONDS = 600;
    private static final int AUTH_BYTES = 16;

    private final Database db;
    private final SubscriptionStore subscriptions;
    private final Vapid vapid;
    private final PushConfig config;
    private final Clock clock;
    private final RateLimiter changes;

    PushApi(Database db, SubscriptionStore subscriptions, Vapid vapid, PushConfig config, Clock clock) {
        this.db = db;
        this.subscriptions = subscriptions;
        this.vapid = vapid;
        this.config = config;
        this.clock = clock;
        this.changes = new RateLimiter(CHANGES_PER_WINDOW, CHANGE_WINDOW_SECONDS, clock);
    }

    void routes(RoutesConfig routes) {
        routes.get("/api/push/key", this::key);
        routes.post("/api/push/subscriptions", this::subscribe);
        routes.post("/api/push/subscriptions/remove", this::unsubscribe);
    }

    void key(Context ctx) {
        SessionHttp.require(ctx);
        ctx.json(Map.of("publicKey", vapid.publicKey()));
    }

    void subscribe(Context ctx) {
        Member me = SessionHttp.require(ctx);
        changes.acquire("member:" + me.id());
        JsonBody body = JsonBody.read(ctx, Set.of("endpoint", "expirationTime", "keys"), false);
        Validation v = body.validator();
        String endpoint = endpoint(v, body.string("endpoint"));
        JsonNode keys = body.node("keys");
        String p256dh = null;
        String auth = null;
        if (keys == null || !keys.isObject()) {
            v.add("keys", keys == null ? "required" : "invalid_type", "must be the subscription's keys: p256dh and auth");
        } else {
            p256dh = key(v, keys, "p256dh");
            auth = key(v, keys, "auth");
        }
        ProblemException.throwIfInvalid(v);
        String p = p256dh;
        String a = auth;
        db.transaction(conn -> {
            subscriptions.save(conn, me.id(), endpoint, p, a, clock.instant());
            return null;
        });
        ctx.status(204);
    }

    void unsubscribe(Context ctx) {
        Member me = SessionHttp.require(ctx);
        changes.acquire("member:" + me.id());
        JsonBody body = JsonBody.read(ctx, Set.of("endpoint"), false);
        Validation v = body.validator();
        String endpoint = body.string("endpoint");
        if (v.required("endpoint", endpoint)) {
            v.length("endpoint", endpoint, 1, MAX_ENDPOINT);
        }
        ProblemException.throwIfInvalid(v);
        db.transaction(conn -> subscriptions.remove(conn, me.id(), endpoint));
        ctx.status(204);
    }

    /** The endpoint if a push may go there: https on a public host, or a configured development origin. */
    private String endpoint(Validation v, String raw) {
        if (!v.required("endpoint", raw)) {
            return null;
        }
        if (raw.length() > MAX_ENDPOINT) {
            v.add("endpoint", "too_long", "must be at most " + MAX_ENDPOINT + " characters");
            return null;
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            v.add("endpoint", "invalid_value", "must be a URL");
            return null;
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            v.add("endpoint", "invalid_value", "must be a URL with a host and no user or fragment");
        } else if (config.devOrigins().contains(Vapid.origin(uri))) {
            return raw;
        } else if (!"https".equals(uri.getScheme())) {
            v.add("endpoint", "invalid_value", "must be an https:// URL");
        } else if (!publicHost(uri.getHost())) {
            v.add("endpoint", "invalid_value", "must be on a public host");
        }
        return raw;
    }

    /** Refuses names for this machine and literal addresses of private networks (no DNS is asked). */
    static boolean publicHost(String host) {
        String h = host.toLowerCase();
        if (h.equals("localhost") || h.endsWith(".localhost") || h.endsWith(".local") || h.endsWith(".internal")) {
            return false;
        }
        if (!h.matches("[0-9.]+|\\[[0-9a-f:.]+]")) {
            return true;
        }
        try {
            return publicAddress(InetAddress.getByName(h.replace("[", "").replace("]", "")));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Not this machine, a private or link-local network, a multicast group or an IPv6 unique-local address. */
    static boolean publicAddress(InetAddress a) {
        return !(a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                || a.isMulticastAddress() || (a.getAddress().length == 16 && (a.getAddress()[0] & 0xfe) == 0xfc));
    }

    /**
     * At send time: whether {@code endpoint}'s host still resolves to public addresses only (or is a
     * configured development origin). A name accepted at subscribe time may since point into the
     * operator's own network (DNS rebinding); Parley must not be made to post there.
     */
    static boolean reachable(URI endpoint, PushConfig config) {
        if (config.devOrigins().contains(Vapid.origin(endpoint))) {
            return true;
        }
        try {
            for (InetAddress a : InetAddress.getAllByName(endpoint.getHost())) {
                if (!publicAddress(a)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String key(Validation v, JsonNode keys, String name) {
        JsonNode value = keys.get(name);
        String field = "keys." + name;
        if (value == null || !value.isTextual() || value.textValue().length() > 100) {
            v.add(field, value == null ? "required" : "invalid_value", "must be the subscription's " + name + " (base64url)");
            return null;
        }
        try {
            byte[] bytes = P256.fromBase64Url(value.textValue());
            if (name.equals("auth") ? bytes.length != AUTH_BYTES : !validPoint(bytes)) {
                v.add(field, "invalid_value", name.equals("auth") ? "must be 16 bytes" : "must be a P-256 public key");
                return null;
            }
            return P256.base64Url(bytes);
        } catch (IllegalArgumentException e) {
            v.add(field, "invalid_value", "must be base64url");
            return null;
        }
    }

    private static boolean validPoint(byte[] bytes) {
        try {
            P256.publicKey(bytes);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
