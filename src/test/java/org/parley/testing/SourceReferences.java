package org.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The references to Parley's classes in the main sources, for the tests that keep packages apart
 * (media knows no feature, the load test uses only the client side of the wire) until ArchUnit rules
 * take their place (issue 12).
 */
public final class SourceReferences {

    public static final Path MAIN = Path.of("src/main/java/org/parley");
    /** A qualified reference to one of Parley's classes, in an import or in the code. */
    static final Pattern REFERENCE = Pattern.compile("org\\.parley\\.[a-z0-9_.]*[A-Z]\\w*");

    private SourceReferences() {}

    /** Every reference in the sources directly in {@code packagePath} (e.g. "loadtest"), not its sub-packages. */
    public static Set<String> inPackage(String packagePath) {
        return collect(packagePath, false);
    }

    /** Every reference in the sources under {@code packagePath}, sub-packages included. */
    public static Set<String> underPackage(String packagePath) {
        return collect(packagePath, true);
    }

    /** The references in one source file. */
    public static Set<String> inFile(Path file) {
        try {
            Set<String> names = new TreeSet<>();
            REFERENCE.matcher(Files.readString(file)).results().map(MatchResult::group).forEach(names::add);
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every main source file. */
    public static List<Path> sources() {
        try (Stream<Path> files = Files.walk(MAIN)) {
            return files.filter(f -> f.toString().endsWith(".java")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> collect(String packagePath, boolean deep) {
        Path dir = MAIN.resolve(packagePath);
        try (Stream<Path> files = deep ? Files.walk(dir) : Files.list(dir)) {
            List<Path> sources = files.filter(f -> f.toString().endsWith(".java")).toList();
            assertThat(sources).as("sources found under " + packagePath).isNotEmpty();
            Set<String> names = new TreeSet<>();
            sources.forEach(f -> names.addAll(inFile(f)));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
