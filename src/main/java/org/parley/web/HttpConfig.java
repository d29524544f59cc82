package org.parley.web;

/**
 * How Parley's HTTP edge behaves.
 *
 * @param publicUrl  the address people use to reach this node (invitation links, Secure cookies);
 *                   {@code null} derives it from each request's Host header
 * @param trustProxy whether X-Forwarded-For / X-Forwarded-Proto from a reverse proxy are believed
 * @param redactIps  whether client IP addresses are masked in logs
 */
public record HttpConfig(String publicUrl, boolean trustProxy, boolean redactIps) {

    /** Largest request body accepted, in bytes: profiles and forms are tiny. */
    public static final long MAX_REQUEST_BYTES = 64 * 1024;
}
