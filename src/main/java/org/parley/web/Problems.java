package org.parley.web;

import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpStatus;
import org.parley.kernel.FieldError;
import org.parley.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become RFC 9457 {@code application/problem+json} responses.
 * Problem types are URNs ({@code urn:parley:problem:<code>}); {@code code} repeats the last part as
 * a plain extension member so clients need not parse the URN.
 */
public final class Problems {

    private static final Logger log = LoggerFactory.getLogger(Problems.class);
    public static final String CONTENT_TYPE = "application/problem+json";
    private static final String WRITTEN = "parley.problem-written";

    private Problems() {}

    /**
     * @param htmlNotFound answers a browser's request for an unknown page (the client's not-found page)
     */
    public static void register(JavalinConfig config, io.javalin.http.Handler htmlNotFound) {
        config.routes.exception(ProblemException.class, (e, ctx) -> write(ctx, e));
        config.routes.exception(StorageException.class, (e, ctx) -> {
            log.warn("Database unavailable during {} {}: {}", ctx.method(), ctx.path(), e.getMessage());
            write(ctx, new ProblemException(503, "unavailable", "Service unavailable",
                    "The database is not answering; try again shortly"));
        });
        config.routes.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 404 && wantsPage(ctx)) {
                try {
                    htmlNotFound.handle(ctx);
                } catch (Exception failure) {
                    throw new IllegalStateException(failure);
                }
            } else {
                write(ctx, fromStatus(e.getStatus(), e.getMessage()));
            }
        });
        config.routes.exception(Exception.class, (e, ctx) -> {
            HttpException refused = clientFault(e);
            if (refused != null) {
                // Jetty refusing what the client sent (a body cut short, broken chunking): the client's
                // fault, answered like the container's own refusals and not logged as a bug.
                log.debug("Refused {} {}: {}", ctx.method(), ctx.path(), refused.getReason());
                write(ctx, fromStatus(refused.getCode(), refused.getReason() == null
                        ? "The request could not be read" : refused.getReason()));
                return;
            }
            log.error("Unexpected failure in {} {}", ctx.method(), ctx.path(), e);
            write(ctx, new ProblemException(500, "internal", "Internal error", "Something went wrong on our side"));
        });
        // Responses Javalin produces itself (no route matched, wrong method) get problem bodies too,
        // except non-API 404s, which the web client's routes never reach.
        // Error handlers also run after an exception handler set the same status: keep that body.
        config.routes.error(404, ctx -> {
            if (ctx.attribute(WRITTEN) == null && wantsPage(ctx)) {
                htmlNotFound.handle(ctx);
            } else if (ctx.attribute(WRITTEN) == null) {
                write(ctx, fromStatus(404, "No such resource: " + ctx.path()));
            }
        });
        config.routes.error(405, ctx -> {
            if (ctx.attribute(WRITTEN) == null) {
                write(ctx, fromStatus(405, ctx.method() + " is not allowed on " + ctx.path()));
            }
        });
    }

    private static boolean wantsPage(Context ctx) {
        String accept = ctx.header("Accept");
        return "GET".equals(ctx.method().name()) && !ctx.path().startsWith("/api/")
                && accept != null && accept.contains("text/html");
    }

    /** A Jetty refusal of the request (status 4xx) somewhere in {@code e}'s causes, else {@code null}. */
    private static HttpException clientFault(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof HttpException http && http.getCode() >= 400 && http.getCode() < 500) {
                return http;
            }
        }
        return null;
    }

    /**
     * The problem for a bare HTTP status, as Javalin or Jetty decided it. Codes name the status
     * (RFC 9110 §15) so clients need no table of their own.
     */
    static ProblemException fromStatus(int status, String detail) {
        return switch (status) {
            case 400 -> new ProblemException(400, "bad_request", "Bad request", detail);
            case 404 -> new ProblemException(404, "not_found", "Not found", detail);
            case 405 -> new ProblemException(405, "method_not_allowed", "Method not allowed", detail);
            case 413 -> new ProblemException(413, "payload_too_large", "Request too large", "The request body is too large");
            case 414 -> new ProblemException(414, "uri_too_long", "URI too long", "The request's address is too long");
            case 415 -> new ProblemException(415, "unsupported_media_type", "Unsupported media type", detail);
            case 431 -> new ProblemException(431, "headers_too_large", "Request headers too large",
                    "The request's headers (its cookies, perhaps) are too large");
            case 505 -> new ProblemException(505, "http_version_not_supported", "HTTP version not supported",
                    "Use HTTP/1.1");
            default -> status >= 500
                    ? new ProblemException(status, "internal", "Internal error", "Something went wrong on our side")
                    : new ProblemException(status, "bad_request", HttpStatus.getMessage(status), detail);
        };
    }

    public static void write(Context ctx, ProblemException e) {
        if (ctx.header("Sec-WebSocket-Version") != null) {
            // A refused WebSocket upgrade (RFC 6455 §4.2.2): Javalin's upgrade path keeps the status
            // and headers but never renders a result, so the problem is written straight out.
            writeNow(ctx, e);
            return;
        }
        if (e.retryAfterSeconds() != null) {
            ctx.header("Retry-After", String.valueOf(e.retryAfterSeconds()));
        }
        ctx.attribute(WRITTEN, Boolean.TRUE);
        ctx.status(e.status()).result(ctx.jsonMapper().toJsonString(body(ctx, e), Map.class)).contentType(CONTENT_TYPE);
    }

    /**
     * Writes the problem straight to the servlet response: for a refused WebSocket upgrade, whose
     * response Javalin sends without rendering a result (it would go out with an empty body).
     */
    public static void writeNow(Context ctx, ProblemException e) {
        byte[] json = ctx.jsonMapper().toJsonString(body(ctx, e), Map.class).getBytes(StandardCharsets.UTF_8);
        var res = ctx.res();
        ctx.status(e.status());
        res.setStatus(e.status());
        res.setContentType(CONTENT_TYPE + ";charset=utf-8");
        res.setContentLength(json.length);
        if (e.retryAfterSeconds() != null) {
            res.setHeader("Retry-After", String.valueOf(e.retryAfterSeconds()));
        }
        ctx.attribute(WRITTEN, Boolean.TRUE);
        try {
            res.getOutputStream().write(json);
            res.flushBuffer();
        } catch (IOException gone) {
            // the client hung up; nothing to tell it
        }
    }

    private static Map<String, Object> body(Context ctx, ProblemException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:parley:problem:" + e.code());
        body.put("title", e.title());
        body.put("status", e.status());
        body.put("detail", e.getMessage());
        body.put("instance", ctx.path());
        body.put("code", e.code());
        List<FieldError> errors = e.errors();
        if (!errors.isEmpty()) {
            body.put("errors", errors);
        }
        return body;
    }
}
