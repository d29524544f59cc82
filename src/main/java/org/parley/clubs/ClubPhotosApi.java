package org.parley.clubs;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.parley.accounts.Member;
import org.parley.accounts.SessionHttp;
import org.parley.avatars.SquarePhotos;
import org.parley.kernel.Validation;
import org.parley.storage.Database;
import org.parley.web.ProblemException;
import org.parley.web.RateLimiter;

/**
 * A club's photo: {@code uploadClubPhoto} (admins; the image's bytes as the body, re-encoded by the
 * avatars feature's {@link SquarePhotos} like members' photos, without metadata) and {@code getClubPhoto}
 * (signed-in members; a URL names one image forever, so it is cached as immutable).
 */
final class ClubPhotosApi {

    /** Uploads per member per window: decoding costs CPU. */
    static final int UPLOADS_PER_WINDOW = 10;
    static final long UPLOAD_WINDOW_SECONDS = 600;
    static final String CACHE_CONTROL = "private, max-age=31536000, immutable";

    private final Clubs clubs;
    private final ClubViews views;
    private final Database db;
    private final Clock clock;
    private final SquarePhotos photos = new SquarePhotos();
    private final RateLimiter uploads;

    ClubPhotosApi(Clubs clubs, ClubViews views, Database db, Clock clock) {
        this.clubs = clubs;
        this.views = views;
        this.db = db;
        this.clock = clock;
        this.uploads = new RateLimiter(UPLOADS_PER_WINDOW, UPLOAD_WINDOW_SECONDS, clock);
    }

    void routes(RoutesConfig routes) {
        routes.put("/api/clubs/{club}/photo", this::upload);
        routes.get("/api/clubs/{club}/photo/{version}", this::get);
    }

    void upload(Context ctx) {
        Member me = SessionHttp.require(ctx);
        String type = Optional.ofNullable(ctx.contentType()).orElse("").split(";")[0].strip().toLowerCase(Locale.ROOT);
        if (!type.startsWith("image/")) {
            throw new ProblemException(415, "unsupported_media_type", "Unsupported media type",
                    "Send the image's bytes as the body, with Content-Type image/jpeg, image/png or image/webp");
        }
        Clubs.Seen seen = ClubsApi.refusing(() -> clubs.require(me.id(), ClubsApi.club(ctx), ClubRules.Action.update));
        uploads.acquire("club-photo:" + me.id());
        SquarePhotos.Result result = photos.encode(body(ctx));
        if (result instanceof SquarePhotos.Refused refused) {
            throw new ProblemException(refused.unsupportedFormat() ? 415 : 422, refused.code(), "Image refused", refused.detail());
        }
        var encoded = (SquarePhotos.Encoded) result;
        db.transaction(conn -> {
            clubs.store().replacePhoto(conn, seen.club().id(), encoded.version(), encoded.images(), clock.instant());
            return null;
        });
        ctx.header("Cache-Control", "no-store").json(views.of(clubs.view(me.id(), seen.club().id()), me.id()));
    }

    void get(Context ctx) {
        Member me = SessionHttp.require(ctx);
        int size = size(ctx.queryParam("size"));
        String version = ctx.pathParam("version");
        if (!version.matches("[0-9a-f]{16}")) {
            throw notFound();
        }
        Club club = ClubsApi.refusing(() -> clubs.view(me.id(), ClubsApi.club(ctx))).club();
        String etag = "\"" + version + "-" + size + "\"";
        ctx.header("Cache-Control", CACHE_CONTROL).header("ETag", etag);
        if (etag.equals(ctx.header("If-None-Match"))) {
            ctx.status(304); // RFC 9110 §13.1.2: the browser's copy is this very image
            return;
        }
        byte[] image = db.read(conn -> clubs.store().photo(conn, club.id(), version, size)).orElseThrow(ClubPhotosApi::notFound);
        ctx.contentType("image/jpeg").result(image);
    }

    private static int size(String raw) {
        if (raw == null) {
            return SquarePhotos.SIZES.getLast();
        }
        for (int size : SquarePhotos.SIZES) {
            if (String.valueOf(size).equals(raw)) {
                return size;
            }
        }
        ProblemException.throwIfInvalid(new Validation().add("size", "invalid_value", "must be one of " + SquarePhotos.SIZES));
        throw new IllegalStateException("unreachable");
    }

    private static ProblemException notFound() {
        return ProblemException.notFound("club_photo_not_found", "No such photo; the club may have changed it");
    }

    /** The body, at most {@link SquarePhotos#MAX_UPLOAD_BYTES}, counted as it arrives (a chunked body declares no length). */
    private static byte[] body(Context ctx) {
        if (ctx.req().getContentLengthLong() > SquarePhotos.MAX_UPLOAD_BYTES) {
            throw tooLarge();
        }
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes(SquarePhotos.MAX_UPLOAD_BYTES + 1);
            if (bytes.length > SquarePhotos.MAX_UPLOAD_BYTES) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw new ProblemException(400, "bad_request", "Bad request", "The image could not be received");
        }
    }

    private static ProblemException tooLarge() {
        return new ProblemException(413, "image_file_too_large", "Image refused",
                "The image file is larger than " + SquarePhotos.MAX_UPLOAD_BYTES / (1024 * 1024) + " MB");
    }
}
