package org.parley.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The table of text that shows nothing, and of text that shows something with invisible characters
 * in it, shared by the server's tests and the check of the web client's copy of the rule. No entry
 * holds a control character or a bidi override: those are refused by an older rule, as
 * {@code invalid_format}.
 */
public final class InvisibleInputs {

    private InvisibleInputs() {}

    /** What each holds → the text; every one must be refused as empty. */
    public static final Map<String, String> NOTHING_VISIBLE = table(
            "spaces", "   ",
            "no-break spaces (U+00A0)", "\u00A0\u00A0",
            "other Unicode spaces (Zs)", "\u2003\u3000\u202F\u205F\u1680",
            "a zero-width space (U+200B)", "\u200B",
            "zero-width non-joiner and joiner (U+200C, U+200D)", "\u200C\u200D",
            "a word joiner (U+2060)", "\u2060",
            "a byte-order mark (U+FEFF)", "\uFEFF",
            "direction marks (Cf)", "\u200E\u200F\u061C",
            "soft hyphens", "\u00AD\u00AD",
            "invisible operators", "\u2061\u2062\u2063\u2064",
            "tag characters (U+E0041, U+E0042)", "\uDB40\uDC41\uDB40\uDC42",
            "combining accents alone", "\u0301\u0308",
            "an enclosing mark alone", "\u20DD",
            "variation selectors alone", "\uFE0F\uFE0E",
            "a combining grapheme joiner", "\u034F",
            "Hangul fillers", "\u3164\u115F\uFFA0",
            "a blank Braille pattern", "\u2800",
            "a Mongolian vowel separator", "\u180E",
            "all of them mixed", " \u00A0\u200B\u200D\u2060\uFEFF\u0301\u3164\u2800 ");

    /** Text people can see although it holds invisible characters; every one must be accepted. */
    public static final Map<String, String> VISIBLE = table(
            "an emoji sequence joined by U+200D", "Ada \uD83D\uDC69\u200D\uD83D\uDCBB",
            "a letter with a combining accent", "Zoe\u0308",
            "a non-joiner inside a Persian word", "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645",
            "Hangul syllables", "\uD55C\uAE00",
            "one emoji", "\uD83C\uDF99",
            "a letter between zero-width spaces", "\u200BA\u200B",
            "a single full stop", ".");

    private static Map<String, String> table(String... whatAndText) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < whatAndText.length; i += 2) {
            map.put(whatAndText[i], whatAndText[i + 1]);
        }
        return map;
    }
}
