package io.sgstream.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.knative.client.KnativeClient;
import io.fabric8.knative.eventing.v1.SubscriptionsAPIFilter;
import io.fabric8.knative.eventing.v1.SubscriptionsAPIFilterBuilder;
import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.knative.sources.v1.SinkBinding;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.sgstream.api.SGStream;
import io.sgstream.api.spec.ConfigMapKeySelector;
import io.sgstream.api.spec.PgLambdaScriptFrom;
import io.sgstream.signals.TestStreams;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each example stream realized as exactly the expected objects, kept up to date, and rejected when invalid. */
@EnableKubernetesMockClient(crud = true)
class StreamReconcilerTest {

    static final String NS = TestCluster.NS;

    KubernetesClient client;
    KnativeClient knative;
    PreparedNamespace namespace;
    StreamReconciler reconciler;

    @BeforeEach
    void prepare() {
        namespace = PreparedNamespace.prepare(client);
        knative = client.adapt(KnativeClient.class);
        reconciler = namespace.reconciler();
    }

    @AfterEach
    void stop() {
        namespace.close();
    }

    private SGStream createAndReconcile(String example) {
        SGStream stream = TestStreams.create(client, example);
        reconciler.reconcile(stream);
        return TestCluster.read(client, stream.getMetadata().getName());
    }

