package io.sgstream.broker;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.sgstream.broker.delivery.DeliveryOutcome;
import io.sgstream.broker.delivery.SubscriberRegistry;
import io.sgstream.broker.testing.IngressClient;
import io.sgstream.broker.testing.RecordingSink;
import io.sgstream.broker.testing.Resources;
import io.sgstream.broker.trigger.TriggerLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.sgstream.broker.testing.Events.event;
import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/** The Triggers of {@code /triggers/routing.yaml} (one per dialect) over real HTTP on loopback. */
class LocalBrokerRoutingTest {

    private static final List<String> REF_SUBSCRIBERS = List.of("legacy-orders", "legacy-any-subject",
            "exact-delete", "prefix-source", "suffix-type", "all-inventory-updates", "any-insert-or-update",
            "not-snapshot", "cesql-big-orders", "filters-override", "catch-all");

    private RecordingSink sink;
    private LocalBroker broker;
    private IngressClient producer;

    @BeforeEach
    void start() {
        sink = new RecordingSink();
        SubscriberRegistry registry = new SubscriberRegistry();
        REF_SUBSCRIBERS.forEach(name -> registry.register(name, sink.url("/" + name)));
        String manifests = Resources.text("/triggers/routing.yaml").replace("${SINK_URL}", sink.url("").toString());
        broker = LocalBroker.builder()
                .manifests(TriggerLoader.parse(manifests, "routing.yaml"))
                .subscribers(registry)
                .build();
        producer = new IngressClient(broker.startHttpIngress());
    }

    @AfterEach
    void stop() {
        broker.close();
        sink.close();
    }

    @Test
    void honorsOnlyTheTriggersOfItsBroker() {
        assertThat(broker.triggers()).hasSize(12).doesNotContain("other-broker");
        assertThat(broker.ingressUri()).hasValueSatisfying(uri ->
                assertThat(uri.toString()).matches("http://127\\.0\\.0\\.1:\\d+/default/default"));
    }

    @Test
    void eachDialectDeliversExactlyTheEventsItSelects() {
        CloudEvent bigOrderInsert = CloudEventBuilder.v1(event("e1", "io.sgstream.change", "/sgstream/prod/db",
                "table", "orders", "op", "c", "amount", "150")).withSubject("public.orders").build();
        CloudEvent smallSnapshotDelete = event("e2", "io.sgstream.change", "/sgstream/dev/db",
                "table", "orders", "op", "d", "amount", "50", "snapshot", "true");
        CloudEvent inventoryUpdate = event("e3", "io.sgstream.change", "/sgstream/prod/db",
                "table", "inventory", "op", "u");
        CloudEvent signal = event("e4", "io.sgstream.tombstone.signal", "/sgstream/prod/signals");
        CloudEvent customerSnapshot = event("e5", "io.sgstream.change", "/other",
                "table", "customers", "op", "r", "snapshot", "true");
        CloudEvent forUri = event("e6", "io.sgstream.uri", "/other");
        CloudEvent nonNumericAmount = event("e7", "x.other", "/x", "table", "orders", "amount", "abc");

        assertThat(producer.sendBinary(bigOrderInsert).statusCode()).isEqualTo(202);
        assertThat(producer.sendStructured(smallSnapshotDelete).statusCode()).isEqualTo(202);
        DispatchReport inProcess = broker.publish(inventoryUpdate);
        assertThat(producer.sendBinary(signal).statusCode()).isEqualTo(202);
        assertThat(producer.sendStructured(customerSnapshot).statusCode()).isEqualTo(202);
        broker.publish(forUri);
        assertThat(producer.sendBinary(nonNumericAmount).statusCode()).isEqualTo(202);

        // ack after dispatch: everything is already at the subscribers, no waiting needed
        Map<String, Set<String>> expected = Map.ofEntries(
                entry("legacy-orders", Set.of("e1", "e2")),
                entry("legacy-any-subject", Set.of("e1")),
                entry("exact-delete", Set.of("e2")),
                entry("prefix-source", Set.of("e1", "e3", "e4")),
                entry("suffix-type", Set.of("e4")),
                entry("all-inventory-updates", Set.of("e3")),
                entry("any-insert-or-update", Set.of("e1", "e3")),
                entry("not-snapshot", Set.of("e1", "e3")),
                entry("cesql-big-orders", Set.of("e1")),
                entry("filters-override", Set.of("e5")),
                entry("catch-all", Set.of("e1", "e2", "e3", "e4", "e5", "e6", "e7")),
                entry("uri-subscriber", Set.of("e6")));
        expected.forEach((trigger, ids) -> assertThat(sink.ids("/" + trigger)).as(trigger)
                .containsExactlyInAnyOrderElementsOf(ids));
        assertThat(inProcess.outcomes()).containsOnlyKeys("prefix-source", "all-inventory-updates",
                "any-insert-or-update", "not-snapshot", "catch-all").containsValue(DeliveryOutcome.DELIVERED)
                .doesNotContainValue(DeliveryOutcome.DROPPED);
        assertThat(broker.stats().accepted()).isEqualTo(7);
        assertThat(broker.stats().trigger("catch-all").delivered()).isEqualTo(7);
    }

