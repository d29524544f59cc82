package org.parley.avatars;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.parley.accounts.MeView;
import org.parley.accounts.Member;
import org.parley.accounts.Members;
import org.parley.accounts.SessionHttp;
import org.parley.events.EventBus;
import org.parley.events.MemberChanged;
import org.parley.kernel.Validation;
import org.parley.storage.Database;
import org.parley.web.ProblemException;
import org.parley.web.RateLimiter;

/**
 * A member's photo: {@code uploadAvatar} ({@code PUT /api/me/avatar}, the image's bytes as the body),
 * {@code deleteAvatar} and {@code getAvatar} ({@code GET /api/avatars/{member}/{version}?size=}),
 * which serves the re-encoded squares to signed-in members only — the network is invitation-only,
 * and so are its faces.
 */
final class AvatarsApi {

    /** Largest upload: a full-resolution phone photo fits; the web client sends a ~1024 px crop anyway. */
    static final int MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
    /** Uploads each member may make per window: decoding costs CPU, and nobody changes faces this often. */
    static final int UPLOADS_PER_WINDOW = 10;
    static final long UPLOAD_WINDOW_SECONDS = 600;
    /**
     * A URL names one image forever (its version changes with the photo), so browsers keep it a year
     * without asking again; {@code private}: shared caches must not hold what only members may see.
     */
    static final String CACHE_CONTROL = "private, max-age=31536000, immutable";

    private final Database db;
    private final Members members;
    private final MeView meView;
    private final AvatarImages images = new AvatarImages();
    private final AvatarStore store = new AvatarStore();
    private final RateLimiter uploads;
    private final EventBus events;

    AvatarsApi(Database db, Members members, MeView meView, EventBus events, Clock clock) {
        this.events = events;
        this.db = db;
        this.members = members;
        this.meView = meView;
        this.uploads = new RateLimiter(UPLOADS_PER_WINDOW, UPLOAD_WINDOW_SECONDS, clock);
    }

    void routes(RoutesConfig routes) {
        routes.put("/api/me/avatar", this::upload);
        routes.delete("/api/me/avatar", this::delete);
        routes.get(Member.AVATAR_PATH + "{member}/{version}", this::get);
    }

    void upload(Context ctx) {
        Member me = SessionHttp.require(ctx);
        String type = Optional.ofNullable(ctx.contentType()).orElse("").split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!type.startsWith("image/")) {
            throw new ProblemException(415, "unsupported_media_type", "Unsupported media type",
                    "Send the image's bytes as the body, with Content-Type image/jpeg, image/png or image/webp");
        }
        uploads.acquire("avatar:" + me.id());
        byte[] upload = body(ctx);
        AvatarImages.Outcome outcome = images.encode(upload);
        if (outcome instanceof AvatarImages.Refused(Refusal reason)) {
            int status = reason == Refusal.UNSUPPORTED_FORMAT ? 415 : 422;
            throw new ProblemException(status, reason.code, "Image refused", reason.detail);
        }
        var encoded = (AvatarImages.Encoded) outcome;
        var after = db.transaction(conn -> {
            store.replace(conn, me.id(), encoded.version(), encoded.images());
            members.setAvatarVersion(conn, me.id(), encoded.version());
            return meView.render(conn, members.byId(conn, me.id()).orElseThrow());
        });
        events.publish(new MemberChanged(me.id()));
        ctx.json(after);
    }

    void delete(Context ctx) {
        Member me = SessionHttp.require(ctx);
        var after = db.transaction(conn -> {
            store.delete(conn, me.id());
            members.setAvatarVersion(conn, me.id(), null);
            return meView.render(conn, members.byId(conn, me.id()).orElseThrow());
        });
        events.publish(new MemberChanged(me.id()));
        ctx.json(after);
    }

    void get(Context ctx) {
        SessionHttp.require(ctx);
        int size = size(ctx.queryParam("size"));
        String version = ctx.pathParam("version");
        long member;
        try {
            member = Long.parseLong(ctx.pathParam("member"));
        } catch (NumberFormatException e) {
            throw notFound();
        }
        String etag = "\"" + version + "-" + size + "\"";
        ctx.header("Cache-Control", CACHE_CONTROL); // replaces the API's no-store
        ctx.header("ETag", etag);
        if (!version.matches("[0-9a-f]{16}")) {
            throw notFound();
        }
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304); // RFC 9110 §13.1.2: the browser's copy is this very image
            return;
        }
        byte[] image = db.read(conn -> store.image(conn, member, version, size)).orElseThrow(AvatarsApi::notFound);
        ctx.contentType("image/jpeg").result(image);
    }

    private static int size(String raw) {
        if (raw == null) {
            return AvatarImages.SIZES.getLast();
        }
        for (int size : AvatarImages.SIZES) {
            if (String.valueOf(size).equals(raw)) {
                return size;
            }
        }
        Validation v = new Validation().add("size", "invalid_value", "must be one of " + AvatarImages.SIZES);
        ProblemException.throwIfInvalid(v);
        throw new IllegalStateException("unreachable");
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("avatar_not_found", "No such photo; the member may have changed or removed it");
    }

    /**
     * The body, at most {@link #MAX_UPLOAD_BYTES}. Read here rather than through Javalin, whose limit
     * is the API's 64 KB for JSON, and counted as it arrives: a chunked body declares no length.
     */
    private static byte[] body(Context ctx) {
        if (ctx.req().getContentLengthLong() > MAX_UPLOAD_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes(MAX_UPLOAD_BYTES + 1);
            if (bytes.length > MAX_UPLOAD_BYTES) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw new ProblemException(400, "bad_request", "Bad request", "The image could not be received");
        }
    }

    private static ProblemException tooLarge() {
        return new ProblemException(413, "image_file_too_large", "Image refused",
                "The image file is larger than " + MAX_UPLOAD_BYTES / (1024 * 1024) + " MB");
    }
}
