package org.parley.web;

import io.javalin.http.Context;

/** Where a request comes from and how it reached us, honouring a trusted reverse proxy. */
public final class ClientInfo {

    private final HttpConfig config;

    public ClientInfo(HttpConfig config) {
        this.config = config;
    }

    /** The client's IP address: the first X-Forwarded-For hop behind a trusted proxy, else the peer. */
    public String ip(Context ctx) {
        if (config.trustProxy()) {
            String forwarded = ctx.header("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                return forwarded.split(",")[0].trim();
            }
        }
        return ctx.req().getRemoteAddr();
    }

    /** True when the browser reached us over HTTPS, so cookies must be marked Secure. */
    public boolean secure(Context ctx) {
        if (config.publicUrl() != null && config.publicUrl().startsWith("https://")) {
            return true;
        }
        if (config.trustProxy() && "https".equalsIgnoreCase(ctx.header("X-Forwarded-Proto"))) {
            return true;
        }
        return "https".equalsIgnoreCase(ctx.scheme());
    }

    /** The origin people use to reach this node, e.g. {@code https://parley.example.org}. */
    public String publicOrigin(Context ctx) {
        if (config.publicUrl() != null) {
            return stripTrailingSlash(config.publicUrl());
        }
        String scheme = secure(ctx) ? "https" : "http";
        String host = config.trustProxy() && ctx.header("X-Forwarded-Host") != null
                ? ctx.header("X-Forwarded-Host") : ctx.host();
        return scheme + "://" + host;
    }

    /** An IP address fit for logs: the last part masked when redaction is on (the default). */
    public String loggable(String ip) {
        if (!config.redactIps() || ip == null) {
            return ip;
        }
        int cut = ip.contains(":") ? ip.lastIndexOf(':') : ip.lastIndexOf('.');
        return cut < 0 ? "***" : ip.substring(0, cut + 1) + "x";
    }

    static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