    @Test
    void anSGClusterToSGClusterStreamGetsCaptureApplyAndSignalObjects() {
        SGStream stream = createAndReconcile("sgcluster-to-sgcluster.yaml");

        assertThat(TestCluster.objectsOf(client, "migrate-shop")).containsExactly(
                "apps/v1/Deployment/migrate-shop-capture",
                "eventing.knative.dev/v1/Trigger/migrate-shop-apply",
                "eventing.knative.dev/v1/Trigger/migrate-shop-signals",
                "rbac.authorization.k8s.io/v1/Role/migrate-shop-capture",
                "rbac.authorization.k8s.io/v1/RoleBinding/migrate-shop-capture",
                "serving.knative.dev/v1/Service/migrate-shop-apply",
                "sources.knative.dev/v1/SinkBinding/migrate-shop-capture",
                "v1/Service/migrate-shop-capture",
                "v1/ServiceAccount/migrate-shop-capture");
        assertOwnedAndLabelled(stream);

        Deployment capture = client.apps().deployments().inNamespace(NS).withName("migrate-shop-capture").get();
        assertThat(capture.getSpec().getReplicas()).isEqualTo(1);
        assertThat(capture.getSpec().getStrategy().getType()).isEqualTo("Recreate");
        Container container = capture.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("registry.test/sgstream-capture:1");
        assertThat(container.getEnv()).contains(new EnvVar("SGSTREAM_NAME", "migrate-shop", null),
                new EnvVar("SGSTREAM_NAMESPACE", NS, null), new EnvVar("SGSTREAM_LEASE_NAME", "migrate-shop-capture", null));
        assertThat(capture.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("migrate-shop-capture");
        assertThat(capture.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(capture.getSpec().getSelector().getMatchLabels());

        Service service = client.services().inNamespace(NS).withName("migrate-shop-capture").get();
        assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
        assertThat(service.getSpec().getSelector()).isEqualTo(capture.getSpec().getSelector().getMatchLabels());

        assertThat(client.rbac().roles().inNamespace(NS).withName("migrate-shop-capture").get().getRules())
                .containsExactly(captureRules("shop-pg14").toArray(PolicyRule[]::new));
        RoleBinding binding = client.rbac().roleBindings().inNamespace(NS).withName("migrate-shop-capture").get();
        assertThat(binding.getRoleRef().getName()).isEqualTo("migrate-shop-capture");
        assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
            assertThat(s.getKind()).isEqualTo("ServiceAccount");
            assertThat(s.getName()).isEqualTo("migrate-shop-capture");
        });

        SinkBinding sinkBinding = knative.sinkBindings().inNamespace(NS).withName("migrate-shop-capture").get();
        assertThat(sinkBinding.getSpec().getSubject().getKind()).isEqualTo("Deployment");
        assertThat(sinkBinding.getSpec().getSubject().getName()).isEqualTo("migrate-shop-capture");
        assertThat(sinkBinding.getSpec().getSink().getRef().getKind()).isEqualTo("Broker");
        assertThat(sinkBinding.getSpec().getSink().getRef().getName()).isEqualTo("sgstream");

        io.fabric8.knative.serving.v1.Service apply = knative.services().inNamespace(NS).withName("migrate-shop-apply").get();
        Container function = apply.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(function.getImage()).isEqualTo("registry.test/sgstream-sgcluster-apply:1");
        assertThat(function.getEnv()).containsExactly(
                new EnvVar("SGSTREAM_APPLY_TARGET_JDBC_URL", "jdbc:postgresql://shop-pg17.shop:5433/shop", null),
                secretEnv("SGSTREAM_APPLY_TARGET_USERNAME", "shop-pg17", "superuser-username"),
                secretEnv("SGSTREAM_APPLY_TARGET_PASSWORD", "shop-pg17", "superuser-password"),
                // StackGres's defaults: the DDL imported from the source, indexes deferred during the snapshot
                new EnvVar("SGSTREAM_APPLY_PREPARE_IMPORT_DDL", "true", null),
                new EnvVar("SGSTREAM_APPLY_PREPARE_SOURCE_JDBC_URL", "jdbc:postgresql://shop-pg14.shop:5433/shop", null),
                secretEnv("SGSTREAM_APPLY_PREPARE_SOURCE_USERNAME", "shop-pg14", "superuser-username"),
                secretEnv("SGSTREAM_APPLY_PREPARE_SOURCE_PASSWORD", "shop-pg14", "superuser-password"),
                new EnvVar("SGSTREAM_APPLY_PREPARE_DROP_INDEXES_AND_CONSTRAINTS", "true", null),
                new EnvVar("SGSTREAM_APPLY_PREPARE_DROP_PRIMARY_KEYS", "true", null),
                new EnvVar("SGSTREAM_APPLY_PREPARE_RESTORE_AFTER_SNAPSHOT", "true", null));
        assertThat(apply.getMetadata().getLabels()).containsEntry("networking.knative.dev/visibility", "cluster-local");

        Trigger applyTrigger = knative.triggers().inNamespace(NS).withName("migrate-shop-apply").get();
        assertThat(applyTrigger.getSpec().getBroker()).isEqualTo("sgstream");
        assertThat(applyTrigger.getSpec().getFilters()).containsExactly(
                exact("source", "/sgstream/shop/migrate-shop"),
                prefix("type", "io.sgstream."),
                new SubscriptionsAPIFilterBuilder().withNot(prefix("type", "io.sgstream.control.")).build());
        assertThat(applyTrigger.getSpec().getSubscriber().getRef().getApiVersion()).isEqualTo("serving.knative.dev/v1");
        assertThat(applyTrigger.getSpec().getSubscriber().getRef().getName()).isEqualTo("migrate-shop-apply");

        Trigger signals = knative.triggers().inNamespace(NS).withName("migrate-shop-signals").get();
        assertThat(signals.getSpec().getFilters()).containsExactly(
                exact("type", "io.sgstream.control.signal"), exact("source", "/sgstream/shop/migrate-shop"));
        assertThat(signals.getSpec().getSubscriber().getRef().getApiVersion()).isEqualTo("v1");
        assertThat(signals.getSpec().getSubscriber().getRef().getKind()).isEqualTo("Service");
        assertThat(signals.getSpec().getSubscriber().getRef().getName()).isEqualTo("migrate-shop-capture");
    }

