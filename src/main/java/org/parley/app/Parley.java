package org.parley.app;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.session.NullSessionCache;
import org.eclipse.jetty.session.NullSessionDataStore;
import org.parley.accounts.AccountsApi;
import org.parley.accounts.Authenticator;
import org.parley.accounts.DeviceCookies;
import org.parley.accounts.MemberStore;
import org.parley.accounts.PasswordHasher;
import org.parley.events.EventBus;
import org.parley.events.ParticipantLeft;
import org.parley.events.RoomEnded;
import org.parley.events.SpeakingChanged;
import org.parley.events.StageChanged;
import org.parley.invites.Invitations;
import org.parley.invites.InvitesApi;
import org.parley.media.MediaServer;
import org.parley.media.StageListener;
import org.parley.profiles.ProfilesApi;
import org.parley.rooms.Rooms;
import org.parley.rooms.RoomsApi;
import org.parley.signalling.SignallingSocket;
import org.parley.social.BlockStore;
import org.parley.social.FollowStore;
import org.parley.social.SocialApi;
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
 * One running Parley node: every component built and wired here, explicitly, from a {@link ParleyConfig}.
 * Tests start it on port 0 exactly as {@code main} does.
 */
public final class Parley implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Parley.class);

    private final ParleyConfig config;
    private final Database db;
    private final Javalin app;
    private final Invitations invitations;
    private final ScheduledExecutorService housekeeping;

    private final Rooms rooms;
    private final SignallingSocket signalling;

    private final MediaServer media;
    private final EventBus events;

    private Parley(ParleyConfig config, Database db, Javalin app, Invitations invitations,
                   ScheduledExecutorService housekeeping, Rooms rooms, SignallingSocket signalling, MediaServer media,
                   EventBus events) {
        this.media = media;
        this.events = events;
        this.rooms = rooms;
        this.signalling = signalling;
        this.config = config;
        this.db = db;
        this.app = app;
        this.invitations = invitations;
        this.housekeeping = housekeeping;
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
            return wire(config, db, Clock.tick(clock, Duration.ofNanos(1_000)));
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static Parley wire(ParleyConfig config, Database db, Clock clock) {
        var client = new ClientInfo(config.http());
        var csrf = new Csrf(client);
        var members = new MemberStore();
        var follows = new FollowStore();
        var hasher = new PasswordHasher();
        var devices = DeviceCookies.load(config.dataDir(), client);
        var auth = new Authenticator(db, members, csrf, client, config.accounts(), clock, devices);
        var limits = AccountsApi.AuthLimits.of(config.accounts(), clock);
        var invitations = new Invitations(db, members, config.invites(), clock);
        var blocks = new BlockStore();
        var profiles = new ProfilesApi(db, members, follows, blocks, invitations);
        var accountsApi = new AccountsApi(db, members, hasher, auth, profiles, client, limits, devices);
        var invitesApi = new InvitesApi(db, invitations, members, hasher, auth, profiles, client, limits, clock);
        var socialApi = new SocialApi(db, members, follows, blocks, clock);
        var events = new EventBus();
        var rooms = new Rooms(db, new GraphAccess(db, members, follows, blocks), config.rooms(), events, clock);
        rooms.loadLive();
        var roomsApi = new RoomsApi(rooms, db, members, clock);
        MediaServer media;
        try {
            // Media and signalling meet only on the bus: media publishes who is speaking, signalling listens.
            media = MediaServer.start(config.media(), (room, who) -> events.publish(new SpeakingChanged(room, who)));
        } catch (IOException e) {
            rooms.close();
            throw new UncheckedIOException("Cannot open the media port " + config.media().transport().port()
                    + " (PARLEY_MEDIA_PORT): " + e.getMessage(), e);
        }
        var signalling = new SignallingSocket(auth, csrf, rooms, db, members, follows, media, config.turn());
        var metrics = new Metrics(media, rooms, config.metricsToken());
        subscribe(events, media, signalling);
        var health = new Health(db, Version.current());
        var openApi = new OpenApiDocument();
        var webClient = new WebClient();
        var securityHeaders = new SecurityHeaders(config.http());
        var localAdmin = new LocalAdmin(invitations, publicBase(config));

        Javalin app = Javalin.create(jc -> {
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
                // connection. Parley's sessions are its own (accounts.Authenticator): requests see an
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
                ws.setMaxTextMessageSize(SignallingSocket.MAX_MESSAGE_BYTES);
                ws.setMaxOutgoingFrames(SignallingSocket.MAX_QUEUED_FRAMES);
            });
            webClient.register(jc);
            jc.routes.before(securityHeaders::apply);
            jc.routes.before("/api/*", auth::before);
            jc.routes.get("/healthz", health::handle);
            jc.routes.get(OpenApiDocument.RESOURCE, openApi::handle);
            jc.routes.get("/metrics", metrics::handle);
            jc.routes.post(LocalAdmin.PATH, localAdmin::handle);
            jc.routes.post(LocalAdmin.HEAP_PATH, localAdmin::heap);
            accountsApi.routes(jc.routes);
            invitesApi.routes(jc.routes);
            profiles.routes(jc.routes);
            socialApi.routes(jc.routes);
            roomsApi.routes(jc.routes);
            signalling.routes(jc.routes);
        });
        app.start(config.host(), config.port());
        localAdmin.publish(config.dataDir(), app.port());

        ScheduledExecutorService housekeeping = Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("parley-housekeeping").factory());
        housekeeping.scheduleWithFixedDelay(() -> {
            try {
                auth.purgeExpired();
            } catch (RuntimeException e) {
                log.warn("Session clean-up failed: {}", e.getMessage());
            }
        }, 1, 60, TimeUnit.MINUTES);

        log.info("Parley {} listening on http://{}:{}", Version.current(), config.host(), app.port());
        return new Parley(config, db, app, invitations, housekeeping, rooms, signalling, media, events);
    }

    /**
     * Who hears what. Subscription order is delivery order (EventBus runs listeners on the
     * publisher's thread, one after another): media first, so a mute or demotion is enforced on the
     * very next packet, before any client hears of it.
     */
    private static void subscribe(EventBus events, StageListener media, SignallingSocket signalling) {
        events.subscribe(StageChanged.class, e -> media.stageChanged(e.roomId(), e.senders()));
        events.subscribe(ParticipantLeft.class, e -> media.participantLeft(e.roomId(), e.memberId()));
        events.subscribe(RoomEnded.class, e -> media.roomEnded(e.roomId()));
        signalling.listenTo(events);
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

    /** The node's event bus (tests publish what only real audio would, such as who is speaking). */
    public EventBus events() {
        return events;
    }

    @Override
    public void close() {
        rooms.beginShutdown();
        housekeeping.shutdownNow();
        signalling.close(); // before the HTTP server stops: clients hear 1001 and come back at once
        app.stop();
        rooms.close();
        media.close();
        LocalAdmin.unpublish(config.dataDir());
        db.close();
    }
}
