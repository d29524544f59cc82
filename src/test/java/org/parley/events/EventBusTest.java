package org.parley.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class EventBusTest {

    final EventBus bus = new EventBus();

    @Test
    void listeners_run_on_the_publishers_thread_in_the_order_they_subscribed_before_publish_returns() throws Exception {
        List<String> heard = new ArrayList<>();
        bus.subscribe(StageChanged.class, e -> heard.add("media on " + Thread.currentThread().getName()));
        bus.subscribe(StageChanged.class, e -> heard.add("signalling on " + Thread.currentThread().getName()));
        Thread room = new Thread(() -> bus.publish(new StageChanged("r1", Set.of(7L))), "room-r1");
        room.start();
        room.join();
        assertThat(heard).containsExactly("media on room-r1", "signalling on room-r1");
    }

    @Test
    void a_listener_hears_only_the_type_it_subscribed_to() {
        List<Event> heard = new ArrayList<>();
        bus.subscribe(RoomEnded.class, heard::add);
        bus.publish(new RoomStarted("r1", 1));
        bus.publish(new HallwayChanged());
        bus.publish(new RoomEnded("r1"));
        assertThat(heard).containsExactly(new RoomEnded("r1"));
    }

    @Test
    void a_failing_listener_neither_stops_the_others_nor_reaches_the_publisher() {
        List<Long> heard = new ArrayList<>();
        bus.subscribe(ParticipantLeft.class, e -> {
            throw new IllegalStateException("broken listener");
        });
        bus.subscribe(ParticipantLeft.class, e -> heard.add(e.memberId()));
        bus.publish(new ParticipantLeft("r1", 42));
        assertThat(heard).containsExactly(42L);
    }

    @Test
    void an_event_nobody_listens_to_is_dropped() {
        bus.publish(new SpeakingChanged("r1", Set.of(1L)));
    }

    @Test
    void event_sets_cannot_be_changed_by_whoever_published_them() {
        var senders = new java.util.HashSet<>(Set.of(1L, 2L));
        var event = new StageChanged("r1", senders);
        senders.remove(1L);
        assertThat(event.senders()).containsExactlyInAnyOrder(1L, 2L);
    }
}
