package org.parley.schedule;

import io.javalin.config.RoutesConfig;
import java.time.Clock;
import java.util.List;
import org.parley.accounts.Members;
import org.parley.events.EventBus;
import org.parley.module.Housekeeping;
import org.parley.module.Module;
import org.parley.module.PersonalData;
import org.parley.module.Searchable;
import org.parley.rooms.Rooms;
import org.parley.social.SocialGraph;
import org.parley.storage.Database;
import org.parley.web.ClientInfo;

/**
 * Scheduled events (issue 15): a conversation announced ahead, with co-hosts, RSVPs, an iCalendar
 * file and a private calendar feed; a host starts it as a live room through {@link Rooms}. Reminders
 * and "starting now" reach people as domain events the notification centre listens to. The package
 * is {@code schedule} because {@code events} is the domain-event bus.
 */
public final class ScheduleModule implements Module {

    private final Schedule schedule;
    private final EventsApi events;
    private final CalendarApi calendar;
    private final RemindersApi reminders;
    private final EventData data;
    private final ProposedEvents proposed;
    private final EventSearch search;
    private final EventDirectory directory;

    public ScheduleModule(Database db, Members members, SocialGraph graph, Rooms rooms, ScheduleConfig config,
                          ClientInfo client, EventBus bus, Clock clock) {
        var store = new EventStore();
        this.schedule = new Schedule(db, store, new ReminderStore(), new Audience(graph), rooms, bus, config, clock);
        var views = new EventViews(db, members, schedule, store);
        this.events = new EventsApi(schedule, views, db, members, graph, client, clock);
        this.calendar = new CalendarApi(schedule, views, store, db, client, clock);
        this.reminders = new RemindersApi(schedule, clock);
        this.data = new EventData(clock);
        this.proposed = new ProposedEvents(schedule);
        this.search = new EventSearch(db, store, config, clock);
        this.directory = new EventDirectory(schedule);
    }

    /** How an accepted proposal becomes an event (the proposals feature). */
    public ProposedEvents proposedEvents() {
        return proposed;
    }

    /** Upcoming events, found by title, description and language, by those who may see them. */
    @Override
    public List<Searchable> searchables() {
        return List.of(search);
    }

    /** Events as other features list them (a club's events). */
    public EventDirectory directory() {
        return directory;
    }

    @Override
    public void routes(RoutesConfig routes) {
        events.routes(routes);
        calendar.routes(routes);
        reminders.routes(routes);
    }

    /**
     * Every tick: missed events, then due reminders. The reminders are in the database (one per event
     * and member, at that member's lead time), so a restart loses none; each is claimed by one update,
     * so none is sent twice.
     */
    @Override
    public void housekeeping(Housekeeping schedule) {
        var config = this.schedule.config();
        schedule.every(config.tick(), config.tick(), "Event reminders", this.schedule::tick);
    }

    @Override
    public List<PersonalData> personalData() {
        return List.of(data);
    }
}
