package io.sgstream.local;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgstream.api.DebeziumSettings;
import io.sgstream.api.InvalidSGStreamException;
import io.sgstream.api.SGStream;
import io.sgstream.api.SGStreams;
import io.sgstream.api.StreamNames;
import io.sgstream.api.spec.TargetType;
import io.sgstream.apply.ApplyConfig;
import io.sgstream.apply.SgClusterApply;
import io.sgstream.apply.status.StreamStatus;
import io.sgstream.broker.LocalBroker;
import io.sgstream.broker.delivery.ChaosOptions;
import io.sgstream.broker.delivery.SubscriberRegistry;
import io.sgstream.capture.CaptureConfig;
import io.sgstream.capture.CaptureService;
import io.sgstream.capture.CaptureState;
import io.sgstream.capture.CaptureStatus;
import io.sgstream.capture.preflight.PreflightException;
import io.sgstream.capture.sink.EventSink;
import io.sgstream.capture.sink.HttpEventSink;
import io.sgstream.capture.sink.HttpSinkConfig;
import io.sgstream.event.SignalEvent;
import io.sgstream.event.SignalRequest;
import io.sgstream.event.StreamId;
import io.sgstream.local.demo.DemoSchema;
import io.sgstream.local.demo.DemoWorkload;
import io.sgstream.local.verify.SourceTargetVerifier;
import io.sgstream.local.view.LiveView;
import io.sgstream.local.wiring.ApplySubscriber;
import io.sgstream.local.wiring.BrokerSink;
import io.sgstream.local.wiring.CaptureSignalSubscriber;
import io.sgstream.local.wiring.LateSubscriber;
import io.sgstream.local.wiring.SourceCleanup;
import io.sgstream.local.wiring.Databases;

import java.io.PrintStream;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * Runs an SGStream on one machine: the capture service, the local broker routing with the Trigger manifests of
 * {@code knative/}, and sgcluster-apply, in one JVM; the demo workload on the source; a live view; and a final
 * comparison of source and target. Exit code 0 when the target equals the source, 1 when it does not, 2 for bad
 * options or an invalid SGStream, 3 when the source cannot be captured.
 */
public final class LocalRunner {

    private static final Duration TICK = Duration.ofMillis(500);

    private final RunnerOptions options;
    private final PrintStream out;

    public LocalRunner(RunnerOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
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
        if (stream.getSpec().getTarget().targetType().orElse(null) != TargetType.SGCLUSTER) {
            out.println("The local runner runs SGCluster targets; " + options.stream() + " has target "
                    + stream.getSpec().getTarget().getType() + ".");
            return 2;
        }
        StreamId id = new StreamId(StreamNames.namespace(stream), StreamNames.name(stream));
        out.println("SGStream " + id + " from " + options.stream());
        try (Databases databases = Databases.forStream(stream, options.sourceUrl(), options.targetUrl(), options.user(), options.password())) {
            out.println("  source " + databases.source().jdbcUrl() + (databases.embeddedSource() ? " (embedded, wal_level=logical)" : ""));
            out.println("  target " + databases.target().jdbcUrl() + (options.targetUrl() == null ? " (embedded)" : ""));
            if (databases.embeddedSource()) {
                try (Connection c = databases.source().connect("sgstream-local-demo")) {
                    DemoSchema.create(c, options.accounts());
                }
                out.printf("  demo data: %,d accounts, %,d orders, %,d documents%n", options.accounts(), 3 * options.accounts(),
                        Math.max(10, options.accounts() / 50));
            }
            return stream(stream, id, databases);
        } catch (PreflightException e) {
            out.println("\nThe source cannot be captured:\n  " + e.getMessage());
            return 3;
        } catch (IllegalArgumentException e) {
            out.println(e.getMessage());
            return 2;
        } catch (Exception e) {
            out.println("\nFailed: " + e);
            e.printStackTrace(out);
            return 1;
        }
    }

