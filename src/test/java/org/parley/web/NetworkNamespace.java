package org.parley.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A Linux network namespace joined to this one by a veth pair with private addresses:
 * {@link #hostAddress()} on our side, {@link #innerAddress()} inside, a /30 between them. Firefox
 * needs it: it offers no loopback ICE candidate, so its ICE fails when Parley is only on 127.0.0.1
 * (docs/media.md, "Testing in Firefox").
 *
 * <p>Names carry this JVM's pid ({@code pfx-<pid>-<n>}), so {@link #create} first removes what a
 * killed earlier run left behind. {@link #close} removes both; deleting the namespace also deletes
 * the veth pair, once no process is left inside (the caller stops those first). Inside, the default
 * route leads to the namespace's own loopback ({@link #defaultRoute()}): Firefox needs one, and
 * nothing sent to any other address leaves the namespace.
 */
final class NetworkNamespace implements AutoCloseable {

    private static final String PREFIX = "pfx-";
    private static final long IP_TIMEOUT_SECONDS = 10;

    private final String name;
    private final String hostLink;
    private final String hostAddress;
    private final String innerAddress;

    private NetworkNamespace(String name, String hostLink, String hostAddress, String innerAddress) {
        this.name = name;
        this.hostLink = hostLink;
        this.hostAddress = hostAddress;
        this.innerAddress = innerAddress;
    }

    /**
     * Creates the namespace and its link, or skips the test (JUnit assumption, so the report says
     * why) where that cannot be done here: no {@code ip}, not root, no namespace or veth support.
     */
    static NetworkNamespace createOrSkip() {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")),
                "Firefox test skipped: no `ip` command (iproute2) to make a network namespace");
        removeLeftovers();
        long pid = ProcessHandle.current().pid();
        // Interface names are at most 15 characters.
        int tag = ThreadLocalRandom.current().nextInt(100_000);
        String name = PREFIX + pid + "-" + tag;
        String hostLink = "pfx" + tag + "a";
        String innerLink = "pfx" + tag + "b";
        int net = freeSubnet();
        String host = dotted(net + 1);
        String inner = dotted(net + 2);
        Result made = ip("netns", "add", name);
        Assumptions.assumeTrue(made.ok(), "Firefox test skipped: cannot make a network namespace (it needs root, "
                + "or CAP_SYS_ADMIN in a container): " + made.describe());
        NetworkNamespace ns = new NetworkNamespace(name, hostLink, host, inner);
        try {
            ns.check(ip("link", "add", hostLink, "type", "veth", "peer", "name", innerLink));
            ns.check(ip("link", "set", innerLink, "netns", name));
            ns.check(ip("addr", "add", host + "/30", "dev", hostLink));
            ns.check(ip("link", "set", hostLink, "up"));
            ns.check(ip("netns", "exec", name, ipCommand(), "addr", "add", inner + "/30", "dev", innerLink));
            ns.check(ip("netns", "exec", name, ipCommand(), "link", "set", innerLink, "up"));
            // Firefox's remote agent listens on the namespace's own 127.0.0.1.
            ns.check(ip("netns", "exec", name, ipCommand(), "link", "set", "lo", "up"));
            // A default route, as every real machine has, that leads nowhere: see defaultRoute().
            ns.check(ip(ns.defaultRoute()));
            return ns;
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
    }

    /**
     * {@code default dev lo src <inner>}: the namespace's default route goes to its own loopback from
     * the veth address. Firefox needs one: a page without microphone permission (a listener) gathers
     * ICE candidates only on the interface of the "default" route, which it finds by connecting a UDP
     * socket towards the server the page came from. When Parley's service worker served the page, the
     * document has no server address (the response came from the worker, not a socket: Firefox logs
     * "SetTargetForDefaultLocalAddressLookup: Failed to get remote IP address"), so Firefox connects
     * towards 8.8.8.8 instead; without a default route that fails (ENETUNREACH), no candidate is
     * gathered, and ICE fails at once. Over loopback nothing leaves the namespace: a datagram for
     * another address comes back in on {@code lo} and is dropped, as the namespace forwards nothing.
     */
    private String[] defaultRoute() {
        return new String[] {"netns", "exec", name, ipCommand(), "route", "add", "default", "dev", "lo", "src", innerAddress};
    }

    /** The address on our side of the link: where Parley listens. */
    String hostAddress() {
        return hostAddress;
    }

    /** The address inside the namespace: Firefox's. */
    String innerAddress() {
        return innerAddress;
    }

    /** {@code command} prefixed so that it runs inside the namespace. */
    List<String> exec(List<String> command) {
        List<String> full = new ArrayList<>(List.of(ipCommand(), "netns", "exec", name));
        full.addAll(command);
        return full;
    }

    @Override
    public void close() {
        ip("netns", "del", name);
        // Normally gone with the namespace; still there if a process kept the namespace alive.
        ip("link", "del", hostLink);
    }

    @Override
    public String toString() {
        return name + " (" + hostAddress + " <-> " + innerAddress + ")";
    }

    private void check(Result result) {
        Assumptions.assumeTrue(result.ok(), () -> "Firefox test skipped: cannot link network namespace " + name
                + " to this one: " + result.describe());
    }

    /**
     * A /30 in 10.200.0.0-10.249.255.255 that no route of this machine covers or lies in: random, so
     * two runs on one machine stay apart, and checked, so a real 10/8 network is left alone.
     */
    private static int freeSubnet() {
        List<int[]> routes = ip("-4", "route", "show").output().lines()
                .map(line -> line.split("\\s+")[0])
                .filter(dest -> !dest.equals("default") && dest.matches("[0-9.]+(/\\d+)?"))
                .map(dest -> dest.contains("/") ? dest.split("/") : new String[] {dest, "32"})
                .map(parts -> new int[] {address(parts[0]), Integer.parseInt(parts[1])})
                .toList();
        var random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 50; attempt++) {
            int net = (10 << 24) | ((200 + random.nextInt(50)) << 16) | (random.nextInt(256) << 8) | (random.nextInt(64) * 4);
            if (routes.stream().noneMatch(route -> overlap(net, 30, route[0], route[1]))) {
                return net;
            }
        }
        throw new IllegalStateException("no free /30 in 10.200.0.0-10.249.255.255 beside this machine's "
                + routes.size() + " routes");
    }

    /** Whether two prefixes share addresses: they agree on the bits of the shorter one. */
    private static boolean overlap(int a, int aLength, int b, int bLength) {
        int bits = Math.min(aLength, bLength);
        int mask = bits == 0 ? 0 : -1 << (32 - bits);
        return (a & mask) == (b & mask);
    }

    private static int address(String dotted) {
        int value = 0;
        for (String part : dotted.split("\\.")) {
            value = (value << 8) | Integer.parseInt(part);
        }
        return value;
    }

    private static String dotted(int address) {
        return (address >>> 24) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "." + (address & 0xFF);
    }

    /** Namespaces (and so their veth pairs) of runs whose JVM is gone. */
    private static void removeLeftovers() {
        Path run = Path.of("/run/netns");
        if (!Files.isDirectory(run)) {
            return;
        }
        try (var names = Files.list(run)) {
            for (Path path : names.toList()) {
                String name = path.getFileName().toString();
                if (!name.startsWith(PREFIX)) {
                    continue;
                }
                String[] parts = name.substring(PREFIX.length()).split("-");
                if (parts.length == 2 && parts[0].chars().allMatch(Character::isDigit)
                        && ProcessHandle.of(Long.parseLong(parts[0])).isEmpty()) {
                    // A browser that outlived its JVM keeps the namespace alive: stop it first.
                    ip("netns", "pids", name).output().lines().flatMap(line -> Arrays.stream(line.split("\\s+")))
                            .filter(pid -> !pid.isEmpty() && pid.chars().allMatch(Character::isDigit))
                            .forEach(pid -> ProcessHandle.of(Long.parseLong(pid)).ifPresent(ProcessHandle::destroyForcibly));
                    ip("netns", "del", name);
                    ip("link", "del", "pfx" + parts[1] + "a");
                }
            }
        } catch (IOException | NumberFormatException e) {
            // leftovers are only untidy; the new namespace has its own name
        }
    }

    private record Result(boolean ok, List<String> command, String output) {
        String describe() {
            return String.join(" ", command) + ": " + output;
        }
    }

    private static String ipCommand() {
        return Files.isExecutable(Path.of("/usr/sbin/ip")) ? "/usr/sbin/ip" : "/sbin/ip";
    }

    private static Result ip(String... args) {
        List<String> command = new ArrayList<>(List.of(ipCommand()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(IP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(false, command, "timed out");
            }
            return new Result(process.exitValue() == 0, command, output);
        } catch (IOException e) {
            return new Result(false, command, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(false, command, "interrupted");
        }
    }
}
