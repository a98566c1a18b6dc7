package io.sgstream.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.knative.client.KnativeClient;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.sgstream.api.SGStream;
import io.sgstream.signals.LoopbackSink;
import io.sgstream.signals.TestStreams;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The running controller: informers feed the reconciler, resyncs repair, one replica leads. */
@EnableKubernetesMockClient(crud = true)
class StreamControllerTest {

    // informers, a reconcile queue and HTTP to the mock server: generous for a loaded 2-core CI machine
    static final Duration WAIT = Duration.ofSeconds(60);

    KubernetesMockServer server;
    KubernetesClient client;
    PreparedNamespace namespace;
    LoopbackSink broker;
    StreamController controller;

    @BeforeEach
    void prepare() {
        namespace = PreparedNamespace.prepare(client);
        broker = namespace.broker;
    }

    @AfterEach
    void stop() {
        if (controller != null) {
            controller.close();
        }
        namespace.close();
    }

    private StreamController controller(KubernetesClient using, ControllerSettings settings) {
        return new StreamController(using, settings, PreparedNamespace.reconciler(using, settings, Clock.systemUTC()));
    }

    @Test
    void streamsThatExistBeforeItStartsAndThoseCreatedLaterAreRealized() {
        TestStreams.create(client, "sgcluster-to-sgcluster.yaml");
        controller = controller(client, TestCluster.SETTINGS);

        controller.start();
        TestStreams.create(client, "postgres-to-cloudevent.yaml");

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(TestCluster.objectsOf(client, "migrate-shop")).hasSize(9);
            assertThat(TestCluster.objectsOf(client, "orders-events")).hasSize(6);
        });
        assertThat(controller.isWatching()).isTrue();
    }

    @Test
    void theCaptureDeploymentBecomingAvailableMakesTheStreamRunning() {
        controller = controller(client, TestCluster.SETTINGS);
        controller.start();
        TestStreams.create(client, "sgcluster-to-sgcluster.yaml");
        await().atMost(WAIT).until(() -> client.apps().deployments().inNamespace(TestCluster.NS)
                .withName("migrate-shop-capture").get() != null);

        // as the Deployment controller does: a patch of the status alone, which the running controller's concurrent
        // writes cannot make fail with a conflict (editStatus would send the resourceVersion it read)
        client.apps().deployments().inNamespace(TestCluster.NS).withName("migrate-shop-capture").subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\": {\"availableReplicas\": 1}}");

        await().atMost(WAIT).untilAsserted(() -> assertThat(java.util.Optional.ofNullable(
                TestCluster.read(client, "migrate-shop").getStatus()).flatMap(s -> s.condition("Running"))
                .map(c -> c.getStatus())).hasValue("True"));
    }

    @Test
    void aResyncRepairsWhatWasDeletedAndSendsSignalsNoEventReported() {
        controller = controller(client, TestCluster.SETTINGS.withResyncPeriod(Duration.ofSeconds(1)));
        controller.start();
        SGStream stream = TestStreams.create(client, "sgcluster-to-sgcluster.yaml");
        await().atMost(WAIT).until(() -> TestCluster.objectsOf(client, "migrate-shop").size() == 9);

        client.adapt(KnativeClient.class).triggers().inNamespace(TestCluster.NS).withName("migrate-shop-apply").delete();
        TestStreams.annotate(client, stream, SGStream.SIGNAL_ANNOTATION_PREFIX + "tombstone", "{}");

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(TestCluster.objectsOf(client, "migrate-shop")).contains("eventing.knative.dev/v1/Trigger/migrate-shop-apply");
            assertThat(broker.requests()).hasSize(1);
        });
    }

    @Test
    void aConflictWhileUpdatingAnObjectIsRetriedAndNotReportedAsAFailure() {
        controller = controller(client, TestCluster.SETTINGS);
        controller.start();
        SGStream stream = TestStreams.create(client, "sgcluster-to-sgcluster.yaml");
        await().atMost(WAIT).until(() -> TestCluster.objectsOf(client, "migrate-shop").size() == 9);
        // the next update of the capture Deployment meets what a concurrent writer causes on a real API server
        AtomicInteger conflicts = new AtomicInteger();
        server.expect().put().withPath("/apis/apps/v1/namespaces/" + TestCluster.NS + "/deployments/migrate-shop-capture")
                .andReply(409, request -> {
                    conflicts.incrementAndGet();
                    return new StatusBuilder().withStatus("Failure").withCode(409).withReason("Conflict")
                            .withMessage("the object has been modified; please apply your changes to the latest version")
                            .build();
                }).once();

        // a label for every object: the Deployment must be updated
        client.resources(SGStream.class).inNamespace(TestCluster.NS).withName(stream.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE),
                        "{\"spec\": {\"metadata\": {\"labels\": {\"allResources\": {\"edited\": \"yes\"}}}}}");

        await().atMost(WAIT).untilAsserted(() -> assertThat(client.apps().deployments().inNamespace(TestCluster.NS)
                .withName("migrate-shop-capture").get().getMetadata().getLabels()).containsEntry("edited", "yes"));
        assertThat(conflicts).hasValue(1);
        SGStream read = TestCluster.read(client, "migrate-shop");
        assertThat(read.getStatus().getFailure()).isNull();
        assertThat(read.getStatus().condition("Failed")).get().extracting(c -> c.getStatus()).isEqualTo("False");
        assertThat(client.v1().events().inNamespace(TestCluster.NS).list().getItems())
                .noneMatch(e -> "Warning".equals(e.getType()));
    }

    @Test
    void onlyTheLeaderActsAndAStandbyTakesOverWhenItStepsDown() {
        AtomicInteger leaders = new AtomicInteger();
        // a lease long enough that a loaded machine still renews it in time; stepping down releases it at once
        LeaderElection.Timing fast = new LeaderElection.Timing(Duration.ofSeconds(10), Duration.ofSeconds(8),
                Duration.ofMillis(250));
        KubernetesClient second = server.createClient();
        CompletableFuture<?> first = LeaderElection.start(client, TestCluster.SETTINGS.withIdentity("controller-0"),
                fast, leaders::incrementAndGet, () -> leaders.decrementAndGet());
        await().atMost(WAIT).until(() -> leaders.get() == 1);
        AtomicInteger standbyLed = new AtomicInteger();
        CompletableFuture<?> standby = LeaderElection.start(second, TestCluster.SETTINGS.withIdentity("controller-1"),
                fast, standbyLed::incrementAndGet, () -> { });

        // while the first renews, the standby never leads: checked when it has tried many times over
        await().pollDelay(Duration.ofSeconds(3)).atMost(WAIT).until(() -> true);
        assertThat(standbyLed).hasValue(0);
        assertThat(client.leases().inNamespace("sgstream-system").withName("sgstream-controller").get().getSpec()
                .getHolderIdentity()).isEqualTo("controller-0");

        first.cancel(true); // steps down and releases the lease
        await().atMost(WAIT).until(() -> standbyLed.get() == 1);
        assertThat(client.leases().inNamespace("sgstream-system").withName("sgstream-controller").get().getSpec()
                .getHolderIdentity()).isEqualTo("controller-1");
        standby.cancel(true);
        second.close();
    }
}
