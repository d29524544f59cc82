package org.parley.kernel;

/**
 * Whether text shows anything at all. A name or title made only of spaces and invisible characters
 * looks empty (or like someone else's, next to theirs) while passing every length rule: such text is
 * refused as if empty. The client mirrors this in web/core/rules.js.
 */
public final class InvisibleText {

    private InvisibleText() {}

    /** True when at least one code point of {@code value} draws something. */
    public static boolean hasVisible(CharSequence value) {
        return value.codePoints().anyMatch(c -> !isInvisible(c));
    }

    /**
     * Code points that draw nothing on their own: white space and every Unicode space separator (Zs,
     * with NBSP U+00A0), line and paragraph separators, controls (Cc), format characters (Cf: U+200B..
     * U+200D, U+2060, U+FEFF, the bidi marks, the soft hyphen, tags …), combining marks with no base
     * (Mn, Mc, Me, variation selectors among them), and the blank letters and symbols that are used
     * as invisible names: the Hangul fillers and the blank Braille pattern. Unassigned code points
     * count as visible: they may be emoji newer than this Java's Unicode tables.
     */
    static boolean isInvisible(int c) {
        return switch (Character.getType(c)) {
            case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                 Character.CONTROL, Character.FORMAT,
                 Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK, Character.ENCLOSING_MARK -> true;
            default -> Character.isWhitespace(c)
                    || c == 0x115F || c == 0x1160 || c == 0x3164 || c == 0xFFA0 // Hangul fillers
                    || c == 0x2800; // Braille pattern blank
        };
    }
}
