package org.parley.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The boundaries of docs/architecture.md, checked on the compiled classes with ArchUnit, so that a
 * shortcut across them fails the build instead of growing quietly: each feature is used by others
 * only through its public face; domain code never touches HTTP; the media engine and the bus know no
 * feature; packages form no cycle; the load test is a client of public interfaces only.
 */
@Timeout(120)
class ArchitectureTest {

    static final JavaClasses PARLEY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.parley");

    /**
     * Each feature's public face: the only classes of it that code outside the feature may use (nested
     * types of a face class belong to it). Growing a face is a decision, made here.
     */
    static final Map<String, Set<String>> FACES = Map.ofEntries(
            Map.entry("accounts", Set.of("AccountsModule", "AccountsConfig", "Members", "Member", "MemberRef", "MeView",
                    "AccountRules", "SessionHttp", "MembersHttp", "Organizations")),
            Map.entry("invites", Set.of("InvitesModule", "InvitesConfig", "Invitations")),
            Map.entry("social", Set.of("SocialModule", "SocialGraph")),
            Map.entry("profiles", Set.of("ProfilesModule")),
            Map.entry("rooms", Set.of("RoomsModule", "RoomsConfig", "Rooms", "Room", "RoomSnapshot", "Participant", "Role",
                    "RoomType", "Command", "RoomError", "RoomSubscriber", "RoomEvent", "Access", "ClubAccess", "ClubTag")),
            Map.entry("signalling", Set.of("SignallingModule", "Push")),
            Map.entry("notifications", Set.of("NotificationsModule", "PushConfig")),
            Map.entry("schedule", Set.of("ScheduleModule", "ScheduleConfig", "ProposedEvents", "EventDirectory")),
            Map.entry("proposals", Set.of("ProposalsModule", "ProposalsConfig")),
            Map.entry("avatars", Set.of("AvatarsModule", "SquarePhotos")),
            Map.entry("organizations", Set.of("OrganizationsModule")),
            Map.entry("privacy", Set.of("PrivacyModule", "PrivacyConfig")),
            Map.entry("search", Set.of("SearchModule", "SearchConfig", "Search")),
            Map.entry("clubs", Set.of("ClubsModule")));

    /** The media engine's face for the server (the load test has its own rule, below). */
    static final Set<String> MEDIA_FACE = Set.of("org.parley.media.MediaServer", "org.parley.media.StageListener",
            "org.parley.media.RoomCounters", "org.parley.media.TurnConfig", "org.parley.media.FanOutConfig",
            "org.parley.media.dtls.DtlsConfig", "org.parley.media.forward.ForwardConfig",
            "org.parley.media.transport.MediaConfig", "org.parley.media.udp.UdpStack");

    /** Packages whose classes are domain code unless they are an HTTP edge (see {@link #isEdge}). */
    static final List<String> FEATURES_WITH_DOMAIN = List.of("org.parley.accounts", "org.parley.invites",
            "org.parley.social", "org.parley.profiles", "org.parley.rooms", "org.parley.notifications",
            "org.parley.avatars", "org.parley.schedule", "org.parley.organizations", "org.parley.privacy",
            "org.parley.proposals", "org.parley.search", "org.parley.clubs");

    @Test
    void no_feature_uses_another_features_classes_beyond_its_public_face() {
        FACES.forEach((feature, face) -> noClasses()
                .that().resideOutsideOfPackage("org.parley." + feature + "..")
                .should().dependOnClassesThat(internalOf("org.parley." + feature, face))
                .because(feature + "'s stores and internals are its own; other features use its face " + face)
                .check(PARLEY));
    }

    @Test
    void the_server_uses_the_media_engine_only_through_its_face() {
        noClasses().that().resideOutsideOfPackages("org.parley.media..", "org.parley.loadtest..")
                .should().dependOnClassesThat(DescribedPredicate.describe("media classes outside its face",
                        (JavaClass c) -> c.getPackageName().startsWith("org.parley.media")
                                && !MEDIA_FACE.contains(topLevel(c).getName())))
                .check(PARLEY);
    }

    @Test
    void stores_and_http_apis_are_package_private_and_built_by_their_module() {
        classes().that().haveSimpleNameEndingWith("Store").or().haveSimpleNameEndingWith("Api")
                .and().resideOutsideOfPackage("org.parley.loadtest..")
                .should().notBePublic()
                .check(PARLEY);
    }

    @Test
    void domain_code_never_uses_http() {
        DOMAIN_WITHOUT_HTTP.check(PARLEY);
    }

    static final ArchRule DOMAIN_WITHOUT_HTTP = noClasses()
            .that(DescribedPredicate.describe("domain code (not an *Api, *Http or *Module edge)",
                    (JavaClass c) -> FEATURES_WITH_DOMAIN.contains(c.getPackageName()) && !isEdge(c)))
            .should().dependOnClassesThat().resideInAnyPackage("org.parley.web..", "io.javalin..",
                    "jakarta.servlet..", "org.eclipse.jetty..")
            .because("validation and rules return errors; only the HTTP edge turns them into problems");

