package org.parley.web;

import java.util.List;
import org.parley.kernel.FieldError;
import org.parley.kernel.Validation;

/**
 * Thrown anywhere in request handling to answer with an RFC 9457 problem; mapped in one place
 * ({@link Problems}). {@code code} is the stable identifier clients translate.
 */
public final class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final List<FieldError> errors;
    private final Integer retryAfterSeconds;

    public ProblemException(int status, String code, String title, String detail) {
        this(status, code, title, detail, List.of(), null);
    }

    private ProblemException(int status, String code, String title, String detail,
                             List<FieldError> errors, Integer retryAfterSeconds) {
        super(detail, null, false, false); // no stack trace: these are expected outcomes, not bugs
        this.status = status;
        this.code = code;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ProblemException validation(List<FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + ": " + e.detail())
                .reduce((a, b) -> a + "; " + b).orElse("invalid request");
        return new ProblemException(400, "validation", "Invalid request", detail, errors, null);
    }

    /** Throws a 400 validation problem listing every field error {@code v} found, if any. */
    public static void throwIfInvalid(Validation v) {
        List<FieldError> errors = v.errors();
        if (!errors.isEmpty()) {
            throw validation(errors);
        }
    }

    public static ProblemException field(int status, String code, String title, String field, String detail) {
        return new ProblemException(status, code, title, detail, List.of(new FieldError(field, code, detail)), null);
    }

    public static ProblemException rateLimited(int retryAfterSeconds) {
        return new ProblemException(429, "rate_limited", "Too many attempts",
                "Too many attempts; try again in " + retryAfterSeconds + " seconds", List.of(), retryAfterSeconds);
    }

    public static ProblemException unauthenticated() {
        return new ProblemException(401, "unauthenticated", "Not signed in", "Sign in to do this");
    }

    public static ProblemException notFound(String code, String detail) {
        return new ProblemException(404, code, "Not found", detail);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
