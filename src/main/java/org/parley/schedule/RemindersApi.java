package org.parley.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.parley.accounts.Member;
import org.parley.accounts.SessionHttp;
import org.parley.kernel.Validation;
import org.parley.web.JsonBody;
import org.parley.web.ProblemException;
import org.parley.web.RateLimiter;

/**
 * How long before an event's start a member is reminded of it: {@code getReminderLead} and
 * {@code updateReminderLead} ({@code /api/me/event-reminders}). The choice applies to the events they
 * host or RSVP'd, those already on their list included.
 */
final class RemindersApi {

    /** The leads a member picks from, in minutes: from "time to open Parley" to "the day before". */
    static final List<Integer> CHOICES = List.of(5, 10, 15, 30, 60, 120, 1440);
    /** Changes per member per hour: a settings control, not something to script. */
    static final int CHANGES_PER_HOUR = 60;

    record Lead(int leadMinutes, int defaultMinutes, List<Integer> choices) {}

    private final Schedule schedule;
    private final RateLimiter changes;

    RemindersApi(Schedule schedule, Clock clock) {
        this.schedule = schedule;
        this.changes = new RateLimiter(CHANGES_PER_HOUR, 3600, clock);
        long defaultMinutes = schedule.config().reminderLead().toMinutes();
        if (!CHOICES.contains((int) defaultMinutes)) {
            throw new IllegalArgumentException("the default reminder lead (" + defaultMinutes
                    + " min) must be one of the choices " + CHOICES);
        }
    }

    void routes(RoutesConfig routes) {
        routes.get("/api/me/event-reminders", ctx -> answer(ctx, schedule.reminderLead(SessionHttp.require(ctx).id())));
        routes.put("/api/me/event-reminders", this::update);
    }

    void update(Context ctx) {
        Member me = SessionHttp.require(ctx);
        JsonBody body = JsonBody.read(ctx, Set.of("leadMinutes"), false);
        Validation v = body.validator();
        JsonNode node = body.node("leadMinutes");
        if (node == null || node.isNull()) {
            v.add("leadMinutes", "required", "is required");
        } else if (!node.isIntegralNumber() || !node.canConvertToInt() || !CHOICES.contains(node.intValue())) {
            v.add("leadMinutes", "invalid_value", "must be one of " + CHOICES + " (minutes)");
        }
        ProblemException.throwIfInvalid(v);
        changes.acquire("member:" + me.id());
        answer(ctx, schedule.setReminderLead(me, node.intValue()));
    }

    private void answer(Context ctx, Duration lead) {
        ctx.header("Cache-Control", "no-store").json(new Lead((int) lead.toMinutes(),
                (int) schedule.config().reminderLead().toMinutes(), CHOICES));
    }
}
