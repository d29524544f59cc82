package org.parley.proposals;

import java.time.Duration;
import java.time.Instant;
import org.parley.kernel.InvisibleText;
import org.parley.kernel.SpokenLanguages;
import org.parley.kernel.Validation;

/**
 * What a proposal's fields must be. Pure: each rule adds a field error to a {@link Validation} and
 * returns; the HTTP edge turns them into one 400 problem (docs/api.md lists the codes).
 */
final class ProposalRules {

    /** A topic is a title: one line, as events and rooms have them. */
    static final int TOPIC_MAX = 120;
    /** What is proposed, in the proposer's words: a few paragraphs. */
    static final int DESCRIPTION_MAX = 2_000;
    /** "A moderated debate", "an interview, then questions": a line. */
    static final int FORMAT_MAX = 200;
    /** Who else is invited: a few names. */
    static final int GUESTS_MAX = 300;
    /** Who it is for: a line. */
    static final int AUDIENCE_MAX = 200;
    /** The personal note, perhaps with a line in the other side's language. */
    static final int NOTE_MAX = 1_000;
    /** A thread message or a decline's reason: short, it is a question, not a debate. */
    static final int MESSAGE_MAX = 500;
    /** A talk between a handful of people, not a mass invitation. */
    static final int RECIPIENTS_MAX = 5;
    /** Times the proposer offers. */
    static final int TIMES_MAX = 5;
    /** Times on one proposal, counting those recipients proposed instead. */
    static final int ALL_TIMES_MAX = 15;
    /** Messages on one thread. */
    static final int THREAD_MAX = 100;
    /** Languages it would be held in. */
    static final int LANGUAGES_MAX = 5;
    /** Lengths as events have them: a quarter of an hour to eight hours. */
    static final int LENGTH_MIN_MINUTES = 15;
    static final int LENGTH_MAX_MINUTES = 480;
    /** Times are proposed at most a year ahead, like events. */
    static final Duration HORIZON = Duration.ofDays(366);

    private ProposalRules() {}

    static void topic(Validation v, String topic) {
        if (!v.required("topic", topic)) {
            return;
        }
        String clean = topic.strip();
        if (!InvisibleText.hasVisible(clean)) {
            v.add("topic", "too_short", "needs at least one visible character");
        } else if (clean.codePointCount(0, clean.length()) > TOPIC_MAX) {
            v.add("topic", "too_long", "must be at most " + TOPIC_MAX + " characters");
        } else {
            v.printable("topic", clean, false);
        }
    }

    /** An optional text of at most {@code max} characters; {@code multiline} lets it hold line breaks. */
    static void text(Validation v, String field, String value, int max, boolean multiline) {
        if (value == null) {
            return;
        }
        String clean = value.strip();
        v.length(field, clean, 0, max);
        v.printable(field, clean, multiline);
    }

    /** A thread message or a reason: required text of at most {@link #MESSAGE_MAX} characters when {@code required}. */
    static void message(Validation v, String field, String value, boolean required) {
        if (required && (!v.required(field, value) || !InvisibleText.hasVisible(value.strip()))) {
            if (!v.hasError(field)) {
                v.add(field, "too_short", "needs at least one visible character");
            }
            return;
        }
        text(v, field, value, MESSAGE_MAX, true);
    }

    static void language(Validation v, String field, String code) {
        if (!SpokenLanguages.isCode(code)) {
            v.add(field, "invalid_value", "must be two-letter ISO 639-1 language codes, such as en or ro");
        }
    }

    /** A proposed time: in the future, within {@link #HORIZON}, of an event's length. */
    static void time(Validation v, String field, Instant startsAt, Integer minutes, Instant now) {
        if (startsAt == null || minutes == null) {
            v.add(field, "required", "each time needs startsAt and lengthMinutes");
            return;
        }
        if (!startsAt.isAfter(now)) {
            v.add(field, "in_the_past", "must be in the future");
        } else if (startsAt.isAfter(now.plus(HORIZON))) {
            v.add(field, "too_far_ahead", "must be within a year");
        }
        if (minutes < LENGTH_MIN_MINUTES || minutes > LENGTH_MAX_MINUTES) {
            v.add(field, "out_of_range", "lengthMinutes must be between " + LENGTH_MIN_MINUTES + " and "
                    + LENGTH_MAX_MINUTES);
        }
    }

    /** The expiry: after now, at most {@code max} ahead. */
    static void expiry(Validation v, Instant expiresAt, Instant now, Duration max) {
        if (expiresAt == null) {
            return;
        }
        if (!expiresAt.isAfter(now)) {
            v.add("expiresAt", "in_the_past", "must be in the future");
        } else if (expiresAt.isAfter(now.plus(max))) {
            v.add("expiresAt", "too_far_ahead", "must be within " + max.toDays() + " days");
        }
    }

    /** Stored texts: stripped, empty when nothing in them would show. */
    static String clean(String text) {
        String clean = text == null ? "" : text.strip();
        return InvisibleText.hasVisible(clean) ? clean : "";
    }
}
