package io.sgstream.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.sgstream.api.SGStream;
import io.sgstream.signals.AnnotationSignals;
import io.sgstream.signals.TestStreams;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The status as a StackGres user (or tool) reads it, without our Java model in between: {@code kubectl get sgstream
 * -o json} sees StackGres's field names and values.
 */
@EnableKubernetesMockClient(crud = true)
class StatusNamesTest {

    static final ResourceDefinitionContext SGSTREAMS = new ResourceDefinitionContext.Builder()
            .withGroup("stackgres.io").withVersion("v1alpha1").withKind("SGStream").withPlural("sgstreams")
            .withNamespaced(true).build();

    KubernetesClient client;
    PreparedNamespace namespace;
    StreamReconciler reconciler;

    @BeforeEach
    void prepare() {
        namespace = PreparedNamespace.prepare(client);
        reconciler = namespace.reconciler();
    }

    @AfterEach
    void stop() {
        namespace.close();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> rawStatus(String name) {
        GenericKubernetesResource raw = client.genericKubernetesResources(SGSTREAMS).inNamespace(TestCluster.NS)
                .withName(name).get();
        return (Map<String, Object>) raw.getAdditionalProperties().get("status");
    }

    @Test
    void aRealizedStreamReadsBackWithStackGresConditionNamesAndReasons() {
        SGStream stream = TestStreams.create(client, "sgcluster-to-sgcluster.yaml");
        reconciler.reconcile(stream);

        Map<String, Object> status = rawStatus("migrate-shop");

        assertThat(status).containsOnlyKeys("conditions");
        assertThat(status.get("conditions")).isEqualTo(List.of(
                Map.of("type", "Failed", "status", "False", "reason", "OperationNotFailed",
                        "lastTransitionTime", "2026-11-25T10:00:00Z"),
                Map.of("type", "Running", "status", "False", "reason", "OperationNotRunning",
                        "message", "waiting for capture service migrate-shop-capture to be available",
                        "lastTransitionTime", "2026-11-25T10:00:00Z"),
                Map.of("type", "Completed", "status", "False", "reason", "OperationNotCompleted",
                        "lastTransitionTime", "2026-11-25T10:00:00Z")));
    }

    @Test
    void aRejectedStreamHasStackGresFailureAndSignalBookkeepingBesideIt() {
        SGStream stream = TestStreams.example("postgres-to-cloudevent.yaml");
        stream.getSpec().getTarget().getCloudEvent().getHttp().setUrl(null);
        stream.getMetadata().getAnnotations().put(SGStream.SIGNAL_ANNOTATION_PREFIX + "command", "{\"command\": \"x\"}");
        SGStream created = client.resource(stream).create();
        reconciler.reconcile(created);
        new AnnotationSignals(client, request -> { }).process(TestCluster.read(client, "orders-events"));

        Map<String, Object> status = rawStatus("orders-events");

        assertThat(status).containsOnlyKeys("conditions", "failure", "signals");
        assertThat(status.get("failure")).asString().startsWith("Invalid SGStream shop/orders-events (1 problem):")
                .contains("spec.target.cloudEvent.http.url");
        assertThat((List<Map<String, Object>>) status.get("conditions")).first().satisfies(failed -> {
            assertThat(failed).containsOnlyKeys("type", "status", "reason", "message", "lastTransitionTime");
            assertThat(failed).containsEntry("type", "Failed").containsEntry("status", "True")
                    .containsEntry("reason", "InvalidSpec").containsEntry("message", status.get("failure"));
        });
        assertThat((Map<String, Object>) status.get("signals")).containsOnlyKeys("command");
        assertThat((Map<String, Object>) ((Map<String, Object>) status.get("signals")).get("command"))
                .containsOnlyKeys("requestId", "rejected");
    }
}
