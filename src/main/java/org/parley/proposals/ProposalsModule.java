package org.parley.proposals;

import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.util.List;
import org.parley.accounts.Members;
import org.parley.events.EventBus;
import org.parley.module.Housekeeping;
import org.parley.module.Module;
import org.parley.module.PersonalData;
import org.parley.schedule.ProposedEvents;
import org.parley.social.SocialGraph;
import org.parley.storage.Database;

/**
 * Proposals (issue 15): a member invites others — people or organization accounts — to a
 * conversation, with what is proposed and when; the other side accepts a time, proposes another,
 * declines or asks first on a short thread; an accepted proposal becomes a scheduled event with both
 * sides as hosts ({@link ProposedEvents}). Each step reaches the other side as a domain event the
 * notification centre listens to.
 */
public final class ProposalsModule implements Module {

    private final Proposals proposals;
    private final ProposalsApi api;
    private final ProposalsConfig config;

    public ProposalsModule(Database db, Members members, SocialGraph graph, ProposedEvents events, ProposalsConfig config,
                           EventBus bus, Clock clock) {
        this.config = config;
        var visibility = new Visibility(members, graph);
        this.proposals = new Proposals(db, new ProposalStore(), visibility, events, bus, clock);
        this.api = new ProposalsApi(proposals, new ProposalViews(db, members, visibility), db, members, graph, config, clock);
    }

    @Override
    public void routes(RoutesConfig routes) {
        api.routes(routes);
    }

    @Override
    public List<PersonalData> personalData() {
        return List.of(new ProposalData());
    }

    /** Expiry is in the database, so a restart loses none: the first tick after it catches up. */
    @Override
    public void housekeeping(Housekeeping schedule) {
        schedule.every(config.tick(), config.tick(), "Proposal expiry", proposals::expireDue);
    }
}
