package org.parley.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The members earlier runs created, per server URL, in {@code <data-dir>/loadtest-members.json}
 * (owner-only: it holds passwords and session cookies of throw-away accounts). Signing up costs an
 * Argon2 hash and a rate-limited attempt per member, so later runs reuse them.
 *
 * <pre>
 * {"version":1,"servers":{"http://127.0.0.1:8080":{"admin":{member},"members":[{member},…]}}}
 * member = {"username","password","id","session","csrf"}
 * </pre>
 *
 * <p>Threading: {@link #save} is synchronized; callers hand it snapshots of their lists.
 */
final class MemberCache {

    static final String FILE = "loadtest-members.json";

    private final Path file;
    private final String server;
    private ObjectNode root;

    private MemberCache(Path file, String server, ObjectNode root) {
        this.file = file;
        this.server = server;
        this.root = root;
    }

    static MemberCache open(Path dataDir, String server) {
        Path file = dataDir.resolve(FILE);
        ObjectNode root = null;
        try {
            if (Files.isReadable(file)) {
                JsonNode read = ParleyHttp.JSON.readTree(Files.readString(file));
                if (read instanceof ObjectNode o && o.path("version").asInt() == 1) {
                    root = o;
                }
            }
        } catch (IOException | RuntimeException e) {
            root = null; // unreadable: start afresh, the file is rewritten on save
        }
        if (root == null) {
            root = ParleyHttp.JSON.createObjectNode().put("version", 1);
            root.putObject("servers");
        }
        return new MemberCache(file, server, root);
    }

    Member admin() {
        JsonNode a = entry().path("admin");
        return a.isObject() ? member(a) : null;
    }

    List<Member> members() {
        List<Member> out = new ArrayList<>();
        for (JsonNode m : entry().path("members")) {
            out.add(member(m));
        }
        return out;
    }

    /** Replaces this server's entry and writes the file (owner-only, atomically); false when it cannot. */
    synchronized boolean save(Member admin, List<Member> members) {
        ObjectNode servers = (ObjectNode) root.get("servers");
        ObjectNode entry = servers.putObject(server);
        if (admin != null) {
            entry.set("admin", node(admin));
        }
        ArrayNode list = entry.putArray("members");
        members.forEach(m -> list.add(node(m)));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = file.resolveSibling(FILE + ".tmp");
            Files.deleteIfExists(tmp);
            try {
                Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(tmp); // not POSIX: the folder's permissions apply
            }
            Files.writeString(tmp, ParleyHttp.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    Path file() {
        return file;
    }

    private JsonNode entry() {
        return root.path("servers").path(server);
    }

    private static Member member(JsonNode m) {
        return new Member(m.path("username").asText(), m.path("password").asText(), m.path("id").asLong(),
                m.hasNonNull("session") ? m.get("session").asText() : null,
                m.hasNonNull("csrf") ? m.get("csrf").asText() : null);
    }

    private static ObjectNode node(Member m) {
        ObjectNode n = ParleyHttp.JSON.createObjectNode().put("username", m.username).put("password", m.password).put("id", m.id);
        n.put("session", m.session);
        n.put("csrf", m.csrf);
        return n;
    }
}
