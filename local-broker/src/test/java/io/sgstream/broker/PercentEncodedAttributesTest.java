package io.sgstream.broker;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.sgstream.broker.delivery.SubscriberRegistry;
import io.sgstream.broker.testing.IngressClient;
import io.sgstream.broker.testing.RecordingSink;
import io.sgstream.broker.trigger.TriggerLoader;
import io.sgstream.event.CloudEventsHttp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Attribute values outside printable ASCII travel percent-encoded in binary-mode headers (CloudEvents HTTP binding
 * 3.1.3.2): the ingress decodes them before filtering, so CESQL sees the real value, and deliveries encode them
 * again, so a subscriber reading with the contract gets the original.
 */
class PercentEncodedAttributesTest {

    private static final String TABLE = "crème brûlée 100%";
    private static final String TRIGGERS = """
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata: {name: desserts, namespace: default}
            spec:
              broker: default
              filters:
                - cesql: "table = 'crème brûlée 100%' AND subject = 'öffentlich.crème brûlée 100%'"
              subscriber: {ref: {apiVersion: v1, kind: Service, name: desserts}}
            ---
            apiVersion: eventing.knative.dev/v1
            kind: Trigger
            metadata: {name: ascii-only, namespace: default}
            spec:
              broker: default
              filters:
                - cesql: "table = 'cr%C3%A8me br%C3%BBl%C3%A9e 100%25'"
              subscriber: {ref: {apiVersion: v1, kind: Service, name: ascii-only}}
            """;

    private RecordingSink sink;
    private LocalBroker broker;
    private IngressClient producer;

    @BeforeEach
    void start() {
        sink = new RecordingSink();
        SubscriberRegistry registry = new SubscriberRegistry()
                .register("desserts", sink.url("/desserts"))
                .register("ascii-only", sink.url("/ascii-only"));
        broker = LocalBroker.builder().manifests(TriggerLoader.parse(TRIGGERS, "desserts.yaml")).subscribers(registry).build();
        producer = new IngressClient(broker.startHttpIngress());
    }

    @AfterEach
    void stop() {
        broker.close();
        sink.close();
    }

    @Test
    void cesqlSeesTheDecodedValueOfABinaryModeHeader() {
        Map<String, String> headers = new LinkedHashMap<>();
        byte[][] body = {new byte[0]};
        CloudEventsHttp.writeBinary(event("1"), headers::put, b -> body[0] = b);
        assertThat(headers.get("ce-table")).isEqualTo("cr%C3%A8me%20br%C3%BBl%C3%A9e%20100%25");

        assertThat(producer.sendRaw(headers, body[0]).statusCode()).isEqualTo(202);

        assertThat(sink.received("/ascii-only")).isEmpty();
        assertThat(sink.received("/desserts")).singleElement().satisfies(r -> {
            assertThat(r.event().getExtension("table")).isEqualTo(TABLE);
            assertThat(r.event().getSubject()).isEqualTo("öffentlich." + TABLE);
            assertThat(r.header("ce-table")).isEqualTo("cr%C3%A8me%20br%C3%BBl%C3%A9e%20100%25"); // encoded again
        });
    }

    @Test
    void structuredModeCarriesTheValueInJson() {
        Map<String, String> headers = new LinkedHashMap<>();
        byte[][] body = {new byte[0]};
        CloudEventsHttp.writeStructured(event("2"), headers::put, b -> body[0] = b);
        assertThat(headers.get("Content-Type")).startsWith("application/cloudevents+json");
        assertThat(new String(body[0], StandardCharsets.UTF_8)).contains("\"table\":\"" + TABLE + "\"");

        assertThat(producer.sendRaw(headers, body[0]).statusCode()).isEqualTo(202);

        assertThat(sink.ids("/desserts")).containsExactly("2");
        assertThat(sink.received("/ascii-only")).isEmpty();
    }

    private static CloudEvent event(String id) {
        return CloudEventBuilder.v1().withId(id).withSource(URI.create("/sgstream/default/desserts"))
                .withType("io.sgstream.change").withSubject("öffentlich." + TABLE).withExtension("table", TABLE)
                .withData("application/json", "{}".getBytes(StandardCharsets.UTF_8)).build();
    }
}
