package org.parley.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.testing.ApiClient;
import org.parley.testing.WsClient;

/**
 * The workload and the ledger of the crash and disk-full drills. Worker threads, each an
 * administrator of its own, make a stream of mixed writes against a server: profile edits, follows,
 * invitations, sign-ups through them, log-ins, password changes (which end the account's other
 * sessions), rooms started, retitled and ended over the WebSocket. Every write the server
 * acknowledged (a 2xx, or an {@code ack}) goes into the ledger; {@link #verify} then checks against
 * a server on the same data that each of them is still there, and that nothing revoked came back.
 *
 * <p>A write whose answer never came (the server died first) may or may not have happened: the
 * ledger keeps what was tried as well, and accepts either.
 */
final class CrashDrill {

    static final String FIRST_PASSWORD = ApiClient.Members.PASSWORD;

    /** An account the drill made; fields written by its one worker, read by {@link #verify} in between rounds. */
    static final class Account {
        final String username;
        volatile String password;
        volatile String triedPassword; // a change whose answer never came
        final Set<String> oldPasswords = ConcurrentHashMap.newKeySet();
        final Queue<String> liveSessions = new ConcurrentLinkedQueue<>();
        final Queue<String> endedSessions = new ConcurrentLinkedQueue<>();
        volatile int bioAcked = -1;
        final AtomicInteger bioTried = new AtomicInteger(-1);
        final Set<String> follows = ConcurrentHashMap.newKeySet();
        final Set<String> invites = ConcurrentHashMap.newKeySet();
        final Queue<String> unusedInvites = new ConcurrentLinkedQueue<>();

        Account(String username, String password) {
            this.username = username;
            this.password = password;
        }
    }

    static final class RoomFact {
        final String id;
        final int round;
        volatile int titleAcked = -1;
        volatile boolean endTried; // an end whose answer never came may have happened
        volatile boolean endedAcked;

        RoomFact(String id, int round) {
            this.id = id;
            this.round = round;
        }
    }

    final Map<String, Account> accounts = new ConcurrentHashMap<>();
    final List<Account> workers = new ArrayList<>();
    final Map<String, RoomFact> rooms = new ConcurrentHashMap<>();
    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong attempted = new AtomicLong();
    /** Writes answered 503: the store could not write, so the server refused them. */
    final AtomicLong refused = new AtomicLong();
    final List<String> lost = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger names = new AtomicInteger();
    private final AtomicInteger titles = new AtomicInteger();
    private final AtomicInteger passwords = new AtomicInteger();
    final List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
    private volatile boolean dying;
    private volatile boolean stopping;

    /** The administrators that drive the workload, made through `parley invite --admin` on the running server. */
    void createWorkers(String baseUrl, Path dataDir, Map<String, String> settings, int count) {
        for (int i = 0; i < count; i++) {
            String code = adminInvite(dataDir, settings);
            var client = new ApiClient(baseUrl);
            String username = "worker" + i;
            client.signUp(code, username, "Worker " + i);
            var account = new Account(username, FIRST_PASSWORD);
            account.liveSessions.add(client.cookie("parley_session"));
            accounts.put(username, account);
            workers.add(account);
        }
    }

