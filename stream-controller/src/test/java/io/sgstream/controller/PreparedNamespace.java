package io.sgstream.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.sgstream.signals.AnnotationSignals;
import io.sgstream.signals.HttpSignalSender;
import io.sgstream.signals.LoopbackSink;
import java.time.Clock;

/**
 * The set-up the reconciler tests share: {@link TestCluster#prepare the namespace the examples expect}, its Broker's
 * ingress as a loopback HTTP server (which records the signals sent), and a reconciler wired as {@link Main} wires
 * it. Close it after each test to stop the Broker's server.
 */
final class PreparedNamespace implements AutoCloseable {

    final LoopbackSink broker;
    private final KubernetesClient client;

    private PreparedNamespace(KubernetesClient client, LoopbackSink broker) {
        this.client = client;
        this.broker = broker;
    }

    static PreparedNamespace prepare(KubernetesClient client) {
        LoopbackSink broker = LoopbackSink.start();
        TestCluster.prepare(client, broker.uri());
        return new PreparedNamespace(client, broker);
    }

    /** At the fixed {@link TestCluster#CLOCK}, so condition times can be compared. */
    StreamReconciler reconciler() {
        return reconciler(client, TestCluster.SETTINGS, TestCluster.CLOCK);
    }

    static StreamReconciler reconciler(KubernetesClient client, ControllerSettings settings, Clock clock) {
        return new StreamReconciler(client, settings,
                new AnnotationSignals(client, HttpSignalSender.to(new BrokerAddress(client, settings.brokerName()))),
                clock);
    }

    @Override
    public void close() {
        broker.close();
    }
}
