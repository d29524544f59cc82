package org.parley.media;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Seeded-random fuzzing for the network parsers, in plain JUnit (pion keeps fuzz tests next to every
 * parser; this is our small equivalent).
 *
 * <p>{@link #run} executes a property for N cases. Each case gets its own {@code Fuzz}: a
 * {@link Random} seeded from the base seed, the test's name and the case number, plus a log of every
 * value it generated. When a case fails, the error names the base seed, the case number and every
 * input in hex, so the failure replays exactly:
 * <pre>
 *   ./mvnw test -Dtest='StunParserPropertiesTest#random_datagrams_never_throw' \
 *       -Dparley.fuzz.seed=0x... -Dparley.fuzz.case=417
 * </pre>
 * The base seed is fixed ({@link #DEFAULT_SEED}) so every build checks the same inputs; pass
 * {@code -Dparley.fuzz.seed=} (decimal or 0x-hex) to explore others. {@code -Dparley.fuzz.case=}
 * runs only that one case.
 *
 * <p>Generators mix edge values (bounds, 0, -1, empty and full-length arrays) into the random ones, as
 * property-based libraries do, because that is where length checks go wrong.
 *
 * <p>Not thread-safe: one instance belongs to one case.
 */
public final class Fuzz {

    public static final long DEFAULT_SEED = 0x5EED_2026L;
    private static final HexFormat HEX = HexFormat.of();
    private static final int MAX_LOGGED_BYTES = 2048;
    private static final int MAX_LOG_LINES = 64;

    private final Random random;
    private final List<String> log = new ArrayList<>();
    private int unloggedLines;
    private int quiet;

    private Fuzz(long seed) {
        this.random = new Random(seed);
    }

    /** A property over one case's generated inputs; anything it throws fails the run. */
    @FunctionalInterface
    public interface Property {
        void check(Fuzz fuzz) throws Exception;
    }

    /** Runs {@code property} for {@code cases} cases; on the first failure, throws a report that replays it. */
    public static void run(int cases, Property property) {
        String name = caller();
        long base = seedProperty("parley.fuzz.seed", DEFAULT_SEED);
        long only = seedProperty("parley.fuzz.case", -1);
        for (int i = 0; i < cases; i++) {
            if (only >= 0 && i != only) {
                continue;
            }
            Fuzz fuzz = new Fuzz(caseSeed(base, name, i));
            try {
                property.check(fuzz);
            } catch (Throwable failure) {
                throw new AssertionError(fuzz.report(name, base, i, cases, failure), failure);
            }
        }
    }

    /** Bytes as failure reports show them: length, then hex. */
    private static String hex(byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        String hex = HEX.formatHex(bytes, 0, Math.min(bytes.length, MAX_LOGGED_BYTES));
        return "(" + bytes.length + " bytes) " + hex + (bytes.length > MAX_LOGGED_BYTES ? "…" : "");
    }

    /** Every character from {@code first} to {@code last}, for {@link #string}. */
    public static String charRange(char first, char last) {
        StringBuilder s = new StringBuilder();
        for (char c = first; c <= last; c++) {
            s.append(c);
        }
        return s.toString();
    }

    // ---- generators: each logs what it returns, so a failure report shows the case's inputs ----

    /** Records a derived input (e.g. the datagram built from generated parts) for the failure report. */
    public void note(String label, byte[] bytes) {
        record(label, hex(bytes));
    }

    public boolean bool() {
        boolean b = random.nextBoolean();
        record("bool", b);
        return b;
    }

    /** Any int, with 0, ±1 and the extremes mixed in. */
    public int anyInt() {
        int v = random.nextInt(8) == 0 ? pick(0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE) : random.nextInt();
        record("int", v);
        return v;
    }

    /** Any long, with 0, ±1 and the extremes mixed in. */
    public long anyLong() {
        long v = random.nextInt(8) == 0 ? pickLong(0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE) : random.nextLong();
        record("long", v);
        return v;
    }

    /** An int in {@code [min, max]}, both inclusive, often one of the bounds. */
    public int intBetween(int min, int max) {
        int v = (int) between(min, max);
        record("int[" + min + ".." + max + "]", v);
        return v;
    }

    /** A long in {@code [min, max]}, both inclusive ({@code max < Long.MAX_VALUE}), often one of the bounds. */
    public long longBetween(long min, long max) {
        long v = between(min, max);
        record("long[" + min + ".." + max + "]", v);
        return v;
    }

    @SafeVarargs
    public final <T> T oneOf(T... values) {
        T v = values[random.nextInt(values.length)];
        record("oneOf", v);
        return v;
    }

    /** Bytes of a length in {@code [0, maxLength]}. */
    public byte[] bytes(int maxLength) {
        return bytes(0, maxLength);
    }

    /**
     * Bytes of a length in {@code [minLength, maxLength]}: mostly uniform random, sometimes all zero, all
     * 0xFF or drawn from a few boundary values, which get further into length-prefixed formats.
     */
    public byte[] bytes(int minLength, int maxLength) {
        byte[] b = new byte[(int) between(minLength, maxLength)];
        fill(b);
        record("bytes[" + minLength + ".." + maxLength + "]", hex(b));
        return b;
    }

    /** A string of {@code [minLength, maxLength]} characters from {@code alphabet}. */
    public String string(int minLength, int maxLength, String alphabet) {
        char[] s = new char[(int) between(minLength, maxLength)];
        for (int i = 0; i < s.length; i++) {
            s[i] = alphabet.charAt(random.nextInt(alphabet.length()));
        }
        String v = new String(s);
        record("string[" + minLength + ".." + maxLength + "]", '"' + v + '"');
        return v;
    }

    /** A list of {@code [minSize, maxSize]} elements, each from {@code element}; logged as one line. */
    public <T> List<T> listOf(int minSize, int maxSize, Supplier<T> element) {
        int n = (int) between(minSize, maxSize);
        List<T> list = new ArrayList<>(n);
        quiet++;
        try {
            for (int i = 0; i < n; i++) {
                list.add(element.get());
            }
        } finally {
            quiet--;
        }
        record("list[" + minSize + ".." + maxSize + "]", list);
        return list;
    }

    /**
     * A copy of {@code valid} damaged by one to six mutations: bit flips, byte overwrites, truncation,
     * extension with random bytes, and splices of its head onto the tail of a donor (one of
     * {@code donors}, or itself, which shifts and duplicates regions). The result may be empty, longer,
     * or (rarely, e.g. an overwrite with the same value) unchanged.
     */
    public byte[] mutate(byte[] valid, byte[]... donors) {
        byte[] b = valid.clone();
        int count = 1 + random.nextInt(random.nextInt(6) + 1);
        StringBuilder ops = new StringBuilder();
        for (int i = 0; i < count; i++) {
            switch (random.nextInt(5)) {
                case 0 -> {
                    if (b.length > 0) {
                        int bit = random.nextInt(b.length * 8);
                        b[bit >>> 3] ^= (byte) (1 << (bit & 7));
                        ops.append(" flip bit ").append(bit).append(';');
                    }
                }
                case 1 -> {
                    if (b.length > 0) {
                        int at = random.nextInt(b.length);
                        int n = Math.min(b.length - at, 1 + random.nextInt(random.nextInt(4) + 1));
                        for (int k = at; k < at + n; k++) {
                            b[k] = randomByte();
                        }
                        ops.append(" overwrite ").append(n).append(" at ").append(at).append(';');
                    }
                }
                case 2 -> {
                    if (b.length > 0) {
                        // Half the time cut a little off the end, where trailers and lengths meet.
                        int keep = random.nextBoolean()
                                ? b.length - 1 - random.nextInt(Math.min(b.length, 24))
                                : random.nextInt(b.length);
                        b = Arrays.copyOf(b, keep);
                        ops.append(" truncate to ").append(keep).append(';');
                    }
                }
                case 3 -> {
                    byte[] tail = new byte[1 + random.nextInt(random.nextBoolean() ? 8 : 128)];
                    fill(tail);
                    b = concat(b, 0, b.length, tail, 0, tail.length);
                    ops.append(" extend by ").append(tail.length).append(';');
                }
                default -> {
                    byte[] donor = donors.length == 0 || random.nextInt(3) == 0
                            ? b : donors[random.nextInt(donors.length)];
                    int head = random.nextInt(b.length + 1);
                    int from = random.nextInt(donor.length + 1);
                    b = concat(b, 0, head, donor, from, donor.length - from);
                    ops.append(" splice head ").append(head).append(" + donor from ").append(from).append(';');
                }
            }
        }
        record("mutate [" + ops.toString().strip().replaceAll(";$", "") + "]", hex(b));
        return b;
    }

    // ---- internals ----

    private long between(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException(min + " > " + max);
        }
        if (random.nextInt(8) == 0) {
            long edge = pickLong(min, max, min + 1, max - 1, 0);
            if (edge >= min && edge <= max) {
                return edge;
            }
        }
        return random.nextLong(min, max + 1);
    }

    private void fill(byte[] b) {
        switch (random.nextInt(16)) {
            case 0 -> { } // all zero
            case 1 -> Arrays.fill(b, (byte) 0xFF);
            case 2, 3 -> {
                for (int i = 0; i < b.length; i++) {
                    b[i] = (byte) pick(0, 1, 0x7F, 0x80, 0xFF);
                }
            }
            default -> random.nextBytes(b);
        }
    }

    private byte randomByte() {
        return (byte) (random.nextInt(4) == 0 ? pick(0, 0x7F, 0x80, 0xFF) : random.nextInt(256));
    }

    private int pick(int... values) {
        return values[random.nextInt(values.length)];
    }

    private long pickLong(long... values) {
        return values[random.nextInt(values.length)];
    }

    private static byte[] concat(byte[] a, int aFrom, int aLength, byte[] b, int bFrom, int bLength) {
        byte[] all = new byte[aLength + bLength];
        System.arraycopy(a, aFrom, all, 0, aLength);
        System.arraycopy(b, bFrom, all, aLength, bLength);
        return all;
    }

    private void record(String label, Object value) {
        if (quiet > 0) {
            return;
        }
        if (log.size() < MAX_LOG_LINES) {
            log.add(label + ": " + value);
        } else {
            unloggedLines++;
        }
    }

    private String report(String name, long base, int index, int cases, Throwable failure) {
        StringBuilder r = new StringBuilder()
                .append("fuzz case ").append(index).append(" of ").append(cases).append(" failed: ").append(failure)
                .append("\n  test: ").append(name)
                .append("\n  replay: ./mvnw test -Dtest='").append(name.substring(name.lastIndexOf('.') + 1))
                .append("' -Dparley.fuzz.seed=").append(String.format("0x%x", base))
                .append(" -Dparley.fuzz.case=").append(index)
                .append("\n  inputs, in the order generated:");
        for (String line : log) {
            r.append("\n    ").append(line);
        }
        if (unloggedLines > 0) {
            r.append("\n    … ").append(unloggedLines).append(" more");
        }
        return r.toString();
    }

    /** The case's seed: base seed, test name and case number mixed (SplitMix64 finaliser). */
    private static long caseSeed(long base, String name, int index) {
        long z = base + name.hashCode() * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** {@code Class.method} of the test that called {@link #run}, to vary seeds per test and name it in reports. */
    private static String caller() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !f.getClassName().equals(Fuzz.class.getName()))
                .findFirst()
                .map(f -> f.getClassName() + "#" + f.getMethodName())
                .orElse("?"));
    }

    private static long seedProperty(String key, long fallback) {
        String value = System.getProperty(key, "").strip();
        if (value.isEmpty()) {
            return fallback;
        }
        return value.startsWith("0x") || value.startsWith("0X")
                ? Long.parseUnsignedLong(value.substring(2), 16)
                : Long.parseLong(value);
    }
}
