package io.sgstream.capture.sink;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

import java.net.URI;
import java.nio.charset.StandardCharsets;

final class TestEvents {

    private TestEvents() {
    }

    static CloudEvent change(String id) {
        return CloudEventBuilder.v1()
                .withId(id)
                .withSource(URI.create("/sgstream/test/orders-stream"))
                .withType("io.sgstream.change")
                .withSubject("public.orders")
                .withExtension("stream", "orders-stream")
                .withExtension("op", "c")
                .withDataContentType("application/json")
                .withData(("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8))
                .build();
    }
}
