package io.sgstream.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.knative.client.KnativeClient;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.sgstream.api.SGStream;
import io.sgstream.api.spec.ResourceMetadata;
import io.sgstream.api.spec.StreamMetadata;
import io.sgstream.signals.TestStreams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every source × target combination, as the examples in {@code knative/examples} write it: creating the stream makes
 * exactly the expected typed objects, updating it updates them (and makes no others), and each is owned by the
 * stream (controller reference with its uid: what Kubernetes' garbage collector deletes them by when the stream is
 * deleted; the mock API server has no garbage collector).
 */
@EnableKubernetesMockClient(crud = true)
class EveryCombinationTest {

    static final String NS = TestCluster.NS;

    KubernetesClient client;
    PreparedNamespace namespace;
    StreamReconciler reconciler;

    static Stream<Arguments> combinations() {
        return Stream.of(
                Arguments.of("sgcluster-to-sgcluster.yaml", "migrate-shop", "apply"),
                Arguments.of("sgcluster-to-cloudevent.yaml", "inventory-events", null),
                Arguments.of("sgcluster-to-pglambda.yaml", "audit-lambda", "pglambda"),
                Arguments.of("postgres-to-sgcluster.yaml", "legacy-to-inventory", "apply"),
                Arguments.of("postgres-to-cloudevent.yaml", "orders-events", null),
                Arguments.of("postgres-to-pglambda.yaml", "legacy-lambda", "pglambda"));
    }

    @BeforeEach
    void prepare() {
        namespace = PreparedNamespace.prepare(client);
        reconciler = namespace.reconciler();
    }

    @AfterEach
    void stop() {
        namespace.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("combinations")
    void createsExactlyTheExpectedObjectsUpdatesThemAndOwnsThem(String example, String name, String function) {
        SGStream stream = TestStreams.create(client, example);
        reconciler.reconcile(stream);

        List<String> expected = new ArrayList<>(List.of(
                "apps/v1/Deployment/" + name + "-capture",
                "eventing.knative.dev/v1/Trigger/" + name + "-signals",
                "rbac.authorization.k8s.io/v1/Role/" + name + "-capture",
                "rbac.authorization.k8s.io/v1/RoleBinding/" + name + "-capture",
                "v1/Service/" + name + "-capture",
                "v1/ServiceAccount/" + name + "-capture"));
        if (function != null) { // the function behind the Broker, and the capture's K_SINK = the Broker
            expected.add("eventing.knative.dev/v1/Trigger/" + name + "-" + function);
            expected.add("serving.knative.dev/v1/Service/" + name + "-" + function);
            expected.add("sources.knative.dev/v1/SinkBinding/" + name + "-capture");
        }
        assertThat(TestCluster.objectsOf(client, name)).containsExactlyInAnyOrderElementsOf(expected);
        SGStream read = TestCluster.read(client, name);
        assertThat(read.getStatus().getFailure()).isNull();
        assertThat(read.getStatus().condition("Failed")).get().extracting(c -> c.getStatus()).isEqualTo("False");
        if (function != null) {
            Trigger trigger = client.adapt(KnativeClient.class).triggers().inNamespace(NS)
                    .withName(name + "-" + function).get();
            assertThat(trigger.getSpec().getSubscriber().getRef().getName()).isEqualTo(name + "-" + function);
            assertThat(trigger.getSpec().getBroker()).isEqualTo("sgstream");
        }

        SGStream edited = client.resources(SGStream.class).inNamespace(NS).withName(name).edit(s -> {
            StreamMetadata metadata = s.getSpec().getMetadata() == null ? new StreamMetadata() : s.getSpec().getMetadata();
            ResourceMetadata labels = metadata.getLabels() == null ? new ResourceMetadata() : metadata.getLabels();
            Map<String, String> all = new LinkedHashMap<>(labels.getAllResources() == null ? Map.of()
                    : labels.getAllResources());
            all.put("edited", "yes");
            labels.setAllResources(all);
            metadata.setLabels(labels);
            s.getSpec().setMetadata(metadata);
            return s;
        });
        reconciler.reconcile(edited);

        assertThat(TestCluster.objectsOf(client, name)).containsExactlyInAnyOrderElementsOf(expected);
        List<HasMetadata> objects = owned(name);
        assertThat(objects).hasSize(expected.size()).allSatisfy(object -> {
            assertThat(object.getMetadata().getLabels()).containsEntry("edited", "yes");
            assertThat(object.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
                assertThat(owner.getKind()).isEqualTo("SGStream");
                assertThat(owner.getUid()).isEqualTo(stream.getMetadata().getUid()).isNotBlank();
                assertThat(owner.getController()).isTrue();
                assertThat(owner.getBlockOwnerDeletion()).isTrue();
            });
        });
    }

    private List<HasMetadata> owned(String name) {
        KnativeClient knative = client.adapt(KnativeClient.class);
        List<HasMetadata> all = new ArrayList<>();
        all.addAll(client.serviceAccounts().inNamespace(NS).withLabel(StreamLabels.STREAM, name).list().getItems());
        all.addAll(client.rbac().roles().inNamespace(NS).withLabel(StreamLabels.STREAM, name).list().getItems());
        all.addAll(client.rbac().roleBindings().inNamespace(NS).withLabel(StreamLabels.STREAM, name).list().getItems());
        all.addAll(client.apps().deployments().inNamespace(NS).withLabel(StreamLabels.STREAM, name).list().getItems());
        all.addAll(knative.sinkBindings().inNamespace(NS).withLabel(StreamLabels.STREAM, name).list().getItems());
        all.addAll(knative.services().inNamespace(NS).withLabel(StreamLabels.STREAM, name).list().getItems());
        all.addAll(knative.triggers().inNamespace(NS).withLabel(StreamLabels.STREAM, name).list().getItems());
        // core Services: fabric8's mock lists Knative Services among them (same plural), keep the core ones
        client.services().inNamespace(NS).withLabel(StreamLabels.STREAM, name).list().getItems().stream()
                .filter(s -> "v1".equals(s.getApiVersion())).forEach(all::add);
        return all.stream().filter(o -> HasMetadata.getApiVersion(o.getClass()).equals(o.getApiVersion())).toList();
    }
}
