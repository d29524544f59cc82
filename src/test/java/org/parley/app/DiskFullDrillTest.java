package org.parley.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.ApiClient;
import org.parley.testing.ChildParley;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The disk-full drill (issue 11), on the embedded default: the data folder is a small tmpfs that the
 * test fills while the crash drill's workload writes. Writes must be refused with 503 and
 * {@code /healthz} must say so; once space is freed both must recover; and after a clean stop, then
 * after a {@code kill -9}, every acknowledged write must be there. Mounting needs root (CI runs as
 * root); elsewhere the test is skipped and says why.
 */
class DiskFullDrillTest {

    private static final Logger log = LoggerFactory.getLogger(DiskFullDrillTest.class);
    /** Room for the schema, a few hundred writes and SQLite's WAL, and little more. */
    static final String TMPFS_SIZE = "6m";
    /** How long the drill waits for the workload to reach each step, however busy the machine. */
    static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path work;
    Path data;
    boolean mounted;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        data = work.resolve("data");
        Files.createDirectories(data);
        var mount = run("mount", "-t", "tmpfs", "-o", "size=" + TMPFS_SIZE + ",mode=0700", "tmpfs", data.toString());
        Assumptions.assumeTrue(mount.isEmpty(), () -> "skipped: this machine cannot mount a small tmpfs for the"
                + " disk-full drill (needs root; CI runs as root): " + mount);
        mounted = true;
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            run("umount", "-l", data.toString());
        }
    }

    @Test
    @Timeout(240)
    void a_full_disk_refuses_writes_loudly_recovers_when_freed_and_loses_nothing_acknowledged() throws Exception {
        Path logFile = work.resolve("server.log");
        var drill = new CrashDrill();
        var server = ChildParley.start(data, Map.of(), logFile);
        try {
            drill.createWorkers(server.baseUrl(), data, Map.of(), 3);
            Path filler = data.resolve("filler");
            for (int cycle = 0; cycle < 2; cycle++) {
                long acknowledged = drill.acknowledged.get();
                var threads = drill.start(server.baseUrl(), cycle);
                assertThat(CrashDrill.awaitGrowth(drill.acknowledged, acknowledged, 5, PATIENCE))
                        .as("writes acknowledged before the disk fills").isTrue();
                long refused = drill.refused.get();
                fill(filler);
                awaitHealth(server, 503, "read-only");
                assertThat(CrashDrill.awaitGrowth(drill.refused, refused, 5, PATIENCE))
                        .as("writes refused with 503 on a full disk").isTrue();
                Files.delete(filler);
                awaitHealth(server, 200, "up");
                acknowledged = drill.acknowledged.get();
                assertThat(CrashDrill.awaitGrowth(drill.acknowledged, acknowledged, 5, PATIENCE))
                        .as("writes acknowledged once space is back").isTrue();
                drill.dying();
                if (cycle == 0) {
                    server.stop();
                } else {
                    server.kill();
                }
                drill.stop(threads);
                server.close();
                server = ChildParley.start(data, Map.of(), logFile);
                drill.verify(server.baseUrl(), cycle + 1);
            }
            server.stop();
        } finally {
            server.close();
        }
        String summary = String.format("disk-full drill (sqlite): cycles=2 writes_acknowledged=%d writes_refused_503=%d"
                + " writes_lost=%d", drill.acknowledged.get(), drill.refused.get(), drill.lost.size());
        log.info(summary);
        Files.writeString(Path.of("target", "disk-full-drill.txt"), summary + "\n");
        assertThat(drill.errors).as("the workload's own failures against a live server").isEmpty();
        assertThat(drill.lost).as(summary).isEmpty();
    }

    /** Writes until the file system says no space is left. */
    private static void fill(Path filler) {
        byte[] block = new byte[16 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException e) {
            // ENOSPC: the disk is full, which is the point
        }
    }

    private static void awaitHealth(ChildParley server, int status, String database) throws InterruptedException {
        var client = new ApiClient(server.baseUrl());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        ApiClient.Response r = null;
        while (System.nanoTime() < deadline) {
            r = client.get("/healthz");
            if (r.status() == status && database.equals(r.json().path("database").asText())) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("/healthz never said " + status + " " + database + "; last: " + r);
    }

    /** Runs a command; returns "" on success, else its output and exit status. */
    private static String run(String... command) throws IOException, InterruptedException {
        var p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        return p.waitFor() == 0 ? "" : "'" + String.join(" ", command) + "' exited " + p.exitValue() + ": " + out.strip();
    }
}
