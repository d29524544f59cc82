package org.parley.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The web client's message catalogues (issue 14): every locale says everything English says, no more,
 * with the same placeholders and the plural forms its language needs; and every problem code the
 * server can send has a sentence, so no English server text reaches a reader of another language.
 */
@Timeout(30)
class I18nCatalogueTest {

    static final Path WEB = Path.of("src/main/resources/web");
    static final List<String> LOCALES = List.of("en", "de", "nl", "ro", "ru");

    /**
     * CLDR's cardinal plural categories for whole numbers and fractions (unicode.org/cldr, "Language
     * Plural Rules"), which Intl.PluralRules.select answers with. Hard-coded for the five languages
     * rather than adding ICU4J to the test classpath for one table.
     */
    static final Map<String, Set<String>> PLURAL_CATEGORIES = Map.of(
            "en", Set.of("one", "other"),
            "de", Set.of("one", "other"),
            "nl", Set.of("one", "other"),
            "ro", Set.of("one", "few", "other"),
            "ru", Set.of("one", "few", "many", "other"));
    static final Set<String> CATEGORY_NAMES = Set.of("zero", "one", "two", "few", "many", "other");
    static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void every_locale_has_exactly_the_keys_english_has() throws IOException {
        for (Path folder : catalogueFolders()) {
            Map<String, Map<String, String>> english = families(read(folder, "en"));
            for (String locale : LOCALES) {
                Map<String, Map<String, String>> other = families(read(folder, locale));
                assertThat(other.keySet()).as("%s/%s.json against en.json", WEB.relativize(folder), locale)
                        .containsExactlyInAnyOrderElementsOf(english.keySet());
            }
        }
    }