    /** What `parley invite --admin` prints while the server runs: the code at the end of the link. */
    static String adminInvite(Path dataDir, Map<String, String> settings) {
        var out = new ByteArrayOutputStream();
        var env = new java.util.HashMap<>(settings);
        env.put("PARLEY_DATA_DIR", dataDir.toString());
        int status = Main.run(List.of("invite", "--admin"), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        String link = out.toString(StandardCharsets.UTF_8).strip();
        if (status != 0 || !link.contains("/invite/")) {
            throw new AssertionError("parley invite --admin failed: " + status + " " + link);
        }
        return link.substring(link.lastIndexOf('/') + 1);
    }

    /** Starts one thread per worker; they write until {@link #stop}. */
    List<Thread> start(String baseUrl, int round) {
        dying = false;
        stopping = false;
        List<Thread> threads = new ArrayList<>();
        for (Account worker : workers) {
            threads.add(Thread.ofVirtual().name("drill-" + worker.username).start(() -> work(baseUrl, worker, round)));
        }
        return threads;
    }

    /** Waits until {@code counter} has grown by {@code by} from {@code from}, or {@code max} has passed; true if it did. */
    static boolean awaitGrowth(AtomicLong counter, long from, long by, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (counter.get() - from < by) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Called just before the server is killed: from now on a failed call is expected. */
    void dying() {
        dying = true;
    }

    /** Called once the server is dead: the workers' pending calls fail, and they stop. */
    void stop(List<Thread> threads) throws InterruptedException {
        dying = true;
        stopping = true;
        for (Thread t : threads) {
            t.interrupt();
        }
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(30));
        }
    }

    private void work(String baseUrl, Account me, int round) {
        var random = ThreadLocalRandom.current();
        ApiClient client = null;
        while (!stopping) {
            try {
                if (client == null && (client = logIn(baseUrl, me)) == null) {
                    return;
                }
                int pick = random.nextInt(100);
                if (pick < 30) {
                    editBio(client, me);
                } else if (pick < 50) {
                    follow(client, me);
                } else if (pick < 65) {
                    invite(client, me);
                } else if (pick < 75) {
                    signUp(baseUrl, client, me);
                } else if (pick < 85) {
                    changePassword(baseUrl, client, me);
                } else {
                    room(baseUrl, client, round);
                }
            } catch (StoreRefused e) {
                pause();
            } catch (Throwable e) {
                if (!dying) {
                    errors.add(e);
                }
                return;
            }
        }
    }

    /** A log-in is a write too: the session it creates must survive. */
    private ApiClient logIn(String baseUrl, Account me) {
        var client = new ApiClient(baseUrl);
        for (String password : new String[] {me.password, me.triedPassword}) {
            if (password == null) {
                continue;
            }
            attempted.incrementAndGet();
            var r = client.post("/api/session", Map.of("username", me.username, "password", password));
            if (r.status() == 503) {
                refused.incrementAndGet();
                throw new StoreRefused(); // a log-in writes a session: the disk-full drill refuses it
            }
            if (r.status() / 100 == 2) {
                acknowledged.incrementAndGet();
                if (!password.equals(me.password)) {
                    // The change went through after all, so it ended the account's other sessions:
                    // which of them is uncertain (the one that made it stays), so none is checked.
                    me.oldPasswords.add(me.password);
                    me.password = password;
                    me.liveSessions.clear();
                }
                me.triedPassword = null;
                me.liveSessions.add(client.cookie("parley_session"));
                return client;
            }
        }
        if (!dying) {
            lost.add(me.username + " cannot log in with any password the drill gave it");
        }
        return null;
    }

    private void editBio(ApiClient client, Account me) {
        int n = me.bioTried.incrementAndGet();
        if (ok(() -> client.patch("/api/me", Map.of("bio", "drill " + n)))) {
            me.bioAcked = Math.max(me.bioAcked, n);
        }
    }

    private void follow(ApiClient client, Account me) {
        List<String> others = accounts.keySet().stream().filter(u -> !u.equals(me.username)).toList();
        if (others.isEmpty()) {
            return;
        }
        String other = others.get(ThreadLocalRandom.current().nextInt(others.size()));
        if (ok(() -> client.put("/api/members/" + other + "/follow", null))) {
            me.follows.add(other);
        }
    }

    private void invite(ApiClient client, Account me) {
        var r = acknowledged(() -> client.post("/api/invites", null));
        if (r != null) {
            String code = r.json().get("code").asText();
            me.invites.add(code);
            me.unusedInvites.add(code);
        }
    }

