package org.parley.notifications.webpush;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Voluntary Application Server Identification (RFC 8292): the server signs a short JWT for each
 * push service it talks to, so a subscription made with its public key (the browser's
 * {@code applicationServerKey}) cannot be used by anyone else.
 *
 * <pre>
 * Authorization: vapid t=&lt;JWT&gt;, k=&lt;public key, 65 bytes, base64url&gt;      (RFC 8292 §3)
 * JWT = base64url({"typ":"JWT","alg":"ES256"}) . base64url({"aud","exp","sub"}) . base64url(r ‖ s)
 * </pre>
 *
 * @param subject how the push service's operator can reach this server's: a {@code mailto:} or
 *                {@code https:} URI (RFC 8292 §2.1)
 */
public record Vapid(KeyPair keys, String subject) {

    /** RFC 8292 §2: {@code exp} must be no more than 24 hours away; 12 hours leaves room for clock skew. */
    public static final Duration LIFETIME = Duration.ofHours(12);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = P256.base64Url("{\"typ\":\"JWT\",\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8));

    public Vapid {
        if (!(subject.startsWith("mailto:") || subject.startsWith("https://"))) {
            throw new IllegalArgumentException("a VAPID subject is a mailto: or https: URI");
        }
    }

    /** The public key browsers subscribe with ({@code applicationServerKey}), base64url. */
    public String publicKey() {
        return P256.base64Url(P256.encode((ECPublicKey) keys.getPublic()));
    }

    /** The {@code Authorization} header for a push to {@code endpoint}, valid until {@code now + LIFETIME}. */
    public String authorization(URI endpoint, Instant now) {
        return "vapid t=" + token(origin(endpoint), now.plus(LIFETIME)) + ", k=" + publicKey();
    }

    /** RFC 8292 §2: the audience is the push resource's origin (scheme, host, and a port only if not the default). */
    public static String origin(URI endpoint) {
        int port = endpoint.getPort();
        boolean defaultPort = port == -1 || ("https".equals(endpoint.getScheme()) && port == 443)
                || ("http".equals(endpoint.getScheme()) && port == 80);
        return endpoint.getScheme() + "://" + endpoint.getHost() + (defaultPort ? "" : ":" + port);
    }

    private String token(String audience, Instant expiry) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", audience);
        claims.put("exp", expiry.getEpochSecond());
        claims.put("sub", subject);
        try {
            String signed = HEADER + "." + P256.base64Url(JSON.writeValueAsBytes(claims));
            // RFC 7518 §3.4: ES256's signature is r ‖ s, 32 bytes each, not DER.
            Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
            es256.initSign(keys.getPrivate());
            es256.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + P256.base64Url(es256.sign());
        } catch (GeneralSecurityException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot sign a VAPID token", e);
        }
    }
}