    @Test
    void every_message_has_the_placeholders_of_its_english_original() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Path folder : catalogueFolders()) {
            Map<String, Map<String, String>> english = families(read(folder, "en"));
            for (String locale : LOCALES) {
                families(read(folder, locale)).forEach((key, forms) -> forms.forEach((category, message) -> {
                    Map<String, String> original = english.getOrDefault(key, Map.of());
                    // A plural form is compared with English's form of the same role: zero with zero, others with other.
                    String reference = original.get(category.equals("zero") ? "zero" : original.containsKey("other") ? "other" : "");
                    if (reference != null && !placeholders(message).equals(placeholders(reference))) {
                        wrong.add(locale + " " + key + category + ": " + placeholders(message) + " ≠ " + placeholders(reference));
                    }
                }));
            }
        }
        assertThat(wrong).as("messages whose placeholders differ from English").isEmpty();
    }

    @Test
    void plural_messages_have_every_form_their_language_needs_and_no_other() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Path folder : catalogueFolders()) {
            Map<String, Map<String, String>> english = families(read(folder, "en"));
            for (String locale : LOCALES) {
                Map<String, Map<String, String>> mine = families(read(folder, locale));
                english.forEach((key, forms) -> {
                    if (!forms.containsKey("other")) return; // not a plural message
                    Set<String> expected = new TreeSet<>(PLURAL_CATEGORIES.get(locale));
                    if (forms.containsKey("zero")) expected.add("zero"); // the optional exact-0 message (core/i18n.js)
                    Set<String> actual = new TreeSet<>(mine.getOrDefault(key, Map.of()).keySet());
                    if (!actual.equals(expected)) wrong.add(locale + " " + key + ": " + actual + ", needs " + expected);
                });
            }
        }
        assertThat(wrong).as("plural messages with the wrong forms").isEmpty();
    }

    @Test
    void every_message_is_written_out() throws IOException {
        List<String> empty = new ArrayList<>();
        for (Path folder : catalogueFolders()) {
            for (String locale : LOCALES) {
                read(folder, locale).forEach((key, message) -> {
                    if (message.isBlank() || message.equals(key)) empty.add(locale + " " + key);
                });
            }
        }
        assertThat(empty).isEmpty();
    }

    @Test
    void the_client_the_server_and_the_catalogues_know_the_same_languages() throws IOException {
        String i18n = Files.readString(WEB.resolve("core/i18n.js"));
        Matcher supported = Pattern.compile("const SUPPORTED = \\[([^\\]]*)]").matcher(i18n);
        assertThat(supported.find()).as("SUPPORTED in core/i18n.js").isTrue();
        assertThat(Pattern.compile("'(\\w+)'").matcher(supported.group(1)).results().map(m -> m.group(1)).toList())
                .containsExactlyElementsOf(LOCALES);
        JsonNode api = JSON.readTree(Path.of("src/main/resources/api/openapi.json").toFile());
        List<String> documented = new ArrayList<>();
        api.at("/components/schemas/UpdateMeRequest/properties/language/enum")
                .forEach(v -> documented.add(v.isNull() ? null : v.asText()));
        assertThat(documented).containsExactlyElementsOf(Stream.concat(LOCALES.stream(), Stream.of((String) null)).toList());
    }

    @Test
    void every_problem_and_error_code_the_server_sends_has_a_sentence_in_the_catalogue() throws IOException {
        Map<String, String> english = shared("en");
        Set<String> missing = new TreeSet<>();
        for (String code : ServerCodes.problemCodes()) {
            if (!english.containsKey("error." + code)) missing.add("error." + code);
        }
        for (String code : ServerCodes.fieldCodes()) {
            boolean any = english.keySet().stream()
                    .anyMatch(k -> k.equals("error.field." + code) || k.startsWith("error.field.") && k.endsWith("." + code));
            if (!any) missing.add("error.field[.<field>]." + code);
        }
        assertThat(missing).as("codes the client would show the server's English detail for").isEmpty();
        assertThat(ServerCodes.problemCodes()).as("the scan finds the server's codes").contains("validation", "room_full",
                "not_following", "invalid_credentials");
    }

    /** Folders holding an i18n/en.json: the shared catalogue and each feature's. */
    static List<Path> catalogueFolders() throws IOException {
        try (Stream<Path> files = Files.walk(WEB)) {
            List<Path> folders = files.filter(p -> p.endsWith(Path.of("i18n", "en.json"))).map(Path::getParent).sorted().toList();
            assertThat(folders).as("catalogues under " + WEB).hasSizeGreaterThanOrEqualTo(5);
            return folders;
        }
    }

    /** Every catalogue of one locale merged, as core/i18n.js merges them. */
    static Map<String, String> shared(String locale) throws IOException {
        Map<String, String> all = new TreeMap<>();
        for (Path folder : catalogueFolders()) all.putAll(read(folder, locale));
        return all;
    }

    static Map<String, String> read(Path folder, String locale) throws IOException {
        Path file = folder.resolve(locale + ".json");
        assertThat(file).as("catalogue").exists();
        Map<String, String> messages = new LinkedHashMap<>();
        JSON.readTree(file.toFile()).properties().forEach(e -> messages.put(e.getKey(), e.getValue().asText()));
        return messages;
    }

    /**
     * Keys grouped into messages: a plural message's forms ({@code key.one}, {@code key.other}, …) under
     * their stem, form name → text; any other key under itself with the form "".
     */
    static Map<String, Map<String, String>> families(Map<String, String> messages) {
        Set<String> pluralStems = messages.keySet().stream().filter(k -> k.endsWith(".other"))
                .map(k -> k.substring(0, k.length() - ".other".length())).collect(Collectors.toSet());
        Map<String, Map<String, String>> families = new TreeMap<>();
        messages.forEach((key, message) -> {
            int dot = key.lastIndexOf('.');
            String stem = dot < 0 ? key : key.substring(0, dot);
            String form = dot < 0 ? "" : key.substring(dot + 1);
            if (pluralStems.contains(stem) && CATEGORY_NAMES.contains(form)) {
                families.computeIfAbsent(stem, s -> new TreeMap<>()).put(form, message);
            } else {
                families.computeIfAbsent(key, s -> new TreeMap<>()).put("", message);
            }
        });
        return families;
    }

    static Set<String> placeholders(String message) {
        return PLACEHOLDER.matcher(message).results().map(m -> m.group(1)).collect(Collectors.toCollection(TreeSet::new));
    }
}
