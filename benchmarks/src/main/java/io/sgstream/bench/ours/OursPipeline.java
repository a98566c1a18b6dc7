package io.sgstream.bench.ours;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sgstream.apply.ApplyConfig;
import io.sgstream.apply.SgClusterApply;
import io.sgstream.bench.data.BenchSchema;
import io.sgstream.broker.LocalBroker;
import io.sgstream.broker.delivery.Reply;
import io.sgstream.broker.delivery.SubscriberRegistry;
import io.sgstream.capture.CaptureConfig;
import io.sgstream.capture.CaptureService;
import io.sgstream.capture.CaptureState;
import io.sgstream.capture.CaptureStatus;
import io.sgstream.capture.PostgresEndpoint;
import io.sgstream.capture.sink.EventSink;
import io.sgstream.capture.sink.HttpEventSink;
import io.sgstream.capture.sink.HttpSinkConfig;
import io.sgstream.event.StreamId;
import io.sgstream.local.RunnerOptions;
import io.sgstream.local.wiring.ApplySubscriber;
import io.sgstream.local.wiring.BrokerSink;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Our pipeline in the benchmark's child JVM, wired like the local runner: {@link CaptureService} →
 * {@link BrokerSink} → {@link LocalBroker} routing with a Trigger manifest of the same shape the stream controller
 * writes → {@link ApplySubscriber} → {@link SgClusterApply}. Modes: {@code apply} (into a target database),
 * {@code function} (a trivial function behind the broker that accepts every event), {@code http} (the capture's
 * HTTP sink posting CloudEvents to a URL, no broker). Arguments:
 * {@code <sourceJdbcUrl> <mode> <targetJdbcUrl|sinkUrl|-> <user> <password> <streamName>}. Prints READY, then
 * {@code STATUS <eventsCaptured> <acknowledgedTxSeq> <inFlight> <functionEvents> <snapshotCompleted>
 * <transactionsClosed> <appliedTxSeq> <pendingEvents>} four times a second, until its standard input closes.
 */
public final class OursPipeline {

    private OursPipeline() {
    }

    public static void main(String[] args) throws Exception {
        // stdout is the benchmark's protocol: libraries log warnings and errors only (to stderr, the log file)
        java.util.logging.Logger root = java.util.logging.LogManager.getLogManager().getLogger("");
        root.setLevel(java.util.logging.Level.WARNING);
        for (var handler : root.getHandlers()) {
            handler.setLevel(java.util.logging.Level.WARNING);
        }
        URI source = URI.create(args[0].substring("jdbc:".length()));
        String mode = args[1];
        String user = args[3];
        String password = args[4];
        StreamId id = new StreamId("bench", args[5]);
        PostgresEndpoint endpoint = new PostgresEndpoint(source.getHost(), source.getPort(), source.getPath().substring(1), user, password);
        MeterRegistry registry = new SimpleMeterRegistry();
        AtomicLong functionEvents = new AtomicLong();
        SgClusterApply apply = null;
        LocalBroker broker = null;
        EventSink sink;
        if (mode.equals("http")) {
            sink = new HttpEventSink(HttpSinkConfig.builder(args[2]).retryLimit(0).build(), registry);
        } else {
            SubscriberRegistry subscribers = new SubscriberRegistry();
            if (mode.equals("apply")) {
                ApplyConfig applyConfig = ApplyConfig.forTarget(args[2], user, password);
                Integer batch = Integer.getInteger("bench.ours.applyBatchTransactions");
                if (batch != null) { // a profiling knob: source transactions per target transaction
                    applyConfig = applyConfig.withBatchLimits(batch, applyConfig.maxBatchEvents(), applyConfig.statementRows());
                }
                apply = SgClusterApply.start(applyConfig, registry);
                subscribers.register(id.name() + "-apply", new ApplySubscriber(apply));
            } else {
                subscribers.register(id.name() + "-apply", (CloudEvent event) -> {
                    if (event.getType().equals("io.sgstream.change")) {
                        functionEvents.incrementAndGet();
                    }
                    return Reply.accepted();
                });
            }
            Path triggers = Files.createTempFile("bench-triggers-", ".yaml");
            Files.writeString(triggers, triggers(id));
            // The local runner's wiring (--delivery-window, default 2048): the Trigger admits that many events at
            // once, so the async apply subscriber's staging queue can commit them in large batches. With the
            // broker's default of 32 every staging commit held at most 32 events.
            int window = Integer.getInteger("bench.ours.deliveryWindow", RunnerOptions.DEFAULT_DELIVERY_WINDOW);
            broker = LocalBroker.builder().name("sgstream").namespace(id.namespace()).load(triggers).subscribers(subscribers)
                    .maxInFlightPerTrigger(window).build();
            Files.deleteIfExists(triggers);
            sink = new BrokerSink(broker, 2 * window);
        }
        CaptureConfig config = CaptureConfig.builder(id, endpoint).tableIncludeList(BenchSchema.INCLUDE_REGEX).build();
        CaptureService capture = new CaptureService(config, sink, registry);
        capture.start();
        System.out.println("READY");
        System.out.flush();
        SgClusterApply applied = apply;
        Thread status = new Thread(() -> report(capture, functionEvents, applied, id), "status");
        status.setDaemon(true);
        status.start();
        while (System.in.read() >= 0) {
            Thread.onSpinWait();
        }
        capture.stop();
        capture.close();
        sink.close();
        if (broker != null) {
            broker.close();
        }
        if (apply != null) {
            apply.close();
        }
        System.out.println("DONE " + capture.status().eventsCaptured());
        System.out.flush();
        System.exit(0);
    }

