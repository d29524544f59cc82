package org.parley.organizations;

import io.javalin.config.RoutesConfig;
import java.time.Clock;
import org.parley.accounts.Members;
import org.parley.accounts.SessionHttp;
import org.parley.module.Module;
import org.parley.storage.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Organization accounts operated by delegates, and verification (issue 15). The identity model is
 * accounts' ({@code accounts.Organizations}, {@code accounts.SessionHttp}): this module is the HTTP
 * edge that creates organizations, manages delegates, switches a session to act as one, shows the
 * audit trail to owners, and lets administrators verify accounts and review imitation flags.
 */
public final class OrganizationsModule implements Module {

    private static final Logger log = LoggerFactory.getLogger(OrganizationsModule.class);

    private final OrganizationsApi organizations;
    private final VerificationApi verification;

    public OrganizationsModule(Database db, Members members, SessionHttp sessions, Clock clock) {
        this.organizations = new OrganizationsApi(db, members, sessions, clock);
        this.verification = new VerificationApi(db, members, clock);
        // Members from before look-alike keys were kept get theirs (a no-op once done).
        int filled = db.transaction(conn -> members.organizations().fillSkeletons(conn));
        if (filled > 0) {
            log.info("Computed the look-alike key of {} members' display names", filled);
        }
    }

    @Override
    public void routes(RoutesConfig routes) {
        organizations.routes(routes);
        verification.routes(routes);
    }
}
