package org.parley.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parley.accounts.Member;
import org.parley.accounts.SessionHttp;
import org.parley.kernel.Validation;
import org.parley.storage.Database;
import org.parley.web.JsonBody;
import org.parley.web.ProblemException;
import org.parley.web.RateLimiter;

/**
 * A member's notification settings: {@code getNotificationSettings} and
 * {@code updateNotificationSettings} (docs/api.md). Every kind is listed, with its channel and its
 * default, so a kind added to {@link Kind} appears in the settings without a change here.
 */
final class SettingsApi {

    static final int UPDATES_PER_WINDOW = 60;
    static final long UPDATE_WINDOW_SECONDS = 600;
    private static final String TIME = "([01]\\d|2[0-3]):[0-5]\\d";

    record KindSetting(Kind kind, Channel channel, Channel defaultChannel) {}

    record QuietView(String start, String end, String timeZone) {}

    /** @param devices how many of the member's browsers have push enabled */
    record SettingsView(List<KindSetting> kinds, QuietView quietHours, int devices) {}

    private final Database db;
    private final SettingsStore settings;
    private final SubscriptionStore subscriptions;
    private final RateLimiter updates;

    SettingsApi(Database db, SettingsStore settings, SubscriptionStore subscriptions, Clock clock) {
        this.db = db;
        this.settings = settings;
        this.subscriptions = subscriptions;
        this.updates = new RateLimiter(UPDATES_PER_WINDOW, UPDATE_WINDOW_SECONDS, clock);
    }

    void routes(RoutesConfig routes) {
        routes.get("/api/notifications/settings", this::get);
        routes.put("/api/notifications/settings", this::update);
    }

    void get(Context ctx) {
        Member me = SessionHttp.require(ctx);
        ctx.header("Cache-Control", "no-store").json(view(me.id()));
    }

    /** Changes the kinds named in {@code kinds} and, when present, the quiet hours ({@code null} ends them). */
    void update(Context ctx) {
        Member me = SessionHttp.require(ctx);
        updates.acquire("member:" + me.id());
        JsonBody body = JsonBody.read(ctx, Set.of("kinds", "quietHours"), false);
        Validation v = body.validator();
        Map<Kind, Channel> kinds = kinds(v, body.node("kinds"));
        QuietHours quiet = body.has("quietHours") ? quietHours(v, body.node("quietHours")) : null;
        ProblemException.throwIfInvalid(v);
        db.transaction(conn -> {
            for (var e : kinds.entrySet()) {
                settings.setChannel(conn, me.id(), e.getKey(), e.getValue());
            }
            if (body.has("quietHours")) {
                settings.setQuietHours(conn, me.id(), quiet);
            }
            return null;
        });
        ctx.json(view(me.id()));
    }

    private SettingsView view(long memberId) {
        return db.read(conn -> {
            List<KindSetting> kinds = new ArrayList<>();
            settings.channels(conn, memberId).forEach((kind, channel) ->
                    kinds.add(new KindSetting(kind, channel, Channel.defaultFor(kind))));
            QuietView quiet = settings.quietHours(conn, memberId).map(q ->
                    new QuietView(q.start().toString(), q.end().toString(), q.zone().getId())).orElse(null);
            return new SettingsView(kinds, quiet, subscriptions.forMembers(conn, List.of(memberId)).size());
        });
    }

    private static Map<Kind, Channel> kinds(Validation v, JsonNode node) {
        Map<Kind, Channel> out = new EnumMap<>(Kind.class);
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isObject()) {
            v.add("kinds", "invalid_type", "must be an object of kind → channel");
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            String field = "kinds." + e.getKey();
            var kind = SettingsStore.known(Kind.class, e.getKey());
            var channel = e.getValue().isTextual() ? SettingsStore.known(Channel.class, e.getValue().textValue())
                    : java.util.Optional.<Channel>empty();
            if (kind.isEmpty()) {
                v.add(field, "unknown_kind", "is not a kind of notification");
            } else if (channel.isEmpty()) {
                v.add(field, "invalid_value", "must be in_app, push or off");
            } else {
                out.put(kind.get(), channel.get());
            }
        }
        return out;
    }

    private static QuietHours quietHours(Validation v, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            v.add("quietHours", "invalid_type", "must be an object with start, end and timeZone, or null");
            return null;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!Set.of("start", "end", "timeZone").contains(name)) {
                v.add("quietHours." + name, "unknown_field", "is not a field of quiet hours");
            }
        }
        String start = text(v, node, "start", TIME, "must be a time of day, HH:MM");
        String end = text(v, node, "end", TIME, "must be a time of day, HH:MM");
        String zone = text(v, node, "timeZone", "[A-Za-z0-9_+/-]{1,64}", "must be an IANA time zone such as Europe/Berlin");
        if (zone != null && !ZoneId.getAvailableZoneIds().contains(zone)) {
            v.add("quietHours.timeZone", "invalid_value", "must be an IANA time zone such as Europe/Berlin");
        }
        if (start != null && start.equals(end)) {
            v.add("quietHours.end", "invalid_value", "must differ from the start");
        }
        if (v.hasError("quietHours.start") || v.hasError("quietHours.end") || v.hasError("quietHours.timeZone")) {
            return null;
        }
        return new QuietHours(LocalTime.parse(start), LocalTime.parse(end), ZoneId.of(zone));
    }

    private static String text(Validation v, JsonNode node, String name, String regex, String detail) {
        JsonNode value = node.get(name);
        String field = "quietHours." + name;
        if (value == null || value.isNull()) {
            v.add(field, "required", "is required");
            return null;
        }
        if (!value.isTextual() || !value.textValue().matches(regex)) {
            v.add(field, "invalid_value", detail);
            return null;
        }
        return value.textValue();
    }
}
