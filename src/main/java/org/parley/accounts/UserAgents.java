package org.parley.accounts;

/**
 * The browser and operating system a User-Agent header names, in the coarse words the signed-in
 * devices list shows ("Firefox", "Android"). Only these two labels are stored, never the header: it
 * identifies a browser far more finely than a member needs to recognise their device.
 *
 * <p>Order matters: Chromium-based browsers also say "Chrome" and "Safari", Edge and Opera say
 * "Chrome", iPadOS may claim to be a Mac.
 */
final class UserAgents {

    /** What a header that names nothing known is shown as. */
    static final String UNKNOWN = "unknown";

    private UserAgents() {}

    static String browser(String ua) {
        if (ua == null || ua.isBlank()) {
            return UNKNOWN;
        }
        if (ua.contains("Edg/") || ua.contains("EdgA/") || ua.contains("EdgiOS/")) {
            return "Edge";
        }
        if (ua.contains("OPR/") || ua.contains("Opera")) {
            return "Opera";
        }
        if (ua.contains("SamsungBrowser/")) {
            return "Samsung Internet";
        }
        if (ua.contains("Firefox/") || ua.contains("FxiOS/")) {
            return "Firefox";
        }
        if (ua.contains("Chromium/")) {
            return "Chromium";
        }
        if (ua.contains("Chrome/") || ua.contains("CriOS/")) {
            return "Chrome";
        }
        if (ua.contains("Safari/") && ua.contains("Version/")) {
            return "Safari";
        }
        return UNKNOWN;
    }

    static String os(String ua) {
        if (ua == null || ua.isBlank()) {
            return UNKNOWN;
        }
        if (ua.contains("Android")) {
            return "Android";
        }
        if (ua.contains("iPhone") || ua.contains("iPod")) {
            return "iOS";
        }
        if (ua.contains("iPad")) {
            return "iPadOS";
        }
        if (ua.contains("CrOS")) {
            return "ChromeOS";
        }
        if (ua.contains("Windows")) {
            return "Windows";
        }
        if (ua.contains("Mac OS X") || ua.contains("Macintosh")) {
            return "macOS";
        }
        if (ua.contains("Linux") || ua.contains("X11")) {
            return "Linux";
        }
        return UNKNOWN;
    }

    /**
     * The network an address belongs to, as the devices list may show it: IPv4 cut to its /24
     * ({@code 203.0.113.0/24}), IPv6 to its /48 ({@code 2001:db8:1::/48}). There is no GeoIP data on a
     * Parley node, so this is the "approximate place" (docs/operations.md).
     */
    static String network(String ip) {
        // Only literals: the pattern keeps getByName from ever asking DNS.
        if (ip == null || !ip.strip().matches("[0-9A-Fa-f:.]{2,45}")) {
            return null;
        }
        try {
            byte[] a = java.net.InetAddress.getByName(ip.strip()).getAddress();
            if (a.length == 4) {
                return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + ".0/24";
            }
            return String.format("%x:%x:%x::/48", ((a[0] & 0xff) << 8) | (a[1] & 0xff),
                    ((a[2] & 0xff) << 8) | (a[3] & 0xff), ((a[4] & 0xff) << 8) | (a[5] & 0xff));
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }
}
