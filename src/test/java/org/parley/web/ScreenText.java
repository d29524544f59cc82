package org.parley.web;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a reader sees on a page, checked for words the translation missed (issue 14): raw catalogue keys,
 * English catalogue messages where the page's language has its own, and common English words in a
 * page that is not English. Text inside an element with another {@code lang} (the switcher's language
 * names) and the allowed proper nouns (member names, room titles, "Parley") are not counted.
 */
final class ScreenText {

    /** Every piece of visible text, and the accessible names and tooltips of visible elements. */
    private static final String COLLECT = """
            () => {
              const page = document.documentElement.lang;
              const shown = (el) => el && el.checkVisibility({ visibilityProperty: true })
                && !el.closest('script, style, noscript, template, [aria-hidden="true"]')
                && (el.closest('[lang]')?.lang || page) === page;
              const texts = [document.title];
              const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
              for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                const text = node.textContent.trim();
                if (text && shown(node.parentElement)) texts.push(text);
              }
              for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
                if (!shown(el)) continue;
                for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
                  const value = el.getAttribute(name);
                  if (value && value.trim()) texts.push(value.trim());
                }
              }
              return texts;
            }""";

    /** A catalogue key as it would show when missing: `room.hand.raise`, `error.field.title.required`. */
    private static final Pattern RAW_KEY = Pattern.compile("\\b[a-z]+(?:\\.[a-zA-Z_]{2,}){1,4}\\b");
    /** English words that are no word of German, Dutch, Romanian or Russian. */
    private static final Pattern ENGLISH = Pattern.compile("(?iu)(?<![\\p{L}@])(the|you|your|you're|with|this|that|and"
            + "|has|have|here|there|can't|don't|isn't|who|what|nobody|people|room|rooms|hallway|stage|settings|invite"
            + "|invitation|invitations|listening|follow|following|followers|password|username|log in|sign up)(?![\\p{L}])");

    private final Map<String, String> english;
    private final Set<String> allowed;

    /** @param allowed proper nouns that stay as they are in every language (names, titles) */
    ScreenText(Set<String> allowed) {
        try {
            this.english = I18nCatalogueTest.shared("en");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.allowed = allowed;
    }

    /** The problems on the page as it is now, each with the text it was found in; empty when all is translated. */
    List<String> problems(Page page) {
        String locale = (String) page.evaluate("() => document.documentElement.lang");
        Map<String, String> own = messages(locale);
        @SuppressWarnings("unchecked")
        List<String> texts = (List<String>) page.evaluate(COLLECT);
        List<String> found = new ArrayList<>();
        for (String raw : texts) {
            String text = raw;
            for (String noun : allowed) text = text.replace(noun, " ");
            text = text.replace("Parley", " ");
            if (RAW_KEY.matcher(text).find()) {
                found.add("raw key in “" + raw + "”");
                continue;
            }
            if (locale.equals("en")) continue;
            for (var entry : english.entrySet()) {
                String message = entry.getValue();
                boolean sameAsOwn = message.equals(own.get(entry.getKey()));
                if (!sameAsOwn && matches(message, raw)) {
                    found.add("English " + entry.getKey() + " in “" + raw + "”");
                }
            }
            var word = ENGLISH.matcher(text);
            if (word.find()) found.add("English word “" + word.group() + "” in “" + raw + "”");
        }
        return found;
    }

    /** Whether a catalogue message, its placeholders filled with anything, is the whole text. */
    private static boolean matches(String message, String text) {
        String[] parts = message.split("\\{\\w+}", -1);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) regex.append(".+");
            regex.append(Pattern.quote(parts[i]));
        }
        return parts.length > 0 && message.length() > 2 && Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(text).matches();
    }

    private static Map<String, String> messages(String locale) {
        try {
            return I18nCatalogueTest.shared(locale.toLowerCase(Locale.ROOT));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
