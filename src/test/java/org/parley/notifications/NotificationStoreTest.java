package org.parley.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parley.accounts.Members;
import org.parley.storage.Database;
import org.parley.storage.DatabaseConfig;

@Timeout(30)
class NotificationStoreTest {

    @TempDir
    Path dataDir;

    @Test
    void the_clean_up_deletes_what_is_older_than_the_cut_off_read_or_not_and_keeps_the_rest() {
        var store = new NotificationStore();
        var members = new Members();
        Instant then = Instant.parse("2026-01-01T10:00:00Z");
        try (Database db = Database.open(new DatabaseConfig(null, null, null, 2, dataDir))) {
            long ada = db.transaction(c -> members.join(c, "ada", "Ada", "x", true, null, then)).id();
            db.transaction(c -> {
                long first = store.insert(c, ada, Kind.followed, null, null, null, null, then);
                store.insert(c, ada, Kind.followed, null, null, null, null, then.plus(Duration.ofDays(1)));
                store.insert(c, ada, Kind.pinged, null, "r1", "Room", null, then.plus(Duration.ofDays(100)));
                return store.markRead(c, ada, first, then.plus(Duration.ofDays(2))); // one old one read, one not
            });

            int deleted = db.transaction(c -> store.deleteOlderThan(c, then.plus(Duration.ofDays(10))));

            assertThat(deleted).isEqualTo(2);
            var left = db.read(c -> store.page(c, ada, null, 10));
            assertThat(left).extracting(NotificationStore.Row::kind).containsExactly(Kind.pinged);
            long unread = db.read(c -> store.unread(c, ada));
            assertThat(unread).isEqualTo(1);
        }
    }
}
