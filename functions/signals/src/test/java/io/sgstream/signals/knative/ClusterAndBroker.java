package io.sgstream.signals.knative;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.MockWebServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.sgstream.signals.LoopbackSink;
import io.sgstream.signals.TestStreams;
import java.util.HashMap;
import java.util.Map;

/**
 * What the function meets in a namespace: an API server (fabric8's mock in CRUD mode, over plain HTTP) and the
 * Broker its SinkBinding points K_SINK at (a loopback HTTP server). The function's client finds the API server the
 * way fabric8 finds any: from the kubernetes.* system properties.
 */
public class ClusterAndBroker implements QuarkusTestResourceLifecycleManager {

    static KubernetesMockServer apiServer;
    static KubernetesClient client;
    static LoopbackSink broker;

    @Override
    public Map<String, String> start() {
        apiServer = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(Serialization.jsonMapper()), new MockWebServer(),
                new HashMap<>(), new KubernetesMixedDispatcher(new HashMap<>()), false);
        apiServer.init();
        client = apiServer.createClient();
        TestStreams.installCrd(client);
        broker = LoopbackSink.start();
        System.setProperty("kubernetes.master", client.getConfiguration().getMasterUrl());
        System.setProperty("kubernetes.auth.tryKubeConfig", "false");
        System.setProperty("kubernetes.auth.tryServiceAccount", "false");
        System.setProperty("kubernetes.namespace", TestStreams.NAMESPACE);
        return Map.of("K_SINK", broker.uri().toString());
    }

    @Override
    public void stop() {
        broker.close();
        client.close();
        apiServer.destroy();
        for (String p : new String[] {"kubernetes.master", "kubernetes.auth.tryKubeConfig",
            "kubernetes.auth.tryServiceAccount", "kubernetes.namespace"}) {
            System.clearProperty(p);
        }
    }
}
