package org.parley.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.parley.kernel.InvisibleText;
import org.parley.kernel.Validation;

/** The field rules of docs/api.md, shared by sign-up, log-in and profile editing. */
public final class AccountRules {

    public static final int USERNAME_MIN = 3;
    public static final int USERNAME_MAX = 30;
    public static final int DISPLAY_NAME_MAX = 50;
    public static final int BIO_MAX = 300;
    public static final int PASSWORD_MIN = 8;
    /** An upper bound keeps hashing cost bounded; 128 fits every passphrase people use. */
    public static final int PASSWORD_MAX = 128;
    static final String USERNAME_PATTERN = "[A-Za-z0-9_]{" + USERNAME_MIN + "," + USERNAME_MAX + "}";

    private AccountRules() {}

    public static void username(Validation v, String field, String value) {
        if (v.required(field, value)) {
            v.matches(field, value, USERNAME_PATTERN, "must be " + USERNAME_MIN + " to " + USERNAME_MAX
                    + " letters, digits or underscores");
        }
    }

    /**
     * A JSON list of at most {@code max} usernames ({@code field} of a body: a closed room's members, an
     * event's co-hosts), each once in the order given; empty when absent or null. A value that is not
     * such a list adds {@code invalid_type}, an entry that is not a username {@code invalid_format}.
     */
    public static List<String> usernames(Validation v, String field, JsonNode node, int max) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > max) {
            v.add(field, "invalid_type", "must be a list of at most " + max + " usernames");
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (JsonNode item : node) {
            if (!item.isTextual() || !item.textValue().matches(USERNAME_PATTERN)) {
                v.add(field, "invalid_format", "must be a list of usernames");
                return List.of();
            }
            names.add(item.textValue());
        }
        return List.copyOf(names);
    }

    /** Display names are trimmed before the rules apply; returns the trimmed value. */
    public static String displayName(Validation v, String field, String value) {
        if (!v.required(field, value)) {
            return null;
        }
        String trimmed = trim(value);
        v.length(field, trimmed, 1, DISPLAY_NAME_MAX).printable(field, trimmed, false);
        if (!InvisibleText.hasVisible(trimmed)) {
            v.add(field, "too_short", "must contain a visible character"); // looks empty, so it is
        }
        return trimmed;
    }

    public static String bio(Validation v, String field, String value) {
        if (value == null) {
            return null;
        }
        String trimmed = trim(value).replace("\r\n", "\n");
        v.length(field, trimmed, 0, BIO_MAX).printable(field, trimmed, true);
        if (!trimmed.isEmpty() && !InvisibleText.hasVisible(trimmed)) {
            v.add(field, "too_short", "must be empty or contain a visible character");
        }
        return trimmed;
    }

    /** Trims white space including no-break and other Unicode spaces, which {@link String#strip()} keeps. */
    static String trim(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isSpace(value.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    private static boolean isSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\uFEFF';
    }

    public static void password(Validation v, String field, String value) {
        if (v.required(field, value)) {
            v.length(field, value, PASSWORD_MIN, PASSWORD_MAX);
        }
    }
}
