package io.sgstream.capture.kubernetes;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import io.sgstream.capture.CaptureService;
import io.sgstream.capture.CaptureState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One active capturer per stream: captures only while holding the Lease ({@code coordination.k8s.io/v1})
 * {@code <stream>-capture}. Two pods of one stream (a rollout, a node that seems gone but is not) would otherwise both
 * read the slot and deliver, or fight over it.
 *
 * <p>On acquiring the Lease a fresh {@link CaptureService} is made ({@code captures}; it resumes after the last
 * committed transaction) and started; on losing it (not renewed within the renew deadline: API server unreachable,
 * another holder) the capture is stopped gracefully, which commits only acknowledged positions, so nothing is lost
 * and the next holder resumes from there. Campaigning then starts again: the capture resumes when the Lease is
 * re-acquired. Starts and stops run one after the other on a thread of their own, never on the elector's.
 */
public final class LeasedCapture implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeasedCapture.class);

    /** Lease timing; client-go's defaults. The capture's graceful stop should fit in lease minus renew deadline. */
    public record Timing(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {
        public static final Timing DEFAULT = new Timing(Duration.ofSeconds(15), Duration.ofSeconds(10),
                Duration.ofSeconds(2));
    }

    /** Called with each capture this made: after it started, and after it stopped (lease lost or closing). */
    public interface Listener {
        void started(CaptureService capture);

        void stopped(CaptureService capture);
    }

    private final KubernetesClient client;
    private final String namespace;
    private final String leaseName;
    private final String identity;
    private final Timing timing;
    private final Supplier<Optional<CaptureService>> captures;
    private final Listener listener;
    private final ExecutorService worker;
    private final ScheduledExecutorService campaigner;
    private volatile CompletableFuture<?> campaign;
    private volatile CaptureService capture;
    private volatile boolean leading;
    private volatile boolean closed;
    private volatile String notCapturing = "waiting for the lease";

    /**
     * @param captures a new capture to start when the lease is acquired, or empty when there is nothing to capture
     *                 (e.g. the stream is completed)
     */
    public LeasedCapture(KubernetesClient client, String namespace, String leaseName, String identity, Timing timing,
                         Supplier<Optional<CaptureService>> captures, Listener listener) {
        this.client = Objects.requireNonNull(client, "client");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.leaseName = Objects.requireNonNull(leaseName, "leaseName");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.captures = Objects.requireNonNull(captures, "captures");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.worker = Executors.newSingleThreadExecutor(r -> daemon(r, "sgstream-lease-capture-" + leaseName));
        this.campaigner = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "sgstream-lease-" + leaseName));
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Starts campaigning for the lease (in the background). */
    public void start() {
        campaigner.execute(this::campaign);
    }

    private void campaign() {
        if (closed) {
            return;
        }
        LOG.info("Campaigning for Lease {}/{} as {}", namespace, leaseName, identity);
        CompletableFuture<?> c = client.leaderElector()
                .withConfig(new LeaderElectionConfigBuilder()
                        .withName(leaseName)
                        .withLock(new LeaseLock(namespace, leaseName, identity))
                        .withLeaseDuration(timing.leaseDuration())
                        .withRenewDeadline(timing.renewDeadline())
                        .withRetryPeriod(timing.retryPeriod())
                        .withReleaseOnCancel(true)
                        .withLeaderCallbacks(new LeaderCallbacks(this::acquired, this::lost, leader -> { }))
                        .build())
                .build()
                .start();
        campaign = c;
        // fabric8's elector stops for good after losing the lease: campaign again, to resume once re-acquired
        c.whenComplete((ok, error) -> {
            if (!closed) {
                campaigner.schedule(this::campaign, timing.retryPeriod().toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    private void acquired() {
        leading = true;
        LOG.info("Lease {}/{} acquired by {}: capturing", namespace, leaseName, identity);
        worker.execute(this::startCapture);
    }

    /** Starts a capture while leading; a start that fails is tried again (the old holder may still hold the slot). */
    private void startCapture() {
        if (!leading || closed || capture != null) {
            return;
        }
        try {
            Optional<CaptureService> next = captures.get();
            if (next.isEmpty()) {
                notCapturing = "nothing to capture (the stream is completed)";
                return;
            }
            capture = next.get();
            next.get().start();
            notCapturing = null;
            listener.started(next.get());
        } catch (RuntimeException e) {
            notCapturing = "the capture failed to start: " + e.getMessage();
            LOG.error("Capture failed to start while holding Lease {}/{} (tried again in {}): {}", namespace,
                    leaseName, timing.leaseDuration(), e.getMessage());
            CaptureService failed = capture;
            capture = null;
            if (failed != null) {
                listener.stopped(failed);
            }
            if (!closed) {
                campaigner.schedule(() -> worker.execute(this::startCapture), timing.leaseDuration().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }
    }

    private void lost() {
        leading = false;
        LOG.warn("Lease {}/{} lost by {}: stopping the capture (acknowledged positions are committed)", namespace,
                leaseName, identity);
        worker.execute(() -> stopCapture("lease lost; waiting to re-acquire it"));
    }

    private void stopCapture(String why) {
        CaptureService running = capture;
        notCapturing = why;
        if (running != null) {
            running.stop(); // shown (STOPPING) until stopped: signal requests meanwhile get 503, the Broker retries
            capture = null;
            listener.stopped(running);
        }
    }

    /** The capture while this holds the lease and captures. */
    public Optional<CaptureService> capture() {
        return Optional.ofNullable(capture);
    }

    public boolean holdsLease() {
        return leading;
    }

    /** Why nothing is capturing (for readiness), empty while capturing. */
    public Optional<String> notCapturingReason() {
        String why = notCapturing;
        if (why == null) {
            CaptureService c = capture;
            return c != null && (c.state() == CaptureState.FAILED || c.state() == CaptureState.STOPPED)
                    ? Optional.of("capture " + c.state()) : Optional.empty();
        }
        if (!leading) {
            return Optional.of(why + " (Lease " + namespace + "/" + leaseName + " held by " + holder().orElse("nobody")
                    + ", this is " + identity + ")");
        }
        return Optional.of(why);
    }

    /** Who holds the lease, as the API says. */
    public Optional<String> holder() {
        try {
            Lease lease = client.leases().inNamespace(namespace).withName(leaseName).get();
            return Optional.ofNullable(lease).map(Lease::getSpec).map(s -> s.getHolderIdentity())
                    .filter(h -> !h.isEmpty());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    public String identity() {
        return identity;
    }

    /** Stops the capture (gracefully), then releases the lease. */
    @Override
    public void close() {
        closed = true;
        CompletableFuture<Void> stopped = CompletableFuture.runAsync(() -> stopCapture("closed"), worker);
        try {
            stopped.join();
        } catch (RuntimeException e) {
            LOG.warn("Stopping the capture: {}", e.getMessage());
        }
        campaigner.shutdownNow();
        CompletableFuture<?> c = campaign;
        if (c != null) {
            c.cancel(true); // releaseOnCancel: the next pod need not wait for the lease to expire
        }
        worker.shutdown();
        leading = false;
    }
}
