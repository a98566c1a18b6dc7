package io.sgstream.capture;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgstream.api.SGStreams;
import io.sgstream.api.secret.EnvSecretResolver;
import io.sgstream.capture.offsets.OffsetStoreSettings;
import io.sgstream.capture.preflight.PreflightException;
import io.sgstream.capture.sink.HttpEventSink;
import io.sgstream.capture.sink.HttpSinkConfig;
import io.sgstream.event.StreamId;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.ConsoleHandler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import java.util.logging.Logger;

/**
 * Runs one capture without Quarkus, from a properties file, delivering to an HTTP CloudEvents endpoint:
 * {@code java -cp ... io.sgstream.capture.CaptureMain capture.properties}. Stops gracefully on SIGTERM/Ctrl-C.
 *
 * <pre>
 * sink.url=http://localhost:8080/events          # required
 * sink.max-in-flight=64
 * # either an SGStream (secrets from SGSTREAM_SECRET_&lt;NAME&gt;_&lt;KEY&gt; or SGSTREAM_SECRETS_DIR) ...
 * sgstream.file=stream.yaml
 * # ... or the source directly
 * stream.namespace=default
 * stream.name=orders
 * source.host=localhost
 * source.port=5432
 * source.database=app
 * source.user=postgres
 * source.password=...                            # or the environment variable SGSTREAM_SOURCE_PASSWORD
 * slot.name=default_orders                       # defaults to &lt;namespace&gt;_&lt;name&gt;
 * publication.name=default_orders
 * debezium.table.include.list=public\.orders     # any connector property, prefixed with debezium.
 * offsets.file=/tmp/offsets.dat                  # file store; default: table sgstream.capture_offsets in the source
 * offsets.table=sgstream.capture_offsets
 * max-event-bytes=64000
 * commit-interval-ms=1000
 * status-interval-ms=0                           # &gt; 0 prints a status line that often
 * log.verbose=false                              # true keeps Debezium's INFO logs
 * </pre>
 *
 * Exit codes: 0 stopped, 1 failed while running, 2 bad configuration or preflight failure.
 */
public final class CaptureMain {

    private CaptureMain() {
    }

    public static void main(String[] args) throws Exception {
        // before anything logs: SLF4J goes to JBoss LogManager here, which must also be JUL's manager
        if (System.getProperty("java.util.logging.manager") == null) {
            System.setProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager");
        }
        if (args.length != 1) {
            System.err.println("usage: CaptureMain <capture.properties>");
            System.exit(2);
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[0]))) {
            p.load(in);
        }
        quietLogs(Boolean.parseBoolean(p.getProperty("log.verbose", "false")));
        CaptureConfig config;
        try {
            config = config(p);
        } catch (RuntimeException | IOException e) {
            System.err.println("invalid capture configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        HttpSinkConfig sinkConfig = HttpSinkConfig.builder(required(p, "sink.url"))
                .maxInFlight(Integer.parseInt(p.getProperty("sink.max-in-flight", "64"))).build();
        int exit;
        try (HttpEventSink sink = new HttpEventSink(sinkConfig, registry);
             CaptureService capture = new CaptureService(config, sink, registry)) {
            Runtime.getRuntime().addShutdownHook(new Thread(capture::stop, "sgstream-capture-shutdown"));
            try {
                capture.start();
            } catch (PreflightException e) {
                System.err.println(e.getMessage());
                System.exit(2);
                return;
            }
            long statusInterval = Long.parseLong(p.getProperty("status-interval-ms", "0"));
            ScheduledExecutorService printer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sgstream-capture-status");
                t.setDaemon(true);
                return t;
            });
            if (statusInterval > 0) {
                printer.scheduleAtFixedRate(() -> System.out.println(capture.status()), statusInterval, statusInterval,
                        TimeUnit.MILLISECONDS);
            }
            try {
                capture.completion().join();
                exit = 0;
            } catch (CompletionException e) {
                System.err.println("capture failed: " + e.getCause().getMessage());
                exit = 1;
            }
            printer.shutdownNow();
        }
        System.exit(exit);
    }

    static CaptureConfig config(Properties p) throws IOException {
        CaptureConfig.Builder b;
        String file = p.getProperty("sgstream.file");
        if (file != null) {
            CaptureConfig fromStream = CaptureConfig.from(SGStreams.fromFile(Path.of(file)),
                    EnvSecretResolver.fromEnvironment());
            b = CaptureConfig.builder(fromStream.stream(), fromStream.source())
                    .sourceField(fromStream.sourceField())
                    .slotName(fromStream.slotName())
                    .publicationName(fromStream.publicationName())
                    .debeziumProperties(fromStream.debeziumProperties());
        } else {
            StreamId stream = new StreamId(p.getProperty("stream.namespace", "default"), required(p, "stream.name"));
            String password = p.getProperty("source.password", System.getenv("SGSTREAM_SOURCE_PASSWORD"));
            PostgresEndpoint source = new PostgresEndpoint(required(p, "source.host"),
                    Integer.parseInt(p.getProperty("source.port", "5432")), p.getProperty("source.database", "postgres"),
                    required(p, "source.user"), password);
            b = CaptureConfig.builder(stream, source);
            if (p.getProperty("slot.name") != null) {
                b.slotName(p.getProperty("slot.name"));
            }
            if (p.getProperty("publication.name") != null) {
                b.publicationName(p.getProperty("publication.name"));
            }
        }
        for (String key : p.stringPropertyNames()) {
            if (key.startsWith("debezium.")) {
                b.debeziumProperty(key.substring("debezium.".length()), p.getProperty(key));
            }
        }
        CaptureConfig base = b.build();
        if (p.getProperty("offsets.file") != null) {
            b.offsets(OffsetStoreSettings.file(Path.of(p.getProperty("offsets.file"))));
        } else if (p.getProperty("offsets.table") != null) {
            b.offsets(OffsetStoreSettings.jdbc(base.source(), p.getProperty("offsets.table")));
        }
        b.maxEventBytes(Integer.parseInt(p.getProperty("max-event-bytes", Integer.toString(base.maxEventBytes()))));
        b.commitInterval(Duration.ofMillis(Long.parseLong(p.getProperty("commit-interval-ms",
                Long.toString(base.commitInterval().toMillis())))));
        return b.build();
    }

    private static String required(Properties p, String key) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("property " + key + " is required");
        }
        return v;
    }

    /** Logs to stderr; Debezium and Kafka log a lot at INFO, so only their warnings unless verbose. */
    private static void quietLogs(boolean verbose) {
        Logger root = Logger.getLogger("");
        // Quarkus (on the classpath for the application) installs a handler that holds records until Quarkus
        // starts, which never happens here: replace it with a plain console handler
        for (java.util.logging.Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler console = new ConsoleHandler();
        console.setFormatter(new SimpleFormatter() {
            @Override
            public String format(LogRecord r) {
                String error = r.getThrown() == null ? "" : " " + r.getThrown();
                return String.format("%1$tF %1$tT %2$-7s [%3$s] %4$s%5$s%n", r.getMillis(), r.getLevel(),
                        r.getLoggerName(), formatMessage(r), error);
            }
        });
        root.addHandler(console);
        if (!verbose) {
            for (String name : new String[]{"io.debezium", "org.apache.kafka"}) {
                Logger.getLogger(name).setLevel(Level.WARNING);
            }
        }
    }
}
