package org.parley.invites;

import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.util.List;
import org.parley.accounts.AccountsModule;
import org.parley.accounts.MeView;
import org.parley.events.EventBus;
import org.parley.module.Module;
import org.parley.module.PersonalData;
import org.parley.storage.Database;
import org.parley.web.ClientInfo;

/**
 * Invitations and joining through one ({@code signUp}, with {@code checkUsername} while the person
 * types): nobody becomes a member without a pending invitation; the whole invitation tree
 * ({@code getInviteTree}) is open to every member. Other features and the operator's command line use {@link Invitations}.
 */
public final class InvitesModule implements Module {

    private final InvitesApi api;
    private final InviteTreeApi tree;

    /**
     * @param events      where a sign-up is announced ({@code MemberJoined})
     * @param invitations the feature's face, made first so profiles (which shows invitations left) can
     *                    be built before this module
     */
    public InvitesModule(Database db, Invitations invitations, AccountsModule accounts, MeView meView,
                         ClientInfo client, EventBus events, Clock clock) {
        this.api = new InvitesApi(db, invitations, accounts.members(), accounts.sessions(), meView, client,
                accounts.limits(), events, clock);
        this.tree = new InviteTreeApi(db, accounts.members());
    }

    @Override
    public void routes(RoutesConfig routes) {
        api.routes(routes);
        tree.routes(routes);
    }

    @Override
    public List<PersonalData> personalData() {
        return List.of(new InviteData());
    }
}
