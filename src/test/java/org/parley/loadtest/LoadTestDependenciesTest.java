package org.parley.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.parley.testing.SourceReferences;

/**
 * The load test is a client of the server's public interfaces (HTTP, WebSocket, the media port) and,
 * in code, of the browser's side of the media wire only (docs/decisions.md, "One test kit"): these read
 * the sources' references to Parley's classes, so that a shortcut into the server's internals fails here
 * rather than making the benchmark measure something no browser could do.
 */
@Timeout(30)
class LoadTestDependenciesTest {

    static final Path MAIN = SourceReferences.MAIN;

    /** The public codecs and sockets under the browser's side of the wire. */
    static final List<String> CODECS = List.of("org.parley.media.stun.", "org.parley.media.srtp.",
            "org.parley.media.rtp.", "org.parley.media.rtcp.", "org.parley.media.udp.",
            "org.parley.media.dtls.DtlsCertificate", "org.parley.media.dtls.DtlsCrypto",
            "org.parley.media.dtls.DtlsFingerprint");

    @Test
    void the_load_test_uses_only_the_client_side_of_the_media_wire_and_its_codecs() {
        assertThat(outside(references("loadtest"), "org.parley.loadtest.", "org.parley.media.client.",
                "org.parley.media.srtp.", "org.parley.media.rtp.", "org.parley.media.udp.",
                "org.parley.media.dtls.DtlsCertificate", "org.parley.media.dtls.DtlsFingerprint"))
                .as("Parley classes the load test uses beyond the client side of the wire").isEmpty();
    }

    @Test
    void the_browser_side_of_the_wire_is_built_on_the_codecs_alone() {
        Set<String> used = references("media/client");
        used.removeIf(name -> CODECS.stream().anyMatch(name::startsWith) || name.startsWith("org.parley.media.client."));
        assertThat(used).as("server classes used by media.client").isEmpty();
    }

    @Test
    void nothing_in_the_server_uses_the_load_test_or_the_browser_side_of_the_wire() {
        List<String> users = SourceReferences.sources().stream()
                .filter(f -> !f.startsWith(MAIN.resolve("loadtest")) && !f.startsWith(MAIN.resolve("media/client")))
                .filter(f -> !f.equals(MAIN.resolve("app/Main.java"))) // the command line starts `parley loadtest`
                .filter(f -> SourceReferences.inFile(f).stream()
                        .anyMatch(n -> n.startsWith("org.parley.loadtest.") || n.startsWith("org.parley.media.client.")))
                .map(Path::toString).toList();
        assertThat(users).isEmpty();
    }

    /** The references to Parley's classes outside {@code allowed}. */
    private static Set<String> outside(Set<String> references, String... allowed) {
        Set<String> left = new TreeSet<>(references);
        left.removeIf(name -> Stream.of(allowed).anyMatch(name::startsWith));
        return left;
    }

    /** The package's references to Parley's classes; a scan that finds none is itself a failure. */
    private static Set<String> references(String packagePath) {
        Set<String> names = SourceReferences.inPackage(packagePath);
        assertThat(names).as("references found under " + packagePath).isNotEmpty();
        return names;
    }
}
