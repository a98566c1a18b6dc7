package io.sgstream.local;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgstream.api.DebeziumSettings;
import io.sgstream.api.InvalidSGStreamException;
import io.sgstream.api.SGStream;
import io.sgstream.api.SGStreams;
import io.sgstream.api.StreamNames;
import io.sgstream.api.spec.TargetType;
import io.sgstream.broker.LocalBroker;
import io.sgstream.broker.delivery.ChaosOptions;
import io.sgstream.broker.delivery.SubscriberRegistry;
import io.sgstream.capture.CaptureConfig;
import io.sgstream.capture.CaptureService;
import io.sgstream.capture.CaptureState;
import io.sgstream.capture.CaptureStatus;
import io.sgstream.capture.engine.DebeziumConfig;
import io.sgstream.capture.preflight.Preflight;
import io.sgstream.capture.preflight.PreflightException;
import io.sgstream.api.secret.EnvSecretResolver;
import io.sgstream.api.secret.SecretNotFoundException;
import io.sgstream.api.secret.SecretResolver;
import io.sgstream.local.wiring.StreamResume;
import io.sgstream.capture.sink.EventSink;
import io.sgstream.capture.sink.HttpEventSink;
import io.sgstream.capture.sink.HttpSinkConfig;
import io.sgstream.event.SignalEvent;
import io.sgstream.event.SignalRequest;
import io.sgstream.event.StreamId;
import io.sgstream.local.demo.DemoSchema;
import io.sgstream.local.demo.DemoWorkload;
import io.sgstream.broker.trigger.TriggerLoader;
import io.fabric8.knative.duck.v1.DeliverySpec;
import io.sgstream.broker.trigger.KnativeManifests;
import io.sgstream.local.targets.ApplyTarget;
import io.sgstream.local.targets.CloudEventTarget;
import io.sgstream.local.wiring.StreamTriggerManifests;
import io.sgstream.local.targets.PgLambdaTarget;
import io.sgstream.local.targets.StreamTarget;
import io.sgstream.local.view.LiveView;
import io.sgstream.local.wiring.EventDisplay;
import io.sgstream.local.wiring.BrokerSink;
import io.sgstream.local.wiring.CaptureSignalSubscriber;
import io.sgstream.local.wiring.LateSubscriber;
import io.sgstream.local.wiring.SourceCleanup;
import io.sgstream.local.wiring.Databases;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Runs an SGStream on one machine: the capture service, the local broker routing with the Trigger manifests of
 * {@code knative/}, and sgcluster-apply, in one JVM; the demo workload on the source; a live view; and a final
 * comparison of source and target. Exit codes: see {@link RunnerOptions#USAGE} and the constants here.
 */
public final class LocalRunner {

    public static final int EXIT_IDENTICAL = 0;
    public static final int EXIT_DIFFERENT = 1;
    public static final int EXIT_INVALID = 2;
    public static final int EXIT_SOURCE_NOT_CAPTURABLE = 3;
    public static final int EXIT_SECRET_MISSING = 4;
    public static final int EXIT_TARGET_UNREACHABLE = 5;

    private static final Duration TICK = Duration.ofMillis(500);

    private final RunnerOptions options;
    private final PrintStream out;
    private final Map<String, String> environment;

    public LocalRunner(RunnerOptions options, PrintStream out) {
        this(options, out, System.getenv());
    }

    /**
     * @param environment where {@code SGSTREAM_SECRET_*} and {@code SGSTREAM_SECRETS_DIR} are read (the process
     *                    environment normally; a map lets a test give Secrets without changing its own)
     */
    public LocalRunner(RunnerOptions options, PrintStream out, Map<String, String> environment) {
        this.options = options;
        this.out = out;
        this.environment = Map.copyOf(environment);
    }

    public static void main(String[] args) {
        RunnerOptions options;
        try {
            options = RunnerOptions.parse(args);
        } catch (RunnerOptions.HelpRequested help) {
            System.out.print(RunnerOptions.USAGE);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        QuietLogging.apply();
        int code = options.signal().isEmpty() ? new LocalRunner(options, System.out).run() : SignalCommand.send(options, System.out);
        System.exit(code);
    }

    public int run() {
        SGStream stream;
        try {
            stream = SGStreams.fromFile(options.stream());
        } catch (InvalidSGStreamException e) {
            out.println("Invalid SGStream " + options.stream() + ":\n" + e.getMessage());
            return 2;
        } catch (java.io.IOException e) {
            out.println("Cannot read the SGStream " + options.stream() + ": " + e);
            return 2;
        }
        StreamId id = new StreamId(StreamNames.namespace(stream), StreamNames.name(stream));
        out.println("SGStream " + id + " from " + options.stream());
        SecretResolver secrets = new EnvSecretResolver(environment, secretsDir());
        try (Databases databases = Databases.forStream(stream, options.sourceUrl(), options.targetUrl(), options.user(),
                options.password(), secrets)) {
            out.println("  source " + databases.source().jdbcUrl() + (databases.embeddedSource() ? " (embedded, wal_level=logical)" : ""));
            if (databases.target() != null) {
                out.println("  target " + databases.target().jdbcUrl() + (options.targetUrl() == null ? " (embedded)" : ""));
            }
            if (databases.embeddedSource()) {
                try (Connection c = databases.source().connect("sgstream-local-demo")) {
                    DemoSchema.create(c, options.accounts());
                }
                out.printf("  demo data: %,d accounts, %,d orders, %,d documents%n", options.accounts(), 3 * options.accounts(),
                        Math.max(10, options.accounts() / 50));
            }
            return stream(stream, id, databases, secrets);
        } catch (PreflightException e) {
            out.println("\nThe source cannot be captured (" + e.problem() + "); nothing was started or created on the target:\n  "
                    + e.getMessage());
            return EXIT_SOURCE_NOT_CAPTURABLE;
        } catch (SecretNotFoundException e) {
            out.println("A credential of the SGStream is missing: " + e.getMessage()
                    + "\n  (see --help: Secret key references resolve from SGSTREAM_SECRET_* variables or --secrets-dir)");
            return EXIT_SECRET_MISSING;
        } catch (TargetUnreachableException e) {
            out.println("\nThe target cannot be reached; the capture was not started:\n  " + e.getMessage());
            return EXIT_TARGET_UNREACHABLE;
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            return EXIT_INVALID;
        } catch (Exception e) {
            out.println("\nFailed: " + e);
            e.printStackTrace(out);
            return 1;
        }
    }

    /** {@code --secrets-dir}, else {@code $SGSTREAM_SECRETS_DIR}, else none (environment variables only). */
    private Path secretsDir() {
        if (options.secretsDir() != null) {
            return options.secretsDir();
        }
        String dir = environment.get(EnvSecretResolver.SECRETS_DIR_ENV);
        return dir == null || dir.isBlank() ? null : Path.of(dir);
    }

    /** PEM bundles an https CloudEvent endpoint is trusted by besides the JDK's: {@code --ca-certs}, {@code $K_CA_CERTS}. */
    private List<String> caCertificates() {
        List<String> pems = new ArrayList<>();
        if (options.caCerts() != null) {
            try {
                pems.add(Files.readString(options.caCerts(), StandardCharsets.US_ASCII));
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("--ca-certs: cannot read " + options.caCerts() + ": " + e);
            }
        }
        String fromKnative = environment.get(HttpSinkConfig.ENV_CA_CERTS);
        if (fromKnative != null && !fromKnative.isBlank()) {
            pems.add(fromKnative);
        }
        return pems;
    }

    private int stream(SGStream stream, StreamId id, Databases databases, SecretResolver secrets) throws Exception {
        CaptureConfig captureConfig = captureConfig(stream, id, databases);
        // before anything starts or touches the target: a source that cannot be captured leaves the target untouched
        new Preflight(captureConfig, asMap(DebeziumConfig.properties(captureConfig))).check();
        checkTarget(databases);
        boolean resuming = StreamResume.committed(captureConfig).map(position -> {
            out.println(StreamResume.notice(id, position, captureConfig));
            return true;
        }).orElse(false);
        MeterRegistry registry = new SimpleMeterRegistry();
        SubscriberRegistry subscribers = new SubscriberRegistry();
        LateSubscriber captureSubscriber = new LateSubscriber();
        subscribers.register(id.name() + "-capture", captureSubscriber);
        Path triggers = options.triggers() != null ? options.triggers()
                : Path.of("knative", "local", id.name() + "-triggers.yaml");
        // no manifest for this stream: the Triggers the stream controller would create, built from the SGStream
        boolean built = options.triggers() == null && !Files.exists(triggers);
        KnativeManifests manifests = !built ? TriggerLoader.load(triggers)
                : isCloudEvent(stream) ? StreamTriggerManifests.signalsOnly(stream) // the capture posts to the endpoint
                : StreamTriggerManifests.forStream(stream, triggerSuffix(stream), delivery(stream));
        String triggersOrigin = built ? "built from the SGStream (as the stream controller makes them)" : "from " + triggers;
        try (StreamTarget target = target(stream, id, databases, registry, subscribers, secrets, caCertificates())) {
            if (resuming && target.resumedAt() != null) {
                out.println("  " + target.resumedAt());
            }
            EventDisplay display = EventDisplay.registerMissing(manifests, subscribers);
            LocalBroker.Builder brokerBuilder = LocalBroker.builder().name(StreamTriggerManifests.BROKER).namespace(id.namespace())
                    .manifests(manifests).subscribers(subscribers).httpPort(options.port())
                    .maxInFlightPerTrigger(options.deliveryWindow());
            if (options.chaos()) {
                brokerBuilder.chaos(new ChaosOptions(42, 0.3, Duration.ofMillis(20)));
                out.println("  chaos: the broker duplicates 30% of deliveries and reorders them");
            }
            try (LocalBroker broker = brokerBuilder.build()) {
                out.println("  broker " + broker.startHttpIngress() + " with Triggers " + broker.triggers() + " " + triggersOrigin);
                if (target instanceof CloudEventTarget cloudEvent) {
                    out.println("  target: the capture service posts every event itself, as on Kubernetes: " + cloudEvent.describe());
                }
                try (EventSink sink = target instanceof CloudEventTarget cloudEvent ? cloudEvent.sink() : sink(broker, registry);
                     CaptureService capture = new CaptureService(captureConfig, sink, registry)) {
                    CaptureSignalSubscriber signals = new CaptureSignalSubscriber(capture, keepSlot(stream));
                    captureSubscriber.bind(signals);
                    capture.start();
                    out.println();
                    Run run = new Run(capture, target, broker, signals, new LiveView(out, System.console() != null));
                    runWorkload(databases, run);
                    boolean caughtUp = awaitCatchUp(run);
                    boolean completed = false;
                    if (caughtUp && options.tombstone() && !signals.tombstoned().isDone()) {
                        out.println("Sending the tombstone signal through the broker...");
                        broker.publish(new SignalRequest(id, SignalEvent.TOMBSTONE, "{}").toCloudEvent());
                    }
                    if (options.tombstone() || signals.tombstoned().isDone()) {
                        completed = awaitCompletion(run, databases);
                    }
                    capture.stop();
                    broker.stats().triggers().forEach((trigger, t) -> out.printf(
                            "  Trigger %s: delivered %,d, duplicated %,d, retried %,d, dead-lettered %,d, dropped %,d%n",
                            trigger, t.delivered(), t.duplicated(), t.retried(), t.deadLettered(), t.dropped()));
                    int code = target.report(out, caughtUp, completed);
                    display.report(out);
                    return code;
                }
            }
        }
    }

    private static void checkTarget(Databases databases) {
        if (databases.target() == null) {
            return;
        }
        try (Connection c = databases.target().connect("sgstream-local-check")) {
            c.isValid(5);
        } catch (java.sql.SQLException e) {
            throw new TargetUnreachableException("cannot connect to the target " + databases.target() + ": " + e.getMessage()
                    + " — check --target-url and the target credentials");
        }
    }

    private static Map<String, String> asMap(Properties properties) {
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(k -> map.put(k, properties.getProperty(k)));
        return map;
    }

    /** The target database refused or did not answer a connection. */
    static final class TargetUnreachableException extends RuntimeException {
        TargetUnreachableException(String message) {
            super(message);
        }
    }

    private static StreamTarget target(SGStream stream, StreamId id, Databases databases, MeterRegistry registry,
                                       SubscriberRegistry subscribers, SecretResolver secrets, List<String> caCertificates) {
        TargetType type = stream.getSpec().getTarget().targetType().orElseThrow();
        return switch (type) {
            case SGCLUSTER -> new ApplyTarget(stream, id, databases, registry, subscribers);
            case PG_LAMBDA -> new PgLambdaTarget(id, stream.getSpec().getTarget().getPgLambda(), registry, subscribers);
            case CLOUD_EVENT -> new CloudEventTarget(stream, secrets, caCertificates, registry);
        };
    }

    private static boolean isCloudEvent(SGStream stream) {
        return stream.getSpec().getTarget().targetType().orElseThrow() == TargetType.CLOUD_EVENT;
    }

    /** The subscriber name suffix of a function target, as the stream controller names its Trigger and Service. */
    private static String triggerSuffix(SGStream stream) {
        return stream.getSpec().getTarget().targetType().orElseThrow() == TargetType.PG_LAMBDA ? "pglambda" : "apply";
    }

    private static DeliverySpec delivery(SGStream stream) {
        DeliverySpec spec = new DeliverySpec(); // as knative/local/local-demo-triggers.yaml
        spec.setRetry(20);
        spec.setBackoffPolicy("exponential");
        spec.setBackoffDelay("PT0.1S");
        return spec;
    }

    /** What the progress loops look at. */
    private record Run(CaptureService capture, StreamTarget target, LocalBroker broker, CaptureSignalSubscriber signals,
                       LiveView view) {
        void update(long workloadTransactions) {
            view.update(capture.status(), target.progress(), broker.stats(), workloadTransactions);
        }
    }

    private static boolean keepSlot(SGStream stream) {
        var source = stream.getSpec().getSource().activeSection();
        return source.isPresent() && Boolean.TRUE.equals(source.get().getSkipDropReplicationSlotAndPublicationOnTombstone());
    }

    /** After a tombstone: the capture stopped and cleaned up, the target finished (sequences synced, completed). */
    private boolean awaitCompletion(Run run, Databases databases) throws Exception {
        Instant deadline = Instant.now().plus(options.catchUpTimeout());
        while (Instant.now().isBefore(deadline)) {
            if (run.signals().tombstoned().isCompletedExceptionally()) {
                out.println("The tombstone failed: " + run.signals().tombstoned().handle((v, e) -> String.valueOf(e)).join());
                return false;
            }
            if (run.signals().tombstoned().isDone() && run.target().completed()) {
                run.signals().tombstoned().join();
                out.println("Stream completed: tombstone applied" + (run.target() instanceof ApplyTarget ? ", sequences synchronized" : ""));
                try (Connection c = databases.source().connect("sgstream-verify")) {
                    var leftovers = SourceCleanup.leftovers(c, run.capture().config());
                    out.println("  replication slot and publication on the source: " + (leftovers.isEmpty() ? "dropped" : "still there: " + leftovers));
                }
                return true;
            }
            Thread.sleep(TICK.toMillis());
        }
        out.println("The tombstone did not complete within " + options.catchUpTimeout() + ": capture "
                + run.capture().status().state() + (run.signals().tombstoned().isDone() ? " (stopped after the tombstone)" : " (tombstone not acknowledged)")
                + ", target " + run.target().progress() + (run.target().failure() == null ? "" : ", " + run.target().failure()));
        return false;
    }

    private EventSink sink(LocalBroker broker, MeterRegistry registry) {
        if (options.http()) {
            return new HttpEventSink(HttpSinkConfig.builder(broker.ingressUri().orElseThrow().toString()).build(), registry);
        }
        return new BrokerSink(broker, 2 * options.deliveryWindow());
    }

    private CaptureConfig captureConfig(SGStream stream, StreamId id, Databases databases) {
        return CaptureConfig.builder(id, databases.source())
                .sourceField("spec.source")
                .slotName(StreamNames.slotName(stream))
                .publicationName(StreamNames.publicationName(stream))
                .debeziumProperties(DebeziumSettings.forStream(stream))
                .build();
    }

    private void runWorkload(Databases databases, Run run) throws Exception {
        DemoWorkload workload = null;
        if (databases.embeddedSource() && !options.duration().isZero()) {
            Properties credentials = new Properties();
            credentials.setProperty("user", databases.source().user());
            credentials.setProperty("password", databases.source().password());
            workload = new DemoWorkload(databases.source().jdbcUrl(), credentials, options.clients(), options.accounts(), options.rate());
            workload.start();
            out.printf("Workload: %d clients, %s tx/s, for %s (transfers, orders, deletes, TOASTed documents)%n", options.clients(),
                    options.rate() == 0 ? "unlimited" : String.format("%,d", options.rate()), options.duration());
        }
        Instant end = Instant.now().plus(options.duration());
        while (Instant.now().isBefore(end) && !run.signals().tombstoned().isDone()) {
            Thread.sleep(TICK.toMillis());
            failFast(run.capture());
            run.update(workload == null ? -1 : workload.transactions());
        }
        if (workload != null) {
            workload.close();
            run.view().finish();
            out.printf("Workload done: %,d source transactions%n", workload.transactions());
        }
    }

    /**
     * Waits until everything the source committed has had its effect: nothing in flight, the target caught up with
     * the acknowledged position, and the capture saw nothing new for two seconds.
     */
    private boolean awaitCatchUp(Run run) throws Exception {
        Instant deadline = Instant.now().plus(options.catchUpTimeout());
        long lastEvents = -1;
        Instant quietSince = Instant.now();
        while (Instant.now().isBefore(deadline)) {
            Thread.sleep(TICK.toMillis());
            if (run.signals().tombstoned().isDone()) {
                run.view().finish();
                return true; // a tombstone from the command line ended the stream; completion is checked next
            }
            failFast(run.capture());
            CaptureStatus c = run.capture().status();
            run.view().update(c, run.target().progress(), run.broker().stats(), -1);
            if (c.eventsCaptured() != lastEvents) {
                lastEvents = c.eventsCaptured();
                quietSince = Instant.now();
            }
            boolean quiet = c.snapshotCompleted() && c.inFlight() == 0 && Duration.between(quietSince, Instant.now()).toSeconds() >= 2;
            if (quiet && run.target().caughtUp(c)) {
                run.view().finish();
                out.printf("Caught up: transaction %,d acknowledged, %,d events%n", c.acknowledgedTxSeq(), c.eventsCaptured());
                out.print(run.view().throughput());
                return true;
            }
            if (run.target().failure() != null) {
                run.view().finish();
                out.println("The target stopped: " + run.target().failure());
                return false;
            }
        }
        run.view().finish();
        out.println("Not caught up after " + options.catchUpTimeout());
        return false;
    }

    private static void failFast(CaptureService capture) {
        if (capture.state() == CaptureState.FAILED) {
            throw new IllegalStateException("the capture failed: " + capture.failure().map(Throwable::getMessage).orElse("?"));
        }
    }

}
