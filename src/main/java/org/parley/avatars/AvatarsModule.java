package org.parley.avatars;

import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.util.List;
import org.parley.accounts.MeView;
import org.parley.accounts.Members;
import org.parley.events.EventBus;
import org.parley.module.Module;
import org.parley.module.PersonalData;
import org.parley.storage.Database;

/**
 * Members' photos (issue 13): upload, removal and serving ({@link AvatarsApi}). Accounts keeps which
 * photo is current ({@code members.avatar_version}), so that every view of a member can carry its
 * URL without asking this feature; the images themselves are this feature's own table.
 */
public final class AvatarsModule implements Module {

    private final AvatarsApi api;

    /**
     * @param meView how an upload answers: with the member's {@code Me}, now carrying the new photo
     * @param events where a new or removed photo is announced once committed (search shows it)
     */
    public AvatarsModule(Database db, Members members, MeView meView, EventBus events, Clock clock) {
        // Java2D draws the scaled images in memory; it must never look for a display to do so.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        this.api = new AvatarsApi(db, members, meView, events, clock);
    }

    @Override
    public void routes(RoutesConfig routes) {
        api.routes(routes);
    }

    @Override
    public List<PersonalData> personalData() {
        return List.of(new AvatarData(new AvatarStore()));
    }
}