    @Test
    void anExternalPostgresToSGClusterStreamUsesTheCredentialsItNames() {
        createAndReconcile("postgres-to-sgcluster.yaml");

        io.fabric8.knative.serving.v1.Service apply = knative.services().inNamespace(NS).withName("legacy-to-inventory-apply").get();
        assertThat(apply.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()).containsExactly(
                new EnvVar("SGSTREAM_APPLY_TARGET_JDBC_URL", "jdbc:postgresql://inventory.shop:5433/inventory", null),
                secretEnv("SGSTREAM_APPLY_TARGET_USERNAME", "inventory-writer", "username"),
                secretEnv("SGSTREAM_APPLY_TARGET_PASSWORD", "inventory-writer", "password"),
                new EnvVar("SGSTREAM_APPLY_PREPARE_IMPORT_DDL", "false", null),
                // a MicroProfile Config list: the patterns' backslashes escaped
                new EnvVar("SGSTREAM_APPLY_PREPARE_INCLUDES", "warehouse,public\\\\.products,public\\\\.stock_levels", null),
                new EnvVar("SGSTREAM_APPLY_PREPARE_DROP_INDEXES_AND_CONSTRAINTS", "true", null),
                new EnvVar("SGSTREAM_APPLY_PREPARE_DROP_PRIMARY_KEYS", "true", null),
                new EnvVar("SGSTREAM_APPLY_PREPARE_RESTORE_AFTER_SNAPSHOT", "true", null));
        assertThat(client.rbac().roles().inNamespace(NS).withName("legacy-to-inventory-capture").get().getRules())
                .containsExactly(captureRules("legacy-db-credentials").toArray(PolicyRule[]::new));
    }

    @Test
    void aCloudEventStreamHasNoSinkBindingAndNoFunction() {
        SGStream stream = createAndReconcile("postgres-to-cloudevent.yaml");

        assertThat(TestCluster.objectsOf(client, "orders-events")).containsExactly(
                "apps/v1/Deployment/orders-events-capture",
                "eventing.knative.dev/v1/Trigger/orders-events-signals",
                "rbac.authorization.k8s.io/v1/Role/orders-events-capture",
                "rbac.authorization.k8s.io/v1/RoleBinding/orders-events-capture",
                "v1/Service/orders-events-capture",
                "v1/ServiceAccount/orders-events-capture");
        assertOwnedAndLabelled(stream);
        assertThat(client.rbac().roles().inNamespace(NS).withName("orders-events-capture").get().getRules())
                .containsExactly(captureRules("orders-db-credentials", "orders-db-ca").toArray(PolicyRule[]::new));
    }

    @Test
    void aCloudEventHeaderSecretIsCheckedAndGrantedToTheCapture() {
        // the capture resolves ${secret:<name>/<key>} in headers through the API (HttpSinkConfig.fromSgStream)
        SGStream example = TestStreams.example("postgres-to-cloudevent.yaml");
        example.getSpec().getTarget().getCloudEvent().getHttp().getHeaders()
                .put("Authorization", "Bearer ${secret:sink-auth/token}");
        SGStream stream = client.resource(example).create();
        reconciler.reconcile(stream);

        stream = TestCluster.read(client, "orders-events");
        assertThat(TestCluster.objectsOf(client, "orders-events")).isEmpty();
        assertThat(stream.getStatus().getFailure()).isEqualTo("Secret sink-auth not found in namespace shop");

        TestCluster.secret(client, "sink-auth", "token", "t0ken");
        reconciler.reconcile(stream);

        assertThat(client.rbac().roles().inNamespace(NS).withName("orders-events-capture").get().getRules())
                .containsExactly(captureRules("orders-db-credentials", "orders-db-ca", "sink-auth")
                        .toArray(PolicyRule[]::new));
    }

