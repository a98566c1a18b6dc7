package io.sgstream.broker.testing;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/** Builds test CloudEvents tersely. */
public final class Events {

    private Events() {
    }

    /**
     * A JSON event; {@code extensions} are name/value pairs.
     */
    public static CloudEvent event(String id, String type, String source, String... extensions) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(id)
                .withType(type)
                .withSource(URI.create(source))
                .withDataContentType("application/json")
                .withData(("{\"id\":\"" + id + "\"}").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < extensions.length; i += 2) {
            builder.withExtension(extensions[i], extensions[i + 1]);
        }
        return builder.build();
    }

    public static CloudEvent event(String id, String type) {
        return event(id, type, "/test");
    }
}
