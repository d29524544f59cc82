package org.parley.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * This build of the web client: the paths of its files and a version that changes whenever any
 * file's name or bytes change (SHA-256 over all of them). The version rather than the jar's
 * {@code Implementation-Version}: a development build is always "dev", and a release that changes
 * only the server should not make every browser fetch the client again.
 */
record ClientBuild(String version, List<String> files) {

    /** Reads every file under the classpath folder {@code root} (e.g. "/web"), from a folder or a jar. */
    static ClientBuild of(String root) {
        URL marker = ClientBuild.class.getResource(root + "/index.html");
        if (marker == null) {
            throw new IllegalStateException("The web client is missing from the jar (" + root + "/index.html)");
        }
        try {
            URI uri = marker.toURI();
            if ("jar".equals(uri.getScheme())) {
                FileSystem jar;
                try {
                    jar = FileSystems.newFileSystem(uri, Map.of());
                } catch (FileSystemAlreadyExistsException e) {
                    jar = FileSystems.getFileSystem(uri);
                }
                return read(jar.getPath(root));
            }
            return read(Path.of(uri).getParent());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ClientBuild read(Path folder) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(folder)) {
            paths = walk.filter(Files::isRegularFile).sorted().toList();
        }
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every Java platform has SHA-256
        }
        List<String> files = new java.util.ArrayList<>();
        for (Path path : paths) {
            String web = "/" + folder.relativize(path).toString().replace('\\', '/');
            files.add(web);
            digest.update(web.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(Files.readAllBytes(path));
        }
        return new ClientBuild(HexFormat.of().formatHex(digest.digest()).substring(0, 16), List.copyOf(files));
    }

    /** The line the server puts in front of the worker's code: {@code const BUILD = {...};}. */
    String workerPrelude() {
        String list = files.stream().map(ClientBuild::jsonString).collect(Collectors.joining(","));
        return "const BUILD = {\"version\":" + jsonString(version) + ",\"files\":[" + list + "]};\n";
    }

    /** Paths are plain ASCII file names here; quotes and backslashes are escaped all the same. */
    private static String jsonString(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
