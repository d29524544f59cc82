package org.parley.privacy;

import java.time.Duration;

/**
 * A member's data: how long an export is kept, and the read limits that keep profiles and member lists
 * from being scraped (docs/operations.md).
 *
 * @param exportTtl               how long a finished export can be downloaded before it is deleted
 * @param memberReadsPerSession   reads of profiles and member lists one signed-in session may make per window
 * @param memberReadsPerIp        the same reads from one IP address per window, whoever makes them
 * @param memberReadWindow        the window both limits count in
 */
public record PrivacyConfig(Duration exportTtl, int memberReadsPerSession, int memberReadsPerIp, Duration memberReadWindow) {

    /** A day: long enough to download on another device, short enough that a forgotten archive goes. */
    public static final Duration DEFAULT_EXPORT_TTL = Duration.ofHours(24);
    /**
     * 300 a minute per session: browsing quickly through profiles and lists is a few dozen a minute;
     * walking the network member by member needs thousands.
     */
    public static final int DEFAULT_MEMBER_READS_PER_SESSION = 300;
    /** Several people behind one NAT browse at once; one scraper with many accounts is still capped. */
    public static final int DEFAULT_MEMBER_READS_PER_IP = 600;
    public static final Duration DEFAULT_MEMBER_READ_WINDOW = Duration.ofMinutes(1);

    public static PrivacyConfig defaults() {
        return new PrivacyConfig(DEFAULT_EXPORT_TTL, DEFAULT_MEMBER_READS_PER_SESSION, DEFAULT_MEMBER_READS_PER_IP,
                DEFAULT_MEMBER_READ_WINDOW);
    }
}
