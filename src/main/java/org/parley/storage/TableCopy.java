package org.parley.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Copies Parley's tables from one database to another of the same schema version, row by row:
 * importing an old embedded H2 database, and {@code parley migrate-to-postgres}. Values are carried
 * over by meaning, not by driver type: instants (every column named {@code …_at}, see the migrations'
 * headers) through {@link Instants}, booleans as booleans whatever the source stored (SQLite's 0/1).
 */
final class TableCopy {

    /** A table and the columns that order its rows so that foreign keys point backwards. */
    record Table(String name, String orderBy) {}

    /** Every table with data, parents before children. */
    static final List<Table> TABLES = List.of(
            new Table("members", "id"), // invited_by always names an earlier member
            new Table("invites", "id"),
            new Table("follows", "follower_id, followee_id"),
            new Table("blocks", "blocker_id, blocked_id"),
            new Table("sessions", "token_hash"),
            new Table("rooms", "id"),
            new Table("room_participants", "room_id, member_id"),
            new Table("room_removed", "room_id, member_id"),
            new Table("room_allowed", "room_id, member_id"),
            new Table("room_hosts", "room_id, member_id"),
            new Table("scheduled_events", "id"),
            new Table("event_hosts", "event_id, member_id"),
            new Table("event_rsvps", "event_id, member_id"),
            new Table("calendar_feeds", "member_id"),
            new Table("proposals", "id"),
            new Table("proposal_recipients", "proposal_id, member_id"),
            new Table("proposal_times", "id"),
            new Table("proposal_steps", "id"),
            new Table("event_reminders", "event_id, member_id"),
            new Table("reminder_leads", "member_id"),
            new Table("avatar_images", "member_id, pixels"),
            new Table("delegates", "organization_id, member_id"),
            new Table("organization_audit", "id"),
            new Table("admin_audit", "id"),
            new Table("impersonation_dismissals", "member_id, display_name"),
            new Table("notifications", "id"),
            new Table("notification_channels", "member_id, kind"),
            new Table("quiet_hours", "member_id"),
            new Table("push_subscriptions", "id"),
            new Table("data_exports", "id"),
            new Table("clubs", "id"),
            new Table("club_members", "club_id, member_id"),
            new Table("club_requests", "club_id, member_id"),
            new Table("club_invitations", "club_id, member_id"),
            new Table("club_bans", "club_id, member_id"),
            new Table("club_follows", "club_id, member_id"),
            new Table("club_photos", "club_id, pixels"),
            new Table("club_invite_links", "invite_code"),
            new Table("club_events", "club_id, event_id"));

    /** The tables whose {@code id} PostgreSQL counts (identity columns): set past the copied ids. */
    static final List<String> IDENTITY_TABLES = List.of("members", "invites", "organization_audit", "admin_audit",
            "notifications", "push_subscriptions", "proposal_times", "proposal_steps");

    private static final int BATCH = 500;

    private TableCopy() {}

    /** Copies every table into {@code to} (in the caller's transaction); returns rows per table. */
    static Map<String, Long> copy(Connection from, Connection to) throws SQLException {
        Dialect target = Dialect.of(to);
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Table table : TABLES) {
            counts.put(table.name(), copy(from, to, target, table));
        }
        if (target == Dialect.POSTGRESQL) {
            for (String table : IDENTITY_TABLES) {
                // Identity columns keep counting from where the copied ids end.
                try (var st = to.prepareStatement("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'),"
                        + " (SELECT COALESCE(MAX(id), 0) + 1 FROM " + table + "), false)")) {
                    st.executeQuery().close();
                }
            }
        }
        return counts;
    }

    /** Rows in each table of {@code conn}. */
    static Map<String, Long> count(Connection conn) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (Table table : TABLES) {
            try (var st = conn.prepareStatement("SELECT COUNT(*) FROM " + table.name()); var rs = st.executeQuery()) {
                rs.next();
                counts.put(table.name(), rs.getLong(1));
            }
        }
        return counts;
    }

    private static long copy(Connection from, Connection to, Dialect target, Table table) throws SQLException {
        if (!exists(from, table.name())) {
            return 0; // added after Parley 0.1 (avatars): an H2 database being imported has none
        }
        Map<String, Integer> targetTypes = columnTypes(to, table.name());
        try (var select = from.prepareStatement("SELECT * FROM " + table.name() + " ORDER BY " + table.orderBy());
             ResultSet rs = select.executeQuery()) {
            List<String> columns = new ArrayList<>();
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                String column = meta.getColumnName(i).toLowerCase(Locale.ROOT);
                if (targetTypes.containsKey(column)) {
                    columns.add(column);
                }
            }
            String sql = "INSERT INTO " + table.name() + " (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
            long rows = 0;
            try (PreparedStatement insert = to.prepareStatement(sql)) {
                while (rs.next()) {
                    for (int i = 0; i < columns.size(); i++) {
                        bind(insert, i + 1, columns.get(i), rs.getObject(columns.get(i)), target,
                                targetTypes.get(columns.get(i)));
                    }
                    insert.addBatch();
                    if (++rows % BATCH == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            return rows;
        }
    }

    private static void bind(PreparedStatement st, int index, String column, Object value, Dialect target, int sqlType)
            throws SQLException {
        if (value == null) {
            st.setObject(index, null);
        } else if (column.endsWith("_at")) {
            Instants.set(st, index, Instants.from(value));
        } else if (value instanceof Boolean b) {
            st.setBoolean(index, b);
        } else if (target == Dialect.POSTGRESQL && (sqlType == Types.BIT || sqlType == Types.BOOLEAN)
                && value instanceof Number n) {
            st.setBoolean(index, n.longValue() != 0);
        } else {
            st.setObject(index, value);
        }
    }

    /** Whether {@code conn} has the table (H2 keeps unquoted names in upper case). */
    private static boolean exists(Connection conn, String table) throws SQLException {
        for (String name : List.of(table, table.toUpperCase(Locale.ROOT))) {
            try (ResultSet rs = conn.getMetaData().getTables(null, null, name, null)) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Column name → java.sql.Types of {@code table} in {@code conn}. */
    private static Map<String, Integer> columnTypes(Connection conn, String table) throws SQLException {
        Map<String, Integer> types = new HashMap<>();
        try (var st = conn.prepareStatement("SELECT * FROM " + table + " WHERE 1 = 0"); var rs = st.executeQuery()) {
            ResultSetMetaData meta = rs.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                types.put(meta.getColumnName(i).toLowerCase(Locale.ROOT), meta.getColumnType(i));
            }
        }
        return types;
    }
}