    private void signUp(String baseUrl, ApiClient client, Account me) {
        String code = me.unusedInvites.poll();
        if (code == null) {
            invite(client, me);
            return;
        }
        String username = "member" + names.incrementAndGet();
        var newcomer = new ApiClient(baseUrl);
        if (ok(() -> newcomer.post("/api/accounts", Map.of("inviteCode", code, "username", username, "displayName",
                "Member " + username, "password", FIRST_PASSWORD)))) {
            var account = new Account(username, FIRST_PASSWORD);
            account.liveSessions.add(newcomer.cookie("parley_session"));
            accounts.put(username, account);
        }
    }

    /** Another session first, so that the change has one to end. */
    private void changePassword(String baseUrl, ApiClient client, Account me) {
        var other = new ApiClient(baseUrl);
        if (!ok(() -> other.post("/api/session", Map.of("username", me.username, "password", me.password)))) {
            return;
        }
        me.liveSessions.add(other.cookie("parley_session"));
        String next = "drill password " + passwords.incrementAndGet();
        me.triedPassword = next;
        if (ok(() -> client.put("/api/me/password", Map.of("currentPassword", me.password, "newPassword", next)))) {
            String mine = client.cookie("parley_session");
            for (String s; (s = me.liveSessions.poll()) != null; ) {
                if (!s.equals(mine)) {
                    me.endedSessions.add(s);
                }
            }
            me.liveSessions.add(mine);
            me.oldPasswords.add(me.password);
            me.password = next;
            me.triedPassword = null;
        }
    }

    private void room(String baseUrl, ApiClient client, int round) {
        var r = acknowledged(() -> client.post("/api/rooms", Map.of("title", "Drill room", "type", "open")));
        if (r == null) {
            return;
        }
        var fact = new RoomFact(r.json().get("id").asText(), round);
        rooms.put(fact.id, fact);
        try (var ws = WsClient.connect(baseUrl, client)) {
            ws.awaitType("hello");
            if (!acked(() -> ws.call("join", "room", fact.id))) {
                return;
            }
            int n = titles.incrementAndGet();
            if (acked(() -> ws.call("editTitle", "title", "Drill " + n))) {
                fact.titleAcked = n;
            }
            if (ThreadLocalRandom.current().nextBoolean()) {
                fact.endTried = true;
                if (acked(() -> ws.call("endRoom"))) {
                    fact.endedAcked = true;
                }
            }
        }
    }

