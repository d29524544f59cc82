package org.parley.social;

import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.util.List;
import org.parley.accounts.Members;
import org.parley.events.EventBus;
import org.parley.module.Module;
import org.parley.module.PersonalData;
import org.parley.storage.Database;

/** Following and blocking: the API that changes the graph, and {@link #graph()} for other features. */
public final class SocialModule implements Module {

    private final SocialGraph graph = new SocialGraph();
    private final SocialApi api;

    /** @param events where follows and blocks are announced ({@code FollowChanged}, {@code BlockChanged}) */
    public SocialModule(Database db, Members members, EventBus events, Clock clock) {
        this.api = new SocialApi(db, members, graph, events, clock);
    }

    public SocialGraph graph() {
        return graph;
    }

    @Override
    public void routes(RoutesConfig routes) {
        api.routes(routes);
    }

    @Override
    public List<PersonalData> personalData() {
        return List.of(new SocialData());
    }
}
