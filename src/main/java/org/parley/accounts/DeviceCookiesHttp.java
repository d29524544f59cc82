package org.parley.accounts;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.parley.kernel.Tokens;
import org.parley.web.ClientInfo;
import org.parley.web.Cookies;

/**
 * Device cookies (OWASP "Slow Brute Force Protection with Device Cookies"): a browser that signed in
 * to an account once carries a long-lived cookie naming (member, device), signed by the server. When
 * password guessing has locked the account, that browser can still sign in, so an attacker who only
 * knows a username cannot lock its owner out ({@link LoginThrottleHttp}).
 *
 * <pre>
 *   parley_device = v1.&lt;member id&gt;.&lt;device id: 128 random bits&gt;.&lt;HMAC-SHA256(key, "v1.member.device")&gt;
 * </pre>
 * Base64 is URL-safe without padding. The cookie grants nothing by itself: it only lets its browser
 * keep trying passwords, at the same rate, when others are refused.
 */
final class DeviceCookiesHttp {

    static final String COOKIE = "parley_device";
    /** A year: long enough to cover the gaps between log-ins; browsers cap cookies at 400 days. */
    static final Duration MAX_AGE = Duration.ofDays(365);
    private static final String VERSION = "v1";
    private static final Pattern FORMAT = Pattern.compile("v1\\.([1-9][0-9]{0,17})\\.([A-Za-z0-9_-]{22})\\.([A-Za-z0-9_-]{43})");

    /** A device that signed in to {@code memberId} before. */
    record Device(long memberId, String deviceId) {}

    private final SecretKeySpec key;
    private final ClientInfo client;

    DeviceCookiesHttp(byte[] key, ClientInfo client) {
        this.key = new SecretKeySpec(key, "HmacSHA256");
        this.client = client;
    }

    /** Uses the key in {@code dataDir}, made on first start ({@link DeviceKey}). */
    static DeviceCookiesHttp load(Path dataDir, ClientInfo client) {
        return new DeviceCookiesHttp(DeviceKey.load(dataDir), client);
    }

    /** The request's device, when its cookie is genuine and names {@code memberId}. */
    Optional<Device> known(Context ctx, long memberId) {
        return parse(ctx.cookie(COOKIE)).filter(d -> d.memberId() == memberId);
    }

    /** After a successful log-in: keeps the browser's device for this member, or names a new one. */
    void issue(Context ctx, long memberId) {
        String deviceId = known(ctx, memberId).map(Device::deviceId).orElseGet(() -> Tokens.random(16));
        Cookies.set(ctx, COOKIE, value(new Device(memberId, deviceId)), MAX_AGE, true, client.secure(ctx));
    }

    String value(Device device) {
        String payload = VERSION + "." + device.memberId() + "." + device.deviceId();
        return payload + "." + encode(mac(payload));
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    Optional<Device> parse(String cookie) {
        if (cookie == null || cookie.length() > 100) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(cookie);
        if (!m.matches()) {
            return Optional.empty();
        }
        String payload = VERSION + "." + m.group(1) + "." + m.group(2);
        // Compared as text, so the one canonical encoding is the only one accepted (the last of 43
        // characters holds 2 unused bits), and in constant time: how much of a forged MAC matches
        // must not show in the answer's timing.
        if (!Tokens.constantTimeEquals(encode(mac(payload)), m.group(3))) {
            return Optional.empty();
        }
        return Optional.of(new Device(Long.parseLong(m.group(1)), m.group(2)));
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