    private static void report(CaptureService capture, AtomicLong functionEvents, SgClusterApply apply, StreamId id) {
        long ticks = 0;
        String pending = "-";
        while (true) {
            CaptureStatus s = capture.status();
            if (s.state() == CaptureState.FAILED) {
                System.out.println("FAILED the capture failed: " + s.failure());
                System.out.flush();
                return;
            }
            String applied = "- -";
            if (apply != null) {
                try {
                    // The staged count scans the staging table (100 MB and more in the OLTP run): counted once a
                    // second, the mark (one row) 4x a second, so the probe does not take the target's CPU.
                    if (ticks++ % 4 == 0) {
                        var status = apply.status(id);
                        pending = status.map(a -> Long.toString(a.pendingEvents())).orElse("-");
                        applied = status.map(a -> a.appliedTxSeq() + " ").orElse("- ") + pending;
                    } else {
                        String counted = pending;
                        applied = apply.position(id).map(a -> a.appliedTxSeq() + " ").orElse("- ") + counted;
                    }
                } catch (Exception e) {
                    applied = "? ?";
                }
            }
            System.out.println("STATUS " + s.eventsCaptured() + " " + s.acknowledgedTxSeq() + " " + s.inFlight() + " "
                    + functionEvents.get() + " " + s.snapshotCompleted() + " " + s.transactions() + " " + applied);
            System.out.flush();
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The Trigger the stream controller gives an SGCluster stream's apply function (as in knative/local/). */
    static String triggers(StreamId id) {
        return """
                apiVersion: eventing.knative.dev/v1
                kind: Trigger
                metadata:
                  name: %1$s-apply
                  namespace: %2$s
                spec:
                  broker: sgstream
                  filters:
                    - exact:
                        source: /sgstream/%2$s/%1$s
                    - prefix:
                        type: io.sgstream.
                    - not:
                        prefix:
                          type: io.sgstream.control.
                  subscriber:
                    ref:
                      apiVersion: serving.knative.dev/v1
                      kind: Service
                      name: %1$s-apply
                  delivery:
                    retry: 20
                    backoffPolicy: exponential
                    backoffDelay: PT0.1S
                """.formatted(id.name(), id.namespace());
    }
}
