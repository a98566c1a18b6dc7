package io.sgstream.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.knative.eventing.v1.Trigger;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.sgstream.api.SGStream;
import io.sgstream.api.SGStreams;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The local runner routes with the Triggers written in {@code knative/local/<stream>-triggers.yaml}; on Kubernetes
 * the controller generates them. Both, parsed into fabric8's typed Knative Trigger, must agree on everything that
 * decides routing: broker, filters (in order) and subscriber. Delivery (retries, backoff) is the runner's own choice.
 * Triggers of the file not named after the stream (e.g. a user's Trigger for reply events) are not the controller's.
 */
@EnableKubernetesMockClient
class TriggerParityTest {

    static final Path LOCAL = Path.of("..", "knative", "local");
    static final Path EXAMPLES = Path.of("..", "knative", "examples");

    KubernetesClient client;

    static List<Path> triggerFiles() throws IOException {
        try (Stream<Path> files = Files.list(LOCAL)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-triggers.yaml")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("triggerFiles")
    void theLocalTriggersAreTheOnesTheControllerGenerates(Path file) throws IOException {
        String streamName = file.getFileName().toString().replace("-triggers.yaml", "");
        Path example = EXAMPLES.resolve(streamName + ".yaml");
        assertThat(example).as("the SGStream the local Triggers belong to").exists();

        List<Trigger> local;
        try (InputStream in = Files.newInputStream(file)) {
            local = client.load(in).items().stream().map(o -> {
                assertThat(o).as(file + ": every document is a Trigger").isInstanceOf(Trigger.class);
                return (Trigger) o;
            }).toList();
        }
        String namespace = local.get(0).getMetadata().getNamespace();
        SGStream stream = SGStreams.fromFile(example);
        stream.getMetadata().setNamespace(namespace);
        stream.getMetadata().setUid("parity");
        Map<String, Trigger> generated = StreamResources.desired(stream, TestCluster.SETTINGS).stream()
                .filter(Trigger.class::isInstance).map(Trigger.class::cast)
                .collect(Collectors.toMap(t -> t.getMetadata().getName(), Function.identity()));
        Map<String, Trigger> ofTheStream = local.stream()
                .filter(t -> t.getMetadata().getName().startsWith(streamName + "-"))
                .collect(Collectors.toMap(t -> t.getMetadata().getName(), Function.identity()));

        assertThat(generated).isNotEmpty();
        assertThat(ofTheStream.keySet()).as("Triggers of stream " + streamName)
                .containsExactlyInAnyOrderElementsOf(generated.keySet());
        generated.forEach((name, expected) -> {
            Trigger actual = ofTheStream.get(name);
            assertThat(expected.getSpec().getFilters()).as(name + " generated filters").isNotEmpty();
            assertThat(actual.getSpec().getFilters()).as(name + " filters").isEqualTo(expected.getSpec().getFilters());
            assertThat(actual.getSpec().getFilter()).as(name + " legacy filter").isEqualTo(expected.getSpec().getFilter());
            assertThat(actual.getSpec().getBroker()).as(name + " broker").isEqualTo(expected.getSpec().getBroker());
            assertThat(actual.getSpec().getSubscriber().getRef().getApiVersion())
                    .isEqualTo(expected.getSpec().getSubscriber().getRef().getApiVersion());
            assertThat(actual.getSpec().getSubscriber().getRef().getKind())
                    .isEqualTo(expected.getSpec().getSubscriber().getRef().getKind());
            assertThat(actual.getSpec().getSubscriber().getRef().getName()).as(name + " subscriber")
                    .isEqualTo(expected.getSpec().getSubscriber().getRef().getName());
        });
        assertThat(local).extracting(HasMetadata::getKind).containsOnly("Trigger");
    }
}
