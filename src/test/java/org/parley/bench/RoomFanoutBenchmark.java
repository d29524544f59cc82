package org.parley.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.parley.accounts.Member;
import org.parley.storage.Database;
import org.parley.testing.Crowd;
import org.parley.testing.TestParley;

/**
 * How fast one room-state change reaches N connected WebSocket clients on loopback
 * (docs/benchmarks.md). Starts a real server here with N members and sessions written straight to
 * its database (signing up 10,000 people through Argon2 would take longer than the measurement),
 * then runs {@link RoomFanoutSwarm} in a child JVM holding the N client sockets — one process could
 * not hold both ends of 10,000 connections under a 20,000 file-descriptor limit.
 *
 * <p>Usage: {@code scripts/bench-room-fanout.sh [clients…]} (default 1000 10000).
 */
public final class RoomFanoutBenchmark {

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String a : args) {
            sizes.add(Integer.parseInt(a));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(1000, 10000);
        }
        for (int n : sizes) {
            run(n);
        }
    }

    static void run(int listeners) throws Exception {
        try (var parley = TestParley.start(Map.of("PARLEY_ROOM_CAPACITY", String.valueOf(listeners + 10),
                "PARLEY_PRESENCE_GRACE_SECONDS", "600"))) {
            Database db = parley.server().database();
            List<String> tokens = Crowd.signedIn(db, "bench", listeners + 1).stream().map(Crowd.Member::token).toList();
            Member host = db.read(conn -> new org.parley.accounts.Members().byUsername(conn, "bench0")).orElseThrow();
            String room = parley.server().rooms().create(host, "Fan-out benchmark", org.parley.rooms.RoomType.open, List.of()).id();
            Path tokenFile = Files.createTempFile("parley-bench-tokens", ".txt");
            Files.write(tokenFile, tokens);
            var cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                    "-Xss256k", "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"),
                    RoomFanoutSwarm.class.getName(), parley.baseUrl(), room, tokenFile.toString()));
            var process = new ProcessBuilder(cmd).inheritIO().start();
            int exit = process.waitFor();
            Files.deleteIfExists(tokenFile);
            if (exit != 0) {
                throw new IllegalStateException("swarm failed with exit code " + exit);
            }
        }
    }
}
