package io.sgstream.broker.trigger;

import io.fabric8.knative.eventing.v1.Trigger;
import io.sgstream.broker.testing.Resources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TriggerLoaderTest {

    @Test
    void multiDocumentFileYieldsTypedTriggersAndBrokersAndIgnoresOtherKinds() {
        KnativeManifests manifests = TriggerLoader.load(Resources.path("/triggers/routing.yaml"));

        assertThat(manifests.triggers()).extracting(t -> t.getMetadata().getName()).containsExactly(
                "legacy-orders", "legacy-any-subject", "exact-delete", "prefix-source", "suffix-type",
                "all-inventory-updates", "any-insert-or-update", "not-snapshot", "cesql-big-orders",
                "filters-override", "catch-all", "uri-subscriber", "other-broker");
        assertThat(manifests.brokers()).extracting(b -> b.getMetadata().getName()).containsExactly("default");
        assertThat(manifests.broker("default").orElseThrow().getSpec().getDelivery().getRetry()).isEqualTo(2);

        Trigger legacy = byName(manifests, "legacy-orders");
        assertThat(legacy.getSpec().getFilter().getAttributes())
                .containsEntry("type", "io.sgstream.change").containsEntry("table", "orders");
        assertThat(legacy.getSpec().getSubscriber().getRef().getName()).isEqualTo("legacy-orders");

        Trigger cesql = byName(manifests, "cesql-big-orders");
        assertThat(cesql.getSpec().getFilters()).singleElement()
                .satisfies(f -> assertThat(f.getCesql()).isEqualTo("table = 'orders' AND INT(amount) > 100"));

        Trigger nested = byName(manifests, "not-snapshot");
        assertThat(nested.getSpec().getFilters().get(1).getNot().getExact()).containsEntry("snapshot", "true");
    }

    @Test
    void directoryIsWalkedRecursivelyReadingOnlyManifestFilesAndListKinds(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.yaml"), trigger("a"));
        Files.createDirectories(dir.resolve("nested"));
        Files.writeString(dir.resolve("nested/b.yml"), "---\n" + trigger("b") + "---\n");
        Files.writeString(dir.resolve("nested/list.yaml"), "apiVersion: v1\nkind: List\nitems:\n"
                + "  - apiVersion: eventing.knative.dev/v1\n    kind: Trigger\n    metadata: {name: c}\n"
                + "    spec: {broker: default, subscriber: {uri: 'http://x/'}}\n");
        Files.writeString(dir.resolve("README.md"), "kind: Trigger, but not a manifest file");

        KnativeManifests manifests = TriggerLoader.load(dir);

        assertThat(manifests.triggers()).extracting(t -> t.getMetadata().getName())
                .containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void triggersOfAnotherApiVersionAreNotEventingTriggers() {
        KnativeManifests manifests = TriggerLoader.parse(trigger("v1").replace("eventing.knative.dev/v1",
                "eventing.knative.dev/v1beta1"), "old.yaml");

        assertThat(manifests.triggers()).isEmpty();
    }

    @Test
    void malformedYamlNamesTheOrigin() {
        assertThatThrownBy(() -> TriggerLoader.parse("kind: Trigger\n  spec: [unclosed", "broken.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("broken.yaml");
    }

    @Test
    void fieldOfTheWrongTypeNamesDocumentAndFieldPath() {
        String yaml = trigger("first") + "---\n" + trigger("second").replace("spec:",
                "spec:\n  delivery:\n    retry: many");

        assertThatThrownBy(() -> TriggerLoader.parse(yaml, "typo.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("typo.yaml (document 2)")
                .hasMessageContaining("spec.delivery.retry");
    }

    private static Trigger byName(KnativeManifests manifests, String name) {
        return manifests.triggers().stream().filter(t -> t.getMetadata().getName().equals(name))
                .collect(Collectors.toList()).get(0);
    }

    private static String trigger(String name) {
        return "apiVersion: eventing.knative.dev/v1\nkind: Trigger\nmetadata:\n  name: " + name + "\nspec:\n"
                + "  broker: default\n  subscriber:\n    uri: http://localhost:9/\n";
    }
}
