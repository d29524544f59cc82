package org.parley.app;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.session.NullSessionCache;
import org.eclipse.jetty.session.NullSessionDataStore;
import org.parley.accounts.AccountsModule;
import org.parley.accounts.Members;
import org.parley.avatars.AvatarsModule;
import org.parley.clubs.ClubsModule;
import org.parley.events.EventBus;
import org.parley.invites.Invitations;
import org.parley.invites.InvitesModule;
import org.parley.media.MediaServer;
import org.parley.module.Housekeeping;
import org.parley.module.Module;
import org.parley.notifications.NotificationsModule;
import org.parley.organizations.OrganizationsModule;
import org.parley.privacy.PrivacyModule;
import org.parley.profiles.ProfilesModule;
import org.parley.proposals.ProposalsConfig;
import org.parley.proposals.ProposalsModule;
import org.parley.rooms.Rooms;
import org.parley.rooms.RoomsModule;
import org.parley.schedule.ScheduleConfig;
import org.parley.schedule.ScheduleModule;
import org.parley.search.Search;
import org.parley.search.SearchConfig;
import org.parley.search.SearchModule;
import org.parley.signalling.SignallingModule;
import org.parley.social.SocialModule;
import org.parley.storage.DataFolder;
import org.parley.storage.Database;
import org.parley.web.ClientInfo;
import org.parley.web.Csrf;
import org.parley.web.HttpConfig;
import org.parley.web.NoContainerSession;
import org.parley.web.ProblemErrorHandler;
import org.parley.web.Problems;
import org.parley.web.SecurityHeaders;
import org.parley.web.WebClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Parley node: the feature modules built from a {@link ParleyConfig} and listed in
 * {@link #wire} (each contributes its routes, event listeners, metrics, periodic work and shutdown
 * steps: {@link Module}), served by one HTTP server. Tests start it on port 0 exactly as {@code main}
 * does.
 */
