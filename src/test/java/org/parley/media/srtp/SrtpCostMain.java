package org.parley.media.srtp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Measures what SRTP costs per packet, protect alone and protect + unprotect, at Opus sizes and at 1250
 * bytes: jitsi-srtp's AES-GCM, jitsi-srtp's AES-CM and Parley's AES-CM ({@link AesCmRtp}). Each case
 * cycles through {@code legs} session pairs, one packet each in turn, as the fan-out does, so the numbers
 * include fetching each leg's crypto state (with 1,000 legs it no longer fits the caches). Not a unit test
 * and not JMH: a rough, repeatable number for sizing, cases interleaved round by round so a burst of load
 * from elsewhere hits all alike. jitsi-srtp's AES provider is fixed per JVM (see {@link SrtpCryptoProvider}):
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$(deps) org.parley.media.srtp.SrtpCostMain [SUN_JCE|OPENSSL] [legs]
 * </pre>
 */
final class SrtpCostMain {

    /** RTP packet sizes: Opus at ~32 kbit/s and ~64 kbit/s per 20 ms (plus header), and a video-sized packet. */
    private static final int[] PACKET_SIZES = {80, 180, 1250};
    private static final long WARMUP_NANOS = 500_000_000L;
    private static final long ROUND_NANOS = 200_000_000L;
    private static final int ROUNDS = 9;

    private SrtpCostMain() {
    }

    /** One measured configuration: session pairs whose ROC and replay state stay in step. */
    private static final class Case {
        final String name;
        final int size;
        final boolean unprotect;
        final SrtpSession[] senders;
        final SrtpSession[] receivers;
        final byte[] plain;
        final SrtpBuffer buf;
        int seq;
        int next;
        final double[] rounds = new double[ROUNDS];

        Case(String name, SrtpProfile profile, SrtpConfig config, int legs, int size, boolean unprotect) {
            this.name = name;
            this.size = size;
            this.unprotect = unprotect;
            this.senders = new SrtpSession[legs];
            this.receivers = new SrtpSession[legs];
            java.util.Random random = new java.util.Random(legs);
            for (int i = 0; i < legs; i++) {
                byte[] material = new byte[2 * (profile.keyLength() + profile.saltLength())];
                random.nextBytes(material);
                senders[i] = SrtpSession.fromKeyingMaterial(profile, material, SrtpRole.SERVER, config);
                receivers[i] = SrtpSession.fromKeyingMaterial(profile, material, SrtpRole.CLIENT, config);
            }
            this.plain = SrtpSessionTest.opusPacket(0, 0x5eed, size - SrtpSessionTest.OPUS_HEADER);
            this.buf = new SrtpBuffer(plain.length + 64);
        }

        /** Nanoseconds per packet over about {@code budget}. */
        double run(long budget) {
            long start = System.nanoTime();
            long n = 0;
            long elapsed;
            do {
                for (int k = 0; k < 256; k++) {
                    int leg = next;
                    if (++next == senders.length) {
                        next = 0;
                        seq++; // every leg got this sequence number: the next round uses the next one
                    }
                    byte[] a = buf.array();
                    System.arraycopy(plain, 0, a, 0, plain.length);
                    a[2] = (byte) (seq >>> 8);
                    a[3] = (byte) seq;
                    buf.set(0, plain.length);
                    if (senders[leg].protectRtp(buf) != SrtpStatus.OK
                            || unprotect && receivers[leg].unprotectRtp(buf) != SrtpStatus.OK) {
                        throw new IllegalStateException(name + ": SRTP failed at seq " + seq);
                    }
                }
                n += 256;
                elapsed = System.nanoTime() - start;
            } while (elapsed < budget);
            return (double) elapsed / n;
        }
    }

    public static void main(String[] args) {
        SrtpCryptoProvider provider = args.length > 0 ? SrtpCryptoProvider.valueOf(args[0]) : null;
        int legs = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        System.out.printf(Locale.ROOT, "jitsi-provider=%s legs=%d java=%s cpus=%d%n", SrtpCryptoProvider.install(provider),
                legs, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        List<Case> cases = new ArrayList<>();
        for (int size : PACKET_SIZES) {
            for (boolean unprotect : new boolean[] {false, true}) {
                cases.add(new Case("jitsi AEAD_AES_128_GCM", SrtpProfile.AEAD_AES_128_GCM,
                        new SrtpConfig(8, provider, false), legs, size, unprotect));
                cases.add(new Case("jitsi AES_CM_HMAC_SHA1_80", SrtpProfile.AES_CM_128_HMAC_SHA1_80,
                        new SrtpConfig(8, provider, false), legs, size, unprotect));
                cases.add(new Case("parley AES_CM_HMAC_SHA1_80", SrtpProfile.AES_CM_128_HMAC_SHA1_80,
                        new SrtpConfig(8, provider, true), legs, size, unprotect));
            }
        }
        for (Case c : cases) {
            c.run(WARMUP_NANOS);
        }
        for (int r = 0; r < ROUNDS; r++) {
            for (Case c : cases) {
                c.rounds[r] = c.run(ROUND_NANOS);
            }
        }
        System.out.printf(Locale.ROOT, "%-27s %6s %-18s %8s %10s%n", "implementation", "bytes", "operation", "min ns",
                "median ns");
        for (Case c : cases) {
            double[] sorted = c.rounds.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "%-27s %6d %-18s %8.0f %10.0f%n", c.name, c.size,
                    c.unprotect ? "protect+unprotect" : "protect", sorted[0], sorted[ROUNDS / 2]);
        }
    }
}