    private int stream(SGStream stream, StreamId id, Databases databases) throws Exception {
        MeterRegistry registry = new SimpleMeterRegistry();
        SubscriberRegistry subscribers = new SubscriberRegistry();
        LateSubscriber captureSubscriber = new LateSubscriber();
        ApplyConfig applyConfig = ApplyConfig.forTarget(databases.target().jdbcUrl(), databases.target().user(),
                databases.target().password());
        try (SgClusterApply apply = SgClusterApply.start(applyConfig, registry)) {
            subscribers.register(id.name() + "-apply", new ApplySubscriber(apply));
            subscribers.register(id.name() + "-capture", captureSubscriber);
            LocalBroker.Builder brokerBuilder = LocalBroker.builder().name("sgstream").namespace(id.namespace())
                    .load(options.triggers()).subscribers(subscribers).httpPort(options.port());
            if (options.chaos()) {
                brokerBuilder.chaos(new ChaosOptions(42, 0.3, Duration.ofMillis(20)));
                out.println("  chaos: the broker duplicates 30% of deliveries and reorders them");
            }
            try (LocalBroker broker = brokerBuilder.build()) {
                out.println("  broker " + broker.startHttpIngress() + " with Triggers " + broker.triggers());
                try (EventSink sink = sink(broker, registry);
                     CaptureService capture = new CaptureService(captureConfig(stream, id, databases), sink, registry)) {
                    CaptureSignalSubscriber signals = new CaptureSignalSubscriber(capture, keepSlot(stream));
                    captureSubscriber.bind(signals);
                    capture.start();
                    out.println();
                    Run run = new Run(capture, apply, broker, id, signals, new LiveView(out, System.console() != null));
                    runWorkload(databases, run);
                    boolean caughtUp = awaitCatchUp(run, databases);
                    boolean completed = false;
                    if (caughtUp && options.tombstone() && !signals.tombstoned().isDone()) {
                        out.println("Sending the tombstone signal through the broker...");
                        broker.publish(new SignalRequest(id, SignalEvent.TOMBSTONE, "{}").toCloudEvent());
                    }
                    if (options.tombstone() || signals.tombstoned().isDone()) {
                        completed = awaitCompletion(run, databases);
                    }
                    capture.stop();
                    return verify(databases, caughtUp, completed);
                }
            }
        }
    }

    /** What the progress loops look at. */
    private record Run(CaptureService capture, SgClusterApply apply, LocalBroker broker, StreamId id,
                       CaptureSignalSubscriber signals, LiveView view) {
        void update(long workloadTransactions) {
            view.update(capture.status(), applyStatus(apply, id), broker.stats(), workloadTransactions);
        }
    }

    private static boolean keepSlot(SGStream stream) {
        var source = stream.getSpec().getSource().activeSection();
        return source.isPresent() && Boolean.TRUE.equals(source.get().getSkipDropReplicationSlotAndPublicationOnTombstone());
    }

    /** After a tombstone: the capture stopped and cleaned up, the target applied it (sequences synced, completed). */
    private boolean awaitCompletion(Run run, Databases databases) throws Exception {
        Instant deadline = Instant.now().plus(options.catchUpTimeout());
        while (Instant.now().isBefore(deadline)) {
            StreamStatus a = applyStatus(run.apply(), run.id());
            if (run.signals().tombstoned().isDone() && a != null && a.completed()) {
                run.signals().tombstoned().join();
                out.printf("Stream completed: tombstone applied at transaction %,d, sequences synchronized%n", a.appliedTxSeq());
                try (Connection c = databases.source().connect("sgstream-verify")) {
                    out.println("  replication slot and publication on the source: "
                            + (SourceCleanup.leftovers(c, run.capture().config()).isEmpty() ? "dropped"
                            : "still there: " + SourceCleanup.leftovers(c, run.capture().config())));
                }
                return true;
            }
            Thread.sleep(TICK.toMillis());
        }
        out.println("The tombstone did not complete within " + options.catchUpTimeout());
        return false;
    }

