package io.sgstream.local;

import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** Command-line options of {@link LocalRunner}. */
public record RunnerOptions(Path stream, Path triggers, Duration duration, int clients, int rate, int accounts, boolean chaos,
                            boolean http, boolean tombstone, int port, Duration catchUpTimeout,
                            String sourceUrl, String targetUrl, String user, String password, List<String> signal,
                            Path secretsDir, int deliveryWindow, Path caCerts) {

    /**
     * Events each Trigger has in delivery at once, unless --delivery-window says otherwise. Wide, so that the
     * apply's staging queue gets batches of hundreds to commit at once (its stagingBatchEvents is 2,000); the async
     * apply subscriber holds no thread per event, and the capture's sink window (twice this) bounds memory.
     */
    public static final int DEFAULT_DELIVERY_WINDOW = 2048;

    static final String USAGE = """
            Usage: scripts/sgstream-local [options]
                   scripts/sgstream-local signal <tombstone|command|...> ['<JSON value>'] [--port N] [--stream FILE]

            Runs an SGStream on this machine: capture service, local broker and functions in one JVM.
            With no options: knative/examples/local-demo.yaml between two embedded PostgreSQL servers, with an OLTP
            workload, a live view and a final source = target verification (exit code 1 on any difference).

              --stream FILE        SGStream to run (default knative/examples/local-demo.yaml)
              --triggers PATH      Trigger manifests, file or directory (default knative/local/<stream name>-triggers.yaml;
                                   when that does not exist, the Triggers the stream controller makes, built from the SGStream)
              --duration ISO8601   how long the demo workload runs; with --source-url, how long to stream before
                                   catching up and exiting (default PT30S; PT0S: no workload)
              --clients N          workload clients (default 4)
              --rate N             workload transactions per second, all clients together (default 1000; 0: unlimited)
              --accounts N         demo size: accounts (orders are 3x, documents 1/50) (default 20000)
              --chaos              the broker reorders deliveries and duplicates 30% of them on purpose
              --http               capture -> broker over loopback HTTP (as with K_SINK) instead of in process
              --tombstone          at the end, send the tombstone signal: drain, sync sequences, drop slot and publication
              --port N             broker HTTP ingress port, for `signal` (default 8585; 0: any free port)
              --catch-up-timeout ISO8601  how long to wait for the target after the workload (default PT5M)
              --source-url JDBC    use an existing source database instead of an embedded one
              --target-url JDBC    use an existing target database instead of an embedded one
              --user U --password P  credentials for --source-url/--target-url (default postgres/postgres)
              --delivery-window N  events each Trigger has in delivery at once; the apply stages what is waiting
                                   in one transaction, so wider means bigger batches (default 2048)
              --secrets-dir DIR    where Secret keys the SGStream references are files DIR/<secret name>/<key>
                                   (default: $SGSTREAM_SECRETS_DIR)
              --ca-certs FILE      PEM bundle of CA certificates a CloudEvent target's https endpoint is trusted by,
                                   besides the JDK's (also $K_CA_CERTS, PEM text, as Knative gives it on Kubernetes)

            Databases: with no --source-url, a `host: embedded` source is an embedded server and a `type: Postgres`
            source is reached as its spec.source.postgres says (host, port, database, sslMode). Secret key references
            (username, password, sslRootCert...: {name: pg-creds, key: password}) are resolved from the environment
            variable SGSTREAM_SECRET_PG_CREDS_PASSWORD (SGSTREAM_SECRET_ + name + _ + key, upper case, other
            characters as _), else from the file <secrets dir>/pg-creds/password. An SGCluster target is an embedded
            server unless --target-url is given; then its sgCluster username/password Secrets, if set, are used.

            Exit codes: 0 source = target (or the function saw every change), 1 differences, not caught up or failed,
                        2 bad options or invalid SGStream, 3 the source cannot be captured (wal_level, privileges,
                        unreachable...), 4 a Secret key the SGStream references is missing, 5 the target is unreachable.
            """;

    public static RunnerOptions parse(String... args) {
        Path stream = Path.of("knative/examples/local-demo.yaml");
        Path triggers = null; // knative/local/<stream name>-triggers.yaml
        Duration duration = Duration.ofSeconds(30);
        Duration catchUp = Duration.ofMinutes(5);
        int clients = 4;
        int rate = 1000;
        int accounts = 20_000;
        int port = 8585;
        boolean chaos = false;
        boolean http = false;
        boolean tombstone = false;
        String sourceUrl = null;
        String targetUrl = null;
        String user = "postgres";
        String password = "postgres";
        List<String> signal = new ArrayList<>();
        Path secretsDir = null;
        int deliveryWindow = DEFAULT_DELIVERY_WINDOW;
        Path caCerts = null;
        int i = 0;
        if (args.length > 0 && args[0].equals("signal")) {
            for (i = 1; i < args.length && !args[i].startsWith("--"); i++) {
                signal.add(args[i]);
            }
            if (signal.isEmpty() || signal.size() > 2) {
                throw new IllegalArgumentException("signal: expected a signal name and an optional JSON value\n\n" + USAGE);
            }
        }
        for (; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--stream" -> stream = Path.of(value(args, ++i, a));
                case "--triggers" -> triggers = Path.of(value(args, ++i, a));
                case "--duration" -> duration = duration(value(args, ++i, a), a);
                case "--catch-up-timeout" -> catchUp = duration(value(args, ++i, a), a);
                case "--clients" -> clients = number(value(args, ++i, a), a, 1, 1000);
                case "--rate" -> rate = number(value(args, ++i, a), a, 0, Integer.MAX_VALUE);
                case "--accounts" -> accounts = number(value(args, ++i, a), a, 1, Integer.MAX_VALUE);
                case "--port" -> port = number(value(args, ++i, a), a, 0, 65535);
                case "--chaos" -> chaos = true;
                case "--http" -> http = true;
                case "--tombstone" -> tombstone = true;
                case "--source-url" -> sourceUrl = value(args, ++i, a);
                case "--target-url" -> targetUrl = value(args, ++i, a);
                case "--user" -> user = value(args, ++i, a);
                case "--password" -> password = value(args, ++i, a);
                case "--secrets-dir" -> secretsDir = Path.of(value(args, ++i, a));
                case "--delivery-window" -> deliveryWindow = number(value(args, ++i, a), a, 1, 100_000);
                case "--ca-certs" -> caCerts = Path.of(value(args, ++i, a));
                case "--help", "-h" -> throw new HelpRequested();
                default -> throw new IllegalArgumentException("unknown option " + a + "\n\n" + USAGE);
            }
        }
        return new RunnerOptions(stream, triggers, duration, clients, rate, accounts, chaos, http, tombstone, port, catchUp,
                sourceUrl, targetUrl, user, password, List.copyOf(signal), secretsDir, deliveryWindow, caCerts);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n\n" + USAGE);
        }
        return args[i];
    }

    private static Duration duration(String text, String option) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + ": '" + text + "' is not an ISO-8601 duration (e.g. PT30S, PT2M)");
        }
    }

    private static int number(String text, String option, int min, int max) {
        try {
            int n = Integer.parseInt(text);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(option + ": expected a number from " + min + " to " + max + ", was '" + text + "'");
    }

    /** --help: print the usage and exit 0. */
    static final class HelpRequested extends RuntimeException {
        HelpRequested() {
            super(USAGE, null, false, false);
        }
    }
}