    /** A log-in answered 503: try again shortly. */
    private static final class StoreRefused extends RuntimeException {
        StoreRefused() {
            super(null, null, false, false);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends a write; true when the server acknowledged it. Counted as attempted before it is sent. */
    private boolean ok(java.util.function.Supplier<ApiClient.Response> write) {
        return acknowledged(write) != null;
    }

    /** Sends a write; its answer when the server acknowledged it, null when it refused it. */
    private ApiClient.Response acknowledged(java.util.function.Supplier<ApiClient.Response> write) {
        attempted.incrementAndGet();
        ApiClient.Response r = write.get();
        if (r.status() / 100 == 2) {
            acknowledged.incrementAndGet();
            return r;
        }
        if (r.status() == 429) {
            return null; // a rate limit (rooms per hour): refused, so nothing to keep
        }
        if (r.status() == 503) {
            refused.incrementAndGet(); // the store could not write (the disk-full drill): refused too
            return null;
        }
        throw new AssertionError("unexpected answer from a live server: " + r);
    }

    private boolean acked(java.util.function.Supplier<JsonNode> command) {
        attempted.incrementAndGet();
        JsonNode reply = command.get();
        if ("ack".equals(reply.path("type").asText())) {
            acknowledged.incrementAndGet();
            return true;
        }
        return false;
    }

    /**
     * Checks every acknowledged write against a server on the same data; adds what is missing, or came
     * back after being revoked, to {@link #lost}. Rooms are checked live only in the round after they
     * were made: later, their hosts' grace period may end them legitimately.
     */
    void verify(String baseUrl, int round) {
        ApiClient auditor = null;
        for (Account worker : workers) {
            auditor = logIn(baseUrl, worker);
            if (auditor != null) {
                break;
            }
        }
        if (auditor == null) {
            lost.add("round " + round + ": no worker could log in");
            return;
        }
        for (Account a : accounts.values()) {
            verifyAccount(baseUrl, auditor, a, round);
        }
        for (RoomFact room : rooms.values()) {
            var r = auditor.get("/api/rooms/" + room.id);
            if (room.endedAcked) {
                if (r.status() != 404) {
                    lost.add("round " + round + ": ended room " + room.id + " is live again (" + r.status() + ")");
                }
            } else if (room.round == round - 1 && !room.endTried) {
                if (r.status() != 200) {
                    lost.add("round " + round + ": room " + room.id + " is gone (" + r.status() + ")");
                } else if (room.titleAcked >= 0 && titleNumber(r.json()) < room.titleAcked) {
                    lost.add("round " + round + ": room " + room.id + " lost title " + room.titleAcked);
                }
            }
        }
    }

    private void verifyAccount(String baseUrl, ApiClient auditor, Account a, int round) {
        var profile = auditor.get("/api/members/" + a.username);
        if (profile.status() != 200) {
            lost.add("round " + round + ": member " + a.username + " is gone (" + profile.status() + ")");
            return;
        }
        String bio = profile.json().path("bio").asText();
        int bioNumber = bio.startsWith("drill ") ? Integer.parseInt(bio.substring(6)) : -1;
        if (bioNumber < a.bioAcked) {
            lost.add("round " + round + ": " + a.username + "'s bio is '" + bio + "', acknowledged 'drill " + a.bioAcked + "'");
        }
        if (!a.follows.isEmpty()) {
            Set<String> following = new HashSet<>();
            auditor.get("/api/members/" + a.username + "/following?limit=100").json().path("items")
                    .forEach(m -> following.add(m.path("username").asText()));
            for (String f : a.follows) {
                if (!following.contains(f)) {
                    lost.add("round " + round + ": " + a.username + " no longer follows " + f);
                }
            }
        }
        for (String session : a.liveSessions) {
            if (me(baseUrl, session) != 200 && a.triedPassword == null) {
                lost.add("round " + round + ": a session of " + a.username + " was lost");
            }
        }
        for (String session : a.endedSessions) {
            if (me(baseUrl, session) != 401) {
                lost.add("round " + round + ": a session of " + a.username + " ended by a password change is valid again");
            }
        }
        if (!a.invites.isEmpty()) {
            // The invitations list is the owner's: the worker's own session (its newest) reads it.
            String session = a.liveSessions.stream().reduce((x, y) -> y).orElse(null);
            var list = session == null ? null : get(baseUrl, "/api/invites", session);
            if (list != null && list.status() == 200) {
                Set<String> codes = new HashSet<>();
                list.json().path("items").forEach(i -> codes.add(i.path("code").asText()));
                for (String code : a.invites) {
                    if (!codes.contains(code)) {
                        lost.add("round " + round + ": invitation " + code + " of " + a.username + " is gone");
                    }
                }
            }
        }
        for (String old : a.oldPasswords) {
            var r = new ApiClient(baseUrl).post("/api/session", Map.of("username", a.username, "password", old));
            if (r.status() / 100 == 2) {
                lost.add("round " + round + ": " + a.username + "'s replaced password works again");
            }
        }
    }

    private static int me(String baseUrl, String session) {
        return get(baseUrl, "/api/me", session).status();
    }

    private static ApiClient.Response get(String baseUrl, String path, String session) {
        return new ApiClient(baseUrl).sendRaw("GET", path, null, null, Map.of("Cookie", "parley_session=" + session), false);
    }

    private static int titleNumber(JsonNode room) {
        String title = room.path("title").asText();
        return title.startsWith("Drill ") && !title.equals("Drill room") ? Integer.parseInt(title.substring(6)) : -1;
    }
}
