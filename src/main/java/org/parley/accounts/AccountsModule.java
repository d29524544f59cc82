package org.parley.accounts;

import io.javalin.config.RoutesConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.parley.events.EventBus;
import org.parley.module.Housekeeping;
import org.parley.module.Module;
import org.parley.module.PersonalData;
import org.parley.module.Searchable;
import org.parley.storage.Database;
import org.parley.web.ClientInfo;
import org.parley.web.Csrf;
import org.parley.web.RateLimiter;

/**
 * Members and their sessions: log-in, log-out, password changes, the session cookie that every
 * other API trusts ({@link SessionHttp}) and the hourly removal of expired sessions. Other features
 * use {@link #members()}, {@link #sessions()} and {@link #limits()}.
 */
public final class AccountsModule implements Module {

    /** Expired sessions are deleted this often (they are refused from the moment they expire anyway). */
    static final Duration SESSION_PURGE_PERIOD = Duration.ofHours(1);

    private final Members members;
    private final Organizations organizations;
    private final SessionHttp sessions;
    private final AuthLimits limits;
    private final AccountsApi api;
    private final SessionsApi sessionsApi;
    private final AccountData data;
    private final MemberSearch search;

    /**
     * @param members the feature's face, made first so features that render a member (profiles'
     *                {@code Me}) can be built before this module
     * @param meView  how log-in answers with the signed-in member
     */
    public AccountsModule(Database db, Members members, MeView meView, AccountsConfig config, ClientInfo client,
                          Csrf csrf, Path dataDir, EventBus events, Clock clock) {
        var devices = DeviceCookiesHttp.load(dataDir, client);
        this.members = members;
        this.organizations = members.organizations();
        this.sessions = new SessionHttp(db, members.store(), organizations, csrf, client, config, clock, devices, events);
        this.limits = AuthLimits.of(config, clock);
        this.api = new AccountsApi(db, members, sessions, meView, client, limits, devices);
        this.sessionsApi = new SessionsApi(db, sessions);
        this.data = new AccountData(members.store(), clock);
        this.search = new MemberSearch(db, members.store());
    }

    /** Members, found by username, display name and bio. */
    @Override
    public List<Searchable> searchables() {
        return List.of(search);
    }

    public Members members() {
        return members;
    }

    /** Organization accounts, delegates and verification. */
    public Organizations organizations() {
        return organizations;
    }

    /** The session cookie's edge: who is signed in ({@link SessionHttp#require}), sign-in for sign-up. */
    public SessionHttp sessions() {
        return sessions;
    }

    public AuthLimits limits() {
        return limits;
    }

    /**
     * The rate limiters shared by log-in and sign-up (invites' {@code signUp} counts against the same
     * per-address budget), built once from {@link AccountsConfig}.
     */
    public record AuthLimits(RateLimiter perIp, RateLimiter perAccount) {

        static AuthLimits of(AccountsConfig config, Clock clock) {
            long window = config.authWindow().toSeconds();
            return new AuthLimits(new RateLimiter(config.authAttemptsPerIp(), window, clock),
                    new RateLimiter(config.authFailuresPerAccount(), window, clock));
        }
    }

    @Override
    public void routes(RoutesConfig routes) {
        routes.before("/api/*", sessions::before);
        routes.after("/api/*", sessions::after);
        api.routes(routes);
        sessionsApi.routes(routes);
    }

    @Override
    public List<PersonalData> personalData() {
        return List.of(data);
    }

    @Override
    public void housekeeping(Housekeeping schedule) {
        schedule.every(Duration.ofMinutes(1), SESSION_PURGE_PERIOD, "Session clean-up", sessions::purgeExpired);
    }
}
