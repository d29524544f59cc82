package org.parley.social;

import io.javalin.config.RoutesConfig;
import java.time.Clock;
import org.parley.accounts.Members;
import org.parley.module.Module;
import org.parley.storage.Database;

/** Following and blocking: the API that changes the graph, and {@link #graph()} for other features. */
public final class SocialModule implements Module {

    private final SocialGraph graph = new SocialGraph();
    private final SocialApi api;

    public SocialModule(Database db, Members members, Clock clock) {
        this.api = new SocialApi(db, members, graph, clock);
    }

    public SocialGraph graph() {
        return graph;
    }

    @Override
    public void routes(RoutesConfig routes) {
        api.routes(routes);
    }
}
