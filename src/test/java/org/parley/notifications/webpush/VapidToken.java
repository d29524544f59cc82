package org.parley.notifications.webpush;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.util.regex.Pattern;

/**
 * A push service's reading of {@code Authorization: vapid t=…, k=…} (RFC 8292 §3): the claims, and
 * whether the ES256 signature verifies with the key the header names. Used by the tests' push endpoint.
 */
public record VapidToken(String publicKey, JsonNode header, JsonNode claims, boolean verifies) {

    private static final Pattern VAPID = Pattern.compile("vapid t=([\\w-]+\\.[\\w-]+\\.[\\w-]+), k=([\\w-]+)");
    private static final ObjectMapper JSON = new ObjectMapper();

    public static VapidToken parse(String authorization) {
        var m = VAPID.matcher(authorization == null ? "" : authorization);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a VAPID authorization: " + authorization);
        }
        String[] parts = m.group(1).split("\\.");
        try {
            Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
            es256.initVerify(P256.publicKey(P256.fromBase64Url(m.group(2))));
            es256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            boolean ok = es256.verify(P256.fromBase64Url(parts[2]));
            return new VapidToken(m.group(2), JSON.readTree(P256.fromBase64Url(parts[0])),
                    JSON.readTree(P256.fromBase64Url(parts[1])), ok);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