    private EventSink sink(LocalBroker broker, MeterRegistry registry) {
        if (options.http()) {
            return new HttpEventSink(HttpSinkConfig.builder(broker.ingressUri().orElseThrow().toString()).build(), registry);
        }
        return new BrokerSink(broker, 1024);
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
        LiveView view = run.view();
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
            view.finish();
            out.printf("Workload done: %,d source transactions%n", workload.transactions());
        }
    }

    /**
     * Waits until everything the source committed is on the target: nothing in flight or pending, the applied
     * position equals the acknowledged one, and the capture saw nothing new for two seconds.
     */
    private boolean awaitCatchUp(Run run, Databases databases) throws Exception {
        LiveView view = run.view();
        Instant deadline = Instant.now().plus(options.catchUpTimeout());
        long lastEvents = -1;
        Instant quietSince = Instant.now();
        while (Instant.now().isBefore(deadline)) {
            Thread.sleep(TICK.toMillis());
            if (run.signals().tombstoned().isDone()) {
                view.finish();
                return true; // a tombstone from the command line ended the stream; completion is checked next
            }
            failFast(run.capture());
            CaptureStatus c = run.capture().status();
            StreamStatus a = applyStatus(run.apply(), run.id());
            view.update(c, a, run.broker().stats(), -1);
            if (c.eventsCaptured() != lastEvents) {
                lastEvents = c.eventsCaptured();
                quietSince = Instant.now();
            }
            boolean settled = c.snapshotCompleted() && c.inFlight() == 0 && a != null && a.failure() == null
                    && a.pendingEvents() == 0 && a.appliedTxSeq() == c.acknowledgedTxSeq()
                    && Duration.between(quietSince, Instant.now()).toSeconds() >= 2;
            if (settled && identical(databases, false)) {
                view.finish();
                out.printf("Caught up: transaction %,d applied, %,d events%n", a.appliedTxSeq(), c.eventsCaptured());
                return true;
            }
            if (a != null && a.failure() != null) {
                view.finish();
                out.println("The apply stopped: " + a.failure());
                return false;
            }
        }
        view.finish();
        out.println("Not caught up after " + options.catchUpTimeout());
        return false;
    }

    private static void failFast(CaptureService capture) {
        if (capture.state() == CaptureState.FAILED) {
            throw new IllegalStateException("the capture failed: " + capture.failure().map(Throwable::getMessage).orElse("?"));
        }
    }

    private static StreamStatus applyStatus(SgClusterApply apply, StreamId id) {
        try {
            Optional<StreamStatus> status = apply.status(id);
            return status.orElse(null);
        } catch (Exception e) {
            return null;
        }
    }

    private static boolean identical(Databases databases, boolean sequences) throws Exception {
        try (Connection s = databases.source().connect("sgstream-verify"); Connection t = databases.target().connect("sgstream-verify")) {
            return SourceTargetVerifier.compare(s, t, sequences).identical();
        }
    }

    /** Sequences are compared once a tombstone synchronized them: streaming never carries them. */
    private int verify(Databases databases, boolean caughtUp, boolean completed) throws Exception {
        SourceTargetVerifier.Report report;
        try (Connection s = databases.source().connect("sgstream-verify"); Connection t = databases.target().connect("sgstream-verify")) {
            report = SourceTargetVerifier.compare(s, t, completed);
        }
        out.println();
        out.println("Verification (row count and order-independent checksum per table):");
        report.tables().forEach(tc -> out.printf("  %-28s %,10d rows  checksum %s%n", tc.table(), tc.rows(), tc.checksum()));
        if (report.identical()) {
            out.printf("source = target: %d tables, %,d rows identical%s%n", report.tables().size(), report.rows(),
                    completed ? ", " + report.sequences() + " sequences equal" : "");
            return caughtUp ? 0 : 1;
        }
        out.println("source != target:");
        report.differences().forEach(d -> out.println("  " + d));
        return 1;
    }
}
