package org.parley.profiles;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.parley.kernel.SpokenLanguages;
import org.parley.kernel.Validation;

/**
 * The interface languages a member may choose (issue 14; accounts keeps the choice). The server only
 * stores and returns it; the web client picks its message catalogue from it, so the codes here are the
 * client's catalogues ({@code web/core/i18n.js} SUPPORTED). {@code null} means "follow the browser".
 */
final class Languages {

    /** The languages the web client has catalogues for, as lower-case BCP 47 tags. */
    static final List<String> SUPPORTED = List.of("en", "de", "nl", "ro", "ru");

    private Languages() {}

    /** A supported tag, or {@code null}; anything else is recorded as {@code invalid_value} on the field. */
    static String check(Validation v, String field, String value) {
        if (value != null && !SUPPORTED.contains(value)) {
            v.add(field, "invalid_value", "must be one of " + String.join(", ", SUPPORTED) + ", or null");
            return null;
        }
        return value;
    }

    /**
     * The languages a member understands: a list of ISO 639-1 codes (at most
     * {@link SpokenLanguages#MAX_PER_MEMBER}, repeats dropped), or null / [] for none. Anything else is
     * recorded on the field and gives null.
     */
    static List<String> spoken(Validation v, String field, JsonNode value) {
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray() || value.size() > SpokenLanguages.MAX_PER_MEMBER) {
            v.add(field, "invalid_type", "must be a list of at most " + SpokenLanguages.MAX_PER_MEMBER + " language codes");
            return null;
        }
        List<String> codes = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || !SpokenLanguages.isCode(item.textValue())) {
                v.add(field, "invalid_value", "must be two-letter ISO 639-1 language codes, such as en or ro");
                return null;
            }
            if (!codes.contains(item.textValue())) {
                codes.add(item.textValue());
            }
        }
        return codes;
    }
}
