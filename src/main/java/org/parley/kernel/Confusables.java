package org.parley.kernel;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

/**
 * Whether two names look alike: the "skeleton" of Unicode TR39 §4 (Confusable Detection), cut down to
 * what matters for display names on Parley. Two names whose skeletons are equal look the same to a
 * reader; administrators are told when a member's name looks like a verified account's.
 *
 * <p>Steps: NFKD (compatibility forms such as full-width and mathematical letters become plain
 * letters, accents split off), combining marks dropped (so diacritics do not tell names apart),
 * lower case, the Cyrillic and Greek letters that are drawn like Latin ones mapped to those, a few
 * digit and letter look-alikes folded ({@code 0}→{@code o}, {@code 1}/{@code i}→{@code l},
 * {@code rn}→{@code m}, {@code vv}→{@code w}), and everything that is not a letter or a digit
 * (spaces, punctuation, invisible characters) removed. Not the full TR39 table: a small map that
 * catches the imitations people actually type.
 */
public final class Confusables {

    /** Cyrillic and Greek lower-case letters drawn like a Latin letter (after lower-casing). */
    private static final Map<Integer, Character> LOOK_ALIKES = Map.ofEntries(
            // Cyrillic
            Map.entry(0x0430, 'a'), Map.entry(0x0435, 'e'), Map.entry(0x043E, 'o'), Map.entry(0x0440, 'p'),
            Map.entry(0x0441, 'c'), Map.entry(0x0443, 'y'), Map.entry(0x0445, 'x'), Map.entry(0x0456, 'i'),
            Map.entry(0x0458, 'j'), Map.entry(0x0455, 's'), Map.entry(0x0501, 'd'), Map.entry(0x04BB, 'h'),
            Map.entry(0x04CF, 'l'), Map.entry(0x051B, 'q'), Map.entry(0x051D, 'w'), Map.entry(0x0432, 'b'),
            Map.entry(0x043A, 'k'), Map.entry(0x043C, 'm'), Map.entry(0x043D, 'h'), Map.entry(0x0442, 't'),
            Map.entry(0x0454, 'e'), Map.entry(0x0491, 'r'),
            // Greek
            Map.entry(0x03B1, 'a'), Map.entry(0x03B2, 'b'), Map.entry(0x03B5, 'e'), Map.entry(0x03B7, 'n'),
            Map.entry(0x03B9, 'i'), Map.entry(0x03BA, 'k'), Map.entry(0x03BD, 'v'), Map.entry(0x03BF, 'o'),
            Map.entry(0x03C1, 'p'), Map.entry(0x03C4, 't'), Map.entry(0x03C5, 'u'), Map.entry(0x03C7, 'x'),
            Map.entry(0x03B6, 'z'), Map.entry(0x03BC, 'u'),
            // Latin letters and digits that pass for others
            Map.entry((int) '0', 'o'), Map.entry((int) '1', 'l'), Map.entry((int) 'i', 'l'), Map.entry((int) '|', 'l'),
            Map.entry(0x0131, 'l'), Map.entry(0x0142, 'l'), Map.entry(0x00F8, 'o'), Map.entry(0x0111, 'd'),
            Map.entry(0x0127, 'h'), Map.entry(0x00DF, 's'));

    private Confusables() {}

    /** The skeleton of {@code name}: equal for names a reader cannot tell apart. */
    public static String skeleton(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(decomposed.length());
        decomposed.codePoints().forEach(c -> {
            Character mapped = LOOK_ALIKES.get(c);
            if (mapped != null && LOOK_ALIKES.containsKey((int) mapped)) {
                mapped = LOOK_ALIKES.get((int) mapped); // Cyrillic і → i → l, as Latin i
            }
            if (mapped != null) {
                out.append(mapped.charValue());
            } else if (Character.isLetterOrDigit(c)) {
                out.appendCodePoint(c);
            }
            // marks, spaces, punctuation and invisible characters: nothing
        });
        return out.toString().replace("rn", "m").replace("vv", "w");
    }

    /** Whether a reader could take one name for the other. */
    public static boolean lookAlike(String a, String b) {
        return skeleton(a).equals(skeleton(b));
    }
}
