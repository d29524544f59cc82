package org.parley.privacy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.parley.module.PersonalData;

/**
 * An export being written: one zip entry per file a feature adds, JSON indented for people to read.
 * In memory — a member's own data is small (the photo is the largest part, a few hundred kB).
 *
 * <p>Not thread-safe: one export is built on one thread.
 */
final class ZipArchive implements PersonalData.ExportWriter {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final ZipOutputStream zip = new ZipOutputStream(bytes);
    private final Set<String> names = new HashSet<>();
    private final List<String> files = new ArrayList<>();

    @Override
    public void json(String name, Object value) {
        try {
            bytes(name, JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write " + name + " of an export: " + e.getMessage(), e);
        }
    }

    @Override
    public void bytes(String name, byte[] data) {
        if (!name.matches("[a-z0-9][a-z0-9._-]{0,80}") || !names.add(name)) {
            throw new IllegalArgumentException("An export file needs a unique, plain name: " + name);
        }
        try {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(data);
            zip.closeEntry();
            files.add(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files written so far, in order (the manifest lists them). */
    List<String> files() {
        return List.copyOf(files);
    }

    /** Closes the archive and returns its bytes. */
    byte[] finish() {
        try {
            zip.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
