package org.parley.app;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.parley.storage.Backup;
import org.parley.storage.DatabaseConfig;
import org.parley.storage.PostgresMigration;
import org.parley.storage.StorageException;

/**
 * {@code parley backup FILE}, {@code parley restore FILE} and {@code parley migrate-to-postgres URL}
 * (docs/operations.md). A backup may be taken while the server runs; a restore and a migration refuse
 * to, since writes made meanwhile would be lost.
 */
final class StorageCommands {

    private StorageCommands() {}

    static int backup(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.size() != 1) {
            err.println("Usage: parley backup FILE   (a consistent copy of the embedded database; safe while Parley runs)");
            return 2;
        }
        ParleyConfig config = ParleyConfig.load(env);
        try {
            Map<String, Long> rows = Backup.create(config.database(), Path.of(args.get(0)));
            out.println("Backed up " + config.database().embeddedFile() + " to " + args.get(0) + ": " + rows);
            return 0;
        } catch (IllegalArgumentException | StorageException | UncheckedIOException e) {
            err.println("parley backup: " + e.getMessage());
            return 1;
        }
    }

    static int restore(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.size() != 1) {
            err.println("Usage: parley restore FILE   (replaces the embedded database with a backup; Parley must be stopped)");
            return 2;
        }
        ParleyConfig config = ParleyConfig.load(env);
        if (LocalAdmin.serverRunning(config.dataDir())) {
            err.println("parley restore: Parley is running on " + config.dataDir() + "; stop it first");
            return 1;
        }
        try {
            Map<String, Long> rows = Backup.restore(config.database(), Path.of(args.get(0)));
            out.println("Restored " + args.get(0) + " into " + config.database().embeddedFile() + ": " + rows
                    + " (the database it replaced is kept beside it as parley.db.before-restore-…)");
            return 0;
        } catch (IllegalArgumentException | StorageException | UncheckedIOException e) {
            err.println("parley restore: " + e.getMessage());
            return 1;
        }
    }

    static int migrateToPostgres(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.size() != 1 || !args.get(0).startsWith("jdbc:postgresql:")) {
            err.println("""
                    Usage: parley migrate-to-postgres jdbc:postgresql://HOST:PORT/DATABASE
                      Copies the embedded database into an empty PostgreSQL database (user and password from
                      PARLEY_DATABASE_USER and PARLEY_DATABASE_PASSWORD). Parley must be stopped; afterwards
                      start it with PARLEY_DATABASE_URL set to the same URL.""");
            return 2;
        }
        ParleyConfig config = ParleyConfig.load(env);
        if (LocalAdmin.serverRunning(config.dataDir())) {
            err.println("parley migrate-to-postgres: Parley is running on " + config.dataDir() + "; stop it first");
            return 1;
        }
        DatabaseConfig embedded = new DatabaseConfig(null, null, null, 2, config.dataDir());
        DatabaseConfig postgres = new DatabaseConfig(args.get(0), config.database().user(), config.database().password(),
                2, config.dataDir());
        try {
            Map<String, Long> rows = PostgresMigration.run(embedded, postgres);
            out.println("Copied " + embedded.embeddedFile() + " into " + args.get(0) + ": " + rows);
            out.println("Now start Parley with PARLEY_DATABASE_URL=" + args.get(0)
                    + " (the embedded database is left as it was).");
            return 0;
        } catch (IllegalStateException | IllegalArgumentException | StorageException | UncheckedIOException e) {
            err.println("parley migrate-to-postgres: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("parley migrate-to-postgres: could not reach or migrate " + args.get(0) + ": " + e.getMessage());
            return 1;
        }
    }
}
