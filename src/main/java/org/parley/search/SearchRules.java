package org.parley.search;

import org.parley.kernel.InvisibleText;
import org.parley.kernel.Validation;

/** What a search may ask: a query that shows something and is not too long, a known kind. */
final class SearchRules {

    private SearchRules() {}

    /** The query, stripped; an error on {@code q} when it is missing, blank, invisible or too long. */
    static String query(Validation v, String q, SearchConfig config) {
        if (!v.required("q", q)) {
            return null;
        }
        String stripped = q.strip();
        v.length("q", stripped, 1, config.queryMax()).printable("q", stripped, false);
        if (!v.hasError("q") && !InvisibleText.hasVisible(stripped)) {
            v.add("q", "too_short", "must contain a visible character"); // looks empty, so it is
        }
        return stripped;
    }

    /** The kind, or null for all; an error on {@code kind} when it is none of {@link Search#KINDS}. */
    static String kind(Validation v, String kind) {
        if (kind == null || kind.isEmpty()) {
            return null;
        }
        if (!Search.KINDS.contains(kind)) {
            v.add("kind", "invalid_value", "must be one of " + String.join(", ", Search.KINDS));
            return null;
        }
        return kind;
    }
}
