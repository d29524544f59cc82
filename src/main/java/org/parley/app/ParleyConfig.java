package org.parley.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.parley.accounts.AccountsConfig;
import org.parley.invites.InvitesConfig;
import org.parley.media.FanOutConfig;
import org.parley.media.MediaServer;
import org.parley.media.TurnConfig;
import org.parley.media.dtls.DtlsConfig;
import org.parley.media.forward.ForwardConfig;
import org.parley.media.transport.MediaConfig;
import org.parley.notifications.PushConfig;
import org.parley.privacy.PrivacyConfig;
import org.parley.rooms.RoomsConfig;
import org.parley.storage.DatabaseConfig;
import org.parley.web.HttpConfig;

/**
 * All of a node's configuration, read from {@code PARLEY_*} environment variables and, when
 * {@code PARLEY_CONFIG} names one, a properties file with the same keys (the environment wins).
 * Every key, with its default, is listed in README.md; {@link Key} is the single source of both.
 */
public record ParleyConfig(String host, int port, Path dataDir, HttpConfig http, DatabaseConfig database,
                           AccountsConfig accounts, InvitesConfig invites, RoomsConfig rooms, MediaServer.Config media,
                           String metricsToken, TurnConfig turn, PushConfig push, PrivacyConfig privacy) {

    /** Every configuration key with its default ({@code null}: unset) and meaning. */
    public enum Key {
        PARLEY_HOST("0.0.0.0", "Address the HTTP server binds to; 127.0.0.1 keeps it to this machine."),
        PARLEY_PORT("8080", "HTTP port for the web client and API."),
        PARLEY_DATA_DIR("./data", "Folder for the embedded database and runtime files."),
        PARLEY_PUBLIC_URL(null, "Address people use to reach Parley, e.g. https://parley.example.org; used in invitation links; https:// makes cookies Secure and adds HSTS (max-age=31536000) to every response. Unset: taken from each request (and http://localhost:PORT on the command line)."),
        PARLEY_TRUST_PROXY("false", "Believe X-Forwarded-For/-Proto/-Host from a reverse proxy in front of Parley."),
        PARLEY_REDACT_IPS("true", "Mask the last part of client IP addresses in logs."),
        PARLEY_DATABASE_URL(null, "JDBC URL of a PostgreSQL database, e.g. jdbc:postgresql://127.0.0.1:5432/parley. Unset: the embedded SQLite database PARLEY_DATA_DIR/parley.db."),
        PARLEY_DATABASE_USER("parley", "Database user (PostgreSQL)."),
        PARLEY_DATABASE_PASSWORD("", "Database password (PostgreSQL)."),
        PARLEY_DATABASE_POOL_SIZE(String.valueOf(DatabaseConfig.DEFAULT_POOL_SIZE), "Maximum database connections of this node."),
        PARLEY_INVITES_PER_MEMBER(String.valueOf(InvitesConfig.DEFAULT_PER_MEMBER), "Invitations each member may hold (pending or used); administrators are unlimited."),
        PARLEY_INVITE_TTL_DAYS(String.valueOf(InvitesConfig.DEFAULT_TTL.toDays()), "Days an invitation link stays valid."),
        PARLEY_SESSION_TTL_DAYS(String.valueOf(AccountsConfig.DEFAULT_SESSION_TTL.toDays()), "Days a log-in lasts without use."),
        PARLEY_SESSION_NETWORKS(String.valueOf(AccountsConfig.DEFAULT_SESSION_NETWORKS), "Keep each session's network (the client's IP cut to its /24 or /48) and show it in the member's signed-in devices as the approximate place. Off: nothing of the IP is kept with a session (the privacy page says which)."),
        PARLEY_AUTH_ATTEMPTS_PER_IP(String.valueOf(AccountsConfig.DEFAULT_AUTH_ATTEMPTS_PER_IP), "Log-in and sign-up attempts allowed per IP address per window."),
        PARLEY_AUTH_FAILURES_PER_ACCOUNT(String.valueOf(AccountsConfig.DEFAULT_AUTH_FAILURES_PER_ACCOUNT), "Wrong passwords allowed per account per window; past it only browsers with the member's device cookie may keep trying (each with a budget of this size)."),
        PARLEY_AUTH_WINDOW_SECONDS(String.valueOf(AccountsConfig.DEFAULT_AUTH_WINDOW.toSeconds()), "Length of the rate-limit window in seconds."),
        PARLEY_EXPORT_HOURS(String.valueOf(PrivacyConfig.DEFAULT_EXPORT_TTL.toHours()), "Hours a member's finished data export can be downloaded before it is deleted."),
        PARLEY_MEMBER_READS_PER_SESSION(String.valueOf(PrivacyConfig.DEFAULT_MEMBER_READS_PER_SESSION), "Reads of profiles and member lists (followers, following, delegates; the invitation tree counts " + "20) one session may make per window; past it: 429 with Retry-After. Stops scraping."),
        PARLEY_MEMBER_READS_PER_IP(String.valueOf(PrivacyConfig.DEFAULT_MEMBER_READS_PER_IP), "The same reads from one IP address per window, whoever is signed in."),
        PARLEY_MEMBER_READ_WINDOW_SECONDS(String.valueOf(PrivacyConfig.DEFAULT_MEMBER_READ_WINDOW.toSeconds()), "Length of the member-read window in seconds."),
        PARLEY_ROOM_CAPACITY(String.valueOf(RoomsConfig.DEFAULT_CAPACITY), "Most members in one room on this node."),
        PARLEY_PRESENCE_GRACE_SECONDS(String.valueOf(RoomsConfig.DEFAULT_PRESENCE_GRACE.toSeconds()), "Seconds a member whose connection dropped stays in a room (shown as away) before removal."),
        PARLEY_MEDIA_PORT(String.valueOf(MediaConfig.DEFAULT_PORT), "The one UDP port for all audio (ICE, DTLS, SRTP); 0 picks a free one."),
        PARLEY_MEDIA_BIND("0.0.0.0", "Address the media socket binds to."),
        PARLEY_MEDIA_ADDRESSES(null, "Comma-separated addresses advertised to browsers as ICE candidates, e.g. the public IP of a server behind 1:1 NAT. Unset: the bind address, or every interface address."),
        PARLEY_MEDIA_CONSENT_SECONDS(String.valueOf(MediaConfig.DEFAULT_CONSENT_TIMEOUT.toSeconds()), "Seconds without a valid connectivity check before an audio leg is dropped (RFC 7675)."),
        PARLEY_MEDIA_SLOTS(String.valueOf(ForwardConfig.DEFAULT_SLOTS), "Loudest speakers each listener receives at once."),
        PARLEY_MEDIA_SENDER_THREADS(null, "Threads that encrypt and send forwarded audio; each listener's leg belongs to one. Unset: one per core, 2 to 4."),
        PARLEY_MEDIA_SOCKET("auto", "UDP stack of the media port: linux (batched sendmmsg/recvmmsg through Java's FFM API; Linux, Java 22+), nio (java.nio, one system call per packet), or auto (linux where it loads, else nio; the log says which)."),
        PARLEY_TURN_URLS(null, "Comma-separated TURN URLs handed to browsers behind UDP-blocking firewalls, e.g. turn:turn.example.org:3478?transport=udp,turns:turn.example.org:5349. Unset: no TURN."),
        PARLEY_TURN_SECRET(null, "The TURN server's shared secret (coturn static-auth-secret); clients get short-lived credentials derived from it."),
        PARLEY_PUSH_CONTACT(null, "VAPID contact for Web Push services (RFC 8292): a mailto: or https: address where a push service's operator can reach you. Unset: PARLEY_PUBLIC_URL when it is https://, else " + PushConfig.DEFAULT_CONTACT + " (Apple's push service may refuse that)."),
        PARLEY_PUSH_DEV_ORIGINS(null, "Comma-separated http:// loopback origins (e.g. http://127.0.0.1:8099) accepted as Web Push endpoints besides https:// ones: a local push service for tests and development only."),
        PARLEY_METRICS_TOKEN(null, "Bearer token that lets non-loopback callers read /metrics. Unset: loopback only."),
        PARLEY_LOG_LEVEL("INFO", "Log level: ERROR, WARN, INFO, DEBUG or TRACE."),
        PARLEY_CONFIG(null, "Optional properties file with any of these keys; environment variables override it.");

        public final String defaultValue;
        public final String description;

        Key(String defaultValue, String description) {
            this.defaultValue = defaultValue;
            this.description = description;
        }
    }

    /** A configuration value that cannot be used; the message says which and why. */
    public static final class InvalidConfigException extends RuntimeException {
        InvalidConfigException(String message) {
            super(message);
        }
    }

    public static ParleyConfig fromEnvironment() {
        return load(System.getenv());
    }

    public static ParleyConfig load(Map<String, String> env) {
        Map<String, String> values = new HashMap<>();
        String file = env.get(Key.PARLEY_CONFIG.name());
        if (file != null && !file.isBlank()) {
            values.putAll(readFile(Path.of(file)));
        }
        env.forEach((k, v) -> {
            if (k.startsWith("PARLEY_")) {
                values.put(k, v);
            }
        });
        return from(new Values(values));
    }

    private static ParleyConfig from(Values v) {
        Path dataDir = Path.of(v.string(Key.PARLEY_DATA_DIR));
        String publicUrl = v.string(Key.PARLEY_PUBLIC_URL);
        if (publicUrl != null && !publicUrl.matches("https?://[^\\s/]+(/[^\\s]*)?")) {
            throw new InvalidConfigException("PARLEY_PUBLIC_URL must be an http:// or https:// URL, got '" + publicUrl + "'");
        }
        var http = new HttpConfig(publicUrl == null ? null : publicUrl.replaceAll("/+$", ""),
                v.bool(Key.PARLEY_TRUST_PROXY), v.bool(Key.PARLEY_REDACT_IPS));
        var database = new DatabaseConfig(v.string(Key.PARLEY_DATABASE_URL), v.string(Key.PARLEY_DATABASE_USER),
                v.string(Key.PARLEY_DATABASE_PASSWORD), v.integer(Key.PARLEY_DATABASE_POOL_SIZE, 1, 1000), dataDir);
        var accounts = new AccountsConfig(Duration.ofDays(v.integer(Key.PARLEY_SESSION_TTL_DAYS, 1, 3650)),
                v.integer(Key.PARLEY_AUTH_ATTEMPTS_PER_IP, 1, 1_000_000),
                v.integer(Key.PARLEY_AUTH_FAILURES_PER_ACCOUNT, 1, 1_000_000),
                Duration.ofSeconds(v.integer(Key.PARLEY_AUTH_WINDOW_SECONDS, 1, 86_400)),
                v.bool(Key.PARLEY_SESSION_NETWORKS));
        var invites = new InvitesConfig(v.integer(Key.PARLEY_INVITES_PER_MEMBER, 0, 1_000_000),
                Duration.ofDays(v.integer(Key.PARLEY_INVITE_TTL_DAYS, 1, 3650)));
        var rooms = new RoomsConfig(v.integer(Key.PARLEY_ROOM_CAPACITY, 2, 1_000_000),
                Duration.ofSeconds(v.integer(Key.PARLEY_PRESENCE_GRACE_SECONDS, 1, 86_400)));
        var media = new MediaServer.Config(new MediaConfig(v.integer(Key.PARLEY_MEDIA_PORT, 0, 65_535),
                v.address(Key.PARLEY_MEDIA_BIND), v.addresses(Key.PARLEY_MEDIA_ADDRESSES),
                Duration.ofSeconds(v.integer(Key.PARLEY_MEDIA_CONSENT_SECONDS, 1, 3600)), udpChoice(v)), DtlsConfig.defaults(),
                // RFC 6464's voice-activity bit is not trusted: browsers set it from their own VAD,
                // which would silence music and tones; the level alone decides.
                ForwardConfig.defaults().withSlots(v.integer(Key.PARLEY_MEDIA_SLOTS, 1, 8)).withHonourVoiceActivity(false))
                .withFanOut(FanOutConfig.defaults().withSenderThreads(v.string(Key.PARLEY_MEDIA_SENDER_THREADS) == null
                        ? FanOutConfig.defaultSenderThreads() : v.integer(Key.PARLEY_MEDIA_SENDER_THREADS, 1, 64)));
        return new ParleyConfig(v.string(Key.PARLEY_HOST), v.integer(Key.PARLEY_PORT, 0, 65_535), dataDir,
                http, database, accounts, invites, rooms, media, v.string(Key.PARLEY_METRICS_TOKEN), turn(v),
                push(v, http.publicUrl()), new PrivacyConfig(Duration.ofHours(v.integer(Key.PARLEY_EXPORT_HOURS, 1, 24 * 30)),
                v.integer(Key.PARLEY_MEMBER_READS_PER_SESSION, 1, 1_000_000), v.integer(Key.PARLEY_MEMBER_READS_PER_IP, 1, 1_000_000),
                Duration.ofSeconds(v.integer(Key.PARLEY_MEMBER_READ_WINDOW_SECONDS, 1, 86_400))));
    }

    private static PushConfig push(Values v, String publicUrl) {
        String contact = v.string(Key.PARLEY_PUSH_CONTACT);
        if (contact == null) {
            contact = publicUrl != null && publicUrl.startsWith("https://") ? publicUrl : PushConfig.DEFAULT_CONTACT;
        }
        String origins = v.string(Key.PARLEY_PUSH_DEV_ORIGINS);
        try {
            return new PushConfig(contact, origins == null || origins.isBlank() ? java.util.List.of()
                    : java.util.Arrays.stream(origins.split(",")).map(String::trim).filter(o -> !o.isEmpty()).toList());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("PARLEY_PUSH_CONTACT/PARLEY_PUSH_DEV_ORIGINS: " + e.getMessage());
        }
    }

    private static org.parley.media.udp.UdpStack.Choice udpChoice(Values v) {
        try {
            return org.parley.media.udp.UdpStack.Choice.parse(v.string(Key.PARLEY_MEDIA_SOCKET));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("PARLEY_MEDIA_SOCKET: " + e.getMessage());
        }
    }

    private static TurnConfig turn(Values v) {
        String urls = v.string(Key.PARLEY_TURN_URLS);
        java.util.List<String> list = urls == null || urls.isBlank() ? java.util.List.of()
                : java.util.Arrays.stream(urls.split(",")).map(String::trim).filter(u -> !u.isEmpty()).toList();
        try {
            return new TurnConfig(list, v.string(Key.PARLEY_TURN_SECRET), TurnConfig.DEFAULT_TTL);
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigException("PARLEY_TURN_URLS/PARLEY_TURN_SECRET: " + e.getMessage());
        }
    }

    /** A copy with another port, host and data folder (used by tests and tools). */
    public ParleyConfig withEndpoint(String newHost, int newPort, Path newDataDir) {
        var db = new DatabaseConfig(database.url(), database.user(), database.password(), database.poolSize(), newDataDir);
        return new ParleyConfig(newHost, newPort, newDataDir, http, db, accounts, invites, rooms, media, metricsToken, turn, push,
                privacy);
    }

    private static Map<String, String> readFile(Path file) {
        var props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        } catch (IOException e) {
            throw new InvalidConfigException("Cannot read PARLEY_CONFIG file " + file + ": " + e.getMessage());
        }
        Map<String, String> map = new HashMap<>();
        props.forEach((k, val) -> map.put(k.toString(), val.toString()));
        return map;
    }

    private record Values(Map<String, String> map) {
        String string(Key key) {
            String value = map.get(key.name());
            return value == null || value.isEmpty() && key.defaultValue == null ? key.defaultValue : value;
        }

        boolean bool(Key key) {
            String value = string(key).trim().toLowerCase();
            return switch (value) {
                case "true", "yes", "1", "on" -> true;
                case "false", "no", "0", "off" -> false;
                default -> throw new InvalidConfigException(key + " must be true or false, got '" + value + "'");
            };
        }

        java.net.InetAddress address(Key key) {
            String value = string(key).trim();
            if (!value.matches("[0-9A-Fa-f:.]+")) {
                throw new InvalidConfigException(key + " must be an IP address, got '" + value + "'");
            }
            try {
                return java.net.InetAddress.getByName(value);
            } catch (java.net.UnknownHostException e) {
                throw new InvalidConfigException(key + " must be an IP address, got '" + value + "'");
            }
        }

        java.util.List<java.net.InetAddress> addresses(Key key) {
            String value = string(key);
            if (value == null || value.isBlank()) {
                return java.util.List.of();
            }
            java.util.List<java.net.InetAddress> list = new java.util.ArrayList<>();
            for (String part : value.split(",")) {
                list.add(new Values(Map.of(key.name(), part.trim())).address(key));
            }
            return list;
        }

        int integer(Key key, int min, int max) {
            String value = string(key).trim();
            try {
                int parsed = Integer.parseInt(value);
                if (parsed < min || parsed > max) {
                    throw new InvalidConfigException(key + " must be between " + min + " and " + max + ", got " + parsed);
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw new InvalidConfigException(key + " must be a whole number, got '" + value + "'");
            }
        }
    }
}