    @Test
    void aPgLambdaStreamGetsItsFunctionWithTheScriptAndTheKnativeMetadata() {
        SGStream stream = createAndReconcile("sgcluster-to-pglambda.yaml");

        assertThat(TestCluster.objectsOf(client, "audit-lambda")).containsExactly(
                "apps/v1/Deployment/audit-lambda-capture",
                "eventing.knative.dev/v1/Trigger/audit-lambda-pglambda",
                "eventing.knative.dev/v1/Trigger/audit-lambda-signals",
                "rbac.authorization.k8s.io/v1/Role/audit-lambda-capture",
                "rbac.authorization.k8s.io/v1/RoleBinding/audit-lambda-capture",
                "serving.knative.dev/v1/Service/audit-lambda-pglambda",
                "sources.knative.dev/v1/SinkBinding/audit-lambda-capture",
                "v1/Service/audit-lambda-capture",
                "v1/ServiceAccount/audit-lambda-capture");
        assertOwnedAndLabelled(stream);

        io.fabric8.knative.serving.v1.Service lambda = knative.services().inNamespace(NS).withName("audit-lambda-pglambda").get();
        assertThat(lambda.getMetadata().getLabels()).containsEntry("networking.knative.dev/visibility", "cluster-local");
        assertThat(lambda.getMetadata().getAnnotations()).containsEntry("autoscaling.knative.dev/min-scale", "1");
        assertThat(lambda.getSpec().getTemplate().getMetadata().getAnnotations())
                .isEqualTo(Map.of("autoscaling.knative.dev/min-scale", "1"));
        Container container = lambda.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).isEqualTo("registry.test/sgstream-pglambda:1");
        assertThat(container.getEnv()).containsExactly(
                new EnvVar("SCRIPT", stream.getSpec().getTarget().getPgLambda().getScript(), null));

