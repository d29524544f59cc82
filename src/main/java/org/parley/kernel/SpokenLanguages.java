package org.parley.kernel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Languages people speak, as ISO 639-1 codes ("de", "ro", "uk"): a room's floor language and the
 * languages a member understands. Any two-letter code the JDK knows (ISO 639-1) is accepted, not only
 * the languages of Parley's interface: a room may be held in any language its people speak.
 */
public final class SpokenLanguages {

    /** The most languages a member lists as understood; more would rank nothing first. */
    public static final int MAX_PER_MEMBER = 10;
    private static final Set<String> ISO_639_1 = Set.of(Locale.getISOLanguages());

    private SpokenLanguages() {}

    public static boolean isCode(String value) {
        return value != null && value.length() == 2 && ISO_639_1.contains(value);
    }

    /** A stored list ("de,en") as codes; empty for null. */
    public static List<String> parse(String stored) {
        if (stored == null || stored.isEmpty()) {
            return List.of();
        }
        List<String> codes = new ArrayList<>();
        for (String code : stored.split(",")) {
            if (isCode(code)) {
                codes.add(code);
            }
        }
        return List.copyOf(codes);
    }

    /** Codes as stored, in order, without repeats; null for none. */
    public static String join(List<String> codes) {
        return codes.isEmpty() ? null : String.join(",", new LinkedHashSet<>(codes));
    }
}
