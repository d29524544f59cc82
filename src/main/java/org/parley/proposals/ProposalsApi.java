package org.parley.proposals;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.parley.accounts.AccountRules;
import org.parley.accounts.Member;
import org.parley.accounts.Members;
import org.parley.accounts.SessionHttp;
import org.parley.kernel.Validation;
import org.parley.social.SocialGraph;
import org.parley.storage.Database;
import org.parley.web.JsonBody;
import org.parley.web.ProblemException;
import org.parley.web.RateLimiter;

/**
 * Proposals over HTTP: {@code createProposal}, {@code getProposal}, {@code answerProposal},
 * {@code askOnProposal} and {@code listProposals} (docs/api.md). Every action is checked here and in
 * {@link Proposals} against who the session acts as: a delegate acting as an organization answers as it.
 */
final class ProposalsApi {

    /** Proposals one member may make per window: a busy person's week of invitations, not a script's. */
    static final int CREATES_PER_WINDOW = 20;
    static final long CREATE_WINDOW_SECONDS = 3600;
    /** Answers and thread messages one member may write per window: a lively exchange, not a flood. */
    static final int WRITES_PER_WINDOW = 60;
    static final long WRITE_WINDOW_SECONDS = 600;
    private static final Set<String> FIELDS = Set.of("topic", "description", "format", "languages", "guests", "audience",
            "note", "recipients", "times", "public", "expiresAt");

    private final Proposals proposals;
    private final ProposalViews views;
    private final Database db;
    private final Members members;
    private final SocialGraph graph;
    private final ProposalsConfig config;
    private final Clock clock;
    private final RateLimiter creates;
    private final RateLimiter writes;

    ProposalsApi(Proposals proposals, ProposalViews views, Database db, Members members, SocialGraph graph,
                 ProposalsConfig config, Clock clock) {
        this.proposals = proposals;
        this.views = views;
        this.db = db;
        this.members = members;
        this.graph = graph;
        this.config = config;
        this.clock = clock;
        this.creates = new RateLimiter(CREATES_PER_WINDOW, CREATE_WINDOW_SECONDS, clock);
        this.writes = new RateLimiter(WRITES_PER_WINDOW, WRITE_WINDOW_SECONDS, clock);
    }

    void routes(RoutesConfig routes) {
        routes.post("/api/proposals", this::create);
        routes.get("/api/proposals", this::list);
        routes.get("/api/proposals/{id}", this::get);
        routes.post("/api/proposals/{id}/answer", this::answer);
        routes.post("/api/proposals/{id}/messages", this::ask);
    }

    void create(Context ctx) {
        Member me = SessionHttp.require(ctx);
        JsonBody body = JsonBody.read(ctx, FIELDS, false);
        Validation v = body.validator();
        Instant now = clock.instant();
        String topic = body.string("topic");
        ProposalRules.topic(v, topic);
        String description = body.string("description");
        ProposalRules.text(v, "description", description, ProposalRules.DESCRIPTION_MAX, true);
        String format = body.string("format");
        ProposalRules.text(v, "format", format, ProposalRules.FORMAT_MAX, false);
        String guests = body.string("guests");
        ProposalRules.text(v, "guests", guests, ProposalRules.GUESTS_MAX, false);
        String audience = body.string("audience");
        ProposalRules.text(v, "audience", audience, ProposalRules.AUDIENCE_MAX, false);
        String note = body.string("note");
        ProposalRules.text(v, "note", note, ProposalRules.NOTE_MAX, true);
        List<String> languages = languages(body.node("languages"), v);
        List<Proposals.TimeDraft> times = times(body.node("times"), v, now);
        boolean open = bool(body.node("public"), v, "public", false);
        Instant expiresAt = instant(body.string("expiresAt"), v, "expiresAt");
        ProposalRules.expiry(v, expiresAt, now, config.maxExpiry());
        List<String> usernames = AccountRules.usernames(v, "recipients", body.node("recipients"), ProposalRules.RECIPIENTS_MAX);
        if (!v.hasError("recipients") && usernames.isEmpty()) {
            v.add("recipients", "required", "name at least one member to propose it to");
        } else if (usernames.stream().anyMatch(me.username()::equalsIgnoreCase)) {
            v.add("recipients", "invalid_value", "you cannot propose a conversation to yourself");
        }
        ProblemException.throwIfInvalid(v);
        creates.acquire("member:" + me.id());
        List<Long> recipients = db.read(conn -> {
            List<Long> ids = new ArrayList<>();
            List<String> unknown = new ArrayList<>();
            Set<Long> blocked = graph.blockedEitherWay(conn, me.id());
            for (String name : usernames) {
                members.byUsername(conn, name).filter(m -> !blocked.contains(m.id()) && m.id() != me.id())
                        .ifPresentOrElse(m -> ids.add(m.id()), () -> unknown.add(name));
            }
            if (!unknown.isEmpty()) {
                throw ProblemException.field(400, "validation", "Invalid request", "recipients",
                        "these members cannot be asked: " + String.join(", ", unknown));
            }
            return ids;
        });
        var draft = new Proposals.Draft(topic, description, format, languages, guests, audience, note, open,
                expiresAt != null ? expiresAt : now.plus(config.defaultExpiry()), times);
        answer(ctx, 201, proposals.create(me, draft, recipients));
    }

