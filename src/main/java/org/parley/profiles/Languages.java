package org.parley.profiles;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.parley.kernel.Validation;

/**
 * The interface language a member chose (issue 14), kept in {@code members.language}. The server only
 * stores and returns it; the web client picks its message catalogue from it, so the codes here are the
 * client's catalogues ({@code web/core/i18n.js} SUPPORTED). {@code null} means "follow the browser".
 */
final class Languages {

    /** The languages the web client has catalogues for, as lower-case BCP 47 tags. */
    static final List<String> SUPPORTED = List.of("en", "de", "nl", "ro", "ru");

    private Languages() {}

    /** A supported tag, or {@code null}; anything else is recorded as {@code invalid_value} on the field. */
    static String check(Validation v, String field, String value) {
        if (value != null && !SUPPORTED.contains(value)) {
            v.add(field, "invalid_value", "must be one of " + String.join(", ", SUPPORTED) + ", or null");
            return null;
        }
        return value;
    }

    static String of(Connection conn, long memberId) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("SELECT language FROM members WHERE id = ?")) {
            st.setLong(1, memberId);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    static void set(Connection conn, long memberId, String language) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement("UPDATE members SET language = ? WHERE id = ?")) {
            st.setString(1, language);
            st.setLong(2, memberId);
            st.executeUpdate();
        }
    }
}
