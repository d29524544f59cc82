package org.parley.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Query results as plain rows for a member's export ({@code module.PersonalData}): each row a map from
 * the column's name in camelCase ({@code created_at} → {@code createdAt}) to its value, instants (every
 * column named {@code *_at}, as V1 promises) read as {@link Instant}, and flags as booleans in both
 * dialects when the query names them {@code is_*} (SQLite keeps them as 0/1). For exports only: features read their own
 * tables through their stores.
 */
public final class Rows {

    private Rows() {}

    /** Runs {@code sql} with {@code params} (bound in order; an {@link Instant} as the dialect stores it). */
    public static List<Map<String, Object>> query(Connection conn, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof Instant at) {
                    Database.setInstant(st, i + 1, at);
                } else {
                    st.setObject(i + 1, params[i]);
                }
            }
            try (ResultSet rs = st.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                List<Map<String, Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= meta.getColumnCount(); c++) {
                        String column = meta.getColumnLabel(c).toLowerCase(Locale.ROOT);
                        Object value = column.endsWith("_at") ? Database.instant(rs, column)
                                : column.startsWith("is_") || meta.getColumnType(c) == Types.BOOLEAN
                                || meta.getColumnType(c) == Types.BIT ? rs.getBoolean(c) : rs.getObject(c);
                        row.put(camel(column), rs.wasNull() ? null : value);
                    }
                    rows.add(row);
                }
                return rows;
            }
        }
    }

    static String camel(String column) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char ch : column.toCharArray()) {
            if (ch == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return out.toString();
    }

    /** Runs an update; returns the rows it changed. */
    public static int update(Connection conn, String sql, Object... params) throws SQLException {
        try (PreparedStatement st = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                if (params[i] instanceof Instant at) {
                    Database.setInstant(st, i + 1, at);
                } else {
                    st.setObject(i + 1, params[i]);
                }
            }
            return st.executeUpdate();
        }
    }
}