    void get(Context ctx) {
        Member me = SessionHttp.require(ctx);
        answer(ctx, 200, proposals.find(me.id(), id(ctx)).orElseThrow(ProposalsApi::notFound));
    }

    /**
     * {@code {"action": "accept", "timeId": 3}}, {@code {"action": "counter", "startsAt": …, "lengthMinutes": 60}}
     * or {@code {"action": "decline", "reason": "…", "reasonPublic": false}}.
     */
    void answer(Context ctx) {
        Member me = SessionHttp.require(ctx);
        JsonBody body = JsonBody.read(ctx, Set.of("action", "timeId", "startsAt", "lengthMinutes", "reason", "reasonPublic"), false);
        Validation v = body.validator();
        String action = body.string("action");
        Proposals.Answer answer = null;
        if (v.required("action", action)) {
            switch (action) {
                case "accept" -> {
                    JsonNode time = body.node("timeId");
                    if (time == null || !time.canConvertToLong() || !time.isIntegralNumber()) {
                        v.add("timeId", "required", "name the time you accept");
                    } else {
                        answer = new Proposals.Answer.Accept(time.longValue());
                    }
                }
                case "counter" -> {
                    Instant start = instant(body.string("startsAt"), v, "startsAt");
                    Integer length = integer(body.node("lengthMinutes"), v, "lengthMinutes");
                    ProposalRules.time(v, "startsAt", start, length, clock.instant());
                    answer = new Proposals.Answer.Counter(new Proposals.TimeDraft(start, length == null ? 0 : length));
                }
                case "decline" -> {
                    String reason = body.string("reason");
                    ProposalRules.message(v, "reason", reason, false);
                    answer = new Proposals.Answer.Decline(reason, bool(body.node("reasonPublic"), v, "reasonPublic", false));
                }
                default -> v.add("action", "invalid_value", "must be accept, counter or decline");
            }
        }
        ProblemException.throwIfInvalid(v);
        writes.acquire("member:" + me.id());
        Proposals.Answer chosen = answer;
        answer(ctx, 200, refusing(() -> proposals.answer(me, id(ctx), chosen)));
    }

    /** {@code {"text": "What exactly is proposed?"}}: a message on the thread. */
    void ask(Context ctx) {
        Member me = SessionHttp.require(ctx);
        JsonBody body = JsonBody.read(ctx, Set.of("text"), false);
        Validation v = body.validator();
        String text = body.string("text");
        ProposalRules.message(v, "text", text, true);
        ProblemException.throwIfInvalid(v);
        writes.acquire("member:" + me.id());
        answer(ctx, 201, refusing(() -> proposals.ask(me, id(ctx), text)));
    }

    /**
     * {@code ?member=ada}: that member's public proposals; {@code ?box=following}: public proposals of
     * people the reader follows (the hallway); else the reader's own, {@code ?box=sent} or
     * {@code received}, optionally {@code &status=open}.
     */
    void list(Context ctx) {
        Member me = SessionHttp.require(ctx);
        String member = ctx.queryParam("member");
        String box = ctx.queryParam("box");
        String status = ctx.queryParam("status");
        Proposal.Status wanted = null;
        if (status != null) {
            try {
                wanted = Proposal.Status.valueOf(status);
            } catch (IllegalArgumentException e) {
                throw ProblemException.field(400, "validation", "Invalid request", "status",
                        "must be open, accepted, declined or expired");
            }
        }
        List<Found> found;
        if (member != null) {
            long id = db.read(conn -> members.byPathName(conn, member)).map(Member::id)
                    .orElseThrow(() -> ProblemException.notFound("member_not_found", "No member with this username"));
            found = proposals.publicOf(me.id(), id);
        } else if (box == null || box.equals("sent") || box.equals("received")) {
            found = proposals.mine(me.id(), box == null ? null : box.equals("sent"), wanted);
        } else if (box.equals("following")) {
            found = proposals.following(me.id());
        } else {
            throw ProblemException.field(400, "validation", "Invalid request", "box", "must be sent, received or following");
        }
        ctx.header("Cache-Control", "no-store").json(views.of(found, me.id(), clock.instant()));
    }

