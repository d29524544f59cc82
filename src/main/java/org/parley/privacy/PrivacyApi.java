package org.parley.privacy;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import org.parley.accounts.AccountsConfig;

/**
 * {@code getPrivacy}: the facts of this deployment's privacy page ({@code /privacy}), read from its
 * configuration, so the page never says what the deployment does not do. Open to everyone, signed in
 * or not: people decide whether to join with it. The client words them in the reader's language.
 */
final class PrivacyApi {

    /** The answer, built once: the configuration does not change while a node runs. */
    private final Facts facts;

    /**
     * @param sessionDays        a log-in lasts this long without use
     * @param lastUsedMinutes    a session's "last used" is written at most this often
     * @param sessionNetworks    a session keeps its /24 or /48 (the operator's choice)
     * @param ipsRedactedInLogs  the logs mask the last part of addresses
     * @param exportHours        a finished export is kept this long
     * @param notificationDays   notifications are kept this long
     * @param invitationDays     an invitation link is valid this long
     * @param safetyBuffer       whether the deployment keeps any room audio (it does not: no buffer exists yet)
     * @param memberReadsPerSession, memberReadsPerIp, memberReadWindowSeconds the anti-scraping limits
     */
    record Facts(long sessionDays, long lastUsedMinutes, boolean sessionNetworks, boolean ipsRedactedInLogs,
                 long exportHours, long notificationDays, long invitationDays, boolean safetyBuffer,
                 boolean audioRecorded, String deletion, int memberReadsPerSession, int memberReadsPerIp,
                 long memberReadWindowSeconds) {}

    PrivacyApi(AccountsConfig accounts, boolean redactIps, PrivacyConfig privacy, Duration notificationsKept,
               Duration invitationTtl) {
        this.facts = new Facts(accounts.sessionTtl().toDays(), AccountsConfig.LAST_USED_INTERVAL.toMinutes(),
                accounts.sessionNetworks(), redactIps, privacy.exportTtl().toHours(), notificationsKept.toDays(),
                invitationTtl.toDays(), false, false, "immediate", privacy.memberReadsPerSession(),
                privacy.memberReadsPerIp(), privacy.memberReadWindow().toSeconds());
    }

    void routes(RoutesConfig routes) {
        routes.get("/api/privacy", this::getPrivacy);
    }

    void getPrivacy(Context ctx) {
        ctx.json(facts);
    }
}
