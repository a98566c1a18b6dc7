package io.sgstream.capture.app;

import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.MockWebServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.sgstream.api.SGStreamCrd;
import io.sgstream.capture.kubernetes.TestStreams;
import io.sgstream.capture.sink.LoopbackSink;
import io.sgstream.testing.PostgresServer;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The application in Kubernetes mode: fabric8's mock API server (CRUD) holding the SGStream, its Secret and a Lease
 * another pod holds; a real PostgreSQL; a CloudEvents endpoint as K_SINK. The application's fabric8 client finds
 * the mock server through the client's system properties, as it would find a cluster through its service account.
 */
public class KubernetesModeTestResource implements QuarkusTestResourceLifecycleManager {

    static final String NS = "test";
    static final String NAME = "k8s-shell";
    static final String LEASE = "k8s-shell-capture";
    static final String OTHER_POD = "k8s-shell-capture-other";

    static volatile PostgresServer postgres;
    static volatile String database;
    static volatile LoopbackSink sink;
    static volatile KubernetesMockServer server;
    static volatile NamespacedKubernetesClient client;

    private static final List<String> PROPERTIES = List.of("kubernetes.master", "kubernetes.auth.tryKubeConfig",
            "kubernetes.auth.tryServiceAccount", "kubernetes.namespace", "kubernetes.trust.certificates");

    @Override
    public Map<String, String> start() {
        try {
            postgres = PostgresServer.startLogical();
            database = postgres.createDatabase("k8sshell");
            postgres.execute(database, "CREATE TABLE public.orders (id int PRIMARY KEY, note text)",
                    "INSERT INTO public.orders VALUES (1, 'first')");
            sink = LoopbackSink.http(r -> LoopbackSink.Reply.status(202));
            server = new KubernetesMockServer(new io.fabric8.mockwebserver.Context(), new MockWebServer(), new HashMap<>(),
                    new KubernetesCrudDispatcher(), false);
            server.init();
            client = server.createClient();
            client.apiextensions().v1().customResourceDefinitions().resource(SGStreamCrd.load()).create();
            client.secrets().inNamespace(NS).resource(TestStreams.credentials(NS)).create();
            client.resource(TestStreams.stream(NS, NAME, "localhost", postgres.port(), database,
                    "http://localhost:1/replaced-by-k-sink")).create();
            // another pod holds the Lease, renewed just now for an hour: this one must wait
            ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
            client.leases().inNamespace(NS).resource(new LeaseBuilder().withNewMetadata().withName(LEASE)
                    .withNamespace(NS).endMetadata().withNewSpec().withHolderIdentity(OTHER_POD)
                    .withLeaseDurationSeconds(3600).withAcquireTime(now).withRenewTime(now).withLeaseTransitions(0)
                    .endSpec().build()).create();
            System.setProperty("kubernetes.master", server.url("/"));
            System.setProperty("kubernetes.auth.tryKubeConfig", "false");
            System.setProperty("kubernetes.auth.tryServiceAccount", "false");
            System.setProperty("kubernetes.namespace", NS);
            System.setProperty("kubernetes.trust.certificates", "true");
            Map<String, String> config = new HashMap<>();
            config.put("sgstream.name", NAME);
            config.put("sgstream.namespace", NS);
            config.put("sgstream.lease.name", LEASE);
            // a deadline a loaded machine still renews within; the retry period alone decides how soon it takes over
            config.put("sgstream.lease.duration", "PT10S");
            config.put("sgstream.lease.renew-deadline", "PT8S");
            config.put("sgstream.lease.retry-period", "PT0.3S");
            config.put("sgstream.status-interval", "PT0.3S");
            config.put("POD_NAME", "k8s-shell-capture-this");
            config.put("K_SINK", sink.url());
            config.put("sgstream.exit-on-failure", "false");
            return config;
        } catch (Exception e) {
            throw new IllegalStateException("cannot prepare the capture's surroundings", e);
        }
    }

    @Override
    public void stop() {
        PROPERTIES.forEach(System::clearProperty);
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.destroy();
        }
        if (sink != null) {
            sink.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
