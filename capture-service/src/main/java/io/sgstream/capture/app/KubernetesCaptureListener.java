package io.sgstream.capture.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.sgstream.capture.CaptureService;
import io.sgstream.capture.kubernetes.CaptureEvents;
import io.sgstream.capture.kubernetes.CaptureReadings;
import io.sgstream.capture.kubernetes.CaptureStatusWriter;
import io.sgstream.capture.kubernetes.KubernetesStream;
import io.sgstream.capture.kubernetes.LeasedCapture;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Each capture term in Kubernetes mode: its status written every {@code interval} while it runs (and once more
 * when it ends), Events {@code StreamStarted} and {@code StreamFailed}, and {@code onFailure} (the application
 * exits, so the pod restarts) when it fails.
 */
public final class KubernetesCaptureListener implements LeasedCapture.Listener {

    private static final Logger LOG = Logger.getLogger(KubernetesCaptureListener.class);
    private static final Duration TABLES_REFRESH = Duration.ofMinutes(1);

    private final KubernetesStream kubernetes;
    private final CaptureEvents events;
    private final MeterRegistry registry;
    private final Duration interval;
    private final Consumer<Throwable> onFailure;
    private volatile CaptureStatusWriter writer;

    public KubernetesCaptureListener(KubernetesStream kubernetes, CaptureEvents events, MeterRegistry registry,
                                     Duration interval, Consumer<Throwable> onFailure) {
        this.kubernetes = Objects.requireNonNull(kubernetes, "kubernetes");
        this.events = Objects.requireNonNull(events, "events");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.onFailure = Objects.requireNonNull(onFailure, "onFailure");
    }

    @Override
    public void started(CaptureService capture) {
        CaptureStatusWriter w = kubernetes.statusWriter();
        writer = w;
        w.start(capture::status, () -> CaptureReadings.read(capture, registry, tables(capture)), interval);
        events.normal(CaptureEvents.STARTED, capture.status().snapshotCompleted()
                ? "capturing, resuming after the committed position" : "capturing, starting with a snapshot");
        capture.completion().whenComplete((ok, error) -> {
            if (error != null) {
                events.warning(CaptureEvents.FAILED, String.valueOf(error.getMessage()));
                w.close();
                writeFinal(w, capture);
                onFailure.accept(error);
            }
        });
    }

    @Override
    public void stopped(CaptureService capture) {
        CaptureStatusWriter w = writer;
        if (w != null) {
            w.close();
        } else { // it failed to start: say why in the status
            w = kubernetes.statusWriter();
            events.warning(CaptureEvents.FAILED, capture.failure().map(Throwable::getMessage).orElse("not started"));
        }
        writeFinal(w, capture);
    }

    /** The publication's tables, asked of the source at most once a minute (they change only with DDL). */
    private static Supplier<List<String>> tables(CaptureService capture) {
        long[] askedAt = {Long.MIN_VALUE};
        @SuppressWarnings("unchecked")
        List<String>[] last = new List[]{List.of()};
        return () -> {
            long now = System.nanoTime();
            if (askedAt[0] == Long.MIN_VALUE || now - askedAt[0] > TABLES_REFRESH.toNanos() || last[0].isEmpty()) {
                CaptureReadings.publicationTables(capture).ifPresent(t -> last[0] = t);
                askedAt[0] = now;
            }
            return last[0];
        };
    }

    /** The writer of the current term, for the tombstone's last writes. */
    public Optional<CaptureStatusWriter> writer() {
        return Optional.ofNullable(writer);
    }

    private void writeFinal(CaptureStatusWriter w, CaptureService capture) {
        try {
            w.write(capture.status(), CaptureReadings.read(capture, registry));
        } catch (RuntimeException e) {
            LOG.warnf("Cannot write the status of the capture: %s", e.getMessage());
        }
    }
}
