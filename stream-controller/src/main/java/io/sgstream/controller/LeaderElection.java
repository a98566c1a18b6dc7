package io.sgstream.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One replica acts: the holder of a Lease ({@code coordination.k8s.io/v1}) in the controller's namespace. The
 * others wait and take over when it stops renewing (process gone, node lost). Losing the lease while leading ends
 * the process ({@code onStopLeading}): a fresh start is the simplest way to be sure nothing keeps acting.
 */
final class LeaderElection {

    record Timing(Duration leaseDuration, Duration renewDeadline, Duration retryPeriod) {

        /** client-go's defaults. */
        static final Timing DEFAULT = new Timing(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));
    }

    private LeaderElection() {
    }

    /** Starts campaigning; cancel the future to step down (the lease is released). */
    static CompletableFuture<?> start(KubernetesClient client, ControllerSettings settings, Timing timing,
            Runnable onStartLeading, Runnable onStopLeading) {
        return client.leaderElector()
                .withConfig(new LeaderElectionConfigBuilder()
                        .withName(settings.leaseName())
                        .withLock(new LeaseLock(settings.leaseNamespace(), settings.leaseName(), settings.identity()))
                        .withLeaseDuration(timing.leaseDuration())
                        .withRenewDeadline(timing.renewDeadline())
                        .withRetryPeriod(timing.retryPeriod())
                        .withReleaseOnCancel(true)
                        .withLeaderCallbacks(new LeaderCallbacks(onStartLeading, onStopLeading, leader -> { }))
                        .build())
                .build()
                .start();
    }
}
