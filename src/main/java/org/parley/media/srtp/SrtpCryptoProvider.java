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
    /** OpenSSL (libcrypto 1.1 or 3) through jitsi-srtp's bundled JNI library: AES-NI, fastest. */
    OPENSSL("OpenSSL"),
    /** The JDK's SunJCE provider: intrinsified AES-CTR and GCM on x86-64 and aarch64. */
    SUN_JCE("SunJCE"),
    /** BouncyCastle's pure-Java AES: portable, slowest. */
    BOUNCY_CASTLE("BouncyCastle");

    private static final Logger LOG = LoggerFactory.getLogger(SrtpCryptoProvider.class);
    private static SrtpCryptoProvider installed;

    private final String factoryName;

    SrtpCryptoProvider(String factoryName) {
        this.factoryName = factoryName;
    }

    /** OpenSSL if jitsi-srtp's native library loaded on this machine, else SunJCE. */
    public static SrtpCryptoProvider preferred() {
        return JitsiOpenSslProvider.isLoaded() ? OPENSSL : SUN_JCE;
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
