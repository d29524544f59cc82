package org.parley.profiles;

import java.util.List;
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
}
