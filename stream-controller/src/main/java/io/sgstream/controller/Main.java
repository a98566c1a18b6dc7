package io.sgstream.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.sgstream.signals.AnnotationSignals;
import io.sgstream.signals.HttpSignalSender;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stream controller process. A plain Java main rather than a Quarkus application: it serves no API (one
 * health endpoint), its whole job is fabric8 informers and a Lease, and a plain process starts fast, has a small
 * image and is tested with plain JUnit against fabric8's mock API server.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        ControllerSettings settings = ControllerSettings.load(System.getenv());
        KubernetesClient client = new KubernetesClientBuilder().build();
        AnnotationSignals signals = new AnnotationSignals(client,
                HttpSignalSender.to(new BrokerAddress(client, settings.brokerName())));
        StreamController controller = new StreamController(client, settings,
                new StreamReconciler(client, settings, signals, Clock.systemUTC()));
        AtomicBoolean leading = new AtomicBoolean();
        HealthServer health = new HealthServer(settings.healthPort(), () -> !leading.get() || controller.isWatching());

        CompletableFuture<?> election = LeaderElection.start(client, settings, LeaderElection.Timing.DEFAULT,
                () -> {
                    LOG.info("{} leads: managing SGStreams in {}", settings.identity(),
                            settings.watchNamespace().orElse("every namespace"));
                    leading.set(true);
                    controller.start();
                },
                () -> {
                    if (leading.get()) {
                        LOG.warn("{} lost the lease {}/{}: exiting so that only the new leader acts",
                                settings.identity(), settings.leaseNamespace(), settings.leaseName());
                        Runtime.getRuntime().halt(1);
                    }
                });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            leading.set(false); // a deliberate stop: step down without the lost-lease exit
            controller.close();
            election.cancel(true); // releases the lease, so a standby takes over at once
            health.close();
            client.close();
        }, "sgstream-shutdown"));
        LOG.info("{} started, campaigning for lease {}/{}", settings.identity(), settings.leaseNamespace(),
                settings.leaseName());
    }
}
