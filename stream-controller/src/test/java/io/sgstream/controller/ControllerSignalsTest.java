package io.sgstream.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.knative.client.KnativeClient;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.sgstream.api.SGStream;
import io.sgstream.event.SignalRequest;
import io.sgstream.signals.LoopbackSink;
import io.sgstream.signals.TestStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Signals set while nothing watched (no ApiServerSource event ever came for them) are sent by the controller's
 * reconciliation, to the Broker of the stream's namespace, once.
 */
@EnableKubernetesMockClient(crud = true)
class ControllerSignalsTest {

    KubernetesClient client;
    PreparedNamespace namespace;
    LoopbackSink broker;
    StreamReconciler reconciler;

    @BeforeEach
    void prepare() {
        namespace = PreparedNamespace.prepare(client);
        broker = namespace.broker;
        reconciler = namespace.reconciler();
    }

    @AfterEach
    void stop() {
        namespace.close();
    }

    @Test
    void aSignalSetBeforeTheControllerRanIsSentOnceByReconciliation() {
        SGStream stream = TestStreams.example("sgcluster-to-sgcluster.yaml");
        stream.getMetadata().getAnnotations().put(SGStream.SIGNAL_ANNOTATION_PREFIX + "tombstone", "{}");
        SGStream created = client.resource(stream).create();

        reconciler.reconcile(created);
        reconciler.reconcile(TestCluster.read(client, "migrate-shop")); // a resync
        reconciler.reconcile(created); // an old copy from a cache

        assertThat(broker.requests()).singleElement()
                .isEqualTo(new SignalRequest(new io.sgstream.event.StreamId("shop", "migrate-shop"), "tombstone", "{}"));
        assertThat(TestCluster.read(client, "migrate-shop").getStatus().getSignals()).containsKey("tombstone");
    }

    @Test
    void aBrokerWithoutAnAddressLeavesTheSignalPendingForTheNextPass() {
        client.adapt(KnativeClient.class).brokers().inNamespace(TestCluster.NS).withName("sgstream").delete();
        SGStream stream = TestStreams.example("sgcluster-to-sgcluster.yaml");
        stream.getMetadata().getAnnotations().put(SGStream.SIGNAL_ANNOTATION_PREFIX + "tombstone", "{}");

        reconciler.reconcile(client.resource(stream).create());

        SGStream read = TestCluster.read(client, "migrate-shop");
        assertThat(read.getStatus().getSignals()).isNull();
        assertThat(broker.received()).isEmpty();
        assertThat(TestCluster.objectsOf(client, "migrate-shop")).hasSize(9); // the rest was done
    }
}
