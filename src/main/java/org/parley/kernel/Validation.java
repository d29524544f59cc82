package org.parley.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects field errors so that a request reports all of them at once. Domain rules (accounts'
 * AccountRules, rooms' Rules) add to it and never throw; the HTTP edge turns a non-empty
 * {@link #errors()} into one 400 problem ({@code web.ProblemException#throwIfInvalid}).
 */
public final class Validation {

    private final List<FieldError> errors = new ArrayList<>();

    public Validation add(String field, String code, String detail) {
        // One error per field is enough for a person to act on; the first found is the most basic.
        if (errors.stream().noneMatch(e -> e.field().equals(field))) {
            errors.add(new FieldError(field, code, detail));
        }
        return this;
    }

    public boolean hasError(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    /** Requires a value; returns whether it is present so rules can be chained on it. */
    public boolean required(String field, String value) {
        if (value == null) {
            if (!hasError(field)) {
                add(field, "required", "is required");
            }
            return false;
        }
        return true;
    }

    /** Length in Unicode code points, so that one emoji counts as one character, as people count. */
    public Validation length(String field, String value, int min, int max) {
        if (value == null) {
            return this;
        }
        int length = value.codePointCount(0, value.length());
        if (length < min) {
            add(field, "too_short", min == 1 ? "must not be empty" : "must be at least " + min + " characters");
        } else if (length > max) {
            add(field, "too_long", "must be at most " + max + " characters");
        }
        return this;
    }

    public Validation matches(String field, String value, String regex, String detail) {
        if (value != null && !value.matches(regex)) {
            add(field, "invalid_format", detail);
        }
        return this;
    }

    /** Rejects control characters (and, unless allowed, line breaks) that would garble a profile. */
    public Validation printable(String field, String value, boolean newlinesAllowed) {
        if (value == null) {
            return this;
        }
        if (!isPrintable(value, newlinesAllowed)) {
            add(field, "invalid_format", newlinesAllowed
                    ? "must not contain control characters"
                    : "must not contain control characters or line breaks");
        }
        return this;
    }

    /**
     * False for text with control characters (line feeds only when allowed), line/paragraph
     * separators, lone surrogates, or bidi overrides and isolates that would disguise what a name
     * or title says.
     */
    public static boolean isPrintable(String value, boolean newlinesAllowed) {
        return value.codePoints().noneMatch(c ->
                (Character.isISOControl(c) && !(newlinesAllowed && c == '\n'))
                        || Character.getType(c) == Character.SURROGATE
                        || c == 0x2028 || c == 0x2029 || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069));
    }

    /** The errors found so far, one per field, in the order found; empty when every rule passed. */
    public List<FieldError> errors() {
        return List.copyOf(errors);
    }
}
