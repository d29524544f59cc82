package org.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.SourceReferences;

/**
 * The media server and the event bus know no feature (docs/media.md): rooms' changes reach media as
 * bus events adapted to media's own {@link StageListener} in the wiring, and who is speaking leaves it
 * through its own {@link MediaServer.SpeakingNotifier}. These read the sources' references to Parley's
 * classes, so an import of rooms or signalling into media fails here instead of bringing back the
 * construction cycle the bus removed.
 */
@Timeout(30)
class MediaDependenciesTest {

    @Test
    void the_media_server_uses_no_class_outside_media() {
        Set<String> used = SourceReferences.underPackage("media");
        used.removeIf(name -> name.startsWith("org.parley.media."));
        assertThat(used).as("classes outside media used by media").isEmpty();
    }

    @Test
    void the_event_records_depend_on_nothing_of_parley() {
        Set<String> used = SourceReferences.underPackage("events");
        used.removeIf(name -> name.startsWith("org.parley.events."));
        assertThat(used).as("classes outside events used by events").isEmpty();
    }
}
