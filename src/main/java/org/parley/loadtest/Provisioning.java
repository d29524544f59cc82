package org.parley.loadtest;

import java.io.IOException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Gets the load test its members through the public API: an administrator account (signed up with an
 * administrator invitation, which has unlimited invitations of its own), then one member per speaker
 * and listener, each signed up with an invitation the administrator creates. Reuses what
 * {@link MemberCache} holds; re-logs-in members whose sessions ended.
 */
final class Provisioning {

    /** Sign-ups in flight: each costs the server one Argon2 hash (~40 ms of a core). */
    static final int SIGN_UPS_IN_FLIGHT = 4;
    /** Cheap session checks of cached members in flight. */
    static final int CHECKS_IN_FLIGHT = 16;
    /** Cache writes during a long sign-up, so a 429 half-way loses nothing. */
    static final int SAVE_EVERY = 50;
    /** Bounds every wait for a provisioning step. */
    static final Duration STEP_TIMEOUT = Duration.ofMinutes(30);

    private final ParleyHttp http;
    private final LoadTestOptions options;
    private final PrintStream out;
    private final MemberCache cache;
    private final SecureRandom random = new SecureRandom();
    private final String runTag;

    Provisioning(ParleyHttp http, LoadTestOptions options, PrintStream out) {
        this.http = http;
        this.options = options;
        this.out = out;
        this.cache = MemberCache.open(options.dataDir(), options.url().toString());
        this.runTag = token("abcdefghijkmnpqrstuvwxyz23456789", 6);
    }

    /** {@code count} members with working sessions. */
    List<Member> members(int count) throws Exception {
        Member admin = cache.admin();
        List<Member> cached = cache.members();
        if (admin != null && !revive(admin)) {
            out.println("loadtest: cached members belong to another database; starting afresh");
            admin = null;
            cached = List.of();
        }
        List<Member> ready = Collections.synchronizedList(new ArrayList<>());
        List<Member> candidates = cached.subList(0, Math.min(count, cached.size()));
        if (!candidates.isEmpty()) {
            out.printf("loadtest: checking %d cached members from %s%n", candidates.size(), cache.file());
            runAll(candidates, CHECKS_IN_FLIGHT, m -> {
                if (revive(m)) {
                    ready.add(m);
                }
            }, "checked");
        }
        List<Member> all = new ArrayList<>(ready);
        all.addAll(cached.subList(candidates.size(), cached.size())); // keep the spares for bigger runs
        int missing = count - ready.size();
        if (missing > 0) {
            if (admin == null) {
                admin = newAdmin();
                cache.save(admin, all);
            }
            Member inviter = admin;
            List<Member> created = Collections.synchronizedList(new ArrayList<>());
            out.printf("loadtest: signing up %d members (about 40 ms of server CPU each)%n", missing);
            AtomicInteger next = new AtomicInteger();
            List<Integer> slots = new ArrayList<>();
            for (int i = 0; i < missing; i++) {
                slots.add(i);
            }
            try {
                runAll(slots, SIGN_UPS_IN_FLIGHT, i -> {
                    Member m = new Member("lt_" + runTag + "_" + next.incrementAndGet(), token(null, 20), 0, null, null);
                    http.signUp(m, http.createInvite(inviter));
                    created.add(m);
                    if (created.size() % SAVE_EVERY == 0) {
                        saveWith(inviter, all, created);
                    }
                }, "signed up");
            } finally {
                saveWith(inviter, all, created);
            }
            ready.addAll(created);
        } else {
            cache.save(admin, all);
        }
        return List.copyOf(ready.subList(0, count));
    }

    private void saveWith(Member admin, List<Member> kept, List<Member> created) {
        List<Member> everyone = new ArrayList<>(kept);
        synchronized (created) {
            everyone.addAll(created);
        }
        if (!cache.save(admin, everyone)) {
            out.println("loadtest: warning: could not write " + cache.file() + "; members will not be reused");
        }
    }

    /** A cached member's session works, or a log-in renews it; false when the account is unknown here. */
    private boolean revive(Member m) throws IOException, InterruptedException {
        if (http.sessionValid(m)) {
            return true;
        }
        try {
            http.logIn(m);
            return true;
        } catch (ParleyHttp.ApiFailure e) {
            if (e.status == 401) {
                return false;
            }
            throw e;
        }
    }

    private Member newAdmin() throws IOException, InterruptedException {
        String code = options.invite();
        if (code == null) {
            code = localAdminInvite();
        }
        if (code == null) {
            throw new ParleyHttp.ApiFailure("getting an administrator invitation: give one with --invite "
                    + "(print it with ./parley invite --admin on the server's machine), or run on that machine with "
                    + "--data-dir pointing at its data folder", 0, "");
        }
        Member admin = new Member("lt_" + runTag + "_admin", token(null, 20), 0, null, null);
        http.signUp(admin, code);
        out.println("loadtest: signed up administrator " + admin.username);
        return admin;
    }

    /** Like {@code parley invite --admin}: asks the server on this machine through its loopback endpoint. */
    private String localAdminInvite() {
        return LocalAdmin.find(options.url(), options.dataDir(), http.client).map(LocalAdmin::adminInviteCode).orElse(null);
    }

    @FunctionalInterface
    interface Step<T> {
        void run(T item) throws Exception;
    }

    /** Runs {@code step} over {@code items}, {@code parallel} at a time, with a progress line each second. */
    private <T> void runAll(List<T> items, int parallel, Step<T> step, String verb) throws Exception {
        AtomicInteger done = new AtomicInteger();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(parallel, Thread.ofVirtual().name("loadtest-provision").factory());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (T item : items) {
                futures.add(pool.submit(() -> {
                    step.run(item);
                    done.incrementAndGet();
                    return null;
                }));
            }
            long lastPrint = System.nanoTime();
            for (int finished = 0; finished < futures.size(); ) {
                Future<?> f = futures.get(finished);
                try {
                    f.get(200, TimeUnit.MILLISECONDS);
                    finished++;
                } catch (java.util.concurrent.TimeoutException e) {
                    if (System.nanoTime() - start > STEP_TIMEOUT.toNanos()) {
                        throw new IllegalStateException("provisioning members took longer than " + STEP_TIMEOUT);
                    }
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
                if (System.nanoTime() - lastPrint > 2_000_000_000L) {
                    lastPrint = System.nanoTime();
                    double s = (lastPrint - start) / 1e9;
                    out.printf(java.util.Locale.ROOT, "loadtest: %s %d/%d members (%.1f/s)%n", verb, done.get(),
                            items.size(), done.get() / s);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private String token(String alphabet, int length) {
        String chars = alphabet != null ? alphabet : "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(chars.charAt(random.nextInt(chars.length())));
        }
        return b.toString();
    }
}