    private void answer(Context ctx, int status, Found f) {
        Member me = SessionHttp.require(ctx);
        ctx.status(status).header("Cache-Control", "no-store").json(views.of(f, me.id(), clock.instant()));
    }

    private static List<String> languages(JsonNode node, Validation v) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > ProposalRules.LANGUAGES_MAX) {
            v.add("languages", "invalid_type", "must be a list of at most " + ProposalRules.LANGUAGES_MAX + " language codes");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            String code = item.isTextual() ? item.textValue() : null;
            ProposalRules.language(v, "languages", code);
            if (!out.contains(code)) {
                out.add(code);
            }
        }
        return v.hasError("languages") ? List.of() : List.copyOf(out);
    }

    private static List<Proposals.TimeDraft> times(JsonNode node, Validation v, Instant now) {
        if (node == null || node.isNull() || node.isArray() && node.isEmpty()) {
            v.add("times", "required", "propose at least one time");
            return List.of();
        }
        if (!node.isArray() || node.size() > ProposalRules.TIMES_MAX) {
            v.add("times", "invalid_type", "must be a list of at most " + ProposalRules.TIMES_MAX + " times");
            return List.of();
        }
        List<Proposals.TimeDraft> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isObject()) {
                v.add("times", "invalid_type", "each time is an object with startsAt and lengthMinutes");
                return List.of();
            }
            JsonNode start = item.get("startsAt");
            Instant startsAt = instant(start != null && start.isTextual() ? start.textValue() : null, v, "times");
            Integer length = integer(item.get("lengthMinutes"), v, "times");
            ProposalRules.time(v, "times", startsAt, length, now);
            if (startsAt != null && length != null) {
                out.add(new Proposals.TimeDraft(startsAt, length));
            }
        }
        return out;
    }

    /** An RFC 3339 date-time with an offset ({@code 2026-12-24T18:00:00+01:00} or {@code …Z}). */
    private static Instant instant(String raw, Validation v, String field) {
        if (raw == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(raw).toInstant();
        } catch (DateTimeParseException e) {
            v.add(field, "invalid_format", "must be a date and time with its offset, such as 2026-12-24T18:00:00Z");
            return null;
        }
    }

    private static Integer integer(JsonNode node, Validation v, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            v.add(field, "invalid_type", "must be a whole number");
            return null;
        }
        return node.intValue();
    }

    private static boolean bool(JsonNode node, Validation v, String field, boolean absent) {
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isBoolean()) {
            v.add(field, "invalid_type", "must be true or false");
            return absent;
        }
        return node.booleanValue();
    }

    private static String id(Context ctx) {
        String id = ctx.pathParam("id");
        if (!id.matches("[A-Za-z0-9_-]{1,32}")) {
            throw notFound();
        }
        return id;
    }

    private static ProblemException notFound() {
        return new ProblemException(404, "proposal_not_found", "Not found", "This proposal does not exist or is not shown to you");
    }

    /** Runs an action, answering its refusal with the problem that says why. */
    private static <T> T refusing(Supplier<T> action) {
        try {
            return action.get();
        } catch (Refusal r) {
            throw switch (r.reason()) {
                case not_found -> notFound();
                case not_recipient -> new ProblemException(403, "not_proposal_recipient", "Forbidden",
                        "Only its recipients answer a proposal (a delegate answers by acting as the organization)");
                case not_a_party -> new ProblemException(403, "not_proposal_party", "Forbidden",
                        "Only the proposer and the recipients write on a proposal's thread");
                case not_their_time -> new ProblemException(403, "not_their_time", "Forbidden",
                        "The proposer can only accept a time a recipient proposed instead");
                case already_answered -> new ProblemException(409, "already_answered", "Conflict",
                        "You have answered this proposal already");
                case closed -> new ProblemException(409, "proposal_closed", "Conflict",
                        "This proposal is no longer open to this");
                case expired -> new ProblemException(409, "proposal_expired", "Conflict",
                        "This proposal expired without an answer");
                case unknown_time -> new ProblemException(409, "unknown_time", "Conflict",
                        "That time is not on offer in this proposal");
                case time_passed -> new ProblemException(409, "time_passed", "Conflict", "That time has already begun");
                case full -> new ProblemException(409, "proposal_full", "Conflict",
                        "This proposal holds as many times and messages as it can");
            };
        }
    }
}
