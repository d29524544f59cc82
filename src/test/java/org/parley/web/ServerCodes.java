package org.parley.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The stable codes the server puts in front of people, read from the main sources and the API
 * documents: problem+json {@code code}s, WebSocket {@code error} codes, and field error codes. The
 * client translates these (core/ui/errors.js); {@link I18nCatalogueTest} checks it can.
 */
final class ServerCodes {

    static final Path MAIN = Path.of("src/main/java/org/parley");

    /** Where a code is written as a string literal in the sources. */
    private static final List<Pattern> PROBLEM = List.of(
            Pattern.compile("ProblemException(?:\\.field)?\\(\\s*\\d+,\\s*\"([a-z_]+)\""), // HTTP problems
            Pattern.compile("Replies\\.error\\([^,]+,\\s*\"([a-z_]+)\""), // WebSocket errors
            Pattern.compile("RoomError\\(\\s*\"([a-z_]+)\""), // refused room commands
            Pattern.compile("refuse\\(\\s*\"([a-z_]+)\""), // the room rules' refusals
            Pattern.compile("Refused\\(\\s*\"([a-z_]+)\"")); // refused WebSocket messages (module.Reply)
    private static final List<Pattern> FIELD = List.of(
            Pattern.compile("\\.add\\([^,()]+,\\s*\"([a-z_]+)\""), // Validation.add(field, code, detail)
            Pattern.compile("TitleProblem\\(\\s*\"([a-z_]+)\""), // the room title rule's field codes
            Pattern.compile("ProblemException\\.field\\(\\s*\\d+,\\s*\"([a-z_]+)\"")); // a problem on one field
    /** `code`s in the problem table of docs/api.md and the error list of docs/protocol.md. */
    private static final Pattern DOCUMENTED = Pattern.compile("`([a-z][a-z_]+)`");

    private ServerCodes() {}

    static Set<String> problemCodes() {
        Set<String> codes = scan(PROBLEM);
        codes.addAll(documented(Path.of("docs/api.md"), "## Problem codes", "## "));
        codes.addAll(documented(Path.of("docs/protocol.md"), "## Error codes", "## "));
        // RoomError's factories (notInRoom, forbidden, invalidTarget) are literals in RoomError itself.
        return codes;
    }

    static Set<String> fieldCodes() {
        return scan(FIELD);
    }

    private static Set<String> scan(List<Pattern> patterns) {
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java") && !f.toString().contains("loadtest")).toList()) {
                String source = Files.readString(file);
                for (Pattern p : patterns) p.matcher(source).results().forEach(m -> codes.add(m.group(1)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return codes;
    }

    /** Backticked codes in the table or list after {@code heading}, up to the next heading. */
    private static Set<String> documented(Path doc, String heading, String next) {
        try {
            String text = Files.readString(doc);
            int start = text.indexOf(heading);
            if (start < 0) throw new IllegalStateException(heading + " not in " + doc);
            int end = text.indexOf("\n" + next, start + heading.length());
            String section = text.substring(start, end < 0 ? text.length() : end);
            Set<String> codes = new TreeSet<>();
            for (String line : section.split("\n")) {
                // In the problem table only the code column counts (the third cell lists field codes and names).
                String cell = line.startsWith("|") ? line.split("\\|").length > 2 ? line.split("\\|")[2] : "" : line;
                DOCUMENTED.matcher(cell).results().forEach(m -> codes.add(m.group(1)));
            }
            return codes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
