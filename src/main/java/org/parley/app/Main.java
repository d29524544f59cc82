package org.parley.app;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.parley.accounts.Members;
import org.parley.invites.Invitations;
import org.parley.loadtest.LoadTest;
import org.parley.storage.Database;

/**
 * The command line: {@code parley [serve]}, {@code parley invite --admin}, {@code parley loadtest …},
 * {@code backup}, {@code restore}, {@code migrate-to-postgres}, {@code --help}, {@code --version}.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("loadtest")) {
            LoadTest.quietLibraryLogs(System.getenv()); // here, not in run(): tests share the JVM's loggers
        }
        int status = run(List.of(args), System.getenv(), System.out, System.err);
        if (status >= 0) {
            System.exit(status);
        }
    }

    /** Runs a command; returns the exit status, or -1 when a server was started and keeps running. */
    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        String command = args.isEmpty() ? "serve" : args.get(0);
        try {
            return switch (command) {
                case "serve" -> serve(args.subList(Math.min(1, args.size()), args.size()), env, err);
                case "invite" -> invite(args.subList(1, args.size()), env, out, err);
                case "loadtest" -> LoadTest.run(args.subList(1, args.size()), env, out, err);
                case "backup" -> StorageCommands.backup(args.subList(1, args.size()), env, out, err);
                case "restore" -> StorageCommands.restore(args.subList(1, args.size()), env, out, err);
                case "migrate-to-postgres" -> StorageCommands.migrateToPostgres(args.subList(1, args.size()), env, out, err);
                case "--help", "-h", "help" -> {
                    out.print(usage());
                    yield 0;
                }
                case "--version", "-V", "version" -> {
                    out.println("parley " + Version.current());
                    yield 0;
                }
                default -> {
                    err.println("parley: unknown command '" + command + "'\n");
                    err.print(usage());
                    yield 2;
                }
            };
        } catch (ParleyConfig.InvalidConfigException e) {
            err.println("parley: configuration error: " + e.getMessage());
            return 2;
        }
    }

    static String usage() {
        var text = new StringBuilder("""
                Usage: parley [command]

                Commands:
                  serve            Start the server (the default when no command is given).
                  invite --admin   Print a new one-time administrator invitation link.
                  loadtest         Load a running server with speakers and listeners and measure it
                                   (parley loadtest --help).
                  backup FILE      Copy the embedded database to FILE (safe while Parley runs).
                  restore FILE     Replace the embedded database with a backup (Parley stopped).
                  migrate-to-postgres URL
                                   Copy the embedded database into an empty PostgreSQL database.
                  build            Rebuild the jar (handled by the ./parley launcher).
                  --version        Print the version.
                  --help           Show this help.

                Configuration (environment variables; defaults in brackets):
                """);
        for (ParleyConfig.Key key : ParleyConfig.Key.values()) {
            text.append(String.format("  %-34s %s [%s]%n", key.name(), key.description,
                    key.defaultValue == null ? "unset" : key.defaultValue.isEmpty() ? "empty" : key.defaultValue));
        }
        return text.toString();
    }

    private static int serve(List<String> rest, Map<String, String> env, PrintStream err) {
        if (!rest.isEmpty()) {
            err.println("parley serve: unexpected arguments " + rest);
            return 2;
        }
        ParleyConfig config = ParleyConfig.load(env);
        Parley parley;
        try {
            parley = Parley.start(config);
        } catch (RuntimeException e) {
            err.println("parley: could not start: " + rootMessage(e));
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(parley::close, "parley-shutdown"));
        parley.announceFirstAdminInvite();
        return -1;
    }

    private static int invite(List<String> rest, Map<String, String> env, PrintStream out, PrintStream err) {
        if (!rest.equals(List.of("--admin"))) {
            err.println("Usage: parley invite --admin   (members create ordinary invitations in the web client)");
            return 2;
        }
        ParleyConfig config = ParleyConfig.load(env);
        var fromServer = LocalAdmin.requestFromRunningServer(config.dataDir());
        if (fromServer.isPresent()) {
            out.println(fromServer.get());
            return 0;
        }
        try (Database db = Database.open(config.database())) {
            var invitations = new Invitations(db, new Members(), config.invites(), Clock.systemUTC());
            out.println(Parley.publicBase(config) + "/invite/" + invitations.createOperatorInvite());
            return 0;
        } catch (RuntimeException e) {
            err.println("parley: could not create the invitation: " + rootMessage(e));
            return 1;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }
}
