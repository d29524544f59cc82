package org.parley.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.TestPostgres;

/**
 * The two migration folders (db/sqlite, db/postgresql) describe one schema: the same versions, tables
 * and columns, with every instant column named {@code …_at} (which {@link TableCopy} relies on).
 */
@Timeout(60)
class SchemaParityTest {

    @TempDir
    Path dataDir;

    @Test
    void sqlite_and_postgresql_migrations_give_the_same_tables_and_columns() throws Exception {
        String pg = TestPostgres.create();
        var sqliteConfig = new DatabaseConfig(null, null, null, 2, dataDir);
        var pgConfig = new DatabaseConfig(TestPostgres.url(pg), "postgres", "", 2, dataDir);
        try (var sqlite = Database.open(sqliteConfig); var postgres = Database.open(pgConfig)) {
            List<String> tables = new ArrayList<>(TableCopy.TABLES.stream().map(TableCopy.Table::name).toList());
            tables.add("storage_probe");
            for (String table : tables) {
                Map<String, Integer> lite = sqlite.read(c -> columns(c, table));
                Map<String, Integer> pgColumns = postgres.read(c -> columns(c, table));
                assertThat(lite.keySet()).as(table).containsExactlyElementsOf(pgColumns.keySet());
                pgColumns.forEach((column, type) -> assertThat(column.endsWith("_at"))
                        .as(table + "." + column + " is an instant exactly when its name ends in _at")
                        .isEqualTo(type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE));
            }
            assertThat(sqlite.read(SchemaParityTest::versions)).isEqualTo(postgres.read(SchemaParityTest::versions));
            // A table missing from TableCopy would be lost by `parley migrate-to-postgres` and backups' imports.
            assertThat(postgres.read(SchemaParityTest::tables)).as("every table is copied by TableCopy.TABLES")
                    .containsExactlyInAnyOrderElementsOf(tables);
            assertThat(postgres.read(SchemaParityTest::identityTables)).as("TableCopy.IDENTITY_TABLES")
                    .containsExactlyInAnyOrderElementsOf(TableCopy.IDENTITY_TABLES);
        } finally {
            TestPostgres.drop(pg);
        }
    }

    private static Map<String, Integer> columns(Connection conn, String table) throws SQLException {
        Map<String, Integer> columns = new TreeMap<>();
        try (var st = conn.prepareStatement("SELECT * FROM " + table + " WHERE 1 = 0"); var rs = st.executeQuery()) {
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                columns.put(rs.getMetaData().getColumnName(i).toLowerCase(Locale.ROOT), rs.getMetaData().getColumnType(i));
            }
        }
        return columns;
    }

    private static List<String> tables(Connection conn) throws SQLException {
        return strings(conn, "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
                + " AND table_type = 'BASE TABLE' AND table_name <> 'flyway_schema_history'");
    }

    private static List<String> identityTables(Connection conn) throws SQLException {
        return strings(conn, "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema()"
                + " AND column_name = 'id' AND is_identity = 'YES'");
    }

    private static List<String> strings(Connection conn, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (var st = conn.prepareStatement(sql); var rs = st.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static List<String> versions(Connection conn) throws SQLException {
        List<String> versions = new ArrayList<>();
        try (var st = conn.prepareStatement("SELECT \"version\" FROM \"flyway_schema_history\" ORDER BY \"installed_rank\"");
             var rs = st.executeQuery()) {
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
        }
        return versions;
    }
}
