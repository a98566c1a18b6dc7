package io.sgstream.controller;

import io.fabric8.knative.client.KnativeClient;
import io.fabric8.knative.eventing.v1.Broker;
import io.fabric8.knative.eventing.v1.BrokerBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.sgstream.api.SGStream;
import io.sgstream.signals.TestStreams;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A namespace as the examples in knative/examples expect it: the SGStream CRD, the SGClusters and Secrets they name,
 * and the Broker (whose address is a loopback HTTP server standing in for its ingress).
 */
final class TestCluster {

    static final String NS = TestStreams.NAMESPACE;
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);
    static final ControllerSettings SETTINGS = new ControllerSettings("registry.test/sgstream-capture:1",
            "registry.test/sgstream-sgcluster-apply:1", "registry.test/sgstream-pglambda:1", "sgstream",
            Optional.empty(), Duration.ofMinutes(5), "sgstream-system", "sgstream-controller", "controller-0", 5433,
            Optional.empty(), 0);

    private TestCluster() {
    }

    static void prepare(KubernetesClient client, URI brokerIngress) {
        TestStreams.installCrd(client);
        for (String cluster : List.of("shop-pg14", "shop-pg17", "inventory")) {
            sgCluster(client, cluster);
            secret(client, cluster, "superuser-username", "postgres", "superuser-password", "secret");
        }
        secret(client, "orders-db-credentials", "username", "cdc", "password", "secret");
        secret(client, "orders-db-ca", "ca.crt", "-----BEGIN CERTIFICATE-----");
        secret(client, "legacy-db-credentials", "username", "replicator", "password", "secret");
        secret(client, "inventory-writer", "username", "writer", "password", "secret");
        Broker broker = new BrokerBuilder().withNewMetadata().withName("sgstream").withNamespace(NS).endMetadata()
                .withNewStatus().withNewAddress().withUrl(brokerIngress.toString()).endAddress().endStatus().build();
        client.adapt(KnativeClient.class).brokers().resource(broker).create();
    }

    static void sgCluster(KubernetesClient client, String name) {
        client.genericKubernetesResources(StreamDependencies.SGCLUSTER).inNamespace(NS)
                .resource(new GenericKubernetesResourceBuilder().withApiVersion("stackgres.io/v1").withKind("SGCluster")
                        .withNewMetadata().withName(name).withNamespace(NS).endMetadata().build())
                .create();
    }

    static void secret(KubernetesClient client, String name, String... keysAndValues) {
        Map<String, String> data = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            data.put(keysAndValues[i],
                    Base64.getEncoder().encodeToString(keysAndValues[i + 1].getBytes(StandardCharsets.UTF_8)));
        }
        client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName(name)
                .withNamespace(NS).endMetadata().withData(data).build()).create();
    }

    /** Every object the controller may make, labelled with {@code stream}, as {@code apiVersion/Kind/name}. */
    static List<String> objectsOf(KubernetesClient client, String stream) {
        List<HasMetadata> found = new ArrayList<>();
        KnativeClient knative = client.adapt(KnativeClient.class);
        found.addAll(client.serviceAccounts().inNamespace(NS).withLabel(StreamLabels.STREAM, stream).list().getItems());
        found.addAll(client.rbac().roles().inNamespace(NS).withLabel(StreamLabels.STREAM, stream).list().getItems());
        found.addAll(client.rbac().roleBindings().inNamespace(NS).withLabel(StreamLabels.STREAM, stream).list().getItems());
        found.addAll(client.apps().deployments().inNamespace(NS).withLabel(StreamLabels.STREAM, stream).list().getItems());
        found.addAll(client.services().inNamespace(NS).withLabel(StreamLabels.STREAM, stream).list().getItems());
        found.addAll(knative.sinkBindings().inNamespace(NS).withLabel(StreamLabels.STREAM, stream).list().getItems());
        found.addAll(knative.services().inNamespace(NS).withLabel(StreamLabels.STREAM, stream).list().getItems());
        found.addAll(knative.triggers().inNamespace(NS).withLabel(StreamLabels.STREAM, stream).list().getItems());
        // fabric8's mock lists Knative Services among core Services (same plural): keep each in its own group
        return found.stream().filter(o -> HasMetadata.getApiVersion(o.getClass()).equals(o.getApiVersion()))
                .map(ResourceApplier::describe).sorted().toList();
    }

    static SGStream read(KubernetesClient client, String name) {
        return client.resources(SGStream.class).inNamespace(NS).withName(name).get();
    }
}
