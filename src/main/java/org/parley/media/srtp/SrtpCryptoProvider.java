package org.parley.media.srtp;

import org.jitsi.srtp.crypto.Aes;
import org.jitsi.srtp.crypto.JitsiOpenSslProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AES implementations jitsi-srtp can use (its {@code Aes} cipher factories). The choice is global to
 * the JVM and, per cipher mode, final once the first context of that mode exists: jitsi-srtp caches it.
 * Without a choice jitsi-srtp benchmarks all providers (11,000 warm-up runs each) on first use, which
 * blocked for several seconds in measurements, so Parley always names one.
 *
 * <p>HMAC-SHA1 is chosen separately by jitsi-srtp (OpenSSL when its native library loads, else SunJCE),
 * and with OpenSSL loaded the GCM receive path uses OpenSSL's authenticate-only cipher whatever is chosen
 * here.
 */
public enum SrtpCryptoProvider {
    /**
     * OpenSSL (libcrypto 1.1 or 3) through jitsi-srtp's bundled JNI library: AES-NI, fastest for large
     * (video-sized) packets, but each call crosses JNI, which dominates at audio sizes.
     */
    OPENSSL("OpenSSL"),
    /**
     * The JDK's SunJCE provider: intrinsified AES-CTR and GCM on x86-64 and aarch64, no JNI crossing; the
     * fastest at audio sizes (see {@link #preferred()}).
     */
    SUN_JCE("SunJCE"),
    /** BouncyCastle's pure-Java AES: portable, slowest. */
    BOUNCY_CASTLE("BouncyCastle");

    private static final Logger LOG = LoggerFactory.getLogger(SrtpCryptoProvider.class);
    private static SrtpCryptoProvider installed;

    private final String factoryName;

    SrtpCryptoProvider(String factoryName) {
        this.factoryName = factoryName;
    }

    /**
     * SunJCE, always. Parley forwards Opus packets of ~80-200 bytes, and at those sizes SunJCE beat OpenSSL
     * in {@code SrtpCostMain} on JDK 25 (2026-11-22, 2 cores, x86-64: GCM protect 450 vs 710 ns at 80
     * bytes, 560 vs 740 ns at 180 bytes; AES-CM + HMAC-SHA1 650 vs 970 and 860 vs 1,470 ns), and even at
     * 1,250 bytes; the fixed JNI cost per call outweighs OpenSSL's faster bulk AES on small packets.
     * BouncyCastle's pure-Java AES was 3-5x slower. jitsi-srtp's own start-up benchmark uses 1,250-byte
     * buffers (and takes seconds), so it is not used. Re-measure with {@code SrtpCostMain} when the JDK
     * or jitsi-srtp changes.
     */
    public static SrtpCryptoProvider preferred() {
        return SUN_JCE;
    }

    /**
     * Installs {@code wanted} (or {@link #preferred()} if null) unless a provider is installed already, and
     * returns the one in effect. Later different wishes are logged and ignored: jitsi-srtp would ignore
     * them anyway once a cipher exists.
     */
    static synchronized SrtpCryptoProvider install(SrtpCryptoProvider wanted) {
        SrtpCryptoProvider p = wanted != null ? wanted : preferred();
        if (installed == null) {
            if (p == OPENSSL && !JitsiOpenSslProvider.isLoaded()) {
                LOG.warn("OpenSSL SRTP provider requested but jitsi-srtp's native library did not load; using SunJCE");
                p = SUN_JCE;
            }
            Aes.setFactoryClassName(p.factoryName);
            installed = p;
            LOG.info("SRTP AES provider: {}", p);
        } else if (wanted != null && wanted != installed) {
            LOG.warn("SRTP AES provider {} requested, but {} is already in use for this JVM", wanted, installed);
        }
        return installed;
    }

    /** The provider in effect, or {@code null} before the first session. */
    public static synchronized SrtpCryptoProvider installed() {
        return installed;
    }
}
