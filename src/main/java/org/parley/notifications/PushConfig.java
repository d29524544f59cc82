package org.parley.notifications;

import java.util.List;

/**
 * Web Push settings of a node (README, "Configuration").
 *
 * @param contact    the VAPID subject (RFC 8292 §2.1): a {@code mailto:} or {@code https:} URI push
 *                   services may use to reach the operator
 * @param devOrigins {@code http://} loopback origins accepted as push endpoints besides
 *                   {@code https://} ones: a local push service in tests and development
 */
public record PushConfig(String contact, List<String> devOrigins) {

    /** When nothing better is configured; push services accept it, Apple's may not. */
    public static final String DEFAULT_CONTACT = "mailto:operator@parley.invalid";

    public PushConfig {
        devOrigins = List.copyOf(devOrigins);
        if (!(contact.startsWith("mailto:") || contact.startsWith("https://"))) {
            throw new IllegalArgumentException("the push contact must be a mailto: or https: URI, got '" + contact + "'");
        }
        for (String origin : devOrigins) {
            if (!origin.matches("http://(127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}|\\[::1]|localhost)(:\\d{1,5})?")) {
                throw new IllegalArgumentException("a development push origin is http:// on loopback, got '" + origin + "'");
            }
        }
    }

    public static PushConfig defaults() {
        return new PushConfig(DEFAULT_CONTACT, List.of());
    }
}
