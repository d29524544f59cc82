package org.parley.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.parley.app.Parley;
import org.parley.app.ParleyConfig;
import org.parley.events.EventBus;
import org.parley.module.SearchDocument;
import org.parley.module.Searchable;
import org.parley.module.Searcher;
import org.parley.search.Search;
import org.parley.storage.Database;
import org.parley.testing.TestParley;

/**
 * Search latency at scale (docs/benchmarks.md, "Search"): generates a network of 100,000 members
 * (names, bios in nine languages and three scripts, a follow graph where a few are followed by many)
 * in the embedded database, starts a node on it (which builds its index from the database), adds
 * 10,000 clubs through search's contribution interface ({@link Searchable}, as the clubs feature will),
 * then times thousands of varied queries — whole names, a first name and the start of a last one,
 * typos, no accents, short prefixes, bio and club words, Cyrillic — each by a random member, with their
 * graph boosts and visibility, as {@code GET /api/search} runs them (all kinds, five of each).
 *
 * <p>Usage: {@code scripts/bench-search.sh [members] [clubs] [queries]} (defaults 100000 10000 3000).
 */
public final class SearchBenchmark {

    public static void main(String[] args) throws Exception {
        int members = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int clubs = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 3_000;
        var random = new Random(16);
        Path dir = Files.createTempDirectory("parley-bench-search-");
        Map<String, String> env = TestParley.settings(dir);
        var config = ParleyConfig.load(env);

        long t0 = System.nanoTime();
        List<String[]> people = new ArrayList<>(); // display name, bio
        try (Database db = Database.open(config.database())) {
            seedMembers(db, members, random, people);
            long follows = seedFollows(db, members, random);
            System.out.printf(Locale.ROOT, "generated %,d members and %,d follows in %.1f s%n", members, follows,
                    (System.nanoTime() - t0) / 1e9);
        }

        long t1 = System.nanoTime();
        try (Parley node = Parley.start(config)) {
            Search live = node.search();
            System.out.printf(Locale.ROOT, "node started, its index built from the database: %,d documents, %.1f s%n",
                    live.built(), (System.nanoTime() - t1) / 1e9);
            long heapBefore = usedHeap();
            List<String> clubNames = new ArrayList<>();
            long t2 = System.nanoTime();
            try (Search search = live.rebuilt(List.of(new GeneratedClubs(clubs, members, new Random(17), clubNames)))) {
                double build = (System.nanoTime() - t2) / 1e9;
                long heapAfter = usedHeap();
                System.out.printf(Locale.ROOT, "index of members and clubs built: %,d documents in %.1f s; index %,d MB"
                                + " in memory; heap used %,d MB (the index and its fingerprints %,d MB)%n",
                        search.size(), build, search.indexBytes() >> 20, heapAfter >> 20, (heapAfter - heapBefore) >> 20);

                List<String> qs = queries(people, clubNames, queries + 500, new Random(18));
                long[] times = new long[queries];
                int[] found = new int[queries];
                var r = new Random(19);
                for (int i = 0; i < qs.size(); i++) {
                    long searcher = 1 + r.nextInt(members);
                    long s = System.nanoTime();
                    var groups = search.find(searcher, qs.get(i), null, 0, 5);
                    long took = System.nanoTime() - s;
                    if (i >= 500) { // the first 500 warm the JIT
                        times[i - 500] = took;
                        found[i - 500] = groups.stream().mapToInt(g -> g.items().size()).sum();
                    }
                }
                Arrays.sort(times);
                long none = Arrays.stream(found).filter(n -> n == 0).count();
                System.out.printf(Locale.ROOT, "%,d queries (all kinds, 5 each, graph boosts on, a random searcher each):"
                                + " p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms; %d found nothing%n",
                        queries, ms(times, 0.50), ms(times, 0.90), ms(times, 0.99), times[times.length - 1] / 1e6, none);
                long[] warm = new long[queries];
                for (int i = 0; i < queries; i++) { // one searcher, whose graph stays cached: the index's share
                    long s = System.nanoTime();
                    search.find(2, qs.get(500 + i), null, 0, 5);
                    warm[i] = System.nanoTime() - s;
                }
                Arrays.sort(warm);
                System.out.printf(Locale.ROOT, "the same queries by one searcher whose graph is cached:"
                                + " p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                        ms(warm, 0.50), ms(warm, 0.90), ms(warm, 0.99), warm[warm.length - 1] / 1e6);
                for (String example : List.of("elon mu", "putn", "romaneste", "влад", "grossmann", "ijssel")) {
                    var groups = search.find(1, example, null, 0, 5);
                    System.out.printf(Locale.ROOT, "  %-10s → %s%n", example, groups.stream().flatMap(g -> g.items().stream())
                            .limit(3).map(x -> x.shown().getOrDefault("displayName", x.shown().get("name"))).toList());
                }
            }
        }
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    private static void seedMembers(Database db, int n, Random r, List<String[]> people) {
        Set<String> usernames = new HashSet<>();
        db.transaction(conn -> {
            try (PreparedStatement st = conn.prepareStatement("INSERT INTO members (username, username_key, display_name,"
                    + " bio, password_hash, admin, invited_by, created_at, kind, name_skeleton) VALUES (?, ?, ?, ?, '!', ?, NULL,"
                    + " ?, 'person', NULL)")) {
                Instant now = Instant.now();
                for (int i = 0; i < n; i++) {
                    var lang = SearchNames.language(r);
                    String first = SearchNames.pick(r, lang.first());
                    String last = SearchNames.pick(r, lang.last());
                    String name = first + " " + last;
                    String base = SearchNames.usernamePart(first) + "_" + SearchNames.usernamePart(last);
                    base = base.length() > 24 ? base.substring(0, 24) : base;
                    String username = base;
                    for (int k = 2; !usernames.add(username.toLowerCase(Locale.ROOT)); k++) {
                        username = base + k;
                    }
                    String bio = r.nextInt(4) == 0 ? "" : String.format(Locale.ROOT, SearchNames.pick(r, lang.bios()),
                            SearchNames.pick(r, lang.topics()), SearchNames.pick(r, lang.cities()));
                    people.add(new String[] {name, bio});
                    st.setString(1, username);
                    st.setString(2, username.toLowerCase(Locale.ROOT));
                    st.setString(3, name);
                    st.setString(4, bio);
                    st.setBoolean(5, i == 0);
                    Database.setInstant(st, 6, now);
                    st.addBatch();
                    if (i % 5_000 == 4_999) {
                        st.executeBatch();
                    }
                }
                st.executeBatch();
            }
            return null;
        });
    }

    /** About 20 follows each: two thirds to the popular few (a skewed pick), a third to anyone. */
    private static long seedFollows(Database db, int n, Random r) {
        long[] count = {0};
        db.transaction(conn -> {
            try (PreparedStatement st = conn.prepareStatement(
                    "INSERT INTO follows (follower_id, followee_id, created_at) VALUES (?, ?, ?)")) {
                Instant now = Instant.now();
                for (long follower = 1; follower <= n; follower++) {
                    int k = 5 + r.nextInt(31);
                    Set<Long> picked = new HashSet<>();
                    while (picked.size() < k) {
                        double u = r.nextDouble();
                        long followee = r.nextInt(3) < 2 ? 1 + (long) (n * u * u * u) : 1 + r.nextInt(n);
                        if (followee != follower && followee <= n) {
                            picked.add(followee);
                        }
                    }
                    for (long followee : picked) {
                        st.setLong(1, follower);
                        st.setLong(2, followee);
                        Database.setInstant(st, 3, now);
                        st.addBatch();
                        count[0]++;
                    }
                    if (follower % 2_000 == 0) {
                        st.executeBatch();
                    }
                }
                st.executeBatch();
            }
            return null;
        });
        return count[0];
    }

    /** Varied queries as people type them, from the generated names, bios and clubs. */
    private static List<String> queries(List<String[]> people, List<String> clubs, int n, Random r) {
        List<String> out = new ArrayList<>();
        while (out.size() < n) {
            String[] p = people.get(r.nextInt(people.size()));
            String[] words = p[0].split(" ");
            String first = words[0];
            String last = words[words.length - 1];
            out.add(switch (out.size() % 8) {
                case 0 -> p[0]; // the whole name
                case 1 -> first + " " + last.substring(0, Math.min(last.length(), 1 + r.nextInt(3))); // "elon mu"
                case 2 -> typo(last, r); // "putn"
                case 3 -> java.text.Normalizer.normalize(first.toLowerCase(Locale.ROOT), java.text.Normalizer.Form.NFD)
                        .replaceAll("\\p{M}", ""); // no accents
                case 4 -> first.substring(0, Math.min(first.length(), 2 + r.nextInt(2))); // a short prefix
                case 5 -> {
                    String[] bio = p[1].isBlank() ? new String[] {last} : p[1].split("[ ,.;:]+");
                    yield bio[r.nextInt(bio.length)];
                }
                case 6 -> {
                    String[] club = clubs.get(r.nextInt(clubs.size())).split("[ :—]+");
                    String w = club[r.nextInt(club.length)];
                    yield w.isBlank() ? last : w.substring(0, Math.max(1, w.length() - r.nextInt(3)));
                }
                default -> typo(first, r) + " " + last;
            });
        }
        return out;
    }

    private static String typo(String word, Random r) {
        if (word.length() < 5) {
            return word;
        }
        var b = new StringBuilder(word);
        int at = 1 + r.nextInt(word.length() - 2);
        switch (r.nextInt(3)) {
            case 0 -> b.deleteCharAt(at);
            case 1 -> {
                char c = b.charAt(at);
                b.setCharAt(at, b.charAt(at + 1));
                b.setCharAt(at + 1, c);
            }
            default -> b.setCharAt(at, (char) ('a' + r.nextInt(26)));
        }
        return b.toString();
    }

    /**
     * 10,000 clubs as the clubs feature will contribute them: a name, a description, its founder and
     * admins (whose followers see it first); one in ten is private (members only, here its leaders).
     */
    static final class GeneratedClubs implements Searchable {
        private final Map<String, SearchDocument> clubs = new HashMap<>();
        private final Map<String, Set<Long>> privateMembers = new HashMap<>();

        GeneratedClubs(int n, int members, Random r, List<String> names) {
            for (int i = 1; i <= n; i++) {
                var lang = SearchNames.language(r);
                String topic = SearchNames.pick(r, lang.topics());
                String name = String.format(Locale.ROOT, SearchNames.pick(r, lang.clubs()),
                        Character.toUpperCase(topic.charAt(0)) + topic.substring(1), SearchNames.pick(r, lang.cities()));
                names.add(name);
                Set<Long> leaders = Set.of(1L + r.nextInt(members), 1L + r.nextInt(members), 1L + r.nextInt(members));
                String id = "c" + i;
                clubs.put(id, new SearchDocument(CLUB, id, List.of(name),
                        topic + " " + SearchNames.pick(r, lang.cities()) + " " + lang.code(), leaders,
                        Map.of("name", name, "language", lang.code())));
                if (r.nextInt(10) == 0) {
                    privateMembers.put(id, leaders);
                }
            }
        }

        @Override
        public String kind() {
            return CLUB;
        }

        @Override
        public void all(Consumer<SearchDocument> out) {
            clubs.values().forEach(out);
        }

        @Override
        public Optional<SearchDocument> one(String id) {
            return Optional.ofNullable(clubs.get(id));
        }

        @Override
        public void follow(EventBus events, Consumer<String> changed) {}

        @Override
        public Predicate<SearchDocument> visibleTo(Searcher searcher) {
            return d -> {
                Set<Long> only = privateMembers.get(d.id());
                return only == null || only.contains(searcher.id());
            };
        }
    }
}
