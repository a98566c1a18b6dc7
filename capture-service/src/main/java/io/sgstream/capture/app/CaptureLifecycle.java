package io.sgstream.capture.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.sgstream.api.SGStream;
import io.sgstream.api.StreamNames;
import io.sgstream.api.secret.SecretResolver;
import io.sgstream.api.status.StreamCondition;
import io.sgstream.capture.CaptureConfig;
import io.sgstream.capture.CaptureService;
import io.sgstream.capture.kubernetes.CaptureStatusWriter;
import io.sgstream.capture.kubernetes.KubernetesStream;
import io.sgstream.capture.sink.HttpEventSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Starts the capture when the application starts and stops it gracefully when it stops: in-flight events are
 * awaited and the last fully acknowledged transaction committed before the sink closes.
 *
 * <p>A source that cannot be captured (preflight: wal_level, privileges, unreachable...) fails the start with the
 * preflight's message. A capture that fails while running (e.g. an event the sink rejects) exits the process with
 * status 1 when {@code sgstream.exit-on-failure} is true (the default): the pod restarts and resumes from the last
 * commit, so the failing event is neither lost nor skipped, and the restarts make the problem visible.
 */
@ApplicationScoped
public class CaptureLifecycle {

    private static final Logger LOG = Logger.getLogger(CaptureLifecycle.class);

    @Inject
    SGStream stream;
    @Inject
    SecretResolver secrets;
    @Inject
    HttpEventSink sink;
    @Inject
    MeterRegistry registry;
    @Inject
    CaptureSettings settings;
    @Inject
    KubernetesMode kubernetes;

    private volatile CaptureService capture;
    private volatile CaptureStatusWriter statusWriter;

    void onStart(@Observes StartupEvent event) {
        boolean completed = stream.getStatus() != null && stream.getStatus().condition(StreamCondition.COMPLETED)
                .filter(c -> StreamCondition.TRUE.equals(c.getStatus())).isPresent();
        if (completed) {
            // a tombstone ended this stream (its slot may be gone): capturing again would start a new snapshot
            LOG.warnf("SGStream %s/%s is Completed (tombstone): not capturing", StreamNames.namespace(stream),
                    StreamNames.name(stream));
            return;
        }
        CaptureService started = new CaptureService(CaptureConfig.from(stream, secrets), sink, registry);
        capture = started;
        started.start(); // throws PreflightException: Quarkus reports it and exits
        kubernetes.stream().ifPresent(k -> {
            CaptureStatusWriter writer = k.statusWriter();
            statusWriter = writer;
            writer.start(started::status, settings.statusInterval());
        });
        started.completion().whenComplete((ok, error) -> {
            if (error != null && settings.exitOnFailure()) {
                LOG.errorf("Exiting: the capture failed (%s). It resumes after the last committed transaction on "
                        + "restart.", error.getMessage());
                Quarkus.asyncExit(1);
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        CaptureService running = capture;
        if (running != null) {
            running.stop();
        }
        sink.close();
        CaptureStatusWriter writer = statusWriter;
        if (writer != null) {
            writer.close();
            if (running != null) {
                try {
                    writer.write(running.status());
                } catch (RuntimeException e) {
                    LOG.warnf("Cannot write the final status of the capture: %s", e.getMessage());
                }
            }
        }
        kubernetes.stream().ifPresent(KubernetesStream::close);
    }

    /** After a tombstone was acknowledged: stop, drop the slot and publication unless skipped, mark completed. */
    void tombstoneAcknowledged(CaptureService acknowledged) {
        try {
            Tombstone.finish(acknowledged, Tombstone.keepsSlot(stream), Optional.ofNullable(statusWriter));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Stream %s: completing the tombstone failed", acknowledged.config().stream());
        }
    }

    /** The capture, once the application has started it. */
    public Optional<CaptureService> capture() {
        return Optional.ofNullable(capture);
    }
}