public final class Parley implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Parley.class);

    private final ParleyConfig config;
    private final Database db;
    private final EventBus events;
    private final List<Module> modules;
    private final Invitations invitations;
    private final Rooms rooms;
    private final MediaServer media;
    private final Search search;
    private final ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("parley-housekeeping").factory());
    private Javalin app;

    private Parley(ParleyConfig config, Database db, EventBus events, List<Module> modules, Invitations invitations,
                   Rooms rooms, MediaServer media, Search search) {
        this.search = search;
        this.config = config;
        this.db = db;
        this.events = events;
        this.modules = List.copyOf(modules);
        this.invitations = invitations;
        this.rooms = rooms;
        this.media = media;
    }

    public static Parley start(ParleyConfig config) {
        return start(config, Clock.systemUTC());
    }

    public static Parley start(ParleyConfig config, Clock clock) {
        DataFolder.create(config.dataDir());
        Database db = Database.open(config.database());
        try {
            // The database keeps microseconds: an instant answered right after a write (memberSince in
            // signUp, createdAt in createInvite) must equal the one read back later.
            Parley node = wire(config, db, Clock.tick(clock, Duration.ofNanos(1_000)));
            node.serve();
            return node;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /**
     * The modules, in dependency order (a module gets the faces of those above it). The order is also
     * the order of routes, of bus subscriptions — media before signalling, so the media server
     * enforces a stage change before any client hears of it — and of shutdown steps.
     */
    private static Parley wire(ParleyConfig config, Database db, Clock clock) {
        var events = new EventBus();
        var client = new ClientInfo(config.http());
        var csrf = new Csrf(client);
        var members = new Members();
        var invitations = new Invitations(db, members, config.invites(), clock);
        List<Module> modules = new ArrayList<>();
        try {
            var social = add(modules, new SocialModule(db, members, events, clock));
            var profiles = add(modules, new ProfilesModule(db, members, social.graph(), invitations, events));
            var accounts = add(modules, new AccountsModule(db, members, profiles.meView(), config.accounts(), client,
                    csrf, config.dataDir(), events, clock));
            add(modules, new InvitesModule(db, invitations, accounts, profiles.meView(), client, events, clock));
            add(modules, new AvatarsModule(db, members, profiles.meView(), events, clock));
            add(modules, new OrganizationsModule(db, members, accounts.sessions(), clock));
            var rooms = add(modules, new RoomsModule(db, members, new GraphAccess(db, members, social.graph()),
                    config.rooms(), events, clock));
            var media = add(modules, new MediaModule(config.media(), events));
            var signalling = add(modules, new SignallingModule(List.copyOf(modules), accounts, csrf, rooms.rooms(),
                    media.media(), config.turn()));
            var schedule = add(modules, new ScheduleModule(db, members, social.graph(), rooms.rooms(),
                    ScheduleConfig.defaults(), client, events, clock));
            add(modules, new ProposalsModule(db, members, social.graph(), schedule.proposedEvents(),
                    ProposalsConfig.defaults(), events, clock));
            add(modules, new ClubsModule(db, members, invitations, rooms.rooms(), schedule.directory(), clock));
            add(modules, new NotificationsModule(db, members, social.graph(), rooms.rooms(), signalling.push(),
                    config.push(), config.dataDir(), clock));
            add(modules, new PrivacyModule(db, List.copyOf(modules), accounts, rooms.rooms(), config.privacy(), config.accounts(),
                    config.http(), config.invites(), client, clock));
            // Last: it indexes what the modules above contribute (Module.searchables).
            var search = add(modules, new SearchModule(List.copyOf(modules), db, social.graph(), SearchConfig.defaults(),
                    clock));
            modules.forEach(m -> m.listen(events));
            return new Parley(config, db, events, modules, invitations, rooms.rooms(), media.media(), search.search());
        } catch (RuntimeException e) {
            modules.reversed().forEach(Module::close);
            throw e;
        }
    }

    private static <M extends Module> M add(List<Module> modules, M module) {
        modules.add(module);
        return module;
    }

    /** Starts the HTTP server with every module's routes, and the modules' periodic work. */
    private void serve() {
        var securityHeaders = new SecurityHeaders(config.http());
        var webClient = new WebClient();
        var health = new Health(db, Version.current());
        var openApi = new OpenApiDocument();
        var metrics = new Metrics(modules, config.metricsToken());
        var localAdmin = new LocalAdmin(invitations, publicBase(config));
        try {
            app = Javalin.create(jc -> {
                jc.startup.showJavalinBanner = false;
                jc.startup.showOldJavalinVersionWarning = false;
                jc.concurrency.useVirtualThreads = true;
                jc.http.maxRequestSize = HttpConfig.MAX_REQUEST_BYTES;
                jc.http.prefer405over404 = true;
                jc.jsonMapper(new JavalinJackson().updateMapper(m -> m
                        .registerModule(new JavaTimeModule())
                        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)));
                Problems.register(jc, webClient::notFound);
                jc.jetty.modifyServer(server -> server.setErrorHandler(new ProblemErrorHandler(securityHeaders)));
                jc.jetty.modifyHttpConfiguration(http -> http.addCustomizer(securityHeaders::customize));
                jc.jetty.modifyServletContextHandler(context -> {
                    context.setErrorHandler(new ProblemErrorHandler(securityHeaders));
                    // Javalin's WebSocket upgrade asks the request for a servlet session (to copy its
                    // attributes), which would set a JSESSIONID cookie and keep one container session per
                    // connection. Parley's sessions are its own (accounts.SessionHttp): requests see an
                    // empty shared session, so none is created (Jetty keeps each WebSocket's upgrade
                    // request, and would keep its session with it), and the container would keep none and
                    // send no cookie anyway.
                    context.addFilter(new FilterHolder(new NoContainerSession()), "/*", EnumSet.of(DispatcherType.REQUEST));
                    var sessions = context.getSessionHandler();
                    if (sessions != null) {
                        var cache = new NullSessionCache(sessions);
                        cache.setSessionDataStore(new NullSessionDataStore());
                        sessions.setSessionCache(cache);
                        sessions.setUsingCookies(false);
                    }
                });
                jc.jetty.modifyWebSocketServletFactory(ws -> {
                    ws.setMaxTextMessageSize(SignallingModule.MAX_MESSAGE_BYTES);
                    ws.setMaxOutgoingFrames(SignallingModule.MAX_QUEUED_FRAMES);
                });
                webClient.register(jc);
                jc.routes.before(securityHeaders::apply);
                jc.routes.get("/healthz", health::handle);
                jc.routes.get(OpenApiDocument.RESOURCE, openApi::handle);
                jc.routes.get("/metrics", metrics::handle);
                jc.routes.post(LocalAdmin.PATH, localAdmin::handle);
                jc.routes.post(LocalAdmin.HEAP_PATH, localAdmin::heap);
                modules.forEach(m -> m.routes(jc.routes));
            });
            app.start(config.host(), config.port());
        } catch (RuntimeException e) {
            housekeeping.shutdownNow();
            modules.reversed().forEach(Module::close);
            throw e;
        }
        localAdmin.publish(config.dataDir(), app.port());
        Housekeeping schedule = (firstDelay, period, name, task) -> housekeeping.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("{} failed: {}", name, e.getMessage());
            }
        }, firstDelay.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        modules.forEach(m -> m.housekeeping(schedule));
        log.info("Parley {} listening on http://{}:{}", Version.current(), config.host(), app.port());
    }

    /** The address used in links printed on the command line and in the log. */
    static String publicBase(ParleyConfig config) {
        if (config.http().publicUrl() != null) {
            return config.http().publicUrl();
        }
        return "http://localhost:" + config.port();
    }

    /** Prints the first administrator invitation when the network has no members yet. */
    void announceFirstAdminInvite() {
        invitations.firstAdminInvite().ifPresent(code -> log.info("""

                ==========================================================================
                  Parley has no members yet. Open this one-time administrator invitation
                  to become the first member:

                    {}/invite/{}

                  (`./parley invite --admin` prints another one at any time.)
                ==========================================================================""",
                config.http().publicUrl() != null ? config.http().publicUrl() : "http://localhost:" + port(), code));
    }

    public int port() {
        return app.port();
    }

    /** Every HTTP endpoint as "METHOD path" (the OpenAPI contract test compares them with the document). */
    public java.util.List<String> endpoints() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path)
                .toList();
    }

    /** Servlet container sessions created since start: none, Parley's sessions are its own (tests). */
    public int containerSessionsCreated() {
        var sessions = app.jettyServer().server().getDescendant(org.eclipse.jetty.ee10.servlet.SessionHandler.class);
        return sessions == null ? 0 : sessions.getSessionsCreated();
    }

    public Invitations invitations() {
        return invitations;
    }

    public Database database() {
        return db;
    }

    public MediaServer media() {
        return media;
    }

    public Rooms rooms() {
        return rooms;
    }

    /** Search over this node's index (tests compare it with a freshly rebuilt one). */
    public Search search() {
        return search;
    }

    /** The node's event bus (tests publish what only real audio would, such as who is speaking). */
    public EventBus events() {
        return events;
    }

    /**
     * Stops in three steps: the modules' {@link Module#stopping} while HTTP still serves (clients
     * hear 1001 and come back at once), then the HTTP server, then each module's {@link Module#close}.
     */
    @Override
    public void close() {
        housekeeping.shutdownNow();
        modules.forEach(Module::stopping);
        app.stop();
        modules.forEach(Module::close);
        LocalAdmin.unpublish(config.dataDir());
        db.close();
    }
}
