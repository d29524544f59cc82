package org.parley.privacy;

import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.parley.accounts.AccountsConfig;
import org.parley.accounts.AccountsModule;
import org.parley.invites.InvitesConfig;
import org.parley.module.Housekeeping;
import org.parley.module.Module;
import org.parley.module.PersonalData;
import org.parley.notifications.NotificationsModule;
import org.parley.rooms.Rooms;
import org.parley.storage.Database;
import org.parley.web.ClientInfo;
import org.parley.web.HttpConfig;

/**
 * A member's data (issue 17): their export ({@code requestExport}, {@code getExport}), deleting their
 * account ({@code deleteAccount}), the deployment's privacy page ({@code getPrivacy}) and the read
 * limits that keep profiles and member lists from being scraped. Exports and deletions are made of the
 * parts every module contributes ({@link Module#personalData}), so a feature landing later adds its own.
 * Listed last in {@code Parley.wire}: it is given every module before it.
 */
public final class PrivacyModule implements Module {

    /** Expired exports are deleted this often (they are refused from the moment they expire anyway). */
    static final Duration EXPORT_PURGE_PERIOD = Duration.ofMinutes(10);

    private final Exports exports;
    private final ExportsApi exportsApi;
    private final DeletionApi deletionApi;
    private final PrivacyApi privacyApi;
    private final ReadLimitsHttp readLimits;

    /** @param features the modules listed before this one, whose personal data it exports and erases */
    public PrivacyModule(Database db, List<? extends Module> features, AccountsModule accounts, Rooms rooms,
                         PrivacyConfig config, AccountsConfig accountsConfig, HttpConfig http, InvitesConfig invites,
                         ClientInfo client, Clock clock) {
        List<PersonalData> parts = features.stream().flatMap(m -> m.personalData().stream()).toList();
        var store = new ExportStore();
        this.exports = new Exports(db, store, parts, config, clock);
        this.exportsApi = new ExportsApi(exports);
        this.deletionApi = new DeletionApi(db, accounts.members(), accounts.sessions(),
                new Deletion(accounts.members(), parts, store, rooms), client, accounts.limits().perIp());
        this.privacyApi = new PrivacyApi(accountsConfig, http.redactIps(), config, NotificationsModule.KEPT_FOR, invites.ttl());
        this.readLimits = new ReadLimitsHttp(config, client, clock);
        exports.resume();
    }

    @Override
    public void routes(RoutesConfig routes) {
        readLimits.routes(routes);
        exportsApi.routes(routes);
        deletionApi.routes(routes);
        privacyApi.routes(routes);
    }

    @Override
    public void housekeeping(Housekeeping schedule) {
        schedule.every(Duration.ofMinutes(1), EXPORT_PURGE_PERIOD, "Export clean-up", exports::purgeExpired);
    }

    @Override
    public void close() {
        exports.close();
    }
}
