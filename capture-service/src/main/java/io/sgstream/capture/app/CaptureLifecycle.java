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
import io.sgstream.capture.kubernetes.CaptureEvents;
import io.sgstream.capture.kubernetes.CaptureReadings;
import io.sgstream.capture.kubernetes.CaptureStatusWriter;
import io.sgstream.capture.kubernetes.LeasedCapture;
import io.sgstream.capture.kubernetes.KubernetesStream;
import io.sgstream.capture.sink.HttpEventSink;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
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

    @Inject
    org.eclipse.microprofile.config.Config config;

    private volatile CaptureService capture;
    private volatile CaptureStatusWriter statusWriter;
    private volatile LeasedCapture leased;
    private volatile CaptureEvents events;
    private volatile KubernetesCaptureListener termListener;

    void onStart(@Observes StartupEvent event) {
        if (kubernetes.stream().isPresent() && settings.lease().enabled()) {
            startLeased(kubernetes.stream().get());
            return;
        }
        boolean completed = stream.getStatus() != null && stream.getStatus().condition(StreamCondition.COMPLETED)
                .filter(c -> StreamCondition.TRUE.equals(c.getStatus())).isPresent();
        if (completed) {
            // a tombstone ended this stream (its slot may be gone): capturing again would start a new snapshot
            LOG.warnf("SGStream %s/%s is Completed (tombstone): not capturing", StreamNames.namespace(stream),
                    StreamNames.name(stream));
            return;
        }
        if (kubernetes.stream().isPresent() && CaptureStatusWriter.tombstonePending(stream)) {
            // acknowledged before a restart: finish it instead of capturing (same as a new Lease holder does)
            Tombstone.resume(new CaptureService(CaptureConfig.from(stream, secrets), sink, registry),
                    Tombstone.keepsSlot(stream), Optional.of(kubernetes.stream().get().statusWriter()),
                    Optional.empty());
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

    /**
     * Kubernetes mode: captures only while holding the Lease; each term gets a fresh capture (resuming after the
     * committed position) and its own status writer.
     */
    private void startLeased(KubernetesStream k) {
        String identity = settings.lease().identity()
                .or(() -> config.getOptionalValue("POD_NAME", String.class).filter(s -> !s.isBlank()))
                .orElseGet(CaptureLifecycle::hostName);
        CaptureEvents recorder = new CaptureEvents(k.client(), k.namespace(), k.name(), identity, Clock.systemUTC());
        events = recorder;
        LeasedCapture.Timing timing = new LeasedCapture.Timing(settings.lease().duration(),
                settings.lease().renewDeadline(), settings.lease().retryPeriod());
        LeasedCapture l = new LeasedCapture(k.client(), k.namespace(),
                settings.lease().name().orElse(k.name() + "-capture"), identity, timing,
                () -> CaptureTerms.next(k, s -> new CaptureService(CaptureConfig.from(s, secrets), sink, registry),
                        recorder),
                listener(k, recorder));
        leased = l;
        l.start();
    }

    private KubernetesCaptureListener listener(KubernetesStream k, CaptureEvents recorder) {
        KubernetesCaptureListener l = new KubernetesCaptureListener(k, recorder, registry, settings.statusInterval(),
                error -> {
                    if (settings.exitOnFailure()) {
                        LOG.errorf("Exiting: the capture failed (%s). It resumes after the last committed "
                                + "transaction on restart.", error.getMessage());
                        Quarkus.asyncExit(1);
                    }
                });
        termListener = l;
        return l;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "capture-" + java.util.UUID.randomUUID();
        }
    }

    /** Why nothing is captured (waiting for the Lease, lost it, completed...), empty while capturing. */
    public Optional<String> notCapturingReason() {
        LeasedCapture l = leased;
        return l == null ? Optional.empty() : l.notCapturingReason();
    }

    void onStop(@Observes ShutdownEvent event) {
        LeasedCapture l = leased;
        if (l != null) {
            l.close(); // stops the capture gracefully (its last status written), then releases the Lease
            sink.close();
            kubernetes.stream().ifPresent(KubernetesStream::close);
            return;
        }
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
            KubernetesCaptureListener term = termListener;
            Optional<CaptureStatusWriter> writer = term != null ? term.writer() : Optional.ofNullable(statusWriter);
            Tombstone.finish(acknowledged, Tombstone.keepsSlot(stream), writer, Optional.ofNullable(events));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Stream %s: completing the tombstone failed", acknowledged.config().stream());
        }
    }

    /** The capture, once the application has started it. */
    public Optional<CaptureService> capture() {
        LeasedCapture l = leased;
        return l != null ? l.capture() : Optional.ofNullable(capture);
    }
}
