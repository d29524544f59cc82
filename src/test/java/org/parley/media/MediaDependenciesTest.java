package org.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The media server and the event bus know no feature (docs/media.md): rooms' changes reach media as
 * bus events adapted to media's own {@link StageListener} in the wiring, and who is speaking leaves it
 * through its own {@link MediaServer.SpeakingNotifier}. These read the sources' references to Parley's
 * classes, so an import of rooms or signalling into media fails here instead of bringing back the
 * construction cycle the bus removed.
 */
@Timeout(30)
class MediaDependenciesTest {

    static final Path MAIN = Path.of("src/main/java/org/parley");
    /** A qualified reference to one of Parley's classes, in an import or in the code. */
    static final Pattern REFERENCE = Pattern.compile("org\\.parley\\.[a-z0-9_.]*[A-Z]\\w*");

    @Test
    void the_media_server_uses_no_class_outside_media() {
        Set<String> used = references("media");
        used.removeIf(name -> name.startsWith("org.parley.media."));
        assertThat(used).as("classes outside media used by media").isEmpty();
    }

    @Test
    void the_event_records_depend_on_nothing_of_parley() {
        Set<String> used = references("events");
        used.removeIf(name -> name.startsWith("org.parley.events."));
        assertThat(used).as("classes outside events used by events").isEmpty();
    }

    /** Every qualified reference to a Parley class under the package's sources, sub-packages included. */
    private static Set<String> references(String packagePath) {
        try (Stream<Path> files = Files.walk(MAIN.resolve(packagePath))) {
            Set<String> names = new TreeSet<>();
            var sources = files.filter(f -> f.toString().endsWith(".java")).toList();
            assertThat(sources).as("sources found under " + packagePath).isNotEmpty();
            sources.forEach(f -> REFERENCE.matcher(read(f)).results().map(MatchResult::group).forEach(names::add));
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