    @Test
    void subscribersGetBinaryModeWithoutTheBrokerTtl() {
        CloudEvent noContentType = CloudEventBuilder.v1().withId("raw").withType("io.sgstream.uri")
                .withSource(URI.create("/s")).withExtension("partition", 7)
                .withData("{\"k\":1}".getBytes(StandardCharsets.UTF_8)).build();

        broker.publish(event("json", "io.sgstream.uri", "/s", "knativebrokerttl", "9"));
        broker.publish(noContentType);

        RecordingSink.Received json = sink.received("/uri-subscriber").get(0);
        assertThat(json.header("ce-id")).isEqualTo("json");
        assertThat(json.header("Content-Type")).isEqualTo("application/json");
        assertThat(json.header("Prefer")).isEqualTo("reply");
        assertThat(json.header("ce-knativebrokerttl")).isNull();
        assertThat(json.event().getExtension("knativearrivaltime")).isNotNull();
        RecordingSink.Received raw = sink.received("/uri-subscriber").get(1);
        assertThat(raw.header("Content-Type")).isEqualTo("application/json");
        assertThat(raw.header("ce-partition")).isEqualTo("7");
    }

    @Test
    void malformedEventsAreRefusedWith400AndAReason() {
        HttpResponse<String> noId = producer.sendRaw(Map.of("ce-specversion", "1.0", "ce-type", "t",
                "ce-source", "/s", "Content-Type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> notJson = producer.sendRaw(Map.of("Content-Type", "application/cloudevents+json"),
                "{not json".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> notAnEvent = producer.sendRaw(Map.of("Content-Type", "text/plain"),
                "hello".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> emptyType = producer.sendRaw(Map.of("ce-specversion", "1.0", "ce-id", "1",
                "ce-type", "", "ce-source", "/s"), new byte[0]);

        assertThat(List.of(noId, notJson, notAnEvent, emptyType)).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.body()).isNotBlank();
        });
        assertThat(noId.body()).startsWith("malformed CloudEvent").containsIgnoringCase("id");
        assertThat(emptyType.body()).contains("id, source and type must be non-empty");
        assertThat(producer.send("GET").statusCode()).isEqualTo(405);
        assertThat(producer.send("OPTIONS").headers().firstValue("WebHook-Allowed-Origin")).hasValue("*");
        assertThat(sink.all()).isEmpty();
    }

    @Test
    void anEventArrivingWithItsLastTtlIsRefused() {
        HttpResponse<String> spent = producer.sendBinary(event("ttl", "io.sgstream.uri", "/s",
                "knativebrokerttl", "1"));

        assertThat(spent.statusCode()).isEqualTo(400);
        assertThat(spent.body()).contains("knativebrokerttl");
        assertThat(sink.all()).isEmpty();
        assertThat(broker.stats().rejected()).isEqualTo(1);
    }
}
