package org.parley.web;

import io.javalin.http.Context;
import org.parley.kernel.Validation;

/** {@code limit} and {@code offset} query parameters, validated (limit 1–100, default 50; offset ≥ 0). */
public record Paging(int limit, int offset) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 100;
    /** Deep offsets are a scan; nobody scrolls past this many members in a list. */
    public static final int MAX_OFFSET = 1_000_000;

    public static Paging from(Context ctx) {
        Validation v = new Validation();
        int limit = parse(v, "limit", ctx.queryParam("limit"), DEFAULT_LIMIT, 1, MAX_LIMIT);
        int offset = parse(v, "offset", ctx.queryParam("offset"), 0, 0, MAX_OFFSET);
        ProblemException.throwIfInvalid(v);
        return new Paging(limit, offset);
    }

    private static int parse(Validation v, String name, String raw, int fallback, int min, int max) {
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
