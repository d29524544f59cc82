package org.parley.schedule;

import java.time.Duration;
import java.time.Instant;
import org.parley.kernel.InvisibleText;
import org.parley.kernel.SpokenLanguages;
import org.parley.kernel.Validation;

/**
 * What a scheduled event's fields must be. Pure: each rule adds a field error to a {@link Validation}
 * and returns; the HTTP edge turns them into one 400 problem (docs/api.md lists the codes).
 */
final class EventRules {

    /** Titles as rooms have them: 1–120 characters, one line. */
    static final int TITLE_MAX = 120;
    /** A description says what is proposed (format, who else, the audience): a few paragraphs. */
    static final int DESCRIPTION_MAX = 2_000;
    /** Shorter than a quarter of an hour is not worth announcing; longer than eight hours is not one conversation. */
    static final int LENGTH_MIN_MINUTES = 15;
    static final int LENGTH_MAX_MINUTES = 480;
    /** Events are planned at most a year ahead. */
    static final Duration HORIZON = Duration.ofDays(366);
    /** Co-hosts asked when the event is made, besides its creator. */
    static final int COHOSTS_MAX = 5;

    private EventRules() {}

    static void title(Validation v, String title) {
        if (!v.required("title", title)) {
            return;
        }
        String clean = title.strip();
        if (!InvisibleText.hasVisible(clean)) {
            v.add("title", "too_short", "needs at least one visible character");
        } else if (clean.codePointCount(0, clean.length()) > TITLE_MAX) {
            v.add("title", "too_long", "must be at most " + TITLE_MAX + " characters");
        } else {
            v.printable("title", clean, false);
        }
    }

    static void description(Validation v, String description) {
        if (description == null) {
            return;
        }
        String clean = description.strip();
        v.length("description", clean, 0, DESCRIPTION_MAX);
        v.printable("description", clean, true);
    }

    /** The start: in the future, within {@link #HORIZON}. */
    static void start(Validation v, Instant startsAt, Instant now) {
        if (startsAt == null) {
            return;
        }
        if (!startsAt.isAfter(now)) {
            v.add("startsAt", "in_the_past", "must be in the future");
        } else if (startsAt.isAfter(now.plus(HORIZON))) {
            v.add("startsAt", "too_far_ahead", "must be within a year");
        }
    }

    static void length(Validation v, Integer minutes) {
        if (minutes != null && (minutes < LENGTH_MIN_MINUTES || minutes > LENGTH_MAX_MINUTES)) {
            v.add("lengthMinutes", "out_of_range", "must be between " + LENGTH_MIN_MINUTES + " and "
                    + LENGTH_MAX_MINUTES + " minutes");
        }
    }

    /** The floor language: the rule rooms' {@code language} follows ({@link SpokenLanguages}). */
    static void language(Validation v, String language) {
        if (language != null && !SpokenLanguages.isCode(language)) {
            v.add("language", "invalid_value", "must be a two-letter ISO 639-1 language code, such as en or ro");
        }
    }

    /** Stored descriptions: stripped, empty when nothing in them would show. */
    static String clean(String description) {
        String clean = description == null ? "" : description.strip();
        return InvisibleText.hasVisible(clean) ? clean : "";
    }
}