        Trigger trigger = knative.triggers().inNamespace(NS).withName("audit-lambda-pglambda").get();
        assertThat(trigger.getSpec().getFilters()).first().isEqualTo(exact("source", "/sgstream/shop/audit-lambda"));
        assertThat(trigger.getSpec().getSubscriber().getRef().getName()).isEqualTo("audit-lambda-pglambda");
        assertThat(trigger.getSpec().getDelivery().getTimeout()).isEqualTo("PT10S"); // knative.http.readTimeout
    }

    @Test
    void aPgLambdaScriptFromAConfigMapIsReadByTheKubeletNotCopied() {
        SGStream stream = TestStreams.example("sgcluster-to-pglambda.yaml");
        stream.getSpec().getTarget().getPgLambda().setScript(null);
        PgLambdaScriptFrom from = new PgLambdaScriptFrom();
        ConfigMapKeySelector key = new ConfigMapKeySelector();
        key.setName("audit-script");
        key.setKey("index.js");
        from.setConfigMapKeyRef(key);
        stream.getSpec().getTarget().getPgLambda().setScriptFrom(from);
        client.configMaps().inNamespace(NS).resource(new io.fabric8.kubernetes.api.model.ConfigMapBuilder()
                .withNewMetadata().withName("audit-script").endMetadata().addToData("index.js", "response.end()")
                .build()).create();

        reconciler.reconcile(client.resource(stream).create());

        io.fabric8.knative.serving.v1.Service lambda = knative.services().inNamespace(NS).withName("audit-lambda-pglambda").get();
        assertThat(lambda.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()).containsExactly(
                new EnvVarBuilder().withName("SCRIPT").withNewValueFrom()
                        .withNewConfigMapKeyRef("index.js", "audit-script", false).endValueFrom().build());
    }

    @Test
    void anInlineScriptKeepsItsDollarSignsThroughKubernetesExpansion() {
        SGStream stream = TestStreams.example("sgcluster-to-pglambda.yaml");
        stream.getSpec().getTarget().getPgLambda().setScript("console.log(`$(HOME) ${event.id}`)");

        reconciler.reconcile(client.resource(stream).create());

        assertThat(knative.services().inNamespace(NS).withName("audit-lambda-pglambda").get().getSpec().getTemplate()
                .getSpec().getContainers().get(0).getEnv().get(0).getValue())
                .isEqualTo("console.log(`$$(HOME) $${event.id}`)");
    }

    @Test
    void updatingTheStreamUpdatesItsObjectsAndKeepsWhatOthersAdded() {
        SGStream stream = createAndReconcile("sgcluster-to-pglambda.yaml");
        // what Knative and users add to a Service must survive the controller's updates
        knative.services().inNamespace(NS).withName("audit-lambda-pglambda").edit(s -> {
            s.getMetadata().getAnnotations().put("serving.knative.dev/creator", "system:serviceaccount:x");
            return s;
        });

        SGStream edited = client.resources(SGStream.class).inNamespace(NS).withName("audit-lambda").edit(s -> {
            s.getSpec().getTarget().getPgLambda().setScript("response.end();");
            s.getSpec().getTarget().getPgLambda().getKnative().setLabels(Map.of("team", "audit"));
            return s;
        });
        reconciler.reconcile(edited);

        io.fabric8.knative.serving.v1.Service lambda = knative.services().inNamespace(NS).withName("audit-lambda-pglambda").get();
        assertThat(lambda.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .containsExactly(new EnvVar("SCRIPT", "response.end();", null));
        assertThat(lambda.getMetadata().getLabels()).containsEntry("team", "audit")
                .doesNotContainKey("networking.knative.dev/visibility");
        assertThat(lambda.getMetadata().getAnnotations()).containsEntry("serving.knative.dev/creator",
                "system:serviceaccount:x");
        assertThat(events("StreamUpdated")).singleElement().satisfies(e -> assertThat(e)
                .contains("Updated serving.knative.dev/v1/Service/audit-lambda-pglambda"));
        assertOwnedAndLabelled(stream);
    }

    @Test
    void aResyncWithoutChangesWritesNothing() {
        createAndReconcile("sgcluster-to-sgcluster.yaml");
        Map<String, String> versions = versionsOf("migrate-shop");
        String statusVersion = TestCluster.read(client, "migrate-shop").getMetadata().getResourceVersion();

        reconciler.reconcile(TestCluster.read(client, "migrate-shop"));

        assertThat(versionsOf("migrate-shop")).isEqualTo(versions);
        assertThat(TestCluster.read(client, "migrate-shop").getMetadata().getResourceVersion()).isEqualTo(statusVersion);
        assertThat(events("StreamCreated")).hasSize(1);
        assertThat(events("StreamUpdated")).isEmpty();
    }

    @Test
    void aDeletedObjectIsCreatedAgain() {
        createAndReconcile("sgcluster-to-sgcluster.yaml");
        knative.triggers().inNamespace(NS).withName("migrate-shop-signals").delete();

        reconciler.reconcile(TestCluster.read(client, "migrate-shop"));

        assertThat(knative.triggers().inNamespace(NS).withName("migrate-shop-signals").get()).isNotNull();
        assertThat(events("StreamCreated")).hasSize(1);
        assertThat(events("StreamUpdated")).containsExactly(
                "Created eventing.knative.dev/v1/Trigger/migrate-shop-signals");
    }

    @Test
    void changingTheTargetTypeDeletesTheObjectsNoLongerNeeded() {
        createAndReconcile("sgcluster-to-sgcluster.yaml");
        SGStream cloudEvent = TestStreams.example("postgres-to-cloudevent.yaml");

        SGStream edited = client.resources(SGStream.class).inNamespace(NS).withName("migrate-shop").edit(s -> {
            s.getSpec().setTarget(cloudEvent.getSpec().getTarget());
            return s;
        });
        reconciler.reconcile(edited);

        assertThat(TestCluster.objectsOf(client, "migrate-shop")).containsExactly(
                "apps/v1/Deployment/migrate-shop-capture",
                "eventing.knative.dev/v1/Trigger/migrate-shop-signals",
                "rbac.authorization.k8s.io/v1/Role/migrate-shop-capture",
                "rbac.authorization.k8s.io/v1/RoleBinding/migrate-shop-capture",
                "v1/Service/migrate-shop-capture",
                "v1/ServiceAccount/migrate-shop-capture");
        assertThat(events("StreamUpdated")).singleElement().satisfies(e -> assertThat(e)
                .startsWith("Deleted ").contains("sources.knative.dev/v1/SinkBinding/migrate-shop-capture",
                        "serving.knative.dev/v1/Service/migrate-shop-apply", "eventing.knative.dev/v1/Trigger/migrate-shop-apply"));
    }

    @Test
    void anInvalidSpecIsRejectedWithItsFieldPathsAndNothingIsCreated() {
        SGStream stream = TestStreams.example("sgcluster-to-sgcluster.yaml");
        stream.getSpec().getTarget().setSgCluster(null);
        stream.getSpec().setMaxRetries(-5);

        reconciler.reconcile(client.resource(stream).create());
        reconciler.reconcile(TestCluster.read(client, "migrate-shop")); // seen again: reported once

        assertThat(TestCluster.objectsOf(client, "migrate-shop")).isEmpty();
        SGStream read = TestCluster.read(client, "migrate-shop");
        String expected = "Invalid SGStream shop/migrate-shop (2 problems):\n"
                + "  - spec.target.sgCluster: required when spec.target.type is SGCluster\n"
                + "  - spec.maxRetries: must be -1 (retry forever) or more (was -5)";
        assertThat(read.getStatus().condition("Failed")).hasValueSatisfying(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo("InvalidSpec");
            assertThat(c.getMessage()).isEqualTo(expected);
        });
        assertThat(read.getStatus().getFailure()).isEqualTo(expected);
        assertThat(read.getStatus().condition("Running").orElseThrow().getStatus()).isEqualTo("False");
        assertThat(events("StreamFailed")).containsExactly(expected);

        SGStream fixed = client.resources(SGStream.class).inNamespace(NS).withName("migrate-shop").edit(s -> {
            s.getSpec().setTarget(TestStreams.example("sgcluster-to-sgcluster.yaml").getSpec().getTarget());
            s.getSpec().setMaxRetries(-1);
            return s;
        });
        reconciler.reconcile(fixed);

        SGStream realized = TestCluster.read(client, "migrate-shop");
        assertThat(TestCluster.objectsOf(client, "migrate-shop")).hasSize(9);
        assertThat(realized.getStatus().condition("Failed").orElseThrow().getStatus()).isEqualTo("False");
        assertThat(realized.getStatus().getFailure()).isNull();
    }

    @Test
    void aMissingSGClusterOrSecretIsReportedByNameAndNothingIsCreated() {
        client.secrets().inNamespace(NS).withName("shop-pg14").delete();
        client.secrets().inNamespace(NS).withName("shop-pg17").delete();
        client.genericKubernetesResources(StreamDependencies.SGCLUSTER).inNamespace(NS).withName("shop-pg17").delete();

        SGStream stream = createAndReconcile("sgcluster-to-sgcluster.yaml");

        assertThat(TestCluster.objectsOf(client, "migrate-shop")).isEmpty();
        assertThat(stream.getStatus().condition("Failed")).hasValueSatisfying(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo("DependencyNotFound");
        });
        assertThat(stream.getStatus().getFailure()).isEqualTo(
                "SGCluster shop-pg17 (spec.target.sgCluster.name) not found in namespace shop; "
                + "Secret shop-pg14 not found in namespace shop; Secret shop-pg17 not found in namespace shop");

        TestCluster.sgCluster(client, "shop-pg17");
        TestCluster.secret(client, "shop-pg14", "superuser-username", "postgres", "superuser-password", "x");
        TestCluster.secret(client, "shop-pg17", "superuser-username", "postgres");
        reconciler.reconcile(TestCluster.read(client, "migrate-shop"));
        assertThat(TestCluster.read(client, "migrate-shop").getStatus().getFailure())
                .isEqualTo("Secret shop-pg17 has no key superuser-password");
    }

    @Test
    void runningFollowsTheCaptureDeploymentAndACompletedStreamStopsItsPod() {
        createAndReconcile("sgcluster-to-sgcluster.yaml");
        assertThat(TestCluster.read(client, "migrate-shop").getStatus().condition("Running").orElseThrow().getMessage())
                .isEqualTo("waiting for capture service migrate-shop-capture to be available");

        client.apps().deployments().inNamespace(NS).withName("migrate-shop-capture").editStatus(d -> {
            d.setStatus(new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder().withReplicas(1)
                    .withAvailableReplicas(1).build());
            return d;
        });
        reconciler.reconcile(TestCluster.read(client, "migrate-shop"));
        assertThat(TestCluster.read(client, "migrate-shop").getStatus().condition("Running")).hasValueSatisfying(c -> {
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo("OperationRunning");
        });

        // the capture service reports the tombstone's end
        SGStream completed = TestCluster.read(client, "migrate-shop");
        completed.getStatus().putCondition(io.sgstream.api.status.StreamCondition.of("Completed", "True",
                "OperationCompleted", "tombstone", "2026-11-25T11:00:00Z"));
        client.resource(completed).updateStatus();
        reconciler.reconcile(TestCluster.read(client, "migrate-shop"));

        assertThat(client.apps().deployments().inNamespace(NS).withName("migrate-shop-capture").get().getSpec()
                .getReplicas()).isZero();
        assertThat(TestCluster.read(client, "migrate-shop").getStatus().condition("Running").orElseThrow().getStatus())
                .isEqualTo("False");
        assertThat(TestCluster.read(client, "migrate-shop").getStatus().condition("Completed").orElseThrow()
                .getReason()).isEqualTo("OperationCompleted");
    }

    @Test
    void aKafkaDeliveryOrderCanBeAskedForOnTheStreamTriggers() {
        reconciler = PreparedNamespace.reconciler(client, TestCluster.SETTINGS.withTriggerDeliveryOrder("ordered"),
                TestCluster.CLOCK);

        createAndReconcile("sgcluster-to-sgcluster.yaml");

        assertThat(knative.triggers().inNamespace(NS).withName("migrate-shop-apply").get().getMetadata()
                .getAnnotations()).containsEntry("kafka.eventing.knative.dev/delivery.order", "ordered");
    }

    /** Deleting the stream deletes everything: each object is controlled by the stream (GC does the rest). */
    private void assertOwnedAndLabelled(SGStream stream) {
        String name = stream.getMetadata().getName();
        List<HasMetadata> all = new java.util.ArrayList<>();
        all.addAll(client.serviceAccounts().inNamespace(NS).withLabel(StreamLabels.STREAM, name).list().getItems());
        all.addAll(client.rbac().roles().inNamespace(NS).withLabel(StreamLabels.STREAM, name).list().getItems());
        all.addAll(client.rbac().roleBindings().inNamespace(NS).withLabel(StreamLabels.STREAM, name).list().getItems());
        all.addAll(client.apps().deployments().inNamespace(NS).withLabel(StreamLabels.STREAM, name).list().getItems());
        all.addAll(client.services().inNamespace(NS).withLabel(StreamLabels.STREAM, name).list().getItems());
        all.addAll(knative.sinkBindings().inNamespace(NS).withLabel(StreamLabels.STREAM, name).list().getItems());
        all.addAll(knative.services().inNamespace(NS).withLabel(StreamLabels.STREAM, name).list().getItems());
        all.addAll(knative.triggers().inNamespace(NS).withLabel(StreamLabels.STREAM, name).list().getItems());
        assertThat(all).isNotEmpty().allSatisfy(object -> {
            assertThat(object.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
                assertThat(owner.getApiVersion()).isEqualTo("stackgres.io/v1alpha1");
                assertThat(owner.getKind()).isEqualTo("SGStream");
                assertThat(owner.getName()).isEqualTo(name);
                assertThat(owner.getUid()).isEqualTo(stream.getMetadata().getUid()).isNotBlank();
                assertThat(owner.getController()).isTrue();
                assertThat(owner.getBlockOwnerDeletion()).isTrue();
            });
            assertThat(object.getMetadata().getLabels()).containsEntry("app.kubernetes.io/part-of", "sgstream")
                    .containsEntry("sgstream.io/stream", name);
        });
        ServiceAccount account = client.serviceAccounts().inNamespace(NS).withName(name + "-capture").get();
        assertThat(account).isNotNull();
    }

    private Map<String, String> versionsOf(String stream) {
        Map<String, String> versions = new java.util.TreeMap<>();
        client.apps().deployments().inNamespace(NS).withLabel(StreamLabels.STREAM, stream).list().getItems()
                .forEach(o -> versions.put(ResourceApplier.describe(o), o.getMetadata().getResourceVersion()));
        knative.services().inNamespace(NS).withLabel(StreamLabels.STREAM, stream).list().getItems()
                .forEach(o -> versions.put(ResourceApplier.describe(o), o.getMetadata().getResourceVersion()));
        knative.triggers().inNamespace(NS).withLabel(StreamLabels.STREAM, stream).list().getItems()
                .forEach(o -> versions.put(ResourceApplier.describe(o), o.getMetadata().getResourceVersion()));
        client.services().inNamespace(NS).withLabel(StreamLabels.STREAM, stream).list().getItems()
                .forEach(o -> versions.put(ResourceApplier.describe(o), o.getMetadata().getResourceVersion()));
        return versions;
    }

    private List<String> events(String reason) {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> reason.equals(e.getReason())).map(e -> e.getMessage()).toList();
    }

    private static List<PolicyRule> captureRules(String... secrets) {
        return List.of(
                new PolicyRuleBuilder().withApiGroups("stackgres.io").withResources("sgstreams")
                        .withResourceNames(streamName(secrets)).withVerbs("get", "list", "watch").build(),
                new PolicyRuleBuilder().withApiGroups("stackgres.io").withResources("sgstreams/status")
                        .withResourceNames(streamName(secrets)).withVerbs("get", "update", "patch").build(),
                new PolicyRuleBuilder().withApiGroups("").withResources("secrets").withResourceNames(secrets)
                        .withVerbs("get").build(),
                new PolicyRuleBuilder().withApiGroups("", "events.k8s.io").withResources("events")
                        .withVerbs("create", "patch").build(),
                new PolicyRuleBuilder().withApiGroups("coordination.k8s.io").withResources("leases")
                        .withVerbs("create").build(),
                new PolicyRuleBuilder().withApiGroups("coordination.k8s.io").withResources("leases")
                        .withResourceNames(streamName(secrets) + "-capture").withVerbs("get", "update", "patch").build());
    }

    /** The example whose source names these Secrets. */
    private static String streamName(String... secrets) {
        return switch (secrets[0]) {
            case "shop-pg14" -> "migrate-shop";
            case "legacy-db-credentials" -> "legacy-to-inventory";
            default -> "orders-events";
        };
    }

    private static SubscriptionsAPIFilter exact(String attribute, String value) {
        return new SubscriptionsAPIFilterBuilder().withExact(Map.of(attribute, value)).build();
    }

    private static SubscriptionsAPIFilter prefix(String attribute, String value) {
        return new SubscriptionsAPIFilterBuilder().withPrefix(Map.of(attribute, value)).build();
    }

    private static EnvVar secretEnv(String name, String secret, String key) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef(key, secret, false)
                .endValueFrom().build();
    }
}
