package org.parley.profiles;

import io.javalin.config.RoutesConfig;
import org.parley.accounts.MeView;
import org.parley.accounts.Members;
import org.parley.events.EventBus;
import org.parley.invites.Invitations;
import org.parley.module.Module;
import org.parley.social.SocialGraph;
import org.parley.storage.Database;

/**
 * Who a member is, as others and they themselves see it ({@code getMe}, {@code updateMe},
 * {@code getProfile}): accounts, the graph and invitations composed into read views. Log-in and
 * sign-up answer with {@link #meView()}.
 */
public final class ProfilesModule implements Module {

    private final ProfilesApi api;

    /** @param events where a profile edit is announced once committed (search re-reads the member) */
    public ProfilesModule(Database db, Members members, SocialGraph graph, Invitations invitations, EventBus events) {
        this.api = new ProfilesApi(db, members, graph, invitations, events);
    }

    public MeView meView() {
        return api;
    }

    @Override
    public void routes(RoutesConfig routes) {
        api.routes(routes);
    }
}