    @Test
    void the_shared_layers_use_no_feature_and_no_http() {
        noClasses().that().resideInAnyPackage("org.parley.kernel..", "org.parley.storage..", "org.parley.events..")
                .should().dependOnClassesThat().resideInAnyPackage("org.parley.web..", "io.javalin..",
                        "org.parley.accounts..", "org.parley.invites..", "org.parley.social..", "org.parley.profiles..",
                        "org.parley.rooms..", "org.parley.signalling..", "org.parley.media..", "org.parley.app..",
                        "org.parley.notifications..", "org.parley.avatars..")
                .check(PARLEY);
        noClasses().that().resideInAnyPackage("org.parley.web..", "org.parley.module..")
                .should().dependOnClassesThat().resideInAnyPackage("org.parley.accounts..", "org.parley.invites..",
                        "org.parley.social..", "org.parley.profiles..", "org.parley.rooms..", "org.parley.signalling..",
                        "org.parley.media..", "org.parley.app..", "org.parley.loadtest..", "org.parley.notifications..",
                        "org.parley.avatars..")
                .check(PARLEY);
    }

    @Test
    void the_media_engine_uses_nothing_of_parley_outside_media() {
        MEDIA_ALONE.check(PARLEY);
    }

    static final ArchRule MEDIA_ALONE = noClasses().that().resideInAPackage("org.parley.media..")
            .should().dependOnClassesThat(DescribedPredicate.describe("Parley classes outside media",
                    (JavaClass c) -> c.getPackageName().startsWith("org.parley.")
                            && !c.getPackageName().startsWith("org.parley.media")));

    /** Web Push's protocol code (RFC 8030, 8291, 8292) knows nothing of Parley, like the media engine. */
    @Test
    void the_web_push_protocol_uses_nothing_of_parley() {
        noClasses().that().resideInAPackage("org.parley.notifications.webpush..")
                .should().dependOnClassesThat(DescribedPredicate.describe("Parley classes outside webpush",
                        (JavaClass c) -> c.getPackageName().startsWith("org.parley.")
                                && !c.getPackageName().startsWith("org.parley.notifications.webpush")))
                .check(PARLEY);
    }

    /** The rules bite: each fails on a class written to break it (in the test tree, not scanned above). */
    @Test
    void the_rules_catch_a_breach_written_on_purpose() throws Exception {
        JavaClasses breaches = new ClassFileImporter().importClasses(
                Class.forName("org.parley.rooms.HttpInDomainFixture"), Class.forName("org.parley.media.FeatureInMediaFixture"));
        assertThat(DOMAIN_WITHOUT_HTTP.evaluate(breaches).hasViolation()).as("HTTP in rooms' domain code").isTrue();
        assertThat(MEDIA_ALONE.evaluate(breaches).hasViolation()).as("a feature in media").isTrue();
    }

    @Test
    void only_the_composition_root_knows_the_composition_root() {
        noClasses().that().resideOutsideOfPackage("org.parley.app..")
                .should().dependOnClassesThat().resideInAPackage("org.parley.app..")
                .check(PARLEY);
    }

    @Test
    void packages_form_no_cycle() {
        slices().matching("org.parley.(*)..").should().beFreeOfCycles().check(PARLEY);
        slices().matching("org.parley.media.(*)..").should().beFreeOfCycles().check(PARLEY);
    }

    @Test
    void the_load_test_is_a_client_of_public_interfaces_only() {
        noClasses().that().resideInAPackage("org.parley.loadtest..")
                .should().dependOnClassesThat(DescribedPredicate.describe(
                        "Parley classes beyond the browser's side of the media wire and its codecs",
                        (JavaClass c) -> topLevel(c).getPackageName().startsWith("org.parley.") && !loadTestMayUse(c)))
                .because("the load test must measure only what a browser could do (docs/decisions.md)")
                .check(PARLEY);
        noClasses().that().resideOutsideOfPackages("org.parley.loadtest..", "org.parley.media.client..")
                .and().doNotHaveFullyQualifiedName("org.parley.app.Main") // the command line starts `parley loadtest`
                .should().dependOnClassesThat().resideInAnyPackage("org.parley.loadtest..", "org.parley.media.client..")
                .check(PARLEY);
    }

    private static boolean loadTestMayUse(JavaClass c) {
        String name = topLevel(c).getName();
        return name.startsWith("org.parley.loadtest.") || name.startsWith("org.parley.media.client.")
                || name.startsWith("org.parley.media.srtp.") || name.startsWith("org.parley.media.rtp.")
                || name.startsWith("org.parley.media.udp.") || name.equals("org.parley.media.dtls.DtlsCertificate")
                || name.equals("org.parley.media.dtls.DtlsFingerprint");
    }

    private static DescribedPredicate<JavaClass> internalOf(String pkg, Set<String> face) {
        return DescribedPredicate.describe("classes of " + pkg + " outside its face",
                c -> (c.getPackageName().equals(pkg) || c.getPackageName().startsWith(pkg + "."))
                        && !face.contains(topLevel(c).getSimpleName()));
    }

    /** HTTP edges: REST resources ({@code *Api}), cookie and session plumbing ({@code *Http}), modules. */
    private static boolean isEdge(JavaClass c) {
        String name = topLevel(c).getSimpleName();
        return name.endsWith("Api") || name.endsWith("Http") || name.endsWith("Module");
    }

    /** The top-level class of {@code c} (of its element type, for an array). */
    private static JavaClass topLevel(JavaClass c) {
        JavaClass top = c.isArray() ? c.getBaseComponentType() : c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }
}
