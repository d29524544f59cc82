package org.parley.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Instants in the database, to the microsecond. PostgreSQL keeps them as {@code TIMESTAMP WITH TIME
 * ZONE}. SQLite has no such type, so they are TEXT in one fixed-width UTC form
 * ({@code 2026-12-07T02:03:11.123456Z}): every value has the same length and field order, so SQL's
 * text comparison and ORDER BY agree with time order, which {@code expires_at > ?} relies on.
 */
final class Instants {

    /** The one text form in SQLite; years 0000–9999. */
    static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Instants() {}

    static void set(PreparedStatement st, int index, Instant value) throws SQLException {
        if (value == null) {
            st.setObject(index, null);
        } else if (Dialect.of(st.getConnection()) == Dialect.SQLITE) {
            st.setString(index, text(value));
        } else {
            st.setObject(index, value.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
        }
    }

    static String text(Instant value) {
        return TEXT.format(value.truncatedTo(ChronoUnit.MICROS));
    }

    static Instant get(ResultSet rs, String column) throws SQLException {
        return from(rs.getObject(column));
    }

    /** Whatever a driver returns for an instant column: SQLite's text, PostgreSQL's or H2's types. */
    static Instant from(Object value) throws SQLException {
        return switch (value) {
            case null -> null;
            case String s -> parse(s);
            case OffsetDateTime o -> o.toInstant();
            case Timestamp t -> t.toInstant();
            case java.util.Date d -> d.toInstant();
            default -> throw new SQLException("Not an instant: a " + value.getClass().getName());
        };
    }

    private static Instant parse(String text) throws SQLException {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new SQLException("Not an instant: '" + text + "'", e);
        }
    }
}
