package org.parley.media.srtp;

import java.util.Locale;

/**
 * Measures what SRTP costs per packet, protect alone and protect + unprotect, at Opus sizes and at 1250
 * bytes, for one AES provider. Not a unit test and not JMH: a rough, repeatable number for sizing. The
 * provider is fixed per JVM (see {@link SrtpCryptoProvider}), so run one JVM per provider:
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(deps) org.parley.media.srtp.SrtpCostMain OPENSSL
 * </pre>
 */
final class SrtpCostMain {

    /** RTP packet sizes: Opus at ~32 kbit/s and ~64 kbit/s per 20 ms (plus header), and a video-sized packet. */
    private static final int[] PACKET_SIZES = {80, 180, 1250};
    private static final long WARMUP_NANOS = 300_000_000L;
    private static final long ROUND_NANOS = 150_000_000L;
    private static final int ROUNDS = 9;

    private SrtpCostMain() {
    }

    /** One measured configuration, with a session pair whose ROC and replay state stay in step. */
    private static final class Case {
        final SrtpProfile profile;
        final int size;
        final boolean unprotect;
        final SrtpSession sender;
        final SrtpSession receiver;
        final byte[] plain;
        final SrtpBuffer buf;
        final int[] seq = {0};
        final double[] rounds = new double[ROUNDS];

        Case(SrtpProfile profile, SrtpConfig config, int size, boolean unprotect) {
            this.profile = profile;
            this.size = size;
            this.unprotect = unprotect;
            SrtpSession[] pair = SrtpSessionTest.pair(profile, config);
            this.sender = pair[1];
            this.receiver = pair[0];
            this.plain = SrtpSessionTest.opusPacket(0, 0x5eed, size - SrtpSessionTest.OPUS_HEADER);
            this.buf = new SrtpBuffer(plain.length + 64);
        }

        double run(long budget) {
            long[] r = loop(sender, receiver, plain, buf, seq, unprotect, budget);
            return (double) r[1] / r[0];
        }
    }

    public static void main(String[] args) {
        SrtpCryptoProvider provider = args.length > 0 ? SrtpCryptoProvider.valueOf(args[0]) : null;
        SrtpConfig config = new SrtpConfig(8, provider);
        System.out.printf(Locale.ROOT, "provider=%s java=%s cpus=%d%n", SrtpCryptoProvider.install(provider),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        java.util.List<Case> cases = new java.util.ArrayList<>();
        for (SrtpProfile profile : SrtpProfile.values()) {
            for (int size : PACKET_SIZES) {
                cases.add(new Case(profile, config, size, false));
                cases.add(new Case(profile, config, size, true));
            }
        }
        for (Case c : cases) {
            c.run(WARMUP_NANOS);
        }
        // Interleaved rounds, so a burst of load from elsewhere hits every case alike.
        for (int r = 0; r < ROUNDS; r++) {
            for (Case c : cases) {
                c.rounds[r] = c.run(ROUND_NANOS);
            }
        }
        System.out.printf(Locale.ROOT, "%-24s %6s %-22s %10s %10s%n", "profile", "bytes", "operation", "min ns",
                "median ns");
        for (Case c : cases) {
            double[] sorted = c.rounds.clone();
            java.util.Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "%-24s %6d %-22s %10.0f %10.0f%n", c.profile, c.size,
                    c.unprotect ? "protect+unprotect" : "protect", sorted[0], sorted[ROUNDS / 2]);
        }
    }

    private static long[] loop(SrtpSession sender, SrtpSession receiver, byte[] plain, SrtpBuffer buf, int[] seq,
                               boolean unprotect, long budget) {
        long start = System.nanoTime();
        long n = 0;
        long elapsed;
        do {
            for (int k = 0; k < 256; k++) {
                System.arraycopy(plain, 0, buf.array(), 0, plain.length);
                int s = seq[0]++;
                buf.array()[2] = (byte) (s >>> 8);
                buf.array()[3] = (byte) s;
                buf.set(0, plain.length);
                if (sender.protectRtp(buf) != SrtpStatus.OK
                        || unprotect && receiver.unprotectRtp(buf) != SrtpStatus.OK) {
                    throw new IllegalStateException("SRTP failed at seq " + s);
                }
            }
            n += 256;
            elapsed = System.nanoTime() - start;
        } while (elapsed < budget);
        return new long[] {n, elapsed};
    }
}
